import Testing
@testable import TesseraCore
import Tessera
import _TesseraTestSupport

/// `argmax`/`argmin` through the SIMD backend's method loops give the core scan's index at
/// every level: runs below and above the block size, ties (zeros of both signs among them),
/// NaNs early, late and in the tail, strided and reversed views; and NumPy's on a sample.
@Suite("SIMD argmax/argmin")
struct SIMDArgExtremumTests {
    static func registry(_ level: InstructionSetLevel?) throws -> LoopRegistry {
        let registry = try scalarRegistry()
        if let level { try SIMDBackend(instructionSet: level).install(into: registry) }
        return registry
    }

    static let dtypes: [DType] = [.int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .float32, .float64]
    static let lengths = [1, 2, 7, 64, 300, 2047, 2048, 2049, 4096, 5000, 9999]

    /// Values with many ties: a few distinct values, zeros of both signs, and for floats
    /// NaNs at chosen places (none, early, in the last full block, in the tail).
    static func values(_ dtype: DType, n: Int, seed: UInt64, nanAt: Int?) -> NDArray {
        var rng = SeededGenerator(seed: seed)
        let palette: [Double] = dtype.isFloatingPoint ? [0, -0.0, 1, -1, 2.5, -2.5, 1e30, -1e30] : [0, 1, 2, 3, 100, 5]
        var doubles = (0..<n).map { _ in palette.randomElement(using: &rng)! }
        if let nanAt, nanAt < n, dtype.isFloatingPoint {
            doubles[nanAt] = .nan
            if nanAt + 3 < n { doubles[nanAt + 3] = -.nan }
        }
        return NDArray(doubles).astype(dtype)
    }

    @Test("equal to the core scan at every level", arguments: dtypes)
    func equalToCore(dtype: DType) throws {
        let reference = try Self.registry(nil)
        let levels = InstructionSetLevel.allCases.filter(SIMDBackend.supports)
        let candidates = try levels.map { ($0, try Self.registry($0)) }
        for n in Self.lengths {
            for (caseIndex, nanAt) in [nil, 0, n / 2, max(0, n - 1500), max(0, n - 3)].enumerated() {
                let array = Self.values(dtype, n: n, seed: UInt64(n * 10 + caseIndex), nanAt: nanAt)
                for view in [array, array[NDIndex.slice(nil, nil, -1)], array[NDIndex.slice(nil, nil, 3)]] {
                    let expected = Backends.withRegistry(reference) { (view.argmax().item(Int64.self), view.argmin().item(Int64.self)) }
                    for (level, registry) in candidates {
                        let got = Backends.withRegistry(registry) { (view.argmax().item(Int64.self), view.argmin().item(Int64.self)) }
                        #expect(got == expected, "\(dtype) n=\(n) NaN at \(String(describing: nanAt)) \(level.rawValue)")
                    }
                }
            }
        }
    }

    /// Along an axis the backend loop is called once per output; the indices must be the
    /// core scan's for each lane, on C-ordered, transposed and reversed operands.
    @Test("along an axis, equal to the core scan at every level", arguments: [DType.int16, .float32, .float64])
    func alongAxisEqualToCore(dtype: DType) throws {
        let reference = try Self.registry(nil)
        let levels = InstructionSetLevel.allCases.filter(SIMDBackend.supports)
        let candidates = try levels.map { ($0, try Self.registry($0)) }
        for (index, shape) in [[3, 700], [300, 9], [4, 5, 130], [1, 2049]].enumerated() {
            let count = shape.reduce(1, *)
            let flat = Self.values(dtype, n: count, seed: UInt64(500 + index), nanAt: index == 1 ? nil : count / 3)
            let array = flat.reshaped(shape)
            let views = [array, array.transposed(), array[NDIndex.slice(nil, nil, -1)]]
            for view in views {
                for axis in 0..<view.ndim {
                    let expected = Backends.withRegistry(reference) { (view.argmax(axis: axis), view.argmin(axis: axis)) }
                    for (level, registry) in candidates {
                        let got = Backends.withRegistry(registry) { (view.argmax(axis: axis), view.argmin(axis: axis)) }
                        #expect(got.0.shape == expected.0.shape && got.0.toArray(Int64.self) == expected.0.toArray(Int64.self),
                                "argmax \(dtype) \(view.shape) axis \(axis) \(level.rawValue)")
                        #expect(got.1.toArray(Int64.self) == expected.1.toArray(Int64.self),
                                "argmin \(dtype) \(view.shape) axis \(axis) \(level.rawValue)")
                    }
                }
            }
        }
    }

    @Test("the SIMD loops are the ones called")
    func registered() throws {
        let registry = try Self.registry(SIMDBackend.widestSupported)
        let loop = try #require(registry.methodLoop(.argmax, signature: LoopSignature("d->l")))
        #expect(loop.backend == "simd")
    }

    @Test("agree with NumPy")
    func numpy() throws {
        let batch = NumPyBatch()
        var cases: [(NDArray, Int, Int)] = []
        let registry = try Self.registry(SIMDBackend.widestSupported)
        for dtype in [DType.float32, .float64, .int32, .int64] {
            for (n, nanAt) in [(5000, nil), (5000, 4000 as Int?), (3000, 2999)] {
                let array = Self.values(dtype, n: n, seed: 99, nanAt: nanAt)
                cases.append((Backends.withRegistry(registry) { array.argmax() }, batch.add("np.argmax(x0)", [array]), 0))
                cases.append((Backends.withRegistry(registry) { array.argmin() }, batch.add("np.argmin(x0)", [array]), 0))
            }
        }
        let outputs = try batch.run()
        for (got, index, _) in cases {
            #expect(differenceFromNumPy(got, outputs[index][0]) == nil, "\(String(describing: differenceFromNumPy(got, outputs[index][0])))")
        }
    }
}
