internal import _TesseraOpenMPShim
import TesseraCore

/// Threads for every ufunc: wraps the loops the other backends registered and splits
/// each large call across an OpenMP team; reductions and `argmax`/`argmin` split their
/// outer work through the registry's ``LoopRegistry/executor``.
///
/// `libomp.so.5` is opened at run time and driven through its GNU entry point
/// `GOMP_parallel` (no `-fopenmp`, no OpenMP header at build time). The backend
/// re-implements nothing: installed last, it replaces each loop with a wrapper that calls
/// the original on per-thread contiguous parts, so results are bitwise those of the
/// wrapped loop. Calls smaller than a threshold derived from the loop's
/// ``InnerLoop/costPerElement`` — and reduction calls — run the wrapped loop directly,
/// without touching the team.
///
/// The thread count is `TESSERA_NUM_THREADS` (default: the number of cores), or
/// ``Threading/setThreadCount(_:)``, or fixed per backend by ``init(threadCount:)``.
/// libomp's idle threads spin for `KMP_BLOCKTIME` ms after a region; the backend sets
/// it to ``defaultBlockTime`` unless the environment sets it.
public struct OpenMPBackend: Backend {
    /// The shared object opened at run time, and the Debian package that provides it.
    public static let libraryName = "libomp.so.5"
    static let packageHint = "install the Debian package libomp5 (apt-get install libomp-dev)"
    /// The block time (ms) used unless `KMP_BLOCKTIME` is set: long enough for a run of
    /// calls to find the team awake, short enough not to starve other threads.
    public static let defaultBlockTime = 1
    /// Work per call below which threads do not pay off (``Threading/minimumSplitWork``).
    public static var minimumWork: Double { Threading.minimumSplitWork }
    /// No call below this many elements ever uses the team (``Threading/minimumSplitCount``).
    public static var minimumSplitCount: Int { Threading.minimumSplitCount }

    /// A fixed thread count, or `nil` to follow ``Threading``.
    public let fixedThreadCount: Int?

    /// - Parameter threadCount: use exactly this many threads in the registries this
    ///   backend is installed into; `nil` follows `TESSERA_NUM_THREADS` /
    ///   ``Threading/setThreadCount(_:)``.
    public init(threadCount: Int? = nil) {
        precondition(threadCount.map { $0 >= 1 } ?? true, "OpenMPBackend: threadCount must be at least 1")
        self.fixedThreadCount = threadCount
    }

    public var name: String { "openmp" }
    public var summary: String { "OpenMP threads around every other backend's loops and reductions" }
    public var isWrapper: Bool { true }

    public func probe() -> BackendAvailability {
        if case .failure(let reason) = OpenMPBackend.open() { return .unavailable(reason: reason.message) }
        return .available
    }

    /// The number of elements from which a call of `loop` is split across threads.
    public static func splitThreshold(for loop: InnerLoop) -> Int {
        Threading.splitThreshold(for: loop)
    }

    public func install(into registry: LoopRegistry) throws {
        if case .failure(let reason) = OpenMPBackend.open() {
            throw TesseraError(.backendUnavailable, "openmp: \(reason.message)")
        }
        let team = try team()
        let wrapper = tessera_omp_wrapper_loop()
        for name in registry.ufuncNames {
            // Gufunc tables (matmul, vecdot, …) share the registry but not the elementwise
            // calling convention; their threading is the BLAS library's.
            guard let ufunc = try? UFunc.named(name), ufunc.name == name else { continue }
            for loop in registry.loops(for: ufunc) where loop.backend != "openmp" {
                let context = WrapperContext(
                    tessera_omp_wrap_context(
                        loop.function, loop.data, Int32(ufunc.inputCount), Int32(ufunc.outputCount),
                        OpenMPBackend.splitThreshold(for: loop), team.pointer
                    ),
                    team: team
                )
                let wrapped = InnerLoop(
                    signature: loop.signature,
                    function: wrapper,
                    data: context.pointer,
                    backend: "openmp",
                    instructionSet: loop.instructionSet,
                    stridePolicy: loop.stridePolicy,
                    maxULPError: loop.maxULPError,
                    costPerElement: loop.costPerElement,
                    dataOwner: context,
                    wrapping: loop
                )
                try registry.replaceLoop(for: ufunc, signature: loop.signature, with: wrapped)
            }
        }
        let executor = OpenMPExecutor(team: team)
        registry.executor = executor
        ParallelSort.install(into: registry.sortLoops, executor: executor)
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        guard case .success = OpenMPBackend.open() else { return [] }
        let threads: String
        do {
            threads = "\(try fixedThreadCount ?? Threading.threadCount()) (\(Threading.environmentVariable); cores: \(Threading.coreCount))"
        } catch {
            threads = "\(error)"
        }
        let blockTime = tessera_omp_blocktime()
        return [
            ("library", String(cString: tessera_omp_library_path())),
            ("threads", threads),
            ("block time", blockTime < 0 ? "unknown" : "\(blockTime) ms (KMP_BLOCKTIME)"),
        ]
    }

