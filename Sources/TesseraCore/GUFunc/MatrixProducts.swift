// The matrix products as free functions: the four gufuncs, and `dot`, `inner`, `outer`,
// `tensordot` with NumPy's semantics, built on `matmul` so every backend's matmul loop
// serves them.

/// NumPy's `matmul` (`a @ b`): the matrix product; stacks of matrices broadcast; a 1-D
/// operand is a vector whose axis is dropped from the result. Stops the program on
/// shapes that do not fit, with a message naming both; use `try GUFunc.matmul(a, b)`
/// for input data.
public func matmul(_ a: NDArray, _ b: NDArray) -> NDArray { GUFunc.matmul.callOrStop([a, b]) }

/// NumPy's `vecdot`: Σ conj(a)·b over the last axis, broadcasting the others.
public func vecdot(_ a: NDArray, _ b: NDArray) -> NDArray { GUFunc.vecdot.callOrStop([a, b]) }

/// NumPy's `matvec`: matrix (last two axes of `a`) times vector (last axis of `b`).
public func matvec(_ a: NDArray, _ b: NDArray) -> NDArray { GUFunc.matvec.callOrStop([a, b]) }

/// NumPy's `vecmat`: conj(vector, last axis of `a`) times matrix (last two axes of `b`).
public func vecmat(_ a: NDArray, _ b: NDArray) -> NDArray { GUFunc.vecmat.callOrStop([a, b]) }

/// NumPy's `dot`: 0-d operands multiply; 1-D·1-D is the inner product; otherwise the
/// sum over the last axis of `a` and the second-to-last of `b` (the last, if 1-D).
public func dot(_ a: NDArray, _ b: NDArray) -> NDArray { stopOnError("dot") { try NDArray.dot(a, b) } }

/// NumPy's `inner`: 0-d operands multiply; otherwise the sum over the last axes of both.
public func inner(_ a: NDArray, _ b: NDArray) -> NDArray { stopOnError("inner") { try NDArray.inner(a, b) } }

/// NumPy's `outer`: `a.ravel()[:, None] * b.ravel()[None, :]`.
public func outer(_ a: NDArray, _ b: NDArray) -> NDArray { stopOnError("outer") { try NDArray.outer(a, b) } }

/// NumPy's `tensordot(a, b, axes=n)`: the sum over the last `n` axes of `a` and the first `n` of `b`.
public func tensordot(_ a: NDArray, _ b: NDArray, axes: Int = 2) -> NDArray {
    stopOnError("tensordot") { try NDArray.tensordot(a, b, axes: axes) }
}

/// NumPy's `tensordot(a, b, axes=(axesA, axesB))`: the sum over the paired axes.
public func tensordot(_ a: NDArray, _ b: NDArray, axes: ([Int], [Int])) -> NDArray {
    stopOnError("tensordot") { try NDArray.tensordot(a, b, axes: axes) }
}

private func stopOnError(_ function: String, _ body: () throws -> NDArray) -> NDArray {
    do {
        return try body()
    } catch {
        // fatalError, not preconditionFailure: -O builds drop a precondition's message.
        fatalError("\(function): \(error)")
    }
}

extension NDArray {
    /// Throwing form of ``dot(_:_:)``.
    public static func dot(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        if a.ndim == 0 || b.ndim == 0 { return try UFunc.multiply(a, b) }
        let axisB = Swift.max(b.ndim - 2, 0)
        guard a.axisLength(a.ndim - 1) == b.axisLength(axisB) else {
            throw TesseraError(.shapeMismatch, "shapes \(shapeText(a.shape)) and \(shapeText(b.shape)) not aligned: \(a.axisLength(a.ndim - 1)) (dim \(a.ndim - 1)) != \(b.axisLength(axisB)) (dim \(axisB))")
        }
        if a.ndim <= 2 && b.ndim <= 2 { return try GUFunc.matmul(a, b) }
        return try tensordot(a, b, axes: ([a.ndim - 1], [axisB]))
    }

    /// Throwing form of ``inner(_:_:)``.
    public static func inner(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        if a.ndim == 0 || b.ndim == 0 { return try UFunc.multiply(a, b) }
        guard a.axisLength(a.ndim - 1) == b.axisLength(b.ndim - 1) else {
            throw TesseraError(.shapeMismatch, "shapes \(shapeText(a.shape)) and \(shapeText(b.shape)) not aligned: \(a.axisLength(a.ndim - 1)) (dim \(a.ndim - 1)) != \(b.axisLength(b.ndim - 1)) (dim \(b.ndim - 1))")
        }
        return try tensordot(a, b, axes: ([a.ndim - 1], [b.ndim - 1]))
    }

    /// Throwing form of ``outer(_:_:)``.
    public static func outer(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        let column = a.mergingAxes([a.ndim]).mergingAxes([1, 0])
        let row = b.mergingAxes([b.ndim])
        return try UFunc.multiply(column, row)
    }

    /// Throwing form of ``tensordot(_:_:axes:)``.
    public static func tensordot(_ a: NDArray, _ b: NDArray, axes count: Int) throws -> NDArray {
        guard count >= 0, count <= a.ndim, count <= b.ndim else {
            throw TesseraError(.axisError, "tensordot: axes=\(count) does not fit shapes \(shapeText(a.shape)) and \(shapeText(b.shape))")
        }
        return try tensordot(a, b, axes: (Array((a.ndim - count)..<a.ndim), Array(0..<count)))
    }

    /// Throwing form of ``tensordot(_:_:axes:)`` with explicit axis pairs.
    public static func tensordot(_ a: NDArray, _ b: NDArray, axes: ([Int], [Int])) throws -> NDArray {
        let shapes = "shapes \(shapeText(a.shape)) and \(shapeText(b.shape))"
        guard axes.0.count == axes.1.count else {
            throw TesseraError(.shapeMismatch, "tensordot: \(axes.0.count) axes of a and \(axes.1.count) axes of b do not pair up (\(shapes))")
        }
        func normalize(_ list: [Int], _ ndim: Int, _ which: String) throws -> [Int] {
            var result: [Int] = []
            for axis in list {
                let normalized = axis < 0 ? axis + ndim : axis
                guard normalized >= 0, normalized < ndim else {
                    throw TesseraError(.axisError, "tensordot: axis \(axis) is out of bounds for \(which) of dimension \(ndim) (\(shapes))")
                }
                guard !result.contains(normalized) else {
                    throw TesseraError(.axisError, "tensordot: repeated axis \(axis) of \(which) (\(shapes))")
                }
                result.append(normalized)
            }
            return result
        }
        let sumA = try normalize(axes.0, a.ndim, "a"), sumB = try normalize(axes.1, b.ndim, "b")
        for (x, y) in zip(sumA, sumB) where a.axisLength(x) != b.axisLength(y) {
            throw TesseraError(.shapeMismatch, "shape-mismatch for sum: \(shapes), axis \(x) of a has length \(a.axisLength(x)) and axis \(y) of b has length \(b.axisLength(y))")
        }
        let freeA = (0..<a.ndim).filter { !sumA.contains($0) }
        let freeB = (0..<b.ndim).filter { !sumB.contains($0) }
        let left = a.permutedAxesView(freeA + sumA).mergingAxes([freeA.count, sumA.count])
        let right = b.permutedAxesView(sumB + freeB).mergingAxes([sumB.count, freeB.count])
        let product = try GUFunc.matmul(left, right)
        let shape = freeA.map { a.axisLength($0) } + freeB.map { b.axisLength($0) }
        return NDArray(storage: product.storage, dtype: product.dtype, shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: product.itemSize), offset: 0)
    }
}
