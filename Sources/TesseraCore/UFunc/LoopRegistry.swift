import Synchronization

/// The loop tables of every ufunc for one backend configuration.
///
/// Backends fill a registry at installation by ``register(_:for:)`` and
/// ``replaceLoop(for:signature:with:)`` — NumPy's `PyUFunc_RegisterLoopForType` and
/// `PyUFunc_ReplaceLoopBySignature`. Each table is kept in NumPy's type order, so type
/// resolution finds the smallest loop the inputs cast to safely.
///
/// Thread-safe: calls read an immutable snapshot of a table, so a call that runs while
/// another thread replaces a loop sees either the old table or the new one, never half.
public final class LoopRegistry: Sendable {
    struct Table {
        var loops: [InnerLoop] = []
        /// Loops that `replaceLoop` displaced, newest last, per signature.
        var replaced: [LoopSignature: [InnerLoop]] = [:]
    }

    private let tables = Locked<[String: Table]>([:])
    /// Bumped on every change, so cached type resolutions can be invalidated.
    private let generationCounter = Atomic<Int>(0)
    /// Names of the backends installed, in installation order.
    private let installedNames = Locked<[String]>([])
    private let executorStorage = Locked<(any ParallelExecutor)?>(nil)
    /// The sorting kernels of this configuration (by dtype and kind), filled by backends.
    public let sortLoops = SortLoopTable()
    /// Unique for the process's lifetime (an address may be reused by a later registry),
    /// so caches can tell registries apart without keeping them alive.
    let serial: UInt64 = LoopRegistry.serialCounter.add(1, ordering: .relaxed).newValue
    private static let serialCounter = Atomic<UInt64>(0)
    /// Loops of array methods that are not ufuncs (see LoopRegistry+ArrayMethods.swift).
    let methodTables = Locked<[String: [LoopSignature: InnerLoop]]>([:])

    public init() {}

    /// The threads that reductions and `argmax`/`argmin` may split their work across
    /// (set by a threading backend's installation); `nil` runs them on the calling thread.
    public var executor: (any ParallelExecutor)? {
        get { executorStorage.withLock { $0 } }
        set { executorStorage.withLock { $0 = newValue } }
    }

    /// Adds a loop under its signature. A signature may be registered once; use
    /// ``replaceLoop(for:signature:with:)`` to override it.
    public func register(_ loop: InnerLoop, for ufunc: UFunc) throws {
        guard loop.signature.inputs.count == ufunc.inputCount, loop.signature.outputs.count == ufunc.outputCount else {
            throw TesseraError(
                .invalidLoopSignature,
                "loop \(loop.signature) has \(loop.signature.inputs.count) inputs and \(loop.signature.outputs.count) outputs; \(ufunc.name) takes \(ufunc.inputCount) and \(ufunc.outputCount), so its loops need a signature with as many"
            )
        }
        try tables.withLock { tables in
            var table = tables[ufunc.name, default: Table()]
            if let existing = table.loops.first(where: { $0.signature == loop.signature }) {
                throw TesseraError(.duplicateLoop, "\(ufunc.name) already has a loop for \(loop.signature) (from \(existing.backend)); use replaceLoop(for:signature:with:) to override it")
            }
            let position = table.loops.firstIndex { LoopRegistry.precedes(loop.signature, $0.signature) } ?? table.loops.endIndex
            table.loops.insert(loop, at: position)
            tables[ufunc.name] = table
        }
        generationCounter.add(1, ordering: .releasing)
    }

    /// Replaces the loop registered under `signature` and returns the loop it replaced
    /// (`PyUFunc_ReplaceLoopBySignature`). Every spelling of the ufunc — operator, free
    /// function, ``UFunc`` call, `reduce`, `outer` — then runs the new loop.
    @discardableResult
    public func replaceLoop(for ufunc: UFunc, signature: LoopSignature, with loop: InnerLoop) throws -> InnerLoop {
        guard loop.signature == signature else {
            throw TesseraError(.invalidLoopSignature, "replacement loop has signature \(loop.signature), not \(signature); a loop can only replace one of its own signature")
        }
        let old: InnerLoop = try tables.withLock { tables in
            guard var table = tables[ufunc.name], let index = table.loops.firstIndex(where: { $0.signature == signature }) else {
                throw TesseraError(.noLoop, "\(ufunc.name) has no loop for \(signature) to replace; registered: \(tables[ufunc.name]?.loops.map(\.signature.description).joined(separator: ", ") ?? "none")")
            }
            let old = table.loops[index]
            table.loops[index] = loop
            table.replaced[signature, default: []].append(old)
            tables[ufunc.name] = table
            return old
        }
        generationCounter.add(1, ordering: .releasing)
        return old
    }

    /// Puts back the loop that the latest ``replaceLoop(for:signature:with:)`` of
    /// `signature` displaced, and returns the loop it removed.
    @discardableResult
    public func restore(for ufunc: UFunc, signature: LoopSignature) throws -> InnerLoop {
        let removed: InnerLoop = try tables.withLock { tables in
            guard var table = tables[ufunc.name], var stack = table.replaced[signature], let previous = stack.popLast(),
                  let index = table.loops.firstIndex(where: { $0.signature == signature })
            else {
                throw TesseraError(.noLoop, "\(ufunc.name) has no replaced loop for \(signature) to restore")
            }
            let removed = table.loops[index]
            table.loops[index] = previous
            table.replaced[signature] = stack.isEmpty ? nil : stack
            tables[ufunc.name] = table
            return removed
        }
        generationCounter.add(1, ordering: .releasing)
        return removed
    }

    /// The loops of a ufunc in search order.
    public func loops(for ufunc: UFunc) -> [InnerLoop] {
        tables.withLock { $0[ufunc.name]?.loops ?? [] }
    }

    /// The loop registered under `signature`, if any.
    public func loop(for ufunc: UFunc, signature: LoopSignature) -> InnerLoop? {
        loops(for: ufunc).first { $0.signature == signature }
    }

    /// Names of every ufunc with at least one loop.
    public var ufuncNames: [String] {
        tables.withLock { $0.keys.sorted() }
    }

    /// The backends installed into this registry, in installation order.
    public var installedBackends: [String] {
        installedNames.withLock { $0 }
    }

    func noteInstalled(_ name: String) {
        installedNames.withLock { $0.append(name) }
    }

    var generation: Int { generationCounter.load(ordering: .acquiring) }

    /// NumPy's table order: by the first input's type order, then the next, then outputs.
    static func precedes(_ a: LoopSignature, _ b: LoopSignature) -> Bool {
        for (x, y) in zip(a.operands, b.operands) where x != y {
            return x.order < y.order
        }
        return a.operands.count < b.operands.count
    }
}
