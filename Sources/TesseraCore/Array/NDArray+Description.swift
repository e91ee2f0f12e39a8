import ComplexModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
    /// NumPy's `repr`: `array([1., 2., 3.])`, `array([1, 2], dtype=int32)`, nested brackets
    /// for more axes, lines wrapped at 75 columns, and `...` with `shape=` for arrays of
    /// more than 1000 elements (three items at each edge), as NumPy 2 prints them.
    ///
    /// Floats use NumPy's default `maxprec` mode (shortest round-trip digits, at most 8
    /// after the point, scientific notation when values span more than 1000×, or are below
    /// 1e-4 or at least 1e8). Rounding to 8 digits uses C's `printf`, which can differ from
    /// NumPy's Dragon4 in the last digit for values exactly halfway.
    public var description: String { NumPyRepr(self).text }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

/// Builds NumPy's `repr` of an array (`numpy/_core/arrayprint.py`).
struct NumPyRepr {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3
    static let prefix = "array("

    let text: String

    init(_ array: NDArray) {
        let summarise = array.size > NumPyRepr.threshold
        var body: String
        if array.size == 0 {
            body = "[]"
        } else {
            let shown = NumPyRepr.shownIndices(shape: array.shape, summarise: summarise)
            let format = ElementFormat(array, shown: shown)
            body = NumPyRepr.formatArray(
                shape: array.shape, summarise: summarise, format: format.format,
                hangingIndent: String(repeating: " ", count: NumPyRepr.prefix.count + 1),
                width: NumPyRepr.lineWidth - 1
            )
        }
        var extras: [String] = []
        if (array.size == 0 && array.shape != [0]) || summarise {
            let shape = array.shape.count == 1 ? "(\(array.axisLength(0)),)" : "(\(array.shape.map(String.init).joined(separator: ", ")))"
            extras.append("shape=\(shape)")
        }
        if ![.int64, .float64, .complex128, .bool].contains(array.dtype) || array.size == 0 {
            extras.append("dtype=\(array.dtype.name)")
        }
        if extras.isEmpty {
            text = NumPyRepr.prefix + body + ")"
            return
        }
        let head = NumPyRepr.prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = head.split(separator: "\n", omittingEmptySubsequences: false).last!.count
        let spacer = lastLine + extra.count + 1 > NumPyRepr.lineWidth ? "\n" + String(repeating: " ", count: NumPyRepr.prefix.count) : " "
        text = head + spacer + extra
    }

    /// The positions shown along one axis: all, or the edges when summarising.
    static func shownPositions(_ length: Int, summarise: Bool) -> (leading: [Int], trailing: [Int], gap: Bool) {
        if summarise && 2 * edgeItems < length {
            return (Array(0..<edgeItems), Array((length - edgeItems)..<length), true)
        }
        return ([], Array(0..<length), false)
    }

    /// Flat C-order indices of every element that is printed.
    static func shownIndices(shape: [Int], summarise: Bool) -> [Int] {
        var result: [Int] = []
        func walk(_ axis: Int, _ flat: Int) {
            if axis == shape.count { result.append(flat); return }
            let positions = shownPositions(shape[axis], summarise: summarise)
            for i in positions.leading + positions.trailing { walk(axis + 1, flat * shape[axis] + i) }
        }
        walk(0, 0)
        return result
    }

