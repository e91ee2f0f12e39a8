// The linear-algebra gufuncs: NumPy's `numpy.linalg._umath_linalg` under its names and
// core signatures. The ``Linalg`` functions call them; backends register their loops
// by type signature (`d->d`, `D->D`, `D->Dd` …) like any gufunc's.
//
// Loop contract beyond `GUFunc`'s: a matrix the loop cannot factor (singular, not
// positive definite, not converged) gets NaN outputs and a ``LinalgLoopStatus`` report.
// Loops read `eigh_lo`'s and `cholesky_lo`'s lower triangle only (`_up`: the upper).

/// `p = min(m, n)` for signatures whose dimension order starts `m, n`, with `p` at `index`.
private func minimumOfFirstTwo(at index: Int) -> @Sendable (UnsafeMutablePointer<Int>) -> Void {
    { sizes in sizes[index] = Swift.min(sizes[0], sizes[1]) }
}

extension GUFunc {
    /// `inv (m,m)->(m,m)`: the inverse, through LU with partial pivoting (LAPACK `gesv`
    /// with an identity right-hand side).
    public static let inv = GUFunc("inv", "(m,m)->(m,m)", doc: "Inverse of a square matrix (LU with partial pivoting).")
    /// `solve (m,m),(m,n)->(m,n)`: `a⁻¹·b` for a matrix of right-hand sides.
    public static let solve = GUFunc("solve", "(m,m),(m,n)->(m,n)", doc: "Solution of a x = b for a matrix b (LU with partial pivoting).")
    /// `solve1 (m,m),(m)->(m)`: `a⁻¹·b` for one right-hand side.
    public static let solve1 = GUFunc("solve1", "(m,m),(m)->(m)", doc: "Solution of a x = b for a vector b (LU with partial pivoting).")
    /// `det (m,m)->()`: the determinant from the LU factors.
    public static let det = GUFunc("det", "(m,m)->()", doc: "Determinant (product of the LU pivots).")
    /// `slogdet (m,m)->(),()`: sign (or unit phase) and log of the absolute determinant;
    /// a singular matrix gives sign 0 and logdet −inf (not an error).
    public static let slogdet = GUFunc("slogdet", "(m,m)->(),()", doc: "Sign and natural log of the absolute value of the determinant.")
    /// `cholesky_lo (m,m)->(m,m)`: lower Cholesky factor `L`, `a = L·Lᴴ`, reading the lower triangle.
    public static let choleskyLower = GUFunc("cholesky_lo", "(m,m)->(m,m)", doc: "Lower Cholesky factor L with a = L L^H, reading the lower triangle of a.")
    /// `cholesky_up (m,m)->(m,m)`: upper Cholesky factor `U`, `a = Uᴴ·U`, reading the upper triangle.
    public static let choleskyUpper = GUFunc("cholesky_up", "(m,m)->(m,m)", doc: "Upper Cholesky factor U with a = U^H U, reading the upper triangle of a.")
    /// `eigh_lo (m,m)->(m),(m,m)`: eigenvalues (ascending) and orthonormal eigenvectors
    /// (columns) of a Hermitian matrix given by its lower triangle.
    public static let eighLower = GUFunc("eigh_lo", "(m,m)->(m),(m,m)", doc: "Eigenvalues (ascending) and eigenvectors of a Hermitian matrix from its lower triangle.")
    /// `eigh_up (m,m)->(m),(m,m)`: as `eigh_lo`, reading the upper triangle.
    public static let eighUpper = GUFunc("eigh_up", "(m,m)->(m),(m,m)", doc: "Eigenvalues (ascending) and eigenvectors of a Hermitian matrix from its upper triangle.")
    /// `eigvalsh_lo (m,m)->(m)`: eigenvalues only, lower triangle.
    public static let eigvalshLower = GUFunc("eigvalsh_lo", "(m,m)->(m)", doc: "Eigenvalues (ascending) of a Hermitian matrix from its lower triangle.")
    /// `eigvalsh_up (m,m)->(m)`: eigenvalues only, upper triangle.
    public static let eigvalshUpper = GUFunc("eigvalsh_up", "(m,m)->(m)", doc: "Eigenvalues (ascending) of a Hermitian matrix from its upper triangle.")
    /// `eig (m,m)->(m),(m,m)`: eigenvalues and right eigenvectors of a general matrix
    /// (complex outputs, LAPACK `geev`; unit-norm columns).
    public static let eig = GUFunc("eig", "(m,m)->(m),(m,m)", doc: "Eigenvalues and right eigenvectors of a general square matrix (complex results).")
    /// `eigvals (m,m)->(m)`: eigenvalues of a general matrix.
    public static let eigvals = GUFunc("eigvals", "(m,m)->(m)", doc: "Eigenvalues of a general square matrix (complex results).")
    /// `svd (m,n)->(p)`: singular values, descending, `p = min(m, n)`.
    public static let svd = GUFunc(
        "svd", "(m,n)->(p)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 2),
        doc: "Singular values in descending order; p = min(m, n).")
    /// `svd_s (m,n)->(m,p),(p),(p,n)`: reduced SVD `a = U·diag(s)·Vᴴ`.
    public static let svdReduced = GUFunc(
        "svd_s", "(m,n)->(m,p),(p),(p,n)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 2),
        doc: "Reduced singular value decomposition a = u diag(s) vh; p = min(m, n).")
    /// `svd_f (m,n)->(m,m),(p),(n,n)`: full SVD, square unitary `U` and `Vᴴ`.
    public static let svdFull = GUFunc(
        "svd_f", "(m,n)->(m,m),(p),(n,n)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 2),
        doc: "Full singular value decomposition with square unitary u and vh; p = min(m, n).")
    /// `qr_r_raw (m,n)->(n,m),(p)`: LAPACK `geqrf`'s Householder form as NumPy's
    /// `qr(mode="raw")` returns it — `h` (the factored matrix, transposed) and `tau`.
    /// NumPy's own `qr_r_raw` overwrites its input and returns `tau` alone; this gufunc
    /// returns both instead of writing to an input.
    public static let qrRaw = GUFunc(
        "qr_r_raw", "(m,n)->(n,m),(p)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 2),
        doc: "Householder QR in LAPACK's raw form: h (transposed) and tau; p = min(m, n).")
    /// `qr_reduced (m,n)->(m,p),(p,n)`: `q` with orthonormal columns and upper-triangular `r`.
    /// (NumPy's `qr_reduced` takes `geqrf`'s output and `tau`; this one takes `a`.)
    public static let qrReduced = GUFunc(
        "qr_reduced", "(m,n)->(m,p),(p,n)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 2),
        doc: "Reduced QR decomposition: q (m, p) with orthonormal columns, r (p, n) upper triangular.")
    /// `qr_complete (m,n)->(m,m),(m,n)`: square unitary `q` and `r` (m, n).
    public static let qrComplete = GUFunc("qr_complete", "(m,n)->(m,m),(m,n)", doc: "Complete QR decomposition: unitary q (m, m), r (m, n) upper triangular.")
    /// `lstsq (m,n),(m,nrhs),()->(n,nrhs),(nrhs),(),(p)`: minimum-norm least squares
    /// through the SVD: solution, residual sums of squares (always filled; ``Linalg/lstsq(_:_:rcond:)``
    /// keeps them only when rank = n < m, as NumPy), rank (int32), singular values.
    /// Singular values ≤ `rcond`·max(s) count as zero; a negative `rcond` means ε.
    public static let lstsq = GUFunc(
        "lstsq", "(m,n),(m,nrhs),()->(n,nrhs),(nrhs),(),(p)", derivedDimensions: ["p"], deriveSizes: minimumOfFirstTwo(at: 3),
        doc: "Minimum-norm least-squares solution through the SVD, with residuals, rank and singular values.")

    /// The linear-algebra gufuncs.
    public static var linalg: [GUFunc] {
        [inv, solve, solve1, det, slogdet, choleskyLower, choleskyUpper, eighLower, eighUpper, eigvalshLower, eigvalshUpper,
         eig, eigvals, svd, svdReduced, svdFull, qrRaw, qrReduced, qrComplete, lstsq]
    }
}
