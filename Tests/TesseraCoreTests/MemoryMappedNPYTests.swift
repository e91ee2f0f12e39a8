import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

@Suite("Memory-mapped NPY")
struct MemoryMappedNPYTests {
    /// Whether the array's storage is a mapping of its file (not a copy in memory).
    static func mapsFile(_ array: NDArray) -> Bool {
        array.storage.withUnsafeMutablePointerToHeader { $0.pointee.mapsFile }
    }

    @Test("every file NumPy writes reads the same mapped as read; only big-endian data is copied")
    func everyDTypeAndOrder() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try NPYTests.writeNumPyFiles(into: directory)
        #expect(files.count == 14 * 11)
        var mapped = 0
        for entry in files {
            let array = try NDArray(contentsOf: URL(fileURLWithPath: entry.file), memoryMapped: true)
            let expected = entry.description
            #expect(array.dtype.name == expected.dtype, "\(entry.file)")
            #expect(array.shape == expected.shape, "\(entry.file)")
            #expect(NPYTestSupport.isFortranOnly(array) == expected.fortran, "\(entry.file)")
            #expect(NPYTestSupport.nativeHex(array) == expected.hex, "\(entry.file)")
            // NumPy maps big-endian files with a '>' dtype; Tessera has only native byte
            // order, so those (and only those) are read into memory and byte-swapped.
            let bigEndian = expected.str.hasPrefix(">")
            #expect(Self.mapsFile(array) == !bigEndian, "\(entry.file): str \(expected.str)")
            if Self.mapsFile(array) { mapped += 1 }
        }
        // bool, int8 and uint8 have no byte order ('|'): their "big-endian" files map too.
        #expect(mapped == 14 * 11 - 11 * 3)
    }

    @Test("bool files are mapped; bytes other than 0 and 1 read as true, and the file is not changed")
    func boolBytes() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mask.npy").path
        // 20 000 bytes: several 4 KiB chunks, only some of them holding bytes 2..255.
        let expected = try NumPyOracle.json([Bool].self, """
        import json
        rng = np.random.default_rng(5)
        a = rng.integers(0, 2, 20000).astype(bool)
        np.save(\(String(reflecting: path)), a)
        m = np.lib.format.open_memmap(\(String(reflecting: path)), mode='r+')
        raw = m.view(np.uint8)
        raw[[3, 9000, 9001, 19999]] = [2, 255, 7, 128]
        m.flush(); del m, raw
        b = np.load(\(String(reflecting: path)), mmap_mode='r')
        print(json.dumps([bool(x) for x in (b.view(np.uint8) != 0)]))
        """)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let a = try NDArray(contentsOf: URL(fileURLWithPath: path), memoryMapped: true)
        #expect(Self.mapsFile(a))
        #expect(a.dtype == .bool && a.shape == [20000])
        #expect(a.toArray(Bool.self) == expected)
        #expect(a.astype(.uint8).toArray(UInt8.self).allSatisfy { $0 <= 1 })
        #expect(countNonzero(a) == expected.filter { $0 }.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file must keep its bytes")
    }
}
