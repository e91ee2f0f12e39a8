import ComplexModule
import RealModule
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Element operations of the math ufuncs with NumPy's semantics where swift-numerics'
// differ: `pow` of a negative base or 0**0 (RealModule gives NaN, C and NumPy do not),
// `spacing`, `heaviside`, `logaddexp`, integer `power`/`gcd`/`lcm`, and the complex
// functions NumPy writes itself (`exp2`, `expm1`, `log1p`, `log2`, `log10`, `power`).

/// The C library functions NumPy calls that RealModule does not spell the C way.
protocol LibmReal: Real {
    /// C `pow` / `powf`, with C99's special values (pow(-8, 1/3) is NaN, pow(x, 0) is 1).
    static func cPow(_ x: Self, _ y: Self) -> Self
    /// C `ldexp`: x * 2**e, correctly rounded (also into the subnormal range).
    static func cLdexp(_ x: Self, _ e: Int32) -> Self
    /// C `frexp`: mantissa in [0.5, 1) and exponent; (x, 0) for 0, inf and NaN.
    static func cFrexp(_ x: Self) -> (Self, Int32)
    /// C `cbrt` / `cbrtf`.
    static func cCbrt(_ x: Self) -> Self
    /// NumPy's `NPY_PI` for this type (`Float.pi` rounds toward zero; C's constant is rounded to nearest).
    static var numpyPi: Self { get }
}

extension Double: LibmReal {
    @inline(__always) static func cPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    @inline(__always) static func cCbrt(_ x: Double) -> Double { Glibc.cbrt(x) }
    @inline(__always) static func cLdexp(_ x: Double, _ e: Int32) -> Double { Glibc.scalbn(x, e) }
    @inline(__always) static func cFrexp(_ x: Double) -> (Double, Int32) {
        var e: Int32 = 0
        let m = Glibc.frexp(x, &e)
        return (m, e)
    }
    static var numpyPi: Double { 0x1.921fb54442d18p+1 }
}

extension Float: LibmReal {
    @inline(__always) static func cPow(_ x: Float, _ y: Float) -> Float { Glibc.powf(x, y) }
    @inline(__always) static func cCbrt(_ x: Float) -> Float { Glibc.cbrtf(x) }
    @inline(__always) static func cLdexp(_ x: Float, _ e: Int32) -> Float { Glibc.scalbnf(x, e) }
    @inline(__always) static func cFrexp(_ x: Float) -> (Float, Int32) {
        var e: Int32 = 0
        let m = Glibc.frexpf(x, &e)
        return (m, e)
    }
    static var numpyPi: Float { 0x1.921fb6p+1 }
}

// MARK: Exponents and logarithms

/// `npy_logaddexp`: log(exp(x) + exp(y)) without overflow.
@inline(__always) func floatLogaddexp<T: Real>(_ x: T, _ y: T) -> T {
    if x == y { return x + T.log(2) }  // also inf + inf of the same sign, without a NaN
    let d = x - y
    if d > 0 { return x + T.log(onePlus: T.exp(-d)) }
    if d <= 0 { return y + T.log(onePlus: T.exp(d)) }
    return d  // NaN
}

/// `npy_logaddexp2`: log2(2**x + 2**y) without overflow.
@inline(__always) func floatLogaddexp2<T: Real>(_ x: T, _ y: T) -> T {
    if x == y { return x + 1 }
    let d = x - y
    let log2e = 1 / T.log(2)
    if d > 0 { return x + log2e * T.log(onePlus: T.exp2(-d)) }
    if d <= 0 { return y + log2e * T.log(onePlus: T.exp2(d)) }
    return d
}

/// Integer `power` by squaring, wrapping on overflow. 0**0 is 1. NumPy raises for a
/// negative exponent; Tessera's loops cannot throw, so the result is 0 (documented).
@inline(__always) func integerPower<T: FixedWidthInteger>(_ base: T, _ exponent: T) -> T {
    if T.isSigned && exponent < 0 { return 0 }
    var result: T = 1, factor = base, e = exponent
    while e != 0 {
        if e & 1 != 0 { result = result &* factor }
        e >>= 1
        if e != 0 { factor = factor &* factor }
    }
    return result
}

// MARK: Angles

@inline(__always) func floatDeg2rad<T: LibmReal>(_ x: T) -> T { x * (T.numpyPi / 180) }
@inline(__always) func floatRad2deg<T: LibmReal>(_ x: T) -> T { x * (180 / T.numpyPi) }

// MARK: Floating-point bits

/// C `nextafter`: the neighbour of x toward y; y when they are equal; NaN if either is.
@inline(__always) func floatNextafter<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
    if x.isNaN || y.isNaN { return x + y }
    if x == y { return y }
    return x < y ? x.nextUp : x.nextDown
}

