import Testing
@testable import TesseraCore

/// Freed large buffers are reused for the next unzeroed array of the same size (so that a
/// call's speed does not depend on the allocator's history), never handed out as zeroed
/// memory, and never kept beyond the cache's limits.
@Suite struct LargeBufferCacheTests {
    // Sizes no other test allocates, so that concurrent tests do not take these buffers.
    static let count = (8 << 20) / 8 + 4_321

    @Test func anUnzeroedArrayReusesTheBufferOfADroppedOne() throws {
        let length = Self.count * 8 + ArrayStorage.hugePageSize
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
        // 31 999 976 bytes (about 4 000 000 float64): the mapping adds a huge page of
        // alignment slack and exceeds 32 MiB; the buffer itself does not.
        let count = 3_999_997
        let length = count * 8 + ArrayStorage.hugePageSize
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
}
