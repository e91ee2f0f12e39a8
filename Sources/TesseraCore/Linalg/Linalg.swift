import ComplexModule

/// NumPy's `numpy.linalg`: linear algebra on stacks of matrices.
///
/// Each function takes arrays whose last two axes are the matrices; leading axes are a
/// stack and broadcast between operands like a gufunc's loop dimensions. The work is
/// done by the linear-algebra gufuncs (``GUFunc/inv``, ``GUFunc/solve`` …) whose loops
/// the backends register: the scalar backend's pure-Swift reference, and OpenBLAS's
/// LAPACK when it is installed.
///
/// Types follow NumPy: the computation runs in float64 (complex128 if any operand is
/// complex); integers and bool become float64; results are float32/complex64 when every
/// floating operand was single precision. float16 is an error, as in NumPy.
///
/// Failures throw ``LinalgError`` with NumPy's messages. For a stack, one failing matrix
/// fails the call (the loops mark it NaN and report it; see ``LinalgLoopStatus``).
public enum Linalg {
    /// Which triangle of a Hermitian matrix is read (NumPy's `UPLO`).
    public enum Triangle: Sendable {
        case lower, upper
    }

    /// NumPy's `qr` modes that return two factors.
    public enum QRMode: Sendable {
        /// `q` (m, k), `r` (k, n) with k = min(m, n).
        case reduced
        /// `q` (m, m), `r` (m, n).
        case complete
    }

    // MARK: Type and shape checks

    /// NumPy's `_commonType`: (computation dtype, result dtype).
    static func commonType(_ arrays: [NDArray], function: String) throws -> (compute: DType, result: DType) {
        var double = false, complex = false
        for array in arrays {
            switch array.dtype {
            case .float32: break
            case .complex64: complex = true
            case .float64: double = true
            case .complex128: double = true; complex = true
            case .bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64: double = true
            default:
                throw LinalgError(.unsupportedDType, "array type \(array.dtype) is unsupported in linalg (\(function))")
            }
        }
        if complex { return (.complex128, double ? .complex128 : .complex64) }
        return (.float64, double ? .float64 : .float32)
    }

    static func realType(_ dtype: DType) -> DType {
        switch dtype {
        case .complex64: .float32
        case .complex128: .float64
        default: dtype
        }
    }

    static func requireStacked(_ a: NDArray, _ function: String) throws {
        guard a.ndim >= 2 else {
            throw LinalgError(.dimensions, "\(a.ndim)-dimensional array given. Array must be at least two-dimensional (\(function))")
        }
    }

    static func requireSquare(_ a: NDArray, _ function: String) throws {
        try requireStacked(a, function)
        guard a.axisLength(a.ndim - 1) == a.axisLength(a.ndim - 2) else {
            throw LinalgError(.notSquare, "Last 2 dimensions of the array must be square (\(function): shape \(shapeText(a.shape)))")
        }
    }

    /// Calls a linear-algebra gufunc with a loop signature, turning loop reports into
    /// ``LinalgError``.
    static func run(_ gufunc: GUFunc, _ inputs: [NDArray], _ signature: String, failure: LinalgError.Kind? = nil) throws -> [NDArray] {
        LinalgLoopStatus.reset()
        let outputs: [NDArray]
        do {
            outputs = try gufunc.call(inputs, signature: signature)
        } catch let error as TesseraError where error.code == .noLoop {
            let hint = gufunc === GUFunc.eig || gufunc === GUFunc.eigvals
                ? "general (non-symmetric) eigenvalues come from LAPACK: enable the openblas backend (TESSERA_BACKEND=openblas or all)"
                : "enable a backend that provides it (TESSERA_BACKEND=all)"
            throw LinalgError(.unsupportedBackend, "\(gufunc.name): no installed backend has a `\(signature)` loop; \(hint)")
        }
        if let kind = LinalgLoopStatus.current {
            LinalgLoopStatus.reset()
            throw LinalgError(failure ?? kind)
        }
        return outputs
    }

    static func cast(_ array: NDArray, _ dtype: DType) -> NDArray {
        array.dtype == dtype ? array : array.astype(dtype)
    }

    static func code(_ dtype: DType) -> String { String(dtype.character) }

    /// `eye(n)` broadcast to `batch + [n, n]`.
    static func identityStack(_ batch: [Int], _ n: Int, dtype: DType) throws -> NDArray {
        try UFunc.add(NDArray.zeros(batch + [n, n], dtype: dtype), NDArray.eye(n, dtype: dtype))
    }

    // MARK: LU family