/// NumPy's float16 `nextafter` (`npy_half_nextafter`): x itself when x == y, so
/// nextafter(0, -0) is +0 (C gives y).
@inline(__always) func halfNextafter(_ x: Float16, _ y: Float16) -> Float16 {
    if x.isNaN || y.isNaN { return .nan }
    if x == y { return x }
    return x < y ? x.nextUp : x.nextDown
}

/// NumPy's float16 `spacing` (`npy_half_spacing`): always the gap above x, so it is
/// positive for negative x too (float32/64 give a negative gap there).
@inline(__always) func halfSpacing(_ x: Float16) -> Float16 {
    x.isFinite ? x.nextUp - x : .nan
}

/// `npy_spacing`: the distance to the neighbour away from zero (negative for negative x);
/// the smallest subnormal for ±0; NaN for ±inf and NaN.
@inline(__always) func floatSpacing<T: BinaryFloatingPoint>(_ x: T) -> T {
    if !x.isFinite { return .nan }
    if x == 0 { return T.leastNonzeroMagnitude }
    return (x < 0 ? x.nextDown : x.nextUp) - x
}

/// `ldexp` with a 64-bit exponent: NumPy clamps it to the C `int` range first.
@inline(__always) func floatLdexp<T: LibmReal, E: FixedWidthInteger>(_ x: T, _ e: E) -> T {
    T.cLdexp(x, Int32(clamping: e))
}

/// `modf`: (fractional part, integral part), both with the sign of x; (±0, ±inf) for ±inf.
@inline(__always) func floatModf<T: FloatingPoint>(_ x: T) -> (T, T) {
    let integral = x.rounded(.towardZero)
    let fraction = x.isInfinite ? 0 : x - integral
    return (T(signOf: x, magnitudeOf: fraction), integral)
}

/// `npy_heaviside`: 0 for x < 0, h0 for x == 0, 1 for x > 0, NaN for NaN.
@inline(__always) func floatHeaviside<T: FloatingPoint>(_ x: T, _ h0: T) -> T {
    if x.isNaN { return .nan }
    if x == 0 { return h0 }
    return x < 0 ? 0 : 1
}

// MARK: Integer math

/// `npy_gcd`: Euclid on |a| and |b| (|MIN| wraps to MIN, as in C).
@inline(__always) func integerGcd<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    var x = a.magnitude, y = b.magnitude
    while y != 0 { (x, y) = (y, x % y) }
    return T(truncatingIfNeeded: x)
}

/// `npy_lcm`: |a| / gcd * |b|, wrapping on overflow; 0 when either is 0.
@inline(__always) func integerLcm<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    let x = a.magnitude, y = b.magnitude
    var p = x, q = y
    while q != 0 { (p, q) = (q, p % q) }
    if p == 0 { return 0 }
    return T(truncatingIfNeeded: (x / p) &* y)
}

// MARK: Complex

@inline(__always) func complexConjugate<T: Real>(_ z: Complex<T>) -> Complex<T> { Complex(z.rawStorage.x, -z.rawStorage.y) }

/// `nc_rint`: each part rounded to the nearest integer, ties to even.
@inline(__always) func complexRint<T: Real>(_ z: Complex<T>) -> Complex<T> {
    Complex(z.rawStorage.x.rounded(.toNearestOrEven), z.rawStorage.y.rounded(.toNearestOrEven))
}

@inline(__always) func complexIsNaNRaw<T: Real>(_ z: Complex<T>) -> Bool { z.rawStorage.x.isNaN || z.rawStorage.y.isNaN }
@inline(__always) func complexIsInfinite<T: Real>(_ z: Complex<T>) -> Bool { z.rawStorage.x.isInfinite || z.rawStorage.y.isInfinite }
@inline(__always) func complexIsFinite<T: Real>(_ z: Complex<T>) -> Bool { z.rawStorage.x.isFinite && z.rawStorage.y.isFinite }

/// C99 `csqrt` (what NumPy's `nc_sqrt` calls), with Annex G's special values.
@inline(__always) func complexSqrt<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let a = z.rawStorage.x, b = z.rawStorage.y
    if b.isInfinite { return Complex(.infinity, b) }
    if a.isNaN { return Complex(a, b.isNaN ? b : .nan) }
    if a.isInfinite {
        if b.isNaN { return a > 0 ? Complex(a, b) : Complex(b, .infinity) }
        return a > 0 ? Complex(a, T(signOf: b, magnitudeOf: 0)) : Complex(0, T(signOf: b, magnitudeOf: .infinity))
    }
    if b.isNaN { return Complex(.nan, .nan) }
    if a == 0 && b == 0 { return Complex(0, b) }
    // Scale to avoid overflow/underflow in a + |z|.
    let t = T.sqrt((Swift.abs(a) + T.hypot(a, b)) / 2)
    if t == 0 || !t.isFinite {
        // Extreme magnitudes: fall back to swift-numerics' scaled algorithm.
        let r = Complex.sqrt(z).rawStorage
        return Complex(r.x, T(signOf: b, magnitudeOf: r.y))
    }
    if a >= 0 { return Complex(t, b / (2 * t)) }
    return Complex(Swift.abs(b) / (2 * t), T(signOf: b, magnitudeOf: t))
}

