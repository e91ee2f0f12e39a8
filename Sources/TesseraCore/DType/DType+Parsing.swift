extension DType {
    /// Parses any NumPy spelling of a supported dtype: canonical names (`float64`),
    /// type strings with or without byte order (`<f8`, `|b1`, `>i4`, `f4`), one-character
    /// codes (`d`, `?`), and NumPy 2's C-style word names (`double`, `single`, `half`,
    /// `intc`, `longlong`, …).
    ///
    /// - Throws: ``TesseraError`` with code `.removedDType` for names NumPy 2.0 removed
    ///   (naming the replacement), `.unsupportedDType` for NumPy dtypes Tessera lacks
    ///   (object, str, datetime64, longdouble, …), `.invalidDType` otherwise (with the
    ///   closest valid names).
    public init(parsing text: String) throws {
        self = try DType.parseWithByteOrder(text).dtype
    }

    /// Parses a dtype spelling and also reports whether it named big-endian data
    /// (`>i4`). Only `.npy` reading needs the byte order; in memory Tessera is native-endian.
    public static func parseWithByteOrder(_ text: String) throws -> (dtype: DType, isBigEndian: Bool) {
        let spelled = text.trimmingWhitespace()
        if let dtype = wordNames[spelled] {
            return (dtype, false)
        }
        if let replacement = removedNames[spelled] {
            throw TesseraError(.removedDType, "`\(spelled)` was removed in NumPy 2.0; \(replacement)")
        }
        if spelled.count == 1, let dtype = characterCodes[spelled.first!] {
            return (dtype, false)
        }
        // Type strings: optional byte order, kind character, item size.
        var body = Substring(spelled)
        var isBigEndian = false
        var hadOrder = false
        if let first = body.first, "<>=|!".contains(first) {
            isBigEndian = first == ">" || first == "!"
            hadOrder = true
            body = body.dropFirst()
        }
        if let kind = body.first, let size = Int(body.dropFirst()), body.count >= 2 {
            if let dtype = typeStrings["\(kind)\(size)"] {
                if dtype.itemSize == 1 { isBigEndian = false }
                return (dtype, isBigEndian)
            }
            if "OUSVMmaG".contains(kind) || (kind == "f" && size > 8) || (kind == "c" && size > 16) {
                throw unsupported(spelled)
            }
        } else if hadOrder, body.count == 1, let dtype = characterCodes[body.first!] {
            return (dtype, dtype.itemSize == 1 ? false : isBigEndian)
        }
        if unsupportedNames.contains(spelled) || unsupportedNames.contains(String(body))
            || spelled.hasPrefix("datetime64") || spelled.hasPrefix("timedelta64")
            || spelled.hasPrefix("M8") || spelled.hasPrefix("m8") || spelled.hasPrefix("<M8")
            || spelled.hasPrefix("<m8") || spelled.hasPrefix("S") || spelled.hasPrefix("<U")
            || spelled.hasPrefix("U") && Int(spelled.dropFirst()) != nil
        {
            throw unsupported(spelled)
        }
        let suggestions = closestNames(to: spelled)
        let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "`\($0)`" }.joined(separator: ", "))?"
        throw TesseraError(
            .invalidDType,
            "`\(spelled)` is not a dtype\(hint) Valid names: \(DType.allCases.map(\.name).joined(separator: ", ")), or a NumPy type string such as `<f8`."
        )
    }

    private static func unsupported(_ spelled: String) -> TesseraError {
        TesseraError(
            .unsupportedDType,
            "dtype `\(spelled)` is a NumPy dtype that Tessera does not support; supported dtypes are \(DType.allCases.map(\.name).joined(separator: ", "))"
        )
    }

    static func closestNames(to text: String, limit: Int = 3) -> [String] {
        let lowered = text.lowercased()
        let scored = wordNames.keys.map { ($0, editDistance(lowered, $0)) }
            .filter { $0.1 <= max(2, lowered.count / 3) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var seen = Set<String>()
        return scored.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Canonical and C-style word names, as NumPy 2 accepts them on x86-64 Linux.
    static let wordNames: [String: DType] = {
        var names: [String: DType] = [:]
        for dtype in DType.allCases { names[dtype.name] = dtype }
        let words: [String: DType] = [
            "bool_": .bool,
            "byte": .int8, "ubyte": .uint8,
            "short": .int16, "ushort": .uint16,
            "intc": .int32, "uintc": .uint32,
            "int": .int64, "long": .int64, "ulong": .uint64, "uint": .uint64,
            "longlong": .int64, "ulonglong": .uint64,
            "intp": .int64, "uintp": .uint64,
            "half": .float16, "single": .float32, "double": .float64, "float": .float64,
            "csingle": .complex64, "cdouble": .complex128, "complex": .complex128,
        ]
        names.merge(words) { current, _ in current }
        return names
    }()

    static let characterCodes: [Character: DType] = {
        var codes: [Character: DType] = [:]
        for dtype in DType.allCases { codes[dtype.character] = dtype }
        codes["q"] = .int64
        codes["Q"] = .uint64
        codes["p"] = .int64
        codes["P"] = .uint64
        return codes
    }()

    static let typeStrings: [String: DType] = {
        var strings: [String: DType] = [:]
        for dtype in DType.allCases { strings["\(dtype.kind.rawValue)\(dtype.itemSize)"] = dtype }
        return strings
    }()

    /// Names NumPy 2.0 removed, with what to write instead (NEP 52).
    static let removedNames: [String: String] = [
        "float_": "use `float64`",
        "complex_": "use `complex128`",
        "int0": "use `intp` (`int64`)",
        "uint0": "use `uintp` (`uint64`)",
        "longfloat": "NumPy's replacement is `longdouble`, which Tessera does not support; use `float64`",
        "singlecomplex": "use `complex64`",
        "cfloat": "use `complex128`",
        "longcomplex": "NumPy's replacement is `clongdouble`, which Tessera does not support; use `complex128`",
        "clongfloat": "NumPy's replacement is `clongdouble`, which Tessera does not support; use `complex128`",
        "bool8": "use `bool`",
        "string_": "NumPy's replacement is `bytes_`, which Tessera does not support",
        "unicode_": "NumPy's replacement is `str_`, which Tessera does not support",
        "object0": "NumPy's replacement is `object_`, which Tessera does not support",
        "float96": "NumPy's replacement is `longdouble`, which Tessera does not support; use `float64`",
    ]

    static let unsupportedNames: Set<String> = [
        "object", "object_", "O", "str", "str_", "U", "bytes", "bytes_", "S", "a", "void", "V",
        "datetime64", "timedelta64", "M", "m", "longdouble", "clongdouble", "g", "G",
        "float128", "complex256", "f16", "c32", "StringDType", "T",
    ]
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
