import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// CBLAS bound at run time from `libopenblas.so.0` with dlopen/dlsym: the build needs no
// OpenBLAS headers and does not link the library. `blasint` is 32-bit (Debian's LP64
// build); enums are C `int`.

/// CBLAS enum values (cblas.h).
enum CBLAS {
    static let rowMajor: Int32 = 101
    static let columnMajor: Int32 = 102
    static let noTranspose: Int32 = 111
    static let transpose: Int32 = 112
}

typealias SGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, Float, UnsafeMutableRawPointer?, Int32) -> Void
typealias DGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, Double, UnsafeMutableRawPointer?, Int32) -> Void
/// cgemm/zgemm: alpha and beta by pointer.
typealias ComplexGEMMFunction = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, UnsafeRawPointer?, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32) -> Void
typealias SGEMVFunction = @convention(c) (Int32, Int32, Int32, Int32, Float, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, Float, UnsafeMutableRawPointer?, Int32) -> Void
typealias DGEMVFunction = @convention(c) (Int32, Int32, Int32, Int32, Double, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, Double, UnsafeMutableRawPointer?, Int32) -> Void
typealias ComplexGEMVFunction = @convention(c) (Int32, Int32, Int32, Int32, UnsafeRawPointer?, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32) -> Void
typealias SDOTFunction = @convention(c) (Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32) -> Float
typealias DDOTFunction = @convention(c) (Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32) -> Double
/// cblas_?dot?_sub: the result through the last pointer.
typealias ComplexDOTFunction = @convention(c) (Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?, Int32, UnsafeMutableRawPointer?) -> Void

/// The functions of one loaded `libopenblas.so.0`.
struct OpenBLASLibrary: @unchecked Sendable {
    static let soname = "libopenblas.so.0"

    let path: String
    let sgemm: SGEMMFunction, dgemm: DGEMMFunction, cgemm: ComplexGEMMFunction, zgemm: ComplexGEMMFunction
    let sgemv: SGEMVFunction, dgemv: DGEMVFunction, cgemv: ComplexGEMVFunction, zgemv: ComplexGEMVFunction
    let sdot: SDOTFunction, ddot: DDOTFunction
    let cdotu: ComplexDOTFunction, cdotc: ComplexDOTFunction, zdotu: ComplexDOTFunction, zdotc: ComplexDOTFunction
    let setNumThreads: @convention(c) (Int32) -> Void
    let getNumThreads: @convention(c) () -> Int32
    let getConfig: @convention(c) () -> UnsafePointer<CChar>?
    let getCorename: @convention(c) () -> UnsafePointer<CChar>?

    /// The library, loaded once per process, or why it cannot be used.
    static let shared: Result<OpenBLASLibrary, LoadError> = load()

    struct LoadError: Error { let reason: String }

    /// The kernel set Tessera asked for through `OPENBLAS_CORETYPE`, if it set the variable.
    ///
    /// OpenBLAS's DYNAMIC_ARCH build picks kernels by CPU model, and a release older than
    /// the CPU (Debian 12 ships 0.3.21) falls back to its SSE3 `Prescott` kernels — 5–8×
    /// slower on an AVX-512 Xeon. Unless the user set `OPENBLAS_CORETYPE`, it is set
    /// before loading from the CPU's features: `SkylakeX` with AVX-512 F/BW/DQ/VL,
    /// `Haswell` with AVX2 and FMA, otherwise left to OpenBLAS. `TESSERA_MAX_ISA` caps the
    /// choice: `avx2` at most `Haswell`, `sse2` its oldest generic kernels, `Prescott`
    /// (SSE3: OpenBLAS has no SSE2-only set that runs on current CPUs — its `Opteron`
    /// kernels use 3DNow! instructions, which stop a Zen 4 with an illegal instruction).
    nonisolated(unsafe) static private(set) var requestedCoreType: String?

    private static func preferredCoreType() -> String? {
        let widest = widestCoreType()
        switch (try? InstructionSetLevel.cap()) ?? nil {
        case .sse2?: return "Prescott"
        case .avx2?: return widest == "SkylakeX" ? "Haswell" : widest
        case .avx512?, nil: return widest
        }
    }

