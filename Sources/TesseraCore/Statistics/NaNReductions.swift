// NumPy's NaN-aware reductions (`numpy/lib/_nanfunctions_impl.py`): NaNs are replaced by
// the operation's neutral value (or skipped) and the ordinary reduction runs, so the
// results, dtypes and summation order are those of `sum`, `prod`, `mean` and the rest.
// Integer and bool arrays hold no NaN and go straight to the ordinary reduction.

extension NDArray {
    /// NumPy's `_replace_nan(a, value)`: the array with NaNs (for complex: a NaN in either
    /// part) replaced by `value`, and the NaN mask; `nil` mask for integer and bool arrays.
    func replacingNaN(with value: Double) -> (array: NDArray, mask: NDArray?) {
        guard dtype.isInexact else { return (self, nil) }
        let mask = UFunc.isnan.callOrStop([self], "nan reduction")
        return (`where`(mask, value, self), mask)
    }

    /// Throwing form of ``nanargmin(_:axis:keepdims:)``.
    /// - Throws: `.valueError` when a lane is all NaN ("All-NaN slice encountered") or
    ///   empty, `.axisError` for a bad axis.
    public static func nanargmin(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try nanArgExtreme(a, axis: axis, keepdims: keepdims, isMax: false)
    }

    /// Throwing form of ``nanargmax(_:axis:keepdims:)``.
    public static func nanargmax(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try nanArgExtreme(a, axis: axis, keepdims: keepdims, isMax: true)
    }

    static func nanArgExtreme(_ a: NDArray, axis: Int?, keepdims: Bool, isMax: Bool) throws -> NDArray {
        let name = isMax ? "nanargmax" : "nanargmin"
        if let axis { _ = try normalizeAxis(axis, ndim: a.ndim) }
        let length = axis.map { a.axisLength($0 < 0 ? $0 + a.ndim : $0) } ?? a.size
        guard length > 0 else {
            throw TesseraError(.valueError, "\(name): attempt to get \(isMax ? "argmax" : "argmin") of an empty sequence")
        }
        let (filled, mask) = a.replacingNaN(with: isMax ? -Double.infinity : .infinity)
        if let mask, mask.size > 0 {
            let allNaN = try UFunc.logicalAnd.reduce(mask, axes: axis.map { [$0] }, keepdims: false)
            if allNaN.toArray(Bool.self).contains(true) {
                throw TesseraError(.valueError, "\(name): All-NaN slice encountered")
            }
        }
        return isMax ? filled.argmax(axis: axis, keepdims: keepdims) : filled.argmin(axis: axis, keepdims: keepdims)
    }

    /// Throwing form of ``nanmin(_:axis:keepdims:)``.
    /// - Throws: `.valueError` for an empty reduction (fmin has no identity).
    public static func nanmin(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try UFunc.fmin.reduce(a, axes: axis.map { [$0] }, keepdims: keepdims)
    }

    /// Throwing form of ``nanmax(_:axis:keepdims:)``.
    public static func nanmax(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try UFunc.fmax.reduce(a, axes: axis.map { [$0] }, keepdims: keepdims)
    }

    /// NumPy's `nanvar` (see ``nanvar(_:axis:ddof:keepdims:)``), following its steps so
    /// that the rounding is the same.
    static func nanVariance(_ a: NDArray, axis: Int?, ddof: Int, keepdims: Bool) -> NDArray {
        let (filled, maybeMask) = a.replacingNaN(with: 0)
        guard let mask = maybeMask else { return a.variance(axis: axis, ddof: ddof, keepdims: keepdims) }
        let present = UFunc.logicalNot.callOrStop([mask], "nanvar")
        let countKept = present.sum(axis: axis, keepdims: true, dtype: .int64)
        let total = filled.sum(axis: axis, keepdims: true)
        let mean = UFunc.divide.callOrStop([total, countKept], "nanvar").astype(total.dtype)
        var deviation = UFunc.subtract.callOrStop([filled, mean], "nanvar").astype(filled.dtype)
        deviation = `where`(mask, 0.0, deviation)
        let squared: NDArray
        if deviation.dtype.isComplex {
            let conjugate = UFunc.conjugate.callOrStop([deviation], "nanvar")
            squared = UFunc.multiply.callOrStop([deviation, conjugate], "nanvar").componentView(imaginary: false)
        } else {
            squared = UFunc.multiply.callOrStop([deviation, deviation], "nanvar")
        }
        let sumOfSquares = squared.sum(axis: axis, keepdims: keepdims)
        let count = present.sum(axis: axis, keepdims: keepdims, dtype: .int64)
        let freedom = UFunc.subtract.callOrStop([count, ddof], "nanvar")
        let variance = UFunc.divide.callOrStop([sumOfSquares, freedom], "nanvar").astype(sumOfSquares.dtype)
        return `where`(UFunc.lessEqual.callOrStop([freedom, 0], "nanvar"), Double.nan, variance)
    }
}

