import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Sorting, partitioning, searching and the unique/set family against live NumPy, on
/// random dtypes, shapes, views and value mixes (NaN, ±inf, ±0, many duplicates).
///
/// Bitwise where NumPy's answer is determined: stable sorts, stable argsort indices,
/// searchsorted, lexsort, counts and indices. Where NumPy's unstable algorithm decides
/// (the sign of an equal zero, the order of equal elements' indices), the checks are that
/// the result is a correct sort/partition of the same elements, up to the sign of zero.
@Suite struct SortingTests {
    @Test func sortArgsortAndPartitionAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1601)
        var cases = OracleCases()
        try Backends.withRegistry(registry) {
            for n in 0..<500 {
                let dtype = inputs.dtype()
                let shape = inputs.shape()
                let x = inputs.array(dtype, shape)
                let axis = inputs.axis(x.ndim)
                let ax = pythonAxis(axis)
                let label = "#\(n) \(dtype) \(shape) strides \(x.strides) axis \(ax)"
                let stable = try NDArray.sort(x, axis: axis, kind: .stable)
                cases.expectBitwise("\(label) sort stable", stable, "np.sort(x0, axis=\(ax), kind='stable')", [x])
                let quick = try NDArray.sort(x, axis: axis, kind: .quicksort)
                cases.expectTrue("\(label) sort quicksort", "same(x1, np.sort(x0, axis=\(ax)))", [x, quick])
                let stableIndices = try NDArray.argsort(x, axis: axis, kind: .stable)
                cases.expectBitwise("\(label) argsort stable", stableIndices, "np.argsort(x0, axis=\(ax), kind='stable')", [x])
                let quickIndices = try NDArray.argsort(x, axis: axis, kind: .quicksort)
                cases.expectTrue("\(label) argsort quicksort", "argsort_ok(x0, x1, \(ax))", [x, quickIndices])
                let length = axis.map { x.shape[$0 < 0 ? $0 + x.ndim : $0] } ?? x.size
                if length > 0 {
                    var kth = [Int.random(in: -length..<length, using: &inputs.rng)]
                    if Bool.random(using: &inputs.rng) { kth.append(Int.random(in: 0..<length, using: &inputs.rng)) }
                    let kthText = "[" + kth.map(String.init).joined(separator: ",") + "]"
                    let p = try NDArray.partition(x, kth: kth, axis: axis)
                    cases.expectTrue("\(label) partition kth \(kth)", "segments_ok(x0, x1, \(kthText), \(ax))", [x, p])
                    let pi = try NDArray.argpartition(x, kth: kth, axis: axis)
                    cases.expectTrue("\(label) argpartition kth \(kth)", "argpartition_ok(x0, x1, \(kthText), \(ax))", [x, pi])
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    @Test func searchsortedAndLexsortAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1602)
        var cases = OracleCases()
        try Backends.withRegistry(registry) {
            for n in 0..<300 {
                let dtype = inputs.dtype()
                let a = inputs.array(dtype, [Int.random(in: 0...40, using: &inputs.rng)])
                let otherType = Bool.random(using: &inputs.rng) ? dtype : inputs.dtype()
                let v = inputs.array(otherType, inputs.shape(maxRank: 2))
                let side: SearchSide = Bool.random(using: &inputs.rng) ? .left : .right
                let sortedA = a.sorted(kind: .stable)
                let label = "#\(n) a \(dtype) \(a.shape) v \(otherType) \(v.shape) side \(side)"
                cases.expectBitwise("\(label) searchsorted", try NDArray.searchsorted(sortedA, v, side: side),
                                    "np.searchsorted(x0, x1, side='\(side.rawValue)')", [sortedA, v])
                let sorter = a.argsort(kind: .stable)
                cases.expectBitwise("\(label) searchsorted sorter", try NDArray.searchsorted(a, v, side: side, sorter: sorter),
                                    "np.searchsorted(x0, x1, side='\(side.rawValue)', sorter=x2)", [a, v, sorter])
                // lexsort of 1-3 keys of mixed dtypes.
                let shape = inputs.shape(allowEmpty: true)
                let keys = (0..<Int.random(in: 1...3, using: &inputs.rng)).map { _ in inputs.array(inputs.dtype(), shape, pool: 3) }
                if !shape.isEmpty {
                    let axis = inputs.axis(shape.count, allowNil: false)!
                    let names = keys.indices.map { "x\($0)" }.joined(separator: ",")
                    cases.expectBitwise("#\(n) lexsort \(keys.map(\.dtype)) \(shape) axis \(axis)", try NDArray.lexsort(keys, axis: axis),
                                        "np.lexsort((\(names),), axis=\(axis))", keys)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    @Test func uniqueFamilyAndSetOperationsAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1603)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<300 {
                let dtype = inputs.dtype()
                let x = inputs.array(dtype, inputs.shape())
                let label = "#\(n) \(dtype) \(x.shape)"
                cases.expectTrue("\(label) unique", "same(x1, np.unique(x0))", [x, unique(x)])
                cases.expectTrue("\(label) uniqueValues", "same(x1, np.sort(np.unique_values(x0)))", [x, uniqueValues(x)])
                let (values, counts) = uniqueCounts(x)
                cases.expectTrue("\(label) uniqueCounts values", "same(x1, np.unique_counts(x0).values)", [x, values])
                cases.expectBitwise("\(label) uniqueCounts counts", counts, "np.unique_counts(x0).counts", [x])
                let inverse = uniqueInverse(x)
                cases.expectTrue("\(label) uniqueInverse values", "same(x1, np.unique_inverse(x0).values)", [x, inverse.values])
                // Which of several NaN values a NaN maps to is up to NumPy's unstable sort: check that
                // the values rebuild x instead.
                cases.expectTrue("\(label) uniqueInverse inverse", "same(x1[x2], x0)", [x, inverse.values, inverse.inverseIndices])
                let all = uniqueAll(x)
                cases.expectBitwise("\(label) uniqueAll values", all.values, "np.unique_all(x0).values", [x])
                cases.expectBitwise("\(label) uniqueAll indices", all.indices, "np.unique_all(x0).indices", [x])
                cases.expectBitwise("\(label) uniqueAll inverse", all.inverseIndices, "np.unique_all(x0).inverse_indices", [x])
                cases.expectBitwise("\(label) uniqueAll counts", all.counts, "np.unique_all(x0).counts", [x])
                // Sets against a second array of the same or another dtype.
                let y = inputs.array(Bool.random(using: &inputs.rng) ? dtype : inputs.dtype(), inputs.shape(maxRank: 2), pool: 12)
                let pair = "\(label) with \(y.dtype) \(y.shape)"
                cases.expectBitwise("\(pair) isin", isin(x, y), "np.isin(x0, x1)", [x, y])
                cases.expectBitwise("\(pair) isin invert", isin(x, y, invert: true), "np.isin(x0, x1, invert=True)", [x, y])
                cases.expectTrue("\(pair) intersect1d", "same(x2, np.intersect1d(x0, x1))", [x, y, intersect1d(x, y)])
                cases.expectTrue("\(pair) union1d", "same(x2, np.union1d(x0, x1))", [x, y, union1d(x, y)])
                cases.expectTrue("\(pair) setdiff1d", "same(x2, np.setdiff1d(x0, x1))", [x, y, setdiff1d(x, y)])
                cases.expectTrue("\(pair) setxor1d", "same(x2, np.setxor1d(x0, x1))", [x, y, setxor1d(x, y)])
                if x.ndim >= 1 && !dtype.isInexact {
                    let axis = inputs.axis(x.ndim, allowNil: false)!
                    cases.expectBitwise("\(label) unique axis \(axis)", unique(x, axis: axis), "np.unique(x0, axis=\(axis))", [x])
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    /// Long runs in orders that defeat naive quicksorts (sorted, reversed, organ pipe, all
    /// equal, few distinct), for the comparison kernels (complex, and integers below the
    /// radix threshold in many lanes) and the radix kernels.
    @Test func pathologicalOrdersSortCorrectly() throws {
        let registry = try scalarRegistry()
        var cases = OracleCases()
        try Backends.withRegistry(registry) {
            let n = 3000
            let orders: [(String, [Double])] = [
                ("sorted", (0..<n).map(Double.init)),
                ("reversed", (0..<n).map { Double(n - $0) }),
                ("organ pipe", (0..<n).map { Double(Swift.min($0, n - $0)) }),
                ("equal", Array(repeating: 1.5, count: n)),
                ("few distinct", (0..<n).map { Double($0 % 3) }),
                ("sawtooth", (0..<n).map { Double($0 % 64) }),
            ]
            for (name, values) in orders {
                for dtype in [DType.complex128, .float64, .int32] {
                    let flat = NDArray(values).astype(dtype)
                    for shape in [[n], [n / 6, 6], [6, n / 6]] {
                        let x = flat.reshaped(shape)
                        for kind in SortKind.allCases {
                            let label = "\(name) \(dtype) \(shape) \(kind)"
                            cases.expectTrue("\(label) sort", "same(x1, np.sort(x0, axis=0))", [x, try NDArray.sort(x, axis: 0, kind: kind)])
                            cases.expectTrue("\(label) argsort", "argsort_ok(x0, x1, 0)", [x, try NDArray.argsort(x, axis: 0, kind: kind)])
                        }
                        cases.expectTrue("\(name) \(dtype) \(shape) partition", "segments_ok(x0, x1, [\(shape[0] / 2)], 0)",
                                         [x, try NDArray.partition(x, kth: [shape[0] / 2], axis: 0)])
                    }
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    @Test func badArgumentsThrowNamedErrors() throws {
        try Backends.withRegistry(scalarRegistry()) {
            let x = NDArray([3.0, 1, 2])
            #expect(throws: TesseraError.self) { try NDArray.sort(x, axis: 1) }
            #expect(throws: TesseraError.self) { try NDArray.partition(x, kth: [3]) }
            #expect(throws: TesseraError.self) { try NDArray.searchsorted(NDArray([1.0, 2], shape: [1, 2]), x) }
            #expect(throws: TesseraError.self) { try NDArray.searchsorted(x, x, sorter: NDArray([0, 1, 5] as [Int64])) }
            #expect(throws: TesseraError.self) { try NDArray.lexsort([x, NDArray([1.0])]) }
            let partitioned = try NDArray.partition(x, kth: [-3])
            #expect(partitioned.toArray(Double.self)[0] == 1)
        }
    }
}
