import Foundation
import Tessera

/// Runs Python with NumPy to get the reference answer for a test.
///
/// NumPy is the oracle for semantics and results. CI installs it (`ci/setup.sh`);
/// when it is missing the oracle throws, so tests that need it fail loudly rather
/// than skip.
public enum NumPyOracle {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The Python interpreter: `$TESSERA_PYTHON` or `python3`.
    public static var python: String {
        ProcessInfo.processInfo.environment["TESSERA_PYTHON"] ?? "python3"
    }

    /// Runs `script` with `import numpy as np` already done and returns its standard output;
    /// `environment` entries are added to the Python process's.
    public static func run(_ script: String, environment: [String: String] = [:]) throws -> String {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: [python, "-c", "import numpy as np\n" + script],
            environment: environment
        )
        guard result.status == 0 else {
            if result.errors.contains("No module named 'numpy'") {
                throw Unavailable(description: "NumPy is not installed for \(python); run `bash ci/setup.sh` (pip install numpy)")
            }
            throw Unavailable(description: "python failed (\(result.status)): \(result.errors)")
        }
        return result.output
    }

    /// Runs `script`, which must print one JSON value, and decodes it.
    public static func json<T: Decodable>(_ type: T.Type, _ script: String) throws -> T {
        let text = try run("import json\n" + script)
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// NumPy's loop signatures (`np.<name>.types`) of each named ufunc, in NumPy's order,
    /// restricted to the dtypes Tessera has (`?bBhHiIlLefdFD`).
    public static func loopTypes(_ names: [String]) throws -> [String: [String]] {
        try json([String: [String]].self, """
            out = {}
            for n in \(names):
                seen = []
                for t in getattr(np, n).types:
                    if all(c in '?bBhHiIlLefdFD->' for c in t) and t not in seen:
                        seen.append(t)
                out[n] = seen
            print(json.dumps(out))
            """)
    }

    /// Writes `array` to a temporary `.npy` file for a NumPy script to load; returns its path.
    public static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}

/// Runs a program to completion and collects what it printed.
public enum ChildProcess {
    public struct Result {
        public let status: Int32
        public let output: String
        public let errors: String
    }

    /// Runs `executable` with `arguments`; `environment` entries are added to this process's.
    public static func run(_ executable: URL, arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read the pipes to the end before waiting for the exit.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }
}

/// A deterministic generator (SplitMix64) so that random test data is reproducible from a seed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A whole file's bytes, read as the library reads files (Foundation's `Data(contentsOf:)`
/// leaks a buffer for every empty file it reads, which LeakSanitizer reports).
public func fileContents(_ url: URL) throws -> Data { try NDArray.readFile(url) }
