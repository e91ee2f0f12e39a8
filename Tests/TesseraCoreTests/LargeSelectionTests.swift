import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// The block kernels of `take`, `nonzero` and boolean selection (eight mask bytes at a
/// time, streaming stores above ``ElementKernels/streamingThreshold``) on arrays large
/// enough to reach them, against NumPy; the differential test covers small shapes.
@Suite("Large selections against NumPy")
struct LargeSelectionTests {
    /// A bool mask of `count` elements, true with probability `density`.
    static func mask(_ count: Int, density: Double, rng: inout SeededGenerator) -> NDArray {
        NDArray((0..<count).map { _ in Double.random(in: 0..<1, using: &rng) < density })
    }

    @Test("take with streaming stores (4- and 8-byte elements, negative positions) and its errors")
    func streamingTake() throws {
        var rng = SeededGenerator(seed: 2024)
        let batch = NumPyBatch()
        var pending: [(NDArray, Int)] = []
        // Outputs of 4.8 MB and 4.4 MB (streamed) and 0.8 MB (not streamed).
        for (dtype, count) in [(DType.float64, 600_001), (.int32, 1_100_003), (.float32, 200_000), (.complex128, 300_000)] {
            let length = Int.random(in: 1000...400_000, using: &rng)
            let a = ArrayGenerators.values(dtype, count: length, seed: rng.next())
            let positions = NDArray((0..<count).map { _ in Int64.random(in: -Int64(length)..<Int64(length), using: &rng) })
            let result = try a.take(checked: positions)
            pending.append((result, batch.add("np.take(x0, x1)", [a, positions])))
        }
        let outputs = try batch.run()
        for (result, index) in pending {
            #expect(differenceFromNumPy(result, outputs[index][0]) == nil, "\(result.dtype) \(result.shape)")
        }
        // An out-of-range position, far into a streamed output, is named.
        let a = NDArray.arange(1000).astype(.float64)
        var positions = [Int64](repeating: 5, count: 700_000)
        positions[654_321] = 1000
        do {
            _ = try a.take(checked: NDArray(positions))
            Issue.record("take with position 1000 into 1000 elements did not throw")
        } catch let error as TesseraError {
            #expect(error.message.contains("index 1000 is out of bounds for axis 0 with size 1000"), "\(error)")
        }
        positions[654_321] = -1001
        #expect(throws: TesseraError.self) { try a.take(checked: NDArray(positions)) }
    }

    @Test("concatenate copies contiguous blocks (any length, any tail) as NumPy joins them")
    func concatenateBlocks() throws {
        var rng = SeededGenerator(seed: 31)
        let batch = NumPyBatch()
        var pending: [(NDArray, Int)] = []
        // (dtype, shapes, axis): one-copy blocks along axis 0 and along an axis after
        // length-1 ones; a mixed dtype, a transposed input and axis 1 take the general path.
        let cases: [(DType, [[Int]], Int)] = [
            (.float64, [[1000, 37], [501, 37]], 0), (.int8, [[3, 1001], [1, 1001], [7, 1001]], 0),
            (.complex128, [[1, 999, 3], [1, 2, 3]], 1), (.uint16, [[4099], [1], [0], [130]], 0),
            (.float32, [[300, 40], [300, 41]], 1),
        ]
        for (dtype, shapes, axis) in cases {
            let arrays = shapes.map { ArrayGenerators.values(dtype, count: $0.reduce(1, *), seed: rng.next()).reshaped($0) }
            let names = (0..<arrays.count).map { "x\($0)" }.joined(separator: ", ")
            pending.append((try NDArray.concatenate(arrays, axis: axis), batch.add("np.concatenate([\(names)], axis=\(axis))", arrays)))
        }
        let a = ArrayGenerators.values(.int32, count: 5000, seed: 8).reshaped([100, 50])
        let b = ArrayGenerators.values(.float64, count: 5000, seed: 9).reshaped([50, 100]).transposed()
        pending.append((try NDArray.concatenate([a, b, a], axis: 0), batch.add("np.concatenate([x0, x1, x0], axis=0)", [a, b])))
        let outputs = try batch.run()
        for (result, index) in pending {
            #expect(differenceFromNumPy(result, outputs[index][0]) == nil, "\(result.dtype) \(result.shape)")
        }
    }

    @Test("nonzero, flatnonzero and a[m] / a[m] = v on large masks of every density")
    func blockKernels() throws {
        var rng = SeededGenerator(seed: 99)
        let batch = NumPyBatch(preamble: "def setmask(a, m, v):\n    a = a.copy(); a[m] = v; return a\n")
        var pending: [([NDArray], Int)] = []
        for (count, density) in [(200_003, 0.5), (20_005, 0.0), (20_007, 1.0), (100_001, 0.03), (16_389, 0.97)] {
            let m = Self.mask(count, density: density, rng: &rng)
            pending.append((try NDArray.nonzero(m), batch.add("np.nonzero(x0)", [m])))
            for dtype in [DType.float64, .int16, .complex128, .bool, .uint8] {
                let a = ArrayGenerators.values(dtype, count: count, seed: rng.next())
                pending.append(([a[m]], batch.add("x0[x1]", [a, m])))
                var b = a
                b[m] = NDArray(scalar: 7.0)
                pending.append(([b], batch.add("setmask(x0, x1, 7.0)", [a, m])))
            }
        }
        // Non-bool arrays (NaN is non-zero, -0.0 is zero) and a reversed view.
        let values = ArrayGenerators.values(.float64, count: 100_001, seed: 5)
        pending.append(([NDArray.flatnonzero(values)], batch.add("np.flatnonzero(x0)", [values])))
        let reversed = Self.mask(100_001, density: 0.4, rng: &rng).flipped(axis: 0)
        pending.append(([NDArray.flatnonzero(reversed)], batch.add("np.flatnonzero(x0)", [reversed])))
        let outputs = try batch.run()
        for (results, index) in pending {
            #expect(results.count == outputs[index].count)
            for (result, output) in zip(results, outputs[index]) {
                #expect(differenceFromNumPy(result, output) == nil, "\(result.dtype) \(result.shape)")
            }
        }
    }
}
