import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// In `all`, SLEEF ranks above the SIMD backend except for the SIMD elementary loops
/// measured faster than SLEEF's (``SIMDBackend/outranksSLEEF(_:_:)``), per level; SLEEF
/// alone still serves every one of them.
@Suite("SIMD elementary loops against SLEEF's in `all`")
struct ElementaryRankingTests {
    static let cases: [(UFunc, DType)] = [UFunc.exp, .log, .sin, .cos, .tanh, .arctan, .power,
        .exp2, .log2, .log10, .cosh, .arcsinh, .arccosh, .arctanh].flatMap { u in [(u, DType.float32), (u, .float64)] }

    static func signature(_ ufunc: UFunc, _ dtype: DType) -> LoopSignature {
        LoopSignature(inputs: Array(repeating: dtype, count: ufunc.inputCount), outputs: [dtype])
    }

    @Test("per loop and level, the faster of simd and sleef serves; sleef alone serves all", arguments: [InstructionSetLevel.avx2, .avx512])
    func ranking(level: InstructionSetLevel) throws {
        guard SIMDBackend.supports(level) else { return }
        let sleefLevel = SLEEFBackend.InstructionSet(capped: level)
        guard Backends.availability(of: "sleef").isAvailable, sleefLevel.isSupported else { return }
        // `all`'s order: simd installed first, SLEEF over it.
        let both = try scalarRegistry()
        try SIMDBackend(instructionSet: level).install(into: both)
        try SLEEFBackend(instructionSet: sleefLevel, keepsInstalledLoop: SIMDBackend.outranksSLEEF).install(into: both)
        let sleefOnly = try scalarRegistry()
        try SLEEFBackend(instructionSet: sleefLevel).install(into: sleefOnly)
        var simdServed: [String] = []
        for (ufunc, dtype) in Self.cases {
            let loop = try #require(both.loop(for: ufunc, signature: Self.signature(ufunc, dtype)))
            let expected = SIMDBackend.outranksSLEEF(ufunc, loop) ? "simd" : "sleef"
            #expect(loop.backend == expected, "\(ufunc.name) \(dtype) at \(level): \(loop.backend)")
            if loop.backend == "simd" { simdServed.append("\(ufunc.name) \(dtype)") }
            #expect(try #require(sleefOnly.loop(for: ufunc, signature: Self.signature(ufunc, dtype))).backend == "sleef")
        }
        // The loops measured at least 1.5x faster than SLEEF's at both levels.
        for name in ["tanh float64", "arctan float64", "tanh float32", "arcsinh float64", "arccosh float64"] {
            #expect(simdServed.contains(name), "\(name) at \(level) should be simd's; served: \(simdServed)")
        }
        // Non-elementary loops are unaffected: SLEEF's sqrt still replaces simd's.
        let sqrt = try #require(both.loop(for: .sqrt, signature: LoopSignature("d->d")))
        #expect(sqrt.backend == "sleef")
    }

    @Test("the process's `all` configuration uses the rule")
    func all() throws {
        guard Backends.availability(of: "sleef").isAvailable else { return }
        let registry = try Backends.makeRegistry("all")
        // OpenMP, when present, wraps the serving loop.
        var loop = try #require(registry.loop(for: .tanh, signature: LoopSignature("d->d")))
        while let inner = loop.wrapped { loop = inner }
        #expect(loop.backend == (SIMDBackend.outranksSLEEF(.tanh, loop) ? "simd" : "sleef"))
        let level = try SIMDBackend().resolvedInstructionSet()
        #expect(loop.backend == "simd" || level == .sse2)
    }
}
