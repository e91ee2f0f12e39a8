// numpy.linalg's norms and the functions built on products and inverses: norm with
// `ord`, cond, matrix_power, multi_dot, tensorinv, tensorsolve — written as NumPy writes
// them in Python, on Tessera's array operations and the linalg gufuncs.

extension Linalg {
    /// NumPy's `ord` argument of `norm` and `cond`.
    public enum NormOrder: Sendable, Equatable {
        /// `'fro'`: the Frobenius norm (matrices).
        case frobenius
        /// `'nuc'`: the nuclear norm, the sum of the singular values (matrices).
        case nuclear
        /// `inf`: max |x| (vectors), the largest absolute row sum (matrices).
        case infinity
        /// `-inf`: min |x| (vectors), the smallest absolute row sum (matrices).
        case negativeInfinity
        /// A number: `(Σ|x|ᵖ)^(1/p)` for vectors (0 counts nonzeros); for matrices 1/−1 are
        /// the largest/smallest absolute column sum, 2/−2 the largest/smallest singular value.
        case p(Double)
    }

    /// Real floating dtype a norm is computed in: NumPy casts non-inexact input to float64.
    static func normType(_ x: NDArray) throws -> DType {
        switch x.dtype {
        case .float32, .complex64: .float32
        case .float64, .complex128: .float64
        case .bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64: .float64
        default: throw LinalgError(.unsupportedDType, "array type \(x.dtype) is unsupported in linalg (norm)")
        }
    }