/// C99 `cexp` with Annex G's special values; finite values through swift-numerics.
@inline(__always) func complexExp<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let a = z.rawStorage.x, b = z.rawStorage.y
    if a.isFinite && b.isFinite {
        if b == 0 { return Complex(T.exp(a), b) }
        let r = Complex.exp(z).rawStorage
        return Complex(r.x, r.y)
    }
    if a.isNaN {
        return b == 0 ? Complex(a, b) : Complex(.nan, .nan)
    }
    if a.isInfinite {
        if a < 0 {
            if !b.isFinite { return Complex(0, 0) }
            return Complex(0 * T.cos(b), 0 * T.sin(b))
        }
        if b == 0 { return Complex(a, b) }
        if !b.isFinite { return Complex(a, .nan) }
        return Complex(a * T.cos(b), a * T.sin(b))
    }
    // a finite, b inf or NaN
    return Complex(.nan, .nan)
}

/// C99 `clog` with Annex G's special values; finite values through swift-numerics.
@inline(__always) func complexLog<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let a = z.rawStorage.x, b = z.rawStorage.y
    if a.isInfinite || b.isInfinite {
        return Complex(.infinity, (a.isNaN || b.isNaN) ? .nan : T.atan2(y: b, x: a))
    }
    if a.isNaN || b.isNaN { return Complex(.nan, .nan) }
    if a == 0 && b == 0 { return Complex(-.infinity, T.atan2(y: b, x: a)) }
    return Complex(Complex.log(z).real, T.atan2(y: b, x: a))
}

/// `nc_exp2`: exp(z * ln 2).
@inline(__always) func complexExp2<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let ln2 = T.log(2)
    return complexExp(Complex(z.rawStorage.x * ln2, z.rawStorage.y * ln2))
}

/// `nc_expm1`: (expm1(x)·cos y − 2 sin²(y/2), exp(x)·sin y), accurate near 0.
@inline(__always) func complexExpm1<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let x = z.rawStorage.x, y = z.rawStorage.y
    let s = T.sin(y / 2)
    return Complex(T.expMinusOne(x) * T.cos(y) - 2 * s * s, T.exp(x) * T.sin(y))
}

/// `nc_log1p`: (log |1 + z|, arg(1 + z)).
@inline(__always) func complexLog1p<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let x = z.rawStorage.x + 1, y = z.rawStorage.y
    return Complex(T.log(T.hypot(x, y)), T.atan2(y: y, x: x))
}

/// `nc_log2`: clog(z) · log2(e).
@inline(__always) func complexLog2<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let l = complexLog(z), k = 1 / T.log(2)
    return Complex(l.rawStorage.x * k, l.rawStorage.y * k)
}

/// `nc_log10`: clog(z) · log10(e).
@inline(__always) func complexLog10<T: Real>(_ z: Complex<T>) -> Complex<T> {
    let l = complexLog(z), k = 1 / T.log(10)
    return Complex(l.rawStorage.x * k, l.rawStorage.y * k)
}

/// `nc_pow`: exact small integer powers by repeated multiplication, else exp(b · log a).
@inline(__always) func complexPower<T: Real & BinaryFloatingPoint>(_ a: Complex<T>, _ b: Complex<T>) -> Complex<T> {
    let (br, bi) = b.rawStorage
    if br == 0 && bi == 0 { return Complex(1, 0) }
    if a.rawStorage.x == 0 && a.rawStorage.y == 0 {
        return (br > 0 && bi == 0) ? Complex(0, 0) : Complex(.nan, .nan)
    }
    if bi == 0 && br.rounded(.towardZero) == br && Swift.abs(br) < 100 {
        let n = Int(br)
        if n == 1 { return a }
        if n == 2 { return complexMultiply(a, a) }
        if n == 3 { return complexMultiply(a, complexMultiply(a, a)) }
        var result = Complex<T>(1, 0), p = a, m = Swift.abs(n), mask = 1
        while true {
            if m & mask != 0 { result = complexMultiply(result, p) }
            mask <<= 1
            if m < mask { break }
            p = complexMultiply(p, p)
        }
        return br < 0 ? complexDivide(Complex(1, 0), result) : result
    }
    let l = complexLog(a)
    return complexExp(complexMultiply(b, l))
}

/// A swift-numerics elementary function on finite values. Non-finite inputs give NaN+NaNj:
/// swift-numerics treats every complex infinity as one point, where NumPy (C99 Annex G)
/// distinguishes them; this is a documented difference of these loops.
@inline(__always) func complexFinite<T: Real>(_ z: Complex<T>, _ f: (Complex<T>) -> Complex<T>) -> Complex<T> {
    guard complexIsFinite(z) else { return Complex(.nan, .nan) }
    let r = f(z).rawStorage
    return Complex(r.x, r.y)
}
