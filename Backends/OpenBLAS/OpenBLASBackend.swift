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
/// unavailable and the scalar loops stay. Its thread count follows `TESSERA_NUM_THREADS`
/// unless `OPENBLAS_NUM_THREADS` is set.
public struct OpenBLASBackend: Backend {
    public init() {}

    public var name: String { "openblas" }
    public var summary: String { "matrix products (matmul, vecdot, matvec, vecmat, dot) through OpenBLAS CBLAS" }

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
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        guard case .success(let library) = OpenBLASLibrary.shared else { return [] }
        return [
            ("library", library.path),
            ("version", library.configuration),
            ("core", library.coreName + (OpenBLASLibrary.requestedCoreType.map { " (OPENBLAS_CORETYPE=\($0) chosen by Tessera from the CPU flags and TESSERA_MAX_ISA)" } ?? "")),
            ("threads", "\(library.getNumThreads())\(getenv("OPENBLAS_NUM_THREADS") != nil ? " (OPENBLAS_NUM_THREADS)" : getenv("TESSERA_NUM_THREADS") != nil ? " (TESSERA_NUM_THREADS)" : "")"),
        ]
    }

    /// The thread count OpenBLAS runs with.
    public static var threadCount: Int? {
        guard case .success(let library) = OpenBLASLibrary.shared else { return nil }
        return Int(library.getNumThreads())
    }

    /// `TESSERA_NUM_THREADS` sets OpenBLAS's thread count unless `OPENBLAS_NUM_THREADS` is set.
    static func applyThreadSetting(_ library: OpenBLASLibrary) throws {
        guard getenv("OPENBLAS_NUM_THREADS") == nil, let raw = getenv("TESSERA_NUM_THREADS") else { return }
        let text = String(cString: raw).trimmingCharacters()
        guard let count = Int(text), count > 0, count <= Int(Int32.max) else {
            throw TesseraError(.environment, "TESSERA_NUM_THREADS=\"\(text)\": expected a positive thread count")
        }
        library.setNumThreads(Int32(count))
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
