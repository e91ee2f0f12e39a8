import Testing
import Tessera
import _TesseraTestSupport

/// Large `random` and `integers` outputs are filled on several threads from an advanced copy
/// of the bit generator per piece; the values and the state afterwards must be the
/// sequential stream's for every thread count.
@Suite struct RandomParallelFillTests {
    typealias G = Random.Generator<Random.PCG64>

    static func draw(_ registry: LoopRegistry, seed: UInt64, prefixHalf: Bool, _ body: (inout G) -> NDArray) -> (NDArray, Random.PCG64) {
        Backends.withRegistry(registry) {
            var g = G(seed: seed)
            if prefixHalf { _ = g.integers(0, 7, shape: [1]) }    // leaves a buffered 32-bit half
            let result = body(&g)
            return (result, g.bitGenerator)
        }
    }

    @Test("parallel random and integers fills equal the sequential stream, state included", arguments: [2, 3])
    func parallelEqualsSequential(threads: Int) throws {
        try #require(OpenMPRegistries.isAvailable)
        let threaded = try #require(OpenMPRegistries.byThreads[threads])
        let count = (1 << 18) + 12345
        for seed: UInt64 in [0, 42] {
            for prefixHalf in [false, true] {
                let calls: [(String, (inout G) -> NDArray)] = [
                    ("random", { $0.random([count]) }),
                    ("integers 0..<1000", { $0.integers(0, 1000, shape: [count]) }),
                    // 2^32 mod 1431641432 = 43000: a rejection per ~10^5 values, so a few
                    // pieces start misplaced and must be redrawn
                    ("integers rejecting", { $0.integers(0, 1_431_641_432, shape: [count]) }),
                    // frequent rejections: the fill stays sequential
                    ("integers rejecting often", { $0.integers(-5, (Int64(1) << 31) + 7, shape: [count]) }),
                    ("integers 2^32", { $0.integers(0, Int64(1) << 32, shape: [count]) }),
                ]
                for (name, call) in calls {
                    let sequential = Self.draw(OpenMPRegistries.scalar, seed: seed, prefixHalf: prefixHalf, call)
                    let parallel = Self.draw(threaded, seed: seed, prefixHalf: prefixHalf, call)
                    #expect(firstDifference(parallel.0, sequential.0) == nil, "\(name), seed \(seed), \(threads) threads, buffered half \(prefixHalf)")
                    #expect(parallel.1 == sequential.1, "\(name): state after the fill, seed \(seed), \(threads) threads")
                    // and both continue identically
                    var a = G(parallel.1), b = G(sequential.1)
                    #expect(firstDifference(a.random([3], dtype: .float32), b.random([3], dtype: .float32)) == nil)
                }
            }
        }
    }

    @Test("a large parallel random fill matches NumPy")
    func parallelMatchesNumPy() throws {
        try #require(OpenMPRegistries.isAvailable)
        let threaded = try #require(OpenMPRegistries.byThreads[3])
        let count = 1 << 19
        let batch = NumPyBatch()
        batch.add("(lambda g: (g.random(\(count)), g.integers(0, 1000, size=\(count))))(np.random.default_rng(7))", [])
        let expected = try batch.run()[0]
        let (values, ints) = Backends.withRegistry(threaded) { () -> (NDArray, NDArray) in
            var g = G(seed: 7)
            return (g.random([count]), g.integers(0, 1000, shape: [count]))
        }
        #expect(differenceFromNumPy(values, expected[0]) == nil)
        #expect(differenceFromNumPy(ints, expected[1]) == nil)
    }
}
