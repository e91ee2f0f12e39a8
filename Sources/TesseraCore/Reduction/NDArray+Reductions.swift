// NDArray methods that are ufunc reductions under the hood (NumPy's
// `_methods.py`): each is one call of `UFunc.reduce` or `accumulate`, so a backend
// that replaces a ufunc's loop accelerates the method too. Bad axes are programmer
// errors here and stop with the message; `try UFunc.add.reduce(...)` throws instead.

extension NDArray {
    func reduceOrStop(_ ufunc: UFunc, _ axes: [Int]?, keepdims: Bool, dtype: DType? = nil, initial: Double? = nil, where mask: NDArray? = nil, _ method: String) -> NDArray {
        do {
            return try ufunc.reduce(self, axes: axes, keepdims: keepdims, initial: initial, where: mask, dtype: dtype)
        } catch {
            fatalError("\(method): \(error)")
        }
    }

    /// Sum of the elements (`add.reduce`); all axes when `axis` is nil. Pairwise summation
    /// for floats; bool and narrow integers sum in int64 (uint64 for unsigned).
    public func sum(axis: Int? = nil, keepdims: Bool = false, dtype: DType? = nil, where mask: NDArray? = nil) -> NDArray {
        reduceOrStop(.add, axis.map { [$0] }, keepdims: keepdims, dtype: dtype, where: mask, "sum")
    }

    /// Sum over several axes.
    public func sum(axes: [Int], keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
        reduceOrStop(.add, axes, keepdims: keepdims, dtype: dtype, "sum")
    }

    /// Product of the elements (`multiply.reduce`).
    public func prod(axis: Int? = nil, keepdims: Bool = false, dtype: DType? = nil, where mask: NDArray? = nil) -> NDArray {
        reduceOrStop(.multiply, axis.map { [$0] }, keepdims: keepdims, dtype: dtype, where: mask, "prod")
    }

    /// Largest element (`maximum.reduce`); NaN propagates. An empty reduction needs `initial`.
    public func max(axis: Int? = nil, keepdims: Bool = false, initial: Double? = nil, where mask: NDArray? = nil) -> NDArray {
        reduceOrStop(.maximum, axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, "max")
    }

    /// Smallest element (`minimum.reduce`); NaN propagates.
    public func min(axis: Int? = nil, keepdims: Bool = false, initial: Double? = nil, where mask: NDArray? = nil) -> NDArray {
        reduceOrStop(.minimum, axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, "min")
    }

    /// Whether any element is true (`logical_or.reduce`).
    public func any(axis: Int? = nil, keepdims: Bool = false) -> NDArray {
        reduceOrStop(.logicalOr, axis.map { [$0] }, keepdims: keepdims, "any")
    }

    /// Whether every element is true (`logical_and.reduce`).
    public func all(axis: Int? = nil, keepdims: Bool = false) -> NDArray {
        reduceOrStop(.logicalAnd, axis.map { [$0] }, keepdims: keepdims, "all")
    }

    /// Running sum (`add.accumulate`); over the flattened array when `axis` is nil.
    public func cumsum(axis: Int? = nil, dtype: DType? = nil) -> NDArray {
        accumulateOrStop(.add, axis: axis, dtype: dtype, "cumsum")
    }

    /// Running product (`multiply.accumulate`).
    public func cumprod(axis: Int? = nil, dtype: DType? = nil) -> NDArray {
        accumulateOrStop(.multiply, axis: axis, dtype: dtype, "cumprod")
    }

    func accumulateOrStop(_ ufunc: UFunc, axis: Int?, dtype: DType?, _ method: String) -> NDArray {
        do {
            if let axis { return try ufunc.accumulate(self, axis: axis, dtype: dtype) }
            return try ufunc.accumulate(flatten(), axis: 0, dtype: dtype)
        } catch {
            fatalError("\(method): \(error)")
        }
    }
}
