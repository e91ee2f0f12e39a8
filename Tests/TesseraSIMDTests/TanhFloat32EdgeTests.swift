import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// float32 `tanh` is evaluated in float32 arithmetic from 16-entry tables: its arguments
/// fall in one of 16 intervals [L, R) of [5/8, 9.1] (L with two mantissa bits), with an odd
/// polynomial below 5/8 and 1 beyond 9.1. The random inputs of `ElementaryAccuracyTests`
/// land inside the intervals; these are their edges and the floats next to them, where
/// a wrong index, left end or cap would show: each within the loop's stated bound of the
/// long-double tanh, and every level giving the same bits.
@Suite("SIMD float32 tanh: interval edges")
struct TanhFloat32EdgeTests {
    /// Every float with two mantissa bits from 1/4 to 16, 5/8, 9.1 and the cap's
    /// neighbourhood, each with its 8 float neighbours on both sides, both signs.
    static func edges() -> [Float] {
        var centers: [Float] = [0.625, 9.1, 9.0, 8.0, 0.5, 1, 0x1p-12]
        for exponent in -2...4 {
            for top in 0..<4 { centers.append(Float(sign: .plus, exponent: exponent, significand: 1 + Float(top) / 4)) }
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
        return values + values.map { -$0 }
    }

    @Test("within the stated bound at every interval edge; AVX2 and AVX-512 agree bit for bit")
    func edgesWithinBound() throws {
        let x = Self.edges().map(Double.init)
        let reference = MathReference.named("tanh")
        var previous: [Double]? = nil
        var checkedLevels = 0
        for (level, registry) in ElementaryAccuracyTests.registries where level != .sse2 {
            let loop = try #require(registry.loop(for: .tanh, signature: LoopSignature(inputs: [.float32], outputs: [.float32])))
            #expect(loop.backend == "simd")
            let bound = try #require(loop.maxULPError)
            let y = ElementaryAccuracyTests.run(loop, x, float32: true)
            var failures: [String] = []
            for i in x.indices {
                let e = ulpError(y[i], exact: reference.longDouble(Float80(x[i]), 0), in: .float32)
                if !(e <= bound) { failures.append("\(level) tanh(\(Float(x[i]))) = \(Float(y[i])): \(e) ULP") }
            }
            #expect(failures.isEmpty, "\(failures.count) beyond \(bound) ULP:\n\(failures.prefix(20).joined(separator: "\n"))")
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
