import ComplexModule
import RealModule
import TesseraCore

// Float `add` loops that recognise the reduction call (NumPy's IS_BINARY_REDUCE:
// the first input and the output are the same element with stride 0) and then sum
// the second input pairwise, as NumPy does, in the shape TesseraCore's PairwiseSummation
// states: runs under 8 add sequentially from −0.0, runs up to 128 use eight interleaved
// accumulators, longer runs split in halves (at a multiple of 8). The numbers are written
// out here rather than read from PairwiseSummation: reading them across the module in this
// recursion made float sums 25% slower (sum/float32/contiguous/1000000: 313 µs → 395 µs).
// The parallel-sum tests, which cut sums along PairwiseSummation's tree and compare with
// these loops bit for bit, fail if the two ever disagree. The order depends only on positions in the run, never on threads.

/// The pairwise sum of `count` elements at byte stride `stride`, accumulated in `Accumulator`.
@inline(__always)
func pairwiseSum<Element, Accumulator: FloatingPoint>(
    _ base: UnsafeRawPointer, _ count: Int, _ stride: Int, _ widen: (Element) -> Accumulator
) -> Accumulator {
    @inline(__always) func at(_ i: Int) -> Accumulator {
        widen((base + i * stride).assumingMemoryBound(to: Element.self).pointee)
    }
    if count < 8 {
        // From −0.0, as NumPy (a run of −0.0 sums to −0.0; +0.0 + −0.0 would be +0.0).
        var result = -Accumulator.zero
        for i in 0..<count { result += at(i) }
        return result
    }
    if count <= 128 {
        var r0 = at(0), r1 = at(1), r2 = at(2), r3 = at(3)
        var r4 = at(4), r5 = at(5), r6 = at(6), r7 = at(7)
        var i = 8
        let end = count - count % 8
        while i < end {
            r0 += at(i); r1 += at(i + 1); r2 += at(i + 2); r3 += at(i + 3)
            r4 += at(i + 4); r5 += at(i + 5); r6 += at(i + 6); r7 += at(i + 7)
            i += 8
        }
        var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < count {
            result += at(i)
            i += 1
        }
        return result
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(base, half, stride, widen) + pairwiseSum(base + half * stride, count - half, stride, widen)
}

/// Pairwise sum of complex numbers, interleaved as NumPy's complex loop does: the run is
/// treated as 2·count scalars, with even accumulators for real and odd for imaginary parts.
@inline(__always)
func pairwiseComplexSum<T: Real>(_ base: UnsafeRawPointer, _ count: Int, _ stride: Int) -> (T, T) {
    @inline(__always) func re(_ i: Int) -> T { (base + i * stride).assumingMemoryBound(to: T.self).pointee }
    @inline(__always) func im(_ i: Int) -> T { (base + i * stride).assumingMemoryBound(to: T.self)[1] }
    let scalars = 2 * count
    if scalars < 8 {
        var rr = -T.zero, ri = -T.zero
        for i in 0..<count {
            rr += re(i)
            ri += im(i)
        }
        return (rr, ri)
    }
    if scalars <= 128 {
        var r0 = re(0), r1 = im(0), r2 = re(1), r3 = im(1)
        var r4 = re(2), r5 = im(2), r6 = re(3), r7 = im(3)
        var i = 4
        let end = (scalars - scalars % 8) / 2
        while i < end {
            r0 += re(i); r1 += im(i); r2 += re(i + 1); r3 += im(i + 1)
            r4 += re(i + 2); r5 += im(i + 2); r6 += re(i + 3); r7 += im(i + 3)
            i += 4
        }
        var rr = (r0 + r2) + (r4 + r6)
        var ri = (r1 + r3) + (r5 + r7)
        while i < count {
            rr += re(i)
            ri += im(i)
            i += 1
        }
        return (rr, ri)
    }
    var half = scalars / 2
    half -= half % 8
    let first: (T, T) = pairwiseComplexSum(base, half / 2, stride)
    let second: (T, T) = pairwiseComplexSum(base + (half / 2) * stride, count - half / 2, stride)
    return (first.0 + second.0, first.1 + second.1)
}

@inline(__always)
func isReduction(_ args: UnsafePointer<UnsafeMutableRawPointer?>, _ steps: UnsafePointer<Int>) -> Bool {
    args[0] == args[2] && steps[0] == 0 && steps[2] == 0
}

@inline(__always)
func floatAddLoop<T: BinaryFloatingPoint>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _: T.Type
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    if isReduction(a, s) {
        let out = a[0].unsafelyUnwrapped.assumingMemoryBound(to: T.self)
        out.pointee += pairwiseSum(UnsafeRawPointer(a[1].unsafelyUnwrapped), count, s[1]) { (x: T) in x }
        return
    }
    binaryLoop(args, count, steps) { (x: T, y: T) -> T in x + y }
}

@inline(__always)
func halfAddLoop(_ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    if isReduction(a, s) {
        // float16 sums accumulate in float32 and round once at the end, as NumPy's do.
        let out = a[0].unsafelyUnwrapped.assumingMemoryBound(to: Float16.self)
        let sum = pairwiseSum(UnsafeRawPointer(a[1].unsafelyUnwrapped), count, s[1]) { (x: Float16) in Float(x) }
        out.pointee = Float16(Float(out.pointee) + sum)
        return
    }
    binaryLoop(args, count, steps) { (x: Float16, y: Float16) -> Float16 in Float16(Float(x) + Float(y)) }
}

@inline(__always)
func complexAddLoop<T: Real>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _: T.Type
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    if isReduction(a, s) {
        let out = a[0].unsafelyUnwrapped.assumingMemoryBound(to: Complex<T>.self)
        let (rr, ri): (T, T) = pairwiseComplexSum(UnsafeRawPointer(a[1].unsafelyUnwrapped), count, s[1])
        out.pointee = Complex(out.pointee.rawStorage.x + rr, out.pointee.rawStorage.y + ri)
        return
    }
    binaryLoop(args, count, steps) { (x: Complex<T>, y: Complex<T>) -> Complex<T> in complexAdd(x, y) }
}
