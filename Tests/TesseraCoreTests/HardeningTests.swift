import Foundation
import Testing
@testable import TesseraCore

/// Hostile input must give a thrown ``TesseraError``, never a crash or a huge allocation,
/// because a service reading files or shapes from outside must be able to refuse them:
/// sizes that overflow `Int` or exceed memory, and the crashes the fuzz targets in `Fuzz/`
/// found, each kept here as a regression test.
@Suite("Hardening")
struct HardeningTests {
    /// Shapes whose byte count overflows `Int` or exceeds physical memory.
    static let hugeShapes: [[Int]] = [
        [Int.max, 2],
        [1 << 32, 1 << 32],
        [1 << 61],  // fits Int as a count, not as bytes of float64
        [NDArray.maximumByteCount / 8 + 1],  // fits Int, but not in memory
        [0, Int.max, 2],  // empty, but its strides overflow (NumPy: "array is too big")
        [Int.max, 2, 0],
        [3, 0, 1 << 62, 1 << 62],
    ]

    func expectResourceLimit(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected a thrown .resourceLimit error", sourceLocation: sourceLocation)
        } catch let error as TesseraError {
            #expect(error.code == .resourceLimit, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a TesseraError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Creation from a shape

    @Test("zeros(checkedShape:) refuses sizes that overflow Int or exceed memory", arguments: hugeShapes)
    func zerosRefusesHugeShapes(shape: [Int]) {
        expectResourceLimit { _ = try NDArray.zeros(checkedShape: shape, dtype: .float64) }
    }

    @Test("zeros(checkedShape:) still makes empty and small arrays; a negative axis is a shape error")
    func zerosAcceptsReasonableShapes() throws {
        #expect(try NDArray.zeros(checkedShape: [0, 3]).shape == [0, 3])
        #expect(try NDArray.zeros(checkedShape: [4, 0, 1 << 20], dtype: .int8).size == 0)
        #expect(try NDArray.zeros(checkedShape: []).size == 1)
        #expect(throws: TesseraError.self) { try NDArray.zeros(checkedShape: [2, -1]) }
    }

    @Test("data without a zip end record and empty files are refused by Tessera's own checks")
    func zipWithoutEndRecordAndEmptyFiles() throws {
        // These reach neither ZIPFoundation's in-memory reader nor Foundation's file reader,
        // both of which leak on them (ci/sanitizers.sh with LeakSanitizer).
        for data in [Data(), Data(repeating: 0, count: 100), Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 17))] {
            do {
                _ = try NDArray.readArchive(npzData: data)
                Issue.record("\(data.count) bytes without an end record were accepted")
            } catch let error as TesseraError {
                #expect(error.code == .fileFormat && error.message.contains("end-of-central-directory"), "\(error)")
            }
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-empty-\(getpid()).npy")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try NDArray.readFile(empty).isEmpty)
        #expect(throws: TesseraError.self) { try NDArray(contentsOf: empty) }
        #expect(throws: TesseraError.self) { try NDArray.readArchive(contentsOf: empty) }
    }

    @Test("checkedByteCount counts bytes exactly up to the limit")
    func checkedByteCountBoundary() throws {
        let limit = NDArray.maximumByteCount
        #expect(try NDArray.checkedByteCount(shape: [limit], dtype: .int8) == limit)
        expectResourceLimit { _ = try NDArray.checkedByteCount(shape: [limit + 1], dtype: .int8) }
        #expect(try NDArray.checkedByteCount(shape: [0, limit], dtype: .int8) == 0)
    }

    @Test("NDArray(validating:shape:) refuses huge shapes before allocating", arguments: hugeShapes)
    func validatingRefusesHugeShapes(shape: [Int]) {
        expectResourceLimit { _ = try NDArray(validating: [1.0, 2.0], shape: shape) }
    }

    // MARK: Reshape

    @Test("reshaped(checked:) of an empty array refuses axes that overflow Int (crashed before)",
          arguments: [[Int.max, 2, 0], [0, Int.max, 2], [-1, Int.max, 2], [1 << 62, 4, 0]])
    func reshapeEmptyRefusesHugeAxes(shape: [Int]) {
        let empty = NDArray.zeros([0])
        expectResourceLimit { _ = try empty.reshaped(checked: shape) }
    }