    /// NumPy's `linalg.inv`: the inverse of each square matrix in `a` (…, m, m).
    ///
    /// - Throws: ``LinalgError`` "Singular matrix" when a pivot is exactly zero (a
    ///   nearly singular matrix gives a large, inaccurate inverse, as in NumPy);
    ///   "Last 2 dimensions of the array must be square"; fewer than two axes.
    public static func inv(_ a: NDArray) throws -> NDArray {
        try requireSquare(a, "inv")
        let (compute, result) = try commonType([a], function: "inv")
        let c = code(compute)
        return cast(try run(.inv, [cast(a, compute)], "\(c)->\(c)")[0], result)
    }

    /// NumPy's `linalg.solve`: `x` with `a·x = b`.
    ///
    /// `a` is (…, m, m). As in NumPy 2, `b` is one right-hand side only when it is 1-D
    /// (m,); otherwise it is (…, m, k) and its stack broadcasts against `a`'s.
    /// - Throws: ``LinalgError`` "Singular matrix", non-square `a`; ``TesseraError`` when
    ///   the shapes do not fit.
    public static func solve(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try requireSquare(a, "solve")
        let (compute, result) = try commonType([a, b], function: "solve")
        let c = code(compute)
        let gufunc: GUFunc = b.ndim == 1 ? .solve1 : .solve
        return cast(try run(gufunc, [cast(a, compute), cast(b, compute)], "\(c)\(c)->\(c)")[0], result)
    }

    /// NumPy's `linalg.det`: the determinant of each matrix, from its LU factors. A
    /// singular matrix gives 0 (not an error); a 0×0 matrix gives 1.
    public static func det(_ a: NDArray) throws -> NDArray {
        try requireSquare(a, "det")
        let (compute, result) = try commonType([a], function: "det")
        let c = code(compute)
        return cast(try run(.det, [cast(a, compute)], "\(c)->\(c)")[0], result)
    }

    /// NumPy's `linalg.slogdet`: `(sign, logabsdet)` with `det = sign·exp(logabsdet)`,
    /// without overflow. For complex input `sign` has modulus 1. A singular matrix gives
    /// sign 0 and logabsdet −inf; a 0×0 matrix gives (1, 0).
    public static func slogdet(_ a: NDArray) throws -> (sign: NDArray, logabsdet: NDArray) {
        try requireSquare(a, "slogdet")
        let (compute, result) = try commonType([a], function: "slogdet")
        let c = code(compute), r = code(realType(compute))
        let outputs = try run(.slogdet, [cast(a, compute)], "\(c)->\(c)\(r)")
        return (cast(outputs[0], result), cast(outputs[1], realType(result)))
    }

    // MARK: Cholesky

    /// NumPy's `linalg.cholesky`: `L` lower triangular with `a = L·Lᴴ`, or with
    /// `upper: true` `U` with `a = Uᴴ·U`. Only the lower (upper) triangle of `a` is read;
    /// the other triangle of the result is zero.
    /// - Throws: ``LinalgError`` "Matrix is not positive definite".
    public static func cholesky(_ a: NDArray, upper: Bool = false) throws -> NDArray {
        try requireSquare(a, "cholesky")
        let (compute, result) = try commonType([a], function: "cholesky")
        let c = code(compute)
        return cast(try run(upper ? .choleskyUpper : .choleskyLower, [cast(a, compute)], "\(c)->\(c)")[0], result)
    }

    // MARK: Eigenvalues

    /// NumPy's `linalg.eigh`: eigenvalues in ascending order (real) and the orthonormal
    /// eigenvectors as columns (`v[..., :, i]` belongs to `w[..., i]`) of each Hermitian
    /// matrix, reading the triangle `uplo` only.
    /// - Throws: ``LinalgError`` "Eigenvalues did not converge".
    public static func eigh(_ a: NDArray, uplo: Triangle = .lower) throws -> (eigenvalues: NDArray, eigenvectors: NDArray) {
        try requireSquare(a, "eigh")
        let (compute, result) = try commonType([a], function: "eigh")
        let c = code(compute), r = code(realType(compute))
        let outputs = try run(uplo == .lower ? .eighLower : .eighUpper, [cast(a, compute)], "\(c)->\(r)\(c)")
        return (cast(outputs[0], realType(result)), cast(outputs[1], result))
    }

    /// NumPy's `linalg.eigvalsh`: the eigenvalues of `eigh`, ascending.
    public static func eigvalsh(_ a: NDArray, uplo: Triangle = .lower) throws -> NDArray {
        try requireSquare(a, "eigvalsh")
        let (compute, result) = try commonType([a], function: "eigvalsh")
        let c = code(compute), r = code(realType(compute))
        return cast(try run(uplo == .lower ? .eigvalshLower : .eigvalshUpper, [cast(a, compute)], "\(c)->\(r)")[0], realType(result))
    }

