import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// The bit generators besides PCG64 against NumPy: raw draws, advance/jumped where NumPy has
/// them, and a Generator sequence that mixes 64-bit and buffered 32-bit draws.
@Suite struct RandomBitGeneratorTests {
    static let seeds: [(python: String, sequence: Random.SeedSequence)] = [
        ("0", Random.SeedSequence(0)), ("42", Random.SeedSequence(42)),
        ("9223372036854775813", Random.SeedSequence((1 << 63) + 5)),
        ("[4294967295, 0, 7]", Random.SeedSequence([4_294_967_295, 0, 7])),
    ]

    static func sequence<B: Random.BitGenerator>(_ bits: B) -> [NDArray] {
        var g = Random.Generator(bits)
        return [
            g.random([5]), g.random([3], dtype: .float32), g.integers(0, 10, shape: [5]),
            g.standardNormal([200]), g.integers(0, 1 << 40, shape: [3]), g.permutation(9), g.random([2]),
        ]
    }

    static let pythonSequence = "(lambda g: (g.random(5), g.random(3, dtype=np.float32), g.integers(0, 10, size=5), g.standard_normal(200), g.integers(0, 2**40, size=3), g.permutation(9), g.random(2)))"

    @Test("PCG64DXSM and SFC64 raw draws and Generator sequences match NumPy")
    func rawAndSequences() throws {
        let batch = NumPyBatch()
        var cases: [(String, String, [NDArray])] = []
        for seed in Self.seeds {
            var dxsm = Random.PCG64DXSM(seed.sequence)
            var sfc = Random.SFC64(seed.sequence)
            cases.append(("PCG64DXSM(\(seed.python)) raw", "np.random.PCG64DXSM(np.random.SeedSequence(\(seed.python))).random_raw(6)", [NDArray((0..<6).map { _ in dxsm.nextUInt64() })]))
            cases.append(("SFC64(\(seed.python)) raw", "np.random.SFC64(np.random.SeedSequence(\(seed.python))).random_raw(6)", [NDArray((0..<6).map { _ in sfc.nextUInt64() })]))
            cases.append(("PCG64DXSM(\(seed.python)) sequence", "\(Self.pythonSequence)(np.random.Generator(np.random.PCG64DXSM(np.random.SeedSequence(\(seed.python)))))", Self.sequence(Random.PCG64DXSM(seed.sequence))))
            cases.append(("SFC64(\(seed.python)) sequence", "\(Self.pythonSequence)(np.random.Generator(np.random.SFC64(np.random.SeedSequence(\(seed.python)))))", Self.sequence(Random.SFC64(seed.sequence))))
        }
        var advanced = Random.PCG64DXSM(seed: 42)
        _ = advanced.nextUInt32()
        advanced.advance(98_765_432_109_876_543_210)
        var jumped = Random.PCG64DXSM(seed: 42).jumped(2)
        cases.append(("PCG64DXSM advance", "(lambda b: (b.random_raw(1), b.advance(98765432109876543210), b.random_raw(3))[2])(np.random.PCG64DXSM(42))", [NDArray((0..<3).map { _ in advanced.nextUInt64() })]))
        cases.append(("PCG64DXSM jumped", "np.random.PCG64DXSM(42).jumped(2).random_raw(3)", [NDArray((0..<3).map { _ in jumped.nextUInt64() })]))
        let indices = cases.map { batch.add($0.1, []) }
        let expected = try batch.run()
        var failures: [String] = []
        for (c, index) in zip(cases, indices) {
            let outputs = expected[index]
            if outputs.count != c.2.count { failures.append("\(c.0): \(outputs.count) NumPy outputs (\(outputs.first?.error ?? "")) vs \(c.2.count)"); continue }
            for (k, (ours, theirs)) in zip(c.2, outputs).enumerated() {
                if let problem = differenceFromNumPy(ours, theirs) { failures.append("\(c.0) output \(k): \(problem)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
