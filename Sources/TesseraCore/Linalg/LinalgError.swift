#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// NumPy's `numpy.linalg.LinAlgError`: a linear-algebra function could not compute its
/// result for these values or shapes. The messages are NumPy's.
public struct LinalgError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Int, Sendable {
        /// "Singular matrix": LU found an exact zero pivot (`inv`, `solve`, `tensorinv`).
        case singularMatrix = 1
        /// "Matrix is not positive definite": Cholesky met a non-positive pivot.
        case notPositiveDefinite
        /// "SVD did not converge".
        case svdDidNotConverge
        /// "Eigenvalues did not converge".
        case eigenvaluesDidNotConverge
        /// "SVD did not converge in Linear Least Squares".
        case lstsqDidNotConverge
        /// "Last 2 dimensions of the array must be square".
        case notSquare
        /// "N-dimensional array given. Array must be at least two-dimensional" (and the
        /// other shape preconditions NumPy raises as `LinAlgError`).
        case dimensions
        /// A dtype linalg does not compute in (float16, strings…).
        case unsupportedDType
        /// No installed backend has a loop for this operation (the scalar backend has no
        /// general non-symmetric eigensolver).
        case unsupportedBackend
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String? = nil) {
        self.kind = kind
        self.message = message ?? LinalgError.defaultMessage(kind)
    }

    static func defaultMessage(_ kind: Kind) -> String {
        switch kind {
        case .singularMatrix: "Singular matrix"
        case .notPositiveDefinite: "Matrix is not positive definite"
        case .svdDidNotConverge: "SVD did not converge"
        case .eigenvaluesDidNotConverge: "Eigenvalues did not converge"
        case .lstsqDidNotConverge: "SVD did not converge in Linear Least Squares"
        case .notSquare: "Last 2 dimensions of the array must be square"
        case .dimensions: "Array must be at least two-dimensional"
        case .unsupportedDType: "array type is unsupported in linalg"
        case .unsupportedBackend: "no backend provides this linear-algebra loop"
        }
    }

    public var description: String { message }
}

/// How a linear-algebra core loop reports a matrix it could not factor.
///
/// The loop contract has no error return (it is a C signature), so a loop that meets a
/// singular or indefinite matrix, or a solver that does not converge, fills that
/// matrix's outputs with NaN — as NumPy's `_umath_linalg` gufuncs do — and calls
/// ``report(_:)``. The record is per thread: gufunc loops run on the calling thread. The
/// ``Linalg`` functions clear it before the call and throw ``LinalgError`` if a loop
/// reported anything, so for a stack of matrices one failure fails the whole call (NumPy
/// raises as well). Calling the gufunc directly (`GUFunc.named("inv")`) gives NumPy's
/// raw gufunc behaviour: NaN for the failed matrices, the others computed.
public enum LinalgLoopStatus {
    /// Records a failure on this thread; the first one recorded is kept.
    public static func report(_ kind: LinalgError.Kind) {
        if pthread_getspecific(key) == nil {
            pthread_setspecific(key, UnsafeRawPointer(bitPattern: kind.rawValue))
        }
    }

    /// The failure recorded on this thread since the last ``reset()``, if any.
    public static var current: LinalgError.Kind? {
        guard let value = pthread_getspecific(key) else { return nil }
        return LinalgError.Kind(rawValue: Int(bitPattern: value))
    }

    /// Forgets this thread's record.
    public static func reset() {
        pthread_setspecific(key, nil)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "linalg: pthread_key_create failed (\(status))")
        return key
    }()
}
