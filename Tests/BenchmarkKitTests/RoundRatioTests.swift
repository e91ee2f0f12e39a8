import BenchmarkKit
import Foundation
import Testing

@Suite struct RoundRatioTests {
    /// A result whose round `k` has the samples `rounds[k]`.
    func result(_ backend: String, _ rounds: [[Double]]) -> CaseResult {
        CaseResult(id: "exp/float64/contiguous/1000000", backend: backend, elements: 1, bytes: 8,
                   samples: rounds.flatMap { $0 }, rounds: rounds.map(\.count))
    }

    @Test func roundMediansFollowTheRounds() {
        let r = result("sleef", [[1, 2, 30], [4, 5, 6, 7], [9, 8, 100]])
        #expect(r.roundMedians == [2, 5.5, 9])
        var broken = r
        broken.rounds = [3, 3]  // does not add up to the 10 samples
        #expect(broken.roundMedians == nil)
        broken.rounds = [10, 0]
        #expect(broken.roundMedians == nil)
    }

    @Test func ratioOfSameRoundMediansCancelsDrift() throws {
        // The machine slows down by 2× and 3× in later rounds; within each round `sleef`
        // takes half NumPy's time, except in round 3 (0.6).
        let numpy = result("numpy", [[100, 101, 99], [200, 202, 198], [300, 303, 297], [100, 100, 100], [200, 200, 200]])
        let sleef = result("sleef", [[50, 51, 49], [100, 101, 99], [180, 181, 179], [50, 50, 50], [100, 100, 100]])
        let ratio = try #require(Statistics.roundRatio(sleef, over: numpy))
        #expect(ratio.rounds == 5)
        #expect(ratio.value == 0.5)
        // Per-round ratios 0.5, 0.5, 0.6, 0.5, 0.5: quartiles 0.5 and 0.5.
        #expect(ratio.interquartile == 0.5...0.5)
    }

    @Test func spreadIsTheInterquartileRangeOfPerRoundRatios() throws {
        let numpy = result("numpy", [[100], [100], [100], [100], [100]])
        let all = result("all", [[80], [90], [100], [110], [120]])
        let ratio = try #require(Statistics.roundRatio(all, over: numpy))
        #expect(ratio.value == 1.0)
        let range = try #require(ratio.interquartile)
        #expect(abs(range.lowerBound - 0.9) < 1e-12)
        #expect(abs(range.upperBound - 1.1) < 1e-12)
        #expect(abs(try #require(ratio.relativeHalfSpread) - 0.1) < 1e-12)
    }

    @Test func withoutRoundsTheRatioOfMediansHasNoSpread() throws {
        let numpy = CaseResult(id: "a/float64/contiguous/8", backend: "numpy", elements: 8, bytes: 64, samples: [100, 110, 120])
        let scalar = CaseResult(id: "a/float64/contiguous/8", backend: "scalar", elements: 8, bytes: 64, samples: [200, 220, 240])
        let ratio = try #require(Statistics.roundRatio(scalar, over: numpy))
        #expect(ratio.value == 2)
        #expect(ratio.interquartile == nil)
        #expect(ratio.rounds == 0)
        // Different numbers of rounds cannot be paired either.
        let fiveRounds = result("numpy", [[1], [1], [1], [1], [1]])
        let threeRounds = result("all", [[2], [2], [2]])
        #expect(Statistics.roundRatio(threeRounds, over: fiveRounds)?.interquartile == nil)
    }

    @Test func tablesShowTheSpreadOfRatiosAgainstNumPy() {
        let numpy = result("numpy", [[100], [100], [100], [100], [100]])
        let all = result("all", [[40], [45], [50], [55], [60]])
        let tables = ResultTables(results: [numpy, all], configurations: ["all"])
        // Speed-ups 2.5, 2.22, 2, 1.82, 1.67: median 2, quartiles 1.82 and 2.22.
        #expect(tables.cell("exp/float64/contiguous/1000000", "all") == "50.0 ns 2.00×np [1.82–2.22]")
        let old = ResultTables(results: [numpy, all].map { var c = $0; c.rounds = nil; return c }, configurations: ["all"])
        #expect(old.cell("exp/float64/contiguous/1000000", "all") == "50.0 ns 2.00×np")
    }

    @Test func roundsAreAnOptionalFieldOfTheSchema() throws {
        let withRounds = result("numpy", [[1, 2], [3]])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(withRounds)) as! [String: Any]
        #expect(object["rounds"] as? [Int] == [2, 1])
        let without = CaseResult(id: "a/float64/contiguous/8", backend: "numpy", elements: 8, bytes: 64, samples: [1])
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(without)) as! [String: Any]
        #expect(plain["rounds"] == nil)
    }
}
