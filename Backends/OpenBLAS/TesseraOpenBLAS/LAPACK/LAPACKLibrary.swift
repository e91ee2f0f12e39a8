import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// LAPACK's Fortran entry points as `libopenblas.so.0` exports them (`dgesv_` …), bound at
// run time with dlsym. Fortran ABI: every argument by reference, 32-bit integers (Debian's
// LP64 build), column-major matrices, and one hidden `size_t` length per character
// argument at the end (gfortran's convention; passing it is harmless where unused).

typealias Ptr = UnsafeMutableRawPointer?
typealias IntPtr = UnsafeMutablePointer<Int32>?
typealias CharPtr = UnsafePointer<CChar>?

/// `?gesv_(n, nrhs, a, lda, ipiv, b, ldb, info)`
typealias GESVFunction = @convention(c) (IntPtr, IntPtr, Ptr, IntPtr, IntPtr, Ptr, IntPtr, IntPtr) -> Void
/// `?getrf_(m, n, a, lda, ipiv, info)`
typealias GETRFFunction = @convention(c) (IntPtr, IntPtr, Ptr, IntPtr, IntPtr, IntPtr) -> Void
/// `?getrs_(trans, n, nrhs, a, lda, ipiv, b, ldb, info, len)`
typealias GETRSFunction = @convention(c) (CharPtr, IntPtr, IntPtr, Ptr, IntPtr, IntPtr, Ptr, IntPtr, IntPtr, Int) -> Void
/// `?potrf_(uplo, n, a, lda, info, len)`
typealias POTRFFunction = @convention(c) (CharPtr, IntPtr, Ptr, IntPtr, IntPtr, Int) -> Void
/// `?geqrf_(m, n, a, lda, tau, work, lwork, info)`
typealias GEQRFFunction = @convention(c) (IntPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, IntPtr) -> Void
/// `dorgqr_` / `zungqr_(m, n, k, a, lda, tau, work, lwork, info)`
typealias ORGQRFunction = @convention(c) (IntPtr, IntPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, IntPtr) -> Void
/// `dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, len, len)`
typealias DSYEVDFunction = @convention(c) (CharPtr, CharPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, IntPtr, IntPtr, IntPtr, Int, Int) -> Void
/// `zheevd_(jobz, uplo, n, a, lda, w, work, lwork, rwork, lrwork, iwork, liwork, info, len, len)`
typealias ZHEEVDFunction = @convention(c) (CharPtr, CharPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, IntPtr, IntPtr, IntPtr, Int, Int) -> Void
/// `dgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, len)`
typealias DGESDDFunction = @convention(c) (CharPtr, IntPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, IntPtr, IntPtr, Int) -> Void
/// `zgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, rwork, iwork, info, len)`
typealias ZGESDDFunction = @convention(c) (CharPtr, IntPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, IntPtr, Int) -> Void
/// `dgelsd_(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, iwork, info)`
typealias DGELSDFunction = @convention(c) (IntPtr, IntPtr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, IntPtr, IntPtr) -> Void
/// `zgelsd_(m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, rwork, iwork, info)`
typealias ZGELSDFunction = @convention(c) (IntPtr, IntPtr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, IntPtr) -> Void
/// `dgeev_(jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr, work, lwork, info, len, len)`
typealias DGEEVFunction = @convention(c) (CharPtr, CharPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, IntPtr, Int, Int) -> Void
/// `zgeev_(jobvl, jobvr, n, a, lda, w, vl, ldvl, vr, ldvr, work, lwork, rwork, info, len, len)`
typealias ZGEEVFunction = @convention(c) (CharPtr, CharPtr, IntPtr, Ptr, IntPtr, Ptr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, Ptr, IntPtr, Int, Int) -> Void

/// The LAPACK routines of the loaded OpenBLAS; a routine the library lacks is `nil`, and
/// the loops that need it are not installed (``missing`` says which).
struct LAPACKLibrary: @unchecked Sendable {
    var dgesv: GESVFunction?, zgesv: GESVFunction?
    var dgetrf: GETRFFunction?, zgetrf: GETRFFunction?
    var dgetrs: GETRSFunction?, zgetrs: GETRSFunction?
    var dpotrf: POTRFFunction?, zpotrf: POTRFFunction?
    var dsyevd: DSYEVDFunction?, zheevd: ZHEEVDFunction?
    var dgesdd: DGESDDFunction?, zgesdd: ZGESDDFunction?
    var dgelsd: DGELSDFunction?, zgelsd: ZGELSDFunction?
    var dgeev: DGEEVFunction?, zgeev: ZGEEVFunction?
    var dgeqrf: GEQRFFunction?, zgeqrf: GEQRFFunction?
    var dorgqr: ORGQRFunction?, zungqr: ORGQRFunction?
    var missing: [String] = []

    /// Bound once per process from the same `libopenblas.so.0` the CBLAS binding uses.
    static let shared: LAPACKLibrary? = {
        guard case .success = OpenBLASLibrary.shared, let handle = dlopen(OpenBLASLibrary.soname, RTLD_NOW | RTLD_LOCAL) else { return nil }
        var library = LAPACKLibrary()
        func symbol<F>(_ name: String, as _: F.Type) -> F? {
            guard let address = dlsym(handle, name) else {
                library.missing.append(name)
                return nil
            }
            return unsafeBitCast(address, to: F.self)
        }
        library.dgesv = symbol("dgesv_", as: GESVFunction.self)
        library.zgesv = symbol("zgesv_", as: GESVFunction.self)
        library.dgetrf = symbol("dgetrf_", as: GETRFFunction.self)
        library.zgetrf = symbol("zgetrf_", as: GETRFFunction.self)
        library.dgetrs = symbol("dgetrs_", as: GETRSFunction.self)
        library.zgetrs = symbol("zgetrs_", as: GETRSFunction.self)
        library.dpotrf = symbol("dpotrf_", as: POTRFFunction.self)
        library.zpotrf = symbol("zpotrf_", as: POTRFFunction.self)
        library.dsyevd = symbol("dsyevd_", as: DSYEVDFunction.self)
        library.zheevd = symbol("zheevd_", as: ZHEEVDFunction.self)
        library.dgesdd = symbol("dgesdd_", as: DGESDDFunction.self)
        library.zgesdd = symbol("zgesdd_", as: ZGESDDFunction.self)
        library.dgelsd = symbol("dgelsd_", as: DGELSDFunction.self)
        library.zgelsd = symbol("zgelsd_", as: ZGELSDFunction.self)
        library.dgeev = symbol("dgeev_", as: DGEEVFunction.self)
        library.zgeev = symbol("zgeev_", as: ZGEEVFunction.self)
        library.dgeqrf = symbol("dgeqrf_", as: GEQRFFunction.self)
        library.zgeqrf = symbol("zgeqrf_", as: GEQRFFunction.self)
        library.dorgqr = symbol("dorgqr_", as: ORGQRFunction.self)
        library.zungqr = symbol("zungqr_", as: ORGQRFunction.self)
        return library
    }()
}
