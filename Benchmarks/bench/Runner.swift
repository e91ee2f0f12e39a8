import BenchmarkKit
import Foundation
import Tessera

/// Where each (case, configuration) runs.
enum Isolation: String, CaseIterable {
    /// A fresh child process per case and configuration, with `TESSERA_BACKEND` set: no
    /// thread pool (OpenMP, OpenBLAS) outlives its configuration. The default.
    case process
    /// In this process through `Backends.withBackends`: faster to start, but thread pools
    /// started by one configuration stay alive (and may spin) while the next is timed.
    case inProcess = "in-process"
}

struct RunOptions {
    var cases: [CaseID]
    var configurations: [String]
    var settings: MethodSettings
    var isolation: Isolation = .process
    var peer = false
    /// Pin single-threaded turns to one shared CPU (``CPUPinning``); `--no-pinning` turns it off.
    var pinning = true
}

struct RunOutput {
    var outcomes: [CaseOutcome] = []
    var peerResults: [CaseResult] = []
    /// The peer's cases that did not run (NumPy cannot express them, or the peer failed).
    var peerOutcomes: [CaseOutcome] = []
    var numpyMissing: String?
    /// NumPy's error against a correctly rounded reference, by case id (math cases).
    var numpyExactULP: [String: Double] = [:]

    var results: [CaseResult] { outcomes.compactMap(\.result) + peerResults }
    var mismatches: [CaseOutcome] { outcomes.filter { $0.status == .mismatch } }
    var errors: [CaseOutcome] { outcomes.filter { $0.status == .error } }
    var notes: [String: String] {
        var notes: [String: String] = [:]
        for o in outcomes + peerOutcomes where o.status != .ok { notes["\(o.id) [\(o.backend)]"] = "\(o.status.rawValue): \(o.message ?? "")" }
        return notes
    }

    func resultFile(root: URL) -> ResultFile {
        ResultFile(version: TesseraVersion, commit: BenchEnvironment.commit(at: root), date: BenchEnvironment.date(),
                   machine: BenchEnvironment.machine(), cases: results)
    }
}

enum Configurations {
    /// `scalar`, each available accelerated backend alone, and `all` when it differs from those.
    static func standard() -> [String] {
        registerBundledBackends()
        let accelerated = Backends.known.map(\.name).filter { $0 != "scalar" && Backends.availability(of: $0).isAvailable }
        return ["scalar"] + accelerated + (accelerated.count >= 2 ? ["all"] : [])
    }

    /// Parses `--backends sleef+openmp,scalar`, checking every name.
    static func parse(_ list: String) throws -> [String] {
        registerBundledBackends()
        let configurations = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !configurations.isEmpty else { throw BenchmarkError("--backends is empty; example: --backends scalar,sleef+openmp,all") }
        for configuration in configurations where configuration != "all" {
            do {
                _ = try Backends.parse(backendSpecification(configuration), variable: "--backends")
            } catch {
                throw BenchmarkError("\(error)")
            }
        }
        return configurations
    }
}

/// Someone who times a case: a Tessera configuration or the NumPy peer.
private protocol Contender: AnyObject {
    var name: String { get }
    /// Builds the case's inputs and checks the output against scalar; no timing.
    /// `cpu`: the CPU to run on (and touch the inputs from), or `nil` for every CPU.
    /// `accuracy`: a directory to write a math case's inputs and output into
    /// (``CaseSession/writeAccuracyFiles(to:)``); the peer ignores it.
    func prepare(cpu: Int?, accuracy: URL?) -> CaseOutcome
    /// Times one round of the case, on `cpu` or on every CPU.
    func round(_ settings: MethodSettings, cpu: Int?) -> CaseOutcome
}

/// A configuration timed in this process (`--isolation in-process`).
private final class InProcessContender: Contender {
    let session: CaseSession
    var name: String { session.configuration }
    init(_ id: CaseID, configuration: String) { session = CaseSession(id, configuration: configuration) }
    // In-process contenders share this process's threads: they are never pinned.
    func prepare(cpu: Int?, accuracy: URL?) -> CaseOutcome {
        if let accuracy { session.writeAccuracyFiles(to: accuracy) }
        return session.outcome
    }
    func round(_ settings: MethodSettings, cpu: Int?) -> CaseOutcome { session.round(settings) }
}

/// A configuration timed in its own `bench worker` child, started for this case and kept
/// until its last round, so that the case is prepared and verified once.
private final class WorkerContender: Contender {
    let id: CaseID
    let name: String
    private var channel: LineChannel?
    private var failure: String?

    init(_ id: CaseID, configuration: String) {
        self.id = id
        self.name = configuration
        do {
            channel = try LineChannel([BenchEnvironment.executable().path, "worker", "--configuration", configuration],
                                      environment: ["TESSERA_BACKEND": backendSpecification(configuration)])
        } catch {
            failure = "cannot start worker: \(error)"
        }
    }

