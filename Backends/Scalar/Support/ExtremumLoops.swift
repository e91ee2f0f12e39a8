import TesseraCore

// NumPy's float32/float64 `maximum`, `minimum`, `fmax` and `fmin` inner loops, bit for bit
// as the NumPy 2.4 x86-64 wheel runs them on this machine (its AVX-512 build of
// `loops_minmax.dispatch`, measured against the live loops with every layout below).
//
// The four ufuncs select one of their operands; their results differ from a plain
// `a > b ? a : b` only in which operand wins a tie, and the only ties between different
// bit patterns are +0.0 against −0.0. NumPy's winner depends on the code path the call
// takes and, on some paths, on the element's position:
//
// Elementwise calls (anything but a reduction):
// - a path: the scalar path when an input's byte range overlaps the output's without
//   being identical to it (NumPy's `is_mem_overlap`: inclusive ranges) or when a stride
//   is negative (its stride check divides unsigned); otherwise the contiguous kernel when
//   all three strides are the item size, otherwise the strided vector kernel (any
//   non-negative stride, 0 included);
// - on the vector paths the first ⌊n / L⌋·L elements (L = 8 float64 / 16 float32 lanes)
//   go through the vector instruction, which returns its second operand on a tie; the
//   rest is a scalar tail whose libm `fmax`/`fmin` calls gcc compiled with the operands
//   in either order, call site by call site (`fmaxTailKeepsFirst`);
// - `maximum`/`minimum` (SSE `maxsd` + NaN blend) and the scalar path return the second
//   operand on every tie.
//
// Reductions (`args[0] == args[2]`, both strides 0: NumPy's `IS_BINARY_REDUCE`):
// - contiguous input: L accumulator lanes start at the output value and fold the input
//   vector by vector (the vector op is associative, so NumPy's 8-vector tree equals the
//   in-order fold), the lanes are combined by gcc's `_mm512_reduce_max/min` tree
//   (halves hi against lo down to 128 bits, then within 128 bits), and a scalar tail
//   follows (`fmax` keeps the accumulator on a tie, `maximum` takes the element);
// - any other stride: eight scalar accumulators seeded with the first eight elements,
//   folded eight at a time, combined pairwise, then into the output, then a scalar tail.

/// One of the four selections, for one float type.
protocol ExtremumOperation {
    associatedtype Element: BinaryFloatingPoint
    /// The selection; `tieSecond` picks the second operand when they compare equal.
    static func pick(_ x: Element, _ y: Element, tieSecond: Bool) -> Element
    /// `pick(x, y, tieSecond: true)` as one comparison and select (vectorises).
    static func pickSecond(_ x: Element, _ y: Element) -> Element
    /// `fmax`/`fmin` (NaN-ignoring) rather than `maximum`/`minimum` (NaN-propagating).
    static var ignoresNaN: Bool { get }
    /// The raw vector comparison used by the lane-combining tree (no NaN left by then).
    static func better(_ x: Element, than y: Element) -> Bool
    /// The fill for NaN lanes before `fmax`/`fmin`'s lane tree.
    static var worst: Element { get }
}

struct MaximumOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element, tieSecond: Bool) -> Element {
        if x.isNaN { return x }
        if y.isNaN { return y }
        if x == y { return tieSecond ? y : x }
        return x > y ? x : y
    }
    @inline(__always) static func pickSecond(_ x: Element, _ y: Element) -> Element { x.isNaN || x > y ? x : y }
    static var ignoresNaN: Bool { false }
    @inline(__always) static func better(_ x: Element, than y: Element) -> Bool { x > y }
    static var worst: Element { -.infinity }
}

struct MinimumOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element, tieSecond: Bool) -> Element {
        if x.isNaN { return x }
        if y.isNaN { return y }
        if x == y { return tieSecond ? y : x }
        return x < y ? x : y
    }
    @inline(__always) static func pickSecond(_ x: Element, _ y: Element) -> Element { x.isNaN || x < y ? x : y }
    static var ignoresNaN: Bool { false }
    @inline(__always) static func better(_ x: Element, than y: Element) -> Bool { x < y }
    static var worst: Element { .infinity }
}

struct FmaxOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element, tieSecond: Bool) -> Element {
        if y.isNaN { return x }
        if x.isNaN { return y }
        if x == y { return tieSecond ? y : x }
        return x > y ? x : y
    }
    @inline(__always) static func pickSecond(_ x: Element, _ y: Element) -> Element { y.isNaN || x > y ? x : y }
    static var ignoresNaN: Bool { true }
    @inline(__always) static func better(_ x: Element, than y: Element) -> Bool { x > y }
    static var worst: Element { -.infinity }
}

struct FminOperation<Element: BinaryFloatingPoint>: ExtremumOperation {
    @inline(__always) static func pick(_ x: Element, _ y: Element, tieSecond: Bool) -> Element {
        if y.isNaN { return x }
        if x.isNaN { return y }
        if x == y { return tieSecond ? y : x }
        return x < y ? x : y
    }
    @inline(__always) static func pickSecond(_ x: Element, _ y: Element) -> Element { y.isNaN || x < y ? x : y }
    static var ignoresNaN: Bool { true }
    @inline(__always) static func better(_ x: Element, than y: Element) -> Bool { x < y }
    static var worst: Element { .infinity }
}

