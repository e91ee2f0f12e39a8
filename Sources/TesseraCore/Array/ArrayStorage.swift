#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The reference-counted, 64-byte-aligned buffer behind one or more ``NDArray`` values.
///
/// Arrays share a storage until one of them is mutated (copy-on-write); the storage
/// itself never changes size. Memory reads as zero until written, without a pass over
/// it: buffers up to 16 KiB live inside the storage object (one allocation per small
/// array); larger ones come from `calloc` (unzeroed ones, for outputs a loop overwrites,
/// from `posix_memalign`); buffers of 2 MiB and more are mapped directly, aligned to 2 MiB
/// and advised to use transparent huge pages over every 2 MiB page they touch (as NumPy's
/// large arrays are), and freed ones are kept for reuse by the next unzeroed buffer of the
/// same size (``LargeBufferCache``). Huge pages cut the page faults of a fresh 80 MB output
/// from 20 000 to 40, and they matter as much for arrays that stay in L3: a float32 add of
/// 10⁶ elements (three 4 MB streams, 3 000 pages of 4 KiB, as many as the second-level
/// TLB holds) spends its time in page walks otherwise (see ``hugePageThreshold``).
final class ArrayStorage: ManagedBuffer<ArrayStorage.Header, UInt8>, @unchecked Sendable {
    /// Alignment of every buffer: a cache line, and enough for AVX-512 loads.
    static let alignment = 64
    /// Buffers up to this size live inside the storage object itself (one allocation for
    /// a new small array, which is most of the cost of a small ufunc call).
    static let inlineThreshold = 16 << 10
    /// Sizes from which memory is mapped with huge pages: one huge page. On the Zen 4
    /// machine measured (thread CPU time, best of 300 calls of a C float32 add with the
    /// data in L3), 4 KiB pages against huge pages cost 151 against 131 µs at 10⁶ elements
    /// (4 MB per array), 71 against 63 µs at 5 · 10⁵ (2 MB), and nothing measurable at
    /// 2.5 · 10⁵ (1 MB); float64 at 2.5 · 10⁵ (2 MB): 76 against 66 µs. Below it, a huge
    /// page would mostly hold unused bytes.
    static let hugePageThreshold = 2 << 20
    static let hugePageSize = 2 << 20

    /// The bytes of a buffer's huge pages: `byteCount` rounded up to whole huge pages,
    /// so that the buffer's last part is not left on 4 KiB pages (a 4 000 000-byte buffer
    /// would otherwise have half of its pages small).
    static func hugePageSpan(byteCount: Int) -> Int {
        (byteCount + hugePageSize - 1) & ~(hugePageSize - 1)
    }

    /// The length mapped for a buffer of `byteCount` bytes: its huge pages and one more
    /// huge page of slack to align the start (the slack is never touched, so it costs
    /// address space only). ``LargeBufferCache`` matches buffers by this length.
    static func mappedLength(byteCount: Int) -> Int {
        hugePageSpan(byteCount: byteCount) + hugePageSize
    }

