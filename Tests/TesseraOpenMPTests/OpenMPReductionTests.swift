import Foundation
import Testing
import Tessera
import TesseraCore
import _TesseraTestSupport

/// Reductions split by position give bitwise the single-threaded result for every
/// thread count, and equal the scalar-only configuration.
@Suite("OpenMP reductions")
struct OpenMPReductionTests {
    /// Values in [-1, 1) with −0.0, +0.0 and repeated extremes sprinkled in.
    static func data(_ dtype: DType, count: Int, seed: UInt64) -> NDArray {
        var rng = SeededGenerator(seed: seed)
        let values: [Double] = (0..<count).map { i in
            switch i % 977 {
            case 3: return -0.0
            case 5: return 0.0
            case 11: return 1.0
            case 13: return -1.0
            default: return Double.random(in: -1..<1, using: &rng)
            }
        }
        if dtype.isInteger { return NDArray(values.map { Int64($0 * 1000) }).astype(dtype) }
        return NDArray(values).astype(dtype)
    }

    typealias Reduction = (name: String, apply: @Sendable (NDArray) -> NDArray)

    static let reductions: [Reduction] = [
        ("sum", { $0.sum() }), ("sum axis 0", { $0.sum(axis: 0) }), ("sum axis 1", { $0.sum(axis: 1) }),
        ("sum all axes", { $0.sum(axes: [0, 1]) }),
        ("prod", { $0.prod() }), ("prod axis 0", { $0.prod(axis: 0) }),
        ("max", { $0.max() }), ("max axis 1", { $0.max(axis: 1) }),
        ("min", { $0.min() }), ("min axis 0", { $0.min(axis: 0) }),
        ("argmax", { $0.argmax() }), ("argmax axis 0", { $0.argmax(axis: 0) }),
        ("argmin", { $0.argmin() }), ("argmin axis 1", { $0.argmin(axis: 1) }),
        ("mean", { $0.mean() }), ("mean axis 0", { $0.mean(axis: 0) }),
        ("maximum.reduce initial", { try! UFunc.maximum.reduce($0, axis: nil, initial: -2) }),
        ("add.reduce where:", { array in
            let mask = NDArray((0..<array.size).map { $0 % 3 != 0 }).reshaped(array.shape)
            return try! UFunc.add.reduce(array, axis: nil, where: mask)
        }),
    ]

    /// 2-D inputs: contiguous, transposed (F order) and a strided view.
    static func layouts(_ dtype: DType) -> [(String, NDArray)] {
        // Above the parallel minimum (32 768 elements) and several 8192-element chunks.
        let base = data(dtype, count: 200 * 171, seed: 3).reshaped([200, 171])
        let big = data(dtype, count: 260 * 260, seed: 4).reshaped([260, 260])
        return [
            ("contiguous", base),
            ("transposed", base.transposed()),
            ("strided", big[NDIndex.all, NDIndex.slice(nil, nil, 2)]),
        ]
    }

    @Test("1, 2, 3, 8 threads and scalar alone agree bitwise", arguments: [DType.float64, .float32, .int32, .int64, .float16, .complex128])
    func threadCounts(dtype: DType) throws {
        for (layout, array) in Self.layouts(dtype) {
            for reduction in Self.reductions {
                if dtype == .complex128 && (reduction.name.hasPrefix("arg") || reduction.name.hasPrefix("max") || reduction.name.hasPrefix("min")) { continue }
                let expected = Backends.withRegistry(OpenMPRegistries.scalar) { reduction.apply(array) }
                for (threads, registry) in OpenMPRegistries.byThreads.sorted(by: { $0.key < $1.key }) {
                    let actual = Backends.withRegistry(registry) { reduction.apply(array) }
                    if let difference = firstDifference(actual, expected) {
                        Issue.record("\(dtype) \(layout) \(reduction.name), \(threads) threads: \(difference)")
                    }
                }
            }
        }
    }

