#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The reference-counted, 64-byte-aligned buffer behind one or more ``NDArray`` values.
///
/// Arrays share a storage until one of them is mutated (copy-on-write); the storage
/// itself never changes size. Memory reads as zero until written, without a pass over
/// it: small buffers come from `calloc` (unzeroed ones, for outputs a loop overwrites,
/// from `posix_memalign`); buffers of 4 MiB and more are mapped directly, aligned to 2 MiB
/// and advised to use transparent huge pages (as NumPy does), which cuts the page faults of
/// a fresh 80 MB output from 20 000 to 40, and freed ones are kept for reuse by the next
/// unzeroed buffer of the same size (``LargeBufferCache``).
final class ArrayStorage: @unchecked Sendable {
    /// Alignment of every buffer: a cache line, and enough for AVX-512 loads.
    static let alignment = 64
    /// Sizes from which memory is mapped with huge pages.
    static let hugePageThreshold = 4 << 20
    static let hugePageSize = 2 << 20

    /// Asks for transparent huge pages on the 2 MiB-aligned part of a buffer.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
        let page = UInt(hugePageSize)
        let start = (UInt(bitPattern: pointer) + page - 1) & ~(page - 1)
        let end = (UInt(bitPattern: pointer) + UInt(byteCount)) & ~(page - 1)
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), 14 /* MADV_HUGEPAGE */)
        }
    }

    let pointer: UnsafeMutableRawPointer
    let byteCount: Int
    private let allocation: UnsafeMutableRawPointer
    private let mappedLength: Int
    /// Whether `allocation` is a private mapping of a file (unmapped, never cached).
    private let mapsFile: Bool

    /// Allocates `byteCount` bytes, zeroed unless `zeroed` is false (for outputs that a
    /// loop writes completely: they may reuse freed memory, so the kernel need not zero
    /// fresh pages on every call). The caller has checked the size (see
    /// ``NDArray/checkedByteCount(shape:dtype:)``).
    init(byteCount: Int, zeroed: Bool = true) {
        self.byteCount = byteCount
        mapsFile = false
        if byteCount >= ArrayStorage.hugePageThreshold {
            // Mapped directly, 2 MiB-aligned; an output the loop overwrites completely may
            // reuse a freed mapping of the same length (LargeBufferCache), warm and unzeroed.
            let length = byteCount + ArrayStorage.hugePageSize
            var mapped = zeroed ? nil : LargeBufferCache.take(length: length)
            if mapped == nil {
                let fresh = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                if let fresh, fresh != MAP_FAILED { mapped = fresh }
            }
            if let mapped {
                allocation = mapped
                mappedLength = length
                let address = UInt(bitPattern: mapped)
                let page = UInt(ArrayStorage.hugePageSize)
                let aligned = (address + page - 1) & ~(page - 1)
                pointer = UnsafeMutableRawPointer(bitPattern: aligned)!
                ArrayStorage.adviseHugePages(pointer, byteCount)
                return
            }
        }
        if !zeroed {
            var raw: UnsafeMutableRawPointer? = nil
            guard posix_memalign(&raw, ArrayStorage.alignment, Swift.max(byteCount, 1)) == 0, let raw else {
                fatalError("NDArray: cannot allocate \(byteCount) bytes")
            }
            allocation = raw
            mappedLength = 0
            pointer = raw
            return
        }
        // calloc aligns to 16; over-allocate one cache line and align the start.
        guard let raw = calloc(Swift.max(byteCount, 1) + ArrayStorage.alignment, 1) else {
            fatalError("NDArray: cannot allocate \(byteCount) bytes")
        }
        allocation = raw
        mappedLength = 0
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(ArrayStorage.alignment)) & ~UInt(ArrayStorage.alignment - 1)
        pointer = UnsafeMutableRawPointer(bitPattern: aligned)!
    }


    /// Storage over a private (copy-on-write) mapping of a file of `length` bytes whose
    /// element data starts `dataOffset` bytes in; the storage unmaps it when freed.
    init(fileMapping mapping: UnsafeMutableRawPointer, length: Int, dataOffset: Int) {
        allocation = mapping
        mappedLength = length
        mapsFile = true
        pointer = mapping + dataOffset
        byteCount = length - dataOffset
    }

    deinit {
        if mapsFile {
            munmap(allocation, mappedLength)
        } else if mappedLength > 0 {
            LargeBufferCache.give(allocation, length: mappedLength)
        } else {
            free(allocation)
        }
    }
}
