// NumPy 2's additions to `numpy.linalg` from the array API standard: `matmul`, `vecdot`,
// `tensordot`, `outer`, `cross`, `diagonal`, `trace`, `matrix_transpose`, `matrix_norm`,
// `vector_norm`. Where Tessera already has the function at the top level (`matmul`,
// `vecdot`, `tensordot`, `outer`, `trace`, `NDArray.diagonal`), the `Linalg` form calls
// that one home and only adds what NumPy's `linalg` version changes: the last two axes
// instead of the first two (`diagonal`, `trace`), 1-D operands only (`outer`), an `axis`
// (`vecdot`).

extension Linalg {
    /// NumPy's `linalg.matmul(x1, x2)`: the same function as ``GUFunc/matmul`` (`matmul`).
    /// - Throws: when the core dimensions do not match.
    public static func matmul(_ x1: NDArray, _ x2: NDArray) throws -> NDArray {
        try GUFunc.matmul(x1, x2)
    }

    /// NumPy's `linalg.vecdot(x1, x2, axis=-1)`: Σ conj(x1)·x2 along `axis`, the other axes
    /// broadcast (``GUFunc/vecdot`` after moving `axis` last in both operands).
    /// - Throws: an axis out of range; lengths along `axis` that differ.
    public static func vecdot(_ x1: NDArray, _ x2: NDArray, axis: Int = -1) throws -> NDArray {
        if axis == -1 { return try GUFunc.vecdot(x1, x2) }
        // NumPy broadcasts first, then moves the axis of the broadcast shape.
        let shape = try broadcastShapes([x1.shape, x2.shape])
        let along = try normalizeAxis(axis, shape.count, "vecdot")
        let a = try x1.broadcast(to: shape), b = try x2.broadcast(to: shape)
        return try GUFunc.vecdot(moveAxis(a, along, -1), moveAxis(b, along, -1))
    }

    /// NumPy's `linalg.tensordot(x1, x2, axes=n)`: the same function as
    /// ``NDArray/tensordot(_:_:axes:)-(_,_,Int)`` (`tensordot`).
    public static func tensordot(_ x1: NDArray, _ x2: NDArray, axes: Int = 2) throws -> NDArray {
        try NDArray.tensordot(x1, x2, axes: axes)
    }

    /// NumPy's `linalg.tensordot(x1, x2, axes=(a, b))`: the same function as
    /// ``NDArray/tensordot(_:_:axes:)-(_,_,([Int],[Int]))`` (`tensordot`).
    public static func tensordot(_ x1: NDArray, _ x2: NDArray, axes: ([Int], [Int])) throws -> NDArray {
        try NDArray.tensordot(x1, x2, axes: axes)
    }

    /// NumPy's `linalg.outer(x1, x2)`: the outer product of two 1-D arrays, (m, n). Unlike
    /// the top-level `outer`, which flattens, other dimensions are an error.
    /// - Throws: ``LinalgError`` (`.dimensions`) when an operand is not 1-D.
    public static func outer(_ x1: NDArray, _ x2: NDArray) throws -> NDArray {
        guard x1.ndim == 1, x2.ndim == 1 else {
            throw LinalgError(.dimensions, "Input arrays must be one-dimensional, but they are \(x1.ndim) and \(x2.ndim) dimensional (linalg.outer)")
        }
        return try NDArray.outer(x1, x2)
    }

    /// NumPy's `linalg.cross(x1, x2, axis=-1)`: the cross product of 3-element vectors
    /// along `axis`; the other axes broadcast. The result has the promoted dtype.
    /// - Throws: ``LinalgError`` (`.dimensions`) unless both operands have length 3 along
    ///   `axis` (NumPy's `linalg.cross` accepts 3-vectors only); axis and broadcasting errors.
    public static func cross(_ x1: NDArray, _ x2: NDArray, axis: Int = -1) throws -> NDArray {
        guard x1.ndim >= 1, x2.ndim >= 1 else {
            throw LinalgError(.dimensions, "linalg.cross: both operands need at least one axis, got shapes \(shapeText(x1.shape)) and \(shapeText(x2.shape))")
        }
        let axis1 = try normalizeAxis(axis, x1.ndim, "cross"), axis2 = try normalizeAxis(axis, x2.ndim, "cross")
        guard x1.axisLength(axis1) == 3, x2.axisLength(axis2) == 3 else {
            throw LinalgError(.dimensions, "Both input arrays must be (arrays of) 3-dimensional vectors, but they are \(x1.axisLength(axis1)) and \(x2.axisLength(axis2)) dimensional instead.")
        }
        let a = moveAxis(x1, axis1, -1), b = moveAxis(x2, axis2, -1)
        func component(_ x: NDArray, _ i: Int) -> NDArray { x[.ellipsis, .index(i)] }
        let (a0, a1, a2) = (component(a, 0), component(a, 1), component(a, 2))
        let (b0, b1, b2) = (component(b, 0), component(b, 1), component(b, 2))
        let c0 = try UFunc.subtract(UFunc.multiply(a1, b2), UFunc.multiply(a2, b1))
        let c1 = try UFunc.subtract(UFunc.multiply(a2, b0), UFunc.multiply(a0, b2))
        let c2 = try UFunc.subtract(UFunc.multiply(a0, b1), UFunc.multiply(a1, b0))
        let stacked = try NDArray.stack([c0, c1, c2], axis: -1)
        // NumPy puts the vector axis back where `axis` points in the broadcast result.
        return moveAxis(stacked, -1, try normalizeAxis(axis, stacked.ndim, "cross"))
    }

