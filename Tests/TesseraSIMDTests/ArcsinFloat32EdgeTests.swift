import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// float32 `arcsin` and `arccos` are evaluated in float32 arithmetic at AVX2 and AVX-512:
/// beyond |x| = 1/2 from s = √((1 − |x|)/2) rounded to float32 plus a correction from its
/// exact remainder and an estimate of 1/s, below from the polynomial at x². The random
/// inputs of `ExtendedElementaryAccuracyTests` rarely land where that matters most: the
/// switch at ±1/2, ±1 and the floats just inside it (the remainder's scale, down to
/// (1 − |x|)/2 = 2⁻²⁵), the binade edges of s, and around |x| = 0.52, where the sweep
/// found the largest errors. Each within the loop's stated bound of the long-double
/// function, NaN beyond ±1, and AVX2 and AVX-512 giving the same bits.
@Suite("SIMD float32 arcsin and arccos: branch and range edges")
struct ArcsinFloat32EdgeTests {
    /// Each centre with its 16 float neighbours on both sides, both signs.
    static func edges() -> [Float] {
        var centers: [Float] = [0.5, 1, 0x1.083028p-1, 0x1.1584a6p-1, 0x1.0e8d6cp-1, 0.52, 0.75, 0.875, 0x1p-12, 0.25]
        // |x| = 1 - 2 s^2 at s = 2^-k: s's binade edges.
        for k in 1...12 { centers.append(Float(1 - 2 * Glibc.exp2(-2.0 * Double(k)))) }
        var values: [Float] = []
        for c in centers {
            var below = c, above = c
            values.append(c)
            for _ in 0..<16 {
                below = below.nextDown
                above = above.nextUp
                values += [below, above]
            }
        }
        return values + values.map { -$0 }
    }

    @Test("within the stated bound at the edges, NaN beyond ±1; AVX2 and AVX-512 agree bit for bit", arguments: ["arcsin", "arccos"])
    func edgesWithinBound(name: String) throws {
        let ufunc = try UFunc.named(name)
        let x = Self.edges().map(Double.init)
        let reference = MathReference.named(name)
        var previous: [Double]? = nil
        var checkedLevels = 0
        for (level, registry) in ElementaryAccuracyTests.registries where level != .sse2 {
            let loop = try #require(registry.loop(for: ufunc, signature: LoopSignature(inputs: [.float32], outputs: [.float32])))
            #expect(loop.backend == "simd")
            let bound = try #require(loop.maxULPError)
            let y = ElementaryAccuracyTests.run(loop, x, float32: true)
            var failures: [String] = []
            for i in x.indices {
                if Swift.abs(x[i]) > 1 {
                    if !y[i].isNaN { failures.append("\(level) \(name)(\(Float(x[i]))) = \(Float(y[i])), not NaN") }
                    continue
                }
                let e = ulpError(y[i], exact: reference.longDouble(Float80(x[i]), 0), in: .float32)
                if !(e <= bound) { failures.append("\(level) \(name)(\(Float(x[i]))) = \(Float(y[i])): \(e) ULP") }
            }
            #expect(failures.isEmpty, "\(failures.count) beyond \(bound) ULP:\n\(failures.prefix(20).joined(separator: "\n"))")
            if let previous {
                let differ = x.indices.filter { previous[$0].bitPattern != y[$0].bitPattern && !(previous[$0].isNaN && y[$0].isNaN) }
                #expect(differ.isEmpty, "\(level) differs from the narrower level at \(differ.count) edges, e.g. x = \(differ.first.map { Float(x[$0]) } ?? 0)")
            }
            previous = y
            checkedLevels += 1
        }
        #expect(checkedLevels >= 1, "this CPU should run the AVX2 loops at least")
    }
}
