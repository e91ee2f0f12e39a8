// numpy.linalg functions built from the gufuncs and ordinary array operations, as NumPy
// builds them in Python: lstsq's result, pinv, matrix_rank, norm.

extension Linalg {
    /// The result of ``lstsq(_:_:rcond:)``, NumPy's 4-tuple.
    public struct LstsqResult: Sendable {
        /// The minimum-norm least-squares solution, (n,) or (n, k) like `b`.
        public let solution: NDArray
        /// Sums of squared residuals per column of `b`, (1,) or (k,) — empty unless
        /// rank = n < m, as in NumPy.
        public let residuals: NDArray
        /// The effective rank of `a`.
        public let rank: Int
        /// The singular values of `a`, descending.
        public let singularValues: NDArray
    }

    /// NumPy's `linalg.lstsq`: `x` minimising ‖b − a·x‖₂ with the smallest ‖x‖₂, through
    /// the SVD (LAPACK `gelsd` under OpenBLAS).
    ///
    /// `a` is (m, n); `b` is (m,) or (m, k). Singular values ≤ `rcond`·max(s) count as
    /// zero; `rcond` defaults (NumPy 2) to ε·max(m, n); a negative value means ε.
    /// - Throws: ``LinalgError`` when `a` is not 2-D or `b` not 1-D/2-D ("SVD did not
    ///   converge in Linear Least Squares" on failure); shape mismatches.
    public static func lstsq(_ a: NDArray, _ b: NDArray, rcond: Double? = nil) throws -> LstsqResult {
        guard a.ndim == 2 else {
            throw LinalgError(.dimensions, "\(a.ndim)-dimensional array given. Array must be two-dimensional (lstsq)")
        }
        guard b.ndim == 1 || b.ndim == 2 else {
            throw LinalgError(.dimensions, "\(b.ndim)-dimensional array given. Array must be one or two-dimensional (lstsq)")
        }
        let m = a.axisLength(0), n = a.axisLength(1)
        guard b.axisLength(0) == m else {
            throw LinalgError(.dimensions, "Incompatible dimensions: a is \(shapeText(a.shape)), b is \(shapeText(b.shape)) (lstsq)")
        }
        let (compute, result) = try commonType([a, b], function: "lstsq")
        let real = realType(compute)
        let b2 = b.ndim == 1 ? b.reshaped([m, 1]) : b
        let k = b2.axisLength(1)
        let cutoff = rcond ?? Double.ulpOfOne * Double(Swift.max(m, n))
        var solution: NDArray, residuals: NDArray, rank: Int, singular: NDArray
        if m == 0 || n == 0 || k == 0 {
            // Nothing to factor (or nothing to solve for): NumPy's results for empty inputs.
            solution = NDArray.zeros([n, k], dtype: compute)
            singular = Swift.min(m, n) == 0 ? NDArray.zeros([0], dtype: real) : try svdvals(cast(a, compute))
            rank = 0
            if Swift.min(m, n) > 0 {
                let tolerance = (try? singular.max().item(Double.self)) ?? 0
                rank = singular.toArray(Double.self).filter { $0 > tolerance * (cutoff < 0 ? Double.ulpOfOne : cutoff) }.count
            }
            residuals = n == 0 && m > 0
                ? try UFunc.square(UFunc.absolute(cast(b2, compute))).sum(axis: 0).astype(real)
                : NDArray.zeros([k], dtype: real)
        } else {
            let c = code(compute), r = code(real)
            let outputs = try run(.lstsq, [cast(a, compute), cast(b2, compute), NDArray.full([], cutoff)], "\(c)\(c)d->\(c)\(r)i\(r)", failure: .lstsqDidNotConverge)
            solution = outputs[0]
            residuals = outputs[1]
            rank = Int(outputs[2].item(Int32.self))
            singular = outputs[3]
        }
        if rank != n || m <= n { residuals = NDArray.zeros([0], dtype: real) }
        if b.ndim == 1 {
            solution = solution.reshaped([n])
        }
        return LstsqResult(solution: cast(solution, result), residuals: cast(residuals, realType(result)), rank: rank, singularValues: cast(singular, realType(result)))
    }

