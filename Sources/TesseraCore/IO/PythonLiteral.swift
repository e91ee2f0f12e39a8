/// A Python literal, as NumPy writes them into `.npy` headers: the subset of
/// `ast.literal_eval` that headers use (dicts, tuples, lists, strings, integers,
/// `True`/`False`/`None`).
///
/// The parser is strict and bounded: it never recurses deeper than ``maximumDepth``
/// and reports the first problem with its position, so that a hostile header can only
/// produce an error.
enum PythonLiteral {
    case string(String)
    /// An integer and its digits; `value` is nil when it does not fit in `Int`.
    case integer(value: Int?, text: String)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([(key: PythonLiteral, value: PythonLiteral)])

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 32

    /// Parses `text`, which must hold exactly one literal surrounded by optional whitespace.
    ///
    /// - Parameter allowLongSuffix: accept Python 2's `3L` integers (NumPy accepts them
    ///   in format versions 1.0 and 2.0).
    static func parse(_ text: String, allowLongSuffix: Bool = false) throws -> PythonLiteral {
        var parser = Parser(scalars: Array(text.unicodeScalars), allowLongSuffix: allowLongSuffix)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.scalars.count else {
            throw parser.error("unexpected \(parser.describeCurrent()) after the end of the literal")
        }
        return value
    }

    /// A short description for error messages (`a tuple`, `the string '<f8'`).
    var summary: String {
        switch self {
        case .string(let s): "the string '\(s)'"
        case .integer(_, let text): "the integer \(text)"
        case .boolean(let b): b ? "True" : "False"
        case .none: "None"
        case .tuple: "a tuple"
        case .list: "a list"
        case .dictionary: "a dict"
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let allowLongSuffix: Bool
        var position = 0

        func error(_ what: String) -> TesseraError {
            TesseraError(.fileFormat, "cannot parse the .npy header: \(what) at character \(position)")
        }

        func describeCurrent() -> String {
            guard position < scalars.count else { return "end of header" }
            let scalar = scalars[position]
            if scalar.isASCII, scalar.value >= 0x20, scalar.value < 0x7F { return "character '\(scalar)'" }
            return "character U+\(String(scalar.value, radix: 16, uppercase: true))"
        }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func skipWhitespace() {
            while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                position += 1
            }
        }

        mutating func expect(_ scalar: Unicode.Scalar) -> Bool {
            skipWhitespace()
            if current == scalar { position += 1; return true }
            return false
        }

        mutating func parseValue(depth: Int) throws -> PythonLiteral {
            guard depth < PythonLiteral.maximumDepth else {
                throw error("literal nested more than \(PythonLiteral.maximumDepth) levels deep")
            }
            skipWhitespace()
            guard let c = current else { throw error("unexpected end of header, expected a value") }
            switch c {
            case "{": return try parseDictionary(depth: depth)
            case "(": return try parseSequence(open: "(", close: ")", depth: depth)
            case "[": return try parseSequence(open: "[", close: "]", depth: depth)
            case "'", "\"": return .string(try parseString())
            case "-", "+", "0"..."9": return try parseInteger()
            default:
                if c.properties.isAlphabetic || c == "_" { return try parseName() }
                throw error("unexpected \(describeCurrent())")
            }
        }

        mutating func parseDictionary(depth: Int) throws -> PythonLiteral {
            position += 1  // {
            var items: [(key: PythonLiteral, value: PythonLiteral)] = []
            while true {
                if expect("}") { return .dictionary(items) }
                let key = try parseValue(depth: depth + 1)
                guard expect(":") else { throw error("expected ':' after a dict key, found \(describeCurrent())") }
                let value = try parseValue(depth: depth + 1)
                items.append((key, value))
                if expect(",") { continue }
                guard expect("}") else { throw error("expected ',' or '}' in a dict, found \(describeCurrent())") }
                return .dictionary(items)
            }
        }

        /// Tuples and lists. `(x)` without a comma is just `x`, as in Python.
        mutating func parseSequence(open: Unicode.Scalar, close: Unicode.Scalar, depth: Int) throws -> PythonLiteral {
            position += 1
            var items: [PythonLiteral] = []
            var sawComma = false
            while true {
                if expect(close) { break }
                items.append(try parseValue(depth: depth + 1))
                if expect(",") { sawComma = true; continue }
                guard expect(close) else {
                    throw error("expected ',' or '\(close)' in a \(open == "(" ? "tuple" : "list"), found \(describeCurrent())")
                }
                break
            }
            if open == "[" { return .list(items) }
            if items.count == 1 && !sawComma { return items[0] }
            return .tuple(items)
        }

        mutating func parseString() throws -> String {
            let quote = scalars[position]
            position += 1
            var result = String.UnicodeScalarView()
            while true {
                guard let c = current, c != "\n" else { throw error("unterminated string") }
                position += 1
                if c == quote { return String(result) }
                if c != "\\" { result.append(c); continue }
                guard let escaped = current else { throw error("unterminated string") }
                position += 1
                switch escaped {
                case "\\", "'", "\"": result.append(escaped)
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "0": result.append("\0")
                case "x":
                    guard position + 2 <= scalars.count,
                          let value = UInt8(String(String.UnicodeScalarView(scalars[position..<position + 2])), radix: 16)
                    else { throw error("bad \\x escape in a string") }
                    position += 2
                    result.append(Unicode.Scalar(value))
                default: throw error("unsupported escape '\\\(escaped)' in a string")
                }
            }
        }

        mutating func parseInteger() throws -> PythonLiteral {
            var negative = false
            if current == "-" || current == "+" {
                negative = current == "-"
                position += 1
                skipWhitespace()
            }
            let start = position
            while let c = current, ("0"..."9").contains(c) { position += 1 }
            guard position > start else { throw error("expected digits after a sign") }
            let digits = String(String.UnicodeScalarView(scalars[start..<position]))
            if digits.count > 1 && digits.first == "0" && digits.contains(where: { $0 != "0" }) {
                throw error("integer with leading zeros '\(digits)'")
            }
            if allowLongSuffix, current == "L" || current == "l" { position += 1 }
            if let c = current, c == "." || c == "e" || c == "E" || c == "j" || c == "J" || c == "_" || c.properties.isAlphabetic {
                throw error("only integers are allowed here, found \(describeCurrent()) after '\(digits)'")
            }
            let text = (negative ? "-" : "") + digits
            return .integer(value: Int(text), text: text)
        }

        mutating func parseName() throws -> PythonLiteral {
            let start = position
            while let c = current, c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) { position += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            switch name {
            case "True": return .boolean(true)
            case "False": return .boolean(false)
            case "None": return .none
            default:
                position = start
                throw error("unexpected name '\(name)' (only True, False and None are literals)")
            }
        }
    }
}
