/// Runs of a `where:` mask (NumPy's masked strided loops): the elements of an inner run
/// whose mask is true, found once and handed on as maximal runs, so that a masked loop
/// call, a masked cast-store or a masked copy touches only those elements and leaves the
/// others as they were. Every masked walk of the core goes through here.
enum MaskRuns {
    /// Calls `body(start, length)` for each maximal run of true elements among the `count`
    /// bools at `mask` with byte stride `stride`, in order. Read as bytes, any non-zero byte
    /// counts as true (as NumPy reads a bool array from a file).
    @inline(__always)
    static func forEach(mask: UnsafeRawPointer, stride: Int, count: Int, _ body: (_ start: Int, _ length: Int) -> Void) {
        var start = 0
        while start < count {
            while start < count && mask.load(fromByteOffset: start * stride, as: UInt8.self) == 0 { start += 1 }
            var end = start
            while end < count && mask.load(fromByteOffset: end * stride, as: UInt8.self) != 0 { end += 1 }
            if end > start { body(start, end - start) }
            start = end
        }
    }

    /// Copies the elements of `itemSize` bytes whose mask is true from `source` to
    /// `destination` (each with its own byte step); the others keep their values.
    @inline(__always)
    static func copy(
        from source: UnsafeRawPointer, step sourceStep: Int, to destination: UnsafeMutableRawPointer, step destinationStep: Int,
        mask: UnsafeRawPointer, maskStep: Int, count: Int, itemSize: Int
    ) {
        forEach(mask: mask, stride: maskStep, count: count) { start, length in
            for i in start..<(start + length) {
                (destination + i * destinationStep).copyMemory(from: source + i * sourceStep, byteCount: itemSize)
            }
        }
    }
}
