#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Freed large buffers kept for the next array of the same size.
///
/// An elementwise call on a million float64 allocates an 8 MB output and frees it when the
/// result is dropped. Whether the next call gets warm memory or fresh pages from the kernel
/// (zeroed, one fault per 4 KiB or 2 MiB page) used to depend on glibc's malloc history —
/// its dynamic mmap and trim thresholds — so the same call in two processes ran at speeds
/// up to 30× apart (the harness's rounds showed it; NumPy's allocations happened to land
/// on reused heap memory). Mapped buffers are therefore recycled here: a few of them, of
/// at most ``maximumBufferBytes`` each and ``maximumTotalBytes`` in all (as glibc keeps
/// freed heap memory, never more than that), reused only for unzeroed requests of the same
/// mapped length; everything else is unmapped at once.
enum LargeBufferCache {
    /// Buffers larger than this are never kept (glibc's largest dynamic mmap threshold).
    static let maximumBufferBytes = 32 << 20
    /// At most this many bytes (of mappings) are kept in all: two of the largest buffers.
    static let maximumTotalBytes = 2 * ArrayStorage.mappedLength(byteCount: maximumBufferBytes)
    /// At most this many buffers are kept.
    static let maximumCount = 8

    private struct Entry {
        let allocation: UnsafeMutableRawPointer
        let length: Int
    }

    private static let entries = Locked<[Entry]>([])

    /// A kept mapping of exactly `length` bytes, or nil.
    static func take(length: Int) -> UnsafeMutableRawPointer? {
        entries.withLock { entries in
            guard let index = entries.lastIndex(where: { $0.length == length }) else { return nil }
            return entries.remove(at: index).allocation
        }
    }

    /// Keeps a mapping for reuse, or unmaps it (and the oldest kept ones beyond the limits).
    static func give(_ allocation: UnsafeMutableRawPointer, length: Int) {
        // The mapping is the buffer's huge pages plus one of alignment slack; the limit is
        // on the buffer, as glibc's is on the request: an output of 4 000 000 float64
        // (32 000 000 bytes, mapped as 35 651 584) is kept, as NumPy's lands on reused heap.
        guard length <= ArrayStorage.mappedLength(byteCount: maximumBufferBytes) else {
            munmap(allocation, length)
            return
        }
        let released: [Entry] = entries.withLock { entries in
            entries.append(Entry(allocation: allocation, length: length))
            var total = entries.reduce(0) { $0 + $1.length }
            var dropped: [Entry] = []
            while entries.count > maximumCount || total > maximumTotalBytes {
                let oldest = entries.removeFirst()
                total -= oldest.length
                dropped.append(oldest)
            }
            return dropped
        }
        for entry in released { munmap(entry.allocation, entry.length) }
    }

    /// How many bytes are kept now (for tests).
    static var keptBytes: Int { entries.withLock { $0.reduce(0) { $0 + $1.length } } }
}
