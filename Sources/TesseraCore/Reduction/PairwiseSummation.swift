/// The shape of NumPy's pairwise summation, which every float `add` loop that states the
/// ``InnerLoop/ReductionContract/pairwiseSum`` contract follows when it is called as a
/// reduction (the scalar backend's loops, the SIMD backend's C kernels), and which the
/// core's parallel sum cuts along (``ReductionKernel/pairwiseTree(start:length:pieces:offset:)``)
/// so that a sum split across threads is bitwise the single-threaded one.
///
/// A run of fewer than ``unrolledMinimum`` elements adds in order from −0.0; a run of up to
/// ``blockSize`` elements adds with eight interleaved accumulators combined as a tree; a
/// longer run splits at ``split(_:)`` and adds its halves' sums.
package enum PairwiseSummation {
    // Inlinable constants rather than stored ones: the loops read them in their
    // innermost recursion, where a global's lazy-initialisation check would cost.

    /// Runs up to this many elements are summed without splitting (NumPy's `PW_BLOCKSIZE`).
    @inlinable package static var blockSize: Int { 128 }
    /// Runs shorter than this are summed in order.
    @inlinable package static var unrolledMinimum: Int { 8 }

    /// Where a run of `count` elements splits: half of it, rounded down to a multiple of 8.
    @inlinable package static func split(_ count: Int) -> Int {
        let half = count / 2
        return half - half % 8
    }
}
