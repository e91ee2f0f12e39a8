import Testing
import Tessera
import _TesseraTestSupport

/// SPEC section 5.1's sorting, searching and statistics lines, as written, through the
/// umbrella module (so with every available backend installed), checked against NumPy.
@Suite struct SortingSpellingTests {
    @Test func specSpellingsCompileAndAgreeWithNumPy() throws {
        let a = NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2])
        let sortedArray = NDArray([1.0, 2.0, 2.0, 5.0])
        let batch = NumPyBatch()
        var checks: [(String, NDArray, Int)] = []
        func check(_ label: String, _ result: NDArray, _ expression: String, _ inputs: [NDArray]) {
            checks.append((label, result, batch.add(expression, inputs)))
        }
        do {
            let values = NDArray([2.0, 0.5, 9.0])
            // Sorting and searching (np.sort, argsort, partition, searchsorted, unique*)
            let srt = a.sorted(axis: -1)                  // kind: .quicksort (default), .stable
            let idx = a.argsort(axis: -1, kind: .stable)
            let pt = a.partitioned(kth: 1, axis: -1);  let pi = a.argpartition(kth: 1, axis: -1)
            let ss = searchsorted(sortedArray, values, side: .left)
            let u = unique(a)                             // sorted, flattened
            check("sorted", srt, "np.sort(x0, axis=-1)", [a])
            check("argsort", idx, "np.argsort(x0, axis=-1, kind='stable')", [a])
            check("partitioned", pt, "np.partition(x0, 1, axis=-1)", [a])
            check("argpartition", pi, "np.argpartition(x0, 1, axis=-1)", [a])
            check("searchsorted", ss, "np.searchsorted(x0, x1, side='left')", [sortedArray, values])
            check("unique", u, "np.unique(x0)", [a])
        }
        do {
            let (values, counts) = uniqueCounts(a)        // also uniqueInverse, uniqueAll (NumPy 2.0)
            check("uniqueCounts values", values, "np.unique_counts(x0).values", [a])
            check("uniqueCounts counts", counts, "np.unique_counts(x0).counts", [a])
        }
        // Order statistics and NaN-aware reductions
        let med = median(a, axis: 0);  let pc = percentile(a, 90, axis: 0)      // method: .linear default
        let q = quantile(a, NDArray([0.25, 0.75]), axis: 0)
        let ns = nansum(a, axis: 0);  let nm = nanmean(a, axis: 0)             // nanmax, nanargmin, ...
        let (hist, edges) = histogram(a, bins: 10);  let bc = bincount(NDArray([0, 1, 1] as [Int64]))
        let df = diff(a, axis: -1);  let cv = cov(a);  let cc = corrcoef(a)
        check("median", med, "np.median(x0, axis=0)", [a])
        check("percentile", pc, "np.percentile(x0, 90, axis=0)", [a])
        check("quantile", q, "np.quantile(x0, [0.25, 0.75], axis=0)", [a])
        check("nansum", ns, "np.nansum(x0, axis=0)", [a])
        check("nanmean", nm, "np.nanmean(x0, axis=0)", [a])
        check("histogram counts", hist, "np.histogram(x0, bins=10)[0]", [a])
        check("histogram edges", edges, "np.histogram(x0, bins=10)[1]", [a])
        check("bincount", bc, "np.bincount(np.array([0, 1, 1]))", [])
        check("diff", df, "np.diff(x0, axis=-1)", [a])
        check("cov", cv, "np.cov(x0)", [a])
        check("corrcoef", cc, "np.corrcoef(x0)", [a])
        let expected = try batch.run()
        for (label, result, index) in checks {
            let difference = differenceFromNumPy(result, expected[index][0])
            #expect(difference == nil, "\(label): \(difference ?? "")")
        }
    }
}
