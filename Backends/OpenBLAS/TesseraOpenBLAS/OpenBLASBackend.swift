import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Matrix products through OpenBLAS's CBLAS: replaces the `matmul`, `vecdot`, `matvec`
/// and `vecmat` loops for float32, float64, complex64 and complex128 (and so serves
/// `dot`, `inner` and `tensordot`, which run on `matmul`).
///
/// `libopenblas.so.0` is loaded at run time; if it is missing the backend reports itself
/// unavailable and the scalar loops stay. Its thread count is ``Threading``'s — the count
/// set by ``Threading/setThreadCount(_:)``, else `TESSERA_NUM_THREADS`, else the number of
/// cores — applied at installation and again whenever the setting changes, unless
/// `OPENBLAS_NUM_THREADS` is set: OpenBLAS reads that variable itself when it loads, and
/// it wins. (`OMP_NUM_THREADS` does not set it, as it does not set the OpenMP backend's.)
public struct OpenBLASBackend: Backend {
    public init() {}

    public var name: String { "openblas" }
    public var summary: String { "matrix products (matmul, vecdot, matvec, vecmat, dot) through OpenBLAS CBLAS; linear algebra (inv, solve, det, cholesky, eigh, eig, svd, qr, lstsq) through its LAPACK" }

    public func probe() -> BackendAvailability {
        switch OpenBLASLibrary.shared {
        case .success: .available
        case .failure(let error): .unavailable(reason: error.reason)
        }
    }

    public func install(into registry: LoopRegistry) throws {
        guard case .success(let library) = OpenBLASLibrary.shared else {
            throw TesseraError(.backendUnavailable, "openblas: \(OpenBLASLibrary.soname) is not loaded")
        }
        try OpenBLASBackend.applyThreadSetting(library)
        try OpenBLASLoops.install(library, into: registry)
        try LAPACKLoops.install(library, into: registry)
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        guard case .success(let library) = OpenBLASLibrary.shared else { return [] }
        return [
            ("library", library.path),
            ("version", library.configuration),
            ("core", library.coreName + (OpenBLASLibrary.requestedCoreType.map { " (OPENBLAS_CORETYPE=\($0) chosen by Tessera from the CPU flags and TESSERA_MAX_ISA)" } ?? "")),
            ("threads", "\(library.getNumThreads())\(getenv("OPENBLAS_NUM_THREADS") != nil ? " (OPENBLAS_NUM_THREADS)" : " (Tessera's thread count, \(Threading.environmentVariable))")"),
        ]
    }

    /// The thread count OpenBLAS runs with.
    public static var threadCount: Int? {
        guard case .success(let library) = OpenBLASLibrary.shared else { return nil }
        return Int(library.getNumThreads())
    }

    /// Gives OpenBLAS ``Threading``'s thread count (validated there: a whole number from 1
    /// to 4096) unless `OPENBLAS_NUM_THREADS` is set, and keeps it in step with later
    /// ``Threading/setThreadCount(_:)`` calls.
    /// - Throws: when `TESSERA_NUM_THREADS` is not a valid thread count, with
    ///   ``Threading``'s message.
    static func applyThreadSetting(_ library: OpenBLASLibrary) throws {
        guard let count = try threadCountToApply() else { return }
        library.setNumThreads(Int32(count))
        _ = followThreading
    }

    /// The thread count to give OpenBLAS: `nil` when `OPENBLAS_NUM_THREADS` is set (OpenBLAS
    /// read it when it loaded), else ``Threading/threadCount()``.
    static func threadCountToApply(
        openBLASVariable: String? = getenv("OPENBLAS_NUM_THREADS").map { String(cString: $0) }
    ) throws -> Int? {
        if openBLASVariable != nil { return nil }
        return try Threading.threadCount()
    }

    /// Registers, once per process, the observer that passes ``Threading/setThreadCount(_:)``
    /// changes on to OpenBLAS (whose thread count is process-wide).
    private static let followThreading: Void = {
        Threading.observeThreadCount { count in
            guard getenv("OPENBLAS_NUM_THREADS") == nil, case .success(let library) = OpenBLASLibrary.shared else { return }
            library.setNumThreads(Int32(clamping: count))
        }
    }()
}
