internal import _TesseraCoreKernels

extension NDArray {
    /// NumPy's `concatenate(arrays, axis)`: the arrays joined along an existing axis
    /// (`axis: nil` flattens each first). The dtype is the promotion of all dtypes
    /// (`int32` with `float32` gives `float64`); always a new C-ordered array.
    ///
    /// - Throws: `.valueError` for no arrays or a 0-d array, `.shapeMismatch` when the
    ///   arrays differ in axis count or in a length other than `axis`'s, `.axisError`.
    public static func concatenate(_ arrays: [NDArray], axis: Int? = 0) throws -> NDArray {
        guard !arrays.isEmpty else { throw TesseraError(.valueError, "need at least one array to concatenate") }
        guard let axis else { return try concatenate(arrays.map { $0.ravel() }, axis: 0) }
        let first = arrays[0]
        guard first.ndim > 0 else { throw TesseraError(.valueError, "zero-dimensional arrays cannot be concatenated") }
        let resolved = try normalizeAxis(axis, ndim: first.ndim)
        var shape = first.shape
        for (i, array) in arrays.enumerated().dropFirst() {
            guard array.ndim == first.ndim else {
                throw TesseraError(
                    .shapeMismatch,
                    "all the input array dimensions except for the concatenation axis must match exactly: the array at index 0 has \(first.ndim) dimension(s) and the array at index \(i) has \(array.ndim) dimension(s)"
                )
            }
            for d in 0..<first.ndim where d != resolved && array.axisLength(d) != first.axisLength(d) {
                throw TesseraError(
                    .shapeMismatch,
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.axisLength(d)) and the array at index \(i) has size \(array.axisLength(d))"
                )
            }
            shape[resolved] += array.axisLength(resolved)
        }
        let type = DType.resultType(arrays.map(\.dtype))!
        var result = try NDArray(checkedShape: shape, dtype: type, zeroed: false)
        _ = result.makeUniqueForWriting()
        // Along the first axis that is longer than 1, each input of the result's dtype that
        // is C-contiguous fills one contiguous block of the result: one copy.
        let blocks = shape[..<resolved].allSatisfy { $0 == 1 }
        var start = 0
        for array in arrays {
            let length = array.axisLength(resolved)
            if length > 0 && array.size > 0 {
                let byteOffset = start * result.axisStride(resolved)
                if blocks && array.dtype == type && array.isCContiguous {
                    tessera_copy_bytes(result.baseAddress + byteOffset, array.baseAddress, array.size * type.itemSize, ElementKernels.allowsAVX2 ? 1 : 0)
                } else {
                    let part = result.rawView(shape: array.shape, strides: result.strides, byteOffset: byteOffset)
                    writeElements(from: array, through: part)
                }
            }
            start += length
        }
        return result
    }

    /// NumPy's `stack(arrays, axis)`: arrays of one shape joined along a new axis at
    /// position `axis` of the result.
    ///
    /// - Throws: `.valueError` for no arrays, `.shapeMismatch` when the shapes differ,
    ///   `.axisError`.
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
        guard let first = arrays.first else { throw TesseraError(.valueError, "need at least one array to stack") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw TesseraError(.shapeMismatch, "all input arrays must have the same shape, not \(arrays.map(\.shape))")
        }
        let resolved = try normalizeAxis(axis, ndim: first.ndim + 1)
        return try concatenate(arrays.map { $0.expandedDims(axis: resolved) }, axis: resolved)
    }

    /// NumPy's `atleast_1d`, `atleast_2d`, `atleast_3d`: views with length-1 axes added.
    public func atLeast(dimensions: Int) -> NDArray {
        switch (dimensions, ndim) {
        case (_, let n) where n >= dimensions: return self
        case (1, _), (2, 0), (3, 0): return reshaped([Int](repeating: 1, count: dimensions - ndim) + shape)
        case (2, 1): return reshaped([1] + shape)
        case (3, 1): return reshaped([1, shape[0], 1])
        default: return reshaped(shape + [1])
        }
    }

    /// NumPy's `vstack`: arrays joined along the first axis after `atleast_2d`.
    public static func vstack(_ arrays: [NDArray]) throws -> NDArray {
        try concatenate(arrays.map { $0.atLeast(dimensions: 2) }, axis: 0)
    }

    /// NumPy's `hstack`: 1-d arrays joined end to end, others along the second axis.
    public static func hstack(_ arrays: [NDArray]) throws -> NDArray {
        let promoted = arrays.map { $0.atLeast(dimensions: 1) }
        return try concatenate(promoted, axis: promoted.first?.ndim == 1 ? 0 : 1)
    }

    /// NumPy's `dstack`: arrays joined along the third axis after `atleast_3d`.
    public static func dstack(_ arrays: [NDArray]) throws -> NDArray {
        try concatenate(arrays.map { $0.atLeast(dimensions: 3) }, axis: 2)
    }
}

/// NumPy's `concatenate(arrays, axis)`. Mismatched shapes stop the program; see
/// ``NDArray/concatenate(_:axis:)``.
public func concatenate(_ arrays: [NDArray], axis: Int? = 0) -> NDArray {
    stoppingOnError("concatenate") { try NDArray.concatenate(arrays, axis: axis) }
}

/// NumPy's `stack(arrays, axis)`. Mismatched shapes stop the program; see ``NDArray/stack(_:axis:)``.
public func stack(_ arrays: [NDArray], axis: Int = 0) -> NDArray {
    stoppingOnError("stack") { try NDArray.stack(arrays, axis: axis) }
}

/// NumPy's `vstack(arrays)`. See ``NDArray/vstack(_:)``.
public func vstack(_ arrays: [NDArray]) -> NDArray { stoppingOnError("vstack") { try NDArray.vstack(arrays) } }

/// NumPy's `hstack(arrays)`. See ``NDArray/hstack(_:)``.
public func hstack(_ arrays: [NDArray]) -> NDArray { stoppingOnError("hstack") { try NDArray.hstack(arrays) } }

/// NumPy's `dstack(arrays)`. See ``NDArray/dstack(_:)``.
public func dstack(_ arrays: [NDArray]) -> NDArray { stoppingOnError("dstack") { try NDArray.dstack(arrays) } }
