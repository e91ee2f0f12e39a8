import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

@Suite("Swift-native access")
struct NativeAccessTests {
    @Test("buffers hand out the elements of contiguous arrays and refuse other dtypes and layouts")
    func buffers() throws {
        let a = NDArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], shape: [2, 3])
        #expect(try a.withUnsafeBufferPointer(of: Double.self) { Array($0) } == [1, 2, 3, 4, 5, 6])
        #expect(try a.withSpan(of: Double.self) { $0[4] } == 5)
        #expect(throws: TesseraError.self) { try a.withUnsafeBufferPointer(of: Float.self) { _ in () } }
        #expect(throws: TesseraError.self) { try a.transposed().withUnsafeBufferPointer(of: Double.self) { _ in () } }
        var b = a
        try b.withUnsafeMutableBufferPointer(of: Double.self) { buffer in
            for i in buffer.indices { buffer[i] *= 10 }
        }
        #expect(b.toArray(Double.self) == [10, 20, 30, 40, 50, 60])
        #expect(a.toArray(Double.self) == [1, 2, 3, 4, 5, 6], "copy-on-write: the original is unchanged")
        var c = a
        try c.withMutableSpan(of: Double.self) { span in
            for i in span.indices { span[i] = -span[i] }
        }
        #expect(c.toArray(Double.self) == [-1, -2, -3, -4, -5, -6])
        #expect(a.toArray(Double.self) == [1, 2, 3, 4, 5, 6], "copy-on-write through a mutable span too")
        #expect(throws: TesseraError.self) { try c.withMutableSpan(of: Int64.self) { _ in () } }
        var reversedView = a.flipped(axis: 1)
        #expect(throws: TesseraError.self) { try reversedView.withMutableSpan(of: Double.self) { _ in () } }
        #expect(throws: TesseraError.self) { try reversedView.withSpan(of: Double.self) { _ in () } }
        let filled = try NDArray(shape: [2, 2], of: Int32.self) { buffer in
            for i in buffer.indices { buffer[i] = Int32(i * i) }
        }
        #expect(filled.dtype == .int32 && filled.shape == [2, 2] && filled.toArray(Int32.self) == [0, 1, 4, 9])
    }

    @Test("array literals make float64 vectors; NDArray(_:) keeps its argument's type")
    func literals() {
        let v: NDArray = [1, 2.5, 3]
        #expect(v.dtype == .float64 && v.shape == [3] && v.toArray(Double.self) == [1, 2.5, 3])
        #expect(NDArray([1, 2, 3]).dtype == .int64)
    }

    @Test("elements(_:) reads any layout in C order, like NumPy's flat iteration")
    func elementViews() throws {
        var rng = SeededGenerator(seed: 77)
        let batch = NumPyBatch()
        var pending: [(NDArray, Int)] = []
        for _ in 0..<40 {
            let shape = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: 0...4, using: &rng) }
            let base = ArrayGenerators.values(.float64, count: Swift.max(shape.reduce(1, *), 1), seed: rng.next())
                .rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: 8))
            let view = shape.isEmpty ? base : (Bool.random(using: &rng) ? base.transposed() : base.flipped(axis: 0))
            pending.append((view, batch.add("x0.ravel()", [view])))
        }
        let outputs = try batch.run()
        for (view, index) in pending {
            let elements = view.elements(Double.self)
            #expect(elements.count == view.size)
            let asArray = NDArray(Array(elements))
            #expect(differenceFromNumPy(asArray, outputs[index][0]) == nil, "view \(view.shape) \(view.strides)")
        }
        #expect(throws: TesseraError.self) { try NDArray.zeros([2]).elements(checked: Float.self) }
    }

    /// Resident memory of this process in bytes (/proc/self/statm).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
        let fields = text.split(separator: " ")
        return (Int(fields[1]) ?? -1) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test("a 4 GiB .npy is memory-mapped: one slice is summed without reading the rest")
    func memoryMapped() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-mmap-\(getpid()).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 1 << 29  // float64: 4 GiB of data
        // NumPy makes the file sparse (open_memmap seeks to the end) and fills one slice.
        let expected = try NumPyOracle.json([Double].self, """
        m = np.lib.format.open_memmap(\(String(reflecting: path)), mode='w+', dtype=np.float64, shape=(\(count),))
        m[300000000:300100000] = np.sin(np.arange(100000.0))
        m.flush()
        print(json.dumps([float(np.asarray(m[300000000:300100000]).sum()), float(m[-1]), float(m[300000001])]))
        """)
        let before = Self.residentBytes()
        let a = try NDArray(contentsOf: URL(fileURLWithPath: path), memoryMapped: true)
        #expect(a.shape == [count] && a.dtype == .float64)
        let slice = a[300_000_000..<300_100_000]
        let total = slice.sum().item(Double.self)
        #expect(total == expected[0])
        #expect(a[count - 1] as Double == expected[1])
        let after = Self.residentBytes()
        #expect(after - before < 64 << 20, "resident memory grew by \(after - before) bytes for a \(count * 8)-byte file")
        // Writing changes this process's pages only, never the file (a uniquely referenced
        // mapped array is written in place; a shared one would be copied whole first).
        var b = try NDArray(contentsOf: URL(fileURLWithPath: path), memoryMapped: true)
        b[300_000_001] = 42.0
        #expect(b[300_000_001] as Double == 42)
        let reread = try NDArray(contentsOf: URL(fileURLWithPath: path), memoryMapped: true)
        #expect(reread[300_000_001] as Double == expected[2])
    }
}
