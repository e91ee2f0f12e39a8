#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs independent pieces of work on several threads: the hook a threading backend
/// (OpenMP) installs into a ``LoopRegistry`` so that reductions and `argmax`/`argmin`
/// split their outer work across cores.
///
/// The callers decompose work by logical position (fixed blocks of elements), never by
/// thread, so results do not depend on ``threadCount``.
public protocol ParallelExecutor: Sendable {
    /// The number of threads a call may use (1: everything runs on the calling thread).
    var threadCount: Int { get }
    /// Calls `body(i)` once for every `i` in `0..<count`, possibly concurrently, and
    /// returns when all calls have returned. Indices are handed out in contiguous blocks,
    /// one per thread. A call made inside a parallel part runs on its own thread alone.
    func parallelFor(_ count: Int, _ body: (Int) -> Void)
}

/// The process's thread count: `TESSERA_NUM_THREADS`, or the same setting made in code.
///
/// The OpenMP backend uses it for its team. The OpenBLAS backend gives it to OpenBLAS when
/// it is installed and after every ``setThreadCount(_:)``, unless `OPENBLAS_NUM_THREADS`
/// is set: OpenBLAS reads that variable itself, and it wins. Both backends take the count
/// from ``threadCount()``, so a bad `TESSERA_NUM_THREADS` is the same error for each.
public enum Threading {
    /// The environment variable that sets the thread count.
    public static let environmentVariable = "TESSERA_NUM_THREADS"

    private static let setting = Locked<Int?>(nil)
    private static let observers = Locked<[@Sendable (Int) -> Void]>([])

    /// The number of cores online.
    public static var coreCount: Int {
        Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// The thread count in effect: the one set in code, else `TESSERA_NUM_THREADS`, else
    /// ``coreCount``.
    /// - Throws: when `TESSERA_NUM_THREADS` is not a positive integer.
    public static func threadCount() throws -> Int {
        if let value = setting.withLock({ $0 }) { return value }
        if let raw = getenv(environmentVariable) {
            return try parseThreadCount(String(cString: raw))
        }
        return coreCount
    }

    /// Sets the thread count for the process (`nil`: back to `TESSERA_NUM_THREADS` or the
    /// core count). Takes effect on the next call.
    public static func setThreadCount(_ count: Int?) throws {
        if let count, count < 1 || count > 4096 {
            throw TesseraError(.valueError, "thread count \(count) is out of range; use 1…4096 (or nil for the default)")
        }
        setting.withLock { $0 = count }
        let effective = try threadCount()
        for observer in observers.withLock({ $0 }) { observer(effective) }
    }

    /// Parses a `TESSERA_NUM_THREADS` value: a whole number from 1 to 4096.
    public static func parseThreadCount(_ value: String, variable: String = environmentVariable) throws -> Int {
        let trimmed = value.trimmingWhitespace()
        guard let count = Int(trimmed), count >= 1, count <= 4096 else {
            throw TesseraError(
                .environment,
                "\(variable)=\"\(value)\" is not a valid thread count; use a whole number from 1 to 4096 (unset: the number of cores, \(coreCount))"
            )
        }
        return count
    }

    /// Calls `observer` with the new count whenever ``setThreadCount(_:)`` changes it
    /// (a backend keeps its library's setting in step this way).
    public static func observeThreadCount(_ observer: @escaping @Sendable (Int) -> Void) {
        observers.withLock { $0.append(observer) }
    }
}
