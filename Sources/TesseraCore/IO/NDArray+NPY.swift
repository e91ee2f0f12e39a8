import Foundation

extension NDArray {
    /// Reads a NumPy `.npy` file (`numpy.load`).
    ///
    /// Accepts format versions 1.0, 2.0 and 3.0, C and Fortran order, and both byte
    /// orders: big-endian data (`>i4`) is byte-swapped into native order. A Fortran-order
    /// file gives a Fortran-contiguous array, as in NumPy. Bytes after the data are
    /// ignored, as `numpy.load` ignores them.
    ///
    /// The file is memory-mapped and its size is checked against the header's shape
    /// before anything is allocated, so a bogus shape costs nothing.
    ///
    /// - Throws: ``TesseraError`` with code `.io` when the file cannot be read,
    ///   `.fileFormat` when it is malformed or truncated, `.unsupportedDType` for dtypes
    ///   Tessera lacks (object, str, datetime64, structured), `.resourceLimit` when the
    ///   shape is too large to allocate.
    public init(contentsOf url: URL) throws {
        let data = try NDArray.readFile(url)
        do {
            try self.init(npyData: data)
        } catch let error as TesseraError {
            throw TesseraError(error.code, "\(url.path): \(error.message)")
        }
    }

    /// Decodes the bytes of a `.npy` file; see ``init(contentsOf:)``.
    public init(npyData data: Data) throws {
        self = try data.withUnsafeBytes { try NDArray.decodeNPY($0) }
    }

    /// Writes the array as a NumPy `.npy` file (`numpy.save`), readable by `numpy.load`.
    ///
    /// The data is little-endian; Fortran-contiguous arrays that are not C-contiguous
    /// are written in Fortran order, everything else in C order. The format version is
    /// 1.0 unless the header needs a later one, as NumPy chooses. The file is replaced
    /// atomically.
    ///
    /// - Throws: ``TesseraError`` with code `.io` when the file cannot be written.
    public func write(to url: URL) throws {
        do {
            try npyData().write(to: url, options: .atomic)
        } catch {
            throw TesseraError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The bytes of the `.npy` file ``write(to:)`` writes.
    public func npyData() -> Data {
        let fortran = isFContiguous && !isCContiguous
        let source = isCContiguous || fortran ? self : copy(order: .c)
        let header = NPYHeader.encode(dtype: dtype, fortranOrder: fortran, shape: shape)
        var data = Data(capacity: header.count + nbytes)
        data.append(contentsOf: header)
        if source.nbytes > 0 {
            data.append(UnsafeRawBufferPointer(start: source.baseAddress, count: source.nbytes).bindMemory(to: UInt8.self))
        }
        #if _endian(big)
        #error("Tessera writes .npy data in native order and assumes a little-endian host")
        #endif
        return withExtendedLifetime(source) { data }
    }

    /// Reads a whole file, memory-mapped, with errors as ``TesseraError`` `.io`.
    package static func readFile(_ url: URL) throws -> Data {
        // Foundation's Data(contentsOf:) leaks a 4 KiB buffer for every empty file it reads
        // (LeakSanitizer, Swift 6.3 on Linux): an empty regular file is answered here.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
           attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? NSNumber)?.intValue == 0 {
            return Data()
        }
        do {
            return try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw TesseraError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    static func decodeNPY(_ bytes: UnsafeRawBufferPointer) throws -> NDArray {
        let header = try NPYHeader.parse(bytes)
        let byteCount = try header.dataByteCount()
        let available = bytes.count - header.dataOffset
        guard available >= byteCount else {
            throw TesseraError(
                .fileFormat,
                "truncated .npy data: shape \(NPYHeader.pythonTuple(header.shape)) of dtype \(header.dtype) needs \(byteCount) data bytes, but only \(available) follow the header"
            )
        }
        var array = try NDArray(checkedShape: header.shape, dtype: header.dtype)
        if header.fortranOrder {
            array.strideList = AxisList(NDArray.contiguousStrides(shape: header.shape, itemSize: header.dtype.itemSize, fortran: true))
        }
        guard byteCount > 0 else { return array }
        let destination = array.storage.pointer
        destination.copyMemory(from: bytes.baseAddress! + header.dataOffset, byteCount: byteCount)
        if header.isBigEndian {
            // Complex numbers are two floats, each swapped on its own.
            let component = header.dtype.isComplex ? header.dtype.itemSize / 2 : header.dtype.itemSize
            swapBytes(destination, byteCount: byteCount, width: component)
        }
        if header.dtype == .bool {
            // NumPy treats any non-zero byte as True; Swift's Bool must be exactly 0 or 1.
            let flags = destination.assumingMemoryBound(to: UInt8.self)
            for i in 0..<byteCount where flags[i] > 1 { flags[i] = 1 }
        }
        return array
    }

    /// Reverses the byte order of every `width`-byte word in place.
    private static func swapBytes(_ pointer: UnsafeMutableRawPointer, byteCount: Int, width: Int) {
        func swap<T: FixedWidthInteger>(_: T.Type) {
            let words = pointer.assumingMemoryBound(to: T.self)
            for i in 0..<(byteCount / width) { words[i] = words[i].byteSwapped }
        }
        switch width {
        case 2: swap(UInt16.self)
        case 4: swap(UInt32.self)
        case 8: swap(UInt64.self)
        default: break
        }
    }
}
