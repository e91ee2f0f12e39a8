internal import _TesseraSIMDShim
import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Hand-written vector loops for the arithmetic, comparison, bitwise, extremum and
/// reduction ufuncs of NumPy's numeric types.
///
/// Every kernel is compiled three times in the C shim, for SSE2 (the x86-64 baseline),
/// AVX2 with FMA and F16C, and AVX-512 (F, BW, DQ, VL); the widest level the CPU supports
/// is chosen once, when the backend is installed, capped by `TESSERA_MAX_ISA` (like
/// NumPy's `NPY_DISABLE_CPU_FEATURES`), or fixed in code with
/// ``init(instructionSet:)``. The level each loop runs at is in its
/// ``InnerLoop/instructionSet`` (`UFunc.loops`) and in the runtime report.
///
/// Results are the scalar backend's bit for bit, on every layout and at every level: the
/// same IEEE operations per element, no contraction into FMA, float sums in NumPy's
/// pairwise order (its eight accumulators are the eight lanes of one vector), and
/// extrema under IEEE 754-2019's order (−0.0 < +0.0), which makes them independent of
/// the order of folding. The loops replace the scalar backend's loops of the same
/// signature; every other loop stays the scalar one.
public struct SIMDBackend: Backend {
    /// The level asked for in code, or `nil` for the widest the CPU supports.
    public let requestedInstructionSet: InstructionSetLevel?

    /// - Parameter instructionSet: run at exactly this level (tests use it to check every
    ///   path on one machine); `nil` picks the widest the CPU supports, capped by
    ///   `TESSERA_MAX_ISA`.
    public init(instructionSet: InstructionSetLevel? = nil) {
        self.requestedInstructionSet = instructionSet
    }

    public var name: String { "simd" }
    public var summary: String { "hand-written SSE2/AVX2/AVX-512 loops for arithmetic, comparison and reductions" }

    public func probe() -> BackendAvailability {
        do {
            _ = try resolvedInstructionSet()
        } catch {
            return .unavailable(reason: "\(error)")
        }
        return .available
    }

    public func install(into registry: LoopRegistry) throws {
        for (ufunc, loop) in try loops() {
            if registry.loop(for: ufunc, signature: loop.signature) != nil {
                try registry.replaceLoop(for: ufunc, signature: loop.signature, with: loop)
            } else {
                try registry.register(loop, for: ufunc)
            }
        }
        for (method, loop) in try methodLoops() {
            try registry.registerMethodLoop(loop, for: method)
        }
        let level = try resolvedInstructionSet()
        for installer in SIMDLoopTables.installers {
            try installer(registry, level)
        }
    }

    /// The ufunc loops of every table (``SIMDLoopTables/all``) at the resolved level.
    public func loops() throws -> [(ufunc: UFunc, loop: InnerLoop)] {
        try SIMDLoopTables.all.filter { !$0.isMethod }.flatMap { try loops(of: $0) }.map { (try UFunc.named($0.name), $0.loop) }
    }

    /// The array-method loops (casts, `argmax`, `argmin`) at the resolved level.
    public func methodLoops() throws -> [(method: ArrayMethod, loop: InnerLoop)] {
        try SIMDLoopTables.all.filter(\.isMethod).flatMap { try loops(of: $0) }.map { entry in
            guard let method = ArrayMethod(rawValue: entry.name) else {
                throw TesseraError(.backendUnavailable, "simd: unknown array method `\(entry.name)` in a method table")
            }
            return (method, entry.loop)
        }
    }

