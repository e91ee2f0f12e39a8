import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// `TESSERA_BACKEND=simd` alone and within `all`, and `TESSERA_MAX_ISA` capping its level,
/// in child processes (`bench describe`), since both are read from the environment.
@Suite("SIMD backend selection")
struct SIMDSelectionTests {
    static func describe(_ environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [buildDirectory.appendingPathComponent("bench"), buildDirectory.deletingLastPathComponent().appendingPathComponent("bench")]
        guard let bench = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NumPyOracle.Unavailable(description: "bench executable not found next to \(buildDirectory.path); build with `swift build --build-tests`")
        }
        let result = try ChildProcess.run(bench, arguments: ["describe"], environment: environment)
        return (result.status, result.output, result.errors)
    }

    @Test("TESSERA_MAX_ISA caps the level the loops run at", arguments: InstructionSetLevel.allCases)
    func cap(level: InstructionSetLevel) throws {
        let result = try Self.describe(["TESSERA_BACKEND": "simd", "TESSERA_MAX_ISA": level.rawValue])
        #expect(result.status == 0, "\(result.errors)")
        let expected = min(level, SIMDBackend.widestSupported)
        #expect(result.output.contains("active configuration: scalar → simd"), "\(result.output)")
        #expect(result.output.contains("instruction set: \(expected.rawValue) (CPU supports"), "\(result.output)")
        // Every loop runs at the capped level or below.
        for other in InstructionSetLevel.allCases where other > expected {
            #expect(!result.output.contains(" at \(other.rawValue)"), "\(result.output)")
        }
    }

    @Test("`all` installs simd above scalar and below the library backends, with OpenMP around")
    func all() throws {
        let result = try Self.describe(["TESSERA_BACKEND": "all"])
        #expect(result.status == 0, "\(result.errors)")
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("active configuration:") })
        let names = line.components(separatedBy: ": ").last!.components(separatedBy: " → ")
        let simd = try #require(names.firstIndex(of: "simd"))
        #expect(names.first == "scalar" && simd == 1, "\(names)")
        if let openmp = names.firstIndex(of: "openmp") { #expect(openmp == names.count - 1, "\(names)") }
    }

    @Test("the active registry's loops name the SIMD level")
    func loops() throws {
        let registry = try Backends.makeRegistry("simd")
        let level = try SIMDBackend().resolvedInstructionSet()
        let loop = try #require(registry.loop(for: .add, signature: LoopSignature("dd->d")))
        #expect(loop.backend == "simd" && loop.instructionSet == level.rawValue, "\(loop)")
        #expect(loop.description.contains("simd, \(level.rawValue)"))
    }
}
