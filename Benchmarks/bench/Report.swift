import BenchmarkKit
import Foundation
import Tessera

/// `results/REPORT.md` and its SVG charts.
enum ReportWriter {
    static func write(output: RunOutput, file: ResultFile, configurations: [String], resultsDirectory: URL) throws {
        let tables = ResultTables(results: file.cases, configurations: configurations, notes: output.notes, numpyMissing: output.numpyMissing)
        var md = "# Tessera benchmark report\n\n"
        let machine = file.machine
        md += "Version \(file.version), commit `\(file.commit)`, \(file.date), machine `\(machine.displayID)` (\(machine.cpu ?? "unknown CPU"), \(machine.cores.map(String.init) ?? "?") cores, \(machine.os ?? "unknown OS")).\n"
        md += "Configurations: \(configurations.joined(separator: ", "))\(output.numpyMissing == nil ? ", numpy" : " (\(output.numpyMissing!))"). "
        md += "Raw data: [`\(file.version)/\(machine.displayID).json`](\(file.version)/\(machine.displayID).json). Regenerate with `swift run -c release bench`.\n\n"
        md += "## Results\n\n" + tables.renderMarkdown() + "\n"
        let notes = tables.renderNotes()
        if !notes.isEmpty { md += "\nCases that did not run:\n\n\(notes)\n" }

        md += "\n## Speed-up charts\n\n"
        for (family, _) in tables.tables() {
            let ids = tables.caseIDs.filter { $0.family == family }.map(\.description)
            let series = (configurations.filter { $0 != "scalar" }) + ["numpy"]
            let name = "speedup-\(slug(family.description)).svg"
            let svg = SVGChart.speedupBars(title: "\(family): speed-up against scalar", cases: ids, series: series) { tables.speedup($0, $1, over: "scalar") }
            try svg.write(to: resultsDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            md += "![\(family)](\(name))\n\n"
        }

        md += "## Across versions\n\n"
        let history = ResultHistory.load(resultsDirectory: resultsDirectory, machine: machine.displayID)
        for problem in history.unreadable { printError("warning: the charts across versions leave out \(problem)") }
        let reference = configurations.last ?? "scalar"
        for family in CaseID.Family.allCases {
            let keys = history.keys.filter { $0.backend == reference && CaseID(parsing: $0.id)?.family == family }.sorted { $0.id < $1.id }
            guard !keys.isEmpty else { continue }
            let name = "history-\(slug(family.description)).svg"
            let svg = SVGChart.history(title: "\(family) [\(reference)] across versions", versions: history.versions,
                                       series: keys.map { key in (key.id, history.versions.map { history.median(key, $0) }) })
            try svg.write(to: resultsDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            md += "![\(family) history](\(name))\n\n"
        }

        md += "## Accuracy\n\nThe loop each configuration used, the error bound it claims (`InnerLoop.maxULPError`; exact = correctly rounded), "
        md += "the largest difference from the scalar configuration measured on the benchmark inputs, and for the math functions "
        md += "the largest error against a correctly rounded reference on those inputs, NumPy's own on the same inputs in its rows "
        md += "(`Benchmarks/peers/numpy_peer_accuracy.py`; float32 against float64, float64 against long double).\n\n"
        md += accuracyTable(output.outcomes, numpy: output.numpyExactULP).renderMarkdown() + "\n"
        md += "\n## Runtime\n\n```\n\(Backends.runtimeReport())\n```\n"
        md += "\n## Method\n\nEach case is timed in rounds; in every round each configuration and NumPy take a turn (warm-up, then samples until the round's share of the time and sample count; each sample repeats tiny calls to last about a millisecond). "
        md += "Medians are reported; every sample is in the JSON. `×np` is the median of the per-round speed-ups against NumPy, with their interquartile range in brackets. Inputs are seeded random data away from zero. "
        md += "Before timing, each configuration's output is checked against the scalar configuration's. See `Benchmarks/README.md`.\n"
        try md.write(to: resultsDirectory.appendingPathComponent("REPORT.md"), atomically: true, encoding: .utf8)
    }

    /// One row per ufunc/dtype and configuration (the largest figures over its cases), and
    /// for the math cases the peer measured, one row for NumPy.
    static func accuracyTable(_ outcomes: [CaseOutcome], numpy: [String: Double] = [:]) -> TextTable {
        struct Key: Hashable { var op: String; var configuration: String }
        var rows: [Key: (loop: String, claimed: Double?, measured: Double?, exact: Double?, tolerance: String)] = [:]
        func larger(_ a: Double?, _ b: Double?) -> Double? { a.map { a in b.map { max(a, $0) } ?? a } ?? b }
        for o in outcomes where o.status == .ok {
            guard let id = CaseID(parsing: o.id), let backend = o.loopBackend else { continue }
            let key = Key(op: "\(id.op)/\(id.dtype)", configuration: o.backend)
            let measured = max(rows[key]?.measured ?? 0, o.measuredULP ?? 0)
            rows[key] = ("\(backend) (\(o.instructionSet ?? "?"))", o.claimedULP, measured, larger(rows[key]?.exact, o.exactULP), o.tolerance ?? "")
        }
        for (caseID, ulp) in numpy {
            guard let id = CaseID(parsing: caseID) else { continue }
            let key = Key(op: "\(id.op)/\(id.dtype)", configuration: "numpy")
            rows[key] = ("numpy", nil, nil, larger(rows[key]?.exact, ulp), "")
        }
        let format: (Double?) -> String = { $0.map { "\(Format.format3($0)) ULP" } ?? "" }
        var table = TextTable(header: ["ufunc/dtype", "configuration", "loop", "claimed", "measured vs scalar", "vs correctly rounded", "check"])
        for (key, row) in rows.sorted(by: { ($0.key.op, $0.key.configuration) < ($1.key.op, $1.key.configuration) }) {
            let claimed = key.configuration == "numpy" ? "" : row.claimed.map { "≤ \(Format.format3($0)) ULP" } ?? "exact"
            table.add([key.op, key.configuration, row.loop, claimed, format(row.measured), format(row.exact), row.tolerance])
        }
        return table
    }

    static func slug(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
    }
}
