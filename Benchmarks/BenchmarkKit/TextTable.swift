/// A table rendered as aligned plain text or as Markdown.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Columns padded to their widest cell; the first column left-aligned, the rest right.
    public func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let cell = cells[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                return column <= 1 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    public func renderMarkdown() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Number formats shared by tables and reports.
public enum Format {
    /// `812 ns`, `12.3 µs`, `4.56 ms`, `1.20 s`.
    public static func duration(_ ns: Double) -> String {
        guard ns.isFinite else { return "—" }
        switch ns {
        case ..<1_000: return String(format3(ns)) + " ns"
        case ..<1_000_000: return format3(ns / 1_000) + " µs"
        case ..<1_000_000_000: return format3(ns / 1_000_000) + " ms"
        default: return format3(ns / 1_000_000_000) + " s"
        }
    }

    /// Three significant digits.
    public static func format3(_ x: Double) -> String {
        if x >= 100 { return String(Int(x.rounded())) }
        if x >= 10 { return fixed(x, 1) }
        return fixed(x, 2)
    }

    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let fractionText = digits == 0 ? "" : "." + String(repeating: "0", count: max(0, digits - String(fraction).count)) + String(fraction)
        return (x < 0 && scaled != 0 ? "-" : "") + String(whole) + fractionText
    }

    /// `1.23×`.
    public static func ratio(_ r: Double) -> String { r.isFinite ? fixed(r, 2) + "×" : "—" }

    public static func pValue(_ p: Double) -> String { p < 0.0001 ? "<0.0001" : fixed(p, 4) }
}
