import TesseraCore

// The float `maximum`, `minimum`, `fmax` and `fmin` loops (float16, float32, float64).
//
// Tessera's rule is IEEE 754-2019's: `maximum`/`minimum` are its maximum/minimum
// (a NaN operand gives NaN) and `fmax`/`fmin` its maximumNumber/minimumNumber (a NaN
// operand is ignored unless both are NaN); in all four, −0.0 < +0.0. With that order the
// four are commutative and associative, so a result never depends on the order of the
// operands, on how a call is cut into runs or threads, or on the CPU — reductions
// included. NumPy agrees on every value except the sign of a zero chosen from a +0.0/−0.0
// pair, which in NumPy depends on its code path (its vector kernels return the second
// operand on a tie, its scalar loops the first, and which one runs depends on the CPU,
// the strides and the position in the call).

/// One of the four selections, for one float type.
protocol ExtremumOperation {
    associatedtype Element: BinaryFloatingPoint
    /// The selection of `x` or `y` (or a NaN) under IEEE 754-2019's order.
    static func pick(_ x: Element, _ y: Element) -> Element
}

struct MaximumOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element) -> Element {
        if x.isNaN { return x }
        if y.isNaN { return y }
        return x > y || (x == y && y.sign == .minus) ? x : y
    }
}

struct MinimumOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element) -> Element {
        if x.isNaN { return x }
        if y.isNaN { return y }
        return x < y || (x == y && x.sign == .minus) ? x : y
    }
}

struct FmaxOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element) -> Element {
        if y.isNaN { return x }
        if x.isNaN { return y }
        return x > y || (x == y && y.sign == .minus) ? x : y
    }
}

struct FminOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element) -> Element {
        if y.isNaN { return x }
        if x.isNaN { return y }
        return x < y || (x == y && x.sign == .minus) ? x : y
    }
}

/// The loop of `maximum`/`minimum`/`fmax`/`fmin` for one float type. A reduction call
/// (`args[0] == args[2]`, both strides 0) folds into eight accumulators, which the
/// operations' associativity makes equal to the in-order fold.
@inline(__always)
func extremumLoop<Op: ExtremumOperation>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _: Op.Type
) {
    typealias T = Op.Element
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    let in1 = a[0].unsafelyUnwrapped, in2 = a[1].unsafelyUnwrapped, out = a[2].unsafelyUnwrapped
    let s1 = s[0], s2 = s[1], so = s[2]
    if in1 == out && s1 == 0 && so == 0 {
        extremumReduce(out.assumingMemoryBound(to: T.self), in2, s2, count, Op.self)
        return
    }
    let itemSize = MemoryLayout<T>.stride
    if s1 == itemSize && s2 == itemSize && so == itemSize {
        let x = in1.assumingMemoryBound(to: T.self), y = in2.assumingMemoryBound(to: T.self), z = out.assumingMemoryBound(to: T.self)
        for i in 0..<count { z[i] = Op.pick(x[i], y[i]) }
        return
    }
    // Each pair is read just before its result is written, so an output that is one of
    // the inputs (in place) gives the elementwise result.
    for i in 0..<count {
        (out + i * so).assumingMemoryBound(to: T.self).pointee = Op.pick(
            (in1 + i * s1).assumingMemoryBound(to: T.self).pointee,
            (in2 + i * s2).assumingMemoryBound(to: T.self).pointee)
    }
}

/// `*out = op(*out, x[0], …, x[n−1])`.
@inline(__always)
func extremumReduce<Op: ExtremumOperation>(
    _ out: UnsafeMutablePointer<Op.Element>, _ x: UnsafeMutableRawPointer, _ step: Int, _ n: Int, _: Op.Type
) {
    typealias T = Op.Element
    @inline(__always) func load(_ i: Int) -> T { (x + i * step).assumingMemoryBound(to: T.self).pointee }
    var result = out.pointee
    var i = 0
    if n >= 16 {
        var m0 = load(0), m1 = load(1), m2 = load(2), m3 = load(3)
        var m4 = load(4), m5 = load(5), m6 = load(6), m7 = load(7)
        i = 8
        while i + 8 <= n {
            m0 = Op.pick(m0, load(i))
            m1 = Op.pick(m1, load(i + 1))
            m2 = Op.pick(m2, load(i + 2))
            m3 = Op.pick(m3, load(i + 3))
            m4 = Op.pick(m4, load(i + 4))
            m5 = Op.pick(m5, load(i + 5))
            m6 = Op.pick(m6, load(i + 6))
            m7 = Op.pick(m7, load(i + 7))
            i += 8
        }
        m0 = Op.pick(Op.pick(m0, m1), Op.pick(m2, m3))
        m4 = Op.pick(Op.pick(m4, m5), Op.pick(m6, m7))
        result = Op.pick(result, Op.pick(m0, m4))
    }
    while i < n {
        result = Op.pick(result, load(i))
        i += 1
    }
    out.pointee = result
}
