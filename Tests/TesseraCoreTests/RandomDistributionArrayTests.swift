import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// binomial, multinomial, permuted and the distributions with array parameters against live
/// NumPy for every seed of ``RandomStreamTests``: values bit for bit and the state after.
@Suite struct RandomDistributionArrayTests {
    typealias Step = RandomStreamTests.Step

    static func compare(_ steps: [Step]) throws {
        let (failures, compared) = try RandomStreamTests.compare(steps)
        #expect(compared == RandomStreamTests.seeds.count * (steps.count + 1))
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("binomial (inversion, BTPE and their complements) and multinomial match NumPy")
    func binomialAndMultinomial() throws {
        let ns = NDArray([Int64(5), 50, 500, 40000])
        let ps = NDArray([0.1, 0.6, 0.97], shape: [3, 1])
        try Self.compare([
            Step("g.binomial(10, 0.3, 200)") { [$0.binomial(10, 0.3, shape: [200])] },
            Step("g.binomial(1000, 0.4, 300)") { [$0.binomial(1000, 0.4, shape: [300])] },
            Step("g.binomial(100, 0.9, 200)") { [$0.binomial(100, 0.9, shape: [200])] },
            Step("g.binomial(5000, 0.7, 200)") { [$0.binomial(5000, 0.7, shape: [200])] },
            Step("g.binomial(61, 0.5, 300)") { [$0.binomial(61, 0.5, shape: [300])] },
            Step("g.binomial(2**40, 0.3, 50)") { [$0.binomial(1 << 40, 0.3, shape: [50])] },
            Step("g.binomial(0, 0.5, 3)") { [$0.binomial(0, 0.5, shape: [3])] },
            Step("g.binomial(7, 0.0, 3)") { [$0.binomial(7, 0, shape: [3])] },
            Step("g.binomial(7, 1.0, 3)") { [$0.binomial(7, 1, shape: [3])] },
            Step("g.binomial(12, 0.25)") { [$0.binomial(12, 0.25)] },
            Step("g.binomial(np.array([5, 50, 500, 40000]), np.array([0.1, 0.6, 0.97]).reshape(3, 1))") { [$0.binomial(n: ns, p: ps)] },
            Step("g.binomial(np.array([5, 50, 500, 40000]), 0.45, size=(2, 4))") { [$0.binomial(n: ns, p: NDArray(scalar: 0.45), shape: [2, 4])] },
            Step("g.multinomial(20, [0.2, 0.3, 0.5], size=4)") { [$0.multinomial(20, pvals: [0.2, 0.3, 0.5], shape: [4])] },
            Step("g.multinomial(100000, [0.1] * 10, size=(2, 3))") { [$0.multinomial(100_000, pvals: [Double](repeating: 0.1, count: 10), shape: [2, 3])] },
            Step("g.multinomial(5, [0.5, 0.5, 0.0])") { [$0.multinomial(5, pvals: [0.5, 0.5, 0])] },
            Step("g.multinomial(0, [0.3, 0.7], size=2)") { [$0.multinomial(0, pvals: [0.3, 0.7], shape: [2])] },
            Step("g.multinomial(9, [0.6, 0.3, 7.0])") { [$0.multinomial(9, pvals: [0.6, 0.3, 0.7])] },
            Step("g.random(2)") { [$0.random([2])] },
        ].map { step in
            // `multinomial(9, [0.6, 0.3, 7.0])` is not a valid NumPy call (7.0 > 1); keep the
            // last entry unread but valid on both sides.
            step.python.contains("7.0") ? Step(step.python.replacingOccurrences(of: "7.0", with: "0.7"), step.swift) : step
        })
    }

    @Test("normal, uniform, exponential, gamma, standard_gamma and poisson with array parameters match NumPy")
    func arrayParameters() throws {
        let locs = NDArray([0.0, 1.0, -2.0])
        let scales = NDArray([1.0, 2.5], shape: [2, 1])
        let ks = NDArray([0.5, 1.0, 3.5, 0.0])
        let lams = NDArray([0.0, 3.5, 12.0, 1e5])
        try Self.compare([
            Step("g.normal(np.array([0.0, 1.0, -2.0]), np.array([1.0, 2.5]).reshape(2, 1))", slack: RandomStreamTests.zigguratSlack) { [$0.normal(loc: locs, scale: scales)] },
            Step("g.normal(np.array([0.0, 1.0, -2.0]), 3.0, size=(4, 3))", slack: RandomStreamTests.zigguratSlack) { [$0.normal(loc: locs, scale: NDArray(scalar: 3.0), shape: [4, 3])] },
            Step("g.uniform(np.array([0.0, 1.0, -2.0]), np.array([1.0, 2.5]).reshape(2, 1))") { [$0.uniform(low: locs, high: scales)] },
            Step("g.uniform(0.0, np.array([1.0, 2.5]).reshape(2, 1), size=(2, 5))") { [$0.uniform(low: NDArray(scalar: 0.0), high: scales, shape: [2, 5])] },
            Step("g.exponential(np.array([1.0, 2.5]).reshape(2, 1), size=(2, 3))") { [$0.exponential(scale: scales, shape: [2, 3])] },
            Step("g.standard_gamma(np.array([0.5, 1.0, 3.5, 0.0]), size=(50, 4))", slack: RandomStreamTests.zigguratSlack) { [$0.standardGamma(ks, shape: [50, 4])] },
            Step("g.gamma(np.array([0.5, 1.0, 3.5, 0.0]), np.array([1.0, 2.5]).reshape(2, 1))", slack: RandomStreamTests.zigguratSlack) { [$0.gamma(ks, scale: scales)] },
            Step("g.poisson(np.array([0.0, 3.5, 12.0, 1e5]), size=(30, 4))") { [$0.poisson(lams, shape: [30, 4])] },
            Step("g.poisson(np.array([[2.0], [50.0]]))") { [$0.poisson(NDArray([2.0, 50.0], shape: [2, 1]))] },
            Step("g.integers(np.array([0, 5]), np.array([[10], [1000]]))") { [$0.integers(low: NDArray([Int64(0), 5]), high: NDArray([Int64(10), 1000], shape: [2, 1]))] },
            Step("g.normal(np.zeros((0, 3)), 1.0)", slack: RandomStreamTests.zigguratSlack) { [$0.normal(loc: NDArray.zeros([0, 3]), scale: NDArray(scalar: 1.0))] },
            Step("g.random(2)") { [$0.random([2])] },
        ])
    }

    @Test("random and integers block fills (two interleaved LCG chains) match NumPy at every length, kept half and rejections included")
    func blockFills() throws {
        var steps: [Step] = []
        for count in [1, 2, 3, 511, 512, 513, 1001] {
            steps.append(Step("g.random(\(count))") { [$0.random([count])] })
            steps.append(Step("g.integers(0, 1000, size=\(count))") { [$0.integers(0, 1000, shape: [count])] })
            // 2^31 + 1 values: Lemire's method rejects about half of the 32-bit draws.
            steps.append(Step("g.integers(0, 2**31 + 1, size=\(count))") { [$0.integers(0, (Int64(1) << 31) + 1, shape: [count])] })
            steps.append(Step("g.integers(7, 2**32 - 5, size=\(count), dtype=np.uint64)") { [$0.integers(7, (Int64(1) << 32) - 5, shape: [count], dtype: .uint64)] })
        }
        steps.append(Step("g.random(3)") { [$0.random([3])] })
        try Self.compare(steps)
    }

    @Test("permuted along an axis, flat, into out, for C- and F-ordered inputs, matches NumPy")
    func permuted() throws {
        let cube = NDArray.arange(24, dtype: .int64).reshaped([2, 3, 4])
        let grid = NDArray.arange(0.0, 12.0).reshaped([3, 4])
        let fortran = grid.transposed()
        let shorts = NDArray.arange(30, dtype: .int16).reshaped([5, 6])
        try Self.compare([
            Step("g.permuted(np.arange(24).reshape(2, 3, 4), axis=1)") { [$0.permuted(cube, axis: 1)] },
            Step("g.permuted(np.arange(24).reshape(2, 3, 4), axis=-1)") { [$0.permuted(cube, axis: -1)] },
            Step("g.permuted(np.arange(24).reshape(2, 3, 4))") { [$0.permuted(cube)] },
            Step("g.permuted(np.arange(12.0).reshape(3, 4).T)") { [$0.permuted(fortran)] },
            Step("g.permuted(np.arange(12.0).reshape(3, 4).T, axis=0)") { [$0.permuted(fortran, axis: 0)] },
            Step("g.permuted(np.arange(30, dtype=np.int16).reshape(5, 6), axis=0)") { [$0.permuted(shorts, axis: 0)] },
            Step("g.permuted(np.arange(7))") { [$0.permuted(NDArray.arange(7, dtype: .int64))] },
            Step("g.permuted(np.arange(40.0)[::-3])") { [$0.permuted(NDArray.arange(0.0, 40.0)[NDIndex.slice(nil, nil, -3)])] },
            Step("(lambda o: (g.permuted(np.arange(12).reshape(3, 4), axis=1, out=o), o)[1])(np.zeros((3, 4)))") { g in
                var out = NDArray.zeros([3, 4])
                g.permuted(NDArray.arange(12, dtype: .int64).reshaped([3, 4]), axis: 1, out: &out)
                return [out]
            },
            Step("g.permuted(np.zeros((0, 3)), axis=1)") { [$0.permuted(NDArray.zeros([0, 3]), axis: 1)] },
            // Large enough for the blocked shuffle (2048 words drawn ahead); one 32-bit draw
            // before each leaves a kept half or uses one up, so blocks start on either.
            Step("g.integers(0, 10, size=1)") { [$0.integers(0, 10, shape: [1])] },
            Step("g.permutation(100003)") { [$0.permutation(100_003)] },
            Step("g.integers(0, 10, size=1)") { [$0.integers(0, 10, shape: [1])] },
            Step("g.permuted(np.arange(70001.0))") { [$0.permuted(NDArray.arange(0.0, 70001.0))] },
            Step("g.permutation(np.arange(16400).reshape(8200, 2))") { [$0.permutation(NDArray.arange(16400, dtype: .int64).reshaped([8200, 2]))] },
            Step("g.permutation(np.arange(9000.0))") { [$0.permutation(NDArray.arange(0.0, 9000.0))] },
            Step("shuffled(g, np.arange(65536 + 63))") { g in
                var a = NDArray.arange(65536 + 63, dtype: .int64)
                g.shuffle(&a)
                return [a]
            },
            Step("g.random(2)") { [$0.random([2])] },
        ])
    }

    @Test("multivariate_normal draws NumPy's normals (state equal) and its values within rounding")
    func multivariateNormal() throws {
        typealias G = Random.Generator<Random.PCG64>
        let cov = NDArray([2.0, 0.6, 0.2, 0.6, 1.0, -0.3, 0.2, -0.3, 0.5], shape: [3, 3])
        let mean = NDArray([1.0, -1.0, 0.5])
        let diagonal = NDArray([4.0, 0, 0, 1], shape: [2, 2])
        let batch = NumPyBatch(preamble: RandomStreamTests.preamble)
        var cases: [(String, (inout G) -> NDArray)] = []
        for (method, swiftMethod) in [("cholesky", Random.CovarianceFactorization.cholesky), ("svd", .svd), ("eigh", .eigh)] {
            cases.append(("g.multivariate_normal([1.0, -1.0, 0.5], np.array(\(cov.toArray(Double.self))).reshape(3, 3), size=(40, 2), method='\(method)')", { $0.multivariateNormal(mean: mean, cov: cov, shape: [40, 2], method: swiftMethod) }))
            cases.append(("g.multivariate_normal([0.0, 3.0], [[4.0, 0.0], [0.0, 1.0]], size=5, method='\(method)')", { $0.multivariateNormal(mean: NDArray([0.0, 3.0]), cov: diagonal, shape: [5], method: swiftMethod) }))
        }
        for seed in RandomStreamTests.seeds {
            for (python, _) in cases { batch.add("seq(\(seed.python), lambda g: \(python))", []) }
        }
        let expected = try batch.run()
        var failures: [String] = []
        var index = 0
        for seed in RandomStreamTests.seeds {
            for (python, call) in cases {
                var g = seed.make()
                let ours = call(&g)
                let outputs = expected[index]
                index += 1
                guard outputs.count == 2, outputs[0].dtype == "<f8" else {
                    failures.append("\(seed.python) \(python): NumPy \(outputs.first?.error ?? "?")")
                    continue
                }
                if let problem = differenceFromNumPy(RandomStreamTests.state(g), outputs[1]) {
                    failures.append("\(seed.python) \(python): state \(problem)")
                }
                if ours.shape != outputs[0].shape { failures.append("\(seed.python) \(python): shape \(ours.shape) vs \(outputs[0].shape)"); continue }
                let a = ours.toArray(Double.self)
                let b = outputs[0].bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
                let worst = zip(a, b).map { abs($0 - $1) / Swift.max(1, abs($1)) }.max() ?? 0
                if worst > 1e-12 { failures.append("\(seed.python) \(python): relative difference \(worst)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("binomial, multinomial, multivariate_normal, permuted and array parameters throw NumPy's messages")
    func errors() throws {
        typealias G = Random.Generator<Random.PCG64>
        let cases: [(String, (inout G) throws -> Void)] = [
            ("g.binomial(-1, 0.5)", { _ = try $0.binomialThrowing(-1, 0.5) }),
            ("g.binomial(-1, 1.5)", { _ = try $0.binomialThrowing(-1, 1.5) }),
            ("g.binomial(3, np.nan)", { _ = try $0.binomialThrowing(3, .nan) }),
            ("g.binomial(np.array([3, -1]), 0.5)", { _ = try $0.binomialThrowing(n: NDArray([Int64(3), -1]), p: NDArray(scalar: 0.5)) }),
            ("g.binomial(np.array([3, 1]), np.array([0.5, 2]))", { _ = try $0.binomialThrowing(n: NDArray([Int64(3), 1]), p: NDArray([0.5, 2])) }),
            ("g.multinomial(3, [0.5, 0.7, 0.1])", { _ = try $0.multinomialThrowing(3, pvals: [0.5, 0.7, 0.1]) }),
            ("g.multinomial(3, [])", { _ = try $0.multinomialThrowing(3, pvals: []) }),
            ("g.multinomial(3, [-0.1, 1.1])", { _ = try $0.multinomialThrowing(3, pvals: [-0.1, 1.1]) }),
            ("g.multinomial(-1, [0.5, 0.5])", { _ = try $0.multinomialThrowing(-1, pvals: [0.5, 0.5]) }),
            ("g.multivariate_normal([0, 0], [[1, 0], [0, 1], [1, 1]])", { _ = try $0.multivariateNormalThrowing(mean: NDArray([0.0, 0]), cov: NDArray([1.0, 0, 0, 1, 1, 1], shape: [3, 2])) }),
            ("g.multivariate_normal([[0, 0]], [[1, 0], [0, 1]])", { _ = try $0.multivariateNormalThrowing(mean: NDArray([0.0, 0], shape: [1, 2]), cov: NDArray([1.0, 0, 0, 1], shape: [2, 2])) }),
            ("g.multivariate_normal([0, 0, 0], [[1, 0], [0, 1]])", { _ = try $0.multivariateNormalThrowing(mean: NDArray([0.0, 0, 0]), cov: NDArray([1.0, 0, 0, 1], shape: [2, 2])) }),
            ("g.multivariate_normal([0, 0], [[1, 2], [2, 1]], check_valid='raise')", { _ = try $0.multivariateNormalThrowing(mean: NDArray([0.0, 0]), cov: NDArray([1.0, 2, 2, 1], shape: [2, 2]), checkValid: .raise) }),
            ("g.multivariate_normal([0, 0], [[1, 2], [2, 1]], check_valid='raise', method='eigh')", { _ = try $0.multivariateNormalThrowing(mean: NDArray([0.0, 0]), cov: NDArray([1.0, 2, 2, 1], shape: [2, 2]), checkValid: .raise, method: .eigh) }),
            ("g.permuted(np.zeros((2, 3)), out=np.zeros((3, 2)))", { g in var out = NDArray.zeros([3, 2]); try g.permutedThrowing(NDArray.zeros([2, 3]), out: &out) }),
            ("g.normal(np.zeros(2), np.array([1, -0.0]))", { _ = try $0.normalThrowing(loc: NDArray.zeros([2]), scale: NDArray([1.0, -0.0])) }),
            ("g.normal(np.zeros(3), 1.0, size=(2,))", { _ = try $0.normalThrowing(loc: NDArray.zeros([3]), scale: NDArray(scalar: 1.0), shape: [2]) }),
            ("g.normal(np.zeros(3), 1.0, size=(2, 2))", { _ = try $0.normalThrowing(loc: NDArray.zeros([3]), scale: NDArray(scalar: 1.0), shape: [2, 2]) }),
            ("g.normal(np.zeros((2, 3)), 1.0, size=(3,))", { _ = try $0.normalThrowing(loc: NDArray.zeros([2, 3]), scale: NDArray(scalar: 1.0), shape: [3]) }),
            ("g.uniform(np.zeros(2), np.array([1, -1.0]))", { _ = try $0.uniformThrowing(low: NDArray.zeros([2]), high: NDArray([1.0, -1])) }),
            ("g.uniform(np.zeros(2), np.array([1, np.inf]))", { _ = try $0.uniformThrowing(low: NDArray.zeros([2]), high: NDArray([1.0, .infinity])) }),
            ("g.exponential(np.array([-1.0]))", { _ = try $0.exponentialThrowing(scale: NDArray([-1.0])) }),
            ("g.gamma(np.array([-1.0]), 1.0)", { _ = try $0.gammaThrowing(NDArray([-1.0]), scale: NDArray(scalar: 1.0)) }),
            ("g.gamma(np.array([1.0]), np.array([-1.0]))", { _ = try $0.gammaThrowing(NDArray([1.0]), scale: NDArray([-1.0])) }),
            ("g.standard_gamma(np.array([-1.0]))", { _ = try $0.standardGammaThrowing(NDArray([-1.0])) }),
            ("g.poisson(np.array([1.0, np.nan]))", { _ = try $0.poissonThrowing(NDArray([1.0, .nan])) }),
            ("g.poisson(np.array([1.0, -1]))", { _ = try $0.poissonThrowing(NDArray([1.0, -1])) }),
            ("g.poisson(np.array([1e30]))", { _ = try $0.poissonThrowing(NDArray([1e30])) }),
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
}
