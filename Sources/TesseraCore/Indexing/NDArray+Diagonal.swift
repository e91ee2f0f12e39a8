extension NDArray {
    /// NumPy's `diagonal(offset, axis1, axis2)`: a view of the diagonal of the planes
    /// spanned by `axis1` and `axis2` (above the main one for `offset > 0`, below for
    /// `offset < 0`); those two axes are removed and the diagonal becomes the last axis.
    ///
    /// Bad axes stop the program; see ``diagonal(checkedOffset:axis1:axis2:)``.
    public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) -> NDArray {
        stoppingOnError("diagonal") { try diagonal(checkedOffset: offset, axis1: axis1, axis2: axis2) }
    }

    /// Throwing form of ``diagonal(offset:axis1:axis2:)``.
    ///
    /// - Throws: `.valueError` for fewer than two axes or `axis1 == axis2`, `.axisError`
    ///   for an axis out of range.
    public func diagonal(checkedOffset offset: Int, axis1: Int = 0, axis2: Int = 1) throws -> NDArray {
        guard ndim >= 2 else { throw TesseraError(.valueError, "diag requires an array of at least two dimensions") }
        let first = try NDArray.normalizeAxis(axis1, ndim: ndim), second = try NDArray.normalizeAxis(axis2, ndim: ndim)
        guard first != second else { throw TesseraError(.valueError, "axis1 and axis2 cannot be the same") }
        let rows = shape[first], columns = shape[second]
        let length = offset >= 0 ? Swift.max(0, Swift.min(rows, columns - offset)) : Swift.max(0, Swift.min(rows + offset, columns))
        var start = 0
        if length > 0 { start = offset >= 0 ? offset * strides[second] : -offset * strides[first] }
        let keep = shape.indices.filter { $0 != first && $0 != second }
        return rawView(
            shape: keep.map { shape[$0] } + [length],
            strides: keep.map { strides[$0] } + [strides[first] + strides[second]],
            byteOffset: start
        )
    }

    /// NumPy's `trace(a, offset, axis1, axis2, dtype)`: the sums along diagonals, with
    /// `sum`'s dtype rules (small integers and bool sum as `int64`).
    ///
    /// - Throws: as ``diagonal(checkedOffset:axis1:axis2:)``.
    public static func trace(_ a: NDArray, offset: Int = 0, axis1: Int = 0, axis2: Int = 1, dtype: DType? = nil) throws -> NDArray {
        try a.diagonal(checkedOffset: offset, axis1: axis1, axis2: axis2).sum(axis: -1, dtype: dtype)
    }

    /// The triangle mask of `tri(rows, columns, k)` or its complement.
    static func triangleMask(rows: Int, columns: Int, k: Int, lower: Bool) -> NDArray {
        var mask = NDArray(uninitializedShape: [rows, columns], dtype: .bool)
        let out = mask.makeUniqueForWriting().assumingMemoryBound(to: Bool.self)
        for i in 0..<rows {
            for j in 0..<columns { out[i * columns + j] = lower ? j - i <= k : j - i >= k }
        }
        return mask
    }

    /// NumPy's `tril`/`triu` on the last two axes (a 1-d array is taken as the rows of a square).
    static func triangle(_ m: NDArray, k: Int, lower: Bool) throws -> NDArray {
        guard m.ndim >= 1 else { throw TesseraError(.valueError, "\(lower ? "tril" : "triu") needs an array of at least one axis") }
        let rows = m.ndim == 1 ? m.axisLength(0) : m.axisLength(m.ndim - 2), columns = m.axisLength(m.ndim - 1)
        let mask = triangleMask(rows: rows, columns: columns, k: k, lower: lower)
        return try whereThrowing(mask, m, NDArray.zeros([], dtype: m.dtype))
    }

    /// NumPy's `tril(m, k)`: the elements on and below the `k`-th diagonal of the last two
    /// axes, zeros above (a 1-d `m` is broadcast to a square).
    ///
    /// - Throws: `.valueError` for a 0-d array.
    public static func tril(_ m: NDArray, k: Int = 0) throws -> NDArray { try triangle(m, k: k, lower: true) }

    /// NumPy's `triu(m, k)`: the elements on and above the `k`-th diagonal of the last two
    /// axes, zeros below (a 1-d `m` is broadcast to a square).
    ///
    /// - Throws: `.valueError` for a 0-d array.
    public static func triu(_ m: NDArray, k: Int = 0) throws -> NDArray { try triangle(m, k: k, lower: false) }
}

/// NumPy's `trace(a, offset, axis1, axis2, dtype)`. Bad axes stop the program; see
/// ``NDArray/trace(_:offset:axis1:axis2:dtype:)``.
public func trace(_ a: NDArray, offset: Int = 0, axis1: Int = 0, axis2: Int = 1, dtype: DType? = nil) -> NDArray {
    stoppingOnError("trace") { try NDArray.trace(a, offset: offset, axis1: axis1, axis2: axis2, dtype: dtype) }
}

/// NumPy's `tril(m, k)`: zeros above the `k`-th diagonal. A 0-d array stops the program;
/// see ``NDArray/tril(_:k:)``.
public func tril(_ m: NDArray, k: Int = 0) -> NDArray { stoppingOnError("tril") { try NDArray.tril(m, k: k) } }

/// NumPy's `triu(m, k)`: zeros below the `k`-th diagonal. A 0-d array stops the program;
/// see ``NDArray/triu(_:k:)``.
public func triu(_ m: NDArray, k: Int = 0) -> NDArray { stoppingOnError("triu") { try NDArray.triu(m, k: k) } }
