import ComplexModule
import RealModule

// Element operations with NumPy's exact semantics where Swift's operators differ:
// integer division never traps, float floor division and remainder follow
// `npy_divmod`, complex division is Smith's algorithm as in NumPy's loops.

// MARK: Integer division family

@inline(__always) func integerFloorDivide<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    if b == 0 { return 0 }
    let (q, overflow) = a.dividedReportingOverflow(by: b)
    if overflow { return T.min }  // INT_MIN // -1
    if T.isSigned && (a % b != 0) && ((a < 0) != (b < 0)) { return q &- 1 }
    return q
}

@inline(__always) func integerRemainder<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    if b == 0 { return 0 }
    let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
    if overflow { return 0 }
    if T.isSigned && r != 0 && ((r < 0) != (b < 0)) { return r &+ b }
    return r
}

@inline(__always) func integerFmod<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    if b == 0 { return 0 }
    let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
    return overflow ? 0 : r
}

@inline(__always) func integerDivmod<T: FixedWidthInteger>(_ a: T, _ b: T) -> (T, T) {
    (integerFloorDivide(a, b), integerRemainder(a, b))
}

/// NumPy's integer `reciprocal`: `1.0 / x` converted back with C's cast (1/0 → INT_MIN).
@inline(__always) func integerReciprocal<T: FixedWidthInteger>(_ a: T) -> T {
    let r = 1.0 / Double(a)
    if T.bitWidth == 64 {
        return T(truncatingIfNeeded: (r >= -9223372036854775808.0 && r < 9223372036854775808.0) ? Int64(r) : Int64.min)
    }
    return T(truncatingIfNeeded: (r > -2147483649.0 && r < 2147483648.0) ? Int32(r) : Int32.min)
}

@inline(__always) func integerLeftShift<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    // The shift amount compares as unsigned: negative amounts are huge and give 0.
    if UInt64(truncatingIfNeeded: b) >= UInt64(T.bitWidth) || (T.isSigned && b < 0) { return 0 }
    return a << b
}

@inline(__always) func integerRightShift<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    if UInt64(truncatingIfNeeded: b) >= UInt64(T.bitWidth) || (T.isSigned && b < 0) {
        return (T.isSigned && a < 0) ? ~0 : 0
    }
    return a >> b
}

@inline(__always) func integerSign<T: FixedWidthInteger>(_ a: T) -> T {
    a > 0 ? 1 : (a < 0 ? ~0 : 0)
}

@inline(__always) func integerAbsolute<T: FixedWidthInteger>(_ a: T) -> T {
    (T.isSigned && a < 0) ? 0 &- a : a
}

// MARK: Float division family (npy_divmod)

@inline(__always) func floatDivmod<T: Real>(_ a: T, _ b: T) -> (T, T) {
    let mod0 = T.remainderTowardZero(a, b)
    if b == 0 {
        return (a / b, mod0)
    }
    var mod = mod0
    var div = (a - mod) / b
    if mod != 0 {
        if (b < 0) != (mod < 0) {
            mod += b
            div -= 1
        }
    } else {
        mod = T(signOf: b, magnitudeOf: 0)
    }
    var floordiv: T
    if div != 0 {
        floordiv = div.rounded(.down)
        if div - floordiv > 1 / 2 { floordiv += 1 }
    } else {
        floordiv = T(signOf: a / b, magnitudeOf: 0)
    }
    return (floordiv, mod)
}

@inline(__always) func floatFloorDivide<T: Real>(_ a: T, _ b: T) -> T {
    b == 0 ? a / b : floatDivmod(a, b).0
}

@inline(__always) func floatRemainder<T: Real>(_ a: T, _ b: T) -> T {
    b == 0 ? T.remainderTowardZero(a, b) : floatDivmod(a, b).1
}

extension Real {
    /// C's `fmod`: the remainder of truncating division, with the sign of `a`.
    @inline(__always) static func remainderTowardZero(_ a: Self, _ b: Self) -> Self {
        a.truncatingRemainder(dividingBy: b)
    }
}

@inline(__always) func floatSign<T: FloatingPoint>(_ a: T) -> T {
    a > 0 ? 1 : (a < 0 ? -1 : (a == 0 ? 0 : a))
}

/// NumPy's `maximum`: NaN in either input propagates.
@inline(__always) func floatMaximum<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    a.isNaN ? a : (a > b ? a : b)
}

