import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// The bit generators besides PCG64 against NumPy: raw draws, advance/jumped where NumPy has
/// them, and a Generator sequence that mixes 64-bit and buffered 32-bit draws.
@Suite struct RandomBitGeneratorTests {
    static let seeds: [(python: String, sequence: Random.SeedSequence)] = [
        ("0", Random.SeedSequence(0)), ("1", Random.SeedSequence(1)), ("42", Random.SeedSequence(42)),
        ("[1, 2, 3]", Random.SeedSequence([1, 2, 3])),
        ("9223372036854775813", Random.SeedSequence((1 << 63) + 5)),
        ("[4294967295, 0, 7]", Random.SeedSequence([4_294_967_295, 0, 7])),
    ]

    static func sequence<B: Random.BitGenerator>(_ bits: B) -> [NDArray] {
        var g = Random.Generator(bits)
        return sequence(&g)
    }

    static func sequence<B: Random.BitGenerator>(_ g: inout Random.Generator<B>) -> [NDArray] {
        [
            g.random([5]), g.random([3], dtype: .float32), g.integers(0, 10, shape: [5]),
            g.standardNormal([200]), g.integers(0, 1 << 40, shape: [3]), g.permutation(9), g.permutation(20011), g.random([2]),
        ]
    }

    static let pythonSequence = "(lambda g: (g.random(5), g.random(3, dtype=np.float32), g.integers(0, 10, size=5), g.standard_normal(200), g.integers(0, 2**40, size=3), g.permutation(9), g.permutation(20011), g.random(2)))"

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
                // Output 3 of a sequence is standard_normal: ziggurat slack (see RandomStreamTests.Step).
                let slack = c.0.hasSuffix("sequence") && k == 3 ? RandomStreamTests.zigguratSlack : 0
                if let problem = RandomStreamTests.difference(ours, theirs, slack: slack) { failures.append("\(c.0) output \(k): \(problem)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    static func philoxState(_ b: Random.Philox) -> NDArray {
        NDArray([b.counter.0, b.counter.1, b.counter.2, b.counter.3, b.key.0, b.key.1,
                 UInt64(b.bufferPosition), b.hasUInt32 ? 1 : 0, UInt64(b.uinteger)] as [UInt64])
    }

    static let philoxStatePython = "(lambda s: np.array(list(s['state']['counter']) + list(s['state']['key']) + [s['buffer_pos'], s['has_uint32'], s['uinteger']], dtype=np.uint64))"
    static let mtStatePython = "(lambda s: np.array(list(s['state']['key']) + [s['state']['pos']], dtype=np.uint64))"

    static func mtState(_ b: Random.MT19937) -> NDArray {
        let words: [UInt64] = b.key.map { UInt64($0) } + [UInt64(b.position)]
        return NDArray(words)
    }

    @Test("Philox and MT19937 raw draws, Generator sequences, state, advance and jumped match NumPy")
    func philoxAndMT19937() throws {
        let batch = NumPyBatch()
        var cases: [(String, String, [NDArray])] = []
        for seed in Self.seeds {
            var philox = Random.Philox(seed.sequence)
            var mt = Random.MT19937(seed.sequence)
            // Philox's raw draws through Swift's `RandomNumberGenerator.next()`. MT19937's raw
            // output is its 32-bit draw; 700 of them pass a regeneration.
            cases.append(("Philox(\(seed.python)) raw", "np.random.Philox(np.random.SeedSequence(\(seed.python))).random_raw(9)", [NDArray((0..<9).map { _ in philox.next() })]))
            cases.append(("MT19937(\(seed.python)) raw", "np.random.MT19937(np.random.SeedSequence(\(seed.python))).random_raw(700)", [NDArray((0..<700).map { _ in UInt64(mt.nextUInt32()) })]))
            var gp = Random.Generator(Random.Philox(seed.sequence))
            var gm = Random.Generator(Random.MT19937(seed.sequence))
            var p = Self.sequence(&gp), m = Self.sequence(&gm)
            p.append(Self.philoxState(gp.bitGenerator))
            m.append(Self.mtState(gm.bitGenerator))
            cases.append(("Philox(\(seed.python)) sequence", "(lambda g: \(Self.pythonSequence)(g) + (\(Self.philoxStatePython)(g.bit_generator.state),))(np.random.Generator(np.random.Philox(np.random.SeedSequence(\(seed.python)))))", p))
            cases.append(("MT19937(\(seed.python)) sequence", "(lambda g: \(Self.pythonSequence)(g) + (\(Self.mtStatePython)(g.bit_generator.state),))(np.random.Generator(np.random.MT19937(np.random.SeedSequence(\(seed.python)))))", m))
        }
        // advance counts blocks of four draws and empties the buffer; jumped adds 2^128 blocks.
        var advanced = Random.Philox(seed: 42)
        _ = advanced.nextUInt32()
        _ = advanced.nextUInt64()
        advanced.advance(UInt128(UInt64.max) + 12345)
        var jumped = Random.Philox(seed: 42).jumped(3)
        var keyed = Random.Philox(key: (0x0123_4567_89ab_cdef, 7), counter: (UInt64.max, UInt64.max, 5, 0))
        cases.append(("Philox advance", "(lambda b: (b.random_raw(2), b.advance(2**64 - 1 + 12345), b.random_raw(5), \(Self.philoxStatePython)(b.state))[2:])(np.random.Philox(42))", [NDArray((0..<5).map { _ in advanced.nextUInt64() }), Self.philoxState(advanced)]))
        cases.append(("Philox jumped", "(lambda b: (b.random_raw(3), \(Self.philoxStatePython)(b.state)))(np.random.Philox(42).jumped(3))", [NDArray((0..<3).map { _ in jumped.nextUInt64() }), Self.philoxState(jumped)]))
        cases.append(("Philox key/counter (carry)", "np.random.Philox(key=0x0123456789abcdef | (7 << 64), counter=(2**128 - 1) | (5 << 128)).random_raw(6)", [NDArray((0..<6).map { _ in keyed.nextUInt64() })]))
        // MT19937.jumped from a fresh state (position 623) and from the middle of a stream.
        var drawn = Random.MT19937(seed: 7)
        for _ in 0..<1000 { _ = drawn.nextUInt32() }
        var mtJumped = drawn.jumped(2)
        cases.append(("MT19937 jumped", "(lambda b: \(Self.mtStatePython)(b.state))(np.random.MT19937(42).jumped())", [Self.mtState(Random.MT19937(seed: 42).jumped())]))
        cases.append(("MT19937 jumped mid-stream", "(lambda b: (\(Self.mtStatePython)(b.state), b.random_raw(5)))((lambda b: (b.random_raw(1000), b)[1])(np.random.MT19937(7)).jumped(2))", [Self.mtState(mtJumped), NDArray((0..<5).map { _ in UInt64(mtJumped.nextUInt32()) })]))
        let indices = cases.map { batch.add($0.1, []) }
        let expected = try batch.run()
        var failures: [String] = []
        for (c, index) in zip(cases, indices) {
            let outputs = expected[index]
            if outputs.count != c.2.count { failures.append("\(c.0): \(outputs.count) NumPy outputs (\(outputs.first?.error ?? "")) vs \(c.2.count)"); continue }
            for (k, (ours, theirs)) in zip(c.2, outputs).enumerated() {
                // Output 3 of a sequence is standard_normal: ziggurat slack (see RandomStreamTests.Step).
                let slack = c.0.hasSuffix("sequence") && k == 3 ? RandomStreamTests.zigguratSlack : 0
                if let problem = RandomStreamTests.difference(ours, theirs, slack: slack) { failures.append("\(c.0) output \(k): \(problem)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

