internal import _TesseraSLEEFShim
import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Vector transcendental loops from SLEEF for float32 and float64.
///
/// `libsleef.so.3` is opened at run time (no SLEEF header or library is needed to build).
/// The loops use the widest instruction set the CPU supports — AVX-512F, AVX2 + FMA or
/// SSE2 — chosen once at installation; `TESSERA_MAX_ISA=avx2` (or `sse2`, `avx512`)
/// caps it, like NumPy's `NPY_DISABLE_CPU_FEATURES`, and
/// ``init(instructionSet:precision:)`` fixes it in code. Every loop accepts any stride:
/// contiguous operands go to SLEEF in one call per run; strided ones are gathered in
/// 256-byte blocks into a stack buffer (stride 2 and stride −1 with vector loads and
/// shuffles, others element by element) while the next 2 KiB of the operand are
/// prefetched, and computed at vector speed. On AVX-512, every second element of 10⁶
/// costs 1.05–1.5× the contiguous time: the extra memory traffic, which is all that is
/// left for the cheap functions (`sqrt`, float32 `exp`; a plain copy of every second
/// element costs 1.5× a contiguous copy on the same machine). On contiguous data the
/// loops run at the speed of a C loop calling SLEEF directly.
///
/// The default precision is SLEEF's `u10` tier (at most 1.0 ULP; `hypot` 0.5 ULP);
/// ``Precision/u35`` is an explicit choice of the faster 3.5-ULP tier. Where `u10` is
/// slower than NumPy, it is SLEEF's own cost (measured with 10⁶ elements, AVX-512):
/// float32 `sin`, `cos` and `log` take 600–770 µs in `u10` against NumPy's 430–570 µs,
/// and 290–340 µs in `u35`; NumPy's own float32 kernels err by up to 1.4 ULP (`sin`,
/// `cos`) and 2.9 ULP (`log`), so they are not in the `u10` class either. SLEEF's `pow`
/// (`u10` only) takes about 5.9 ms for float64 and 2.9 ms for float32.
public struct SLEEFBackend: Backend {
    /// The vector instruction sets SLEEF is used at, narrowest first.
    public enum InstructionSet: String, Sendable, CaseIterable, Comparable {
        case sse2
        /// AVX2 with FMA.
        case avx2
        case avx512f

        var shimValue: Int32 {
            switch self {
            case .sse2: Int32(TESSERA_SLEEF_ISA_SSE2)
            case .avx2: Int32(TESSERA_SLEEF_ISA_AVX2)
            case .avx512f: Int32(TESSERA_SLEEF_ISA_AVX512F)
            }
        }

        var vectorBytes: Int {
            switch self {
            case .sse2: 16
            case .avx2: 32
            case .avx512f: 64
            }
        }

        /// Whether this CPU and OS can run it.
        public var isSupported: Bool { tessera_sleef_cpu_supports(shimValue) != 0 }

        public static func < (a: Self, b: Self) -> Bool { a.vectorBytes < b.vectorBytes }

        /// The widest of SLEEF's sets within a `TESSERA_MAX_ISA` level.
        public init(capped level: InstructionSetLevel) {
            switch level {
            case .sse2: self = .sse2
            case .avx2: self = .avx2
            case .avx512: self = .avx512f
            }
        }
    }

    /// SLEEF's accuracy tiers.
    public enum Precision: String, Sendable {
        /// At most 1.0 ULP (`hypot`: 0.5 ULP). The default.
        case u10
        /// At most 3.5 ULP, faster (float32 `sin`, `cos`, `log` about twice as fast on
        /// AVX-512); functions without a 3.5-ULP version keep `u10`.
        case u35
    }

    /// The shared object opened at run time, and the Debian package that provides it.
    public static let libraryName = "libsleef.so.3"
    static let packageHint = "install the Debian package libsleef3 (apt-get install libsleef-dev)"

    /// The instruction set asked for in code, or `nil` for the widest supported one.
    public let requestedInstructionSet: InstructionSet?
    public let precision: Precision
    /// Which already-installed loops this backend leaves in place instead of replacing
    /// them with its own (given the ufunc and the installed loop): by default none, so
    /// SLEEF's loops win wherever it ranks higher. The umbrella module's `all` passes the
    /// SIMD backend's list of elementary loops measured faster than SLEEF's at equal or
    /// better accuracy.
    public let keepsInstalledLoop: @Sendable (UFunc, InnerLoop) -> Bool

    /// - Parameters:
    ///   - instructionSet: run at exactly this instruction set (tests use this to check
    ///     every path on one machine); `nil` picks the widest the CPU supports, capped by
    ///     `TESSERA_MAX_ISA`.
    ///   - precision: SLEEF's accuracy tier; `.u10` unless you choose speed over accuracy.
    public init(instructionSet: InstructionSet? = nil, precision: Precision = .u10) {
        self.init(instructionSet: instructionSet, precision: precision, keepsInstalledLoop: { _, _ in false })
    }

    /// Like ``init(instructionSet:precision:)``, leaving the installed loops for which
    /// `keepsInstalledLoop` is true in place (see ``keepsInstalledLoop``).
    public init(
        instructionSet: InstructionSet? = nil, precision: Precision = .u10,
        keepsInstalledLoop: @escaping @Sendable (UFunc, InnerLoop) -> Bool
    ) {
        self.requestedInstructionSet = instructionSet
        self.precision = precision
        self.keepsInstalledLoop = keepsInstalledLoop
    }

    public var name: String { "sleef" }
    public var summary: String { "SLEEF vector loops for float32/float64 transcendental functions" }