/// NumPy's `is_mem_overlap` (loops_utils.h): the inclusive byte ranges of two strided runs
/// of `count` elements overlap without being identical.
@inline(__always)
func numpyMemoryOverlap(_ a: UnsafeRawPointer, _ aStep: Int, _ b: UnsafeRawPointer, _ bStep: Int, _ count: Int) -> Bool {
    let aStart = aStep < 0 ? a + aStep * (count - 1) : a, aEnd = aStep < 0 ? a : a + aStep * (count - 1)
    let bStart = bStep < 0 ? b + bStep * (count - 1) : b, bEnd = bStep < 0 ? b : b + bStep * (count - 1)
    let disjointOrIdentical = (aStart == bStart && aEnd == bEnd) || aStart > bEnd || bStart > aEnd
    return !disjointOrIdentical
}

/// Which kernel of NumPy's minmax loop an elementwise call takes.
enum ExtremumPath { case contiguous, strided, scalar }

/// The scalar tail after the vector part of `fmax`/`fmin`: whether the libm call at tail
/// position `j` keeps its first operand on a tie (gcc swapped the operands of that call).
@inline(__always)
func fmaxTailKeepsFirst(path: ExtremumPath, lanes: Int, position j: Int) -> Bool {
    switch path {
    case .contiguous:
        // float64: tail calls 0, 1, 2, 4, 5 keep the first operand; float32: call 0 only.
        return lanes == 8 ? (j != 3 && j != 6) : j == 0
    case .strided:
        // float64: tail call 0 only; float32: none.
        return lanes == 8 && j == 0
    case .scalar:
        return false
    }
}

/// The loop of `maximum`/`minimum`/`fmax`/`fmin` for float32 or float64.
@inline(__always)
func extremumLoop<Op: ExtremumOperation>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _: Op.Type
) {
    typealias T = Op.Element
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    let in1 = a[0].unsafelyUnwrapped, in2 = a[1].unsafelyUnwrapped, out = a[2].unsafelyUnwrapped
    let s1 = s[0], s2 = s[1], so = s[2]
    let itemSize = MemoryLayout<T>.stride
    let lanes = 64 / itemSize
    if in1 == out && s1 == 0 && so == 0 {
        if s2 == itemSize {
            extremumReduceContiguous(out.assumingMemoryBound(to: T.self), in2.assumingMemoryBound(to: T.self), count, lanes: lanes, Op.self)
        } else {
            extremumReduceStrided(out.assumingMemoryBound(to: T.self), in2, s2, count, Op.self)
        }
        return
    }
    let path: ExtremumPath
    if count > 0 && (numpyMemoryOverlap(in1, s1, out, so, count) || numpyMemoryOverlap(in2, s2, out, so, count)) {
        path = .scalar
    } else if s1 == itemSize && s2 == itemSize && so == itemSize {
        path = .contiguous
    } else if extremumLoadable(s1, itemSize) && extremumLoadable(s2, itemSize) && extremumLoadable(so, itemSize) {
        path = .strided
    } else {
        path = .scalar
    }
    let vectorCount = path == .scalar ? 0 : count / lanes * lanes
    if path == .contiguous {
        let x = in1.assumingMemoryBound(to: T.self), y = in2.assumingMemoryBound(to: T.self), z = out.assumingMemoryBound(to: T.self)
        for i in 0..<vectorCount { z[i] = Op.pickSecond(x[i], y[i]) }
    } else {
        for i in 0..<vectorCount {
            (out + i * so).assumingMemoryBound(to: T.self).pointee = Op.pickSecond(
                (in1 + i * s1).assumingMemoryBound(to: T.self).pointee,
                (in2 + i * s2).assumingMemoryBound(to: T.self).pointee)
        }
    }
    // The scalar part, element by element in order (NumPy's scalar path reads each pair
    // just before writing its result, which matters when the output overlaps an input).
    for i in vectorCount..<Swift.max(count, vectorCount) {
        let tieSecond = !(Op.ignoresNaN && fmaxTailKeepsFirst(path: path, lanes: lanes, position: i - vectorCount))
        (out + i * so).assumingMemoryBound(to: T.self).pointee = Op.pick(
            (in1 + i * s1).assumingMemoryBound(to: T.self).pointee,
            (in2 + i * s2).assumingMemoryBound(to: T.self).pointee, tieSecond: tieSecond)
    }
}

/// NumPy's `npyv_loadable_stride`/`storable_stride` for its minmax kernels: the byte stride
/// divided (unsigned) by the item size must stay below 2^27 elements — negative strides fail.
@inline(__always)
func extremumLoadable(_ stride: Int, _ itemSize: Int) -> Bool {
    UInt(bitPattern: stride) / UInt(itemSize) <= 0x7FF_FFFF
}