    /// NumPy's `_formatArray` (non-legacy mode).
    static func formatArray(shape: [Int], summarise: Bool, format: (Int) -> String, hangingIndent: String, width: Int) -> String {
        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
            var wrap = line.count + word.count > width
            if line.count <= indent.count { wrap = false }
            if wrap {
                while line.last == " " { line.removeLast() }
                s += line + "\n"
                line = indent
            }
            line += word
        }
        func recurse(_ axis: Int, _ flat: Int, _ indent: String, _ width: Int) -> String {
            if axis == shape.count { return format(flat) }
            let nextIndent = indent + " "
            let nextWidth = width - 1
            let positions = shownPositions(shape[axis], summarise: summarise)
            let items = positions.leading + positions.trailing
            var s = ""
            if axis == shape.count - 1 {
                let elementWidth = width - 1
                var line = indent
                for (n, i) in items.enumerated() {
                    let word = recurse(axis + 1, flat * shape[axis] + i, nextIndent, nextWidth)
                    extend(&s, &line, word, n == items.count - 1 ? width - 1 : elementWidth, indent)
                    if n < items.count - 1 { line += ", " }
                    if positions.gap && n == positions.leading.count - 1 {
                        extend(&s, &line, "...", elementWidth, indent)
                        line += ", "
                    }
                }
                s += line
            } else {
                let separator = "," + String(repeating: "\n", count: shape.count - axis - 1)
                for (n, i) in items.enumerated() {
                    s += (n == 0 ? "" : indent) + recurse(axis + 1, flat * shape[axis] + i, nextIndent, nextWidth)
                    if n < items.count - 1 { s += separator }
                    if positions.gap && n == positions.leading.count - 1 {
                        s += indent + "..." + separator
                    }
                }
                return "[" + s + "]"
            }
            return "[" + s.dropFirst(indent.count) + "]"
        }
        return recurse(0, 0, hangingIndent, width)
    }
}

/// How every element of one array is printed (NumPy's per-dtype formatters).
struct ElementFormat {
    let format: (Int) -> String

    init(_ array: NDArray, shown: [Int]) {
        switch array.dtype {
        case .bool:
            let values = array.toArray(Bool.self)
            let scalar = array.ndim == 0
            format = { values[$0] ? (scalar ? "True" : " True") : "False" }
        case .int8, .int16, .int32, .int64:
            let values = array.toArray(Int64.self)
            let width = shown.map { String(values[$0]).count }.max() ?? 0
            format = { ElementFormat.padLeft(String(values[$0]), width) }
        case .uint8, .uint16, .uint32, .uint64:
            let values = array.toArray(UInt64.self)
            let width = shown.map { String(values[$0]).count }.max() ?? 0
            format = { ElementFormat.padLeft(String(values[$0]), width) }
        case .float16, .float32, .float64:
            let values = array.toArray(Double.self)
            let real = FloatFormat(shown.map { values[$0] }, dtype: array.dtype, plusSign: false)
            format = { real.format(values[$0]) }
        case .complex64, .complex128:
            let values = array.toArray(Complex<Double>.self).map(\.rawStorage)
            let real = FloatFormat(shown.map { values[$0].x }, dtype: array.dtype.realComponent, plusSign: false)
            let imaginary = FloatFormat(shown.map { values[$0].y }, dtype: array.dtype.realComponent, plusSign: true)
            format = { flat in
                let i = imaginary.format(values[flat].y)
                let trimmed = i.reversed().drop(while: { $0 == " " }).reversed()
                return real.format(values[flat].x) + String(trimmed) + "j" + String(repeating: " ", count: i.count - trimmed.count)
            }
        }
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

/// NumPy's `FloatingFormat` in `maxprec` mode with precision 8.
struct FloatFormat {
    static let precision = 8
    let dtype: DType
    let plusSign: Bool
    var scientific = false
    var padLeft = 0
    var padRight = 0
    var fractionDigits = 0
    var exponentDigits = 0

    init(_ values: [Double], dtype: DType, plusSign: Bool) {
        self.dtype = dtype
        self.plusSign = plusSign
        let finite = values.filter(\.isFinite)
        let nonZero = finite.filter { $0 != 0 }.map(Swift.abs)
        if let maximum = nonZero.max(), let minimum = nonZero.min() {
            scientific = maximum >= 1e8 || minimum < 0.0001 || maximum / minimum > 1000
        }
        if !finite.isEmpty {
            if scientific {
                let parts = finite.map { scientificParts($0) }
                fractionDigits = parts.map(\.fraction.count).max()!
                exponentDigits = parts.map { Swift.max(String(Swift.abs($0.exponent)).count, 2) }.max()!
                padLeft = parts.map(\.integer.count).max()!
                padRight = exponentDigits + 2 + fractionDigits
            } else {
                let parts = finite.map { positionalParts($0) }
                padLeft = parts.map(\.integer.count).max()!
                padRight = parts.map(\.fraction.count).max()!
            }
        }
        if finite.count != values.count {
            let negativeInfinity = plusSign || values.contains { $0.isInfinite && $0 < 0 }
            let offset = padRight + 1
            padLeft = Swift.max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset)
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? (plusSign ? "+nan" : "nan") : (x < 0 ? "-inf" : plusSign ? "+inf" : "inf")
            return ElementFormat.padLeft(text, padLeft + padRight + 1)
        }
        if scientific {
            let parts = scientificParts(x)
            let fraction = parts.fraction + String(repeating: "0", count: fractionDigits - parts.fraction.count)
            let exponent = String(Swift.abs(parts.exponent))
            let paddedExponent = String(repeating: "0", count: Swift.max(exponentDigits - exponent.count, 0)) + exponent
            return ElementFormat.padLeft(parts.integer, padLeft) + "." + fraction + "e" + (parts.exponent < 0 ? "-" : "+") + paddedExponent
        }
        let parts = positionalParts(x)
        return ElementFormat.padLeft(parts.integer, padLeft) + "." + parts.fraction
            + String(repeating: " ", count: padRight - parts.fraction.count)
    }

    var sign: (Double) -> String {
        { x in x.sign == .minus ? "-" : plusSign ? "+" : "" }
    }

    /// Shortest round-trip decimal digits of `x` in its own precision, and the decimal
    /// exponent of the first digit.
    func shortestDigits(_ x: Double) -> (digits: [Character], exponent: Int) {
        let text: String
        switch dtype {
        case .float16: text = Float16(x).magnitude.description
        case .float32: text = Float(x).magnitude.description
        default: text = x.magnitude.description
        }
        let pieces = text.split(separator: "e")
        let exponentPart = pieces.count > 1 ? Int(String(pieces[1].filter { $0 != "+" }))! : 0
        let mantissa = pieces[0].split(separator: ".", omittingEmptySubsequences: false)
        let integer = Array(mantissa[0]), fraction = mantissa.count > 1 ? Array(mantissa[1]) : []
        var digits = integer + fraction
        var exponent = integer.count - 1 + exponentPart
        while digits.first == "0" { digits.removeFirst(); exponent -= 1 }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return (["0"], 0) }
        return (digits, exponent)
    }

