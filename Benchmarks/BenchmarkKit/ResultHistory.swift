import Foundation

/// Every result file under `results/*/` for one machine, by version (`bench history`, the
/// charts across versions in `REPORT.md`).
public struct ResultHistory: Sendable {
    public struct Key: Hashable, Sendable {
        public var id: String
        public var backend: String

        public init(id: String, backend: String) {
            self.id = id
            self.backend = backend
        }
    }

    /// Versions in numeric order (``versionPrecedes(_:_:)``).
    public var versions: [String] = []
    public var medians: [String: [Key: Double]] = [:]
    /// Why each file that could not be read was left out, one message per file.
    public var unreadable: [String] = []

    public var keys: Set<Key> { Set(medians.values.flatMap(\.keys)) }

    public func median(_ key: Key, _ version: String) -> Double? { medians[version]?[key] }

    /// Reads `resultsDirectory/<version>/*.json`. `machine` keeps only files of that machine
    /// id (`nil`: all); a file whose `machine` has no id is taken to be the machine its
    /// file name says, as `bench` names them `<machine>.json`.
    public static func load(resultsDirectory: URL, machine: String?) -> ResultHistory {
        var history = ResultHistory()
        let fm = FileManager.default
        let versionDirs = ((try? fm.contentsOfDirectory(atPath: resultsDirectory.path)) ?? []).sorted()
        for version in versionDirs {
            let dir = resultsDirectory.appendingPathComponent(version)
            let files = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            for name in files {
                let file: ResultFile
                do {
                    file = try ResultFile.load(from: dir.appendingPathComponent(name))
                } catch {
                    history.unreadable.append("\(error)")
                    continue
                }
                let fileMachine = file.machine.id.flatMap { $0.isEmpty ? nil : $0 } ?? String(name.dropLast(".json".count))
                if let machine, fileMachine != machine { continue }
                for c in file.cases { history.medians[file.version, default: [:]][Key(id: c.id, backend: c.backend)] = c.median_ns }
            }
        }
        history.versions = history.medians.keys.sorted(by: ResultHistory.versionPrecedes)
        return history
    }

    /// Numeric comparison of dotted versions (`0.10.0` after `0.9.1`).
    public static func versionPrecedes(_ a: String, _ b: String) -> Bool {
        let pa = a.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let pb = b.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return pa != pb ? pa.lexicographicallyPrecedes(pb) : a < b
    }
}
