#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The process's thread count: `TESSERA_NUM_THREADS`, or the same setting made in code.
///
/// The OpenMP backend uses it for its team. The OpenBLAS backend gives it to OpenBLAS when
/// it is installed and after every ``setThreadCount(_:)``, unless `OPENBLAS_NUM_THREADS`
/// is set: OpenBLAS reads that variable itself, and it wins. Both backends take the count
/// from ``threadCount()``, so a bad `TESSERA_NUM_THREADS` is the same error for each.
///
/// It is also the one home of the threading policy: when work is worth splitting across
/// threads. Every splitter (the OpenMP backend's loop wrapper, reductions, `argmax`/
/// `argmin`) reads its threshold here, and the small-call path's limits stay below
/// ``minimumSplitCount`` so that a call it takes would never have been split.
public enum Threading {
    // MARK: Policy

    /// Work per call (ns, by the loop's ``InnerLoop/costPerElement``) below which threads
    /// do not pay off: waking a 2-thread OpenMP team and meeting again costs about 1.6 µs.
    public static let minimumSplitWork = 20_000.0
    /// No elementwise call below this many elements is split.
    public static let minimumSplitCount = 16_384
    /// Reductions of fewer elements run on the calling thread.
    public static let minimumReductionSplitCount = 32_768
    /// `argmax`/`argmin` of fewer elements run on the calling thread.
    public static let minimumArgExtremumSplitCount = 65_536

    /// `sort`/`argsort` lanes shorter than this are sorted on the calling thread: below it
    /// the merge pass and the team's wake-up cost more than half a sort saves.
    public static let minimumSortSplitCount = 131_072

    /// The number of elements from which an elementwise call of `loop` is split.
    public static func splitThreshold(for loop: InnerLoop) -> Int {
        let cost = Swift.max(loop.costPerElement, 0.01)
        return Swift.max(minimumSplitCount, Int((minimumSplitWork / cost).rounded(.up)))
    }

    // MARK: Thread count

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
