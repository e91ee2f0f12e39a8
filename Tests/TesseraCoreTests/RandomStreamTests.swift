import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// Random.Generator against live NumPy 2.4: for each seed, the same calls in the same order
/// in both, every output compared bit for bit, and the bit generator's state (PCG64 state,
/// increment and the buffered 32-bit half) compared after the sequence.
@Suite struct RandomStreamTests {
    typealias G = Random.Generator<Random.PCG64>

    /// A call in NumPy (a lambda body over `g`) and the same call in Swift.
    ///
    /// `slack` is the relative difference allowed for float outputs made from the normal
    /// ziggurat (0: bit for bit). Its table comes from the defining recursion (see
    /// generate_ziggurat.py), and NumPy's was made with a C library that rounded one exp
    /// the other way, so values in NumPy's 37 top layers differ in the last bits (tens of
    /// ulps); the draws, and so every later value and the state, stay NumPy's. The
    /// exponential tables are NumPy's exactly, so exponential outputs (and gamma with
    /// shape ≤ 1, which draws only exponentials and uniforms) are compared bit for bit.
    struct Step {
        let python: String
        let slack: Double
        let swift: (inout G) throws -> [NDArray]
        init(_ python: String, slack: Double = 0, _ swift: @escaping (inout G) throws -> [NDArray]) {
            self.python = python
            self.slack = slack
            self.swift = swift
        }
    }

    /// The relative slack of a float64 output made from normals (the largest width
    /// difference is 76 ulp, about 10⁻¹⁴); float32 outputs get two float32 ulps.
    static let zigguratSlack = 1e-13

    /// Like `differenceFromNumPy`, but float elements may differ by `slack` relative to
    /// NumPy's value (dtype, shape and every integer output stay exact).
    static func difference(_ array: NDArray, _ expected: NumPyBatch.Output, slack: Double) -> String? {
        guard let problem = differenceFromNumPy(array, expected) else { return nil }
        guard slack > 0, expected.error == nil, array.shape == expected.shape,
              (expected.dtype == "<f8" && array.dtype == .float64) || (expected.dtype == "<f4" && array.dtype == .float32) else { return problem }
        let ours = array.toArray(Double.self)
        let theirs: [Double] = expected.dtype == "<f8"
            ? expected.bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
            : expected.bytes.withUnsafeBytes { $0.bindMemory(to: Float.self).map(Double.init) }
        // A float32 width rounded from a binary64 width that differs in its last bits may
        // round to the neighbouring float: a value (the width times an integer, rounded) moves by up to two float32 ulps.
        let relative = expected.dtype == "<f4" ? Swift.max(slack, 0x1p-22) : slack
        for (index, (a, b)) in zip(ours, theirs).enumerated() where a != b && !(a.isNaN && b.isNaN) {
            if !(abs(a - b) <= relative * Swift.max(abs(b), 1e-300)) {
                return "element \(index): Tessera \(a) vs NumPy \(b) (beyond the slack \(relative))"
            }
        }
        return nil
    }

    static let seeds: [(python: String, make: @Sendable () -> G)] = [
        ("0", { G(seed: 0) }),
        ("1", { G(seed: 1) }),
        ("42", { G(seed: 42) }),
        ("9223372036854775813", { G(seed: (1 << 63) + 5) }),
        ("[1, 2, 3]", { G(seed: [1, 2, 3]) }),
        ("[4294967295, 0, 7]", { G(seed: [4_294_967_295, 0, 7]) }),
    ]

    static let preamble = """
    def state(g):
        s = g.bit_generator.state
        v, inc = s['state']['state'], s['state']['inc']
        m = 2**64 - 1
        return np.array([v >> 64, v & m, inc >> 64, inc & m, s['has_uint32'], s['uinteger']], dtype=np.uint64)
    def seq(seed, *calls):
        g = np.random.default_rng(seed)
        out = []
        for c in calls:
            r = c(g)
            out.extend(r if isinstance(r, tuple) else (r,))
        out.append(state(g))
        return tuple(out)
    def shuffled(g, a, axis=0):
        g.shuffle(a, axis=axis)
        return a
    """

