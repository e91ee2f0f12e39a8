extension StandardSuite {
    /// Sorting, searching and order statistics. Layouts: `contiguous` (default kind),
    /// `stable` (`kind: .stable`), `axis0` (along the first axis of a square array).
    static let sortingCases: [CaseID] = {
        var c: [CaseID] = []
        for dtype in ["float64", "float32", "int64", "int32"] {
            for n in [1_000_000, 10_000_000] { c.append(CaseID("sort", dtype, "contiguous", n)) }
        }
        for dtype in ["float64", "int64"] { c.append(CaseID("argsort", dtype, "contiguous", 1_000_000)) }
        c.append(CaseID("argsort", "float64", "stable", 1_000_000))
        c.append(CaseID("unique", "int64", "contiguous", 1_000_000))
        c.append(CaseID("median", "float64", "contiguous", 10_000_000))
        c.append(CaseID("percentile", "float64", "axis0", 4_000_000))
        c.append(CaseID("histogram", "float64", "contiguous", 10_000_000))
        return c
    }()

    /// The `--quick` representatives of the family.
    static let sortingQuick: Set<CaseID> = [
        CaseID("sort", "float64", "contiguous", 1_000_000),
        CaseID("argsort", "int64", "contiguous", 1_000_000),
    ]
}
