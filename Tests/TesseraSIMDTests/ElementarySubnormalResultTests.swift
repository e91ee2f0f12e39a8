import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Results below the smallest normal number, where the spacing of representable values
/// is fixed (2⁻¹⁰⁷⁴, 2⁻¹⁴⁹) and a loop that rounds to full precision first and then
/// applies 2ⁿ rounds twice: in the top subnormal binades that adds up to a quarter ULP
/// (float64 `exp` measured 0.77 ULP there, `exp2` 0.80, `power` 0.75, float32 `exp`
/// 0.80). The loops round such results once from the unrounded value, so the error is
/// the final rounding's half ULP plus the kernel's own relative error, which in the top
/// subnormal binade counts as fully as on normal results: up to about 0.04 ULP in float64
/// (`exp` and `power`, kernels good to about 2⁻⁵⁷; measured 0.5098 and 0.5088), more in
/// the AVX `exp2` (0.68 on normal results, 0.5405 on these), and 0.07 in float32 `exp`
/// (float32 arithmetic; measured 0.5665). The bounds below sit between those figures and
/// the twice-rounded ones.
@Suite("SIMD elementary functions: subnormal results rounded once", .serialized)
struct ElementarySubnormalResultTests {
    static let registries = ElementaryAccuracyTests.registries

    /// Inputs whose results lie below the smallest normal number (and a little above it,
    /// so that the switch between the two roundings is crossed), uniform in `range`.
    static func uniform(_ range: ClosedRange<Double>, count: Int, seed: UInt64, float32: Bool) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let x = Double.random(in: range, using: &rng)
            return float32 ? Double(Float(x)) : x
        }
    }

    /// The largest error over the results that are subnormal (|exact| below the smallest
    /// normal number), with where it is; and how many such results there were.
    static func worstSubnormal(_ y: [Double], exact: [Float80], float32: Bool) -> (worst: Double, at: Int, count: Int) {
        let normal = float32 ? Float80(Float.leastNormalMagnitude) : Float80(Double.leastNormalMagnitude)
        var worst = 0.0, at = 0, count = 0
        for i in y.indices where Swift.abs(exact[i]) < normal {
            count += 1
            let e = ulpError(y[i], exact: exact[i], in: float32 ? .float32 : .float64)
            if e > worst { worst = e; at = i }
        }
        return (worst, at, count)
    }

    static func loop(_ registry: LoopRegistry, _ ufunc: UFunc, _ dtype: DType, arity: Int, level: InstructionSetLevel) throws -> InnerLoop? {
        let loop = try #require(registry.loop(for: ufunc, signature: LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])))
        if loop.backend != "simd" {
            #expect(level == .sse2 && !ElementarySSE2Loops.has(ufunc, dtype), "\(ufunc.name) \(dtype) at \(level) should be a SIMD loop")
            return nil
        }
        return loop
    }

    @Test("exp and exp2: subnormal results within 0.5 ULP plus the kernel's error, every level")
    func unary() throws {
        // (ufunc, dtype, inputs whose results reach from 2^-1075 to above 2^-1022 (2^-150 to 2^-125), bound)
        let cases: [(UFunc, DType, ClosedRange<Double>, Double)] = [
            (.exp, .float64, -745.2 ... -707.0, 0.55),
            (.exp2, .float64, -1075.0 ... -1020.0, 0.6),
            (.exp, .float32, -104.0 ... -86.5, 0.6),
        ]
        for (index, (ufunc, dtype, range, bound)) in cases.enumerated() {
            let float32 = dtype == .float32
            let x = Self.uniform(range, count: 200_000, seed: UInt64(40 + index), float32: float32)
            let reference = MathReference.named(ufunc.name)
            let exact = x.map { float32 ? Float80(reference.double($0, 0)) : reference.longDouble(Float80($0), 0) }
            for (level, registry) in Self.registries {
                guard let loop = try Self.loop(registry, ufunc, dtype, arity: 1, level: level) else { continue }
                let y = ElementaryAccuracyTests.run(loop, x, float32: float32)
                let (worst, at, count) = Self.worstSubnormal(y, exact: exact, float32: float32)
                #expect(count > x.count / 2, "\(ufunc.name) \(dtype): the inputs should give mostly subnormal results (\(count))")
                #expect(worst <= bound, "\(ufunc.name) \(dtype) \(level): \(worst) ULP at x = \(x[at]) (result \(y[at]), exact \(exact[at]))")
            }
        }
    }

    @Test("power float64: subnormal results within 0.5 ULP plus the kernel's error, every level")
    func power() throws {
        var rng = SeededGenerator(seed: 47)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<200_000 {
            // x in [0.5, 0.95] or [1.05, 40], y so that y log2 x falls in [-1075, -1020].
            let x = Bool.random(using: &rng) ? Double.random(in: 0.5 ... 0.95, using: &rng) : Double.random(in: 1.05 ... 40, using: &rng)
            let t = Double.random(in: -1075.0 ... -1020.0, using: &rng)
            xs.append(x)
            ys.append(t / Glibc.log2(x))
        }
        let exact = zip(xs, ys).map { powl(Float80($0), Float80($1)) }
        for (level, registry) in Self.registries {
            guard let loop = try Self.loop(registry, .power, .float64, arity: 2, level: level) else { continue }
            let y = ElementaryPowerTests.run(loop, xs, ys, float32: false)
            let (worst, at, count) = Self.worstSubnormal(y, exact: exact, float32: false)
            #expect(count > xs.count / 2, "power float64: the pairs should give mostly subnormal results (\(count))")
            #expect(worst <= 0.55, "power float64 \(level): \(worst) ULP at (\(xs[at]), \(ys[at])) (result \(y[at]), exact \(exact[at]))")
        }
    }
}