    /// Asks for transparent huge pages on the huge pages of a buffer that starts on a
    /// 2 MiB boundary, including the last, partly used one.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
        _ = madvise(pointer, hugePageSpan(byteCount: byteCount), 14 /* MADV_HUGEPAGE */)
    }

    struct Header {
        /// The first byte of the elements, 64-byte aligned.
        let pointer: UnsafeMutableRawPointer
        let byteCount: Int
        /// What to free: `nil` when the bytes are inline (tail-allocated).
        let allocation: UnsafeMutableRawPointer?
        /// Non-zero for a mapped buffer: the length to unmap (or give to the cache).
        let mappedLength: Int
        /// Whether `allocation` is a private mapping of a file (unmapped, never cached).
        var mapsFile = false
    }

    // Through the header's address rather than `header`: reading a class's `var` costs a
    // dynamic exclusivity check, and every call reads these.
    var pointer: UnsafeMutableRawPointer { withUnsafeMutablePointerToHeader { $0.pointee.pointer } }
    var byteCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.byteCount } }

    /// Allocates `byteCount` bytes, zeroed unless `zeroed` is false (for outputs that a
    /// loop writes completely: they may reuse freed memory, so the kernel need not zero
    /// fresh pages on every call). The caller has checked the size (see
    /// ``NDArray/checkedByteCount(shape:dtype:)``).
    static func make(byteCount: Int, zeroed: Bool = true) -> ArrayStorage {
        if byteCount <= inlineThreshold {
            let storage = ArrayStorage.create(minimumCapacity: byteCount + alignment) { buffer in
                buffer.withUnsafeMutablePointerToElements { elements in
                    let address = UInt(bitPattern: elements)
                    let aligned = UnsafeMutableRawPointer(bitPattern: (address + UInt(alignment - 1)) & ~UInt(alignment - 1))!
                    if zeroed { aligned.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount) }
                    return Header(pointer: aligned, byteCount: byteCount, allocation: nil, mappedLength: 0)
                }
            }
            return unsafeDowncast(storage, to: ArrayStorage.self)
        }
        let header = allocateOutside(byteCount: byteCount, zeroed: zeroed)
        return unsafeDowncast(ArrayStorage.create(minimumCapacity: 0) { _ in header }, to: ArrayStorage.self)
    }

    private static func allocateOutside(byteCount: Int, zeroed: Bool) -> Header {
        if byteCount >= ArrayStorage.hugePageThreshold {
            // Mapped directly, 2 MiB-aligned; an output the loop overwrites completely may
            // reuse a freed mapping of the same length (LargeBufferCache), warm and unzeroed.
            let length = ArrayStorage.mappedLength(byteCount: byteCount)
            var mapped = zeroed ? nil : LargeBufferCache.take(length: length)
            if mapped == nil {
                let fresh = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                if let fresh, fresh != MAP_FAILED { mapped = fresh }
            }
            if let mapped {
                let address = UInt(bitPattern: mapped)
                let page = UInt(ArrayStorage.hugePageSize)
                let aligned = (address + page - 1) & ~(page - 1)
                let pointer = UnsafeMutableRawPointer(bitPattern: aligned)!
                ArrayStorage.adviseHugePages(pointer, byteCount)
                return Header(pointer: pointer, byteCount: byteCount, allocation: mapped, mappedLength: length)
            }
        }
        if !zeroed {
            var raw: UnsafeMutableRawPointer? = nil
            guard posix_memalign(&raw, ArrayStorage.alignment, Swift.max(byteCount, 1)) == 0, let raw else {
                fatalError("NDArray: cannot allocate \(byteCount) bytes")
            }
            return Header(pointer: raw, byteCount: byteCount, allocation: raw, mappedLength: 0)
        }
        // calloc aligns to 16; over-allocate one cache line and align the start.
        guard let raw = calloc(Swift.max(byteCount, 1) + ArrayStorage.alignment, 1) else {
            fatalError("NDArray: cannot allocate \(byteCount) bytes")
        }
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(ArrayStorage.alignment)) & ~UInt(ArrayStorage.alignment - 1)
        return Header(pointer: UnsafeMutableRawPointer(bitPattern: aligned)!, byteCount: byteCount, allocation: raw, mappedLength: 0)
    }


    /// Storage over a private (copy-on-write) mapping of a file of `length` bytes whose
    /// element data starts `dataOffset` bytes in; the storage unmaps it when freed.
    static func make(fileMapping mapping: UnsafeMutableRawPointer, length: Int, dataOffset: Int) -> ArrayStorage {
        let header = Header(pointer: mapping + dataOffset, byteCount: length - dataOffset, allocation: mapping, mappedLength: length, mapsFile: true)
        return unsafeDowncast(ArrayStorage.create(minimumCapacity: 0) { _ in header }, to: ArrayStorage.self)
    }

    deinit {
        let header = withUnsafeMutablePointerToHeader { $0.pointee }
        guard let allocation = header.allocation else { return }
        if header.mapsFile {
            munmap(allocation, header.mappedLength)
        } else if header.mappedLength > 0 {
            LargeBufferCache.give(allocation, length: header.mappedLength)
        } else {
            free(allocation)
        }
    }
}
