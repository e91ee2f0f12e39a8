import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// The OpenMP backend's parallel sort must give exactly the single-threaded result: the
/// same bits in the same order for `sort` (both kinds: the kernels it wraps are stable from
/// 512 elements on); `argsort` (not split) the same indices. Inputs are long enough to be
/// split, with duplicates, NaNs and both zeros so that ties decide the order.
@Suite struct ParallelSortTests {
    @Test("sort and argsort of long lanes are bitwise the sequential ones, 2 and 8 threads")
    func parallelSortMatchesSequential() throws {
        guard OpenMPRegistries.isAvailable else {
            Issue.record("libomp.so.5 must be installed (bash ci/setup.sh)")
            return
        }
        let types: [DType] = [.float64, .float32, .float16, .int64, .int8, .bool]
        var rng = SeededGenerator(seed: 4242)
        for (n, dtype) in types.enumerated() {
            let length = 2 * (Threading.minimumSortSplitCount + Int.random(in: 0...35_000, using: &rng))
            let poolSize = [5, 1000, 100_000][n % 3]
            let pool = ArrayGenerators.values(dtype, count: poolSize, seed: rng.next()).copy()
            let positions = NDArray((0..<length).map { _ in Int64.random(in: 0..<Int64(poolSize), using: &rng) })
            var x = pool.take(positions)
            // A 2-D array sorted along its long axis 0 (a strided lane) in one case in three.
            if n % 3 == 1 { x = x.reshaped([length / 2, 2]) }
            let axis = 0
            for kind in SortKind.allCases {
                let expected = Backends.withRegistry(OpenMPRegistries.scalar) { (x.sorted(axis: axis, kind: kind), x.argsort(axis: axis, kind: kind)) }
                for threads in [2, 8] {
                    let registry = OpenMPRegistries.byThreads[threads]!
                    let actual = Backends.withRegistry(registry) { (x.sorted(axis: axis, kind: kind), x.argsort(axis: axis, kind: kind)) }
                    #expect(bits(actual.0) == bits(expected.0), "sort \(dtype) \(x.shape) \(kind) \(threads) threads")
                    #expect(actual.1.toArray(Int64.self) == expected.1.toArray(Int64.self), "argsort \(dtype) \(x.shape) \(kind) \(threads) threads")
                }
            }
        }
    }

    @Test("the wrapper is installed for every real dtype and kind, and short lanes skip it")
    func wrapperInstalled() throws {
        guard OpenMPRegistries.isAvailable else { return }
        let loops = OpenMPRegistries.byThreads[2]!.sortLoops.loops.filter { !$0.dtype.isComplex }
        #expect(!loops.isEmpty && loops.allSatisfy { $0.backend == "openmp" })
        let short = NDArray([3.0, -0.0, .nan, 0.0, 1.0])
        let result = Backends.withRegistry(OpenMPRegistries.byThreads[2]!) { short.sorted() }
        #expect(bits(result) == bits(NDArray([-0.0, 0.0, 1.0, 3.0, .nan])))
    }
}