    func prepare(cpu: Int?, accuracy: URL?) -> CaseOutcome { send(nil, cpu: cpu, accuracy: accuracy) }
    func round(_ settings: MethodSettings, cpu: Int?) -> CaseOutcome { send(settings, cpu: cpu, accuracy: nil) }

    private func send(_ settings: MethodSettings?, cpu: Int?, accuracy: URL?) -> CaseOutcome {
        guard let channel else { return CaseOutcome(id: id.description, backend: name, status: .error, message: failure) }
        do {
            let request = RoundRequest(case: id.description, settings: settings, cpu: cpu, accuracy: accuracy?.path)
            return try channel.request(request, as: CaseOutcome.self)
        } catch {
            self.channel = nil
            failure = "worker \(channel.finish()): \(error)"
            return CaseOutcome(id: id.description, backend: name, status: .error, message: failure)
        }
    }

    deinit { _ = channel?.finish() }
}

/// What the parent asks a worker or the peer: one round of `case` with these settings
/// (already per round), or with no settings, only to prepare the case (inputs and, for a
/// worker, the check against scalar) and answer without samples. With `cpu`, the child
/// first restricts its thread to that CPU; without, to every CPU it may use.
struct RoundRequest: Codable {
    var `case`: String
    var settings: MethodSettings?
    var cpu: Int? = nil
    /// A directory: a worker writes a math case's inputs and its output there; the peer
    /// (asked after the case's last round) measures them and NumPy's own output against a
    /// correctly rounded reference and answers with `CaseOutcome.exactULPs`.
    var accuracy: String? = nil
}

/// The pause after each turn of a matrix-product case, in seconds. OpenBLAS threads (NumPy's
/// in the warm peer, Tessera's in a worker) keep polling with `sched_yield` for about
/// 2²⁸ cycles (~0.1 s) after a call before they sleep; timed inside that window, the next
/// contender's own pool fought them, and matmul/float32/contiguous/256 rounds took 16 ms
/// instead of 0.2 ms. Only matmul runs these pools (libomp's threads sleep after
/// `KMP_BLOCKTIME`, 1 ms).
let blasPoolCooldown = 0.15

