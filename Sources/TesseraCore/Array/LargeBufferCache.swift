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
/// at most ``maximumBufferBytes`` each and ``maximumTotalBytes`` in all, reused only for
/// unzeroed requests of the same mapped length; everything else is unmapped at once.
enum LargeBufferCache {
    /// Buffers larger than this are never kept: 96 MiB, past the 80 MB output of an
    /// elementwise call on 10⁷ float64. (It was glibc's largest dynamic mmap threshold,
    /// 32 MiB, as NumPy's allocations get.) A fresh 80 MB output costs the kernel's page
    /// faults and zeroing, and its lines are then in the cache, so the SIMD loops' streaming
    /// stores cannot save the read of each output line; a kept one is warm and they can. On
    /// the Zen 4 machine measured (harness, `simd`, thread CPU time, 3 alternating runs)
    /// `add`/`multiply`/`divide` float64 of 10⁷ took 12.5–13.8 ms kept at 32 MiB, 7.3–8.1 ms
    /// kept at 96 MiB, 6.2–7.1 ms with the streaming stores as well (NumPy 12.1–14.3 ms).
    /// The price: up to two such buffers (``maximumTotalBytes``) stay mapped after use.
    static let maximumBufferBytes = 96 << 20
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