    /// Swaps the last two axes and conjugates (the conjugate transpose of each matrix).
    static func conjugateTranspose(_ a: NDArray) throws -> NDArray {
        let axes = Array(0..<(a.ndim - 2)) + [a.ndim - 1, a.ndim - 2]
        return try UFunc.conjugate(a.transposed(axes: axes))
    }

    /// NumPy's `linalg.pinv(a, rcond, hermitian)`: the Moore–Penrose pseudo-inverse of
    /// each (…, m, n) matrix, (…, n, m), through the reduced SVD; singular values ≤
    /// `rcond`·max(s) are dropped. `rcond` defaults to 1e-15 (NumPy's default).
    ///
    /// With `hermitian: true` the SVD comes from `eigh` (``svd(_:fullMatrices:hermitian:)``),
    /// reading the lower triangle only. 0-size matrices give a 0-size (…, n, m) result.
    public static func pinv(_ a: NDArray, rcond: Double? = nil, hermitian: Bool = false) throws -> NDArray {
        try pseudoInverse(a, cutoff: NDArray.full([], rcond ?? 1e-15), hermitian: hermitian)
    }

    /// NumPy 2's `linalg.pinv(a, rtol=…, hermitian)`: as ``pinv(_:rcond:hermitian:)`` with
    /// the relative cutoff spelled `rtol`; `rtol: nil` is NumPy's `rtol=None`,
    /// max(m, n)·ε of the input's precision.
    public static func pinv(_ a: NDArray, rtol: Double?, hermitian: Bool = false) throws -> NDArray {
        try requireStacked(a, "pinv")
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        let (_, result) = try commonType([a], function: "pinv")
        let epsilon = result == .float32 || result == .complex64 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        return try pseudoInverse(a, cutoff: NDArray.full([], rtol ?? Double(Swift.max(m, n)) * epsilon), hermitian: hermitian)
    }

    /// NumPy's `linalg.pinv(a, rcond)` with one cutoff per matrix: `rcond` broadcasts
    /// against the stack shape `a.shape[..<(ndim - 2)]` (NumPy's `rcond[..., newaxis]`).
    /// - Throws: ``LinalgError`` as ``pinv(_:rcond:hermitian:)``; a shape error when
    ///   `rcond` does not broadcast against the stack.
    public static func pinv(_ a: NDArray, rcond: NDArray, hermitian: Bool = false) throws -> NDArray {
        try pseudoInverse(a, cutoff: rcond, hermitian: hermitian)
    }

    /// NumPy 2's `linalg.pinv(a, rtol=…)` with one relative cutoff per matrix (as
    /// ``pinv(_:rcond:hermitian:)-(_,NDArray,_)``).
    public static func pinv(_ a: NDArray, rtol: NDArray, hermitian: Bool = false) throws -> NDArray {
        try pseudoInverse(a, cutoff: rtol, hermitian: hermitian)
    }

    static func pseudoInverse(_ a: NDArray, cutoff: NDArray, hermitian: Bool) throws -> NDArray {
        try requireStacked(a, "pinv")
        let (compute, result) = try commonType([a], function: "pinv")
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        if m == 0 || n == 0 {
            // NumPy returns an empty array of the input's own dtype here (integers stay integers).
            return NDArray.zeros(Array(a.shape.dropLast(2)) + [n, m], dtype: a.dtype)
        }
        let (u, s, vh) = try svd(cast(a, compute), fullMatrices: false, hermitian: hermitian)
        let tolerance = try UFunc.multiply(s.max(axis: -1, keepdims: true), perMatrix(cutoff))
        let keep = try UFunc.greater(s, tolerance)
        // 1/s where kept, 0 elsewhere (not (1/s)·keep: 1/0 · 0 would be NaN).
        let reciprocal = try whereThrowing(keep, UFunc.divide(NDArray.full([], 1.0).astype(s.dtype), s), NDArray.zeros([], dtype: s.dtype))
        // V · diag(1/s) · Uᴴ
        let scaled = try UFunc.multiply(conjugateTranspose(vh), reciprocal.reshaped(reciprocal.shape.dropLast() + [1, reciprocal.shape.last!]))
        return cast(try GUFunc.matmul(scaled, conjugateTranspose(u)), result)
    }