/// Runs every case under every configuration and the peer. Within a case, every round gives
/// every contender a turn, starting with a different one each round; the result keeps the
/// samples of all rounds and how many each round gave. Single-threaded turns run on one
/// shared CPU (``CPUPinning``). A case with a threaded contender gets twice the rounds in
/// the same time: a threaded turn meets whatever else the machine runs on any of its CPUs,
/// and more, shorter rounds give its median ratio more same-round pairs to settle on.
///
/// The rounds are spread over `settings.passes` passes through the whole suite. On a
/// shared machine a case's rounds taken back to back all meet the same few seconds of
/// neighbours; three quick runs of the same suite showed single cases whose every
/// contender moved together by 30–50 % from one run to the next, and threaded turns that
/// ran at one-thread speed for a whole case. Spread over the run, a case's rounds sample
/// the machine at as many moments as there are passes, so its median same-round ratio
/// settles on the typical moment instead of whichever one the case happened to meet.
func runBenchmarks(_ options: RunOptions) throws -> RunOutput {
    // A child that dies makes our next write fail with EPIPE; without this, SIGPIPE would
    // end the whole run instead of that case.
    signal(SIGPIPE, SIG_IGN)
    var output = RunOutput()
    var peer: NumPyPeer?
    if options.peer {
        switch NumPyPeer.start() {
        case .success(let started): peer = started
        case .failure(let error): output.numpyMissing = error.description
        }
    }
    defer { peer?.stop() }
    let sharedCPU = options.pinning && options.isolation == .process ? CPUPinning.sharedCPU(allowed: CPUPinning.allowedCPUs()) : nil
    let passes = max(options.settings.passes, 1)
    var progress = Progress(total: options.cases.count * passes)
    var gathered = [[String: CaseOutcome]](repeating: [:], count: options.cases.count)
    for pass in 0..<passes {
        for (index, id) in options.cases.enumerated() {
            var contenders: [Contender] = options.configurations.map { configuration in
                switch options.isolation {
                case .inProcess: InProcessContender(id, configuration: configuration)
                case .process: WorkerContender(id, configuration: configuration)
                }
            }
            if let peer { contenders.append(peer.contender(for: id)) }
            func cpu(of contender: Contender) -> Int? {
                let singleThreaded = contender is PeerContender
                    ? CPUPinning.peerIsSingleThreaded(id.family) : CPUPinning.isSingleThreaded(configuration: contender.name)
                return singleThreaded ? sharedCPU : nil
            }
            var settings = options.settings
            if contenders.contains(where: { cpu(of: $0) == nil }) { settings.rounds = max(settings.rounds, 1) * 2 }
            let rounds = settings.roundsOfPass(pass)
            // A contender that failed in an earlier pass is not asked again.
            contenders.removeAll { gathered[index][$0.name].map { $0.status != .ok } ?? false }
            // Everyone prepares before anyone is timed: starting processes and building
            // inputs must not run next to a timed round. In the last pass a math case's
            // contenders also leave their inputs and outputs for the accuracy check.
            let accuracy = pass == passes - 1 && peer != nil && id.family == .math ? accuracyDirectory(for: id) : nil
            for contender in contenders {
                let outcome = contender.prepare(cpu: cpu(of: contender), accuracy: accuracy)
                if outcome.status != .ok { gathered[index][contender.name] = outcome }
            }
            let roundSettings = settings.perRound
            let cooldown = id.family == .matmul || id.family == .linalg ? blasPoolCooldown : 0
            for round in rounds {
                // Rotating who goes first spreads any cost of following another contender
                // (caches, spinning thread pools) over all of them.
                let order = contenders.indices.map { contenders[($0 + round) % contenders.count] }
                for contender in order {
                    if let previous = gathered[index][contender.name], previous.status != .ok { continue }
                    var outcome = contender.round(roundSettings, cpu: cpu(of: contender))
                    if outcome.status == .ok, let previous = gathered[index][contender.name] {
                        outcome.samples = previous.samples + outcome.samples
                        outcome.rounds = (previous.rounds ?? []) + [outcome.samples.count - previous.samples.count]
                    } else if outcome.status == .ok {
                        outcome.rounds = [outcome.samples.count]
                    }
                    gathered[index][contender.name] = outcome
                    if cooldown > 0 { usleep(UInt32(cooldown * 1e6)) }
                }
            }
            contenders.removeAll()  // ends this case's workers
            if let accuracy, let peer {
                let answer = peer.accuracy(id, directory: accuracy)
                for (name, ulp) in answer.exactULPs ?? [:] {
                    if name == "numpy" { output.numpyExactULP[id.description] = ulp; continue }
                    gathered[index][name]?.exactULP = ulp
                    // A loop's claimed bound must hold on the benchmark's inputs too.
                    if let outcome = gathered[index][name], outcome.status == .ok, let claimed = outcome.claimedULP, ulp > claimed + 1e-3 {
                        gathered[index][name]?.status = .mismatch
                        gathered[index][name]?.message = "\(id) [\(name)]: \(Format.format3(ulp)) ULP from the correctly rounded result, above the loop's claimed \(Format.format3(claimed)) ULP"
                    }
                }
                if answer.status != .ok { printError("\nwarning: \(id): no accuracy figures: \(answer.message ?? "")") }
                try? FileManager.default.removeItem(at: accuracy)
            }
            if pass == passes - 1 {
                progress.step(report(id, gathered[index], options: options, hasPeer: peer != nil, into: &output))
            } else {
                progress.step("pass \(pass + 1)/\(passes) \(id)")
            }
            if let current = peer, !current.isRunning {
                // The peer died (a crash in NumPy on this case): the next case gets a new one.
                current.stop()
                switch NumPyPeer.start() {
                case .success(let started): peer = started
                case .failure(let error): peer = nil; output.numpyMissing = error.description
                }
            }
        }
    }
    progress.finish()
    return output
}

/// A fresh directory for one case's accuracy files, under the temporary directory.
private func accuracyDirectory(for id: CaseID) -> URL? {
    let name = "tessera-bench-accuracy-\(getpid())-" + id.description.replacingOccurrences(of: "/", with: "_")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: url)
    return (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)) != nil ? url : nil
}

/// Files a case's gathered outcomes into `output` and returns its progress line.
private func report(_ id: CaseID, _ gathered: [String: CaseOutcome], options: RunOptions, hasPeer: Bool,
                    into output: inout RunOutput) -> String {
    var label = "\(id):"
    for name in options.configurations + (hasPeer ? ["numpy"] : []) {
        guard let outcome = gathered[name] else { continue }
        switch outcome.status {
        case .ok: label += " \(name) \(Format.duration(Statistics.median(outcome.samples)))"
        case .unavailable: label += " \(name) unavailable"
        case .mismatch, .error:
            label += " \(name) \(outcome.status.rawValue.uppercased())"
            printError("\n\(outcome.status == .mismatch ? "MISMATCH" : "ERROR") \(id) [\(name)]: \(outcome.message ?? "")")
        }
        if name == "numpy" {
            if let result = outcome.result { output.peerResults.append(result) } else { output.peerOutcomes.append(outcome) }
        } else {
            output.outcomes.append(outcome)
        }
    }
    return label
}

