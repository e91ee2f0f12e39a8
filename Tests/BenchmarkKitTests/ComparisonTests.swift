import BenchmarkKit
import Foundation
import Testing

/// Result files with known changes: `slow` cases are 30% slower in NEW, the rest only noisy.
func makeFiles(slow: Set<String>, seed: UInt64 = 7) -> (ResultFile, ResultFile) {
    var rng = LCG(state: seed)
    let machine = MachineInfo(id: "test-2c", cpu: "Test CPU", cores: 2, os: "Linux")
    func samples(_ base: Double, _ factor: Double) -> [Double] {
        (0..<15).map { _ in base * factor * (1 + 0.04 * (rng.next() - 0.5)) }
    }
    let ids = ["add/float64/contiguous/1000000", "exp/float64/contiguous/1000000", "sum/float64/contiguous/10000000", "matmul/float64/contiguous/256"]
    var base: [CaseResult] = [], new: [CaseResult] = []
    for (i, id) in ids.enumerated() {
        let t = Double(1_000 * (i + 1))
        base.append(CaseResult(id: id, backend: "scalar", elements: 1, bytes: 8, samples: samples(t, 1)))
        new.append(CaseResult(id: id, backend: "scalar", elements: 1, bytes: 8, samples: samples(t, slow.contains(id) ? 1.3 : 1)))
    }
    return (ResultFile(version: "0.1.0", commit: "a", date: "2025-01-01T00:00:00Z", machine: machine, cases: base),
            ResultFile(version: "0.1.1", commit: "b", date: "2025-01-02T00:00:00Z", machine: machine, cases: new))
}

@Suite struct ComparisonTests {
    @Test func flagsAKnownSlowdown() {
        let slow: Set = ["exp/float64/contiguous/1000000", "matmul/float64/contiguous/256"]
        let (base, new) = makeFiles(slow: slow)
        let comparison = Comparison(base: base.cases, new: new.cases)
        #expect(Set(comparison.regressions.map(\.id)) == slow)
        #expect(comparison.exitCode == 2)
        #expect(comparison.render().contains("REGRESSION in 2 cases"))
    }

    @Test func noiseOnlyIsNotARegression() {
        for seed in [1, 2, 3] as [UInt64] {
            let (base, new) = makeFiles(slow: [], seed: seed)
            let comparison = Comparison(base: base.cases, new: new.cases)
            #expect(comparison.regressions.isEmpty)
            #expect(comparison.exitCode == 0)
        }
    }

    @Test func aSlowdownWithinTheFactorIsNotARegression() {
        let (base, new) = makeFiles(slow: ["exp/float64/contiguous/1000000"])
        #expect(Comparison(base: base.cases, new: new.cases, factor: 1.5).exitCode == 0)
    }

    @Test func casesInOneFileAreListedSeparately() {
        var (base, new) = makeFiles(slow: [])
        base.cases.append(CaseResult(id: "old/float64/contiguous/8", backend: "scalar", elements: 8, bytes: 64, samples: [1, 2, 3]))
        new.cases.append(CaseResult(id: "cos/float32/strided2/1000000", backend: "all", elements: 1, bytes: 8, samples: [1, 2, 3]))
        let comparison = Comparison(base: base.cases, new: new.cases)
        #expect(comparison.onlyInBase == ["old/float64/contiguous/8 [scalar]"])
        #expect(comparison.onlyInNew == ["cos/float32/strided2/1000000 [all]"])
        #expect(comparison.rows.count == 4)
    }
}

@Suite struct ResultFileTests {
    @Test func jsonRoundTrip() throws {
        let (file, _) = makeFiles(slow: [])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-roundtrip-\(getpid())/0.1.0/test-2c.json")
        try file.write(to: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(try ResultFile.load(from: url) == file)
        // The schema's field names, exactly.
        let object = try JSONSerialization.jsonObject(with: try file.encoded()) as! [String: Any]
        #expect(Set(object.keys) == ["schema", "version", "commit", "date", "machine", "cases"])
        #expect(object["schema"] as? Int == 1)
        let first = (object["cases"] as! [[String: Any]])[0]
        #expect(Set(first.keys) == ["id", "backend", "elements", "bytes", "median_ns", "samples_ns"])
    }

    @Test func rejectsOtherSchemas() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-schema2-\(getpid()).json")
        try Data(#"{"schema": 2, "version": "9", "commit": "x", "date": "d", "machine": {"id": "m", "cpu": "c", "cores": 1, "os": "o"}, "cases": []}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: BenchmarkError.self) { try ResultFile.load(from: url) }
    }

    @Test func caseIDsAndMachineIDs() {
        #expect(CaseID(parsing: "exp/float64/contiguous/1000000") == CaseID("exp", "float64", "contiguous", 1_000_000))
        #expect(CaseID(parsing: "exp/float64/contiguous") == nil)
        #expect(MachineInfo.makeID(cpu: "Intel(R) Xeon(R) Processor", cores: 2) == "xeon-2c")
        #expect(MachineInfo.makeID(cpu: "AMD Ryzen 9 7950X 16-Core Processor", cores: 32) == "ryzen-9-7950x-16-core-32c")
        #expect(Set(StandardSuite.cases.map(\.description)).count == StandardSuite.cases.count)
        for required in ["exp/float64/contiguous/1000000", "add/float64/transposed/4000000", "matmul/float32/contiguous/1024", "sum/float64/contiguous/10000000"] {
            #expect(StandardSuite.cases.contains { $0.description == required })
        }
    }
}
