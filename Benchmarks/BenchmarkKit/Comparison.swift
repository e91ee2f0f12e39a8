import Foundation

/// `bench compare`: per case and configuration, the ratio of medians new/base and whether
/// the difference is significant — a change counts only when it is beyond the factor *and*
/// the Mann–Whitney U test rejects "same distribution" at `alpha`, as `asv compare` does.
public struct Comparison: Sendable {
    public enum Verdict: String, Sendable {
        case regression = "slower"
        case improvement = "faster"
        /// Beyond the factor but not significant, or significant but within the factor.
        case unchanged = "same"
    }

    public struct Row: Sendable {
        public var id: String
        public var backend: String
        public var baseMedian: Double
        public var newMedian: Double
        /// new / base.
        public var ratio: Double
        public var p: Double
        public var verdict: Verdict
    }

    public var rows: [Row]
    /// `id [backend]` keys present only in the base file.
    public var onlyInBase: [String]
    /// `id [backend]` keys present only in the new file.
    public var onlyInNew: [String]
    public var factor: Double
    public var alpha: Double
    /// Things the user should know that do not stop the comparison (different machines).
    public var warnings: [String] = []

    public var regressions: [Row] { rows.filter { $0.verdict == .regression } }
    public var improvements: [Row] { rows.filter { $0.verdict == .improvement } }

    /// 0 when nothing regressed, 2 when at least one case regressed (1 is for errors,
    /// raised before a comparison exists).
    public var exitCode: Int32 { regressions.isEmpty ? 0 : 2 }

    public init(base: [CaseResult], new: [CaseResult], factor: Double = 1.10, alpha: Double = 0.01) {
        self.factor = factor
        self.alpha = alpha
        func key(_ c: CaseResult) -> String { "\(c.id) [\(c.backend)]" }
        let baseByKey = Dictionary(base.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newByKey = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        onlyInBase = baseByKey.keys.filter { newByKey[$0] == nil }.sorted()
        onlyInNew = newByKey.keys.filter { baseByKey[$0] == nil }.sorted()
        var rows: [Row] = []
        for (k, b) in baseByKey.sorted(by: { $0.key < $1.key }) {
            guard let n = newByKey[k] else { continue }
            let ratio = n.median_ns / b.median_ns
            let p = Statistics.mannWhitneyU(b.samples_ns, n.samples_ns).p
            let significant = p < alpha
            let verdict: Verdict
            if significant && ratio > factor {
                verdict = .regression
            } else if significant && ratio < 1 / factor {
                verdict = .improvement
            } else {
                verdict = .unchanged
            }
            rows.append(Row(id: b.id, backend: b.backend, baseMedian: b.median_ns, newMedian: n.median_ns, ratio: ratio, p: p, verdict: verdict))
        }
        self.rows = rows
    }

    /// Reads two result files and compares them, as `bench compare BASE NEW` does.
    /// - Throws: ``BenchmarkError`` when either file cannot be read (``ResultFile/load(from:)``).
    public static func files(base: URL, new: URL, factor: Double = 1.10, alpha: Double = 0.01) throws -> Comparison {
        let baseFile = try ResultFile.load(from: base)
        let newFile = try ResultFile.load(from: new)
        var comparison = Comparison(base: baseFile.cases, new: newFile.cases, factor: factor, alpha: alpha)
        if let a = baseFile.machine.id, let b = newFile.machine.id, !a.isEmpty, !b.isEmpty, a != b {
            comparison.warnings.append("different machines (\(a) vs \(b))")
        }
        return comparison
    }

    /// The text `bench compare` prints: changed cases first, then a summary.
    public func render(showAll: Bool = false) -> String {
        var lines: [String] = []
        let shown = showAll ? rows : rows.filter { $0.verdict != .unchanged }
        if !shown.isEmpty {
            var table = TextTable(header: ["", "case", "config", "base", "new", "ratio", "p"])
            for row in shown.sorted(by: { $0.ratio > $1.ratio }) {
                let mark = row.verdict == .regression ? "+" : row.verdict == .improvement ? "-" : " "
                table.add([mark, row.id, row.backend, Format.duration(row.baseMedian), Format.duration(row.newMedian),
                           Format.ratio(row.ratio), Format.pValue(row.p)])
            }
            lines.append(table.render())
        }
        if !onlyInBase.isEmpty {
            lines.append("Only in BASE (\(onlyInBase.count)):")
            lines += onlyInBase.map { "  \($0)" }
        }
        if !onlyInNew.isEmpty {
            lines.append("Only in NEW (\(onlyInNew.count)):")
            lines += onlyInNew.map { "  \($0)" }
        }
        let percent = Int(((factor - 1) * 100).rounded())
        lines.append("\(rows.count) cases compared: \(regressions.count) slower, \(improvements.count) faster (beyond \(percent)% and Mann–Whitney p < \(alpha)), \(rows.count - regressions.count - improvements.count) unchanged.")
        lines.append(regressions.isEmpty ? "No regression." : "REGRESSION in \(regressions.count) case\(regressions.count == 1 ? "" : "s").")
        return lines.joined(separator: "\n")
    }
}