    /// The threaded add loops keep the contract of the loops they wrap, so a parallel float
    /// sum may still split (a wrapper that dropped it would silently run single-threaded).
    @Test("wrapped add loops keep the pairwise contract of the loops they wrap")
    func wrappersKeepTheReductionContract() throws {
        let registry = try #require(OpenMPRegistries.byThreads[3])
        for loop in registry.loops(for: .add) {
            #expect(loop.backend == "openmp", "\(loop)")
            let expected: InnerLoop.ReductionContract = ["ff->f", "dd->d"].contains(loop.signature.description) ? .pairwiseSum : .unspecified
            #expect(loop.reductionContract == expected, "add \(loop.signature)")
            #expect(loop.reductionContract == loop.wrapped?.reductionContract, "add \(loop.signature)")
        }
    }

    @Test("negative zeros, NaNs and first occurrences")
    func specialValues() throws {
        let count = 100_003
        var zeros = [Double](repeating: -0.0, count: count)
        let allNegativeZero = NDArray(zeros)
        zeros[70_000] = 0.0
        let oneZero = NDArray(zeros)
        var values = (0..<count).map { Double($0 % 1000) }
        values[50_000] = .nan
        values[90_000] = -.nan
        let withNaN = NDArray(values)
        let repeated = NDArray((0..<count).map { _ in 5.0 })
        let cases: [(String, NDArray, @Sendable (NDArray) -> NDArray)] = [
            ("sum -0", allNegativeZero, { $0.sum() }),
            ("sum -0 initial -0", allNegativeZero, { try! UFunc.add.reduce($0, axis: nil, initial: -0.0) }),
            ("sum one +0", oneZero, { try! UFunc.add.reduce($0, axis: nil, initial: -0.0) }),
            ("max ±0", oneZero, { $0.max() }),
            ("min ±0", oneZero, { $0.min() }),
            ("fmax ±0", oneZero, { try! UFunc.fmax.reduce($0, axis: nil) }),
            ("max NaN", withNaN, { $0.max() }),
            ("fmin NaN", withNaN, { try! UFunc.fmin.reduce($0, axis: nil) }),
            ("sum NaN", withNaN, { $0.sum() }),
            ("argmax NaN", withNaN, { $0.argmax() }),
            ("argmin repeated", repeated, { $0.argmin() }),
            ("argmax ±0", oneZero, { $0.argmax() }),
        ]
        for (name, array, reduction) in cases {
            let expected = Backends.withRegistry(OpenMPRegistries.scalar) { reduction(array) }
            for (threads, registry) in OpenMPRegistries.byThreads {
                let actual = Backends.withRegistry(registry) { reduction(array) }
                if let difference = firstDifference(actual, expected) {
                    Issue.record("\(name), \(threads) threads: \(difference)")
                }
            }
        }
        // The cases above must exercise what they claim.
        let argmax = Backends.withRegistry(OpenMPRegistries.byThreads[2]!) { withNaN.argmax() }
        #expect(argmax.toArray(Int64.self) == [50_000])
        let sum = Backends.withRegistry(OpenMPRegistries.byThreads[2]!) { try! UFunc.add.reduce(allNegativeZero, axis: nil, initial: -0.0) }
        #expect(sum.toArray(Double.self)[0].sign == .minus)
    }

