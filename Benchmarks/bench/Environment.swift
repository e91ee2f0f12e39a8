import BenchmarkKit
import Foundation

/// The version results are filed under (`results/<version>/`).
let TesseraVersion = "0.2.0"

enum BenchEnvironment {
    /// CPU model and core count from `/proc/cpuinfo`, with a short stable id.
    static func machine() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        var model = "unknown cpu"
        var processors = 0
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "model name" && model == "unknown cpu" { model = parts[1] }
            if parts[0] == "processor" { processors += 1 }
        }
        let cores = processors > 0 ? processors : ProcessInfo.processInfo.activeProcessorCount
        var os = "Linux"
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            os = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return MachineInfo(id: MachineInfo.makeID(cpu: model, cores: cores), cpu: model, cores: cores, os: os)
    }

    /// The package root: `TESSERA_BENCH_ROOT`, else the nearest ancestor of the working
    /// directory, then of the executable, that holds `Benchmarks/peers`.
    static func packageRoot() -> URL {
        if let root = ProcessInfo.processInfo.environment["TESSERA_BENCH_ROOT"] { return URL(fileURLWithPath: root) }
        let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath), executable().deletingLastPathComponent()]
        for start in starts {
            var dir = start.standardizedFileURL
            while dir.path != "/" {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Benchmarks/peers").path) { return dir }
                dir = dir.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// This executable, for starting workers.
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    static func commit(at root: URL) -> String {
        let result = try? Shell.run(["git", "rev-parse", "--short=12", "HEAD"], in: root)
        guard let result, result.status == 0 else { return "unknown" }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func date() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Runs child processes.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` (the first found on `PATH` unless it is a path) and collects its output.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Data? = nil, passStderr: Bool = false) throws -> Result {
        let process = Process()
        process.setCommand(arguments)
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = passStderr ? FileHandle.standardError : err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        // Read stderr concurrently with stdout so neither pipe fills up and blocks the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        if !passStderr {
            DispatchQueue.global().async(group: group) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        let errData = errBox.data
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// The progress line: rewritten in place on a terminal, one plain line per step otherwise.
struct Progress {
    let total: Int
    let start = Clock.now()
    var done = 0
    let terminal = BenchEnvironment.isTerminal

    mutating func step(_ label: String) {
        done += 1
        let elapsed = Double(Clock.now() - start) / 1e9
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let text = "[\(done)/\(total)] \(label) · elapsed \(Progress.clock(elapsed)) · ~\(Progress.clock(remaining)) left"
        if terminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension Process {
    /// Runs `arguments[0]` with the rest: a path as it is, a bare name found on `PATH`.
    func setCommand(_ arguments: [String]) {
        if arguments[0].contains("/") {
            executableURL = URL(fileURLWithPath: arguments[0])
            self.arguments = Array(arguments.dropFirst())
        } else {
            executableURL = URL(fileURLWithPath: "/usr/bin/env")
            self.arguments = arguments
        }
    }
}