    /// `x` printed by C's printf with `format` (`%.8f`, `%.8e`).
    static func printf(_ format: String, _ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
            _ = withVaList([x]) { vsnprintf(buffer.baseAddress!, 512, format, $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    func positionalParts(_ x: Double) -> (integer: String, fraction: String) {
        var (digits, exponent) = shortestDigits(x)
        if digits.count - 1 - exponent > FloatFormat.precision {
            // More than 8 digits after the point: round.
            let rounded = FloatFormat.printf("%.8f", Swift.abs(x))
            let halves = rounded.split(separator: ".")
            var fraction = String(halves[1])
            while fraction.last == "0" { fraction.removeLast() }
            return (sign(x) + halves[0], fraction)
        }
        if digits == ["0"] { return (sign(x) + "0", "") }
        var integer = ""
        var fraction = ""
        if exponent >= 0 {
            while digits.count < exponent + 1 { digits.append("0") }
            integer = String(digits[0...exponent])
            fraction = String(digits[(exponent + 1)...])
        } else {
            integer = "0"
            fraction = String(repeating: "0", count: -exponent - 1) + String(digits)
        }
        return (sign(x) + integer, fraction)
    }

    func scientificParts(_ x: Double) -> (integer: String, fraction: String, exponent: Int) {
        let (digits, exponent) = shortestDigits(x)
        if digits.count - 1 > FloatFormat.precision {
            let rounded = FloatFormat.printf("%.8e", Swift.abs(x))
            let pieces = rounded.split(separator: "e")
            let mantissa = pieces[0].split(separator: ".")
            var fraction = String(mantissa[1])
            while fraction.last == "0" { fraction.removeLast() }
            return (sign(x) + mantissa[0], fraction, Int(String(pieces[1].filter { $0 != "+" }))!)
        }
        return (sign(x) + String(digits[0]), String(digits.dropFirst()), digits == ["0"] ? 0 : exponent)
    }
}
