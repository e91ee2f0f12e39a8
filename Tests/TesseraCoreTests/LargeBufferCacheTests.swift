import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TesseraCore

/// Freed large buffers are reused for the next unzeroed array of the same size (so that a
/// call's speed does not depend on the allocator's history), never handed out as zeroed
/// memory, and never kept beyond the cache's limits.
@Suite struct LargeBufferCacheTests {
    // Sizes no other test allocates, so that concurrent tests do not take these buffers.
    static let count = (8 << 20) / 8 + 4_321

    @Test func anUnzeroedArrayReusesTheBufferOfADroppedOne() throws {
        let length = ArrayStorage.mappedLength(byteCount: Self.count * 8)
        do { _ = try NDArray(checkedShape: [Self.count], dtype: .float64, zeroed: false) }
        // The dropped array's mapping is kept (not unmapped)…
        let kept = try #require(LargeBufferCache.take(length: length))
        LargeBufferCache.give(kept, length: length)
        // …and the next array of the same size starts in it.
        let again = try NDArray(checkedShape: [Self.count], dtype: .float64, zeroed: false)
        let page = UInt(ArrayStorage.hugePageSize)
        #expect(UInt(bitPattern: again.baseAddress) == (UInt(bitPattern: kept) + page - 1) & ~(page - 1))
    }

    @Test func anArrayJustUnderTheLimitIsKeptThoughItsMappingIsOver() throws {
        // Just under the limit in float64: the mapping rounds up to whole huge pages and
        // adds one of alignment slack, and exceeds the limit; the buffer does not.
        let count = LargeBufferCache.maximumBufferBytes / 8 - 3
        let length = ArrayStorage.mappedLength(byteCount: count * 8)
        #expect(length > LargeBufferCache.maximumBufferBytes && count * 8 <= LargeBufferCache.maximumBufferBytes)
        do { _ = try NDArray(checkedShape: [count], dtype: .float64, zeroed: false) }
        let kept = try #require(LargeBufferCache.take(length: length))
        LargeBufferCache.give(kept, length: length)
    }

    @Test func aZeroedArrayNeverGetsAUsedBuffer() throws {
        let count = Self.count + 1_000
        do {
            let dirty = try NDArray(checkedShape: [count], dtype: .uint8, zeroed: false)
            dirty.baseAddress.initializeMemory(as: UInt8.self, repeating: 0xFF, count: count)
        }
        let clean = try NDArray(checkedShape: [count], dtype: .uint8, zeroed: true)
        let bytes = UnsafeRawBufferPointer(start: clean.baseAddress, count: count)
        #expect(bytes.allSatisfy { $0 == 0 })
    }

    @Test func theCacheStaysWithinItsLimits() throws {
        for size in stride(from: 5 << 20, through: 40 << 20, by: 3 << 20) {
            _ = try NDArray(checkedShape: [size + 7], dtype: .uint8, zeroed: false)
        }
        #expect(LargeBufferCache.keptBytes <= LargeBufferCache.maximumTotalBytes)
    }

    @Test func anArrayBetweenOneAndTwoHugePagesIsReusedToo() throws {
        // 4 000 000 bytes (10⁶ float32) — under the old 4 MiB threshold, so it came from malloc.
        let count = 1_000_000 - 13
        let length = ArrayStorage.mappedLength(byteCount: count * 4)
        do { _ = try NDArray(checkedShape: [count], dtype: .float32, zeroed: false) }
        let kept = try #require(LargeBufferCache.take(length: length))
        LargeBufferCache.give(kept, length: length)
        let again = try NDArray(checkedShape: [count], dtype: .float32, zeroed: false)
        let page = UInt(ArrayStorage.hugePageSize)
        #expect(UInt(bitPattern: again.baseAddress) == (UInt(bitPattern: kept) + page - 1) & ~(page - 1))
    }
}

/// Large buffers sit on transparent huge pages from their first byte to their last: an
/// elementwise call over three 4 MB arrays on 4 KiB pages spends much of its time in
/// page walks even when the data is in L3.
@Suite struct HugePagePlacementTests {
    /// The sizes around the threshold and the page boundaries, zeroed and not.
    static let byteCounts = [
        ArrayStorage.hugePageThreshold, 4_000_000 + 64, 4 << 20, (4 << 20) + 4_096, 8_000_000 + 192, 24_000_000 + 320,
    ]

    @Test(arguments: [false, true]) func aLargeBufferStartsOnAHugePageAndIsAdvisedToItsEnd(zeroed: Bool) throws {
        for byteCount in Self.byteCounts {
            let array = try NDArray(checkedShape: [byteCount], dtype: .uint8, zeroed: zeroed)
            let start = UInt(bitPattern: array.baseAddress)
            #expect(start % UInt(ArrayStorage.hugePageSize) == 0, "\(byteCount) bytes at \(start)")
            // The kernel records MADV_HUGEPAGE as the mapping's "hg" flag; without THP
            // support (no sysfs entry) madvise fails and there is nothing to check.
            guard Self.kernelHasTransparentHugePages else { continue }
            for address in [start, start + UInt(byteCount) / 2, start + UInt(byteCount) - 1] {
                let flags = try #require(Self.vmFlags(containing: address), "no mapping holds \(address)")
                #expect(flags.contains("hg"), "\(byteCount)-byte buffer: byte \(address - start) is in a mapping with flags \(flags)")
            }
        }
    }

    @Test func theMappedLengthCoversWholeHugePagesAndTheAlignmentSlack() {
        let page = ArrayStorage.hugePageSize
        for byteCount in [page, page + 1, 2 * page - 1, 2 * page, 4_000_000, 31_999_976] {
            let length = ArrayStorage.mappedLength(byteCount: byteCount)
            let pages = (byteCount + page - 1) / page
            #expect(length == (pages + 1) * page, "\(byteCount) bytes mapped as \(length)")
        }
    }

    static let kernelHasTransparentHugePages: Bool = {
        guard let file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r") else { return false }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
        return !String(cString: buffer).contains("[never]")
    }()

    /// The `VmFlags` of the mapping of this process that holds `address` (from /proc/self/smaps,
    /// read line by line: its reported size is 0, so whole-file reads see nothing).
    static func vmFlags(containing address: UInt) -> [Substring]? {
        guard let file = fopen("/proc/self/smaps", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        var inside = false
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(cString: buffer).trimmingSuffix("\n")
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
               let low = UInt(line[..<dash], radix: 16), let high = UInt(line[line.index(after: dash)..<space], radix: 16) {
                inside = low <= address && address < high
            } else if inside, line.hasPrefix("VmFlags:") {
                return line.dropFirst("VmFlags:".count).split(separator: " ")
            }
        }
        return nil
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self[...]
    }
}
