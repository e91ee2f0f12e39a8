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