    static func state(_ g: G) -> NDArray {
        let b = g.bitGenerator
        return NDArray([
            UInt64(truncatingIfNeeded: b.state >> 64), UInt64(truncatingIfNeeded: b.state),
            UInt64(truncatingIfNeeded: b.increment >> 64), UInt64(truncatingIfNeeded: b.increment),
            b.hasUInt32 ? 1 : 0, UInt64(b.uinteger),
        ] as [UInt64])
    }

    /// Runs `steps` for every seed in NumPy (one process) and in Swift; returns the
    /// disagreements and the number of outputs compared.
    static func compare(_ steps: [Step], seeds: [(python: String, make: @Sendable () -> G)] = seeds) throws -> (failures: [String], compared: Int) {
        let batch = NumPyBatch(preamble: preamble)
        let indices = seeds.map { seed in
            batch.add("seq(\(seed.python), " + steps.map { "lambda g: \($0.python)" }.joined(separator: ", ") + ")", [])
        }
        let expected = try batch.run()
        var failures: [String] = []
        var compared = 0
        for (seed, index) in zip(seeds, indices) {
            let outputs = expected[index]
            if let error = outputs.first?.error {
                failures.append("seed \(seed.python): NumPy raised \(error)")
                continue
            }
            var g = seed.make()
            var position = 0
            for step in steps {
                let results: [NDArray]
                do {
                    results = try step.swift(&g)
                } catch {
                    failures.append("seed \(seed.python), \(step.python): threw \(error)")
                    break
                }
                for result in results {
                    guard position < outputs.count - 1 else {
                        failures.append("seed \(seed.python), \(step.python): more outputs than NumPy")
                        break
                    }
                    if let problem = difference(result, outputs[position], slack: step.slack) {
                        failures.append("seed \(seed.python), \(step.python): \(problem)")
                    }
                    compared += 1
                    position += 1
                }
            }
            if let problem = differenceFromNumPy(state(g), outputs[outputs.count - 1]) {
                failures.append("seed \(seed.python): final state \(problem)")
            }
            compared += 1
        }
        return (failures, compared)
    }

    static let p5 = NDArray([0.1, 0.2, 0.3, 0.15, 0.25])