/// `*out = op(*out, x[0..<n])` with a contiguous input (NumPy's `simd_reduce_c`).
@inline(__always)
func extremumReduceContiguous<Op: ExtremumOperation>(
    _ out: UnsafeMutablePointer<Op.Element>, _ x: UnsafePointer<Op.Element>, _ n: Int, lanes: Int, _: Op.Type
) {
    typealias T = Op.Element
    if n < 1 { return }
    let vectorCount = n / lanes * lanes
    var result = out.pointee
    if vectorCount > 0 {
        withUnsafeTemporaryAllocation(of: T.self, capacity: 16) { buffer in
            let lane = buffer.baseAddress!
            for k in 0..<lanes { lane[k] = result }
            var i = 0
            while i < vectorCount {
                for k in 0..<lanes { lane[k] = Op.pickSecond(lane[k], x[i + k]) }
                i += lanes
            }
            result = extremumLaneTree(lane, lanes: lanes, Op.self)
        }
    }
    // The scalar tail: fmax/fmin keep the accumulator on a tie, maximum/minimum take the element.
    let tieSecond = !Op.ignoresNaN
    for i in vectorCount..<n { result = Op.pick(result, x[i], tieSecond: tieSecond) }
    out.pointee = result
}

/// The lanes combined as gcc's `_mm512_reduce_{max,min}_p{s,d}` does it, after NumPy's NaN
/// handling (`maximum`: any NaN lane gives NaN; `fmax`: NaN lanes count as −inf unless all are NaN).
@inline(__always)
func extremumLaneTree<Op: ExtremumOperation>(_ lane: UnsafeMutablePointer<Op.Element>, lanes: Int, _: Op.Type) -> Op.Element {
    if Op.ignoresNaN {
        var allNaN = true
        for k in 0..<lanes where !lane[k].isNaN { allNaN = false }
        if allNaN { return lane[0] }
        for k in 0..<lanes where lane[k].isNaN { lane[k] = Op.worst }
    } else {
        for k in 0..<lanes where lane[k].isNaN { return lane[k] }
    }
    // Halves (upper against lower: the lower wins ties) down to one 128-bit register.
    let lanes128 = lanes == 8 ? 2 : 4
    var width = lanes
    while width > lanes128 {
        let half = width / 2
        for k in 0..<half {
            let hi = lane[half + k], lo = lane[k]
            lane[k] = Op.better(hi, than: lo) ? hi : lo
        }
        width = half
    }
    if width == 4 {
        // float32: v against its 64-bit swap (v0 vs v2, v1 vs v3; the swapped value wins ties).
        let v0 = lane[0], v1 = lane[1], v2 = lane[2], v3 = lane[3]
        lane[0] = Op.better(v0, than: v2) ? v0 : v2
        lane[1] = Op.better(v1, than: v3) ? v1 : v3
    }
    let v0 = lane[0], v1 = lane[1]
    return Op.better(v0, than: v1) ? v0 : v1
}

/// `*out = op(*out, x[0..<n])` with a strided input (NumPy's 8× unrolled scalar reduction).
@inline(__always)
func extremumReduceStrided<Op: ExtremumOperation>(
    _ out: UnsafeMutablePointer<Op.Element>, _ x: UnsafeMutableRawPointer, _ step: Int, _ n: Int, _: Op.Type
) {
    typealias T = Op.Element
    @inline(__always) func load(_ i: Int) -> T { (x + i * step).assumingMemoryBound(to: T.self).pointee }
    var result = out.pointee
    var i = 0
    if n >= 8 {
        var m0 = load(0), m1 = load(1), m2 = load(2), m3 = load(3)
        var m4 = load(4), m5 = load(5), m6 = load(6), m7 = load(7)
        i = 8
        // fmax/fmin keep the accumulators on a tie here, maximum/minimum take the element.
        let tieSecond = !Op.ignoresNaN
        while i + 8 <= n {
            m0 = Op.pick(m0, load(i), tieSecond: tieSecond)
            m1 = Op.pick(m1, load(i + 1), tieSecond: tieSecond)
            m2 = Op.pick(m2, load(i + 2), tieSecond: tieSecond)
            m3 = Op.pick(m3, load(i + 3), tieSecond: tieSecond)
            m4 = Op.pick(m4, load(i + 4), tieSecond: tieSecond)
            m5 = Op.pick(m5, load(i + 5), tieSecond: tieSecond)
            m6 = Op.pick(m6, load(i + 6), tieSecond: tieSecond)
            m7 = Op.pick(m7, load(i + 7), tieSecond: tieSecond)
            i += 8
        }
        m0 = Op.pick(m0, m1, tieSecond: true)
        m2 = Op.pick(m2, m3, tieSecond: true)
        m4 = Op.pick(m4, m5, tieSecond: true)
        m6 = Op.pick(m6, m7, tieSecond: true)
        m0 = Op.pick(m0, m2, tieSecond: true)
        m4 = Op.pick(m4, m6, tieSecond: true)
        m0 = Op.pick(m0, m4, tieSecond: true)
        result = Op.pick(result, m0, tieSecond: true)
    }
    while i < n {
        result = Op.pick(result, load(i), tieSecond: true)
        i += 1
    }
    out.pointee = result
}
