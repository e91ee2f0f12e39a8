/// The comparison tables: one per family, rows = cases, columns = configurations and NumPy.
/// A cell holds the median time, the speed-up against scalar (`×sc`) and against NumPy
/// (`×np`, followed by the interquartile range of its per-round values when the case was
/// timed in rounds); speed-ups above 1 mean faster.
public struct ResultTables: Sendable {
    public var results: [CaseResult]
    /// Column order: configurations as run, then `numpy`.
    public var configurations: [String]
    /// `id [backend]` → why the case did not run there.
    public var notes: [String: String]
    /// Shown in every NumPy cell when the peer could not run (e.g. how to install NumPy).
    public var numpyMissing: String?

    public init(results: [CaseResult], configurations: [String], notes: [String: String] = [:], numpyMissing: String? = nil) {
        self.results = results
        self.configurations = configurations
        self.notes = notes
        self.numpyMissing = numpyMissing
    }

    var columns: [String] {
        let peer = numpyMissing != nil || results.contains { $0.backend == "numpy" }
        return configurations + (peer && !configurations.contains("numpy") ? ["numpy"] : [])
    }

    func median(_ id: String, _ backend: String) -> Double? {
        results.first { $0.id == id && $0.backend == backend }?.median_ns
    }

    /// Every case id in the results or notes, sorted by family and id.
    public var caseIDs: [CaseID] {
        var ids = Set(results.map(\.id))
        for key in notes.keys { if let id = key.split(separator: " ").first { ids.insert(String(id)) } }
        return ids.compactMap(CaseID.init(parsing:)).sorted()
    }

    func result(_ id: String, _ backend: String) -> CaseResult? {
        results.first { $0.id == id && $0.backend == backend }
    }

    /// How many times faster `backend` is than `reference` on case `id` (above 1 = faster):
    /// the median of the per-round speed-ups when both were timed in interleaved rounds,
    /// else the ratio of medians (``Statistics/roundRatio(_:over:)``).
    public func speedupEstimate(_ id: String, _ backend: String, over reference: String) -> Statistics.RoundRatio? {
        guard let b = result(id, backend), let r = result(id, reference) else { return nil }
        return Statistics.roundRatio(r, over: b)
    }

    public func speedup(_ id: String, _ backend: String, over reference: String) -> Double? {
        speedupEstimate(id, backend, over: reference)?.value
    }

    public func cell(_ id: String, _ backend: String) -> String {
        guard let m = median(id, backend) else {
            if backend == "numpy", let missing = numpyMissing { return missing }
            return "n/a"
        }
        var text = Format.duration(m)
        if backend != "scalar", let s = speedup(id, backend, over: "scalar") { text += " " + Format.ratio(s) + "sc" }
        if backend != "numpy", let s = speedupEstimate(id, backend, over: "numpy") {
            text += " " + Format.ratio(s.value) + "np"
            // Goals are stated against NumPy, so its ratio carries its spread across rounds.
            if let range = s.interquartile { text += " [" + Format.fixed(range.lowerBound, 2) + "–" + Format.fixed(range.upperBound, 2) + "]" }
        }
        return text
    }

    /// One table per family that has cases.
    public func tables() -> [(family: CaseID.Family, table: TextTable)] {
        let ids = caseIDs
        return CaseID.Family.allCases.compactMap { family in
            let rows = ids.filter { $0.family == family }
            guard !rows.isEmpty else { return nil }
            var table = TextTable(header: ["case"] + columns)
            for id in rows {
                table.add([id.description] + columns.map { cell(id.description, $0) })
            }
            return (family, table)
        }
    }

    public func renderText() -> String {
        tables().map { "\($0.family)\n\($0.table.render())" }.joined(separator: "\n\n")
            + "\n\ncells: median time per call, ×sc speed-up against scalar, ×np against NumPy (above 1 = faster) [interquartile range over rounds]; n/a = not available in this build\n"
    }

    public func renderMarkdown() -> String {
        tables().map { "### \($0.family)\n\n\($0.table.renderMarkdown())" }.joined(separator: "\n\n")
            + "\n\nCells: median time per call; `×sc` speed-up against the scalar configuration, `×np` against NumPy (above 1 = faster), with [the interquartile range of the per-round speed-ups]; n/a = not available in this build.\n"
    }

    /// Cases that did not run, with the reason, grouped by reason.
    public func renderNotes() -> String {
        var byReason: [String: [String]] = [:]
        for (key, reason) in notes { byReason[reason, default: []].append(key) }
        return byReason.sorted { $0.key < $1.key }.map { reason, keys in
            "- \(reason): \(keys.count) case\(keys.count == 1 ? "" : "s") (e.g. `\(keys.sorted()[0])`)"
        }.joined(separator: "\n")
    }
}