    public func probe() -> BackendAvailability {
        if case .failure(let failure) = SLEEFBackend.openLibrary() { return .unavailable(reason: failure.reason) }
        do {
            _ = try resolvedInstructionSet()
        } catch {
            return .unavailable(reason: "\(error)")
        }
        return .available
    }

    public func install(into registry: LoopRegistry) throws {
        for (ufunc, loop) in try loops() {
            if let installed = registry.loop(for: ufunc, signature: loop.signature) {
                if keepsInstalledLoop(ufunc, installed) { continue }
                try registry.replaceLoop(for: ufunc, signature: loop.signature, with: loop)
            } else {
                try registry.register(loop, for: ufunc)
            }
        }
    }

    /// The loops this backend installs: for every ``SLEEFFunction``, a float32 and a
    /// float64 loop at the resolved instruction set.
    public func loops() throws -> [(ufunc: UFunc, loop: InnerLoop)] {
        if case .failure(let failure) = SLEEFBackend.openLibrary() {
            throw TesseraError(.backendUnavailable, "sleef: \(failure.reason)")
        }
        let instructionSet = try resolvedInstructionSet()
        var result: [(ufunc: UFunc, loop: InnerLoop)] = []
        for function in SLEEFFunction.all {
            for dtype in [DType.float32, .float64] {
                let symbol = function.symbol(dtype: dtype, instructionSet: instructionSet, precision: precision)
                guard let vectorFunction = tessera_sleef_symbol(symbol) else {
                    throw TesseraError(.backendUnavailable, "sleef: \(SLEEFBackend.libraryName) has no symbol \(symbol); SLEEF 3.5 or later is needed")
                }
                let arity = function.ufunc.inputCount
                let isDouble: Int32 = dtype == .float64 ? 1 : 0
                var data = vectorFunction
                var arrayLoop = tessera_sleef_loop(Int32(arity), isDouble, instructionSet.shimValue)
                if function.needsRangePatch {
                    guard let patched = tessera_sleef_patched_data(function.sleefName, isDouble, vectorFunction) else {
                        fatalError("sleef: no range patch for \(function.sleefName)")
                    }
                    data = patched
                    arrayLoop = tessera_sleef_patched_loop(Int32(arity), isDouble, instructionSet.shimValue)
                }
                guard let arrayLoop else {
                    fatalError("sleef: no array loop for \(arity) inputs at \(instructionSet)")
                }
                let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])
                let loop = InnerLoop(
                    signature: signature,
                    function: arrayLoop,
                    data: data,
                    backend: "sleef",
                    instructionSet: instructionSet.rawValue,
                    stridePolicy: .anyStride,
                    maxULPError: function.maxULPError(precision, instructionSet: instructionSet),
                    costPerElement: instructionSet == .sse2 ? 4 : (instructionSet == .avx2 ? 2 : 1)
                )
                result.append((function.ufunc, loop))
            }
        }
        return result
    }

    /// The instruction set the loops run at: the one asked for in code, or the widest the
    /// CPU supports capped by `TESSERA_MAX_ISA`.
    /// - Throws: when the CPU lacks the set asked for, or `TESSERA_MAX_ISA` is malformed
    ///   (or the variable it replaced, `TESSERA_SLEEF_ISA`, is set).
    public func resolvedInstructionSet() throws -> InstructionSet {
        if let requested = requestedInstructionSet {
            guard requested.isSupported else {
                throw TesseraError(.backendUnavailable, "sleef: this CPU does not support \(requested.rawValue)")
            }
            return requested
        }
        let widest = InstructionSet.allCases.filter(\.isSupported).max() ?? .sse2
        guard let cap = try InstructionSetLevel.cap() else { return widest }
        return min(InstructionSet(capped: cap), widest)
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        var info: [(key: String, value: String)] = []
        let path = String(cString: tessera_sleef_library_path())
        info.append(("library", path.isEmpty ? SLEEFBackend.libraryName : path))
        if let version = SLEEFBackend.libraryVersion(path) { info.append(("version", version)) }
        do {
            let instructionSet = try resolvedInstructionSet()
            let supported = InstructionSet.allCases.filter(\.isSupported).map(\.rawValue).joined(separator: ", ")
            info.append(("instruction set", "\(instructionSet.rawValue) (CPU supports \(supported))"))
        } catch {
            info.append(("instruction set", "\(error)"))
        }
        if let cap = getenv(InstructionSetLevel.capVariable) {
            info.append((InstructionSetLevel.capVariable, String(cString: cap)))
        }
        info.append(("precision", precision == .u10 ? "u10 (≤ 1.0 ULP; hypot ≤ 0.5 ULP)" : "u35 (≤ 3.5 ULP where SLEEF has it)"))
        info.append(("functions", SLEEFFunction.all.map(\.ufunc.name).joined(separator: " ")))
        return info
    }

    /// Opens the library once per process.
    static func openLibrary() -> Result<Void, OpenFailure> {
        var message = [CChar](repeating: 0, count: 512)
        if tessera_sleef_open(&message, message.count) != 0 { return .success(()) }
        let loaderMessage = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .failure(OpenFailure(reason: "cannot open \(libraryName) (\(loaderMessage)); \(packageHint)"))
    }

    struct OpenFailure: Error { let reason: String }

    /// SLEEF exports no version function; the real file name carries it
    /// (`libsleef.so.3.5.1`).
    static func libraryVersion(_ path: String) -> String? {
        guard !path.isEmpty, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        let file = String(cString: resolved).split(separator: "/").last.map(String.init) ?? ""
        let prefix = "libsleef.so."
        guard file.hasPrefix(prefix) else { return nil }
        return String(file.dropFirst(prefix.count))
    }
}
