extension NDArray {
    /// A view of the same storage with another shape, strides (bytes) and offset (bytes,
    /// relative to this view's first element). The machinery uses it for reductions and
    /// gufuncs; callers keep the view inside the storage.
    func rawView(shape: [Int], strides: [Int], byteOffset: Int = 0) -> NDArray {
        NDArray(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset + byteOffset)
    }

    /// ``rawView(shape:strides:byteOffset:)`` for a shape and strides the library already holds.
    func rawView(shapeList: AxisList, strideList: AxisList, byteOffset: Int = 0) -> NDArray {
        NDArray(storage: storage, dtype: dtype, shapeList: shapeList, strideList: strideList, offset: offset + byteOffset)
    }

    /// Normalises an axis (negative counts from the end) or throws an `axisError`.
    static func normalizeAxis(_ axis: Int, ndim: Int) throws -> Int {
        let normalized = axis < 0 ? axis + ndim : axis
        guard normalized >= 0 && normalized < Swift.max(ndim, 0) else {
            throw TesseraError(.axisError, "axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return normalized
    }

    /// Normalises a list of axes, rejecting repeats.
    static func normalizeAxes(_ axes: [Int], ndim: Int) throws -> [Int] {
        var result: [Int] = []
        for axis in axes {
            let normalized = try normalizeAxis(axis, ndim: ndim)
            guard !result.contains(normalized) else {
                throw TesseraError(.axisError, "axis \(axis) appears more than once in \(axes)")
            }
            result.append(normalized)
        }
        return result
    }
}
