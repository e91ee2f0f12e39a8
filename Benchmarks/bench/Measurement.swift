#if canImport(Glibc)
import Glibc
#endif
import BenchmarkKit
import Foundation
import Tessera

/// How long and how often each case is timed.
struct MethodSettings: Codable, Sendable {
    /// Untimed calls before sampling, in seconds (caches, page faults, thread pools).
    var warmup: Double
    /// Per round: the warm-up of a contender's first round, which also meets the cold
    /// process, allocator and caches; later rounds only re-warm for `warmup`.
    var firstWarmup: Double? = nil
    /// Keep sampling until this much time has been spent…
    var minTime: Double
    /// …and at least this many samples exist.
    var minSamples: Int
    var maxSamples: Int
    /// A sample repeats the call until it lasts about this long (tiny cases).
    var sampleTarget: Double
    /// Stop after this long even with fewer than `minSamples` (but at least 3 samples).
    var maxTime: Double
    /// The budget above is split into this many rounds per case; in each round every
    /// configuration and the peer take their turn, so that drift of the machine between
    /// rounds reaches every backend of the case alike and same-round ratios cancel it.
    var rounds: Int
    /// The rounds are spread over this many passes through the suite (``runBenchmarks``):
    /// pass `p` runs rounds `roundsOfPass(p)` of every case.
    var passes: Int = 1
    /// What a sample measures (``SampleClock``); the warm-up and time budgets stay in
    /// wall-clock time either way.
    var clock: SampleClock = .wall

    static let full = MethodSettings(warmup: 0.1, minTime: 0.5, minSamples: 7, maxSamples: 300, sampleTarget: 0.002, maxTime: 15, rounds: 5)
    static let quick = MethodSettings(warmup: 0.01, minTime: 0.06, minSamples: 5, maxSamples: 100, sampleTarget: 0.0005, maxTime: 1.5, rounds: 6, passes: 3)

    /// The indices of the rounds that pass `pass` runs: the rounds split as evenly as they
    /// go, earlier passes taking the remainder; every pass runs at least one round.
    func roundsOfPass(_ pass: Int) -> Range<Int> {
        let passes = max(self.passes, 1), total = max(rounds, passes)
        let start = pass * (total / passes) + min(pass, total % passes)
        return start..<(start + total / passes + (pass < total % passes ? 1 : 0))
    }

    /// The settings of one round: time, samples and re-warm-up divided among the rounds,
    /// with at least 3 samples per round so that each round has a median worth the name;
    /// the first round keeps the whole warm-up. The worker and the NumPy peer get these
    /// and run one round per request.
    var perRound: MethodSettings {
        let r = max(rounds, passes, 1)
        return MethodSettings(warmup: warmup / Double(r), firstWarmup: warmup, minTime: minTime / Double(r),
                              minSamples: max(3, (minSamples + r - 1) / r), maxSamples: max(3, maxSamples / r),
                              sampleTarget: sampleTarget, maxTime: maxTime / Double(r), rounds: 1, passes: 1, clock: clock)
    }
}

/// What a sample's time is. `wall` (the default) is elapsed time. `threadCPU` is the CPU
/// time of the timing thread: on a shared machine it leaves out the time the turn waited
/// for a CPU, which wall-clock samples count (with other builds running on 2 cores, a
/// contender got as little as 8% of a CPU, and wall-clock ratios swung 0.08–1.1×). It
/// counts only the calling thread, so it is allowed only when every contender computes on
/// one thread (``CaseSelection/options(peer:)``); memory stalls still count, so
/// bandwidth-bound cases keep their cost.
enum SampleClock: String, Codable, Sendable {
    case wall
    case threadCPU = "thread-cpu"
}

