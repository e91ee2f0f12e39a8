/// The header of a NumPy `.npy` file: magic string, format version, header length and
/// the Python-dict text `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`.
///
/// Format versions: 1.0 (2-byte length, Latin-1 header), 2.0 (4-byte length, Latin-1)
/// and 3.0 (4-byte length, UTF-8). Parsing is strict: every problem is a thrown
/// ``TesseraError`` that says what is wrong, with code `.fileFormat` for malformed
/// files, `.unsupportedDType` for dtypes Tessera lacks and `.resourceLimit` for shapes
/// too large to allocate.
struct NPYHeader: Equatable {
    /// The element type of the data.
    var dtype: DType
    /// Whether the data is stored big-endian (`>i4`) and must be byte-swapped.
    var isBigEndian: Bool
    /// Whether the data is stored in Fortran (column-major) order.
    var fortranOrder: Bool
    /// The array's shape; every entry is non-negative.
    var shape: [Int]
    /// The format version, e.g. `(1, 0)`.
    var majorVersion: UInt8
    var minorVersion: UInt8
    /// Offset of the first data byte from the start of the file.
    var dataOffset: Int

    /// `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// Headers are padded so that data starts at a multiple of this (NumPy's `ARRAY_ALIGN`).
    static let alignment = 64
    /// Spare spaces NumPy leaves so a header can be rewritten in place when the growth
    /// axis gets longer (NumPy's `GROWTH_AXIS_MAX_DIGITS`).
    static let growthAxisMaxDigits = 21

    /// The number of data bytes the header describes, checked for overflow and against
    /// ``NDArray/maximumByteCount``.
    func dataByteCount() throws -> Int {
        do {
            return try NDArray.checkedByteCount(shape: shape, dtype: dtype)
        } catch let error as TesseraError {
            throw TesseraError(error.code, ".npy header shape \(NPYHeader.pythonTuple(shape)): \(error.message)")
        }
    }

    // MARK: Reading