    static func normalizeAxis(_ axis: Int, _ ndim: Int, _ function: String) throws -> Int {
        let normalized = axis < 0 ? axis + ndim : axis
        guard normalized >= 0, normalized < ndim else {
            throw TesseraError(.axisError, "\(function): axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return normalized
    }

    /// NumPy's `linalg.norm(x, ord, axis)` for a vector norm along one axis, or over the
    /// flattened array when `axis` is nil and `x` is 1-D (or `ord` is nil).
    ///
    /// - `ord` nil: the 2-norm of the flattened array (Frobenius for a matrix).
    /// - With `ord` and no `axis`, `x` must be 1-D or 2-D: a 2-D `x` gets the matrix norm
    ///   (as ``norm(_:ord:axes:keepdims:)`` over its two axes).
    /// - Throws: ``LinalgError`` for an `ord` that does not apply; axis errors.
    public static func norm(_ x: NDArray, ord: NormOrder?, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        guard let ord else { return try norm(x, axis: axis, keepdims: keepdims) }
        if axis == nil {
            if x.ndim == 2 { return try norm(x, ord: ord, axes: (0, 1), keepdims: keepdims) }
            guard x.ndim == 1 else {
                throw LinalgError(.dimensions, "Improper number of dimensions to norm: ord needs a 1-D or 2-D array or an axis")
            }
        }
        let real = try normType(x)
        let along = try normalizeAxis(axis ?? 0, x.ndim, "norm")
        let magnitude = try UFunc.absolute(x.astype(x.dtype == .complex64 || x.dtype == .complex128 ? x.dtype : real)).astype(real)
        switch ord {
        case .infinity: return magnitude.max(axis: along, keepdims: keepdims)
        case .negativeInfinity: return magnitude.min(axis: along, keepdims: keepdims)
        case .p(0): return try UFunc.notEqual(magnitude, NDArray(scalar: 0.0)).astype(real).sum(axis: along, keepdims: keepdims)
        case .p(1): return magnitude.sum(axis: along, keepdims: keepdims)
        case .p(2): return try UFunc.sqrt(UFunc.multiply(magnitude, magnitude).sum(axis: along, keepdims: keepdims))
        case .p(let p):
            let powered = try UFunc.power(magnitude, NDArray(scalar: p).astype(real)).sum(axis: along, keepdims: keepdims)
            return try UFunc.power(powered, NDArray(scalar: 1 / p).astype(real))
        case .frobenius, .nuclear:
            throw LinalgError(.dimensions, "Invalid norm order '\(ord == .frobenius ? "fro" : "nuc")' for vectors")
        }
    }

    /// NumPy's `linalg.norm(x, ord, axis=(r, c))`: a matrix norm over axes `r` (rows) and
    /// `c` (columns), for every other index. `ord` nil is Frobenius.
    public static func norm(_ x: NDArray, ord: NormOrder? = nil, axes: (Int, Int), keepdims: Bool = false) throws -> NDArray {
        let r = try normalizeAxis(axes.0, x.ndim, "norm"), c = try normalizeAxis(axes.1, x.ndim, "norm")
        guard r != c else { throw LinalgError(.dimensions, "Duplicate axes given.") }
        let real = try normType(x)
        let others = (0..<x.ndim).filter { $0 != r && $0 != c }
        let moved = x.transposed(axes: others + [r, c])
        let magnitude = try UFunc.absolute(moved.astype(x.dtype == .complex64 || x.dtype == .complex128 ? x.dtype : real)).astype(real)
        let last = moved.ndim - 1
        let result: NDArray
        switch ord ?? .frobenius {
        case .frobenius: result = try UFunc.sqrt(UFunc.multiply(magnitude, magnitude).sum(axis: last).sum(axis: last - 1))
        case .nuclear: result = try svdvals(moved).astype(real).sum(axis: -1)
        case .p(2): result = try svdvals(moved).astype(real).max(axis: -1)
        case .p(-2): result = try svdvals(moved).astype(real).min(axis: -1)
        case .infinity: result = magnitude.sum(axis: last).max(axis: last - 1)
        case .negativeInfinity: result = magnitude.sum(axis: last).min(axis: last - 1)
        case .p(1): result = magnitude.sum(axis: last - 1).max(axis: last - 1)
        case .p(-1): result = magnitude.sum(axis: last - 1).min(axis: last - 1)
        case .p(let p): throw LinalgError(.dimensions, "Invalid norm order \(p) for matrices")
        }
        guard keepdims else { return result }
        var shape = x.shape
        shape[r] = 1
        shape[c] = 1
        return result.reshaped(shape)
    }

    /// NumPy's `linalg.cond(x, p)`: the condition number of each matrix. `p` nil or `.p(2)`:
    /// σ_max/σ_min (any shape); `.p(-2)`: σ_min/σ_max; otherwise
    /// `norm(x, p)·norm(inv(x), p)` (square matrices), and +inf for a singular matrix.
    public static func cond(_ x: NDArray, p: NormOrder? = nil) throws -> NDArray {
        try requireStacked(x, "cond")
        if p == nil || p == .p(2) || p == .p(-2) {
            let s = try svdvals(x)
            let ratio = try UFunc.divide(s.max(axis: -1), s.min(axis: -1))
            return p == .p(-2) ? try UFunc.divide(NDArray(scalar: 1.0).astype(ratio.dtype), ratio) : ratio
        }
        try requireSquare(x, "cond")
        let axes = (x.ndim - 2, x.ndim - 1)
        LinalgLoopStatus.reset()
        let (compute, _) = try commonType([x], function: "cond")
        let c = code(compute)
        // The raw gufunc: a singular matrix in a stack gives NaN there, made +inf below.
        let inverse = try GUFunc.inv.call([cast(x, compute)], signature: "\(c)->\(c)")[0]
        LinalgLoopStatus.reset()
        let product = try UFunc.multiply(norm(x, ord: p, axes: axes), norm(inverse, ord: p, axes: axes).astype(try normType(x)))
        // NaN from a failed inversion becomes +inf, unless x itself held a NaN (as NumPy).
        let inputNaN = try UFunc.isnan(x.astype([.float32, .float64, .complex64, .complex128].contains(x.dtype) ? x.dtype : .float64)).any(axis: -1).any(axis: -1)
        let failed = try UFunc.logicalAnd(UFunc.isnan(product), UFunc.logicalNot(inputNaN))
        return `where`(failed, NDArray(scalar: Double.infinity).astype(product.dtype), product)
    }

    /// NumPy's `linalg.matrix_power(a, n)`: `a` multiplied by itself `n` times (by
    /// repeated squaring), the identity (a's dtype) for 0, `inv(a)` to the |n| for n < 0.
    /// Stacks of square matrices; integer matrices stay integer for n ≥ 0.
    public static func matrixPower(_ a: NDArray, _ n: Int) throws -> NDArray {
        try requireSquare(a, "matrix_power")
        let m = a.axisLength(a.ndim - 1)
        if n == 0 { return try identityStack(Array(a.shape.dropLast(2)), m, dtype: a.dtype) }
        var base = n < 0 ? try inv(a) : a
        var exponent = n.magnitude
        var result: NDArray?
        while exponent > 0 {
            if exponent & 1 == 1 { result = try result.map { try GUFunc.matmul($0, base) } ?? base }
            exponent >>= 1
            if exponent > 0 { base = try GUFunc.matmul(base, base) }
        }
        return result!
    }

    /// NumPy's `linalg.multi_dot(arrays)`: the product of two or more arrays in the
    /// cheapest association order (NumPy's dynamic programming on the shapes). The first
    /// may be 1-D (a row vector) and the last 1-D (a column vector); the others are 2-D.
    public static func multiDot(_ arrays: [NDArray]) throws -> NDArray {
        guard arrays.count >= 2 else { throw LinalgError(.dimensions, "Expecting at least two arrays.") }
        var operands = arrays
        let firstVector = operands[0].ndim == 1, lastVector = operands[operands.count - 1].ndim == 1
        if firstVector { operands[0] = operands[0].reshaped([1, operands[0].size]) }
        if lastVector { operands[operands.count - 1] = operands[operands.count - 1].reshaped([operands[operands.count - 1].size, 1]) }
        for (index, operand) in operands.enumerated() where operand.ndim != 2 {
            throw LinalgError(.dimensions, "\(operand.ndim)-dimensional array given (operand \(index)). Array must be two-dimensional")
        }
        let count = operands.count
        let dims = [operands[0].axisLength(0)] + operands.map { $0.axisLength(1) }
        // cost[i][j]: cheapest product of operands i...j; split[i][j]: where to split it.
        var cost = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        var split = [[Int]](repeating: [Int](repeating: 0, count: count), count: count)
        if count > 2 {
            for length in 1..<count {
                for i in 0..<(count - length) {
                    let j = i + length
                    cost[i][j] = .infinity
                    for k in i..<j {
                        let c = cost[i][k] + cost[k + 1][j] + Double(dims[i]) * Double(dims[k + 1]) * Double(dims[j + 1])
                        if c < cost[i][j] { cost[i][j] = c; split[i][j] = k }
                    }
                }
            }
        }
        func product(_ i: Int, _ j: Int) throws -> NDArray {
            if i == j { return operands[i] }
            let k = count > 2 ? split[i][j] : i
            return try GUFunc.matmul(product(i, k), product(k + 1, j))
        }
        var result = try product(0, count - 1)
        if firstVector && lastVector { return result.reshaped([]) }
        if firstVector { result = result.reshaped([result.axisLength(1)]) }
        if lastVector { result = result.reshaped([result.axisLength(0)]) }
        return result
    }

    /// NumPy's `linalg.tensorinv(a, ind)`: the inverse of `a` read as a linear map from its
    /// first `ind` axes to the rest; the result has shape `a.shape[ind...] + a.shape[..<ind]`.
    /// - Throws: ``LinalgError`` when the two groups of axes have different sizes, or the
    ///   map is singular.
    public static func tensorinv(_ a: NDArray, ind: Int = 2) throws -> NDArray {
        guard ind > 0, ind <= a.ndim else { throw LinalgError(.dimensions, "Invalid ind argument \(ind) for an array of dimension \(a.ndim).") }
        let outer = Array(a.shape[..<ind]), inner = Array(a.shape[ind...])
        let rows = outer.reduce(1, *), columns = inner.reduce(1, *)
        guard rows == columns else {
            throw LinalgError(.dimensions, "Last 2 dimensions of the array must be square (tensorinv: prod(a.shape[:ind]) = \(rows) != prod(a.shape[ind:]) = \(columns))")
        }
        return try inv(a.reshaped([rows, columns])).reshaped(inner + outer)
    }

    /// NumPy's `linalg.tensorsolve(a, b, axes)`: `x` with `tensordot(a, x, x.ndim) = b`;
    /// `axes` are moved to the end of `a` first. `x` has shape `a.shape[b.ndim...]`.
    /// - Throws: ``LinalgError`` when prod(a.shape[b.ndim...]) ≠ prod(a.shape[..<b.ndim])
    ///   or the system is singular.
    public static func tensorsolve(_ a: NDArray, _ b: NDArray, axes: [Int]? = nil) throws -> NDArray {
        var a = a
        if let axes {
            var order = Array(0..<a.ndim)
            for axis in axes {
                let normalized = try normalizeAxis(axis, a.ndim, "tensorsolve")
                order.removeAll { $0 == normalized }
                order.append(normalized)
            }
            a = a.transposed(axes: order)
        }
        guard b.ndim <= a.ndim else { throw LinalgError(.dimensions, "tensorsolve: b has more dimensions (\(b.ndim)) than a (\(a.ndim))") }
        let solutionShape = Array(a.shape[b.ndim...])
        let size = solutionShape.reduce(1, *)
        guard a.shape[..<b.ndim].reduce(1, *) == size else {
            throw LinalgError(.dimensions, "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
        }
        return try solve(a.reshaped([size, size]), b.reshaped([size])).reshaped(solutionShape)
    }
}
