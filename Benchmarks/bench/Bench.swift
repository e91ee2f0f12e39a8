import ArgumentParser
import BenchmarkKit
import Foundation
import Tessera

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Tessera's benchmark harness: backends against each other and NumPy, and versions against each other.",
        discussion: """
        Without a subcommand, runs the standard suite under every available configuration
        (scalar, each accelerated backend alone, all) and NumPy, prints a table per family and
        writes results/<version>/<machine>.json, results/REPORT.md and SVG charts.

        Examples:
          swift run -c release bench
          swift run -c release bench run --quick --filter '^add/'
          swift run -c release bench compare results/0.1.0/a.json new.json
        """,
        version: TesseraVersion,
        subcommands: [Suite.self, Run.self, Compare.self, Continuous.self, History.self, Describe.self, Calls.self, Worker.self],
        defaultSubcommand: Suite.self
    )
}

/// Options shared by the commands that run cases.
struct CaseSelection: ParsableArguments {
    @Option(name: .long, help: "Configurations to compare, comma-separated; one backend, several joined by '+', or 'all'. Default: scalar, each available accelerated backend, all.")
    var backends: String?

    @Option(name: .long, help: "Only case ids matching this regular expression, e.g. '^exp/' or 'float32/.*/1000000$'.")
    var filter: String?

    @Flag(name: .long, help: "A smaller suite with shorter sampling, in three passes: about four minutes on 2 cores.")
    var quick = false

    @Option(name: .long, help: "Where cases run: 'process' (a child per case and configuration, default) or 'in-process'.")
    var isolation: String = Isolation.process.rawValue

    @Flag(name: .long, help: "Do not pin single-threaded turns (workers and the NumPy peer) to one shared CPU.")
    var noPinning = false

    @Option(name: .long, help: "Spread each case's rounds over this many passes through the suite, so that a case meets the machine at several moments (default: 3 with --quick, 1 otherwise).")
    var passes: Int?

    @Option(name: .long, help: "What a sample measures: 'wall' (elapsed time, default) or 'thread-cpu' (the timing thread's CPU time, for a shared machine; single-threaded contenders only).")
    var clock: String = SampleClock.wall.rawValue

    func options(peer: Bool) throws -> RunOptions {
        var cases = quick ? StandardSuite.quick : StandardSuite.cases
        if let filter {
            let regex: Regex<AnyRegexOutput>
            do { regex = try Regex(filter) } catch { throw BenchmarkError("--filter '\(filter)' is not a regular expression: \(error)") }
            cases = cases.filter { $0.description.contains(regex) }
            if cases.isEmpty { throw BenchmarkError("--filter '\(filter)' matches no case id; `bench run --format json` lists ids") }
        }
        guard let isolation = Isolation(rawValue: isolation) else { throw BenchmarkError("--isolation must be process or in-process") }
        let configurations = try backends.map(Configurations.parse) ?? Configurations.standard()
        var settings: MethodSettings = quick ? .quick : .full
        if let passes {
            guard passes >= 1 else { throw BenchmarkError("--passes must be at least 1, got \(passes)") }
            settings.passes = passes
        }
        guard let clock = SampleClock(rawValue: clock) else { throw BenchmarkError("--clock must be wall or thread-cpu, got '\(clock)'") }
        settings.clock = clock
        if clock == .threadCPU {
            // CPU time of the calling thread leaves out the other threads' work, so a
            // threaded contender would look faster than it is.
            if let threaded = configurations.first(where: { !CPUPinning.isSingleThreaded(configuration: $0) }) {
                throw BenchmarkError("--clock thread-cpu times only the calling thread, but '\(threaded)' computes on several; use single-threaded configurations (e.g. --backends scalar,simd) or --clock wall")
            }
            if peer, let threaded = cases.first(where: { !CPUPinning.peerIsSingleThreaded($0.family) }) {
                throw BenchmarkError("--clock thread-cpu times only the calling thread, but NumPy runs '\(threaded)' on its OpenBLAS threads; exclude matmul and linalg cases with --filter or use --clock wall")
            }
        }
        return RunOptions(cases: cases, configurations: configurations, settings: settings, isolation: isolation, peer: peer, pinning: !noPinning)
    }
}

/// Exits 3 when an output disagreed with scalar, 1 when a case failed otherwise.
func exitStatus(for output: RunOutput) -> ExitCode? {
    if !output.mismatches.isEmpty {
        printError("FAILED: \(output.mismatches.count) case(s) disagree with the scalar reference: " + output.mismatches.map { "\($0.id) [\($0.backend)]" }.joined(separator: ", "))
        return ExitCode(3)
    }
    if !output.errors.isEmpty {
        printError("FAILED: \(output.errors.count) case(s) could not run: " + output.errors.map { "\($0.id) [\($0.backend)]" }.joined(separator: ", "))
        return ExitCode(1)
    }
    return nil
}

func withUserErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as BenchmarkError {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

extension Bench {
    struct Suite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the standard suite under every configuration and NumPy; write the JSON, REPORT.md and charts (the default).",
            discussion: "Example:\n  swift run -c release bench suite --isolation process"
        )
        @OptionGroup var selection: CaseSelection
        @Flag(name: .long, help: "Skip the NumPy peer.")
        var noPeer = false

        func run() throws {
            try withUserErrors {
                let options = try selection.options(peer: !noPeer)
                let root = BenchEnvironment.packageRoot()
                let output = try runBenchmarks(options)
                let file = output.resultFile(root: root)
                let tables = ResultTables(results: file.cases, configurations: options.configurations, notes: output.notes, numpyMissing: output.numpyMissing)
                print(tables.renderText())
                let results = root.appendingPathComponent("results")
                let path = results.appendingPathComponent("\(file.version)/\(file.machine.displayID).json")
                try file.write(to: path)
                try ReportWriter.write(output: output, file: file, configurations: options.configurations, resultsDirectory: results)
                print("wrote \(path.path), \(results.path)/REPORT.md and charts")
                if let status = exitStatus(for: output) { throw status }
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a chosen part of the suite.",
            discussion: """
            Exit status: 0 ok, 3 an output disagreed with the scalar reference, 1 error.
            Example:
              bench run --backends scalar,sleef+openmp --filter '^(exp|sin)/float32' --peer numpy --format markdown
            """
        )
        @OptionGroup var selection: CaseSelection
        @Option(name: .long, help: "Add a peer column: numpy.")
        var peer: String?
        @Option(name: .long, help: "Also write the results as schema-1 JSON to this file.")
        var output: String?
        @Option(name: .long, help: "text, markdown or json (the result file on stdout).")
        var format: String = "text"

        func run() throws {
            try withUserErrors {
                guard ["text", "markdown", "json"].contains(format) else { throw BenchmarkError("--format must be text, markdown or json") }
                if let peer, peer != "numpy" { throw BenchmarkError("--peer: the only peer is numpy") }
                let options = try selection.options(peer: peer == "numpy")
                let result = try runBenchmarks(options)
                var file = result.resultFile(root: BenchEnvironment.packageRoot())
                // Times of another clock are not comparable with wall-clock files: say so in
                // the file (`machine` is schema 1's free-form part).
                if options.settings.clock != .wall { file.machine.other["clock"] = .string(options.settings.clock.rawValue) }
                if let output { try file.write(to: URL(fileURLWithPath: output)) }
                let tables = ResultTables(results: file.cases, configurations: options.configurations, notes: result.notes, numpyMissing: result.numpyMissing)
                switch format {
                case "json": print(String(decoding: try file.encoded(), as: UTF8.self))
                case "markdown":
                    print(tables.renderMarkdown())
                    if !result.numpyExactULP.isEmpty {
                        print("### Accuracy\n\n" + ReportWriter.accuracyTable(result.outcomes, numpy: result.numpyExactULP).renderMarkdown())
                    }
                default:
                    print(tables.renderText())
                    if !result.numpyExactULP.isEmpty {
                        print("accuracy:\n" + ReportWriter.accuracyTable(result.outcomes, numpy: result.numpyExactULP).render())
                    }
                    if options.settings.clock == .threadCPU { print("times: CPU time of the timing thread (--clock thread-cpu), not elapsed time") }
                    let notes = tables.renderNotes()
                    if !notes.isEmpty { print("Not run:\n\(notes)") }
                }
                if let status = exitStatus(for: result) { throw status }
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two result files: ratio of medians per case, significant only if Mann–Whitney U p < 0.01.",
            discussion: """
            Exit status: 0 no regression, 2 at least one significant regression beyond the factor, 1 error.
            Example:
              bench compare results/0.1.0/xeon-2c.json new.json --factor 1.05
            """
        )
        @Argument(help: "The baseline result file.") var base: String
        @Argument(help: "The result file to judge.") var new: String
        @Option(name: .long, help: "A case regresses when new/base exceeds this ratio (and is significant).")
        var factor: Double = 1.10
        @Flag(name: .long, help: "List unchanged cases too.")
        var all = false

        func run() throws {
            let comparison = try withUserErrors {
                try Comparison.files(base: URL(fileURLWithPath: base), new: URL(fileURLWithPath: new), factor: factor)
            }
            for warning in comparison.warnings { printError("warning: \(warning)") }
            print(comparison.render(showAll: all))
            if comparison.exitCode != 0 { throw ExitCode(comparison.exitCode) }
        }
    }

    struct Continuous: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build GIT-REF's own harness in a scratch worktree, run both interleaved, and compare as `compare` does.",
            discussion: """
            The two versions exchange only schema-1 JSON (`bench run --format json --output`).
            Exit status: 0 no regression, 2 regression, 1 error.
            Example:
              bench continuous HEAD~3 --quick --filter '^add/'
            """
        )
        @Argument(help: "The baseline revision (anything git rev-parse accepts).") var ref: String
        @Option(name: .long, help: "Regression factor.") var factor: Double = 1.10
        @Option(name: .long, help: "Rounds; each round runs both versions, in alternating order.") var rounds: Int = 2
        @Option(name: .long, help: "Case id regex passed to both versions.") var filter: String?
        @Option(name: .long, help: "Configurations passed to both versions.") var backends: String?
        @Flag(name: .long, help: "Quick suite in both versions.") var quick = false

        func run() throws {
            let comparison = try withUserErrors {
                try ContinuousRun(ref: ref, rounds: rounds, filter: filter, backends: backends, quick: quick).compare(factor: factor)
            }
            print(comparison.render())
            if comparison.exitCode != 0 { throw ExitCode(comparison.exitCode) }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each case across the versions stored in results/.",
            discussion: "Example:\n  bench history --filter '^exp/' --backend all"
        )
        @Option(name: .long, help: "Case id regex.") var filter: String?
        @Option(name: .long, help: "Only this configuration.") var backend: String?
        @Flag(name: .long, help: "Include every machine, not only this one.") var allMachines = false

        func run() throws {
            try withUserErrors {
                let results = BenchEnvironment.packageRoot().appendingPathComponent("results")
                let history = ResultHistory.load(resultsDirectory: results, machine: allMachines ? nil : BenchEnvironment.machine().displayID)
                for problem in history.unreadable { printError("warning: skipped \(problem)") }
                guard !history.versions.isEmpty else { throw BenchmarkError("no result files for this machine under \(results.path)/*/ (use --all-machines)") }
                let regex = try filter.map { try Regex($0) }
                var table = TextTable(header: ["case", "config"] + history.versions)
                for key in history.keys.sorted(by: { ($0.id, $0.backend) < ($1.id, $1.backend) }) {
                    if let regex, !key.id.contains(regex) { continue }
                    if let backend, key.backend != backend { continue }
                    table.add([key.id, key.backend] + history.versions.map { v in history.median(key, v).map(Format.duration) ?? "—" })
                }
                print(table.render())
            }
        }
    }

    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the runtime report: backends, libraries, instruction sets, threads.",
            discussion: "Example:\n  TESSERA_BACKEND=scalar bench describe"
        )
        func run() throws {
            do {
                try installBackendsFromEnvironment()
            } catch {
                FileHandle.standardError.write(Data("bench describe: \(error)\n".utf8))
                throw ExitCode(1)
            }
            print(Backends.runtimeReport())
            print("bench \(TesseraVersion), machine \(BenchEnvironment.machine().displayID)")
        }
    }

    /// Internal: a child of `bench run` for one configuration. Reads one `RoundRequest` per
    /// line on stdin and answers each with one `CaseOutcome` line on stdout: the first
    /// request for a case prepares and verifies it, and each request with settings times
    /// one round. Exits at the end of stdin.
    struct Worker: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Internal: times cases for `bench run` in a child process.", shouldDisplay: false)
        @Option var configuration: String

        func run() throws {
            var session: CaseSession?
            let everyCPU = CPUPinning.allowedCPUs()
            while let line = readLine() {
                guard !line.isEmpty else { continue }
                let request = try JSONDecoder().decode(RoundRequest.self, from: Data(line.utf8))
                guard let id = CaseID(parsing: request.case) else { throw ValidationError("bad case id \(request.case)") }
                CPUPinning.restrict(to: request.cpu.map { [$0] } ?? everyCPU)
                if session?.id != id { session = nil; session = CaseSession(id, configuration: configuration) }
                if let directory = request.accuracy { session!.writeAccuracyFiles(to: URL(fileURLWithPath: directory)) }
                let outcome = request.settings.map { session!.round($0) } ?? session!.outcome
                // Written straight to the pipe: `print` would buffer it, and the parent waits.
                FileHandle.standardOutput.write(try JSONEncoder().encode(outcome) + Data("\n".utf8))
            }
        }
    }
}

