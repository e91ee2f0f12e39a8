import TesseraCore

/// How the OpenBLAS backend puts a gufunc loop (BLAS or LAPACK) into a registry: the
/// loop's `data` is a retained context that remembers the loop it displaces (its
/// fallback, for calls the library cannot take). Contexts are kept for the life of the
/// process — a loop's `data` must outlive the loop — and are shared by every registry
/// that replaces the same loop, so building registries over and over allocates nothing
/// new.
enum LoopInstallation {
    private static let contexts = Locked<[String: UnsafeMutableRawPointer]>([:])

    /// Registers `function` for `gufunc` under `signature`, replacing the loop there if
    /// any; `makeContext` builds the context from that previous loop the first time.
    static func install(
        _ function: @escaping InnerLoopFunction, for gufunc: GUFunc, signature: LoopSignature,
        instructionSet: String, into registry: LoopRegistry, makeContext: (_ fallback: InnerLoop?) -> AnyObject
    ) throws {
        let previous = registry.loop(for: gufunc, signature: signature)
        let key = "\(gufunc.name)/\(signature)/" + (previous.map { "\($0.backend)/\(unsafeBitCast($0.function, to: Int.self))/\(Int(bitPattern: $0.data))" } ?? "none")
        let data = contexts.withLock { contexts in
            if let existing = contexts[key] { return existing }
            let created = Unmanaged.passRetained(makeContext(previous)).toOpaque()
            contexts[key] = created
            return created
        }
        let loop = InnerLoop(
            signature: signature, function: function, data: data, backend: "openblas",
            instructionSet: instructionSet, stridePolicy: .anyStride, costPerElement: 0.05
        )
        if previous != nil {
            try registry.replaceLoop(for: gufunc, signature: signature, with: loop)
        } else {
            try registry.register(loop, for: gufunc)
        }
    }
}
