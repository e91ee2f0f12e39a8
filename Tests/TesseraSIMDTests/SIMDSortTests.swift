import Foundation
import Testing
@testable import TesseraCore
import Tessera
import _TesseraTestSupport

/// The SIMD backend's `sort`/`argsort` kernels (vectorised quicksort) at every level this
/// CPU runs, against the scalar backend's sort and against NumPy: every length 0…300 and
/// long runs, values with duplicates, NaN, ±inf, ±0 and subnormals, all-equal, sorted and
/// reversed runs, contiguous, reversed and strided views.
///
/// An unstable sort may order tied elements differently: results are compared with zeros
/// of both signs as equal and NaNs as equal, and separately checked to hold exactly the
/// input's bit patterns (so NaN payloads and zero signs are kept, only moved).
@Suite("SIMD sort and argsort")
struct SIMDSortTests {
    static let dtypes: [DType] = [.int32, .uint32, .int64, .uint64, .float32, .float64]

    static func registry(_ level: InstructionSetLevel?) throws -> LoopRegistry {
        let registry = try scalarRegistry()
        if let level { try SIMDBackend(instructionSet: level).install(into: registry) }
        return registry
    }

    static let levels: [(InstructionSetLevel, LoopRegistry)] = InstructionSetLevel.allCases
        .filter(SIMDBackend.supports).map { ($0, try! registry($0)) }

    enum Pattern: CaseIterable { case mixed, fewDistinct, allEqual, sorted, reversed }

    /// `count` elements of `dtype` in a pattern, as a contiguous array.
    static func values(_ dtype: DType, _ count: Int, _ pattern: Pattern, seed: UInt64) -> NDArray {
        var rng = SeededGenerator(seed: seed)
        let poolSize: Int
        switch pattern {
        case .mixed, .sorted, .reversed: poolSize = max(count, 1)
        case .fewDistinct: poolSize = 5
        case .allEqual: poolSize = 1
        }
        let pool = ArrayGenerators.values(dtype, count: poolSize, seed: rng.next()).copy()
        var base = NDArray(uninitializedShape: [count], dtype: dtype)
        let target = base.makeUniqueForWriting()
        let item = dtype.itemSize
        for i in 0..<count {
            (target + i * item).copyMemory(from: pool.baseAddress + Int.random(in: 0..<poolSize, using: &rng) * item, byteCount: item)
        }
        switch pattern {
        case .sorted: return Backends.withRegistry(try! scalarRegistry()) { base.sorted() }
        case .reversed: return Backends.withRegistry(try! scalarRegistry()) { base.sorted() }[NDIndex.slice(nil, nil, -1)].copy()
        default: return base
        }
    }

    /// Each element's bit pattern, in order.
    static func bits(_ array: NDArray) -> [UInt64] {
        let c = array.copy()
        return (0..<c.size).map { i in
            c.dtype.itemSize == 8 ? (c.baseAddress + 8 * i).load(as: UInt64.self) : UInt64((c.baseAddress + 4 * i).load(as: UInt32.self))
        }
    }

    /// Whether two bit patterns are equal as sort results: the same bits, or both NaN, or
    /// both zero (of either sign).
    static func tied(_ a: UInt64, _ b: UInt64, _ dtype: DType) -> Bool {
        if a == b { return true }
        switch dtype {
        case .float64:
            let x = Double(bitPattern: a), y = Double(bitPattern: b)
            return (x.isNaN && y.isNaN) || (x == 0 && y == 0)
        case .float32:
            let x = Float(bitPattern: UInt32(a)), y = Float(bitPattern: UInt32(b))
            return (x.isNaN && y.isNaN) || (x == 0 && y == 0)
        default:
            return false
        }
    }

    /// Nil when `result` is a correct sort of `input` (the scalar backend's result up to
    /// ties, with exactly the input's bit patterns), else what is wrong.
    static func sortProblem(_ input: NDArray, _ result: NDArray, _ reference: NDArray) -> String? {
        let got = bits(result), expected = bits(reference)
        guard got.count == expected.count else { return "length \(got.count), expected \(expected.count)" }
        if let i = got.indices.first(where: { !tied(got[$0], expected[$0], input.dtype) }) {
            return "element \(i) has bits \(String(got[i], radix: 16)), expected \(String(expected[i], radix: 16))"
        }
        if got.sorted() != bits(input).sorted() { return "the result does not hold the input's bit patterns" }
        return nil
    }

    /// Nil when `indices` is a permutation that sorts `input` like `reference`.
    static func argsortProblem(_ input: NDArray, _ indices: NDArray, _ reference: NDArray) -> String? {
        let order = indices.toArray(Int64.self)
        guard order.sorted() == Array(0..<Int64(input.size)) else { return "the indices are not a permutation" }
        let values = bits(input)
        let got = order.map { values[Int($0)] }, expected = bits(reference)
        if let i = got.indices.first(where: { !tied(got[$0], expected[$0], input.dtype) }) {
            return "position \(i) holds bits \(String(got[i], radix: 16)), expected \(String(expected[i], radix: 16))"
        }
        return nil
    }