    @Test("a mixed sequence of every method matches NumPy for every seed, state included")
    func mixedSequence() throws {
        let grid = NDArray.arange(12.0, 24.0).reshaped([3, 4])
        let steps: [Step] = [
            Step("g.random(7)") { [$0.random([7])] },
            Step("g.random((2, 3), dtype=np.float32)") { [$0.random([2, 3], dtype: .float32)] },
            Step("g.random()") { [NDArray(scalar: $0.random())] },
            Step("g.integers(0, 10, size=6)") { [$0.integers(0, 10, shape: [6])] },
            Step("g.integers(5)") { [$0.integers(5)] },
            Step("g.standard_normal(3000)", slack: Self.zigguratSlack) { [$0.standardNormal([3000])] },
            Step("g.normal(1.5, 2.0, size=5)", slack: Self.zigguratSlack) { [$0.normal(loc: 1.5, scale: 2, shape: [5])] },
            Step("g.normal()", slack: Self.zigguratSlack) { [$0.normal()] },
            Step("g.standard_exponential(3000)") { [$0.standardExponential([3000])] },
            Step("g.exponential(3.0, size=4)") { [$0.exponential(scale: 3, shape: [4])] },
            Step("g.uniform(-1, 1, size=5)") { [$0.uniform(low: -1, high: 1, shape: [5])] },
            Step("g.uniform(2.5, 2.5, size=2)") { [$0.uniform(low: 2.5, high: 2.5, shape: [2])] },
            Step("g.standard_normal(1001, dtype=np.float32)", slack: Self.zigguratSlack) { [$0.standardNormal([1001], dtype: .float32)] },
            Step("g.integers(0, 3, size=3, dtype=np.uint8)") { [$0.integers(0, 3, shape: [3], dtype: .uint8)] },
            Step("g.standard_exponential(1001, dtype=np.float32)") { [$0.standardExponential([1001], dtype: .float32)] },
            Step("g.integers(0, 2**40, size=3)") { [$0.integers(0, 1 << 40, shape: [3])] },
            Step("g.integers(-5, 5, size=(2, 3), dtype=np.int8)") { [$0.integers(-5, 5, shape: [2, 3], dtype: .int8)] },
            Step("g.permutation(10)") { [$0.permutation(10)] },
            Step("g.permutation(np.arange(12.0, 24.0).reshape(3, 4))") { [$0.permutation(grid)] },
            Step("g.permutation(np.arange(12.0, 24.0).reshape(3, 4), axis=1)") { [$0.permutation(grid, axis: 1)] },
            Step("shuffled(g, np.arange(7, dtype=np.int32))") { g in
                var a = NDArray.arange(7, dtype: .int32)
                g.shuffle(&a)
                return [a]
            },
            Step("shuffled(g, np.arange(12.0, 24.0).reshape(3, 4), axis=-1)") { g in
                var a = grid
                g.shuffle(&a, axis: -1)
                return [a]
            },
            Step("shuffled(g, np.arange(40.0)[::-3])") { g in
                var a = NDArray.arange(0.0, 40.0)[NDIndex.slice(nil, nil, -3)]
                g.shuffle(&a)
                return [a]
            },
            Step("shuffled(g, np.arange(30, dtype=np.int16)[1::2])") { g in
                var a = NDArray.arange(30, dtype: .int16)[NDIndex.slice(1, nil, 2)]
                g.shuffle(&a)
                return [a]
            },
            Step("g.permutation(0)") { [$0.permutation(0)] },
            Step("g.choice(10, 4)") { [$0.choice(10, shape: [4])] },
            Step("g.choice(10)") { [$0.choice(10)] },
            Step("g.choice(10, (2, 2), replace=False)") { [$0.choice(10, shape: [2, 2], replace: false)] },
            Step("g.choice(10, 4, replace=False, shuffle=False)") { [$0.choice(10, shape: [4], replace: false, shuffle: false)] },
            Step("g.choice(5, 6, p=[0.1, 0.2, 0.3, 0.15, 0.25])") { [$0.choice(5, shape: [6], p: Self.p5)] },
            Step("g.choice(5, 3, replace=False, p=[0.1, 0.2, 0.3, 0.15, 0.25])") { [$0.choice(5, shape: [3], replace: false, p: Self.p5)] },
            Step("g.choice(20000, 1000, replace=False)") { [$0.choice(20000, shape: [1000], replace: false)] },
            Step("g.choice(20000, 300, replace=False, shuffle=False)") { [$0.choice(20000, shape: [300], replace: false, shuffle: false)] },
            Step("g.choice(np.arange(12.0, 24.0).reshape(3, 4), 5, axis=1)") { [$0.choice(grid, shape: [5], axis: 1)] },
            Step("g.choice(np.arange(12.0, 24.0).reshape(3, 4), (2, 2))") { [$0.choice(grid, shape: [2, 2])] },
            Step("np.frombuffer(g.bytes(7), np.uint8)") { [NDArray($0.bytes(7))] },
            Step("g.random(3)") { [$0.random([3])] },
        ]
        let (failures, compared) = try Self.compare(steps)
        print("RandomStreamTests.mixedSequence: \(compared) outputs compared, \(failures.count) disagreements")
        #expect(compared == Self.seeds.count * (steps.count + 1))
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("gamma, beta, chisquare, standard_t, lognormal, laplace, logistic, poisson and geometric match NumPy on every branch")
    func otherDistributions() throws {
        let steps: [Step] = [
            Step("g.standard_gamma(0.5, 300)") { [$0.standardGamma(0.5, shape: [300])] },
            Step("g.standard_gamma(1.0, 50)") { [$0.standardGamma(1, shape: [50])] },
            Step("g.standard_gamma(3.5, 300)", slack: Self.zigguratSlack) { [$0.standardGamma(3.5, shape: [300])] },
            Step("g.standard_gamma(0.0, 3)") { [$0.standardGamma(0, shape: [3])] },
            Step("g.gamma(2.0, 3.0, 100)", slack: Self.zigguratSlack) { [$0.gamma(2, scale: 3, shape: [100])] },
            Step("g.beta(0.5, 0.7, 300)") { [$0.beta(0.5, 0.7, shape: [300])] },
            Step("g.beta(1e-3, 2e-3, 100)") { [$0.beta(1e-3, 2e-3, shape: [100])] },
            Step("g.beta(2.0, 5.0, 300)", slack: Self.zigguratSlack) { [$0.beta(2, 5, shape: [300])] },
            Step("g.chisquare(3.0, 100)", slack: Self.zigguratSlack) { [$0.chisquare(3, shape: [100])] },
            Step("g.standard_t(4.5, 100)", slack: Self.zigguratSlack) { [$0.standardT(4.5, shape: [100])] },
            Step("g.lognormal(0.5, 1.5, 100)", slack: Self.zigguratSlack) { [$0.lognormal(mean: 0.5, sigma: 1.5, shape: [100])] },
            Step("g.laplace(1.0, 2.0, 100)") { [$0.laplace(loc: 1, scale: 2, shape: [100])] },
            Step("g.logistic(1.0, 2.0, 100)") { [$0.logistic(loc: 1, scale: 2, shape: [100])] },
            Step("g.poisson(0.0, 3)") { [$0.poisson(0, shape: [3])] },
            Step("g.poisson(3.5, 300)") { [$0.poisson(3.5, shape: [300])] },
            Step("g.poisson(50.0, 300)") { [$0.poisson(50, shape: [300])] },
            Step("g.poisson(1e6, 50)") { [$0.poisson(1e6, shape: [50])] },
            Step("g.poisson()") { [$0.poisson()] },
            Step("g.geometric(0.5, 100)") { [$0.geometric(0.5, shape: [100])] },
            Step("g.geometric(0.05, 100)") { [$0.geometric(0.05, shape: [100])] },
            Step("g.geometric(1.0, 5)") { [$0.geometric(1, shape: [5])] },
            Step("g.random(2)") { [$0.random([2])] },
        ]
        let (failures, compared) = try Self.compare(steps)
        #expect(compared == Self.seeds.count * (steps.count + 1))
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("long normal and exponential runs (tails and wedges included) match NumPy for every seed")
    func zigguratTails() throws {
        let steps: [Step] = [
            Step("g.standard_normal(150000)", slack: Self.zigguratSlack) { [$0.standardNormal([150_000])] },
            Step("g.standard_exponential(150000)") { [$0.standardExponential([150_000])] },
            Step("g.standard_normal(60000, dtype=np.float32)", slack: Self.zigguratSlack) { [$0.standardNormal([60000], dtype: .float32)] },
            Step("g.standard_exponential(60000, dtype=np.float32)") { [$0.standardExponential([60000], dtype: .float32)] },
        ]
        let (failures, compared) = try Self.compare(steps)
        #expect(compared == Self.seeds.count * (steps.count + 1))
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("integers matches NumPy for every dtype and every code path of its bounds")
    func integersEveryDType() throws {
        var steps: [Step] = []
        let dtypes: [DType] = [.bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64]
        for dtype in dtypes {
            let name = dtype == .bool ? "np.bool_" : "np.\(dtype)"
            let bits = dtype == .bool ? 1 : dtype.itemSize * 8
            let signed = dtype.isSignedInteger
            let lo: Int128 = signed ? -(Int128(1) << (bits - 1)) : 0
            let hi: Int128 = signed ? (Int128(1) << (bits - 1)) - 1 : (Int128(1) << bits) - 1
            var bounds: [(Int128, Int128, Bool)] = [
                (lo, hi, true),            // the full range: the draw itself
                (lo, hi, false),           // one short of it
                (0, 1, false),             // a single value: no draw
                (lo, lo + 1, true),        // two values
            ]
            if dtype != .bool {
                bounds += [
                    (0, 3, false), (0, 100, true),
                    (lo, lo + (hi - lo) / 2 + 2, false),    // rejection about half of the time
                    (lo + 1, lo + 6, false), (hi - 4, hi, true),
                ]
            }
            if bits == 64 {
                bounds += [
                    (0, 1 << 32, false),             // 2^32 values: one full 32-bit draw
                    (0, (1 << 32) + 1, false),       // just over 32 bits: 64-bit Lemire
                    (0, (1 << 32) - 1, false),       // just under: 32-bit Lemire
                    (lo + 7, lo + 7 + (Int128(3) << 61), false), // heavy 64-bit rejection
                    (0, 1000, false),
                ]
            }
            if bits == 32 { bounds += [(lo, lo + (Int128(1) << 31) + 1, false)] }
            for (low, high, endpoint) in bounds {
                for count in [1, 37] {
                    steps.append(Step("g.integers(\(low), \(high), size=\(count), dtype=\(name), endpoint=\(endpoint ? "True" : "False"))") {
                        [try $0.integersThrowing(low, high, shape: [count], dtype: dtype, endpoint: endpoint)]
                    })
                }
            }
            steps.append(Step("g.integers(\(lo), \(hi), dtype=\(name), endpoint=True)") {
                [try $0.integersThrowing(lo, hi, dtype: dtype, endpoint: true)]
            })
            // Array bounds, broadcast: one value per bound pair in C order.
            let lows = NDArray(dtype == .bool ? [0, 0, 0] : [Int64(lo == 0 ? 0 : -3), 0, 1], shape: [3]).astype(dtype == .bool ? .uint8 : (signed ? .int64 : .uint64))
            let highs = NDArray(dtype == .bool ? [1, 2] : [Int64(3), Int64(min(hi, 200))], shape: [2, 1]).astype(signed ? .int64 : .uint64)
            steps.append(Step("g.integers(np.array(\(lows.toArray(Int64.self))), np.array(\(highs.toArray(Int64.self))).reshape(2, 1), dtype=\(name))") {
                [try $0.integersThrowing(low: lows.astype(.int64), high: highs.astype(.int64), dtype: dtype)]
            })
            steps.append(Step("g.integers(np.array(\(lows.toArray(Int64.self))), \(dtype == .bool ? 1 : hi), size=(4, 3), dtype=\(name), endpoint=True)") {
                [try $0.integersThrowing(low: lows.astype(.int64), high: signed ? NDArray(scalar: Int64(hi)) : NDArray(scalar: UInt64(dtype == .bool ? 1 : hi)), shape: [4, 3], dtype: dtype, endpoint: true)]
            })
        }
        let (failures, compared) = try Self.compare(steps)
        print("RandomStreamTests.integersEveryDType: \(steps.count) calls per seed, \(compared) outputs compared")
        #expect(compared == Self.seeds.count * (steps.count + 1))
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("parameters NumPy rejects throw NumPy's message")
    func errorsMatchNumPy() throws {
        let cases: [(String, (inout G) throws -> Void)] = [
            ("g.integers(0, 0)", { _ = try $0.integersThrowing(0, 0) }),
            ("g.integers(5, 3)", { _ = try $0.integersThrowing(5, 3) }),
            ("g.integers(5, 3, endpoint=True)", { _ = try $0.integersThrowing(5, 3, endpoint: true) }),
            ("g.integers(-1, 3, dtype=np.uint8)", { _ = try $0.integersThrowing(-1, 3, dtype: .uint8) }),
            ("g.integers(0, 300, dtype=np.uint8)", { _ = try $0.integersThrowing(0, 300, dtype: .uint8) }),
            ("g.integers(0, 2**63, dtype=np.int64, endpoint=True)", { _ = try $0.integersThrowing(0, UInt64(1) << 63, dtype: .int64, endpoint: true) }),
            ("g.integers(np.array([3, 1]), np.array([2, 5]))", { _ = try $0.integersThrowing(low: NDArray([Int64(3), 1]), high: NDArray([Int64(2), 5])) }),
            ("g.normal(0, -1)", { _ = try $0.normalThrowing(loc: 0, scale: -1) }),
            ("g.normal(0, -0.0)", { _ = try $0.normalThrowing(loc: 0, scale: -0.0) }),
            ("g.exponential(-2.0)", { _ = try $0.exponentialThrowing(scale: -2) }),
            ("g.uniform(0, -1, 3)", { _ = try $0.uniformThrowing(low: 0, high: -1, shape: [3]) }),
            ("g.uniform(0, np.inf)", { _ = try $0.uniformThrowing(low: 0, high: .infinity) }),
            ("g.random((2, -1))", { _ = try $0.randomThrowing([2, -1]) }),
            ("g.choice(5, 6, replace=False)", { _ = try $0.choiceThrowing(5, shape: [6], replace: false) }),
            ("g.choice(0, 1)", { _ = try $0.choiceThrowing(0, shape: [1]) }),
            ("g.choice(np.zeros((0, 2)), 1)", { _ = try $0.choiceThrowing(NDArray.zeros([0, 2]), shape: [1]) }),
            ("g.choice(5, p=[0.5, 0.5])", { _ = try $0.choiceThrowing(5, p: NDArray([0.5, 0.5])) }),
            ("g.choice(2, p=[0.5, 0.6])", { _ = try $0.choiceThrowing(2, p: NDArray([0.5, 0.6])) }),
            ("g.choice(2, p=[-0.5, 1.5])", { _ = try $0.choiceThrowing(2, p: NDArray([-0.5, 1.5])) }),
            ("g.choice(2, p=[np.nan, 1.0])", { _ = try $0.choiceThrowing(2, p: NDArray([Double.nan, 1.0])) }),
            ("g.choice(2, p=[[0.5, 0.5]])", { _ = try $0.choiceThrowing(2, p: NDArray([0.5, 0.5], shape: [1, 2])) }),
            ("g.standard_gamma(-1.0)", { _ = try $0.standardGammaThrowing(-1) }),
            ("g.gamma(1.0, -2.0)", { _ = try $0.gammaThrowing(1, scale: -2) }),
            ("g.beta(0.0, 1.0)", { _ = try $0.betaThrowing(0, 1) }),
            ("g.beta(1.0, -1.0)", { _ = try $0.betaThrowing(1, -1) }),
            ("g.chisquare(0.0)", { _ = try $0.chisquareThrowing(0) }),
            ("g.standard_t(-1.0)", { _ = try $0.standardTThrowing(-1) }),
            ("g.lognormal(0.0, -1.0)", { _ = try $0.lognormalThrowing(mean: 0, sigma: -1) }),
            ("g.laplace(0.0, -1.0)", { _ = try $0.laplaceThrowing(loc: 0, scale: -1) }),
            ("g.logistic(0.0, -1.0)", { _ = try $0.logisticThrowing(loc: 0, scale: -1) }),
            ("g.poisson(-1.0)", { _ = try $0.poissonThrowing(-1) }),
            ("g.poisson(np.nan)", { _ = try $0.poissonThrowing(.nan) }),
            ("g.poisson(1e19)", { _ = try $0.poissonThrowing(1e19) }),
            ("g.geometric(0.0)", { _ = try $0.geometricThrowing(0) }),
            ("g.geometric(1.5)", { _ = try $0.geometricThrowing(1.5) }),
            ("g.choice(3, 3, replace=False, p=[0.5, 0.5, 0.0])", { _ = try $0.choiceThrowing(3, shape: [3], replace: false, p: NDArray([0.5, 0.5, 0.0])) }),
        ]
        let batch = NumPyBatch(preamble: "g = np.random.default_rng(0)")
        for (python, _) in cases { batch.add(python, []) }
        let expected = try batch.run()
        var failures: [String] = []
        for ((python, call), output) in zip(cases, expected) {
            var g = G(seed: 0)
            guard let numpyError = output.first?.error else {
                failures.append("\(python): NumPy did not raise")
                continue
            }
            do {
                try call(&g)
                failures.append("\(python): did not throw; NumPy raised \(numpyError)")
            } catch let error as TesseraError {
                let numpyMessage = String(numpyError.drop(while: { $0 != ":" }).dropFirst(2))
                if error.message != numpyMessage { failures.append("\(python): \"\(error.message)\" vs NumPy's \"\(numpyMessage)\"") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("SeedSequence pools, generate_state and spawn match NumPy")
    func seedSequence() throws {
        let batch = NumPyBatch()
        let words = batch.add("np.random.SeedSequence([1, 2**40 + 3, 0]).generate_state(9)", [])
        let words64 = batch.add("np.random.SeedSequence(2**64 - 1, pool_size=6).generate_state(5, np.uint64)", [])
        let pool = batch.add("np.random.SeedSequence([5] * 9).pool", [])
        let spawned = batch.add("tuple(s.generate_state(4) for s in np.random.SeedSequence(7).spawn(3))", [])
        let spawnedTwice = batch.add("(lambda s: (s.spawn(2), s.spawn(1)[0].generate_state(3))[1])(np.random.SeedSequence(7))", [])
        let expected = try batch.run()
        #expect(differenceFromNumPy(NDArray(Random.SeedSequence([1, (1 << 40) + 3, 0]).generateState(9)), expected[words][0]) == nil)
        #expect(differenceFromNumPy(NDArray(Random.SeedSequence(UInt64.max, poolSize: 6).generateState64(5)), expected[words64][0]) == nil)
        #expect(differenceFromNumPy(NDArray(Random.SeedSequence([UInt64](repeating: 5, count: 9)).pool), expected[pool][0]) == nil)
        var root = Random.SeedSequence(7)
        let children = root.spawn(3)
        for (child, output) in zip(children, expected[spawned]) {
            #expect(differenceFromNumPy(NDArray(child.generateState(4)), output) == nil)
        }
        #expect(root.childrenSpawned == 3)
        var again = Random.SeedSequence(7)
        _ = again.spawn(2)
        #expect(differenceFromNumPy(NDArray(again.spawn(1)[0].generateState(3)), expected[spawnedTwice][0]) == nil)
    }

    @Test("PCG64 advance and jumped match NumPy; the generator works with Swift's random APIs")
    func advanceAndJumped() throws {
        let batch = NumPyBatch()
        let advanced = batch.add("(lambda b: (b.random_raw(1), b.advance(12345678901234567890123), b.random_raw(3))[2])(np.random.PCG64(42))", [])
        let jumped = batch.add("np.random.PCG64(42).jumped(3).random_raw(3)", [])
        let raw = batch.add("np.random.PCG64(2**63 + 5).random_raw(4)", [])
        let expected = try batch.run()
        var b = Random.PCG64(seed: 42)
        _ = b.nextUInt64()
        b.advance(12_345_678_901_234_567_890_123)
        #expect(differenceFromNumPy(NDArray((0..<3).map { _ in b.nextUInt64() }), expected[advanced][0]) == nil)
        var j = Random.PCG64(seed: 42).jumped(3)
        #expect(differenceFromNumPy(NDArray((0..<3).map { _ in j.nextUInt64() }), expected[jumped][0]) == nil)
        var r = Random.PCG64(seed: (1 << 63) + 5)
        #expect(differenceFromNumPy(NDArray((0..<4).map { _ in r.nextUInt64() }), expected[raw][0]) == nil)
        // advanced(by:) keeps the buffered half, so a parallel piece sees the sequential stream.
        var s = Random.PCG64(seed: 1)
        _ = s.nextUInt32()
        let ahead = try #require(s.advanced(by: 5))
        var t = s
        for _ in 0..<5 { _ = t.nextUInt64() }
        #expect(ahead == t)
        var g = Random.PCG64(seed: 3)
        let x = Int.random(in: 0..<10, using: &g)
        #expect((0..<10).contains(x))
    }
}
