import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// The SIMD backend's `tan` and `arctan2` loops (float32 and float64) against a long-double
/// reference and against NumPy, at every instruction-set level this CPU has: each loop's
/// error on 10⁶ inputs (pairs) stays within its stated bound (≤ 1 ULP), strided, reversed
/// and broadcast operands give the contiguous results bit for bit, AVX2 and AVX-512 agree
/// bit for bit, and special values (huge arguments of `tan`, every combination of ±0, ±inf,
/// NaN and finite values for `arctan2`) come out as NumPy's.
@Suite("SIMD elementary functions: tan and arctan2, accuracy and special values", .serialized)
struct TrigElementaryAccuracyTests {
    static let ufuncs: [UFunc] = [.tan, .arctan2]
    typealias Shared = ExtendedElementaryAccuracyTests

    /// `count` inputs. tan: half any bit pattern (every exponent, NaN, inf, subnormals, huge
    /// arguments), a quarter uniform in ±100, a quarter within 10⁻⁶ relative of an odd
    /// multiple of π/4 (results near ±1 and near the poles). arctan2 (y, x): half any bit
    /// patterns, a quarter uniform in [-2, 2]², a quarter with |x| ≤ 1000 and
    /// y/x = ±2^(-60...60).
    static func inputs(_ ufunc: UFunc, float32: Bool, count: Int, seed: UInt64) -> [(Double, Double)] {
        var rng = SeededGenerator(seed: seed)
        func any() -> Double {
            let bits = rng.next()
            return float32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
        }
        func rounded(_ x: Double) -> Double { float32 ? Double(Float(x)) : x }
        // The any-bit-pattern half comes first: it puts an operand that takes the kernels'
        // special-value path (NaN, inf, zero, huge) into nearly every block of 512, and the
        // second half, without one, exercises the lean path.
        return (0..<count).map { i in
            if ufunc == .tan {
                switch i < count / 2 ? 0 : i % 2 + 1 {
                case 0: return (any(), 0)
                case 1: return (rounded(Double.random(in: -100...100, using: &rng)), 0)
                default:
                    let k = Double(2 * Int.random(in: -40...40, using: &rng) + 1)
                    return (rounded(k * Double.pi / 4 * (1 + Double.random(in: -1e-6...1e-6, using: &rng))), 0)
                }
            }
            switch i < count / 2 ? 0 : i % 2 + 1 {
            case 0: return (any(), any())
            case 1: return (rounded(Double.random(in: -2...2, using: &rng)), rounded(Double.random(in: -2...2, using: &rng)))
            default:
                let x = rounded(Double.random(in: -1e3...1e3, using: &rng))
                let ratio = Double(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -60...60, using: &rng), significand: Double.random(in: 1..<2, using: &rng))
                return (rounded(x * ratio), x)
            }
        }
    }

    @Test("within the stated bound (≤ 1 ULP) on 10⁶ inputs per loop; strided = contiguous; levels agree bit for bit", arguments: 0..<2)
    func bound(functionIndex: Int) throws {
        let ufunc = Self.ufuncs[functionIndex]
        try Shared.checkBound(ufunc, exact: MathReference.named(ufunc.name).longDouble, binary: ufunc == .arctan2) { float32 in
            Self.inputs(ufunc, float32: float32, count: 1_000_000, seed: UInt64(300 + functionIndex * 2 + (float32 ? 1 : 0)))
        }
    }

    /// tan's special values: zeros, infinities, NaN, the edges of the vector range (2²⁰),
    /// huge arguments (up to the largest finite), and arguments next to its poles and
    /// zeros (the nearest floats to π/2, π, 3π/2; for float64 also 6381956970095103 · 2⁷⁹⁷,
    /// the double closest to a multiple of π/2 relative to its size).
    static func tanSpecials(float32: Bool) -> [Double] {
        let huge: [Double] = float32
            ? [0x1p20, Double(Float(0x1p20).nextDown), Double(Float(0x1p20).nextUp), 1e10, 1e22, 1e38, Double(Float.greatestFiniteMagnitude),
               Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), 1e-30,
               Double(Float(Double.pi / 2)), Double(Float(Double.pi / 2).nextUp), Double(Float(Double.pi)), Double(Float(3 * Double.pi / 2)),
               16_777_216, 102_940.40625, 1e30]
            : [0x1p20, Double(0x1p20).nextDown, Double(0x1p20).nextUp, 1e10, 1e22, 1e100, 1e300, Double.greatestFiniteMagnitude,
               Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 1e-300, 1e-8,
               Double.pi / 2, Double(Double.pi / 2).nextUp, Double.pi, 3 * Double.pi / 2, 6381956970095103 * 0x1p797]
        let base: [Double] = [.nan, .infinity, 0, 1, 0.5, 0.785398, 2, 10, 100, 1000]
        return (base + huge).flatMap { [$0, -$0] }
    }

    /// arctan2's special values: every pair of these (both signs).
    static func arctan2Specials(float32: Bool) -> [Double] {
        let tiny: [Double] = float32
            ? [Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude)]
            : [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, 1e-310, 1e300,
               // divisors whose splitting (Dekker's product at SSE2) would overflow unscaled
               0x1.5192f97fe46c9p+998, 0x1.8p996, 0x1p992, 0x1.0000000000001p992]
        let base: [Double] = [.nan, .infinity, 0, 1, 2, 0.5, 3, 0.41421356237309503, 2.414213562373095, 1e-30, 1e30]
        return (base + tiny).flatMap { [$0, -$0] }
    }

    @Test("special values as NumPy's, every level; sin and cos on tan's huge arguments")
    func specialValues() throws {
        let batch = NumPyBatch()
        var cases: [(ufunc: UFunc, inputs: [NDArray], index: Int)] = []
        for float32 in [true, false] {
            let dtype: DType = float32 ? .float32 : .float64
            let values = Self.arctan2Specials(float32: float32)
            let first = NDArray(values.flatMap { a in values.map { _ in a } }).astype(dtype)
            let second = NDArray(values.flatMap { _ in values }).astype(dtype)
            cases.append((.arctan2, [first, second], batch.add("np.arctan2(x0, x1)", [first, second])))
            let input = NDArray(Self.tanSpecials(float32: float32)).astype(dtype)
            // sin and cos share tan's reduction (huge arguments included).
            for ufunc in [UFunc.tan, .sin, .cos] {
                cases.append((ufunc, [input], batch.add("np.\(ufunc.name)(x0)", [input])))
            }
        }
        let expected = try batch.run()
        var failures: [String] = [], scalarFailures: [String] = []
        var compared = 0
        for (level, registry) in Shared.registries {
            for c in cases {
                let dtype = c.inputs[0].dtype
                let float32 = dtype == .float32
                let loop = try #require(registry.loop(for: c.ufunc, signature: LoopSignature(inputs: c.inputs.map(\.dtype), outputs: [dtype])))
                #expect(loop.backend == ElementarySSE2Loops.backend(c.ufunc, dtype, at: level))
                let bound = loop.maxULPError ?? 0
                let output = try Backends.withRegistry(registry) { try c.ufunc.call(c.inputs) }[0]
                let reference = expected[c.index][0]
                let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
                reference.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
                let t = output.astype(.float64).toArray(Double.self)
                let n = numpy.astype(.float64).toArray(Double.self)
                let x = c.inputs.map { $0.astype(.float64).toArray(Double.self) }
                let exact = MathReference.named(c.ufunc.name).longDouble
                for i in t.indices {
                    compared += 1
                    let operands = x.map { "\($0[i])" }.joined(separator: ", ")
                    let at = "\(level) \(c.ufunc.name)(\(dtype) \(operands)) = \(t[i]) [\(loop.backend)], NumPy \(n[i])"
                    let operand = (x[0][i], x.count > 1 ? x[1][i] : 0)
                    let issue = Shared.disagreement(t[i], numpy: n[i], exact: exact(Float80(operand.0), Float80(operand.1)),
                                                    bound: bound, float32: float32, numpysSign: true)
                    // The scalar loops are the C library's tan and cos, stated at 1 ULP;
                    // glibc 2.36's are 14 and 8 ULP off at 6381956970095103 · 2⁷⁹⁷, the double
                    // closest to a multiple of π/2. Kept apart as a known issue of the scalar
                    // backend, not of these loops.
                    if case .beyondBound = issue, loop.backend == "scalar", !float32, Swift.abs(operand.0) == 6381956970095103 * 0x1p797 {
                        scalarFailures.append(at + issue!.description)
                    } else if let issue {
                        failures.append(at + issue.description)
                    }
                }
            }
        }
        #expect(compared > 2_000)
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
        withKnownIssue("scalar float64 tan and cos (glibc) beyond their stated 1 ULP at the hardest reduction case", isIntermittent: true) {
            #expect(scalarFailures.isEmpty, "\(scalarFailures.joined(separator: "\n"))")
        }
    }
}