    /// NumPy's `linalg.eig`: eigenvalues and unit-norm right eigenvectors (columns) of
    /// general square matrices, in LAPACK `geev`'s order. For real input the results are
    /// real when every eigenvalue's imaginary part is zero, complex otherwise (as NumPy).
    ///
    /// Needs the openblas backend: the scalar reference has no non-symmetric
    /// eigensolver and throws ``LinalgError`` (`.unsupportedBackend`) naming it.
    public static func eig(_ a: NDArray) throws -> (eigenvalues: NDArray, eigenvectors: NDArray) {
        try requireSquare(a, "eig")
        let (compute, result) = try commonType([a], function: "eig")
        let c = code(compute)
        let outputs = try run(.eig, [cast(a, compute)], "\(c)->DD", failure: .eigenvaluesDidNotConverge)
        if compute == .float64, allImaginaryPartsZero(outputs[0]) {
            return (cast(outputs[0], result), cast(outputs[1], result))
        }
        let complexResult: DType = result == .float32 || result == .complex64 ? .complex64 : .complex128
        return (cast(outputs[0], complexResult), cast(outputs[1], complexResult))
    }

    /// NumPy's `linalg.eigvals`: the eigenvalues of ``eig(_:)``.
    public static func eigvals(_ a: NDArray) throws -> NDArray {
        try requireSquare(a, "eigvals")
        let (compute, result) = try commonType([a], function: "eigvals")
        let c = code(compute)
        let values = try run(.eigvals, [cast(a, compute)], "\(c)->D", failure: .eigenvaluesDidNotConverge)[0]
        if compute == .float64, allImaginaryPartsZero(values) { return cast(values, result) }
        return cast(values, result == .float32 || result == .complex64 ? .complex64 : .complex128)
    }

    static func allImaginaryPartsZero(_ values: NDArray) -> Bool {
        values.toArray(Complex<Double>.self).allSatisfy { $0.imaginary == 0 }
    }

    // MARK: SVD

    /// NumPy's `linalg.svd`: `a = u·diag(s)·vh` with `s` descending and non-negative.
    ///
    /// With `fullMatrices` (NumPy's default) `u` is (…, m, m) and `vh` (…, n, n);
    /// otherwise (…, m, k) and (…, k, n), k = min(m, n). Singular vectors are unique
    /// only up to a unit factor per pair, so compare reconstructions, not vectors.
    ///
    /// With `hermitian: true` (NumPy's `hermitian=True`) `a` is taken as Hermitian (only
    /// its lower triangle is read) and the SVD comes from ``eigh(_:uplo:)``: `s` = |λ|
    /// sorted descending, `u` the matching eigenvectors, `vh` = (u·sign(λ))ᴴ; the
    /// matrices are square, so `fullMatrices` does not apply.
    /// - Throws: ``LinalgError`` "SVD did not converge" ("Eigenvalues did not converge"
    ///   with `hermitian`); non-square input with `hermitian`.
    public static func svd(_ a: NDArray, fullMatrices: Bool = true, hermitian: Bool = false) throws -> (u: NDArray, s: NDArray, vh: NDArray) {
        if hermitian { return try hermitianSVD(a) }
        try requireStacked(a, "svd")
        let (compute, result) = try commonType([a], function: "svd")
        let c = code(compute), r = code(realType(compute))
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        let batch = Array(a.shape.dropLast(2))
        var outputs = try run(fullMatrices ? .svdFull : .svdReduced, [cast(a, compute)], "\(c)->\(c)\(r)\(c)", failure: .svdDidNotConverge)
        if fullMatrices && Swift.min(m, n) == 0 {
            // No singular values: the loop did not run; the bases are identities.
            outputs[0] = try identityStack(batch, m, dtype: compute)
            outputs[2] = try identityStack(batch, n, dtype: compute)
        }
        return (cast(outputs[0], result), cast(outputs[1], realType(result)), cast(outputs[2], result))
    }