    private static func widestCoreType() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 8192)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
            if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
            return nil
        }
        return nil
    }

    /// Loads the library by `soname` (a parameter so tests can ask for a missing one).
    static func load(soname: String = OpenBLASLibrary.soname) -> Result<OpenBLASLibrary, LoadError> {
        if getenv("OPENBLAS_CORETYPE") == nil, let core = preferredCoreType() {
            setenv("OPENBLAS_CORETYPE", core, 0)
            requestedCoreType = core
        }
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(LoadError(reason: "\(soname) could not be loaded (\(detail)); install the Debian package libopenblas0 (or libopenblas-dev)"))
        }
        var missing: [String] = []
        func symbol<F>(_ name: String, as _: F.Type) -> F? {
            guard let address = dlsym(handle, name) else {
                missing.append(name)
                return nil
            }
            return unsafeBitCast(address, to: F.self)
        }
        let sgemm = symbol("cblas_sgemm", as: SGEMMFunction.self), dgemm = symbol("cblas_dgemm", as: DGEMMFunction.self)
        let cgemm = symbol("cblas_cgemm", as: ComplexGEMMFunction.self), zgemm = symbol("cblas_zgemm", as: ComplexGEMMFunction.self)
        let sgemv = symbol("cblas_sgemv", as: SGEMVFunction.self), dgemv = symbol("cblas_dgemv", as: DGEMVFunction.self)
        let cgemv = symbol("cblas_cgemv", as: ComplexGEMVFunction.self), zgemv = symbol("cblas_zgemv", as: ComplexGEMVFunction.self)
        let sdot = symbol("cblas_sdot", as: SDOTFunction.self), ddot = symbol("cblas_ddot", as: DDOTFunction.self)
        let cdotu = symbol("cblas_cdotu_sub", as: ComplexDOTFunction.self), cdotc = symbol("cblas_cdotc_sub", as: ComplexDOTFunction.self)
        let zdotu = symbol("cblas_zdotu_sub", as: ComplexDOTFunction.self), zdotc = symbol("cblas_zdotc_sub", as: ComplexDOTFunction.self)
        let setNumThreads = symbol("openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self)
        let getNumThreads = symbol("openblas_get_num_threads", as: (@convention(c) () -> Int32).self)
        let getConfig = symbol("openblas_get_config", as: (@convention(c) () -> UnsafePointer<CChar>?).self)
        let getCorename = symbol("openblas_get_corename", as: (@convention(c) () -> UnsafePointer<CChar>?).self)
        guard missing.isEmpty, let sgemm, let dgemm, let cgemm, let zgemm, let sgemv, let dgemv, let cgemv, let zgemv,
              let sdot, let ddot, let cdotu, let cdotc, let zdotu, let zdotc,
              let setNumThreads, let getNumThreads, let getConfig, let getCorename
        else {
            return .failure(LoadError(reason: "\(soname) lacks \(missing.joined(separator: ", ")); install the Debian package libopenblas0 (or libopenblas-dev) for a CBLAS-enabled OpenBLAS"))
        }
        let path = mappedPath(containing: "libopenblas") ?? soname
        return .success(OpenBLASLibrary(
            path: path, sgemm: sgemm, dgemm: dgemm, cgemm: cgemm, zgemm: zgemm, sgemv: sgemv, dgemv: dgemv, cgemv: cgemv, zgemv: zgemv,
            sdot: sdot, ddot: ddot, cdotu: cdotu, cdotc: cdotc, zdotu: zdotu, zdotc: zdotc,
            setNumThreads: setNumThreads, getNumThreads: getNumThreads, getConfig: getConfig, getCorename: getCorename
        ))
    }

    /// The file a loaded library was mapped from, read from `/proc/self/maps`
    /// (`dladdr` needs `_GNU_SOURCE`, which Swift's Glibc module does not define).
    private static func mappedPath(containing fragment: String) -> String? {
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if text.contains(fragment), let slash = text.firstIndex(of: "/") {
                return String(text[slash...].prefix { $0 != "\n" })
            }
        }
        return nil
    }

    /// `openblas_get_config()`: version and build options, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH …`.
    var configuration: String { getConfig().map { String(cString: $0) } ?? "unknown" }
    /// `openblas_get_corename()`: the kernel set chosen for this CPU, e.g. `Haswell`.
    var coreName: String { getCorename().map { String(cString: $0) } ?? "unknown" }
}
