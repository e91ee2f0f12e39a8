import Foundation

/// One benchmark result file, `results/<version>/<machine>.json` — the only thing two
/// versions of the harness exchange (SPEC §7). Field names are the JSON's.
public struct ResultFile: Codable, Sendable, Equatable {
    /// The schema this harness writes and reads.
    public static let currentSchema = 1

    public var schema: Int
    /// Tessera's version (`TesseraVersion` or `git describe`).
    public var version: String
    /// The commit the harness was built from (`git rev-parse HEAD`), or `unknown`.
    public var commit: String
    /// ISO 8601 date of the run.
    public var date: String
    public var machine: MachineInfo
    public var cases: [CaseResult]

    public init(version: String, commit: String, date: String, machine: MachineInfo, cases: [CaseResult]) {
        self.schema = ResultFile.currentSchema
        self.version = version
        self.commit = commit
        self.date = date
        self.machine = machine
        self.cases = cases
    }

    /// Reads a result file, rejecting schemas this harness does not know.
    public static func load(from url: URL) throws -> ResultFile {
        let data = try Data(contentsOf: url)
        let file: ResultFile
        do {
            file = try JSONDecoder().decode(ResultFile.self, from: data)
        } catch {
            throw BenchmarkError("\(url.path) is not a bench result file: \(error)")
        }
        guard file.schema == currentSchema else {
            throw BenchmarkError("\(url.path) has schema \(file.schema); this harness reads schema \(currentSchema)")
        }
        return file
    }

    /// The JSON text: pretty-printed with sorted keys, so committed files diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoded().write(to: url)
    }

    /// The result of a case under one configuration, if present.
    public func result(id: String, backend: String) -> CaseResult? {
        cases.first { $0.id == id && $0.backend == backend }
    }
}

/// The machine a file was measured on. `id` is short and stable: CPU model and core count.
public struct MachineInfo: Codable, Sendable, Equatable {
    public var id: String
    public var cpu: String
    public var cores: Int
    public var os: String

    public init(id: String, cpu: String, cores: Int, os: String) {
        self.id = id
        self.cpu = cpu
        self.cores = cores
        self.os = os
    }

    /// `xeon-processor-2c` from `Intel(R) Xeon(R) Processor` and 2 cores: lower case,
    /// trademarks and vendor words dropped, runs of other characters turned into `-`.
    public static func makeID(cpu: String, cores: Int) -> String {
        var text = cpu.lowercased()
        for noise in ["(r)", "(tm)", "cpu", "@", "intel", "amd", "processor", "with radeon graphics"] {
            text = text.replacingOccurrences(of: noise, with: " ")
        }
        // Drop a trailing clock speed such as "2.90ghz": the model already names it.
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." })
            .map(String.init)
            .filter { !$0.hasSuffix("ghz") && $0 != "." && !$0.isEmpty }
        let slug = words.joined(separator: "-").replacingOccurrences(of: ".", with: "")
        return (slug.isEmpty ? "cpu" : slug) + "-\(cores)c"
    }
}

/// One case under one configuration (or `numpy` for the peer).
public struct CaseResult: Codable, Sendable, Equatable {
    /// `<op>/<dtype>/<layout>/<n>`.
    public var id: String
    /// The configuration (`scalar`, `sleef`, `sleef+openmp`, `all`) or `numpy`.
    public var backend: String
    /// Elements of the output (for matmul: of one n×n matrix).
    public var elements: Int
    /// Bytes read and written by one call.
    public var bytes: Int
    public var median_ns: Double
    /// Every timed sample, in nanoseconds per call.
    public var samples_ns: [Double]

    public init(id: String, backend: String, elements: Int, bytes: Int, samples: [Double]) {
        self.id = id
        self.backend = backend
        self.elements = elements
        self.bytes = bytes
        self.samples_ns = samples
        self.median_ns = Statistics.median(samples)
    }
}

/// An error with a message for the user; the CLI prints it and exits with status 1.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
