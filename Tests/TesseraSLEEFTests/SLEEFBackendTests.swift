import Foundation
import Testing
import Tessera
import _TesseraTestSupport

@Suite("SLEEF backend")
struct SLEEFBackendTests {
    @Test("probe, metadata and runtime report")
    func metadata() throws {
        let backend = SLEEFBackend()
        #expect(backend.probe() == .available)
        let info = Dictionary(backend.runtimeInfo(), uniquingKeysWith: { a, _ in a })
        #expect(info["library"]?.contains("libsleef.so.3") == true)
        #expect(info["version"]?.hasPrefix("3.") == true)
        let isa = try backend.resolvedInstructionSet()
        #expect(info["instruction set"]?.hasPrefix(isa.rawValue) == true)
        let loops = try backend.loops()
        #expect(loops.count == SLEEFFunction.all.count * 2)
        for (_, loop) in loops {
            #expect(loop.backend == "sleef" && loop.instructionSet == isa.rawValue && loop.stridePolicy == .anyStride)
            #expect((loop.maxULPError ?? 99) <= 2.0)
        }
        // The widest supported set, within TESSERA_MAX_ISA when it is set.
        let widest = try #require(SLEEFBackend.InstructionSet.allCases.filter(\.isSupported).max())
        if let cap = try InstructionSetLevel.cap() {
            #expect(isa == min(SLEEFBackend.InstructionSet(capped: cap), widest))
        } else {
            #expect(isa == widest)
        }
    }

    @Test("installs over the scalar backend; the umbrella knows it")
    func installation() throws {
        registerBundledBackends()
        #expect(Backends.known.contains { $0.name == "sleef" })
        let registry = try Backends.makeRegistry("sleef")
        #expect(registry.installedBackends == ["scalar", "sleef"])
        let loop = try #require(registry.loop(for: .sin, signature: LoopSignature("d->d")))
        #expect(loop.backend == "sleef")
        let result = try Backends.withRegistry(registry) { try UFunc.sin(NDArray([0.0, Double.pi / 2, -0.0])) }
        #expect(result.toArray(Double.self).map(\.bitPattern) == [0.0, 1.0, -0.0].map(\.bitPattern))
    }

    @Test("every SLEEF loop replaces a scalar loop of the same signature")
    func replacesScalarLoops() throws {
        // SLEEF installs by replaceLoop, so each of its loops needs a scalar loop under the
        // same signature; the scalar-only registry must hold every one of them.
        let scalar = try SLEEFRegistries.scalarOnly()
        let loops = try SLEEFBackend().loops()
        #expect(!loops.isEmpty)
        for (ufunc, loop) in loops {
            let original = scalar.loop(for: ufunc, signature: loop.signature)
            #expect(original?.backend == "scalar", "\(ufunc.name) \(loop.signature): scalar-only registry has \(original.map { "\($0)" } ?? "no loop")")
        }
    }

    @Test("u35 is an explicit choice and states 3.5 ULP where SLEEF has it")
    func fastTier() throws {
        let loops = try SLEEFBackend(precision: .u35).loops()
        let sin = try #require(loops.first { $0.ufunc.name == "sin" && $0.loop.signature.inputs == [.float64] })
        #expect(sin.loop.maxULPError == 3.5)
        let exp = try #require(loops.first { $0.ufunc.name == "exp" && $0.loop.signature.inputs == [.float64] })
        #expect(exp.loop.maxULPError == 1.0)  // SLEEF has no u35 exp
        #expect(try SLEEFBackend().loops().allSatisfy { ($0.loop.maxULPError ?? 0) <= 2.0 })
    }
}