    @Test("reshaped(checked:) of a non-empty array to a huge shape is a shape mismatch")
    func reshapeNonEmptyHugeShape() throws {
        let array = NDArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], shape: [2, 3])
        for shape in [[Int.max, 2], [-1, Int.max], [1 << 32, 1 << 32, 6]] {
            #expect(throws: TesseraError.self) { try array.reshaped(checked: shape) }
        }
        #expect(try array.reshaped(checked: [3, -1]).shape == [3, 2])
    }

    // MARK: .npy headers

    /// A version 1.0 `.npy` file with the given header dict and data bytes.
    static func npy(_ header: String, data: [UInt8] = []) -> Data {
        var body = Array(header.utf8)
        let unpadded = 10 + body.count + 1
        body += [UInt8](repeating: 0x20, count: 64 - unpadded % 64) + [0x0A]
        return Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(body.count & 0xFF), UInt8(body.count >> 8)] + body + data)
    }

    @Test(".npy headers with huge shapes throw .resourceLimit without allocating", arguments: [
        "(4611686018427387904, 4)",
        "(9223372036854775807, 2)",
        "(99999999999999999999,)",
        "(0, 9223372036854775807, 2)",
        "(4294967296, 4294967296)",
        "(1099511627776000,)",
    ])
    func npyHugeShape(shape: String) {
        let file = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }", data: [0, 0, 0, 0, 0, 0, 0, 0])
        expectResourceLimit { _ = try NDArray(npyData: file) }
    }

    @Test(".npy header with a plausible shape but too little data is a format error, not an allocation")
    func npyTruncatedLargeShape() {
        let file = Self.npy("{'descr': '<f8', 'fortran_order': True, 'shape': (10000, 10000), }")
        #expect {
            try NDArray(npyData: file)
        } throws: { error in
            (error as? TesseraError)?.code == .fileFormat
        }
    }

    // MARK: .npz archives (crashes found by the FuzzNPZ target)

    /// An end-of-central-directory record whose central directory offset (0x0000004B
    /// after a disk field of 0xFFFF) lies past the end of the 30 bytes: ZIPFoundation's
    /// in-memory reader seeked there and trapped ("Range requires lowerBound <=
    /// upperBound"). Found by `ci/fuzz.sh` FuzzNPZ after 27 executions.
    static let fuzzCrashEndRecordPastEnd: [UInt8] = [
        0x50, 0x4B, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0x4B, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]

    func expectFileFormat(_ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try NDArray.readArchive(npzData: bytes)
        } throws: { error in
            (error as? TesseraError)?.code == .fileFormat
        }
    }

    @Test("fuzz regression: an .npz whose central directory lies past the end throws")
    func npzCentralDirectoryPastEnd() {
        expectFileFormat(Data(Self.fuzzCrashEndRecordPastEnd))
    }

    /// A valid archive of one stored member, and the offset of its end record and of
    /// its central directory entry, for patching.
    func archive() throws -> (bytes: [UInt8], endRecord: Int, centralEntry: Int) {
        let bytes = [UInt8](try NDArray.npzData(["a": NDArray([1.0, 2.0, 3.0])]))
        let endRecord = bytes.count - 22
        #expect(bytes[endRecord..<endRecord + 4] == [0x50, 0x4B, 0x05, 0x06])
        let centralEntry = Int(bytes[endRecord + 16]) | Int(bytes[endRecord + 17]) << 8 | Int(bytes[endRecord + 18]) << 16
        #expect(bytes[centralEntry..<centralEntry + 4] == [0x50, 0x4B, 0x01, 0x02])
        #expect(try NDArray.readArchive(npzData: Data(bytes))["a"]?.toArray(Double.self) == [1, 2, 3])
        return (bytes, endRecord, centralEntry)
    }

    func patched(_ bytes: [UInt8], at offset: Int, _ value: UInt32) -> Data {
        var bytes = bytes
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
        return Data(bytes)
    }

    @Test("an .npz whose offsets or sizes point past the end throws instead of trapping")
    func npzOffsetsPastEnd() throws {
        let (bytes, endRecord, centralEntry) = try archive()
        // The central directory offset, past the end and at the largest 32-bit value.
        expectFileFormat(patched(bytes, at: endRecord + 16, UInt32(bytes.count + 100)))
        expectFileFormat(patched(bytes, at: endRecord + 16, .max))
        // The local header offset of the member.
        expectFileFormat(patched(bytes, at: centralEntry + 42, UInt32(bytes.count + 1)))
        expectFileFormat(patched(bytes, at: centralEntry + 42, .max))
        // The compressed size of the stored member.
        expectFileFormat(patched(bytes, at: centralEntry + 20, UInt32(bytes.count)))
        // The archive cut short: no end record.
        expectFileFormat(Data(bytes[..<(bytes.count - 30)]))
    }

    // MARK: The fuzz seed corpus

    /// Every committed seed of the fuzz targets parses or throws (the fuzzers start there).
    @Test("every seed of Fuzz/Corpus reads or throws a TesseraError")
    func fuzzSeedCorpus() throws {
        let corpus = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus")
        func seeds(_ target: String) throws -> [Data] {
            let directory = corpus.appendingPathComponent(target)
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map {
                try NDArray.readFile(directory.appendingPathComponent($0))
            }
        }
        func readsOrThrowsTesseraError(_ body: () throws -> Void) {
            do { try body() } catch { #expect(error is TesseraError, "\(error)") }
        }
        let npy = try seeds("FuzzNPY"), npz = try seeds("FuzzNPZ"), dtypes = try seeds("FuzzDTypeParsing")
        #expect(npy.count >= 10 && npz.count >= 4 && dtypes.count >= 10)
        for seed in npy { readsOrThrowsTesseraError { _ = try NDArray(npyData: seed) } }
        for seed in npz { readsOrThrowsTesseraError { _ = try NDArray.readArchive(npzData: seed) } }
        for seed in dtypes { readsOrThrowsTesseraError { _ = try DType(parsing: String(decoding: seed, as: UTF8.self)) } }
    }
}
