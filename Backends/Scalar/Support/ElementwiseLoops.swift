import ComplexModule
import RealModule
import TesseraCore

// The strided-loop skeletons every scalar loop is built from. Each is inlined into
// a `@convention(c)` closure with concrete element types, so the per-element
// operation inlines too and contiguous runs vectorise (SSE2, the x86-64 baseline).
// Every skeleton checks for the contiguous case first and falls back to the plain
// strided loop in the same function, as NumPy's loops do.

@inline(__always)
func unaryLoop<A, R>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    _ operation: (A) -> R
) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let input = args[0].unsafelyUnwrapped, output = args[1].unsafelyUnwrapped
    let si = steps[0], so = steps[1]
    if si == MemoryLayout<A>.stride && so == MemoryLayout<R>.stride {
        let x = input.assumingMemoryBound(to: A.self)
        let y = output.assumingMemoryBound(to: R.self)
        for i in 0..<count { y[i] = operation(x[i]) }
        return
    }
    for i in 0..<count {
        (output + i * so).assumingMemoryBound(to: R.self).pointee =
            operation((input + i * si).assumingMemoryBound(to: A.self).pointee)
    }
}

@inline(__always)
func binaryLoop<A, B, R>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    _ operation: (A, B) -> R
) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let in1 = args[0].unsafelyUnwrapped, in2 = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    let s1 = steps[0], s2 = steps[1], so = steps[2]
    if so == MemoryLayout<R>.stride {
        let y = out.assumingMemoryBound(to: R.self)
        if s1 == MemoryLayout<A>.stride && s2 == MemoryLayout<B>.stride {
            let a = in1.assumingMemoryBound(to: A.self), b = in2.assumingMemoryBound(to: B.self)
            for i in 0..<count { y[i] = operation(a[i], b[i]) }
            return
        }
        if s1 == MemoryLayout<A>.stride && s2 == 0 {
            let a = in1.assumingMemoryBound(to: A.self), b = in2.assumingMemoryBound(to: B.self).pointee
            for i in 0..<count { y[i] = operation(a[i], b) }
            return
        }
        if s1 == 0 && s2 == MemoryLayout<B>.stride {
            let a = in1.assumingMemoryBound(to: A.self).pointee, b = in2.assumingMemoryBound(to: B.self)
            for i in 0..<count { y[i] = operation(a, b[i]) }
            return
        }
    }
    for i in 0..<count {
        (out + i * so).assumingMemoryBound(to: R.self).pointee = operation(
            (in1 + i * s1).assumingMemoryBound(to: A.self).pointee,
            (in2 + i * s2).assumingMemoryBound(to: B.self).pointee
        )
    }
}

@inline(__always)
func binaryLoop2<A, B, R1, R2>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    _ operation: (A, B) -> (R1, R2)
) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let in1 = args[0].unsafelyUnwrapped, in2 = args[1].unsafelyUnwrapped
    let out1 = args[2].unsafelyUnwrapped, out2 = args[3].unsafelyUnwrapped
    for i in 0..<count {
        let (r1, r2) = operation(
            (in1 + i * steps[0]).assumingMemoryBound(to: A.self).pointee,
            (in2 + i * steps[1]).assumingMemoryBound(to: B.self).pointee
        )
        (out1 + i * steps[2]).assumingMemoryBound(to: R1.self).pointee = r1
        (out2 + i * steps[3]).assumingMemoryBound(to: R2.self).pointee = r2
    }
}

@inline(__always)
func unaryLoop2<A, R1, R2>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    _ operation: (A) -> (R1, R2)
) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let input = args[0].unsafelyUnwrapped, out1 = args[1].unsafelyUnwrapped, out2 = args[2].unsafelyUnwrapped
    for i in 0..<count {
        let (r1, r2) = operation((input + i * steps[0]).assumingMemoryBound(to: A.self).pointee)
        (out1 + i * steps[1]).assumingMemoryBound(to: R1.self).pointee = r1
        (out2 + i * steps[2]).assumingMemoryBound(to: R2.self).pointee = r2
    }
}

