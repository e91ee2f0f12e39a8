/// Bounds checks of a zip archive's records, run before ZIPFoundation reads the archive.
///
/// ZIPFoundation trusts the offsets and sizes an archive states: reading at an offset
/// past the end of in-memory data stops the program (a range trap in its memory file),
/// and a 64-bit offset above `Int64.max` traps when converted to `off_t`. The `.npz`
/// fuzz target (`Fuzz/`) found the first with a 30-byte file. This pass visits every
/// record ZIPFoundation reads — the end of central directory record and its ZIP64 form,
/// each central directory entry, its local header, data and data descriptor — and
/// throws `.fileFormat` when one lies outside the bytes, before ZIPFoundation sees them.
enum ZIPBounds {
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    static let zip64EndOfCentralDirectorySignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let centralDirectorySignature: UInt32 = 0x0201_4B50
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let dataDescriptorSignature: UInt32 = 0x0807_4B50

    static func check(_ bytes: UnsafeRawBufferPointer) throws {
        let count = bytes.count
        func u16(_ at: Int) -> Int? { at >= 0 && at <= count - 2 ? Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) : nil }
        func u32(_ at: Int) -> UInt32? { at >= 0 && at <= count - 4 ? bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian : nil }
        func u64(_ at: Int) -> UInt64? { at >= 0 && at <= count - 8 ? bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian : nil }
        func fail(_ what: String) -> TesseraError {
            TesseraError(.fileFormat, "not a .npz file: a corrupt zip archive (\(what) lies outside its \(count) bytes)")
        }
        /// A 64-bit offset or size as an `Int`, refused when it could not be a real one.
        func plausible(_ value: UInt64, _ what: String) throws -> Int {
            guard value <= UInt64(NDArray.maximumByteCount) else { throw fail(what) }
            return Int(value)
        }

        // ZIPFoundation takes the last end-of-central-directory signature, scanning back over
        // at most the record and a maximal comment. Without a usable record it refuses the
        // archive, but its in-memory reader then leaks its stream (ZIPFoundation 0.9.20):
        // such data is refused here, before it gets there.
        var position = count - 22
        let lowest = Swift.max(0, count - 22 - 0xFFFF)
        while position >= lowest && u32(position) != endOfCentralDirectorySignature { position -= 1 }
        guard position >= lowest, let entryCount16 = u16(position + 10), let offset32 = u32(position + 16),
              let commentLength = u16(position + 20), position + 22 + commentLength <= count
        else {
            throw TesseraError(.fileFormat, "not a .npz file: no zip end-of-central-directory record in its last \(Swift.min(count, 22 + 0xFFFF)) bytes")
        }
        // ZIPFoundation prefers a ZIP64 record whenever one parses; check both readings.
        var directories = [(offset: Int(offset32), entries: entryCount16)]
        let locator = position - 20, record = locator - 56
        if record > 0, u32(locator) == zip64LocatorSignature, u32(record) == zip64EndOfCentralDirectorySignature,
           let entries64 = u64(record + 32), let offset64 = u64(record + 48) {
            directories.append((try plausible(offset64, "the ZIP64 central directory"), try plausible(entries64, "the ZIP64 entry count")))
        }

        for directory in directories {
            var entry = directory.offset
            guard entry <= count else { throw fail("the central directory") }
            for _ in 0..<directory.entries {
                // A short or foreign record ends ZIPFoundation's iteration harmlessly.
                guard u32(entry) == centralDirectorySignature,
                      let versionNeeded = u16(entry + 6), let flags = u16(entry + 8), let method = u16(entry + 10),
                      let compressed32 = u32(entry + 20), let uncompressed32 = u32(entry + 24),
                      let nameLength = u16(entry + 28), let extraLength = u16(entry + 30),
                      let commentLength = u16(entry + 32), let localOffset32 = u32(entry + 42)
                else { break }
                let extraStart = entry + 46 + nameLength
                let next = extraStart + extraLength + commentLength
                guard next <= count else { throw fail("a central directory entry") }

                var compressed = Int(compressed32), uncompressed = Int(uncompressed32), localOffset = Int(localOffset32)
                var isZIP64 = versionNeeded & 0xFF >= 45
                // The ZIP64 extra field: 8-byte values for the 32-bit fields that are all ones.
                var field = extraStart
                while field + 4 <= extraStart + extraLength, let id = u16(field), let size = u16(field + 2) {
                    guard field + 4 + size <= extraStart + extraLength else { break }
                    if id == 1 {
                        isZIP64 = true
                        for value in stride(from: field + 4, to: field + 4 + size - 7, by: 8) {
                            _ = try plausible(u64(value)!, "a ZIP64 size or offset")
                        }
                        var value = field + 4
                        func take(_ current: inout Int, if allOnes: Bool) throws {
                            guard allOnes, value + 8 <= field + 4 + size else { return }
                            current = try plausible(u64(value)!, "a ZIP64 size or offset")
                            value += 8
                        }
                        try take(&uncompressed, if: uncompressed32 == .max)
                        try take(&compressed, if: compressed32 == .max)
                        try take(&localOffset, if: localOffset32 == .max)
                        break
                    }
                    field += 4 + size
                }

                guard u32(localOffset) == localHeaderSignature,
                      let localName = u16(localOffset + 26), let localExtra = u16(localOffset + 28)
                else { throw fail("the local header of a member") }
                let dataOffset = localOffset + 30 + localName + localExtra
                guard dataOffset <= count, compressed <= count - dataOffset,
                      method != 0 || uncompressed <= count - dataOffset
                else { throw fail("the data of a member") }
                if flags & 0x8 != 0 {
                    var descriptor = dataOffset + (method == 0 ? uncompressed : compressed)
                    if u32(descriptor) == dataDescriptorSignature { descriptor += 4 }
                    if isZIP64 {
                        guard let compressed64 = u64(descriptor + 4), let uncompressed64 = u64(descriptor + 12) else {
                            throw fail("the data descriptor of a member")
                        }
                        _ = try plausible(compressed64, "a ZIP64 data descriptor")
                        _ = try plausible(uncompressed64, "a ZIP64 data descriptor")
                    }
                }
                entry = next
            }
        }
    }
}
