extension NDArray {
    // MARK: Reshape

    /// NumPy's `reshape` in C order: a view when the strides allow it, otherwise a copy.
    /// One axis may be `-1` and is inferred. A shape that does not fit is a programmer
    /// error; use ``reshaped(checked:)`` for shapes from input data.
    public func reshaped(_ shape: [Int]) -> NDArray {
        stopOnError { try reshaped(checked: shape) }
    }

    /// Throwing form of ``reshaped(_:)``.
    ///
    /// - Throws: `.shapeMismatch` when the element counts differ, more than one axis is
    ///   `-1`, or an axis is negative; `.resourceLimit` when the axes of an empty result
    ///   overflow `Int`, as for ``zeros(checkedShape:dtype:)``.
    public func reshaped(checked newShape: [Int]) throws -> NDArray {
        let shape = try inferredShape(newShape)
        _ = try NDArray.checkedByteCount(shape: shape, dtype: dtype)
        if let strides = NDArray.reshapedStrides(shape: self.shape, strides: self.strides, itemSize: itemSize, to: shape) {
            return rawView(shape: shape, strides: strides)
        }
        let copied = copy()
        return copied.rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: itemSize))
    }

    func inferredShape(_ newShape: [Int]) throws -> [Int] {
        var shape = newShape
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw TesseraError(.shapeMismatch, "can only specify one unknown dimension in \(newShape)")
        }
        guard !shape.contains(where: { $0 < -1 }) else {
            throw TesseraError(.shapeMismatch, "negative dimensions are not allowed: \(newShape)")
        }
        let known = shape.filter { $0 != -1 }.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        if let axis = unknown.first {
            guard known != 0, size % known == 0 else {
                throw TesseraError(.shapeMismatch, "cannot reshape array of size \(size) into shape \(newShape)")
            }
            shape[axis] = size / known
        } else if known != size {
            throw TesseraError(.shapeMismatch, "cannot reshape array of size \(size) into shape \(newShape)")
        }
        return shape
    }

    /// NumPy's `_attempt_nocopy_reshape` (C order): the strides that present the same
    /// elements with `newShape`, or `nil` when only a copy can.
    static func reshapedStrides(shape: [Int], strides: [Int], itemSize: Int, to newShape: [Int]) -> [Int]? {
        if shape.contains(0) || newShape.contains(0) || shape.reduce(1, *) == 1 {
            return contiguousStrides(shape: newShape, itemSize: itemSize)
        }
        // Ignore length-1 axes of the old array.
        let oldAxes = shape.indices.filter { shape[$0] != 1 }
        let oldShape = oldAxes.map { shape[$0] }
        let oldStrides = oldAxes.map { strides[$0] }
        var result = [Int](repeating: 0, count: newShape.count)
        var oi = 0, oj = 1, ni = 0, nj = 1
        while ni < newShape.count && oi < oldShape.count {
            var np = newShape[ni], op = oldShape[oi]
            while np != op {
                if np < op {
                    np *= newShape[nj]; nj += 1
                } else {
                    op *= oldShape[oj]; oj += 1
                }
            }
            // The old axes oi..<oj must be contiguous among themselves.
            for k in oi..<(oj - 1) where oldStrides[k] != oldShape[k + 1] * oldStrides[k + 1] {
                return nil
            }
            result[nj - 1] = oldStrides[oj - 1]
            var k = nj - 1
            while k > ni {
                result[k - 1] = result[k] * newShape[k]
                k -= 1
            }
            ni = nj; nj += 1
            oi = oj; oj += 1
        }
        // Trailing length-1 axes of the new shape.
        let last = ni >= 1 ? result[ni - 1] : itemSize
        for k in ni..<newShape.count { result[k] = last }
        return result
    }

    // MARK: Axis permutations

    /// The array with its axes reversed (NumPy's `a.T` / `transpose()`): a view.
    public func transposed() -> NDArray {
        rawView(shapeList: AxisList(shapeList.reversed()), strideList: AxisList(strideList.reversed()))
    }

    /// The array with its axes permuted: axis `i` of the result is axis `axes[i]` of `self`
    /// (NumPy's `transpose(axes)`): a view. A bad permutation is a programmer error.
    public func transposed(axes: [Int]) -> NDArray {
        stopOnError { try transposed(checkedAxes: axes) }
    }

    /// Throwing form of ``transposed(axes:)``.
    public func transposed(checkedAxes axes: [Int]) throws -> NDArray {
        guard axes.count == ndim else {
            throw TesseraError(.axisError, "axes \(axes) don't match array of dimension \(ndim)")
        }
        let resolved = try axes.map { try NDArray.normalizeAxis($0, ndim: ndim) }
        guard Set(resolved).count == ndim else {
            throw TesseraError(.axisError, "repeated axis in transpose: \(axes)")
        }
        return rawView(shape: resolved.map { axisLength($0) }, strides: resolved.map { axisStride($0) })
    }

    /// NumPy's `a.T`: the axes reversed, as a view.
    public var T: NDArray { transposed() }

    /// The array with two axes interchanged (NumPy's `swapaxes`): a view.
    public func swappedAxes(_ first: Int, _ second: Int) -> NDArray {
        stopOnError {
            var axes = Array(0..<ndim)
            axes.swapAt(try NDArray.normalizeAxis(first, ndim: ndim), try NDArray.normalizeAxis(second, ndim: ndim))
            return try transposed(checkedAxes: axes)
        }
    }

    // MARK: Adding and removing axes

    /// A view with a new axis of length 1 at position `axis` of the result (NumPy's
    /// `expand_dims`; negative counts from the end of the result).
    public func expandedDims(axis: Int) -> NDArray {
        stopOnError {
            let position = try NDArray.normalizeAxis(axis, ndim: ndim + 1)
            var newShape = shape
            newShape.insert(1, at: position)
            // Through reshape, as NumPy does, so the new axis gets the same stride as NumPy's.
            let newStrides = NDArray.reshapedStrides(shape: shape, strides: strides, itemSize: itemSize, to: newShape)!
            return rawView(shape: newShape, strides: newStrides)
        }
    }

    /// A view without length-1 axes: all of them, or only `axis` (NumPy's `squeeze`).
    /// Squeezing an axis whose length is not 1 is a programmer error.
    public func squeezed(axis: Int? = nil) -> NDArray {
        stopOnError {
            let keep: [Int]
            if let axis {
                let resolved = try NDArray.normalizeAxis(axis, ndim: ndim)
                guard shape[resolved] == 1 else {
                    throw TesseraError(.shapeMismatch, "cannot select an axis to squeeze out which has size not equal to one (axis \(axis), size \(shape[resolved]))")
                }
                keep = shape.indices.filter { $0 != resolved }
            } else {
                keep = shapeList.indices.filter { axisLength($0) != 1 }
            }
            return rawView(shape: keep.map { axisLength($0) }, strides: keep.map { axisStride($0) })
        }
    }

    /// A view with the order of elements reversed along `axis`, or along every axis when
    /// `axis` is `nil` (NumPy's `flip`).
    public func flipped(axis: Int? = nil) -> NDArray {
        stopOnError {
            let axes = try axis.map { [try NDArray.normalizeAxis($0, ndim: ndim)] } ?? Array(0..<ndim)
            var newStrides = strides
            var firstElement = 0
            for a in axes where axisLength(a) > 0 {
                firstElement += (axisLength(a) - 1) * axisStride(a)
                newStrides[a] = -axisStride(a)
            }
            return rawView(shape: shape, strides: newStrides, byteOffset: firstElement)
        }
    }

    // MARK: Flattening

    /// The elements as one axis in C order (NumPy's `ravel`): a view when the array is
    /// C-contiguous, otherwise a copy.
    public func ravel() -> NDArray {
        if isCContiguous { return rawView(shape: [size], strides: [itemSize]) }
        return flatten()
    }

    /// A new one-axis array of the elements in C order (NumPy's `flatten`): always a copy.
    public func flatten() -> NDArray {
        let copied = copy()
        return copied.rawView(shape: [size], strides: [itemSize])
    }
}

extension NDArray {
    /// A broadcast view (internal, unchecked: the caller has checked the shapes).
    func broadcastView(to shape: [Int]) -> NDArray {
        rawView(shape: shape, strides: broadcastStrides(to: shape))
    }
}
