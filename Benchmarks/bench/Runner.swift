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
}

struct RunOutput {
    var outcomes: [CaseOutcome] = []
    var peerResults: [CaseResult] = []
    var numpyMissing: String?

    var results: [CaseResult] { outcomes.compactMap(\.result) + peerResults }
    var mismatches: [CaseOutcome] { outcomes.filter { $0.status == .mismatch } }
    var errors: [CaseOutcome] { outcomes.filter { $0.status == .error } }
    var notes: [String: String] {
        var notes: [String: String] = [:]
        for o in outcomes where o.status != .ok { notes["\(o.id) [\(o.backend)]"] = "\(o.status.rawValue): \(o.message ?? "")" }
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

/// Runs every case under every configuration, interleaving configurations case by case.
func runBenchmarks(_ options: RunOptions) throws -> RunOutput {
    var output = RunOutput()
    var progress = Progress(total: options.cases.count * options.configurations.count)
    let settingsJSON = String(decoding: try JSONEncoder().encode(options.settings), as: UTF8.self)
    for id in options.cases {
        for configuration in options.configurations {
            let outcome: CaseOutcome
            switch options.isolation {
            case .inProcess:
                outcome = runCase(id, configuration: configuration, settings: options.settings)
            case .process:
                outcome = runWorker(id, configuration: configuration, settingsJSON: settingsJSON)
            }
            var label = "\(id) [\(configuration)]"
            switch outcome.status {
            case .ok: label += " \(Format.duration(Statistics.median(outcome.samples)))"
            case .unavailable: label += " unavailable"
            case .mismatch, .error: label += " \(outcome.status.rawValue.uppercased()): \(outcome.message ?? "")"
            }
            progress.step(label)
            if outcome.status == .mismatch || outcome.status == .error {
                printError("\n\(outcome.status == .mismatch ? "MISMATCH" : "ERROR") \(id) [\(configuration)]: \(outcome.message ?? "")")
            }
            output.outcomes.append(outcome)
        }
    }
    progress.finish()
    if options.peer {
        switch NumPyPeer.run(options.cases, settings: options.settings) {
        case .success(let results): output.peerResults = results
        case .failure(let error): output.numpyMissing = error.description
        }
    }
    return output
}

/// Runs one case in a child process of this executable with `TESSERA_BACKEND` set.
func runWorker(_ id: CaseID, configuration: String, settingsJSON: String) -> CaseOutcome {
    let arguments = [BenchEnvironment.executable().path, "worker", "--configuration", configuration, "--settings", settingsJSON, id.description]
    do {
        let result = try Shell.run(arguments, environment: ["TESSERA_BACKEND": backendSpecification(configuration)])
        if result.status == 0, let outcome = try? JSONDecoder().decode(CaseOutcome.self, from: Data(result.stdout.utf8)) {
            return outcome
        }
        let tail = result.stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
        return CaseOutcome(id: id.description, backend: configuration, status: .error, message: "worker exited with status \(result.status): \(tail)")
    } catch {
        return CaseOutcome(id: id.description, backend: configuration, status: .error, message: "cannot start worker: \(error)")
    }
}

/// The NumPy peer: `Benchmarks/peers/numpy_peer.py` gets the case ids and the method on
/// stdin as JSON and prints a schema-1 result file whose cases carry `"backend": "numpy"`.
enum NumPyPeer {
    static let installHint = "NumPy missing: pip install numpy"

    static func script() -> URL {
        BenchEnvironment.packageRoot().appendingPathComponent("Benchmarks/peers/numpy_peer.py")
    }

    static func run(_ cases: [CaseID], settings: MethodSettings) -> Result<[CaseResult], BenchmarkError> {
        guard (try? Shell.run(["python3", "-c", "import numpy"]))?.status == 0 else { return .failure(BenchmarkError(installHint)) }
        let path = script()
        guard FileManager.default.fileExists(atPath: path.path) else { return .failure(BenchmarkError("peer script \(path.path) not found")) }
        struct Request: Encodable {
            var cases: [String]
            var settings: MethodSettings
        }
        do {
            let input = try JSONEncoder().encode(Request(cases: cases.map(\.description), settings: settings))
            FileHandle.standardError.write(Data("running \(cases.count) cases in NumPy…\n".utf8))
            let result = try Shell.run(["python3", path.path], input: input, passStderr: true)
            guard result.status == 0 else { return .failure(BenchmarkError("NumPy peer failed with status \(result.status)")) }
            let file = try JSONDecoder().decode(ResultFile.self, from: Data(result.stdout.utf8))
            return .success(file.cases)
        } catch {
            return .failure(BenchmarkError("NumPy peer: \(error)"))
        }
    }
}