    /// Reductions walked as NumPy walks them (``UFunc/reduce``): permuted, reversed and
    /// strided 3-d views, several axes, a cast, a mask, no identity — every split (by an
    /// outer axis, by cores, elementwise along the innermost axis, by calls for one
    /// output) gives bitwise the single-threaded walk.
    @Test("permuted and strided views over several axes", arguments: [DType.float64, .float32])
    func permutedViews(dtype: DType) throws {
        let base = Self.data(dtype, count: 48 * 36 * 40, seed: 9).reshaped([48, 36, 40])
        let wide = Self.data(dtype, count: 1000 * 64, seed: 10).reshaped([1000, 64])
        let layouts: [(String, NDArray)] = [
            ("permuted", base.transposed(axes: [2, 0, 1])),
            ("reversed strided", try base.indexed([.slice(nil, nil, -1), .all, .slice(nil, nil, 2)]).transposed(axes: [1, 2, 0])),
            ("rows", wide),
            ("columns", wide.transposed()),
        ]
        let reductions: [Reduction] = [
            ("sum", { $0.sum() }), ("sum axes 0, last", { $0.sum(axes: [0, $0.ndim - 1]) }), ("sum axis 1", { $0.sum(axis: 1) }),
            ("sum axis -1", { $0.sum(axis: -1) }), ("sum axis 0", { $0.sum(axis: 0) }),
            ("sum axes 0, 1 keepdims", { $0.sum(axes: [0, 1], keepdims: true) }),
            ("sum as float64/float32", { $0.sum(axes: [0, $0.ndim - 1], dtype: $0.dtype == .float32 ? .float64 : .float32) }),
            ("prod axis 0", { $0.prod(axis: 0) }),
            ("max", { $0.max() }), ("max axes 0, 1", { try! UFunc.maximum.reduce($0, axes: [0, 1]) }),
            ("min axis -1", { $0.min(axis: -1) }), ("fmin axes 1, 2 / 0, 1", { try! UFunc.fmin.reduce($0, axes: $0.ndim == 3 ? [1, 2] : [0, 1]) }),
            ("add.reduce where:", { array in
                let mask = NDArray((0..<array.size).map { $0 % 5 != 0 }).reshaped(array.shape)
                return try! UFunc.add.reduce(array, axes: [0, array.ndim - 1], initial: -0.0, where: mask)
            }),
        ]
        for (layout, array) in layouts {
            for reduction in reductions {
                let expected = Backends.withRegistry(OpenMPRegistries.scalar) { reduction.apply(array) }
                for (threads, registry) in OpenMPRegistries.byThreads.sorted(by: { $0.key < $1.key }) {
                    let actual = Backends.withRegistry(registry) { reduction.apply(array) }
                    if let difference = firstDifference(actual, expected) {
                        Issue.record("\(dtype) \(layout) \(reduction.name), \(threads) threads: \(difference)")
                    }
                }
            }
        }
    }
}

/// Which reductions to one value take the team: a walk that is one uncut loop call —
/// `any`/`all` of a contiguous array, which may stop at the first element — runs on the
/// calling thread without building its pieces; a long sum or selection is still split.
@Suite("OpenMP reductions to one value")
struct OpenMPSingleOutputReductionTests {
    @Test("one uncut call stays on the calling thread; long sums and selections split")
    func forks() throws {
        let registry = try #require(OpenMPRegistries.byThreads[2])
        let count = 200_003
        let bools = NDArray((0..<count).map { $0 == count - 5 })
        let doubles = OpenMPReductionTests.data(.float64, count: count, seed: 21)
        let cases: [(String, NDArray, Bool, @Sendable (NDArray) -> NDArray)] = [
            ("any", bools, false, { $0.any() }),
            ("all", bools, false, { $0.all() }),
            ("sum", doubles, true, { $0.sum() }),
            ("max", doubles, true, { $0.max() }),
            ("fmin", doubles, true, { try! UFunc.fmin.reduce($0, axis: nil) }),
        ]
        for (name, array, splits, reduction) in cases {
            let expected = Backends.withRegistry(OpenMPRegistries.scalar) { reduction(array) }
            let before = OpenMPBackend.regionsForkedOnThisThread
            let got = Backends.withRegistry(registry) { reduction(array) }
            let forked = OpenMPBackend.regionsForkedOnThisThread - before
            #expect((forked > 0) == splits, "\(name): \(forked) regions forked")
            #expect(firstDifference(got, expected) == nil, "\(name): \(String(describing: firstDifference(got, expected)))")
        }
    }
}
