import BenchmarkKit
import Foundation

/// `bench continuous`: the baseline's own harness, built from a scratch worktree, against
/// this one, run in alternating order; results pass only through schema-1 JSON files.
struct ContinuousRun {
    var ref: String
    var rounds: Int
    var filter: String?
    var backends: String?
    var quick: Bool

    func compare(factor: Double) throws -> Comparison {
        let root = BenchEnvironment.packageRoot()
        let revParse = try Shell.run(["git", "rev-parse", "--verify", "\(ref)^{commit}"], in: root)
        guard revParse.status == 0 else { throw BenchmarkError("git cannot resolve `\(ref)`: \(revParse.stderr)") }
        let commit = revParse.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-bench-continuous/\(commit)")
        if !FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Package.swift").path) {
            try? FileManager.default.removeItem(at: scratch)
            printError("checking out \(ref) (\(commit.prefix(12))) in \(scratch.path)")
            let add = try Shell.run(["git", "worktree", "add", "--detach", scratch.path, commit], in: root)
            guard add.status == 0 else { throw BenchmarkError("git worktree add failed: \(add.stderr)") }
        }
        printError("building the harness of \(ref) in release (this can take minutes the first time)")
        let build = try Shell.run(["swift", "build", "-c", "release", "--product", "bench"], in: scratch, passStderr: true)
        guard build.status == 0 else { throw BenchmarkError("building \(ref)'s harness failed; see the output above") }
        let baseBinary = scratch.appendingPathComponent(".build/release/bench")
        let newBinary = BenchEnvironment.executable()

        var arguments = ["run", "--format", "json"]
        if let filter { arguments += ["--filter", filter] }
        if let backends { arguments += ["--backends", backends] }
        if quick { arguments.append("--quick") }

        var base: [CaseResult] = [], new: [CaseResult] = []
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-bench-continuous/runs-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        for round in 0..<max(rounds, 1) {
            let order: [(String, URL, URL)] = [("base", baseBinary, scratch), ("new", newBinary, root)]
            for (label, binary, directory) in round % 2 == 0 ? order : order.reversed() {
                printError("round \(round + 1)/\(rounds): \(label) (\(label == "base" ? ref : "working tree"))")
                let file = work.appendingPathComponent("\(label)-\(round).json")
                let result = try Shell.run([binary.path] + arguments + ["--output", file.path], in: directory,
                                           environment: ["TESSERA_BENCH_ROOT": directory.path], passStderr: true)
                guard FileManager.default.fileExists(atPath: file.path) else {
                    throw BenchmarkError("the \(label) harness (\(binary.path)) wrote no result file (status \(result.status)); does that version support `bench run --format json --output`?")
                }
                let cases = try ResultFile.load(from: file).cases
                if label == "base" { base = merge(base, cases) } else { new = merge(new, cases) }
            }
        }
        return Comparison(base: base, new: new, factor: factor)
    }

    /// Pools the samples of each case and configuration across rounds.
    func merge(_ a: [CaseResult], _ b: [CaseResult]) -> [CaseResult] {
        var merged = a
        for c in b {
            if let i = merged.firstIndex(where: { $0.id == c.id && $0.backend == c.backend }) {
                merged[i] = CaseResult(id: c.id, backend: c.backend, elements: c.elements, bytes: c.bytes, samples: merged[i].samples_ns + c.samples_ns)
            } else {
                merged.append(c)
            }
        }
        return merged
    }
}