/// A child process that answers each JSON line on its stdin with one JSON line on its
/// stdout: `bench worker` and the NumPy peer in `--serve` mode. Its stderr is kept for
/// error messages.
final class LineChannel {
    private let process = Process()
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()
    private let errors = LockedData()
    private let errorsRead = DispatchGroup()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.setCommand(arguments)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        // Drained concurrently so that a chatty child never blocks on a full pipe.
        let errors = self.errors
        DispatchQueue.global().async(group: errorsRead) { errors.append(stderr.fileHandleForReading.readDataToEndOfFile()) }
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `request` as one line and decodes the line that answers it.
    /// - Throws: when the child has exited or answers something else than `T`.
    func request<T: Decodable>(_ request: some Encodable, as type: T.Type) throws -> T {
        let line = try JSONEncoder().encode(request) + Data("\n".utf8)
        do { try input.write(contentsOf: line) } catch { throw BenchmarkError("it exited before reading the request") }
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                do {
                    return try JSONDecoder().decode(T.self, from: Data(line))
                } catch {
                    throw BenchmarkError("unexpected answer `\(String(decoding: line.prefix(200), as: UTF8.self))`: \(error)")
                }
            }
            let chunk = output.availableData
            if chunk.isEmpty { throw BenchmarkError("it exited before answering") }
            buffer.append(chunk)
        }
    }

    /// Closes the child's stdin (its signal to exit), waits for it, and describes how it
    /// ended: exit status and the last lines of its stderr.
    @discardableResult
    func finish() -> String {
        try? input.close()
        process.waitUntilExit()
        errorsRead.wait()
        let tail = String(decoding: errors.data, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
        let end = process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
        return end + (tail.isEmpty ? "" : ": \(tail)")
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    func append(_ data: Data) { lock.withLock { storage.append(data) } }
    var data: Data { lock.withLock { storage } }
}

/// The NumPy peer: `Benchmarks/peers/numpy_peer.py --serve`, started once per run and
/// kept warm; each request times one round of one case (`RoundRequest`) and is answered
/// with a `CaseOutcome` whose backend is `numpy`.
final class NumPyPeer {
    static let installHint = "NumPy missing: pip install numpy"

    private let channel: LineChannel
    private var failure: String?

    private init(channel: LineChannel) { self.channel = channel }

    static func script() -> URL {
        BenchEnvironment.packageRoot().appendingPathComponent("Benchmarks/peers/numpy_peer.py")
    }

    static func start() -> Result<NumPyPeer, BenchmarkError> {
        guard (try? Shell.run(["python3", "-c", "import numpy"]))?.status == 0 else { return .failure(BenchmarkError(installHint)) }
        let path = script()
        guard FileManager.default.fileExists(atPath: path.path) else { return .failure(BenchmarkError("peer script \(path.path) not found")) }
        do {
            return .success(NumPyPeer(channel: try LineChannel(["python3", path.path, "--serve"])))
        } catch {
            return .failure(BenchmarkError("cannot start the NumPy peer: \(error)"))
        }
    }

    var isRunning: Bool { failure == nil && channel.isRunning }

    func stop() { channel.finish() }

    fileprivate func contender(for id: CaseID) -> Contender { PeerContender(peer: self, id: id) }

    /// Asks the peer to measure the outputs left in `directory` and NumPy's own against a
    /// correctly rounded reference on the inputs there.
    fileprivate func accuracy(_ id: CaseID, directory: URL) -> CaseOutcome {
        if let failure { return CaseOutcome(id: id.description, backend: "numpy", status: .error, message: failure) }
        do {
            return try channel.request(RoundRequest(case: id.description, settings: nil, accuracy: directory.path), as: CaseOutcome.self)
        } catch {
            failure = "NumPy peer \(channel.finish()) (\(error))"
            return CaseOutcome(id: id.description, backend: "numpy", status: .error, message: failure)
        }
    }

    fileprivate func round(_ id: CaseID, _ settings: MethodSettings?, cpu: Int?) -> CaseOutcome {
        if let failure { return CaseOutcome(id: id.description, backend: "numpy", status: .error, message: failure) }
        do {
            return try channel.request(RoundRequest(case: id.description, settings: settings, cpu: cpu), as: CaseOutcome.self)
        } catch {
            failure = "NumPy peer \(channel.finish()) (\(error))"
            return CaseOutcome(id: id.description, backend: "numpy", status: .error, message: failure)
        }
    }
}

private final class PeerContender: Contender {
    let peer: NumPyPeer
    let id: CaseID
    var name: String { "numpy" }
    init(peer: NumPyPeer, id: CaseID) {
        self.peer = peer
        self.id = id
    }
    func prepare(cpu: Int?, accuracy: URL?) -> CaseOutcome { peer.round(id, nil, cpu: cpu) }
    func round(_ settings: MethodSettings, cpu: Int?) -> CaseOutcome { peer.round(id, settings, cpu: cpu) }
}
