import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// float64 `log2`, `arcsinh` and `arccosh` check each block of 512 operands and run a
/// kernel without its special-value selects (the lean kernel) when the block holds only
/// ordinary operands. The accuracy tests' inputs alternate special and ordinary values, so
/// every block there takes the full kernel; here whole arrays of ordinary operands do not:
/// at every level the lean results are within the loop's stated bound of a long-double
/// reference, equal the full kernel's bit for bit (the same values with one special
/// operand in each block), and a stride of 2 (the loops' paired path) gives the same bits.
@Suite("SIMD float64 log2, arcsinh, arccosh: the lean kernel on blocks of ordinary operands", .serialized)
struct ElementaryLeanKernelTests {
    static let ufuncs: [UFunc] = [.log2, .arcsinh, .arccosh]

    /// `count` operands the lean kernel takes: log2 any positive normal double (every
    /// exponent) or one near 1; arcsinh 2^-26 ≤ |x| ≤ 2^28 (every exponent) or |x| ≤ 4;
    /// arccosh 1 < x ≤ 2^28, from 1 + 2^-52 up, or x in (1, 3].
    static func ordinary(_ ufunc: UFunc, count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        func wide(_ exponents: ClosedRange<Int>) -> Double {
            Double(sign: .plus, exponent: Int.random(in: exponents, using: &rng), significand: Double.random(in: 1..<2, using: &rng))
        }
        return (0..<count).map { i in
            switch ufunc {
            case .log2:
                return i % 2 == 0 ? wide(-1022...1023) : Double.random(in: 0.98...1.02, using: &rng)
            case .arcsinh:
                let a = i % 2 == 0 ? wide(-26...27) : Swift.max(0x1p-26, Double.random(in: 0...4, using: &rng))
                return Bool.random(using: &rng) ? a : -a
            default:
                return i % 2 == 0 ? 1 + wide(-52...27) : Double.random(in: Double(1).nextUp...3, using: &rng)
            }
        }
    }

    @Test("lean kernel: within the stated bound, equal to the full kernel and to stride 2, every level", arguments: 0..<3)
    func lean(functionIndex: Int) throws {
        let ufunc = Self.ufuncs[functionIndex]
        let x = Self.ordinary(ufunc, count: 1 << 20, seed: UInt64(700 + functionIndex))
        let exact = MathReference.named(ufunc.name).longDouble
        let reference = x.map { exact(Float80($0), 0) }
        // Every 512th operand NaN: each block of the loop holds a special operand.
        let mixed = x.indices.map { $0 % 512 == 100 ? Double.nan : x[$0] }
        let signature = LoopSignature(inputs: [.float64], outputs: [.float64])
        let registries = ExtendedElementaryAccuracyTests.registries
        #expect(registries.contains { $0.level == .sse2 } && registries.count >= 2)
        for (level, registry) in registries {
            let loop = try #require(registry.loop(for: ufunc, signature: signature))
            #expect(loop.backend == "simd", "\(ufunc.name) float64 at \(level) should be the SIMD loop")
            let bound = try #require(loop.maxULPError)
            let pairs = x.map { ($0, 0.0) }
            let y = ExtendedElementaryAccuracyTests.run(loop, pairs, float32: false, binary: false)
            var worst = 0.0, worstAt = 0
            for i in x.indices {
                let e = y[i].isNaN ? .infinity : ulpError(y[i], exact: reference[i], in: .float64)
                if e > worst { worst = e; worstAt = i }
            }
            #expect(worst <= bound, "\(ufunc.name) float64 \(level) lean: \(worst) ULP at x = \(x[worstAt]) (result \(y[worstAt]), exact \(reference[worstAt])), bound \(bound)")
            let full = ExtendedElementaryAccuracyTests.run(loop, mixed.map { ($0, 0.0) }, float32: false, binary: false)
            let differ = x.indices.filter { $0 % 512 != 100 && full[$0].bitPattern != y[$0].bitPattern }
            #expect(differ.isEmpty, "\(ufunc.name) float64 \(level): the lean and the full kernel differ at \(differ.count) operands, e.g. x = \(differ.first.map { "\(x[$0])" } ?? "")")
            let prefix = Array(pairs.prefix(20_000))
            let strided = ExtendedElementaryAccuracyTests.run(loop, prefix, float32: false, binary: false, stride: 2)
            let stridedDiffer = prefix.indices.filter { strided[$0].bitPattern != y[$0].bitPattern }
            #expect(stridedDiffer.isEmpty, "\(ufunc.name) float64 \(level) stride 2: \(stridedDiffer.count) results differ from contiguous")
        }
    }
}