    /// NumPy's `linalg.matrix_rank(A, tol=None, hermitian=False, rtol=None)`: the number of
    /// singular values > `tol` of each matrix; without `tol`, > max(s)·`rtol`, `rtol`
    /// defaulting to max(m, n)·ε of the singular values' precision. With `hermitian` the
    /// singular values are |eigenvalues| (`eigvalsh`, lower triangle). For fewer than two
    /// axes: 1 unless every element is zero. Returns int64 (…) like NumPy.
    public static func matrixRank(_ a: NDArray, tol: Double? = nil, hermitian: Bool = false, rtol: Double? = nil) throws -> NDArray {
        try matrixRank(a, tolerance: tol.map { NDArray.full([], $0) }, hermitian: hermitian, relative: rtol.map { NDArray.full([], $0) })
    }

    /// NumPy's `linalg.matrix_rank(A, tol)` with one absolute tolerance per matrix: `tol`
    /// broadcasts against the stack shape (NumPy's `tol[..., newaxis]`).
    public static func matrixRank(_ a: NDArray, tol: NDArray, hermitian: Bool = false) throws -> NDArray {
        try matrixRank(a, tolerance: tol, hermitian: hermitian, relative: nil)
    }

    /// NumPy's `linalg.matrix_rank(A, rtol=…)` with one relative tolerance per matrix,
    /// broadcast against the stack shape.
    public static func matrixRank(_ a: NDArray, rtol: NDArray, hermitian: Bool = false) throws -> NDArray {
        try matrixRank(a, tolerance: nil, hermitian: hermitian, relative: rtol)
    }

    /// A per-matrix cutoff `c` as `c[..., newaxis]`, so it broadcasts against `s`'s
    /// (…, k) singular values (and their (…, 1) maxima) the way NumPy's does.
    static func perMatrix(_ cutoff: NDArray) throws -> NDArray {
        try cast(cutoff, .float64).reshaped(cutoff.shape + [1])
    }

    static func matrixRank(_ a: NDArray, tolerance: NDArray?, hermitian: Bool, relative: NDArray?) throws -> NDArray {
        if a.ndim < 2 {
            let nonzero = try UFunc.notEqual(a, NDArray.full([], 0.0)).any().item(Bool.self)
            return NDArray.full([], Int64(nonzero ? 1 : 0))
        }
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        let s = try svd(a, computeUV: false, hermitian: hermitian).s
        if Swift.min(m, n) == 0 { return NDArray.zeros(Array(a.shape.dropLast(2)), dtype: .int64) }
        let epsilon = s.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let threshold: NDArray = try tolerance.map(perMatrix)
            ?? UFunc.multiply(s.max(axis: -1, keepdims: true), perMatrix(relative ?? NDArray.full([], Double(Swift.max(m, n)) * epsilon)))
        return try UFunc.greater(s, threshold).sum(axis: -1, dtype: .int64)
    }

    /// NumPy's `linalg.norm(x)` without `ord`: the 2-norm of the flattened array (the
    /// Frobenius norm of a matrix), or with `axis` the vector 2-norm along that axis.
    /// Real dtype of the input's precision (float64 for integers).
    public static func norm(_ x: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        let (_, result) = try commonType([x], function: "norm")
        let real = realType(result)
        let magnitude = try UFunc.absolute(cast(x, result))
        let squares = try UFunc.multiply(magnitude, magnitude)
        let total: NDArray
        if let axis {
            total = squares.sum(axis: axis, keepdims: keepdims)
        } else if keepdims {
            total = squares.sum(axes: Array(0..<x.ndim), keepdims: true)
        } else {
            total = squares.sum()
        }
        return cast(try UFunc.sqrt(total), real)
    }
}
