import Dispatch
import Testing
@testable import TesseraCore

/// `Locked` excludes concurrent critical sections, releases its lock when the closure
/// throws, and hands back the closure's result. Under `ci/sanitizers.sh thread` the
/// concurrent test also checks that ThreadSanitizer sees the lock (no report).
@Suite struct LockedTests {
    struct Failure: Error {}

    @Test func concurrentIncrementsAreNeverLost() {
        let counter = Locked(0)
        let threads = 8, increments = 2000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<increments {
                counter.withLock { $0 += 1 }
            }
        }
        #expect(counter.withLock { $0 } == threads * increments)
    }

    @Test func aThrowingClosureReleasesTheLockAndKeepsItsChanges() {
        let names = Locked<[String]>([])
        #expect(throws: Failure.self) {
            try names.withLock { names in
                names.append("scalar")
                throw Failure()
            }
        }
        // Deadlocks here if the throw left the lock held.
        names.withLock { $0.append("sleef") }
        #expect(names.withLock { $0 } == ["scalar", "sleef"])
    }

    @Test func copiesShareTheValue() {
        let original = Locked<Int?>(nil)
        let copy = original
        copy.withLock { $0 = 4 }
        #expect(original.withLock { $0 } == 4)
    }
}
