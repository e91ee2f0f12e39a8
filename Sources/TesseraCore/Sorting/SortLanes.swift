/// The lanes of one axis as contiguous rows: what every sorting kernel works on.
///
/// The axis is moved last and the array copied to C order (unless it already is), so lane
/// `r` is the `length` elements at `base + r · length · itemSize`. ``restore(_:)`` moves
/// the axis of a result of the same shape back into place.
struct SortLanes {
    /// The data, C-contiguous, with the sorted axis last.
    var rows: NDArray
    /// Elements per lane.
    let length: Int
    /// Number of lanes.
    let count: Int
    /// The permutation that moved the axis last.
    let permutation: [Int]
    /// The axis in the original array (0 for a flattened array).
    let axis: Int

    /// Lanes of `array` along `axis` (`nil`: the flattened array, NumPy's `axis=None`).
    /// `copy` forces a private copy even when the array is already laid out right.
    init(_ array: NDArray, axis requested: Int?, copy: Bool) throws {
        var source = array
        let axis: Int
        if let requested {
            axis = try NDArray.normalizeAxis(requested, ndim: array.ndim)
        } else {
            source = array.ravel()
            axis = 0
        }
        var permutation = Array(0..<source.ndim)
        permutation.remove(at: axis)
        permutation.append(axis)
        let moved = source.rawView(shape: permutation.map { source.shape[$0] }, strides: permutation.map { source.strides[$0] })
        rows = (copy || !moved.isCContiguous || moved.size == 0) ? moved.copy(order: .c) : moved
        self.axis = axis
        self.permutation = permutation
        length = source.shape[axis]
        count = length == 0 ? 0 : moved.size / length
    }

    /// Puts the axis of a C-contiguous result shaped like ``rows`` back where it was.
    func restore(_ result: NDArray) -> NDArray {
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (position, axis) in permutation.enumerated() { inverse[axis] = position }
        if inverse == Array(0..<inverse.count) { return result }
        return result.rawView(shape: inverse.map { result.shape[$0] }, strides: inverse.map { result.strides[$0] })
    }

    /// A new int64 array shaped like ``rows`` whose every lane holds `0..<length`.
    func identityIndices() -> NDArray {
        var indices = NDArray(uninitializedShape: rows.shape, dtype: .int64)
        let base = indices.makeUniqueForWriting().assumingMemoryBound(to: Int64.self)
        for row in 0..<count {
            let lane = base + row * length
            for i in 0..<length { lane[i] = Int64(i) }
        }
        return indices
    }
}