    /// NumPy's `linalg.svd(a, full_matrices, compute_uv, hermitian)` with `compute_uv`
    /// spelled out: with `computeUV: false` only the singular values are computed (NumPy
    /// then returns `s` alone; here `u` and `vh` are nil — ``svdvals(_:)`` is the same
    /// without the tuple); with `computeUV: true` it is
    /// ``svd(_:fullMatrices:hermitian:)``.
    public static func svd(_ a: NDArray, fullMatrices: Bool = true, computeUV: Bool, hermitian: Bool = false) throws -> (u: NDArray?, s: NDArray, vh: NDArray?) {
        if computeUV {
            let (u, s, vh) = try svd(a, fullMatrices: fullMatrices, hermitian: hermitian)
            return (u, s, vh)
        }
        if hermitian {
            // |λ| sorted descending, as NumPy's `sort(abs(eigvalsh(a)))[..., ::-1]`.
            let magnitudes = try UFunc.absolute(eigvalsh(a))
            return (nil, try NDArray.sort(magnitudes, axis: -1).flipped(axis: -1), nil)
        }
        return (nil, try svdvals(a), nil)
    }

    /// The SVD of Hermitian matrices through `eigh`, as NumPy's `svd(hermitian=True)`.
    static func hermitianSVD(_ a: NDArray) throws -> (u: NDArray, s: NDArray, vh: NDArray) {
        let (values, vectors) = try eigh(a)
        // copysign(1, λ): a zero eigenvalue gets +1 (or −1 for −0), never 0.
        let sign = try UFunc.copysign(NDArray.ones([], dtype: values.dtype), values)
        let magnitudes = try UFunc.absolute(values)
        let order = try NDArray.argsort(magnitudes, axis: -1).flipped(axis: -1)
        let s = try NDArray.takeAlongAxis(magnitudes, order, axis: -1)
        let orderedSign = try NDArray.takeAlongAxis(sign, order, axis: -1)
        let columnOrder = order.reshaped(Array(order.shape.dropLast()) + [1, order.shape.last!])
        let u = try NDArray.takeAlongAxis(vectors, columnOrder, axis: -1)
        let signedColumns = try UFunc.multiply(u, orderedSign.reshaped(columnOrder.shape))
        let vh = try UFunc.conjugate(signedColumns.swappedAxes(-1, -2))
        return (u, s, vh.dtype == u.dtype ? vh : vh.astype(u.dtype))
    }

    /// NumPy's `linalg.svdvals` (`svd(a, compute_uv=False)`): singular values, descending.
    public static func svdvals(_ a: NDArray) throws -> NDArray {
        try requireStacked(a, "svdvals")
        let (compute, result) = try commonType([a], function: "svdvals")
        let c = code(compute), r = code(realType(compute))
        return cast(try run(.svd, [cast(a, compute)], "\(c)->\(r)", failure: .svdDidNotConverge)[0], realType(result))
    }

    // MARK: QR

    /// NumPy's `linalg.qr` with mode `reduced` (default) or `complete`: `a = q·r`, `q`
    /// with orthonormal columns, `r` upper triangular, Householder reflections as
    /// LAPACK's `geqrf` (so signs match NumPy's up to rounding).
    public static func qr(_ a: NDArray, mode: QRMode = .reduced) throws -> (q: NDArray, r: NDArray) {
        try requireStacked(a, "qr")
        let (compute, result) = try commonType([a], function: "qr")
        let c = code(compute)
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        var outputs = try run(mode == .reduced ? .qrReduced : .qrComplete, [cast(a, compute)], "\(c)->\(c)\(c)")
        if mode == .complete && n == 0 {
            outputs[0] = try identityStack(Array(a.shape.dropLast(2)), m, dtype: compute)
        }
        return (cast(outputs[0], result), cast(outputs[1], result))
    }

    /// NumPy's `linalg.qr(a, mode="r")`: the upper-triangular factor (…, k, n) alone.
    public static func qrR(_ a: NDArray) throws -> NDArray {
        try qr(a).r
    }

    /// NumPy's `linalg.qr(a, mode="raw")`: `(h, tau)`, LAPACK `geqrf`'s Householder
    /// vectors and `r` in `h` (…, n, m) (the transpose of the factored matrix, as NumPy
    /// returns it) and the reflector scales `tau` (…, k).
    public static func qrRaw(_ a: NDArray) throws -> (h: NDArray, tau: NDArray) {
        try requireStacked(a, "qr")
        let (compute, result) = try commonType([a], function: "qr")
        let c = code(compute)
        let m = a.axisLength(a.ndim - 2), n = a.axisLength(a.ndim - 1)
        var outputs = try run(.qrRaw, [cast(a, compute)], "\(c)->\(c)\(c)")
        if Swift.min(m, n) == 0 { outputs[0] = cast(a, compute).transposed(axes: Array(0..<(a.ndim - 2)) + [a.ndim - 1, a.ndim - 2]).copy() }
        return (cast(outputs[0], result), cast(outputs[1], result))
    }
}
