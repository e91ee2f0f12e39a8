extension NDArray {
    /// Throwing form of ``bincount(_:weights:minlength:)``.
    /// - Throws: `.shapeMismatch` when `x` is not 1-D or `weights` is not shaped like it,
    ///   `.castingError` when `x` is not an integer or bool array that casts safely to int64,
    ///   `.valueError` for a negative element or `minlength`.
    public static func bincount(_ x: NDArray, weights: NDArray? = nil, minlength: Int = 0) throws -> NDArray {
        guard x.ndim == 1 else {
            throw TesseraError(.shapeMismatch, "bincount: object too deep for desired array (x must be 1-D, not of shape \(x.shape))")
        }
        guard x.dtype.canCast(to: .int64, casting: .safe) else {
            throw TesseraError(.castingError, "bincount: cannot cast array data from dtype \(x.dtype) to int64 according to the rule 'safe'")
        }
        guard minlength >= 0 else {
            throw TesseraError(.valueError, "bincount: 'minlength' must not be negative (got \(minlength))")
        }
        let values = x.toArray(Int64.self)
        if let negative = values.first(where: { $0 < 0 }) {
            throw TesseraError(.valueError, "bincount: 'list' argument must have no negative elements (found \(negative))")
        }
        let length = Swift.max(Int(values.max().map { $0 + 1 } ?? 0), minlength)
        // NumPy answers an empty x with int64 zeros, weights or not.
        guard let weights, !values.isEmpty else {
            var counts = [Int64](repeating: 0, count: length)
            for v in values { counts[Int(v)] += 1 }
            return NDArray(counts)
        }
        guard weights.shape == x.shape else {
            throw TesseraError(.shapeMismatch, "bincount: the weights and list don't have the same length (\(weights.shape) vs \(x.shape))")
        }
        let w = weights.toArray(Double.self)
        var sums = [Double](repeating: 0, count: length)
        for (v, weight) in zip(values, w) { sums[Int(v)] += weight }
        return NDArray(sums)
    }

    /// Throwing form of ``digitize(_:bins:right:)``.
    /// - Throws: `.valueError` when `bins` is not 1-D and monotonic, or `x` is complex.
    public static func digitize(_ x: NDArray, bins: NDArray, right: Bool = false) throws -> NDArray {
        guard !x.dtype.isComplex else {
            throw TesseraError(.valueError, "digitize: x may not be complex")
        }
        guard bins.ndim == 1 else {
            throw TesseraError(.valueError, "digitize: bins must be 1-dimensional (got shape \(bins.shape))")
        }
        let edges = bins.toArray(Double.self)
        let increasing = zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 }
        let decreasing = zip(edges, edges.dropFirst()).allSatisfy { $0 >= $1 }
        guard increasing || decreasing else {
            throw TesseraError(.valueError, "digitize: bins must be monotonically increasing or decreasing")
        }
        // The sides are swapped on purpose: x < bins[i] (right: x <= bins[i]) ends bin i.
        let side: SearchSide = right ? .left : .right
        if increasing {
            return try searchsorted(bins, x, side: side)
        }
        let positions = try searchsorted(bins.flipped(axis: 0), x, side: side)
        return UFunc.subtract.callOrStop([Int64(bins.size), positions], "digitize")
    }
}

/// NumPy's `np.bincount(x, weights, minlength)`: how often each value `0...max(x)` occurs
/// in the non-negative integer array `x` (int64), or with `weights` the sum of the weights
/// of each value (float64, summed in order; an empty `x` gives int64 zeros, as NumPy's).
/// At least `minlength` bins.
/// Bad input is a programmer error; see ``NDArray/bincount(_:weights:minlength:)``.
public func bincount(_ x: NDArray, weights: NDArray? = nil, minlength: Int = 0) -> NDArray {
    x.stopOnSortError("bincount") { try NDArray.bincount(x, weights: weights, minlength: minlength) }
}

/// NumPy's `np.digitize(x, bins, right)`: for each element, the index of the bin it falls
/// in — `i` with `bins[i-1] <= x < bins[i]` for increasing bins (`<`, `<=` swapped with
/// `right: true`), mirrored for decreasing bins. int64, shaped like `x`.
public func digitize(_ x: NDArray, bins: NDArray, right: Bool = false) -> NDArray {
    x.stopOnSortError("digitize") { try NDArray.digitize(x, bins: bins, right: right) }
}
