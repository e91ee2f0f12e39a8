import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// TESSERA_BACKEND and the selection API, including its errors (an unknown name names the
/// variable, the value and the valid names; a backend asked for by name that cannot load
/// says why and what to install), checked in child processes (`bench describe`) so the
/// variable is really read from the environment.
@Suite struct BackendSelectionTests {
    /// Runs the `bench` executable built next to the test bundle with extra environment.
    static func runBench(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [buildDirectory.appendingPathComponent("bench")]
        candidates.append(buildDirectory.deletingLastPathComponent().appendingPathComponent("bench"))
        guard let bench = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NumPyOracle.Unavailable(description: "bench executable not found next to \(buildDirectory.path); build with `swift build --build-tests`")
        }
        let result = try ChildProcess.run(bench, arguments: arguments, environment: environment)
        return (result.status, result.output, result.errors)
    }

    @Test func unknownBackendNameIsAnErrorNamingVariableValueAndValidNames() throws {
        let result = try Self.runBench(["describe"], environment: ["TESSERA_BACKEND": "scalar,turbo"])
        #expect(result.status != 0)
        #expect(result.errors.contains("TESSERA_BACKEND"))
        #expect(result.errors.contains("turbo"))
        #expect(result.errors.contains("scalar") && result.errors.contains("sleef"))
    }

    @Test func unavailableBackendAskedByNameSaysWhyAndWhatToInstall() throws {
        let result = try Self.runBench(["describe"], environment: ["TESSERA_BACKEND": "sleef", "TESSERA_SLEEF_LIBRARY": "/nonexistent/libsleef.so.3"])
        #expect(result.status != 0)
        #expect(result.errors.contains("sleef"))
        #expect(result.errors.contains("libsleef"))
        #expect(result.errors.contains("unavailable"))
    }

    @Test func allTakesWhatIsAvailableAndReportsTheRest() throws {
        let result = try Self.runBench(["describe"], environment: ["TESSERA_BACKEND": "all", "TESSERA_SLEEF_LIBRARY": "/nonexistent/libsleef.so.3"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("sleef: unavailable"))
        #expect(result.output.contains("scalar: available"))
    }

    @Test func instructionSetCapIsAnErrorWhenMalformedAndShownWhenSet() throws {
        let bad = try Self.runBench(["describe"], environment: ["TESSERA_MAX_ISA": "avx3"])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("TESSERA_MAX_ISA=\"avx3\"") && bad.errors.contains("sse2, avx2, avx512"), "\(bad.errors)")
        let capped = try Self.runBench(["describe"], environment: ["TESSERA_MAX_ISA": "SSE2", "TESSERA_BACKEND": "sleef"])
        #expect(capped.status == 0, "\(capped.errors)")
        #expect(capped.output.contains("TESSERA_MAX_ISA=SSE2"))
        #expect(capped.output.contains("instruction set: sse2"), "\(capped.output)")
    }

    @Test func replacedCapVariableIsAnErrorNamingTheNewOne() throws {
        let result = try Self.runBench(["describe"], environment: ["TESSERA_SLEEF_ISA": "avx2"])
        #expect(result.status != 0)
        #expect(result.errors.contains("TESSERA_SLEEF_ISA") && result.errors.contains("TESSERA_MAX_ISA"), "\(result.errors)")
    }

    @Test func instructionSetCapParsing() throws {
        #expect(try InstructionSetLevel.parseCap("avx2") == .avx2)
        #expect(try InstructionSetLevel.parseCap(" AVX512 ") == .avx512)
        #expect(try InstructionSetLevel.parseCap("") == nil)
        #expect(throws: TesseraError.self) { try InstructionSetLevel.parseCap("avx512f") }
        #expect(InstructionSetLevel.sse2 < .avx2 && InstructionSetLevel.avx2 < .avx512)
        #expect(SLEEFBackend.InstructionSet(capped: .avx512) == .avx512f)
    }

    @Test func scalarOnlyConfigurationInstallsOnlyScalar() throws {
        let result = try Self.runBench(["describe"], environment: ["TESSERA_BACKEND": "scalar"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("active configuration: scalar\n"))
    }

    @Test func scopedSelectionChangesLoopsOnlyInsideTheScope() throws {
        let outside = UFunc.exp.loops.first { $0.signature.description == "d->d" }?.backend
        let inside = try Backends.withBackends("scalar") {
            UFunc.exp.loops.first { $0.signature.description == "d->d" }?.backend
        }
        #expect(inside == "scalar")
        #expect(UFunc.exp.loops.first { $0.signature.description == "d->d" }?.backend == outside)
    }

    struct NeverAvailable: Backend {
        var name: String { "never" }
        var summary: String { "a test backend whose library is missing" }
        func probe() -> BackendAvailability { .unavailable(reason: "looked for libnever.so.1; install libnever1") }
        func install(into registry: LoopRegistry) throws {}
    }

    @Test func parseErrors() throws {
        Backends.registerKnown(NeverAvailable())
        #expect(throws: TesseraError.self) { try Backends.parse("never") }
        do {
            _ = try Backends.parse("never")
        } catch let error as TesseraError {
            #expect(error.code == .backendUnavailable)
            #expect(error.message.contains("libnever.so.1"))
        }
        #expect(try !Backends.parse("all").contains("never"))
        #expect(throws: TesseraError.self) { try Backends.parse("scalar,,sleef") }
        #expect(throws: TesseraError.self) { try Backends.parse("all,scalar") }
        #expect(try Backends.parse(" Scalar ") == ["scalar"])
    }
}
