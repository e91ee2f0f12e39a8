import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// `sum` over 10⁷ float32 values: pairwise summation in NumPy's order gives an error no
/// larger than NumPy's against an exact reference (Python's `math.fsum` in float64 over
/// the same float32 values).
@Suite struct SummationAccuracyTests {
    @Test func float32SumOfTenMillionIsAsAccurateAsNumPy() throws {
        let count = 10_000_000
        var rng = SeededGenerator(seed: 2026)
        let values = (0..<count).map { _ in Float.random(in: 0..<1, using: &rng) }
        let array = NDArray(values)
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        let ours = try Backends.withRegistry(registry) { try UFunc.add.reduce(array, axis: nil).item(Float.self) }

        let path = NumPyOracle.temporaryPath("sum-float32.bin")
        try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = try NumPyOracle.json([String: Double].self, """
            import math
            x = np.fromfile('\(path)', dtype=np.float32)
            print(json.dumps({'numpy': float(x.sum()), 'exact': math.fsum(x.astype(np.float64))}))
            """)
        let numpy = reference["numpy"]!, exact = reference["exact"]!
        let ourError = abs(Double(ours) - exact), numpyError = abs(numpy - exact)
        print("sum of 1e7 float32: Tessera \(ours) (error \(ourError)), NumPy \(numpy) (error \(numpyError)), exact \(exact)")
        #expect(ourError <= numpyError)
        // A naive running float32 sum would be off by far more than a few ULP of the result.
        #expect(ourError <= 16 * Double(Float(exact).ulp))
    }
}
