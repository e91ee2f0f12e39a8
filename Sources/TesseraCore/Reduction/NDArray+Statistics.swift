extension NDArray {
    /// Number of elements taking part in a reduction over `axes` (all when nil).
    func reductionCount(_ axes: [Int]?) -> Int {
        guard let axes else { return size }
        return axes.reduce(1) { count, axis in count * shape[axis < 0 ? axis + ndim : axis] }
    }

    /// Arithmetic mean (NumPy's `mean`): sums in float64 for bool and integers, in float32
    /// for float16 (rounded back to float16), otherwise in the array's dtype; then divides.
    public func mean(axis: Int? = nil, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
        let axes = axis.map { [$0] }
        var sumType = dtype
        if sumType == nil {
            if self.dtype.isInteger || self.dtype == .bool { sumType = .float64 }
            if self.dtype == .float16 { sumType = .float32 }
        }
        let total = reduceOrStop(.add, axes, keepdims: keepdims, dtype: sumType, "mean")
        let mean = UFunc.divide.callOrStop([total, reductionCount(axes)], "mean")
        if dtype == nil && self.dtype == .float16 { return mean.astype(.float16) }
        return mean
    }

    /// Variance with `ddof` delta degrees of freedom (NumPy's `var`): the mean of
    /// squared deviations from the mean, divided by `n - ddof`.
    public func variance(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
        let axes = axis.map { [$0] }
        var sumType = dtype
        if sumType == nil && (self.dtype.isInteger || self.dtype == .bool) { sumType = .float64 }
        let count = reductionCount(axes)
        let total = reduceOrStop(.add, axes, keepdims: true, dtype: sumType, "var")
        let mean = UFunc.divide.callOrStop([total, count], "var")
        let deviation = UFunc.subtract.callOrStop([self, mean], "var")
        let squared: NDArray
        if deviation.dtype.isComplex {
            // Re(x · conj(x)) = re·re + im·im, as NumPy computes it.
            let re = deviation.componentView(imaginary: false), im = deviation.componentView(imaginary: true)
            squared = UFunc.add.callOrStop([UFunc.multiply.callOrStop([re, re], "var"), UFunc.multiply.callOrStop([im, im], "var")], "var")
        } else {
            squared = UFunc.multiply.callOrStop([deviation, deviation], "var")
        }
        let sumOfSquares = squared.reduceOrStop(.add, axes, keepdims: keepdims, dtype: sumType, "var")
        return UFunc.divide.callOrStop([sumOfSquares, Swift.max(count - ddof, 0)], "var")
    }

    /// NumPy's spelling of ``variance(axis:ddof:keepdims:dtype:)``.
    public func `var`(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
        variance(axis: axis, ddof: ddof, keepdims: keepdims, dtype: dtype)
    }

    /// Standard deviation: the square root of ``variance(axis:ddof:keepdims:dtype:)``.
    public func std(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false, dtype: DType? = nil) -> NDArray {
        let v = variance(axis: axis, ddof: ddof, keepdims: keepdims, dtype: dtype)
        do {
            return try UFunc.sqrt(v)
        } catch {
            fatalError("std: \(error)")
        }
    }
}

extension NDArray {
    /// The real or imaginary parts of a complex array as a real view (NumPy's `.real`, `.imag`).
    func componentView(imaginary: Bool) -> NDArray {
        let part = dtype.realComponent
        return NDArray(storage: storage, dtype: part, shape: shape, strides: strides, offset: offset + (imaginary ? part.itemSize : 0))
    }
}
