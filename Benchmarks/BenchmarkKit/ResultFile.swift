import Foundation

/// One benchmark result file, `results/<version>/<machine>.json` — the only thing two
/// versions of the harness exchange. Field names are the JSON's.
///
/// Reading is tolerant where schema 1 is open and strict where it is not: unknown fields
/// anywhere are ignored, and `machine` is free-form (any field may be missing, extra or of
/// another type), because files written by older and newer harnesses must keep comparing.
/// `schema` must be 1, and the top-level fields and every case's six fields must be present
/// with their types; anything else is rejected with the file and the offending field named.
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

    enum CodingKeys: String, CodingKey {
        case schema, version, commit, date, machine, cases
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(Int.self, forKey: .schema)
        version = try container.decode(String.self, forKey: .version)
        commit = try container.decode(String.self, forKey: .commit)
        date = try container.decode(String.self, forKey: .date)
        // The machine only describes where the numbers come from; nothing compares by it
        // except `history`, which falls back to the file name.
        machine = try container.decodeIfPresent(MachineInfo.self, forKey: .machine) ?? MachineInfo()
        cases = try container.decode([CaseResult].self, forKey: .cases)
    }

    /// Reads a result file; see ``decode(_:source:)`` for what is accepted.
    /// - Throws: ``BenchmarkError`` naming the file and what is wrong with it.
    public static func load(from url: URL) throws -> ResultFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BenchmarkError("cannot read \(url.path): \((error as NSError).localizedDescription)")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes the JSON text of a result file; `source` names it in errors.
    /// - Throws: ``BenchmarkError`` when the text is not JSON, its schema is not 1, or a
    ///   required field is missing or of the wrong type.
    public static func decode(_ data: Data, source: String) throws -> ResultFile {
        // The schema first: a file of another schema is reported as such, not as a
        // missing field that the other schema may have renamed.
        struct Header: Decodable { var schema: Int? }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch let error as DecodingError {
            if let context = error.context, !context.codingPath.isEmpty {
                throw BenchmarkError("\(source): `schema` is not an integer; this harness reads schema \(currentSchema)")
            }
            throw BenchmarkError("\(source) is not a bench result file: it is not a JSON object (\(describe(error)))")
        }
        guard let schema = header.schema else {
            throw BenchmarkError("\(source) is not a bench result file: it has no `schema` field")
        }
        guard schema == currentSchema else {
            throw BenchmarkError("\(source) has schema \(schema); this harness reads schema \(currentSchema)")
        }
        do {
            return try JSONDecoder().decode(ResultFile.self, from: data)
        } catch let error as DecodingError {
            throw BenchmarkError("\(source) is not a valid schema-\(currentSchema) result file: \(describe(error, in: data))")
        }
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

    /// A decoding error as a field path and what is wrong with it, e.g.
    /// "`cases[2].median_ns` is missing (case exp/float64/contiguous/8)".
    static func describe(_ error: DecodingError, in data: Data? = nil) -> String {
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the top level" : "`\(text)`"
        }
        func kind(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: "a string"
            case is Int.Type: "an integer"
            case is Double.Type: "a number"
            case is Bool.Type: "true or false"
            default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
            }
        }
        let codingPath: [CodingKey]
        var text: String
        switch error {
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
            text = "\(path(codingPath)) is missing"
        case .typeMismatch(let type, let context):
            codingPath = context.codingPath
            text = "\(path(codingPath)) is not \(kind(type))"
        case .valueNotFound(let type, let context):
            codingPath = context.codingPath
            text = "\(path(codingPath)) is null, not \(kind(type))"
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            let underlying = (context.underlyingError as NSError?)?.localizedDescription
            text = codingPath.isEmpty
                ? "not valid JSON" + (underlying.map { " (\($0))" } ?? "")
                : "\(path(codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
        // Name the case when the problem is inside one, so the user can find it.
        if let data, codingPath.count >= 2, codingPath[0].stringValue == CodingKeys.cases.stringValue,
           let index = codingPath[1].intValue,
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let cases = object["cases"] as? [Any], index < cases.count,
           let id = (cases[index] as? [String: Any])?["id"] as? String {
            text += " (case \(id))"
        }
        return text
    }
}

