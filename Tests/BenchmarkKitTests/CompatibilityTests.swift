import BenchmarkKit
import Foundation
import Testing

/// A scratch directory for one test, removed by `cleanUp()`.
struct Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-compat-\(getpid())-\(UUID().uuidString)")

    /// Writes `text` to `name` (which may contain folders) and returns its URL.
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Ten samples around `base` (±1%), as a JSON array.
func samplesJSON(_ base: Double) -> String {
    "[" + (0..<10).map { String(base * (0.99 + 0.002 * Double($0))) }.joined(separator: ", ") + "]"
}

/// A schema-1 file as an older or newer harness might write it: `machine` given verbatim,
/// `exp` taking `expTime` ns and `add` 1000 ns.
func handWrittenFile(machine: String, expTime: Double, extraTopLevel: String = "", extraCaseField: String = "") -> String {
    """
    {"schema": 1, "version": "0.0.9", "commit": "abc", "date": "2024-01-01T00:00:00Z", \(extraTopLevel)
     "machine": \(machine),
     "cases": [
      {"id": "exp/float64/contiguous/1000000", "backend": "scalar", "elements": 1000000, "bytes": 16000000,
       "median_ns": \(expTime), "samples_ns": \(samplesJSON(expTime)) \(extraCaseField)},
      {"id": "add/float64/contiguous/1000", "backend": "scalar", "elements": 1000, "bytes": 24000,
       "median_ns": 1000, "samples_ns": \(samplesJSON(1000))}
     ]}
    """
}

