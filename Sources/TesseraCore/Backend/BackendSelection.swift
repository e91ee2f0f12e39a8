internal import _TesseraBootstrap
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Choosing backends: `TESSERA_BACKEND`, the same choice in code for the process
/// and for a scope, and the catalogue of known backends.
///
/// A configuration is an ordered list of backend names, highest priority first;
/// `scalar` is always installed first as the fallback and reference. Installing
/// proceeds from the lowest priority to the highest, so the first-named backend's
/// loops win; wrappers (OpenMP) are installed last, around whatever is active.
public enum Backends {
    /// The environment variable that selects backends.
    public static let environmentVariable = "TESSERA_BACKEND"

    private static let catalogue = Locked<[any Backend]>([])
    private static let processRegistry = Locked<LoopRegistry?>(nil)
    private static let probeCache = Locked<[String: BackendAvailability]>([:])
    @TaskLocal static var scopedRegistry: LoopRegistry?

    /// Makes a backend known by name (the umbrella module does this for every backend
    /// module; an embedding program may add its own). Re-registering a name replaces it.
    public static func registerKnown(_ backend: any Backend) {
        catalogue.withLock { backends in
            backends.removeAll { $0.name == backend.name }
            backends.append(backend)
        }
    }

    /// Every known backend, in the order they were made known. With the umbrella module
    /// linked, the bundled backends are made known on first use.
    public static var known: [any Backend] {
        loadCatalogue()
        return catalogue.withLock { $0 }
    }

    /// The registry that calls on this task use: a scoped one if inside
    /// ``withBackends(_:_:)``, otherwise the process's, set up on first use from
    /// `TESSERA_BACKEND`.
    public static var active: LoopRegistry {
        // While no scope runs anywhere the task-local lookup (~200 instructions) is
        // skipped; the process registry is then read from this thread's copy while its
        // version is current, without a lock.
        if scopeDepth.load(ordering: .relaxed) > 0, let scoped = scopedRegistry { return scoped }
        let cached = ThreadLocalState.current.processRegistry
        let version = processRegistryVersion.load(ordering: .acquiring)
        if cached.pointee.version == version, let registry = cached.pointee.registry { return registry }
        if let registry = processRegistry.withLock({ $0 }) {
            cached.pointee = ThreadLocalState.ProcessRegistry(version: version, registry: registry)
            return registry
        }
        return configureFromEnvironment()
    }

    /// How many `withBackends`/`withRegistry` scopes are running, on any thread.
    private static let scopeDepth = Atomic<Int>(0)
    /// Bumped whenever the process registry changes.
    private static let processRegistryVersion = Atomic<Int>(0)

    private static func setProcessRegistry(_ registry: LoopRegistry) {
        processRegistry.withLock { $0 = registry }
        processRegistryVersion.add(1, ordering: .releasing)
    }

    private static func withScope<R>(_ registry: LoopRegistry, _ body: () throws -> R) rethrows -> R {
        scopeDepth.add(1, ordering: .relaxed)
        defer { scopeDepth.subtract(1, ordering: .relaxed) }
        return try $scopedRegistry.withValue(registry, operation: body)
    }

    private static let catalogueLock = Locked<Void>(())
    private static let catalogueLoaded = Atomic<Bool>(false)
    private static let configurationLock = Locked<Void>(())

    /// Runs the umbrella module's registration of its backends, once.
    private static func loadCatalogue() {
        if catalogueLoaded.load(ordering: .acquiring) { return }
        catalogueLock.withLock { _ in
            if catalogueLoaded.load(ordering: .acquiring) { return }
            if let register = tessera_get_default_installer() { register() }
            catalogueLoaded.store(true, ordering: .releasing)
        }
    }

    /// First use without a configuration: apply `TESSERA_BACKEND` (default `all`). A bad
    /// value stops the program with the error's message; a program that wants to handle
    /// it calls ``use(_:)`` with ``environmentSpecification`` itself first.
    private static func configureFromEnvironment() -> LoopRegistry {
        configurationLock.withLock { _ in
            if processRegistry.withLock({ $0 }) != nil { return }
            do {
                try use(environmentSpecification)
            } catch {
                fatalError("\(error)")
            }
        }
        return processRegistry.withLock { $0 }!
    }

    /// Whether the process-wide configuration has been set.
    public static var isConfigured: Bool { processRegistry.withLock { $0 != nil } }

    /// Sets the process-wide configuration from a `TESSERA_BACKEND`-style list.
    @discardableResult
    public static func use(_ specification: String) throws -> LoopRegistry {
        let registry = try makeRegistry(specification)
        setProcessRegistry(registry)
        return registry
    }

    /// Sets the process-wide configuration to an existing registry.
    public static func use(_ registry: LoopRegistry) {
        setProcessRegistry(registry)
    }