    /// Sets the time (ms) libomp's idle threads spin after a region before sleeping
    /// (`kmp_set_blocktime`), for every thread that starts a region from now on.
    public static func setBlockTime(milliseconds: Int) {
        precondition(milliseconds >= 0, "OpenMPBackend.setBlockTime: milliseconds must be >= 0")
        tessera_omp_set_blocktime(Int32(clamping: milliseconds))
    }

    /// Whether the calling thread runs inside a parallel part (a call made there runs
    /// single-threaded).
    public static var isInParallelPart: Bool { tessera_omp_in_parallel() != 0 }

    /// The number of parallel regions the calling thread has forked (for tests).
    package static var regionsForkedOnThisThread: UInt64 { tessera_omp_regions_forked() }

    /// How many wrapper-loop contexts are alive in the process (each freed with the last
    /// copy of its loop; for tests).
    package static var liveWrapperContexts: Int { tessera_omp_live_contexts() }

    // MARK: Internals

    struct OpenFailure: Error { let message: String }

    private static let opened: Result<Void, OpenFailure> = {
        var message = [CChar](repeating: 0, count: 512)
        if tessera_omp_open(Int32(defaultBlockTime), &message, message.count) == 0 {
            let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(OpenFailure(message: "cannot open \(libraryName) (\(detail)); \(packageHint)"))
        }
        return .success(())
    }()

    static func open() -> Result<Void, OpenFailure> { opened }

    /// The process team follows ``Threading``; it is set up once.
    private static let processTeam: Result<Team, TesseraError> = {
        let team = Team(pointer: tessera_omp_default_team(), owned: false)
        do {
            tessera_omp_team_set_threads(team.pointer, Int32(clamping: try Threading.threadCount()))
        } catch let error as TesseraError {
            return .failure(error)
        } catch {
            return .failure(TesseraError(.environment, "\(error)"))
        }
        Threading.observeThreadCount { count in
            tessera_omp_team_set_threads(tessera_omp_default_team(), Int32(clamping: count))
        }
        return .success(team)
    }()

    private func team() throws -> Team {
        if let fixedThreadCount {
            return Team(pointer: tessera_omp_team_create(Int32(clamping: fixedThreadCount)), owned: true)
        }
        // Re-read the setting: TESSERA_NUM_THREADS is checked at every installation.
        _ = try Threading.threadCount()
        return try OpenMPBackend.processTeam.get()
    }
}

/// A thread-count setting shared by the wrapper loops and the executor of one registry;
/// a team of its own (a fixed thread count) is freed with the last loop or executor using it.
final class Team: @unchecked Sendable {
    let pointer: OpaquePointer
    private let owned: Bool

    init(pointer: OpaquePointer, owned: Bool) {
        self.pointer = pointer
        self.owned = owned
    }

    deinit {
        if owned { tessera_omp_team_destroy(pointer) }
    }
}

/// Owns one wrapper loop's context (and keeps its team alive): registries built and
/// dropped per request must not leave their loops' contexts behind.
final class WrapperContext: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let team: Team

    init(_ pointer: UnsafeMutableRawPointer, team: Team) {
        self.pointer = pointer
        self.team = team
    }

    deinit { tessera_omp_free_context(pointer) }
}

/// Runs a ``ParallelExecutor``'s work on the OpenMP team.
final class OpenMPExecutor: ParallelExecutor {
    let team: Team

    init(team: Team) { self.team = team }

    var threadCount: Int { Int(tessera_omp_team_threads(team.pointer)) }

    func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        if count <= 0 { return }
        withoutActuallyEscaping(body) { body in
            var box = TaskBox(body: body)
            withUnsafeMutablePointer(to: &box) { pointer in
                tessera_omp_parallel_for(team.pointer, count, { context, index in
                    context.unsafelyUnwrapped.assumingMemoryBound(to: TaskBox.self).pointee.body(index)
                }, pointer)
            }
        }
    }
}

private struct TaskBox {
    let body: (Int) -> Void
}