    /// NumPy's `linalg.diagonal(x, offset=0)`: the diagonals of the matrices in the last two
    /// axes, (…, k) — unlike the top-level `diagonal`, whose default axes are the first two.
    /// A view, as ``NDArray/diagonal(offset:axis1:axis2:)``.
    /// - Throws: ``LinalgError`` for fewer than two axes.
    public static func diagonal(_ x: NDArray, offset: Int = 0) throws -> NDArray {
        try requireStacked(x, "diagonal")
        return try x.diagonal(checkedOffset: offset, axis1: -2, axis2: -1)
    }

    /// NumPy's `linalg.trace(x, offset=0, dtype=None)`: the sums of the diagonals of the
    /// matrices in the last two axes, (…) — unlike the top-level `trace`, whose default
    /// axes are the first two. `sum`'s dtype rules (small integers and bool sum as int64).
    /// - Throws: ``LinalgError`` for fewer than two axes.
    public static func trace(_ x: NDArray, offset: Int = 0, dtype: DType? = nil) throws -> NDArray {
        try requireStacked(x, "trace")
        return try NDArray.trace(x, offset: offset, axis1: -2, axis2: -1, dtype: dtype)
    }

    /// NumPy's `linalg.matrix_transpose(x)` (`x.mT`): each matrix of the stack transposed,
    /// the last two axes swapped (a view; no conjugation).
    /// - Throws: ``LinalgError`` for fewer than two axes.
    public static func matrixTranspose(_ x: NDArray) throws -> NDArray {
        guard x.ndim >= 2 else {
            throw LinalgError(.dimensions, "Input array must be at least 2-dimensional, got shape \(shapeText(x.shape)) (matrix_transpose)")
        }
        return x.swappedAxes(-1, -2)
    }

    /// NumPy's `linalg.matrix_norm(x, keepdims=False, ord='fro')`: a matrix norm of each
    /// matrix in the last two axes (``norm(_:ord:axes:keepdims:)`` over (−2, −1)); with
    /// `keepdims` those axes stay with length 1.
    /// - Throws: ``LinalgError`` for fewer than two axes or an `ord` that is not a matrix norm.
    public static func matrixNorm(_ x: NDArray, ord: NormOrder = .frobenius, keepdims: Bool = false) throws -> NDArray {
        try requireStacked(x, "matrix_norm")
        return try norm(x, ord: ord, axes: (-2, -1), keepdims: keepdims)
    }

    /// NumPy's `linalg.vector_norm(x, axis=None, keepdims=False, ord=2)`: a vector norm
    /// over `axes` taken together (nil: every axis, the flattened array — even for a
    /// matrix, unlike `norm`). `ord` as in ``norm(_:ord:axis:keepdims:)`` (`.p(0)` counts
    /// non-zeros, `.infinity` is max |x|); `.frobenius`/`.nuclear` are errors. Integers are
    /// computed in float64.
    /// - Throws: ``LinalgError`` for a matrix `ord`; axis errors.
    public static func vectorNorm(_ x: NDArray, axes: [Int]? = nil, keepdims: Bool = false, ord: NormOrder = .p(2)) throws -> NDArray {
        let selected = try axes.map { list -> [Int] in
            var normalized: [Int] = []
            for axis in list {
                let value = try normalizeAxis(axis, x.ndim, "vector_norm")
                guard !normalized.contains(value) else { throw TesseraError(.valueError, "vector_norm: repeated axis \(axis) in \(list)") }
                normalized.append(value)
            }
            return normalized
        } ?? Array(0..<x.ndim)
        let others = (0..<x.ndim).filter { !selected.contains($0) }
        let length = selected.reduce(1) { $0 * x.axisLength($1) }
        // The selected axes as one trailing axis (a copy only when they are not adjacent).
        let merged = x.transposed(axes: others + selected).reshaped(others.map { x.axisLength($0) } + [length])
        let result = try norm(merged, ord: ord, axis: -1)
        guard keepdims else { return result }
        var shape = x.shape
        for axis in selected { shape[axis] = 1 }
        return result.reshaped(shape)
    }

    /// NumPy's `linalg.vector_norm(x, axis=k)`: as ``vectorNorm(_:axes:keepdims:ord:)``
    /// along one axis.
    public static func vectorNorm(_ x: NDArray, axis: Int, keepdims: Bool = false, ord: NormOrder = .p(2)) throws -> NDArray {
        try vectorNorm(x, axes: [axis], keepdims: keepdims, ord: ord)
    }
}
