import Foundation
import Tessera

// The one place tests measure errors in units in the last place (ULP):
// - `ulpDistance`: how many representable values apart two results of one format are
//   (comparing with NumPy or another backend);
// - `ulpError`: how far a result is from the exact value, in ULP of the exact value's
//   binade (comparing with a higher-precision reference, as libm and SLEEF state their bounds).

/// Distance in ULP between two doubles: 0 when both are NaN or they are equal (±0 included),
/// infinity when only one is NaN or either is infinite.
public func ulpDistance(_ a: Double, _ b: Double) -> Double {
    orderedDistance(a, b) { $0.magnitude.bitPattern }
}

/// Distance in ULP between two floats.
public func ulpDistance(_ a: Float, _ b: Float) -> Double {
    orderedDistance(a, b) { UInt64($0.magnitude.bitPattern) }
}

/// Distance in ULP between two float16 values.
public func ulpDistance(_ a: Float16, _ b: Float16) -> Double {
    orderedDistance(a, b) { UInt64($0.magnitude.bitPattern) }
}

/// Distance in ULP of `dtype` (float16, float32, anything else as float64) between two
/// values of that dtype held as doubles.
public func ulpDistance(_ a: Double, _ b: Double, in dtype: DType) -> Double {
    switch dtype {
    case .float16: ulpDistance(Float16(a), Float16(b))
    case .float32: ulpDistance(Float(a), Float(b))
    default: ulpDistance(a, b)
    }
}

/// The values as signed integers ordered like the values (−0 and +0 both 0): the
/// magnitude's bit pattern, negated for negative values.
private func orderedDistance<T: BinaryFloatingPoint>(_ a: T, _ b: T, _ magnitudeBits: (T) -> UInt64) -> Double {
    if a.isNaN && b.isNaN { return 0 }
    if a == b { return 0 }
    if a.isNaN || b.isNaN || a.isInfinite || b.isInfinite { return .infinity }
    func ordered(_ x: T) -> Int64 {
        let bits = Int64(magnitudeBits(x))
        return x.sign == .minus ? -bits : bits
    }
    return Double((ordered(a) - ordered(b)).magnitude)
}

/// A binary floating-point format, for measuring errors in its ULP.
public struct FloatFormat: Sendable {
    /// Significand bits after the binary point (23 for float32).
    public let significandBits: Int
    /// The exponent of the least normal value (−126 for float32).
    public let minExponent: Int
    /// The exponent of the overflow threshold 2^maxExponent (128 for float32).
    public let maxExponent: Int

    public static let float16 = FloatFormat(significandBits: 10, minExponent: -14, maxExponent: 16)
    public static let float32 = FloatFormat(significandBits: 23, minExponent: -126, maxExponent: 128)
    public static let float64 = FloatFormat(significandBits: 52, minExponent: -1022, maxExponent: 1024)

    /// float16, float32, or float64 for every other dtype.
    public init(_ dtype: DType) {
        self = switch dtype {
        case .float16: .float16
        case .float32: .float32
        default: .float64
        }
    }

    public init(significandBits: Int, minExponent: Int, maxExponent: Int) {
        self.significandBits = significandBits
        self.minExponent = minExponent
        self.maxExponent = maxExponent
    }
}

/// Error of `result` (a value of `format`) in ULP of the exact value: the ULP of the
/// exact value's binade (the subnormal spacing below the least normal). A result of
/// ±infinity counts as the overflow threshold ±2^maxExponent, so rounding to infinity from
/// beyond the threshold is exact and from just below it costs less than one ULP. Two NaNs
/// are exact; one NaN is infinitely wrong.
public func ulpError(_ result: Double, exact: Float80, in format: FloatFormat) -> Double {
    if exact.isNaN || result.isNaN { return exact.isNaN && result.isNaN ? 0 : .infinity }
    let overflow = Float80(sign: .plus, exponent: format.maxExponent, significand: 1)
    if Swift.abs(exact) >= overflow { return result.isInfinite && (result > 0) == (exact > 0) ? 0 : .infinity }
    let value: Float80 = result.isInfinite ? (result > 0 ? overflow : -overflow) : Float80(result)
    let exponent = exact == 0 ? format.minExponent : Swift.max(Int(exact.exponent), format.minExponent)
    return Double(Swift.abs(value - exact) / Float80(sign: .plus, exponent: exponent - format.significandBits, significand: 1))
}

/// Error of a float32 result in ULP of the exact value (a double reference).
public func ulpError(_ result: Float, exact: Double) -> Double {
    ulpError(Double(result), exact: Float80(exact), in: .float32)
}

/// Error of a float64 result in ULP of the exact value (a long-double reference).
public func ulpError(_ result: Double, exact: Float80) -> Double {
    ulpError(result, exact: exact, in: .float64)
}
