/// Small dependency-free SVG charts for `results/REPORT.md`.
public enum SVGChart {
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Horizontal grouped bars on a log scale: for each case (row) one bar per series,
    /// the value being a speed-up (1 = as fast as the reference). Missing values are skipped.
    public static func speedupBars(title: String, cases: [String], series: [String], value: (String, String) -> Double?) -> String {
        let rowHeight = 6 + 10 * max(series.count, 1), left = 260.0, width = 820.0, plot = width - left - 60
        let height = 50 + rowHeight * cases.count + 30
        let values = cases.flatMap { c in series.compactMap { value(c, $0) } }.filter { $0 > 0 && $0.isFinite }
        let lo = Swift.min(values.min() ?? 1, 0.5), hi = Swift.max(values.max() ?? 1, 2)
        let lmin = log10(lo), lmax = log10(hi)
        func x(_ v: Double) -> Double { left + (log10(v) - lmin) / (lmax - lmin) * plot }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"10\" y=\"18\" font-size=\"14\">\(escape(title))</text>\n"
        for (i, s) in series.enumerated() {
            svg += "<rect x=\"\(Int(left) + i * 110)\" y=\"26\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/><text x=\"\(Int(left) + i * 110 + 14)\" y=\"35\">\(escape(s))</text>\n"
        }
        let top = 45
        let one = x(1)
        svg += "<line x1=\"\(one)\" y1=\"\(top)\" x2=\"\(one)\" y2=\"\(top + rowHeight * cases.count)\" stroke=\"#333\" stroke-dasharray=\"3,3\"/>\n"
        for (r, c) in cases.enumerated() {
            let y0 = top + r * rowHeight
            svg += "<text x=\"\(Int(left) - 6)\" y=\"\(y0 + rowHeight / 2 + 4)\" text-anchor=\"end\">\(escape(c))</text>\n"
            for (i, s) in series.enumerated() {
                guard let v = value(c, s), v > 0, v.isFinite else { continue }
                let a = Swift.min(one, x(v)), b = Swift.max(one, x(v))
                svg += "<rect x=\"\(a)\" y=\(quote(y0 + 3 + i * 10)) width=\"\(Swift.max(b - a, 1))\" height=\"9\" fill=\"\(palette[i % palette.count])\"><title>\(escape(c)) \(escape(s)): \(Format.ratio(v))</title></rect>\n"
                svg += "<text x=\"\(b + 3)\" y=\(quote(y0 + 11 + i * 10)) font-size=\"9\">\(Format.ratio(v))</text>\n"
            }
        }
        let axisY = top + rowHeight * cases.count + 15
        var tick = pow10(Int(lmin.rounded(.down)))
        while tick <= hi * 1.0001 {
            if tick >= lo * 0.9999 {
                svg += "<text x=\"\(x(tick))\" y=\"\(axisY)\" text-anchor=\"middle\">\(Format.ratio(tick))</text>\n"
            }
            tick *= 10
        }
        svg += "<text x=\"\(left + plot / 2)\" y=\"\(axisY + 14)\" text-anchor=\"middle\">speed-up against scalar (log scale; right of the dashed line = faster)</text>\n"
        return svg + "</svg>\n"
    }

    /// One line per series across versions: the median relative to the series' first version.
    public static func history(title: String, versions: [String], series: [(name: String, medians: [Double?])]) -> String {
        let width = 820.0, height = 360.0, left = 60.0, right = 220.0, top = 40.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let relative: [(String, [Double?])] = series.map { s in
            let base = s.medians.compactMap { $0 }.first ?? 1
            return (s.name, s.medians.map { $0.map { $0 / base } })
        }
        let all = relative.flatMap { $0.1.compactMap { $0 } }
        let lo = Swift.min(all.min() ?? 1, 0.8), hi = Swift.max(all.max() ?? 1, 1.25)
        func x(_ i: Int) -> Double { versions.count <= 1 ? left + plotW / 2 : left + Double(i) / Double(versions.count - 1) * plotW }
        func y(_ v: Double) -> Double { top + (1 - (log10(v) - log10(lo)) / (log10(hi) - log10(lo))) * plotH }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"10\" y=\"18\" font-size=\"14\">\(escape(title))</text>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(y(1))\" x2=\"\(left + plotW)\" y2=\"\(y(1))\" stroke=\"#333\" stroke-dasharray=\"3,3\"/>\n"
        svg += "<text x=\"\(left - 4)\" y=\"\(y(1) + 4)\" text-anchor=\"end\">1.00×</text><text x=\"\(left - 4)\" y=\"\(y(hi) + 4)\" text-anchor=\"end\">\(Format.ratio(hi))</text><text x=\"\(left - 4)\" y=\"\(y(lo) + 4)\" text-anchor=\"end\">\(Format.ratio(lo))</text>\n"
        for (i, v) in versions.enumerated() {
            svg += "<text x=\"\(x(i))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(escape(v))</text>\n"
        }
        for (k, s) in relative.enumerated() {
            let color = palette[k % palette.count]
            let points = s.1.enumerated().compactMap { i, v in v.map { "\(x(i)),\(y($0))" } }
            if points.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
            }
            for p in points {
                let xy = p.split(separator: ",")
                svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(color)\"><title>\(escape(s.0))</title></circle>\n"
            }
            if k < 24 {
                svg += "<text x=\"\(left + plotW + 10)\" y=\"\(top + Double(k) * 13)\" fill=\"\(color)\">\(escape(s.0))</text>\n"
            }
        }
        svg += "<text x=\"\(left + plotW / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">median time relative to the first version (log scale; above 1 = slower)</text>\n"
        return svg + "</svg>\n"
    }

    static func quote(_ v: Int) -> String { "\"\(v)\"" }
    static func pow10(_ e: Int) -> Double { var r = 1.0; if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }; return r }
    static func log10(_ v: Double) -> Double { Foundation.log10(v) }
}

import Foundation