enum Clock {
    static func now(_ clock: SampleClock = .wall) -> UInt64 {
        var t = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

/// Times one computation round by round. The first round calibrates the repetitions per
/// sample, and later rounds keep them, so every round's samples are alike; each round
/// warms up (other backends ran in between and took the caches), then samples until the
/// round's minimum time and sample count are reached.
struct RoundTimer {
    private var repetitions: Int?
    private var sink = 0

    /// One round of `settings` (already per round, ``MethodSettings/perRound``).
    /// Returns nanoseconds per call.
    mutating func round(_ settings: MethodSettings, _ body: () throws -> Int) throws -> [Double] {
        func timed(_ repetitions: Int) throws -> Double {
            let start = Clock.now(settings.clock)
            for _ in 0..<repetitions { sink &+= try body() }
            return Double(Clock.now(settings.clock) - start)
        }
        let repetitions: Int
        var warmup = settings.warmup, warmupSamples = 1
        if let known = self.repetitions {
            repetitions = known
        } else {
            let first = max(try timed(1), 1)
            repetitions = max(1, Int((settings.sampleTarget * 1e9 / first).rounded(.down)))
            self.repetitions = repetitions
            // The first calls of a case meet cold caches and an allocator that has not yet
            // settled on reusing the case's buffers, so fresh pages fault in; with only a
            // round's share of the warm-up, first rounds of float64 1e6 cases ran 2–30×
            // slower than later ones on a 2-core VM.
            warmup = settings.firstWarmup ?? warmup
            warmupSamples = 3
        }
        // At least one untimed sample (three in the first round) even when the warm-up
        // time is shorter.
        let warmupStart = Clock.now()
        for _ in 0..<warmupSamples { _ = try timed(repetitions) }
        while Double(Clock.now() - warmupStart) < warmup * 1e9 { _ = try timed(repetitions) }

        var samples: [Double] = []
        let start = Clock.now()
        while samples.count < settings.maxSamples {
            samples.append(try timed(repetitions) / Double(repetitions))
            let elapsed = Double(Clock.now() - start) / 1e9
            if elapsed >= settings.minTime && samples.count >= settings.minSamples { break }
            if elapsed >= settings.maxTime && samples.count >= 3 { break }
        }
        if sink == -1 { print("") }  // keeps the results observable
        return samples
    }
}

/// The outcome of one case under one configuration (or the NumPy peer): for one round, as
/// a worker or the peer answers a request, or for all rounds, as the parent gathers them.
/// Internal to one version of the harness (its worker, its peer script); versions exchange
/// only `ResultFile`s.
struct CaseOutcome: Codable, Sendable {
    enum Status: String, Codable, Sendable { case ok, unavailable, mismatch, error }
    var id: String
    var backend: String
    var status: Status
    var message: String?
    var elements = 0
    var bytes = 0
    var samples: [Double] = []
    /// Samples per round, in order, once the parent has gathered every round.
    var rounds: [Int]?
    var loopBackend: String?
    var instructionSet: String?
    var claimedULP: Double?
    var measuredULP: Double?
    var tolerance: String?
    /// The largest error in ULP against a correctly rounded reference on the case's inputs
    /// (unary math cases with a peer): set by the parent from the peer's accuracy answer.
    var exactULP: Double?
    /// In the peer's accuracy answer only: that error for NumPy's output (`numpy`) and for
    /// each configuration's output on the same inputs, by configuration name.
    var exactULPs: [String: Double]?

    var result: CaseResult? {
        status == .ok ? CaseResult(id: id, backend: backend, elements: elements, bytes: bytes, samples: samples, rounds: rounds) : nil
    }
}

/// Turns a configuration name (`sleef+openmp`) into a `TESSERA_BACKEND` value (`sleef,openmp`).
func backendSpecification(_ configuration: String) -> String {
    configuration.replacingOccurrences(of: "+", with: ",")
}

/// One case under one configuration in this process: inputs built and the output checked
/// against the scalar reference once, then timed round by round (``round(_:)``).
final class CaseSession {
    let id: CaseID
    let configuration: String
    /// Status and metadata from preparing the case (`ok` unless it cannot run or disagrees
    /// with scalar); its samples stay empty.
    private(set) var outcome: CaseOutcome
    private var workload: Workload?
    private var timer = RoundTimer()
    private var registry: LoopRegistry?

    /// Builds the inputs, computes the scalar reference and checks the configuration's
    /// output against it. A case that is unavailable, fails or disagrees is never timed.
    init(_ id: CaseID, configuration: String) {
        registerBundledBackends()
        self.id = id
        self.configuration = configuration
        var outcome = CaseOutcome(id: id.description, backend: configuration, status: .ok)
        do {
            let workload = try Workload(id)
            outcome.elements = workload.elements
            outcome.bytes = workload.bytes
            let reference = try Backends.withBackends("scalar") { try workload.run() }
            try Backends.withBackends(backendSpecification(configuration)) {
                let output = try workload.run()
                let tolerance = workload.tolerance()
                if let loop = workload.loop() {
                    outcome.loopBackend = loop.backend
                    outcome.instructionSet = loop.instructionSet
                    outcome.claimedULP = loop.maxULPError
                }
                outcome.tolerance = tolerance.description
                let check = Verification.check(output, against: reference, tolerance: tolerance)
                outcome.measuredULP = check.maxULP
                if let failure = check.failure {
                    outcome.status = .mismatch
                    outcome.message = "\(id) [\(configuration)] disagrees with scalar: \(failure)"
                }
            }
            if outcome.status == .ok { self.workload = workload }
        } catch {
            outcome.fail(with: error)
        }
        self.outcome = outcome
    }

    /// Writes a math case's inputs (`in0.npy`, …, once per directory) and this
    /// configuration's output (`out-<configuration>.npy`) into `directory`, for the NumPy
    /// peer to measure every output and NumPy's own against one correctly rounded reference
    /// on the same inputs (`numpy_peer.py`'s `accuracy`). Other cases write nothing.
    func writeAccuracyFiles(to directory: URL) {
        guard let workload, id.family == .math else { return }
        do {
            // Computed again here, in the one pass that asks, rather than held through
            // every timed round.
            let output = try Backends.withBackends(backendSpecification(configuration)) { try workload.run() }
            guard [.float32, .float64].contains(output.dtype) else { return }
            for (index, operand) in workload.operands.enumerated() {
                let url = directory.appendingPathComponent("in\(index).npy")
                if !FileManager.default.fileExists(atPath: url.path) { try operand.write(to: url) }
            }
            try output.write(to: directory.appendingPathComponent("out-\(configuration).npy"))
        } catch {
            printError("warning: \(id) [\(configuration)]: cannot write the accuracy files: \(error)")
        }
    }

    /// Times one round; the returned outcome carries this round's samples only. After a
    /// failed preparation it returns that outcome again, untimed.
    func round(_ settings: MethodSettings) -> CaseOutcome {
        var result = outcome
        guard let workload else { return result }
        do {
            // Timed as a program runs: under the process configuration (what
            // TESSERA_BACKEND sets), not inside a `withBackends` scope.
            if registry == nil { registry = try Backends.makeRegistry(backendSpecification(configuration)) }
            Backends.use(registry!)
            result.samples = try timer.round(settings, workload.call)
        } catch {
            result.fail(with: error)
        }
        return result
    }
}

extension CaseOutcome {
    /// Records why the case could not run: unavailable in this build, or an error.
    mutating func fail(with error: Error) {
        samples = []
        switch error {
        case let error as Unavailable:
            status = .unavailable
            message = error.description
        case let error as TesseraError where [.noLoop, .unknownUFunc, .unsupportedDType].contains(error.code):
            status = .unavailable
            message = "\(error)"
        default:
            status = .error
            message = "\(error)"
        }
    }
}
