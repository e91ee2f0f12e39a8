#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Random {
    /// How ``Generator/multivariateNormal(mean:cov:shape:checkValid:tolerance:method:)``
    /// factors the covariance (NumPy's `method`).
    public enum CovarianceFactorization: String, Sendable, CaseIterable {
        /// `u · √s` from the singular value decomposition (NumPy's default).
        case svd
        /// `u · √|s|` from the symmetric eigendecomposition.
        case eigh
        /// The lower Cholesky factor (fastest; needs a positive-definite covariance).
        case cholesky
    }

    /// What ``Generator/multivariateNormal(mean:cov:shape:checkValid:tolerance:method:)`` does
    /// with a covariance that is not symmetric positive-semidefinite (NumPy's `check_valid`).
    public enum CovarianceCheck: String, Sendable, CaseIterable {
        /// Writes NumPy's warning text to standard error and samples anyway (the default).
        case warn
        /// Throws NumPy's `ValueError`.
        case raise
        /// Samples without checking.
        case ignore
    }
}

extension Random.Generator {
    /// NumPy's `Generator.multivariate_normal(mean, cov, size, check_valid, tol, method)`:
    /// float64 samples of shape `shape + [mean.count]`, `mean + Z · Aᵀ` with Z the standard
    /// normals of that shape (drawn first, exactly as NumPy draws them, so the generator's
    /// state afterwards is NumPy's) and A a factor of `cov` with `A · Aᵀ = cov`.
    ///
    /// The values equal NumPy's to rounding only where the factor is the same: Cholesky's
    /// factor is unique, but the singular and eigenvectors of `svd` and `eigh` are unique
    /// only up to sign (and rotation within repeated eigenvalues), and this library's
    /// decomposition may choose differently from LAPACK's. Each such choice gives samples
    /// of the same distribution, not the same numbers; compare with `.cholesky` when the
    /// numbers must agree.
    /// - Precondition: `mean` is 1-d, `cov` square of the same length, and (with
    ///   `checkValid: .raise`) positive-semidefinite; see
    ///   ``multivariateNormalThrowing(mean:cov:shape:checkValid:tolerance:method:)``.
    public mutating func multivariateNormal(mean: NDArray, cov: NDArray, shape: [Int] = [], checkValid: Random.CovarianceCheck = .warn, tolerance: Double = 1e-8, method: Random.CovarianceFactorization = .svd) -> NDArray {
        orStop { try multivariateNormalThrowing(mean: mean, cov: cov, shape: shape, checkValid: checkValid, tolerance: tolerance, method: method) }
    }

    /// ``multivariateNormal(mean:cov:shape:checkValid:tolerance:method:)`` that throws NumPy's
    /// errors: `mean must be 1 dimensional`, `cov must be 2 dimensional and square`, `mean
    /// and cov must have same length`, `covariance is not symmetric positive-semidefinite.`
    /// (with `.raise`), and the decomposition's ``LinalgError``.
    public mutating func multivariateNormalThrowing(mean: NDArray, cov: NDArray, shape: [Int] = [], checkValid: Random.CovarianceCheck = .warn, tolerance: Double = 1e-8, method: Random.CovarianceFactorization = .svd) throws -> NDArray {
        if mean.ndim != 1 { throw Self.valueError("mean must be 1 dimensional") }
        if cov.ndim != 2 || cov.axisLength(0) != cov.axisLength(1) { throw Self.valueError("cov must be 2 dimensional and square") }
        let d = mean.axisLength(0)
        if d != cov.axisLength(0) { throw Self.valueError("mean and cov must have same length") }
        let finalShape = try Self.checkedShape(shape) + [d]
        let z = try standardNormalThrowing(finalShape).reshaped([shape.reduce(1, *), d])
        let covariance = try cov.astype(.float64).copy(order: .c)
        let factor: NDArray
        switch method {
        case .cholesky:
            factor = try Linalg.cholesky(covariance)
        case .svd:
            let (u, s, vh) = try Linalg.svd(covariance)
            if checkValid != .ignore {
                // NumPy: allclose((vhᵀ · s) · vh, cov, rtol=tol, atol=tol).
                let scaled = try NDArray.dot(vh.transposed() * s, vh)
                let reconstructed = scaled.toArray(Double.self), original = covariance.toArray(Double.self)
                let close = zip(reconstructed, original).allSatisfy { abs($0 - $1) <= tolerance + tolerance * abs($1) }
                try Self.reportInvalidCovariance(close, checkValid)
            }
            factor = u * sqrt(s)
        case .eigh:
            let (s, u) = try Linalg.eigh(covariance)
            if checkValid != .ignore {
                try Self.reportInvalidCovariance(!s.toArray(Double.self).contains { $0 < -tolerance }, checkValid)
            }
            factor = u * sqrt(absolute(s))
        }
        let samples = try NDArray.dot(z, factor.transposed()) + mean.astype(.float64)
        return samples.reshaped(finalShape)
    }

    static func reportInvalidCovariance(_ valid: Bool, _ check: Random.CovarianceCheck) throws {
        if valid { return }
        let message = "covariance is not symmetric positive-semidefinite."
        switch check {
        case .raise: throw valueError(message)
        case .warn:
            let text = "RuntimeWarning: \(message)\n"
            _ = text.withCString { write(2, $0, strlen($0)) }
        case .ignore: break
        }
    }
}
