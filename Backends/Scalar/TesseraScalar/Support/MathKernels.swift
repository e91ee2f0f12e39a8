import ComplexModule
import RealModule
internal import _TesseraScalarShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Element operations of the math ufuncs with NumPy's semantics where swift-numerics'
// differ: `pow` of a negative base or 0**0 (RealModule gives NaN, C and NumPy do not),
// `spacing`, `heaviside`, `logaddexp`, integer `power`/`gcd`/`lcm`; the complex functions
// through glibc's C99 ones (as NumPy's loops call them, via _TesseraScalarShim) and the few
// NumPy writes itself (`exp2`, `expm1`, `log1p`, `log2`, `log10`, `power`'s special cases).

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
    /// glibc's complex `function(z)` (`csqrt`/`csqrtf`, `cexp`/`cexpf`, … by the shim's
    /// enumeration): what NumPy's `nc_*` loops call, so results, special values and branch
    /// cuts are NumPy's bit for bit (C99 Annex G as glibc implements it).
    static func libm(_ function: tessera_complex_function, _ z: Complex<Self>) -> Complex<Self>
    /// NumPy's `npy_cpow` (see `TesseraLibm.h`).
    static func libmPower(_ a: Complex<Self>, _ b: Complex<Self>) -> Complex<Self>
    /// NumPy's constants ln 2, log2(e) and log10(e) (`NPY_LOGE2`, …), rounded once.
    static var ln2: Self { get }
    static var log2e: Self { get }
    static var log10e: Self { get }
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
    @inline(__always) static func libm(_ function: tessera_complex_function, _ z: Complex<Double>) -> Complex<Double> {
        let r = tessera_complex128_apply(function, tessera_complex128(re: z.rawStorage.x, im: z.rawStorage.y))
        return Complex(r.re, r.im)
    }
    @inline(__always) static func libmPower(_ a: Complex<Double>, _ b: Complex<Double>) -> Complex<Double> {
        let r = tessera_complex128_power(tessera_complex128(re: a.rawStorage.x, im: a.rawStorage.y),
                                         tessera_complex128(re: b.rawStorage.x, im: b.rawStorage.y))
        return Complex(r.re, r.im)
    }
    static var ln2: Double { 0.693147180559945309417232121458176568 }
    static var log2e: Double { 1.442695040888963407359924681001892137 }
    static var log10e: Double { 0.434294481903251827651128918916605082 }
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
    @inline(__always) static func libm(_ function: tessera_complex_function, _ z: Complex<Float>) -> Complex<Float> {
        let r = tessera_complex64_apply(function, tessera_complex64(re: z.rawStorage.x, im: z.rawStorage.y))
        return Complex(r.re, r.im)
    }
    @inline(__always) static func libmPower(_ a: Complex<Float>, _ b: Complex<Float>) -> Complex<Float> {
        let r = tessera_complex64_power(tessera_complex64(re: a.rawStorage.x, im: a.rawStorage.y),
                                        tessera_complex64(re: b.rawStorage.x, im: b.rawStorage.y))
        return Complex(r.re, r.im)
    }
    static var ln2: Float { 0.693147180559945309417232121458176568 }
    static var log2e: Float { 1.442695040888963407359924681001892137 }
    static var log10e: Float { 0.434294481903251827651128918916605082 }
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

/// glibc's complex `function` of `z` (`nc_sqrt`, `nc_exp`, `nc_log`, `nc_sin`, …).
@inline(__always) func libmComplex<T: LibmReal>(_ function: tessera_complex_function, _ z: Complex<T>) -> Complex<T> {
    T.libm(function, z)
}

/// `nc_pow`: NumPy's `npy_cpow` (a^0 = 1, 0^b, small integer powers, else `cpow`).
@inline(__always) func complexPower<T: LibmReal>(_ a: Complex<T>, _ b: Complex<T>) -> Complex<T> {
    T.libmPower(a, b)
}

/// `nc_exp2`: cexp(z · ln 2), each part scaled in the element precision.
@inline(__always) func complexExp2<T: LibmReal>(_ z: Complex<T>) -> Complex<T> {
    T.libm(TESSERA_CEXP, Complex(z.rawStorage.x * T.ln2, z.rawStorage.y * T.ln2))
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
@inline(__always) func complexLog2<T: LibmReal>(_ z: Complex<T>) -> Complex<T> {
    let l = T.libm(TESSERA_CLOG, z)
    return Complex(l.rawStorage.x * T.log2e, l.rawStorage.y * T.log2e)
}

/// `nc_log10`: clog(z) · log10(e).
@inline(__always) func complexLog10<T: LibmReal>(_ z: Complex<T>) -> Complex<T> {
    let l = T.libm(TESSERA_CLOG, z)
    return Complex(l.rawStorage.x * T.log10e, l.rawStorage.y * T.log10e)
}