/// NumPy's complex `multiply` loop (loops_arithm_fp.dispatch, its AVX2/FMA build on this
/// machine): the vector kernel (`fused`, with FMA) unless an input's byte range overlaps
/// the output's without being identical, the output stride is 0 (reductions), or a stride
/// is not a multiple of the part size; with a stride-0 input the other input must be
/// contiguous or loadable, otherwise all three must be loadable/storable. NumPy divides
/// the byte strides unsigned, so a negative input stride is "loadable" for complex128
/// (pairs of 128-bit loads) but not for complex64 (64-bit gathers); any output stride is
/// storable. Everything else takes the scalar loop (`plain`).
@inline(__always)
func complexMultiplyLoop<T: Real>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    fused: (Complex<T>, Complex<T>) -> Complex<T>, plain: (Complex<T>, Complex<T>) -> Complex<T>
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    let s0 = s[0], s1 = s[1], so = s[2]
    let item = MemoryLayout<Complex<T>>.stride, part = item / 2
    @inline(__always) func loadable(_ stride: Int) -> Bool { T.self == Double.self || stride >= 0 }
    var vector: Bool
    if count > 0 && (numpyMemoryOverlap(a[0]!, s0, a[2]!, so, count) || numpyMemoryOverlap(a[1]!, s1, a[2]!, so, count))
        || so == 0 || so % part != 0 || s0 % part != 0 || s1 % part != 0
    {
        vector = false
    } else if s0 == item && s1 == item && so == item {
        vector = true
    } else if s0 == 0 {
        vector = (s1 == item && so == item) || loadable(s1)
    } else if s1 == 0 {
        vector = (s0 == item && so == item) || loadable(s0)
    } else {
        vector = loadable(s0) && loadable(s1)
    }
    if vector {
        binaryLoop(args, count, steps, fused)
    } else {
        binaryLoop(args, count, steps, plain)
    }
}

/// NumPy's complex `square` loop (same file): the vector kernel when the input is
/// contiguous (any output stride), or the output is contiguous and the input loadable
/// (complex64: a non-negative stride); the scalar loop otherwise, or on partial overlap.
@inline(__always)
func complexSquareLoop<T: Real>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    fused: (Complex<T>) -> Complex<T>, plain: (Complex<T>) -> Complex<T>
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    let si = s[0], so = s[1]
    let item = MemoryLayout<Complex<T>>.stride, part = item / 2
    let vector: Bool
    if count > 0 && numpyMemoryOverlap(a[0]!, si, a[1]!, so, count) || si % part != 0 || so % part != 0 {
        vector = false
    } else {
        vector = si == item || (so == item && (T.self == Double.self || si >= 0))
    }
    if vector {
        unaryLoop(args, count, steps, fused)
    } else {
        unaryLoop(args, count, steps, plain)
    }
}

/// NumPy's complex `absolute` loop (loops_unary_complex.dispatch, AVX-512 build): the vector
/// kernel unless the ranges overlap or a stride is negative (its unsigned stride check).
@inline(__always)
func complexAbsoluteLoop<T: Real>(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    fused: (Complex<T>) -> T, plain: (Complex<T>) -> T
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    let si = s[0], so = s[1]
    if si < 0 || so < 0 || si % MemoryLayout<T>.stride != 0 || so % MemoryLayout<T>.stride != 0
        || count > 0 && numpyMemoryOverlap(a[0]!, si, a[1]!, so, count)
    {
        unaryLoop(args, count, steps, plain)
    } else {
        unaryLoop(args, count, steps, fused)
    }
}

/// float16 `subtract`, `multiply`, `divide`: a reduction keeps a float32 accumulator over
/// the whole run and rounds to float16 once at the end, as NumPy's half loops do.
@inline(__always)
func halfReducibleLoop(
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?,
    _ operation: (Float, Float) -> Float
) {
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    if a[0] == a[2] && s[0] == 0 && s[2] == 0 {
        let out = a[0].unsafelyUnwrapped.assumingMemoryBound(to: Float16.self)
        var accumulator = Float(out.pointee)
        let input = a[1].unsafelyUnwrapped
        for i in 0..<count {
            accumulator = operation(accumulator, Float((input + i * s[1]).assumingMemoryBound(to: Float16.self).pointee))
        }
        out.pointee = Float16(accumulator)
        return
    }
    binaryLoop(args, count, steps) { (x: Float16, y: Float16) -> Float16 in Float16(operation(Float(x), Float(y))) }
}
