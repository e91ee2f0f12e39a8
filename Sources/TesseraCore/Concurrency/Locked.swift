#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A value that threads share, guarded by a `pthread_mutex_t`: the one lock of Tessera's
/// mutable shared state (loop tables, resolution caches, backend selection, thread-count
/// setting, backend contexts).
///
/// ```swift
/// let names = Locked<[String]>([])
/// names.withLock { $0.append("scalar") }
/// let copy = names.withLock { $0 }
/// ```
///
/// Shaped like `Synchronization.Mutex` (`withLock` hands the closure the value `inout`
/// while the lock is held) but not built on it: on Linux, `Mutex` locks a raw futex from
/// prebuilt standard-library code, which ThreadSanitizer neither intercepts nor
/// instruments. TSan then sees no ordering between two critical sections and reports
/// every access a `Mutex` guards as a data race (a ten-line `Mutex`-only program
/// compiled with `-sanitize=thread` shows it). TSan intercepts `pthread_mutex_lock` and
/// `pthread_mutex_unlock`, so under `ci/sanitizers.sh thread` the accesses guarded here
/// are checked like any others: only an access made without the lock is reported.
///
/// The mutex and the value share one heap allocation (a `ManagedBuffer`), so the mutex
/// never moves, as POSIX requires. Uncontended, `withLock` costs one
/// `pthread_mutex_lock`/`unlock` pair: an empty `withLock` measured 16–30 ns on the
/// project's machine, against 63–93 ns for `Mutex` (`-O`, same loop), and small-call
/// dispatch, which takes two such locks per ufunc call, did not change (`bench`, 8- and
/// 1000-element cases). Not recursive: calling `withLock` on the same instance inside its
/// own closure deadlocks. A copy of a `Locked` shares the lock and value with the original.
package struct Locked<Value>: @unchecked Sendable {
    /// Header: the value; one tail element: the mutex.
    private final class Storage: ManagedBuffer<Value, pthread_mutex_t> {
        deinit {
            _ = withUnsafeMutablePointerToElements { pthread_mutex_destroy($0) }
        }
    }

    private let storage: Storage

    package init(_ initialValue: Value) {
        storage = unsafeDowncast(Storage.create(minimumCapacity: 1) { _ in initialValue }, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { mutex in
            mutex.initialize(to: pthread_mutex_t())
            let status = pthread_mutex_init(mutex, nil)
            precondition(status == 0, "pthread_mutex_init failed with error \(status)")
        }
    }

    /// Runs `body` with exclusive access to the value and returns its result; the lock is
    /// released when `body` returns or throws.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try storage.withUnsafeMutablePointers { value, mutex in
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return try body(&value.pointee)
        }
    }
}
