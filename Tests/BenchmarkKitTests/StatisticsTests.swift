import BenchmarkKit
import Foundation
import Testing

/// SciPy's `mannwhitneyu(x, y)` computed live, or `nil` when python3 with SciPy is missing.
func scipyMannWhitney(_ x: [Double], _ y: [Double]) -> (u: Double, p: Double)? {
    let script = "import sys, json; from scipy.stats import mannwhitneyu; d = json.load(sys.stdin); r = mannwhitneyu(d[0], d[1]); print(float(r.statistic), float(r.pvalue))"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    input.fileHandleForWriting.write(try! JSONEncoder().encode([x, y]))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}

struct LCG {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
}

@Suite struct StatisticsTests {
    @Test func medianAndIQR() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 2, 3]) == 2.5)
        #expect(Statistics.interquartileRange([1, 2, 3, 4, 5]) == 2)
    }

    static let samples: [([Double], [Double])] = {
        var rng = LCG(state: 42)
        func draw(_ n: Int, _ shift: Double) -> [Double] { (0..<n).map { _ in 100 + 10 * rng.next() + shift } }
        return [
            ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]),                 // exact, fully separated
            ([1.5, 3.2, 0.4, 7.7], [2.2, 9.1, 4.4, 5.0, 8.8]),   // exact, interleaved
            ([1, 2, 2, 3, 4, 5, 5, 6], [2, 3, 5, 5, 7, 8, 9, 9]), // ties → asymptotic
            (draw(7, 0), draw(30, 3)),                         // exact, one small side
            (draw(20, 0), draw(25, 2)),                        // asymptotic
            (draw(40, 0), draw(40, 0)),                        // asymptotic, same distribution
        ]
    }()

    @Test(arguments: 0..<samples.count)
    func mannWhitneyMatchesSciPy(_ index: Int) throws {
        let (x, y) = Self.samples[index]
        let ours = Statistics.mannWhitneyU(x, y)
        let reference = try #require(scipyMannWhitney(x, y), "python3 with scipy is needed for this test")
        #expect(ours.u == reference.u)
        #expect(abs(ours.p - reference.p) <= 1e-9 + 1e-6 * reference.p, "p = \(ours.p), SciPy \(reference.p)")
    }
}
