import Tessera

/// A registry with the scalar backend alone: tests about the reference loops use it so
/// that no other backend's loop answers.
public func scalarRegistry() throws -> LoopRegistry {
    let registry = LoopRegistry()
    try ScalarBackend().install(into: registry)
    return registry
}
