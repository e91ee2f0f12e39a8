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
