import Foundation

extension NDArray {
    /// Reads a NumPy `.npy` file, memory-mapped when `memoryMapped` is true (NumPy's
    /// `load(mmap_mode="r")`, with copy-on-write): the array's storage is a private
    /// mapping of the file, so only the pages that are read are loaded and an array
    /// larger than memory can be processed slice by slice. Writing to the array changes
    /// the process's copy of those pages, never the file.
    ///
    /// Big-endian data and `bool` arrays (whose bytes NumPy lets be any non-zero value)
    /// cannot be used in place; they are read into memory as ``init(contentsOf:)`` does.
    /// With `memoryMapped: false` this is ``init(contentsOf:)``.
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
        if header.isBigEndian || header.dtype == .bool || header.dataOffset % header.dtype.itemSize != 0 {
            munmap(mapping, length)
            try self.init(contentsOf: url)
            return
        }
        let storage = ArrayStorage.make(fileMapping: mapping, length: length, dataOffset: header.dataOffset)
        let strides = NDArray.contiguousStrides(shape: header.shape, itemSize: header.dtype.itemSize, fortran: header.fortranOrder)
        self.init(storage: storage, dtype: header.dtype, shape: header.shape, strides: strides, offset: 0)
    }
}
