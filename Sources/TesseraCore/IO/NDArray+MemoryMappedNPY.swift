import Foundation

extension NDArray {
    /// Reads a NumPy `.npy` file, memory-mapped when `memoryMapped` is true (NumPy's
    /// `load(mmap_mode="r")`, with copy-on-write): the array's storage is a private
    /// mapping of the file, so only the pages that are read are loaded and an array
    /// larger than memory can be processed slice by slice. Writing to the array changes
    /// the process's copy of those pages, never the file.
    ///
    /// `bool` files are mapped too. NumPy writes their bytes as 0 and 1 but reads any
    /// non-zero byte as `True`; such bytes (only hand-made files have them) are set to 1
    /// in this process's copy of their pages, so the mapping is read once, in chunks,
    /// when it is made (pages without such bytes stay shared with the file).
    ///
    /// Big-endian files (NumPy's `'>f8'`, `'>i4'`, … dtypes, which `np.load` maps as they
    /// are) are **not** mapped: every Tessera dtype is native (little-endian) byte order,
    /// so their elements are read into memory and byte-swapped, as ``init(contentsOf:)``
    /// does. The values, dtype (the native one) and shape are NumPy's; the memory use is
    /// the array's size. Write such files in native order (`a.astype(a.dtype.newbyteorder('='))`)
    /// to map them. The same holds for a file whose data offset is not a multiple of its
    /// element size (NumPy's writers never make one). With `memoryMapped: false` this is
    /// ``init(contentsOf:)``.
    ///
    /// - Throws: ``TesseraError`` `.io` when the file cannot be opened or mapped,
    ///   `.fileFormat` when it is malformed or shorter than its header says,
    ///   `.unsupportedDType`, and `.resourceLimit` when the shape overflows `Int`.
    public init(contentsOf url: URL, memoryMapped: Bool) throws {
        guard memoryMapped else {
            try self.init(contentsOf: url)
            return
        }
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw TesseraError(.io, "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw TesseraError(.io, "cannot read \(url.path): \(String(cString: strerror(errno)))")
        }
        let length = Int(status.st_size)
        guard length > 0 else { throw TesseraError(.fileFormat, "\(url.path): an empty file is not a .npy file") }
        guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw TesseraError(.io, "cannot map \(url.path): \(String(cString: strerror(errno)))")
        }
        let header: NPYHeader
        let byteCount: Int
        do {
            header = try NPYHeader.parse(UnsafeRawBufferPointer(start: mapping, count: length))
            var count = header.dtype.itemSize
            for axis in header.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: axis)
                guard !overflow, axis >= 0 else {
                    throw TesseraError(.resourceLimit, ".npy header shape \(NPYHeader.pythonTuple(header.shape)) has more bytes than Int can count")
                }
                count = product
            }
            byteCount = count
            guard length - header.dataOffset >= byteCount else {
                throw TesseraError(
                    .fileFormat,
                    "truncated .npy data: shape \(NPYHeader.pythonTuple(header.shape)) of dtype \(header.dtype) needs \(byteCount) data bytes, but only \(length - header.dataOffset) follow the header"
                )
            }
        } catch let error as TesseraError {
            munmap(mapping, length)
            throw TesseraError(error.code, "\(url.path): \(error.message)")
        }
        if header.isBigEndian || header.dataOffset % header.dtype.itemSize != 0 {
            munmap(mapping, length)
            try self.init(contentsOf: url)
            return
        }
        if header.dtype == .bool {
            NDArray.normalizeBoolBytes(mapping + header.dataOffset, count: byteCount)
        }
        let storage = ArrayStorage.make(fileMapping: mapping, length: length, dataOffset: header.dataOffset)
        let strides = NDArray.contiguousStrides(shape: header.shape, itemSize: header.dtype.itemSize, fortran: header.fortranOrder)
        self.init(storage: storage, dtype: header.dtype, shape: header.shape, strides: strides, offset: 0)
    }
}

extension NDArray {
    /// Sets every byte of `count` at `bytes` that is neither 0 nor 1 to 1 (NumPy's `bool`
    /// reads any non-zero byte as true; Swift's `Bool` must be exactly 0 or 1). Chunks are
    /// checked first and written only when they hold such a byte, so that the clean pages
    /// of a private file mapping are not copied.
    static func normalizeBoolBytes(_ bytes: UnsafeMutableRawPointer, count: Int) {
        let chunk = 4096
        let p = bytes.assumingMemoryBound(to: UInt8.self)
        var start = 0
        while start < count {
            let end = Swift.min(start + chunk, count)
            var high: UInt8 = 0
            for i in start..<end { high |= p[i] & 0xFE }
            if high != 0 {
                for i in start..<end where p[i] > 1 { p[i] = 1 }
            }
            start = end
        }
    }
}
