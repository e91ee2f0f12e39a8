import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The higher-precision references accuracy tests measure math loops against, by NumPy
/// name (one table for every test target): double-precision libm for float32 results
/// (≤ 1 ULP of float64, exact at float32 scale) and long-double libm for float64 results
/// (a 64-bit significand, exact at float64 scale). Binary functions take both arguments;
/// unary ones ignore the second.
public struct MathReference: Sendable {
    /// The function in double precision (for float32 and float16 results).
    public let double: @Sendable (Double, Double) -> Double
    /// The function in long double (for float64 results).
    public let longDouble: @Sendable (Float80, Float80) -> Float80

    public init(double: @escaping @Sendable (Double, Double) -> Double, longDouble: @escaping @Sendable (Float80, Float80) -> Float80) {
        self.double = double
        self.longDouble = longDouble
    }

    static func unary(_ double: @escaping @Sendable (Double) -> Double, _ longDouble: @escaping @Sendable (Float80) -> Float80) -> MathReference {
        MathReference(double: { x, _ in double(x) }, longDouble: { x, _ in longDouble(x) })
    }

    /// log(exp(x) + exp(y)) without overflow, as NumPy defines logaddexp (x + log 2 for x == y).
    static func logaddexp<T: BinaryFloatingPoint>(_ x: T, _ y: T, log1pExp: (T) -> T, log2: T) -> T {
        if x.isNaN || y.isNaN { return .nan }
        if x == y { return x + log2 }
        let high = Swift.max(x, y), low = Swift.min(x, y)
        return high + log1pExp(low - high)
    }

    /// Every math ufunc with a stated ULP bound somewhere, by NumPy name.
    public static let byName: [String: MathReference] = [
        "exp": .unary(Glibc.exp, expl), "exp2": .unary(Glibc.exp2, exp2l), "expm1": .unary(Glibc.expm1, expm1l),
        "log": .unary(Glibc.log, logl), "log2": .unary(Glibc.log2, log2l), "log10": .unary(Glibc.log10, log10l),
        "log1p": .unary(Glibc.log1p, log1pl),
        "sin": .unary(Glibc.sin, sinl), "cos": .unary(Glibc.cos, cosl), "tan": .unary(Glibc.tan, tanl),
        "arcsin": .unary(Glibc.asin, asinl), "arccos": .unary(Glibc.acos, acosl), "arctan": .unary(Glibc.atan, atanl),
        "sinh": .unary(Glibc.sinh, sinhl), "cosh": .unary(Glibc.cosh, coshl), "tanh": .unary(Glibc.tanh, tanhl),
        "arcsinh": .unary(Glibc.asinh, asinhl), "arccosh": .unary(Glibc.acosh, acoshl), "arctanh": .unary(Glibc.atanh, atanhl),
        "cbrt": .unary(Glibc.cbrt, cbrtl), "sqrt": .unary(Glibc.sqrt, sqrtl),
        "power": MathReference(double: Glibc.pow, longDouble: powl),
        "float_power": MathReference(double: Glibc.pow, longDouble: powl),
        "arctan2": MathReference(double: Glibc.atan2, longDouble: atan2l),
        "hypot": MathReference(double: Glibc.hypot, longDouble: hypotl),
        "logaddexp": MathReference(
            double: { logaddexp($0, $1, log1pExp: { Glibc.log1p(Glibc.exp($0)) }, log2: Glibc.log(2)) },
            longDouble: { logaddexp($0, $1, log1pExp: { log1pl(expl($0)) }, log2: logl(2)) }
        ),
        "logaddexp2": MathReference(
            double: { logaddexp($0, $1, log1pExp: { Glibc.log1p(Glibc.exp2($0)) / Glibc.log(2) }, log2: 1) },
            longDouble: { logaddexp($0, $1, log1pExp: { log1pl(exp2l($0)) / logl(2) }, log2: 1) }
        ),
    ]

    /// The reference for `name`; stops with the names there are when there is none.
    public static func named(_ name: String) -> MathReference {
        guard let reference = byName[name] else {
            preconditionFailure("no math reference for `\(name)`; references: \(byName.keys.sorted().joined(separator: ", "))")
        }
        return reference
    }
}
