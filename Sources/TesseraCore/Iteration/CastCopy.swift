extension IterationLayout {
    /// Copies the elements of one strided layout into another, converting each with `cast`
    /// (a plain copy when the dtypes agree): one cast call per innermost run of the
    /// coalesced walk. Every copy of the core that crosses layouts — `copy()`, `astype`,
    /// writes through views, `toArray` — goes through here.
    ///
    /// - Parameters:
    ///   - shape: the elements' shape, the same for both sides.
    ///   - keepOrder: visit the elements in C order (for a destination that is filled in
    ///     order, or a cast whose order is observable); otherwise NumPy's iteration order.
    static func castCopy(
        shape: [Int], from source: UnsafeMutableRawPointer, strides sourceStrides: [Int],
        to destination: UnsafeMutableRawPointer, strides destinationStrides: [Int],
        cast: CastFunction, keepOrder: Bool = false
    ) {
        let layout = IterationLayout(shape: shape, strides: [destinationStrides, sourceStrides], keepOrder: keepOrder)
        layout.forEachRun(bases: [destination, source]) { pointers, count, steps in
            cast(UnsafeRawPointer(pointers[1]!), steps[1], pointers[0]!, steps[0], count)
        }
    }
}