@Suite struct CompatibilityTests {
    @Test func anEmptyMachineIsReadable() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let url = try scratch.write("old.json", handWrittenFile(machine: "{}", expTime: 5000))
        let file = try ResultFile.load(from: url)
        #expect(file.machine == MachineInfo())
        #expect(file.machine.displayID == "unknown")
        #expect(file.cases.map(\.id) == ["exp/float64/contiguous/1000000", "add/float64/contiguous/1000"])
        #expect(file.cases[0].rounds == nil)
    }

    @Test func unknownMachineFieldsAreKeptAndWrittenBack() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        // A field this harness does not know, one of another type than it expects, no `os`.
        let machine = #"{"id": "epyc-2c", "cpu": "AMD EPYC", "cores": "2 (4 threads)", "governor": "performance", "caches": {"l2": 1048576}}"#
        let url = try scratch.write("new.json", handWrittenFile(machine: machine, expTime: 5000))
        let file = try ResultFile.load(from: url)
        #expect(file.machine.id == "epyc-2c")
        #expect(file.machine.cpu == "AMD EPYC")
        #expect(file.machine.cores == nil)
        #expect(file.machine.os == nil)
        #expect(file.machine.other["cores"] == .string("2 (4 threads)"))
        #expect(file.machine.other["governor"] == .string("performance"))
        #expect(file.machine.other["caches"] == .object(["l2": .number(1_048_576)]))

        let rewritten = try scratch.write("rewritten.json", "")
        try file.write(to: rewritten)
        #expect(try ResultFile.load(from: rewritten) == file)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: rewritten)) as! [String: Any]
        let machineObject = object["machine"] as! [String: Any]
        #expect(Set(machineObject.keys) == ["id", "cpu", "cores", "governor", "caches"])
        #expect(machineObject["cores"] as? String == "2 (4 threads)")
    }

    @Test func extraTopLevelAndCaseFieldsAreIgnored() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let text = handWrittenFile(machine: "{}", expTime: 5000, extraTopLevel: #""harness": {"rounds": 9},"#,
                                   extraCaseField: #", "p90_ns": 5100, "note": "from a newer harness""#)
        let file = try ResultFile.load(from: try scratch.write("extra.json", text))
        #expect(file.cases.count == 2)
        #expect(file.cases[0].median_ns == 5000)
    }

    @Test func compareReadsFilesWithoutMachineDetails() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let base = try scratch.write("base.json", handWrittenFile(machine: "{}", expTime: 5000))
        let new = try scratch.write("new.json", handWrittenFile(machine: #"{"id": "epyc-2c", "kernel": "6.1", "smt": false}"#, expTime: 6500,
                                                                 extraCaseField: #", "rounds": [5, 5]"#))
        let comparison = try Comparison.files(base: base, new: new)
        #expect(comparison.rows.count == 2)
        #expect(comparison.regressions.map(\.id) == ["exp/float64/contiguous/1000000"])
        #expect(comparison.improvements.isEmpty)
        #expect(comparison.exitCode == 2)
        // One side does not say which machine it is: nothing to warn about.
        #expect(comparison.warnings.isEmpty)
        let back = try Comparison.files(base: new, new: base)
        #expect(back.improvements.map(\.id) == ["exp/float64/contiguous/1000000"])
        #expect(back.exitCode == 0)
    }

    @Test func compareWarnsAboutDifferentMachines() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let a = try scratch.write("a.json", handWrittenFile(machine: #"{"id": "xeon-2c"}"#, expTime: 5000))
        let b = try scratch.write("b.json", handWrittenFile(machine: #"{"id": "epyc-2c"}"#, expTime: 5000))
        let comparison = try Comparison.files(base: a, new: b)
        #expect(comparison.warnings == ["different machines (xeon-2c vs epyc-2c)"])
        #expect(comparison.exitCode == 0)
    }

    /// The error of loading `text`, which must fail.
    func loadError(_ text: String, _ scratch: Scratch) throws -> String {
        let url = try scratch.write("bad.json", text)
        do {
            _ = try ResultFile.load(from: url)
        } catch let error as BenchmarkError {
            #expect(error.description.contains(url.path), "the message names the file: \(error)")
            return error.description
        }
        Issue.record("\(text.prefix(60)) was accepted")
        return ""
    }

    @Test func rejectsWhatIsNotASchema1File() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let valid = handWrittenFile(machine: "{}", expTime: 5000)
        #expect(try loadError(valid.replacingOccurrences(of: #""schema": 1"#, with: #""schema": 2"#), scratch).contains("has schema 2"))
        #expect(try loadError(valid.replacingOccurrences(of: #""schema": 1,"#, with: ""), scratch).contains("no `schema` field"))
        #expect(try loadError(valid.replacingOccurrences(of: #""schema": 1"#, with: #""schema": "1""#), scratch).contains("`schema` is not an integer"))
        #expect(try loadError("[1, 2]", scratch).contains("not a JSON object"))
        #expect(try loadError("{\"schema\": 1, ", scratch).contains("not valid JSON"))
    }

    @Test func rejectsCasesWithoutTheirRequiredFields() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let valid = handWrittenFile(machine: "{}", expTime: 5000)
        let noMedian = valid.replacingOccurrences(of: #""median_ns": 1000, "#, with: "")
        let message = try loadError(noMedian, scratch)
        #expect(message.contains("`cases[1].median_ns` is missing"), "\(message)")
        #expect(message.contains("add/float64/contiguous/1000"), "\(message)")

        let textSamples = valid.replacingOccurrences(of: #""median_ns": 5000.0, "samples_ns": ["#, with: #""median_ns": 5000.0, "samples_ns": "many", "x": ["#)
        #expect(try loadError(textSamples, scratch).contains("`cases[0].samples_ns` is not an array"))

        let noCases = #"{"schema": 1, "version": "1", "commit": "c", "date": "d", "machine": {}}"#
        #expect(try loadError(noCases, scratch).contains("`cases` is missing"))
    }

    @Test func historyReadsOldFilesAndNamesUnreadableOnes() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        // No machine id in 0.0.9: the file name says which machine it is.
        _ = try scratch.write("0.0.9/xeon-2c.json", handWrittenFile(machine: "{}", expTime: 5000))
        _ = try scratch.write("0.1.0/xeon-2c.json",
                              handWrittenFile(machine: #"{"id": "xeon-2c", "extra": [1, 2]}"#, expTime: 4000)
                                  .replacingOccurrences(of: #""version": "0.0.9""#, with: #""version": "0.1.0""#))
        _ = try scratch.write("0.1.0/epyc-2c.json", handWrittenFile(machine: #"{"id": "epyc-2c"}"#, expTime: 3000)
                                  .replacingOccurrences(of: #""version": "0.0.9""#, with: #""version": "0.1.0""#))
        let broken = try scratch.write("0.2.0/xeon-2c.json", #"{"schema": 3}"#)

        let history = ResultHistory.load(resultsDirectory: scratch.url, machine: "xeon-2c")
        #expect(history.versions == ["0.0.9", "0.1.0"])
        let exp = ResultHistory.Key(id: "exp/float64/contiguous/1000000", backend: "scalar")
        #expect(history.median(exp, "0.0.9") == 5000)
        #expect(history.median(exp, "0.1.0") == 4000)
        #expect(history.unreadable.count == 1)
        #expect(history.unreadable.first?.contains(broken.path) == true)
        #expect(history.unreadable.first?.contains("schema 3") == true)
    }
}
