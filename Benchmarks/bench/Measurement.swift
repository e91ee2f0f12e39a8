#if canImport(Glibc)
import Glibc
#endif
import BenchmarkKit
import Tessera

/// How long and how often each case is timed.
struct MethodSettings: Codable, Sendable {
    /// Untimed calls before sampling, in seconds (caches, page faults, thread pools).
    var warmup: Double
    /// Keep sampling until this much time has been spent…
    var minTime: Double
    /// …and at least this many samples exist.
    var minSamples: Int
    var maxSamples: Int
    /// A sample repeats the call until it lasts about this long (tiny cases).
    var sampleTarget: Double
    /// Stop after this long even with fewer than `minSamples` (but at least 3 samples).
    var maxTime: Double

    static let full = MethodSettings(warmup: 0.1, minTime: 0.5, minSamples: 7, maxSamples: 300, sampleTarget: 0.002, maxTime: 15)
    static let quick = MethodSettings(warmup: 0.01, minTime: 0.06, minSamples: 5, maxSamples: 100, sampleTarget: 0.0005, maxTime: 1.5)
}

enum Clock {
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

/// Times `body`: calibrate the repetitions per sample, warm up, then sample until the
/// minimum time and sample count are reached. Returns nanoseconds per call.
func measure(_ settings: MethodSettings, _ body: () throws -> NDArray) throws -> [Double] {
    var sink = 0
    func timed(_ repetitions: Int) throws -> Double {
        let start = Clock.now()
        for _ in 0..<repetitions { sink &+= try body().size }
        return Double(Clock.now() - start)
    }
    let first = max(try timed(1), 1)
    let repetitions = max(1, Int((settings.sampleTarget * 1e9 / first).rounded(.down)))
    let warmupStart = Clock.now()
    while Double(Clock.now() - warmupStart) < settings.warmup * 1e9 { _ = try timed(repetitions) }

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

/// The outcome of one case under one configuration — the internal record a worker
/// process hands its parent (same version on both sides; versions exchange `ResultFile`s).
struct CaseOutcome: Codable, Sendable {
    enum Status: String, Codable, Sendable { case ok, unavailable, mismatch, error }
    var id: String
    var backend: String
    var status: Status
    var message: String?
    var elements = 0
    var bytes = 0
    var samples: [Double] = []
    var loopBackend: String?
    var instructionSet: String?
    var claimedULP: Double?
    var measuredULP: Double?
    var tolerance: String?

    var result: CaseResult? {
        status == .ok ? CaseResult(id: id, backend: backend, elements: elements, bytes: bytes, samples: samples) : nil
    }
}

/// Turns a configuration name (`sleef+openmp`) into a `TESSERA_BACKEND` value (`sleef,openmp`).
func backendSpecification(_ configuration: String) -> String {
    configuration.replacingOccurrences(of: "+", with: ",")
}

/// Runs one case under one configuration in this process: builds the inputs, computes the
/// scalar reference, checks the configuration's output against it, then times it.
func runCase(_ id: CaseID, configuration: String, settings: MethodSettings) -> CaseOutcome {
    registerBundledBackends()
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
                return
            }
            outcome.samples = try measure(settings, workload.run)
        }
    } catch let error as Unavailable {
        outcome.status = .unavailable
        outcome.message = error.description
    } catch let error as TesseraError where [.noLoop, .unknownUFunc, .unsupportedDType].contains(error.code) {
        outcome.status = .unavailable
        outcome.message = "\(error)"
    } catch {
        outcome.status = .error
        outcome.message = "\(error)"
    }
    return outcome
}
