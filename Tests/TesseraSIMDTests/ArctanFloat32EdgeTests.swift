import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// float32 `arctan` at AVX2 and AVX-512 reduces |x| by one of 16 centres chosen by the
/// exponent and top mantissa bit of |x| (two intervals per binade of [1/16, 8), the centre
/// 0 below and ∞ from 8 on, |x| capped at 2⁶⁰). The random inputs of
/// `ElementaryAccuracyTests` land inside the intervals; these are their edges and the
/// floats next to them, where a wrong class, centre or cap would show: each within the
/// loop's stated bound of the long-double arctan at every level, and AVX2 and AVX-512
/// giving the same bits.
@Suite("SIMD float32 arctan: class edges")
struct ArctanFloat32EdgeTests {
    /// 2^e and 1.5·2^e for e in -6...5, the cap 2⁶⁰ and its neighbourhood, the largest
    /// finite float and a few tiny and subnormal values, each with its 8 float
    /// neighbours on both sides, both signs.
    static func edges() -> [Float] {
        var centers: [Float] = [0x1p60, 0x1p24, .greatestFiniteMagnitude, 0x1p-12, 0x1p-126, .leastNonzeroMagnitude.nextUp.nextUp]
        for exponent in -6...5 {
            centers += [Float(sign: .plus, exponent: exponent, significand: 1), Float(sign: .plus, exponent: exponent, significand: 1.5)]
        }
        var values: [Float] = []
        for c in centers {
            var below = c, above = c
            values.append(c)
            for _ in 0..<8 {
                below = below.nextDown
                above = above.nextUp
                values += [below, above]
            }
        }
        return values.filter(\.isFinite) + values.filter(\.isFinite).map { -$0 }
    }

    @Test("within the stated bound at every class edge; AVX2 and AVX-512 agree bit for bit")
    func edgesWithinBound() throws {
        let x = Self.edges().map(Double.init)
        let reference = MathReference.named("arctan")
        var previous: [Double]? = nil
        var checkedLevels = 0
        for (level, registry) in ElementaryAccuracyTests.registries {
            let loop = try #require(registry.loop(for: .arctan, signature: LoopSignature(inputs: [.float32], outputs: [.float32])))
            #expect(loop.backend == "simd")
            let bound = try #require(loop.maxULPError)
            let y = ElementaryAccuracyTests.run(loop, x, float32: true)
            var failures: [String] = []
            for i in x.indices {
                let e = ulpError(y[i], exact: reference.longDouble(Float80(x[i]), 0), in: .float32)
                if !(e <= bound) { failures.append("\(level) arctan(\(Float(x[i]))) = \(Float(y[i])): \(e) ULP") }
            }
            #expect(failures.isEmpty, "\(failures.count) beyond \(bound) ULP:\n\(failures.prefix(20).joined(separator: "\n"))")
            // SSE2 keeps its own kernel (no permutes): its last bits may differ.
            if level == .sse2 { continue }
            if let previous {
                let differ = x.indices.filter { previous[$0].bitPattern != y[$0].bitPattern }
                #expect(differ.isEmpty, "\(level) differs from the narrower level at \(differ.count) edges, e.g. x = \(differ.first.map { Float(x[$0]) } ?? 0)")
            }
            previous = y
            checkedLevels += 1
        }
        #expect(checkedLevels >= 1, "this CPU should run the AVX2 loops at least")
    }
}