extension DecodingError {
    /// The context of any kind of decoding error.
    var context: Context? {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context): context
        @unknown default: nil
        }
    }
}

/// The machine a file was measured on, as far as the file says.
///
/// Free-form in schema 1: every field may be missing, and fields this harness does not
/// know (or whose type it does not expect) are kept in ``other``, so that a file read and
/// written again loses nothing.
public struct MachineInfo: Codable, Sendable, Equatable {
    /// Short and stable: CPU model and core count (``makeID(cpu:cores:)``), e.g. `xeon-2c`.
    public var id: String?
    /// The CPU model as `/proc/cpuinfo` names it.
    public var cpu: String?
    public var cores: Int?
    public var os: String?
    /// Every other field of the file's `machine` object, by name.
    public var other: [String: JSONValue]

    public init(id: String? = nil, cpu: String? = nil, cores: Int? = nil, os: String? = nil, other: [String: JSONValue] = [:]) {
        self.id = id
        self.cpu = cpu
        self.cores = cores
        self.os = os
        self.other = other
    }

    /// ``id``, or `unknown` when the file does not say.
    public var displayID: String { id.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown" }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self.init()
            return
        }
        var fields = try container.decode([String: JSONValue].self)
        func take<T>(_ key: String, _ extract: (JSONValue) -> T?) -> T? {
            guard let value = fields[key], let typed = extract(value) else { return nil }
            fields[key] = nil
            return typed
        }
        self.init(id: take("id", \.stringValue), cpu: take("cpu", \.stringValue), cores: take("cores", \.intValue),
                  os: take("os", \.stringValue), other: fields)
    }

    public func encode(to encoder: Encoder) throws {
        var fields = other
        if let id { fields["id"] = .string(id) }
        if let cpu { fields["cpu"] = .string(cpu) }
        if let cores { fields["cores"] = .number(Double(cores)) }
        if let os { fields["os"] = .string(os) }
        var container = encoder.singleValueContainer()
        try container.encode(fields)
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

/// Any JSON value, for the free-form parts of a result file.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers as integers, as they were most likely written (`"cores": 2`).
            if value == value.rounded(), abs(value) < 0x1p53 { try container.encode(Int(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is a whole number that fits an `Int`.
    public var intValue: Int? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 0x1p53 { return Int(value) }
        return nil
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
    /// Optional: how many consecutive samples of `samples_ns` each round contributed, when
    /// the case was timed in rounds interleaved with the other configurations and the peer.
    /// Round `k` of every backend of a case ran in the same pass, so per-round medians
    /// give same-time ratios (``Statistics/roundRatio(_:over:)``). Absent in older files.
    public var rounds: [Int]?

    public init(id: String, backend: String, elements: Int, bytes: Int, samples: [Double], rounds: [Int]? = nil) {
        self.id = id
        self.backend = backend
        self.elements = elements
        self.bytes = bytes
        self.samples_ns = samples
        self.median_ns = Statistics.median(samples)
        self.rounds = rounds
    }

    /// The median of each round's samples, or `nil` when the result has no rounds or
    /// they do not add up to `samples_ns`.
    public var roundMedians: [Double]? {
        guard let rounds, !rounds.isEmpty, rounds.allSatisfy({ $0 > 0 }), rounds.reduce(0, +) == samples_ns.count else { return nil }
        var medians: [Double] = [], start = 0
        for count in rounds {
            medians.append(Statistics.median(Array(samples_ns[start..<start + count])))
            start += count
        }
        return medians
    }
}

/// An error with a message for the user; the CLI prints it and exits with status 1.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