    private func loops(of table: SIMDLoopTables.Table) throws -> [(name: String, loop: InnerLoop)] {
        let level = try resolvedInstructionSet()
        var count = 0
        let entries = table.entries(&count)
        return try UnsafeBufferPointer(start: entries, count: count).map { entry in
            let name = String(cString: entry.ufunc)
            let signatureText = String(cString: entry.signature)
            guard let (function, used) = SIMDBackend.function(of: entry, at: level) else {
                throw TesseraError(.backendUnavailable, "simd: the \(table.family) table has no loop for \(name) \(signatureText) at or below \(level.rawValue)")
            }
            let loop = InnerLoop(
                signature: try LoopSignature(signatureText),
                function: function,
                backend: "simd",
                instructionSet: used.rawValue,
                stridePolicy: .anyStride,
                costPerElement: entry.cost
            ).stating(entry.pairwise_sum != 0 ? .pairwiseSum : .unspecified)
            return (name, loop)
        }
    }

    /// The entry's function at `level`, or at the widest narrower level that has one.
    static func function(of entry: tessera_simd_loop, at level: InstructionSetLevel) -> (tessera_simd_loop_fn, InstructionSetLevel)? {
        let candidates: [(tessera_simd_loop_fn?, InstructionSetLevel)] = [(entry.avx512, .avx512), (entry.avx2, .avx2), (entry.sse2, .sse2)]
        for (function, candidateLevel) in candidates where candidateLevel <= level {
            if let function { return (function, candidateLevel) }
        }
        return nil
    }

    /// Whether this CPU (and OS) can run `level`.
    public static func supports(_ level: InstructionSetLevel) -> Bool {
        tessera_simd_cpu_supports(level.shimValue) != 0
    }

    /// The widest level this CPU supports.
    public static var widestSupported: InstructionSetLevel {
        InstructionSetLevel.allCases.filter(supports).max() ?? .sse2
    }

    /// The level the loops run at: the one asked for in code, or the widest the CPU
    /// supports capped by `TESSERA_MAX_ISA`.
    /// - Throws: when the CPU lacks the level asked for, or `TESSERA_MAX_ISA` is malformed.
    public func resolvedInstructionSet() throws -> InstructionSetLevel {
        if let requested = requestedInstructionSet {
            guard SIMDBackend.supports(requested) else {
                throw TesseraError(.backendUnavailable, "simd: this CPU does not support \(requested.rawValue); it supports \(InstructionSetLevel.allCases.filter(SIMDBackend.supports).map(\.rawValue).joined(separator: ", "))")
            }
            return requested
        }
        let widest = SIMDBackend.widestSupported
        guard let cap = try InstructionSetLevel.cap() else { return widest }
        return min(cap, widest)
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        var info: [(key: String, value: String)] = []
        do {
            let level = try resolvedInstructionSet()
            let supported = InstructionSetLevel.allCases.filter(SIMDBackend.supports).map(\.rawValue).joined(separator: ", ")
            info.append(("instruction set", "\(level.rawValue) (CPU supports \(supported))"))
        } catch {
            info.append(("instruction set", "\(error)"))
        }
        if let cap = getenv(InstructionSetLevel.capVariable) {
            info.append((InstructionSetLevel.capVariable, String(cString: cap)))
        }
        if let ufuncLoops = try? loops(), let methodLoops = try? methodLoops() {
            let all = ufuncLoops.map(\.loop) + methodLoops.map(\.loop)
            let byLevel = Dictionary(grouping: all, by: \.instructionSet)
                .sorted { $0.key > $1.key }
                .map { "\($0.value.count) at \($0.key)" }
            info.append(("loops", "\(ufuncLoops.count) ufunc loops and \(methodLoops.count) cast/argmax/argmin loops: \(byLevel.joined(separator: ", "))"))
        }
        info.append(("families", SIMDLoopTables.all.map(\.family).joined(separator: ", ")))
        info.append(("streaming stores", "contiguous outputs of calls touching at least \(SIMDBackend.streamingStoreThreshold >> 20) MiB, not in place"))
        return info
    }
}

extension InstructionSetLevel {
    var shimValue: Int32 {
        switch self {
        case .sse2: Int32(TESSERA_SIMD_SSE2)
        case .avx2: Int32(TESSERA_SIMD_AVX2)
        case .avx512: Int32(TESSERA_SIMD_AVX512)
        }
    }
}