@inline(__always) func floatMinimum<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    a.isNaN ? a : (a < b ? a : b)
}

/// NumPy's `fmax`: NaN only when both inputs are NaN.
@inline(__always) func floatFmax<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    b.isNaN ? a : (a > b ? a : b)
}

@inline(__always) func floatFmin<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    b.isNaN ? a : (a < b ? a : b)
}

// MARK: Complex

/// Smith's algorithm, as NumPy's complex divide loop.
@inline(__always) func complexDivide<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    let ar = x.real, ai = x.imaginary, br = y.real, bi = y.imaginary
    let brAbs = abs(br), biAbs = abs(bi)
    if brAbs >= biAbs {
        if brAbs == 0 && biAbs == 0 {
            return Complex(ar / brAbs, ai / brAbs)
        }
        let rat = bi / br
        let scl = 1 / (br + bi * rat)
        return Complex((ar + ai * rat) * scl, (ai - ar * rat) * scl)
    }
    let rat = br / bi
    let scl = 1 / (bi + br * rat)
    return Complex((ar * rat + ai) * scl, (ai * rat - ar) * scl)
}

@inline(__always) func complexMultiply<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    Complex(x.real * y.real - x.imaginary * y.imaginary, x.real * y.imaginary + x.imaginary * y.real)
}

@inline(__always) func complexAdd<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    Complex(x.real + y.real, x.imaginary + y.imaginary)
}

@inline(__always) func complexSubtract<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    Complex(x.real - y.real, x.imaginary - y.imaginary)
}

// Lexicographic order with NumPy's NaN rules (CGT/CGE/CLT/CLE in loops.c.src).
@inline(__always) func complexGreater<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.real > y.real && !x.imaginary.isNaN && !y.imaginary.isNaN) || (x.real == y.real && x.imaginary > y.imaginary)
}
@inline(__always) func complexGreaterEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.real > y.real && !x.imaginary.isNaN && !y.imaginary.isNaN) || (x.real == y.real && x.imaginary >= y.imaginary)
}
@inline(__always) func complexLess<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.real < y.real && !x.imaginary.isNaN && !y.imaginary.isNaN) || (x.real == y.real && x.imaginary < y.imaginary)
}
@inline(__always) func complexLessEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.real < y.real && !x.imaginary.isNaN && !y.imaginary.isNaN) || (x.real == y.real && x.imaginary <= y.imaginary)
}
@inline(__always) func complexEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    x.real == y.real && x.imaginary == y.imaginary
}
@inline(__always) func complexIsNaN<T: Real>(_ x: Complex<T>) -> Bool { x.real.isNaN || x.imaginary.isNaN }

@inline(__always) func complexMaximum<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    (complexIsNaN(x) || complexGreaterEqual(x, y)) ? x : y
}
@inline(__always) func complexMinimum<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    (complexIsNaN(x) || complexLessEqual(x, y)) ? x : y
}
@inline(__always) func complexFmax<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    (complexIsNaN(y) || complexGreaterEqual(x, y)) ? x : y
}
@inline(__always) func complexFmin<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    (complexIsNaN(y) || complexLessEqual(x, y)) ? x : y
}

/// NumPy 2's complex `sign`: x / |x|, 0 for 0.
@inline(__always) func complexSign<T: Real>(_ x: Complex<T>) -> Complex<T> {
    if x.real == 0 && x.imaginary == 0 { return Complex(0, 0) }
    if complexIsNaN(x) { return Complex(T.nan, T.nan) }
    let magnitude = T.hypot(x.real, x.imaginary)
    if magnitude.isInfinite {
        if x.real.isInfinite && x.imaginary.isInfinite { return Complex(T.nan, T.nan) }
        return Complex(x.real.isInfinite ? T(signOf: x.real, magnitudeOf: 1) : T(signOf: x.real, magnitudeOf: 0),
                       x.imaginary.isInfinite ? T(signOf: x.imaginary, magnitudeOf: 1) : T(signOf: x.imaginary, magnitudeOf: 0))
    }
    return Complex(x.real / magnitude, x.imaginary / magnitude)
}

@inline(__always) func complexReciprocal<T: Real>(_ x: Complex<T>) -> Complex<T> {
    complexDivide(Complex(1, 0), x)
}

@inline(__always) func complexIsNonZero<T: Real>(_ x: Complex<T>) -> Bool { x.real != 0 || x.imaginary != 0 }