    /// Parses the header at the start of `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> NPYHeader {
        guard bytes.count >= magic.count + 2 else {
            throw TesseraError(.fileFormat, "not a .npy file: only \(bytes.count) bytes, too short for the magic string and version")
        }
        guard bytes.prefix(magic.count).elementsEqual(magic) else {
            let seen = bytes.prefix(magic.count).map(hexByte).joined(separator: " ")
            throw TesseraError(.fileFormat, "not a .npy file: bad magic string (bytes \(seen), expected 93 4e 55 4d 50 59 = \"\\x93NUMPY\")")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthFieldSize: Int
        switch (major, minor) {
        case (1, 0): lengthFieldSize = 2
        case (2, 0), (3, 0): lengthFieldSize = 4
        default:
            throw TesseraError(.fileFormat, "unknown .npy format version \(major).\(minor); Tessera reads versions 1.0, 2.0 and 3.0")
        }
        let preamble = magic.count + 2 + lengthFieldSize
        guard bytes.count >= preamble else {
            throw TesseraError(.fileFormat, "truncated .npy file: \(bytes.count) bytes end inside the \(lengthFieldSize)-byte header length field")
        }
        var headerLength = 0
        for i in 0..<lengthFieldSize {
            headerLength |= Int(bytes[8 + i]) << (8 * i)
        }
        guard headerLength <= bytes.count - preamble else {
            throw TesseraError(
                .fileFormat,
                "truncated .npy file or lying header length: the length field says \(headerLength) header bytes, but only \(bytes.count - preamble) bytes follow it"
            )
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[preamble..<preamble + headerLength])
        let text: String
        if major == 3 {
            guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
                throw TesseraError(.fileFormat, "the .npy version 3.0 header is not valid UTF-8")
            }
            text = decoded
        } else {
            // Latin-1: every byte is the scalar of the same value.
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }
        let literal = try PythonLiteral.parse(text, allowLongSuffix: major < 3)
        var header = try NPYHeader(dictionary: literal)
        header.majorVersion = major
        header.minorVersion = minor
        header.dataOffset = preamble + headerLength
        return header
    }

    /// Validates the header dict: exactly the keys `descr`, `fortran_order` and `shape`.
    private init(dictionary literal: PythonLiteral) throws {
        guard case .dictionary(let items) = literal else {
            throw TesseraError(.fileFormat, "the .npy header is not a dict but \(literal.summary)")
        }
        var fields: [String: PythonLiteral] = [:]
        for (key, value) in items {
            guard case .string(let name) = key else {
                throw TesseraError(.fileFormat, "the .npy header dict has a key that is not a string: \(key.summary)")
            }
            guard fields.updateValue(value, forKey: name) == nil else {
                throw TesseraError(.fileFormat, "the .npy header dict has the key '\(name)' twice")
            }
        }
        let expected: Set<String> = ["descr", "fortran_order", "shape"]
        guard Set(fields.keys) == expected else {
            let missing = expected.subtracting(fields.keys).sorted()
            let extra = Set(fields.keys).subtracting(expected).sorted()
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing key \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
            if !extra.isEmpty { problems.append("unexpected key \(extra.map { "'\($0)'" }.joined(separator: ", "))") }
            throw TesseraError(
                .fileFormat,
                "the .npy header dict must have exactly the keys 'descr', 'fortran_order' and 'shape': \(problems.joined(separator: "; "))"
            )
        }

        guard case .boolean(let fortranOrder) = fields["fortran_order"]! else {
            throw TesseraError(.fileFormat, "the .npy header's 'fortran_order' must be True or False, not \(fields["fortran_order"]!.summary)")
        }
        self.fortranOrder = fortranOrder

        guard case .tuple(let entries) = fields["shape"]! else {
            throw TesseraError(.fileFormat, "the .npy header's 'shape' must be a tuple of integers, not \(fields["shape"]!.summary)")
        }
        var shape: [Int] = []
        for entry in entries {
            guard case .integer(let value, let text) = entry else {
                throw TesseraError(.fileFormat, "the .npy header's 'shape' must be a tuple of integers, but it holds \(entry.summary)")
            }
            if text.hasPrefix("-") && text.contains(where: { $0 != "-" && $0 != "0" }) {
                throw TesseraError(.fileFormat, "the .npy header's 'shape' has the negative dimension \(text)")
            }
            guard let value else {
                throw TesseraError(.resourceLimit, "the .npy header's 'shape' has the dimension \(text), which does not fit in Int")
            }
            shape.append(value)
        }
        self.shape = shape

        switch fields["descr"]! {
        case .string(let descr):
            do {
                (dtype, isBigEndian) = try DType.parseWithByteOrder(descr)
            } catch let error as TesseraError {
                if error.code == .unsupportedDType { throw error }
                throw TesseraError(.fileFormat, "the .npy header's 'descr' '\(descr)' is not a dtype: \(error.message)")
            }
        case .list:
            throw TesseraError(.unsupportedDType, "the .npy file holds a structured dtype (a list of fields in 'descr'); Tessera supports only plain numeric dtypes")
        case let other:
            throw TesseraError(.fileFormat, "the .npy header's 'descr' must be a dtype string, not \(other.summary)")
        }
        majorVersion = 1
        minorVersion = 0
        dataOffset = 0
    }

    // MARK: Writing

    /// The complete header (magic, version, length and padded dict text) NumPy's
    /// `write_array` would produce for little-endian data of `dtype` and `shape`, in the
    /// oldest format version that can hold it.
    static func encode(dtype: DType, fortranOrder: Bool, shape: [Int]) -> [UInt8] {
        var text = "{'descr': '\(dtype.typeString)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(pythonTuple(shape)), }"
        if let growthAxis = fortranOrder ? shape.last : shape.first {
            text += String(repeating: " ", count: max(0, growthAxisMaxDigits - String(growthAxis).count))
        }
        let isLatin1 = text.unicodeScalars.allSatisfy { $0.value < 256 }
        let body: [UInt8] = isLatin1 ? text.unicodeScalars.map { UInt8($0.value) } : Array(text.utf8)
        for (major, lengthFieldSize, limit) in [(UInt8(1), 2, 0xFFFF), (2, 4, Int(UInt32.max)), (3, 4, Int(UInt32.max))] {
            if major < 3 && !isLatin1 { continue }
            if major == 3 && isLatin1 { break }
            let unpadded = magic.count + 2 + lengthFieldSize + body.count + 1
            let padding = alignment - unpadded % alignment
            let headerLength = body.count + padding + 1
            guard headerLength <= limit else { continue }
            var bytes = magic + [major, 0]
            for i in 0..<lengthFieldSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * i))) }
            bytes += body
            bytes += [UInt8](repeating: 0x20, count: padding)
            bytes.append(0x0A)
            return bytes
        }
        fatalError("NPYHeader.encode: a header of \(body.count) bytes does not fit any .npy format version")
    }

    /// Python's `repr` of a tuple of ints: `()`, `(3,)`, `(2, 3)`.
    static func pythonTuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(\(values.map(String.init).joined(separator: ", ")))"
    }
}

/// Two lowercase hex digits of a byte, for error messages.
private func hexByte(_ byte: UInt8) -> String {
    byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
}
