import ComplexModule
import RealModule
import TesseraCore

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

/// NumPy's integer `reciprocal`: `1.0 / x` converted back with C's scalar cast as gcc
/// compiles it on x86-64 (1/0 gives INT_MIN for signed types of ≤ 32 bits, 0 for uint32):
/// through 32 bits for the narrow types, through 64 bits for int64 and uint32, and gcc's
/// unsigned sequence for uint64 — the core's x86 conversions.
@inline(__always) func integerReciprocal<T: FixedWidthInteger>(_ a: T) -> T {
    let r = 1.0 / Double(a)
    if T.bitWidth == 64 && !T.isSigned { return T(truncatingIfNeeded: x86TruncateToUInt64(r)) }
    if T.bitWidth == 64 || (T.bitWidth == 32 && !T.isSigned) { return T(truncatingIfNeeded: x86TruncateToInt64(r)) }
    return T(truncatingIfNeeded: x86TruncateToInt32(r))
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

// MARK: Complex

/// Smith's algorithm, as NumPy's complex divide loop.
@inline(__always) func complexDivide<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    let ar = x.rawStorage.x, ai = x.rawStorage.y, br = y.rawStorage.x, bi = y.rawStorage.y
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

// Complex products round every real product before adding (no fused multiply-add), and
// the magnitude is C's `hypot`: one recipe on every CPU, the one NumPy's scalar loops use
// (its vector loops fuse on some CPUs and layouts, so NumPy's own bits vary there).

/// re = a·c − b·d, im = a·d + b·c, each product rounded.
@inline(__always) func complexMultiply<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    let a = x.rawStorage.x, b = x.rawStorage.y, c = y.rawStorage.x, d = y.rawStorage.y
    return Complex(a * c - b * d, a * d + b * c)
}

/// `complexMultiply(x, x)`: re = a·a − b·b, im = a·b + b·a.
@inline(__always) func complexSquare<T: Real>(_ x: Complex<T>) -> Complex<T> {
    let a = x.rawStorage.x, b = x.rawStorage.y
    return Complex(a * a - b * b, a * b + b * a)
}

/// |x| = hypot(re, im) (C's hypot: inf if a part is infinite, even when the other is NaN).
@inline(__always) func complexAbsolute<T: Real>(_ x: Complex<T>) -> T {
    T.hypot(x.rawStorage.x, x.rawStorage.y)
}

@inline(__always) func complexAdd<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    Complex(x.rawStorage.x + y.rawStorage.x, x.rawStorage.y + y.rawStorage.y)
}

@inline(__always) func complexSubtract<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Complex<T> {
    Complex(x.rawStorage.x - y.rawStorage.x, x.rawStorage.y - y.rawStorage.y)
}

// Lexicographic order with NumPy's NaN rules (CGT/CGE/CLT/CLE in loops.c.src).
@inline(__always) func complexGreater<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.rawStorage.x > y.rawStorage.x && !x.rawStorage.y.isNaN && !y.rawStorage.y.isNaN) || (x.rawStorage.x == y.rawStorage.x && x.rawStorage.y > y.rawStorage.y)
}
@inline(__always) func complexGreaterEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.rawStorage.x > y.rawStorage.x && !x.rawStorage.y.isNaN && !y.rawStorage.y.isNaN) || (x.rawStorage.x == y.rawStorage.x && x.rawStorage.y >= y.rawStorage.y)
}
@inline(__always) func complexLess<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.rawStorage.x < y.rawStorage.x && !x.rawStorage.y.isNaN && !y.rawStorage.y.isNaN) || (x.rawStorage.x == y.rawStorage.x && x.rawStorage.y < y.rawStorage.y)
}
@inline(__always) func complexLessEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    (x.rawStorage.x < y.rawStorage.x && !x.rawStorage.y.isNaN && !y.rawStorage.y.isNaN) || (x.rawStorage.x == y.rawStorage.x && x.rawStorage.y <= y.rawStorage.y)
}
@inline(__always) func complexEqual<T: Real>(_ x: Complex<T>, _ y: Complex<T>) -> Bool {
    x.rawStorage.x == y.rawStorage.x && x.rawStorage.y == y.rawStorage.y
}
@inline(__always) func complexIsNaN<T: Real>(_ x: Complex<T>) -> Bool { x.rawStorage.x.isNaN || x.rawStorage.y.isNaN }

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

/// NumPy 2's complex `sign`: x / |x| (with libm's hypot), 0 for 0; an infinite part
/// gives ±1 on that part and +0 on the other; NaN for NaN.
@inline(__always) func complexSign<T: Real>(_ x: Complex<T>) -> Complex<T> {
    let re = x.rawStorage.x, im = x.rawStorage.y
    let magnitude = T.hypot(re, im)
    if magnitude.isNaN { return Complex(T.nan, T.nan) }
    if magnitude.isInfinite {
        if re.isInfinite {
            if im.isInfinite { return Complex(T.nan, T.nan) }
            return Complex(re > 0 ? 1 : -1, 0)
        }
        return Complex(0, im > 0 ? 1 : -1)
    }
    if magnitude == 0 { return Complex(0, 0) }
    return Complex(re / magnitude, im / magnitude)
}

/// NumPy's complex `reciprocal` (Smith's formula for 1/z).
@inline(__always) func complexReciprocal<T: Real>(_ x: Complex<T>) -> Complex<T> {
    let re = x.rawStorage.x, im = x.rawStorage.y
    if Swift.abs(im) <= Swift.abs(re) {
        let r = im / re
        let d = re + im * r
        return Complex(1 / d, -r / d)
    }
    let r = re / im
    let d = re * r + im
    return Complex(r / d, -1 / d)
}

@inline(__always) func complexIsNonZero<T: Real>(_ x: Complex<T>) -> Bool { x.rawStorage.x != 0 || x.rawStorage.y != 0 }
