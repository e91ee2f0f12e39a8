/// The reference-counted, 64-byte-aligned buffer behind one or more ``NDArray`` values.
///
/// Arrays share a storage until one of them is mutated (copy-on-write); the storage
/// itself never changes size. Memory is zero-initialised.
final class ArrayStorage: @unchecked Sendable {
    /// Alignment of every buffer: a cache line, and enough for AVX-512 loads.
    static let alignment = 64

    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    /// Allocates `byteCount` zeroed bytes. The caller has already checked the size
    /// (see ``NDArray/checkedByteCount(shape:dtype:)``).
    init(byteCount: Int) {
        self.byteCount = byteCount
        // Allocate at least one cache line so that every array has a valid, aligned base.
        let size = Swift.max(byteCount, ArrayStorage.alignment)
        pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: ArrayStorage.alignment)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    }

    /// Allocates `byteCount` bytes without zeroing them, for outputs a loop writes in
    /// full (gufunc results, like NumPy's `empty`).
    init(uninitializedByteCount byteCount: Int) {
        self.byteCount = byteCount
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, ArrayStorage.alignment), alignment: ArrayStorage.alignment)
    }

    deinit {
        pointer.deallocate()
    }
}
