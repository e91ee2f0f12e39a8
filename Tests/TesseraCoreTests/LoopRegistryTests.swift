import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar

/// Replacing a loop by signature reaches every spelling of the ufunc — operator, free
/// function, `UFunc` call, `reduce`, `outer` — and `restore` undoes it; the registry stays
/// consistent while many threads call ufuncs and others reconfigure.
@Suite struct LoopRegistryTests {
    /// A deliberately different `add` for float64: x + y + 1000.
    static let plusThousand: InnerLoopFunction = { args, count, steps, _ in
        let a = args!, s = steps!
        for i in 0..<count {
            let x = (a[0]! + i * s[0]).load(as: Double.self)
            let y = (a[1]! + i * s[1]).load(as: Double.self)
            (a[2]! + i * s[2]).storeBytes(of: x + y + 1000, as: Double.self)
        }
    }

    static func replacement() throws -> InnerLoop {
        InnerLoop(signature: try LoopSignature("dd->d"), function: plusThousand, backend: "test", instructionSet: "baseline")
    }

    @Test func replacementReachesEverySpellingAndRestoreUndoesIt() throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        let a = NDArray([1.0, 2.0])
        try Backends.withRegistry(registry) { () throws in
            let replaced = try registry.replaceLoop(for: .add, signature: LoopSignature("dd->d"), with: Self.replacement())
            #expect(replaced.backend == "scalar")
            #expect((a + a).toArray(Double.self) == [1002, 1004])
            #expect(add(a, a).toArray(Double.self) == [1002, 1004])
            #expect(try UFunc.named("add")(a, a).toArray(Double.self) == [1002, 1004])
            // reduce: the accumulator starts at 0, then 0 + 1 + 1000, then + 2 + 1000.
            #expect(try UFunc.add.reduce(a).item(Double.self) == 2003)
            #expect(a.sum().item(Double.self) == 2003)
            #expect(try UFunc.add.outer(a, a).toArray(Double.self) == [1002, 1003, 1003, 1004])
            #expect(UFunc.add.loops.first { $0.signature.description == "dd->d" }?.backend == "test")
            // Other signatures are untouched.
            #expect((NDArray([1, 2] as [Int32]) + 1).toArray(Int32.self) == [2, 3])

            let removed = try registry.restore(for: .add, signature: LoopSignature("dd->d"))
            #expect(removed.backend == "test")
            #expect((a + a).toArray(Double.self) == [2, 4])
            #expect(a.sum().item(Double.self) == 3)
            #expect { try registry.restore(for: .add, signature: LoopSignature("dd->d")) } throws: { ($0 as? TesseraError)?.code == .noLoop }
        }
    }

    @Test func registrationRejectsDuplicatesAndKeepsNumPyOrder() throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        #expect { try registry.register(Self.replacement(), for: .add) } throws: { ($0 as? TesseraError)?.code == .duplicateLoop }
        let order = registry.loops(for: .add).map(\.signature.description)
        #expect(order.first == "??->?")
        #expect(order.last == "DD->D")
        #expect(order == order.sorted { a, b in
            let da = try! LoopSignature(a), db = try! LoopSignature(b)
            return LoopRegistry.precedes(da, db)
        })
        // Arity is checked.
        let unary = InnerLoop(signature: try LoopSignature("d->d"), function: Self.plusThousand, backend: "test")
        #expect { try registry.register(unary, for: .add) } throws: { ($0 as? TesseraError)?.code == .invalidLoopSignature }
    }

    @Test func concurrentCallsDuringReconfigurationNeverSeeAHalfUpdatedTable() throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        let signature = try LoopSignature("dd->d")
        let replacement = try Self.replacement()
        let a = NDArray([Double](repeating: 1, count: 1000))
        let failures = Locked<[String]>([])
        let stop = Atomic<Bool>(false)
        let writer = Thread {
            while !stop.load(ordering: .relaxed) {
                _ = try? registry.replaceLoop(for: .add, signature: signature, with: replacement)
                _ = try? registry.restore(for: .add, signature: signature)
            }
        }
        writer.start()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            Backends.withRegistry(registry) {
                for _ in 0..<300 {
                    let values = (a + a).toArray(Double.self)
                    // Each call runs one loop: all 2 (scalar) or all 1002 (replacement).
                    let allScalar = values.allSatisfy { $0 == 2 }, allReplaced = values.allSatisfy { $0 == 1002 }
                    if !(allScalar || allReplaced) {
                        failures.withLock { $0.append("worker \(worker): mixed results \(Set(values))") }
                    }
                }
            }
        }
        stop.store(true, ordering: .relaxed)
        while writer.isExecuting { usleep(1000) }
        #expect(failures.withLock { $0 }.isEmpty)
    }
}

import Synchronization
