import ArgumentParser
import BenchmarkKit
import Tessera

extension Bench {
    /// Calls one case a fixed number of times and nothing else, so that an instruction
    /// counter sees only the call: `valgrind --tool=callgrind` of two runs with different
    /// `--calls` gives instructions per call by difference (see `ci/callgrind-calls.sh`).
    struct Calls: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call one case N times (for instruction counts under callgrind).",
            discussion: "Example:\n  valgrind --tool=callgrind bench calls add/float64/contiguous/8 --calls 10000"
        )

        @Argument(help: "The case id, e.g. add/float64/contiguous/8.")
        var caseID: String

        @Option(help: "How many calls.")
        var calls = 10_000

        @Option(help: "The configuration: one backend, several joined by '+', or 'all'.")
        var configuration = "all"

        func run() throws {
            guard let id = CaseID(parsing: caseID) else { throw ValidationError("bad case id \(caseID)") }
            registerBundledBackends()
            let workload = try Workload(id)
            // As the harness times: under the process configuration, not a scope.
            try Backends.use(backendSpecification(configuration))
            var sink = try workload.call()  // first call: resolution, caches
            for _ in 0..<calls { sink &+= try workload.call() }
            if sink == 1 { print("") }  // keeps the results observable
        }
    }
}