/// NumPy's `np.nansum(a, axis)`: the sum with NaNs counted as zero (0 for an all-NaN lane).
public func nansum(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
    a.replacingNaN(with: 0).array.sum(axis: axis, keepdims: keepdims, dtype: dtype)
}

/// NumPy's `np.nanprod(a, axis)`: the product with NaNs counted as one.
public func nanprod(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
    a.replacingNaN(with: 1).array.prod(axis: axis, keepdims: keepdims, dtype: dtype)
}

/// NumPy's `np.nanmean(a, axis)`: the mean of the non-NaN elements; NaN for an all-NaN
/// lane (NumPy warns). The sum keeps the input's float dtype; the division by the count is
/// in float64 and rounded back, as NumPy's.
public func nanmean(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    let (filled, maybeMask) = a.replacingNaN(with: 0)
    guard let mask = maybeMask else { return a.mean(axis: axis, keepdims: keepdims) }
    let count = UFunc.logicalNot.callOrStop([mask], "nanmean").sum(axis: axis, keepdims: keepdims, dtype: .int64)
    let total = filled.sum(axis: axis, keepdims: keepdims)
    return UFunc.divide.callOrStop([total, count], "nanmean").astype(total.dtype)
}

/// NumPy's `np.nanvar(a, axis, ddof)`: the variance of the non-NaN elements; NaN where
/// fewer than `ddof + 1` remain (NumPy warns). Complex input gives a real result.
public func nanvar(_ a: NDArray, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> NDArray {
    NDArray.nanVariance(a, axis: axis, ddof: ddof, keepdims: keepdims)
}

/// NumPy's `np.nanstd(a, axis, ddof)`: the square root of ``nanvar(_:axis:ddof:keepdims:)``.
public func nanstd(_ a: NDArray, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) -> NDArray {
    UFunc.sqrt.callOrStop([nanvar(a, axis: axis, ddof: ddof, keepdims: keepdims)], "nanstd")
}

/// NumPy's `np.nanmin(a, axis)`: `fmin.reduce`, the smallest non-NaN element; NaN for an
/// all-NaN lane (NumPy warns). An empty reduction is a programmer error; see
/// ``NDArray/nanmin(_:axis:keepdims:)``.
public func nanmin(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanmin") { try NDArray.nanmin(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.nanmax(a, axis)`: `fmax.reduce`, the largest non-NaN element.
public func nanmax(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanmax") { try NDArray.nanmax(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.nanargmin(a, axis)`: the index of the smallest non-NaN element (first on
/// ties). An all-NaN lane is an error, as in NumPy; see ``NDArray/nanargmin(_:axis:keepdims:)``.
public func nanargmin(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanargmin") { try NDArray.nanargmin(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.nanargmax(a, axis)`: the index of the largest non-NaN element.
public func nanargmax(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanargmax") { try NDArray.nanargmax(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.nancumsum(a, axis)`: the running sum with NaNs counted as zero (over the
/// flattened array when `axis` is nil).
public func nancumsum(_ a: NDArray, axis: Int? = nil, dtype: DType? = nil) -> NDArray {
    a.replacingNaN(with: 0).array.cumsum(axis: axis, dtype: dtype)
}

/// NumPy's `np.nancumprod(a, axis)`: the running product with NaNs counted as one.
public func nancumprod(_ a: NDArray, axis: Int? = nil, dtype: DType? = nil) -> NDArray {
    a.replacingNaN(with: 1).array.cumprod(axis: axis, dtype: dtype)
}
