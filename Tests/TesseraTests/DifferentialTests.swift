import Foundation
import Testing
import Tessera
@testable import TesseraCore
import _TesseraTestSupport

/// Differential testing against NumPy: thousands of random cases — every elementwise ufunc
/// of the catalogue on mixed dtypes, weak Swift scalars, 0-d to 5-d broadcasting shapes,
/// strided, reversed and permuted views, `out:` with `where:`, and reductions over random
/// axes — run in Tessera under every backend configuration and in NumPy (one Python
/// process per test), and compared: dtype and shape exactly, elements bitwise, or within
/// the stated ULP bound of the loop that served the call.
///
/// The seed is fixed so that CI is reproducible, and printed; `TESSERA_DIFF_SEED=<n>` runs
/// another set. A failing case is shrunk and printed as a Swift and a NumPy snippet.
@Suite("Differential testing against NumPy", .serialized)
struct DifferentialTests {
    static let defaultSeed: UInt64 = 0x7E55_E4A0_0009
    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["TESSERA_DIFF_SEED"], !text.isEmpty else { return defaultSeed }
        guard let value = UInt64(text) ?? UInt64(text.replacingOccurrences(of: "0x", with: ""), radix: 16) else {
            fatalError("TESSERA_DIFF_SEED=\(text) is not an unsigned integer")
        }
        return value
    }

    /// Every backend configuration (a missing backend makes `makeRegistry` throw: a failure).
    static let configurations = ["scalar", "sleef", "openblas", "openmp", "all"]

    /// How many failing cases are shrunk and printed in full.
    static let shrunkCount = 3

    @Test("elementwise ufunc calls agree with NumPy under every configuration")
    func elementwise() throws {
        let seed = Self.seed
        print("DifferentialTests.elementwise: seed \(seed) (TESSERA_DIFF_SEED=\(seed) reproduces it)")
        var cases: [DifferentialCase] = []
        for index in 0..<8000 {
            var generator = DifferentialGenerator(seed: seed, salt: 1, index: index)
            cases.append(generator.call(large: index % 100 == 99))
        }
        try check(cases, label: "elementwise")
    }

    @Test("add/multiply/maximum/minimum.reduce agree with NumPy under every configuration")
    func reductions() throws {
        let seed = Self.seed
        print("DifferentialTests.reductions: seed \(seed) (TESSERA_DIFF_SEED=\(seed) reproduces it)")
        var cases: [DifferentialCase] = []
        for index in 0..<3000 {
            var generator = DifferentialGenerator(seed: seed, salt: 2, index: index)
            cases.append(generator.reduction())
        }
        try check(cases, label: "reductions")
    }

    /// One registry of every backend, with SLEEF and SIMD at `instructionSet` (no SIMD with
    /// `simd: false`) and OpenMP at `threads`.
    static func allBackends(instructionSet: SLEEFBackend.InstructionSet, threads: Int, simd: Bool = true) throws -> LoopRegistry {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        if simd {
            let level: InstructionSetLevel = switch instructionSet {
            case .sse2: .sse2
            case .avx2: .avx2
            case .avx512f: .avx512
            }
            try SIMDBackend(instructionSet: level).install(into: registry)
        }
        try OpenBLASBackend().install(into: registry)
        try SLEEFBackend(instructionSet: instructionSet).install(into: registry)
        try OpenMPBackend(threadCount: threads).install(into: registry)
        return registry
    }

    @Test("results of exactly rounded loops and of reductions do not depend on the instruction set or the thread count")
    func independentOfInstructionSetAndThreads() throws {
        let seed = Self.seed
        var cases: [DifferentialCase] = []
        for index in 0..<3000 {
            var generator = DifferentialGenerator(seed: seed, salt: 1, index: index)
            cases.append(generator.call(large: index % 50 == 49))
        }
        for index in 0..<1000 {
            var generator = DifferentialGenerator(seed: seed, salt: 2, index: index)
            cases.append(generator.reduction())
        }
        let supported = SLEEFBackend.InstructionSet.allCases.filter(\.isSupported)
        let widest = try #require(supported.max())
        var variants: [(String, LoopRegistry)] = []
        for instructionSet in supported { variants.append(("\(instructionSet), 2 threads", try Self.allBackends(instructionSet: instructionSet, threads: 2))) }
        for threads in [1, 3] { variants.append(("\(widest), \(threads) threads", try Self.allBackends(instructionSet: widest, threads: threads))) }
        // The SIMD backend's loops against the scalar ones they replace.
        variants.append(("\(widest), 2 threads, no simd", try Self.allBackends(instructionSet: widest, threads: 2, simd: false)))
        // Ufuncs with a loop that states a ULP bound (vector math) may differ between
        // instruction sets within it (checked against NumPy and mpmath elsewhere); all
        // others, and every reduction, must not differ at all.
        let bounded = Set(variants.flatMap { _, registry in
            registry.ufuncNames.filter { name in
                guard let ufunc = try? UFunc.named(name) else { return false }
                return registry.loops(for: ufunc).contains { $0.maxULPError != nil }
            }
        })
        let outcomes = variants.map { _, registry in
            Backends.withRegistry(registry) { cases.map { c in try? c.run() } }
        }
        var compared = 0, failures: [String] = []
        for (index, c) in cases.enumerated() where c.reduction != nil || !bounded.contains(c.ufunc.name) {
            guard let reference = outcomes[0][index] else { continue }
            compared += 1
            for v in 1..<variants.count {
                guard let outputs = outcomes[v][index] else {
                    failures.append("#\(index) \(c.summary): throws under \(variants[v].0) only")
                    continue
                }
                for (a, b) in zip(reference, outputs) where a.dtype != b.dtype || a.shape != b.shape || Self.bytes(a) != Self.bytes(b) {
                    failures.append("#\(index) \(c.summary): \(variants[0].0) and \(variants[v].0) differ")
                }
            }
        }
        print("DifferentialTests.independentOfInstructionSetAndThreads: \(compared) of \(cases.count) cases compared bitwise across \(variants.map(\.0))")
        #expect(compared > cases.count / 2)
        #expect(failures.isEmpty, "\(failures.count) differences:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    static func bytes(_ array: NDArray) -> [UInt8] {
        let contiguous = array.copy(order: .c)
        return Array(UnsafeRawBufferPointer(start: contiguous.baseAddress, count: contiguous.nbytes))
    }

    /// Regression (found by this suite): a Swift scalar is converted once, from full
    /// precision, to the dtype of the loop that runs — not first to the array's dtype.
    @Test("weak scalars keep full precision and non-finite parts, converted to the loop's input dtype")
    func weakScalarsTakeTheLoopDType() throws {
        let float32 = NDArray([2] as [Float])
        // float_power runs 'dd->d': 0.1 stays the Double 0.1, not Float(0.1).
        #expect(try UFunc.floatPower(float32, 0.1).toArray(Double.self) == [Foundation.pow(2.0, 0.1)])
        #expect(try UFunc.floatPower(0.1, float32).toArray(Double.self) == [0.1 * 0.1])
        // divide runs 'dd->d' for uint8: -8 and 300 need not fit uint8 (NumPy: -2.666…, 150.0).
        let uint8 = NDArray([3, 2] as [UInt8])
        #expect(try UFunc.divide(-8, uint8).toArray(Double.self) == [-8.0 / 3, -4])
        #expect(try UFunc.divide(300, uint8).toArray(Double.self) == [100, 150])
        // arctan2 of int8 runs 'ee->e': 300 is fine as float16.
        #expect(try UFunc.arctan2(NDArray([1] as [Int8]), 300).dtype == .float16)
        // A complex Swift scalar keeps non-finite parts (swift-numerics' `real` reads NaN).
        let fmin = try UFunc.fmin.call([Complex<Double>(-2.5, .infinity), NDArray([0] as [Float])])[0]
        #expect(fmin.toArray(Complex<Float>.self).map { "\($0.rawStorage)" } == ["(x: -2.5, y: inf)"])
        let maximum = try UFunc.maximum.call([Complex<Double>(.nan, -0.5), NDArray(scalar: Int8(0))])[0]
        #expect(maximum.item(Complex<Double>.self).rawStorage.y == -0.5)
        // Where the loop is the array's integer type, an out-of-range value still throws.
        #expect(throws: TesseraError.self) { try UFunc.add(NDArray([1] as [Int8]), 300) }
    }

    /// Regression (found by this suite): reducing zero elements without an identity throws
    /// even when the result is empty too, as in NumPy (`np.minimum.reduce(np.zeros((0, 0)), axis=0)`).
    @Test("an empty reduction without identity throws whenever it reduces zero elements")
    func emptyReductionWithoutIdentity() throws {
        #expect(throws: TesseraError.self) { try UFunc.minimum.reduce(NDArray.zeros([0, 0]), axes: [0]) }
        #expect(throws: TesseraError.self) { try UFunc.maximum.reduce(NDArray.zeros([0, 3]), axes: [0]) }
        #expect(try UFunc.minimum.reduce(NDArray.zeros([0, 3]), axes: [1]).shape == [0])
        #expect(try UFunc.minimum.reduce(NDArray.zeros([0, 0]), axes: [0], initial: 1).shape == [0])
        #expect(try UFunc.minimum.reduce(NDArray.zeros([0, 0]), axes: []).shape == [0, 0])
    }

    /// Runs the cases in NumPy once and in Tessera under each configuration; shrinks and
    /// prints the first failures.
    func check(_ cases: [DifferentialCase], label: String) throws {
        let batch = NumPyBatch()
        for c in cases { try c.add(to: batch) }
        var clock = ContinuousClock.now
        let expected = try batch.run()
        print("DifferentialTests.\(label): NumPy \(ContinuousClock.now - clock)")
        #expect(expected.count == cases.count)
        var rejectedByBoth = 0
        var failures: [(index: Int, configuration: String, message: String)] = []
        for configuration in Self.configurations {
            clock = .now
            let registry = try Backends.makeRegistry(configuration)
            defer { print("DifferentialTests.\(label): \(configuration) \(ContinuousClock.now - clock)") }
            Backends.withRegistry(registry) {
                for (index, c) in cases.enumerated() {
                    let outcome = Result { try c.run() }
                    if case .failure = outcome, expected[index].first?.error != nil, configuration == "scalar" { rejectedByBoth += 1 }
                    if let message = DifferentialJudge.judge(c, outcome, expected[index]) {
                        failures.append((index, configuration, message))
                    }
                }
            }
        }
        // Disagreements explained by a known, reported library bug are known issues.
        var known: [String: [String]] = [:]
        failures.removeAll { failure in
            guard let bug = DifferentialJudge.knownIssue(cases[failure.index], failure.message) else { return false }
            known[bug, default: []].append("#\(failure.index) [\(failure.configuration)] \(cases[failure.index].summary): \(failure.message.prefix(300))")
            return true
        }
        for (bug, instances) in known.sorted(by: { $0.key < $1.key }) {
            withKnownIssue(Comment(rawValue: bug), isIntermittent: true) {
                Issue.record("\(instances.count) disagreements, e.g.\n\(instances.prefix(3).joined(separator: "\n"))")
            }
        }
        print("DifferentialTests.\(label): \(cases.count) cases × \(Self.configurations.count) configurations; \(rejectedByBoth) rejected by both; \(known.values.map(\.count).reduce(0, +)) known-issue and \(failures.count) other disagreements")
        let failingCases = Array(Set(failures.map(\.index))).sorted()
        for index in failingCases.prefix(Self.shrunkCount) {
            let failure = failures.first { $0.index == index }!
            let registry = try Backends.makeRegistry(failure.configuration)
            let (small, message) = try shrink(cases[index], message: failure.message, registry: registry)
            let configurations = failures.filter { $0.index == index }.map(\.configuration)
            Issue.record("""
                case #\(index) (seed \(Self.seed)) disagrees with NumPy under \(configurations.joined(separator: ", ")): \(failure.message)
                shrunk: \(message)
                Swift:
                \(small.swiftSnippet(configuration: failure.configuration))
                NumPy:
                \(small.numpySnippet)
                """)
        }
        if failingCases.count > Self.shrunkCount {
            let rest = failingCases.dropFirst(Self.shrunkCount).prefix(20).map { index in
                let failure = failures.first { $0.index == index }!
                return "#\(index) [\(failure.configuration)] \(cases[index].summary): \(failure.message.prefix(200))"
            }
            Issue.record("\(failingCases.count - Self.shrunkCount) more failing cases:\n\(rest.joined(separator: "\n"))")
        }
    }

    /// Shrinks a failing case while it still fails under `registry`: a round tries every
    /// candidate of ``DifferentialCase/shrinkCandidates()`` in one NumPy batch and keeps the
    /// first that still fails.
    func shrink(_ failing: DifferentialCase, message: String, registry: LoopRegistry) throws -> (DifferentialCase, String) {
        var current = failing, currentMessage = message
        let deadline = ContinuousClock.now + .seconds(20)
        for _ in 0..<40 where ContinuousClock.now < deadline {
            let candidates = current.shrinkCandidates()
            if candidates.isEmpty { break }
            let batch = NumPyBatch()
            for c in candidates { try c.add(to: batch) }
            let expected = try batch.run()
            let next = Backends.withRegistry(registry) {
                zip(candidates, expected).lazy.compactMap { c, reference in
                    DifferentialJudge.judge(c, Result { try c.run() }, reference).map { (c, $0) }
                }.first
            }
            guard let next else { break }
            (current, currentMessage) = next
        }
        return (current, currentMessage)
    }
}
