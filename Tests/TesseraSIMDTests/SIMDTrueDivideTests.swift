import Testing
@testable import TesseraCore
import Tessera
import _TesseraTestSupport

/// `divide` of two integer arrays through the SIMD backend's fused cast-and-divide loops
/// ('ii->d', 'll->d', …): the core picks them for arrays of one integer type and only
/// then, and the results are NumPy's (which casts to float64 and runs 'dd->d') on
/// contiguous, reversed, strided, broadcast and 2-D transposed operands, with the extreme
/// values of each type (int64 and uint64 beyond 2⁵³ round when converted).
@Suite("SIMD integer true division")
struct SIMDTrueDivideTests {
    static let integers: [DType] = [.int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64]

    static func registry() throws -> LoopRegistry {
        let registry = try scalarRegistry()
        try SIMDBackend().install(into: registry)
        return registry
    }

    @Test("arrays of one integer type resolve to the fused loop; mixed types and weak scalars do not")
    func resolution() throws {
        let registry = try Self.registry()
        for dtype in Self.integers {
            let a = NDArray(uninitializedShape: [3], dtype: dtype)
            let loop = try UFunc.divide.resolve(operands: [.array(a), .array(a)], registry: registry, dtype: nil, signature: nil).loop
            #expect(loop.signature.description == "\(dtype.character)\(dtype.character)->d" && loop.backend == "simd", "\(dtype): \(loop.signature) from \(loop.backend)")
            let weak = try UFunc.divide.resolve(operands: [.array(a), .weak(.int(3))], registry: registry, dtype: nil, signature: nil).loop
            #expect(weak.signature.description == "dd->d", "\(dtype) with a weak scalar: \(weak.signature)")
        }
        let mixed = try UFunc.divide.resolve(
            operands: [.array(NDArray(uninitializedShape: [3], dtype: .int32)), .array(NDArray(uninitializedShape: [3], dtype: .int64))],
            registry: registry, dtype: nil, signature: nil).loop
        #expect(mixed.signature.description == "dd->d")
        // The scalar backend alone has no fused loop: the buffered path.
        let scalarLoop = try UFunc.divide.resolve(operands: [.array(NDArray(uninitializedShape: [3], dtype: .int32))] + [.array(NDArray(uninitializedShape: [3], dtype: .int32))],
                                                 registry: try scalarRegistry(), dtype: nil, signature: nil).loop
        #expect(scalarLoop.signature.description == "dd->d")
    }

    @Test("NumPy's results on every layout")
    func numpy() throws {
        let registry = try Self.registry()
        let batch = NumPyBatch()
        var cases: [(NDArray, Int, String)] = []
        for (index, dtype) in Self.integers.enumerated() {
            let n = 1000 + 37 * index
            let a = ArrayGenerators.values(dtype, count: n, seed: UInt64(40 + index))
            let b = ArrayGenerators.values(dtype, count: n, seed: UInt64(80 + index))
            let reversed = NDIndex.slice(nil, nil, -1), everyThird = NDIndex.slice(nil, nil, 3)
            let square = a[NDIndex.slice(0, 900, nil)].reshaped([30, 30]), other = b[NDIndex.slice(0, 900, nil)].reshaped([30, 30])
            let views: [(NDArray, NDArray, String, String)] = [
                (a, b, "x0 / x1", "contiguous"),
                (a[reversed], b, "x0[::-1] / x1", "reversed"),
                (a[everyThird], b[everyThird], "x0[::3] / x1[::3]", "strided"),
                (a, b[NDIndex.slice(5, 6, nil)], "x0 / x1[5:6]", "broadcast"),
                (square.transposed(), other, "x0.reshape(-1)[:900].reshape(30, 30).T / x1.reshape(-1)[:900].reshape(30, 30)", "transposed"),
            ]
            for (x, y, expression, name) in views {
                let got = Backends.withRegistry(registry) { x / y }
                cases.append((got, batch.add(expression, [a, b]), "\(dtype) \(name)"))
            }
        }
        let outputs = try batch.run()
        for (got, index, name) in cases {
            #expect(differenceFromNumPy(got, outputs[index][0]) == nil, "\(name): \(String(describing: differenceFromNumPy(got, outputs[index][0])))")
        }
    }
}