    static func check(_ dtype: DType, _ n: Int, _ pattern: Pattern, seed: UInt64, views: Bool) {
        let base = values(dtype, views ? 2 * n : n, pattern, seed: seed)
        var inputs: [(String, NDArray)] = [("contiguous", views ? base[NDIndex.slice(0, n)] : base)]
        if views {
            inputs.append(("reversed", base[NDIndex.slice(n, nil)][NDIndex.slice(nil, nil, -1)]))
            inputs.append(("stride 2", base[NDIndex.slice(nil, nil, 2)]))
        }
        let scalar = try! scalarRegistry()
        for (layout, input) in inputs {
            let reference = Backends.withRegistry(scalar) { input.sorted(kind: .stable) }
            // Tessera's tie rule (TieOrder) makes every level give the scalar backend's bits
            // and indices exactly, not just a valid unstable sort.
            let scalarSorted = Backends.withRegistry(scalar) { input.sorted() }
            let scalarIndices = Backends.withRegistry(scalar) { input.argsort() }
            let stableIndices = Backends.withRegistry(scalar) { input.argsort(kind: .stable) }
            #expect(scalarIndices.toArray(Int64.self) == stableIndices.toArray(Int64.self), "scalar argsort is the stable order: \(dtype) n=\(n) \(pattern) \(layout)")
            for (level, registry) in levels {
                let label = "\(dtype) n=\(n) \(pattern) \(layout) \(level.rawValue)"
                let sorted = Backends.withRegistry(registry) { input.sorted() }
                #expect(sortProblem(input, sorted, reference) == nil, "sort \(label): \(sortProblem(input, sorted, reference) ?? "")")
                #expect(bits(sorted) == bits(scalarSorted), "sort \(label): bits differ from the scalar backend's")
                var inPlace = input.copy()
                Backends.withRegistry(registry) { inPlace.sort() }
                #expect(bits(inPlace) == bits(scalarSorted), "in-place sort \(label)")
                let indices = Backends.withRegistry(registry) { input.argsort() }
                #expect(argsortProblem(input, indices, reference) == nil, "argsort \(label): \(argsortProblem(input, indices, reference) ?? "")")
                #expect(indices.toArray(Int64.self) == scalarIndices.toArray(Int64.self), "argsort \(label): indices differ from the scalar backend's")
            }
        }
    }

    @Test("the SIMD kernels are the ones called, at the level asked for")
    func registered() throws {
        for (level, registry) in Self.levels {
            for dtype in Self.dtypes {
                let loop = try #require(registry.sortLoops.loop(dtype: dtype, kind: .quicksort))
                if level == .sse2 {
                    #expect(loop.backend == "scalar", "\(dtype) at sse2")
                } else {
                    #expect(loop.backend == "simd" && loop.instructionSet == level.rawValue, "\(dtype) at \(level.rawValue): \(loop.backend) \(loop.instructionSet)")
                }
                #expect(registry.sortLoops.loop(dtype: dtype, kind: .stable)?.backend == "scalar")
            }
        }
    }

    @Test("every length 0…300, equal to the scalar sort up to ties", arguments: dtypes)
    func shortRuns(dtype: DType) {
        for n in 0...300 {
            // Duplicates and specials in every length; the views on every seventh.
            let pattern = n % 2 == 0 ? Pattern.mixed : .fewDistinct
            Self.check(dtype, n, pattern, seed: UInt64(n * 7 + 1), views: n % 7 == 0)
        }
        for n in [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 49, 64, 100, 129, 255, 300] {
            for pattern in [Pattern.allEqual, .sorted, .reversed] {
                Self.check(dtype, n, pattern, seed: UInt64(n), views: true)
            }
        }
    }

    @Test("long runs in every pattern, equal to the scalar sort up to ties", arguments: dtypes)
    func longRuns(dtype: DType) {
        for (i, n) in [1000, 4099, 30_001].enumerated() {
            for pattern in Pattern.allCases where n < 10_000 || pattern == .mixed || pattern == .fewDistinct {
                Self.check(dtype, n, pattern, seed: UInt64(100 + i), views: n == 4099)
            }
        }
    }

    @Test("agree with NumPy's sort and argsort")
    func numpy() throws {
        let batch = NumPyBatch()
        var cases: [(label: String, index: Int)] = []
        let (level, registry) = Self.levels.last!
        for dtype in Self.dtypes {
            for (n, pattern) in [(257, Pattern.mixed), (3000, .mixed), (3000, .fewDistinct), (50_000, .mixed), (500, .allEqual), (2000, .reversed)] {
                let input = Self.values(dtype, n, pattern, seed: UInt64(n) &+ UInt64(dtype.rawValue))
                let (sorted, indices) = Backends.withRegistry(registry) { (input.sorted(), input.argsort()) }
                let label = "\(dtype) n=\(n) \(pattern) \(level.rawValue)"
                cases.append(("sort \(label)", batch.add("np.bool_(np.array_equal(np.sort(x0) + 0, x1 + 0, equal_nan=x0.dtype.kind == 'f'))", [input, sorted])))
                cases.append(("argsort \(label)", batch.add(
                    "np.bool_((np.sort(x1) == np.arange(x0.size)).all() and np.array_equal(np.sort(x0) + 0, x0[x1] + 0, equal_nan=x0.dtype.kind == 'f'))",
                    [input, indices])))
            }
        }
        let outputs = try batch.run()
        for (label, index) in cases {
            let output = outputs[index][0]
            #expect(output.error == nil && output.bytes == Data([1]), "\(label): \(output.error ?? "differs from NumPy")")
        }
    }
}
