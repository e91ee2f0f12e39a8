/// A provider of inner loops: the scalar reference, SLEEF, OpenBLAS, OpenMP.
///
/// A backend is *probed* (does its library load on this machine?) and then
/// *installed* into a ``LoopRegistry`` by registering loops or replacing loops by
/// signature. Backends never override operators: every spelling of a ufunc reaches
/// them through the registry.
public protocol Backend: Sendable {
    /// The name used in `TESSERA_BACKEND` (lower case, e.g. `sleef`).
    var name: String { get }
    /// One line on what it provides.
    var summary: String { get }
    /// Whether it runs after all loop-providing backends, wrapping their loops (OpenMP).
    var isWrapper: Bool { get }
    /// Loads whatever the backend needs and says whether it can be used, and if not, why
    /// (which file was looked for and which package provides it).
    func probe() -> BackendAvailability
    /// Registers or replaces loops. Called only after a successful ``probe()``.
    func install(into registry: LoopRegistry) throws
    /// Facts for the runtime report: library path and version, instruction set, threads.
    func runtimeInfo() -> [(key: String, value: String)]
}

extension Backend {
    public var isWrapper: Bool { false }
    public func runtimeInfo() -> [(key: String, value: String)] { [] }
}

/// Whether a backend can be used on this machine.
public enum BackendAvailability: Sendable, Equatable {
    case available
    /// The reason says what was looked for and what to install.
    case unavailable(reason: String)

    public var isAvailable: Bool { self == .available }
}