    /// Runs `body` with a configuration of its own, visible to this task and the tasks it
    /// creates while `body` runs; other threads keep theirs. (A task that outlives the
    /// scope uses the process configuration once the scope has ended.) Tests and the harness compare backends this way.
    public static func withBackends<R>(_ specification: String, _ body: () throws -> R) throws -> R {
        let registry = try makeRegistry(specification)
        return try withScope(registry, body)
    }

    /// Runs `body` with the given registry active for this task.
    public static func withRegistry<R>(_ registry: LoopRegistry, _ body: () throws -> R) rethrows -> R {
        try withScope(registry, body)
    }

    /// The availability of a known backend (probed once per process).
    public static func availability(of name: String) -> BackendAvailability {
        if let cached = probeCache.withLock({ $0[name] }) { return cached }
        guard let backend = known.first(where: { $0.name == name }) else {
            return .unavailable(reason: "no backend named `\(name)` is known")
        }
        let result = backend.probe()
        probeCache.withLock { $0[name] = result }
        return result
    }

    /// Parses a `TESSERA_BACKEND` value into backend names, highest priority first.
    ///
    /// `all` (or an empty value) means every available backend; an unknown name or an
    /// unavailable backend named explicitly is an error that says what to do.
    public static func parse(_ specification: String, variable: String = environmentVariable) throws -> [String] {
        let knownNames = known.map(\.name)
        let items = specification.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace().lowercased() }
        if items.isEmpty || items.allSatisfy({ $0.isEmpty }) || items == ["all"] {
            return knownNames.filter { availability(of: $0).isAvailable }
        }
        var names: [String] = []
        for item in items {
            guard !item.isEmpty else {
                throw TesseraError(.environment, "\(variable)=\"\(specification)\" has an empty entry; write a comma-separated list of \(knownNames.joined(separator: ", ")) or `all`")
            }
            guard knownNames.contains(item) else {
                if item == "all" {
                    throw TesseraError(.environment, "\(variable)=\"\(specification)\": `all` cannot be combined with other names")
                }
                throw TesseraError(
                    .environment,
                    "\(variable)=\"\(specification)\": unknown backend `\(item)`; valid names are \(knownNames.joined(separator: ", ")) or `all`"
                )
            }
            if case .unavailable(let reason) = availability(of: item) {
                throw TesseraError(.backendUnavailable, "\(variable)=\"\(specification)\": backend `\(item)` is unavailable: \(reason)")
            }
            if !names.contains(item) { names.append(item) }
        }
        return names
    }

    /// Builds a registry for a configuration: scalar first, then the named loop backends
    /// from lowest to highest priority, then wrappers.
    /// - Throws: for a bad configuration, or a malformed `TESSERA_MAX_ISA` (checked here
    ///   so that a bad cap is an error even where `all` would only drop a backend).
    public static func makeRegistry(_ specification: String) throws -> LoopRegistry {
        _ = try InstructionSetLevel.cap()
        let names = try parse(specification)
        let registry = LoopRegistry()
        let backends = known
        func install(_ name: String) throws {
            guard let backend = backends.first(where: { $0.name == name }) else { return }
            try backend.install(into: registry)
            registry.noteInstalled(name)
        }
        if backends.contains(where: { $0.name == "scalar" }) {
            try install("scalar")
        }
        let ordered = names.filter { $0 != "scalar" }
        let loopBackends = ordered.filter { name in !(backends.first { $0.name == name }?.isWrapper ?? false) }
        let wrappers = ordered.filter { name in backends.first { $0.name == name }?.isWrapper ?? false }
        for name in loopBackends.reversed() { try install(name) }
        for name in wrappers.reversed() { try install(name) }
        return registry
    }

    /// The process's `TESSERA_BACKEND` value, or `all` when unset.
    public static var environmentSpecification: String {
        if let value = getenv(environmentVariable) { return String(cString: value) }
        return "all"
    }

    /// `np.show_runtime()` for Tessera: every known backend, available or why not, with
    /// its library, version, instruction set and threads; and the active configuration.
    public static func runtimeReport() -> String {
        var lines: [String] = []
        lines.append("Tessera runtime")
        lines.append("  \(environmentVariable)=\(getenv(environmentVariable).map { String(cString: $0) } ?? "(unset: all)")")
        lines.append("  \(InstructionSetLevel.capVariable)=\(getenv(InstructionSetLevel.capVariable).map { String(cString: $0) } ?? "(unset: the widest the CPU has)")")
        lines.append("  active configuration: \(active.installedBackends.joined(separator: " → "))")
        for backend in known {
            switch availability(of: backend.name) {
            case .available:
                lines.append("  \(backend.name): available — \(backend.summary)")
                for (key, value) in backend.runtimeInfo() {
                    lines.append("      \(key): \(value)")
                }
            case .unavailable(let reason):
                lines.append("  \(backend.name): unavailable — \(reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

