import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The SIMD backend's unary elementary loops (`exp`, `log`, `sin`, `cos`, `tanh`,
/// `arctan`, float32 and float64)
/// against a long-double reference and against NumPy, at every instruction-set level
/// this CPU has: each loop's error on 10⁶ inputs stays within its stated bound (≤ 1 ULP),
/// strided operands give the contiguous results bit for bit, AVX2 and AVX-512 agree bit
/// for bit, and special values and range edges come out as NumPy's.
@Suite("SIMD elementary functions: accuracy and special values", .serialized)
struct ElementaryAccuracyTests {
    static let functions: [(ufunc: UFunc, exact: @Sendable (Float80) -> Float80)] = [UFunc.exp, .log, .sin, .cos, .tanh, .arctan].map { ufunc in
        let reference = MathReference.named(ufunc.name)
        return (ufunc, { reference.longDouble($0, 0) })
    }

    /// The element types each function has SIMD loops for.
    static func dtypes(_ ufunc: UFunc) -> [DType] {
        [.float32, .float64]
    }

    /// Scalar loops with the SIMD backend installed over them at each level this CPU has.
    static let registries: [(level: InstructionSetLevel, registry: LoopRegistry)] = {
        InstructionSetLevel.allCases.filter(SIMDBackend.supports).map { level in
            let registry = try! scalarRegistry()
            try! SIMDBackend(instructionSet: level).install(into: registry)
            return (level, registry)
        }
    }()

    /// 10⁶ inputs: half of them any bit pattern (every exponent, NaN, inf, subnormals),
    /// half spread over the range where the function is usually called.
    static func inputs(_ ufunc: UFunc, float32: Bool, count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        let range: ClosedRange<Double> = switch ufunc {
        case .exp: float32 ? -104...89 : -746...710
        case .log: 0...200
        case .tanh: float32 ? -12...12 : -20...20
        case .arctan: -4...4
        default: -100...100
        }
        return (0..<count).map { i in
            let bits = rng.next()
            if i % 2 == 0 {
                return float32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
            }
            let x = Double.random(in: range, using: &rng)
            return float32 ? Double(Float(x)) : x
        }
    }

    /// Runs `loop` over `x` with the given element strides (both operands), returning
    /// the outputs in order.
    static func run(_ loop: InnerLoop, _ x: [Double], float32: Bool, stride: Int = 1) -> [Double] {
        let n = x.count
        let size = float32 ? 4 : 8
        let length = Swift.max(1, n * Swift.abs(stride))
        let input = UnsafeMutableRawPointer.allocate(byteCount: length * size, alignment: 64)
        let output = UnsafeMutableRawPointer.allocate(byteCount: length * size, alignment: 64)
        defer { input.deallocate(); output.deallocate() }
        let start = stride < 0 ? (length - 1) : 0
        for i in 0..<n {
            let at = (start + i * stride) * size
            if float32 { input.storeBytes(of: Float(x[i]), toByteOffset: at, as: Float.self) } else { input.storeBytes(of: x[i], toByteOffset: at, as: Double.self) }
        }
        var args: [UnsafeMutableRawPointer?] = [input + start * size, output + start * size]
        var steps = [stride * size, stride * size]
        args.withUnsafeMutableBufferPointer { a in
            steps.withUnsafeMutableBufferPointer { s in
                loop.function(a.baseAddress, n, s.baseAddress, loop.data)
            }
        }
        return (0..<n).map { i in
            let at = (start + i * stride) * size
            return float32 ? Double(output.load(fromByteOffset: at, as: Float.self)) : output.load(fromByteOffset: at, as: Double.self)
        }
    }

    @Test("within the stated bound (≤ 1 ULP) on 10⁶ inputs per loop; strided = contiguous; levels agree bit for bit", arguments: 0..<6)
    func bound(functionIndex: Int) throws {
        let (ufunc, exact) = Self.functions[functionIndex]
        #expect(Self.registries.count >= 2, "this CPU should run SSE2 and AVX2 at least")
        for dtype in Self.dtypes(ufunc) {
            let float32 = dtype == .float32
            let x = Self.inputs(ufunc, float32: float32, count: 1_000_000, seed: UInt64(functionIndex * 2 + (float32 ? 1 : 0)))
            let reference = x.map { exact(Float80($0)) }
            var previous: [Double]? = nil
            for (level, registry) in Self.registries {
                let loop = try #require(registry.loop(for: ufunc, signature: LoopSignature(inputs: [dtype], outputs: [dtype])))
                if level == .sse2 && !ElementarySSE2Loops.has(ufunc, dtype) {
                    #expect(loop.backend == "scalar", "\(ufunc.name) \(dtype) at sse2 should stay the scalar loop")
                    continue
                }
                #expect(loop.backend == "simd" && loop.instructionSet == level.rawValue)
                let bound = try #require(loop.maxULPError)
                #expect(bound <= 1.0)
                let y = Self.run(loop, x, float32: float32)
                var worst = 0.0, worstAt = 0
                for i in x.indices {
                    let e = ulpError(y[i], exact: reference[i], in: float32 ? .float32 : .float64)
                    if e > worst { worst = e; worstAt = i }
                }
                #expect(worst <= bound, "\(ufunc.name) \(dtype) \(level): \(worst) ULP at x = \(x[worstAt]) (result \(y[worstAt]), exact \(reference[worstAt])), bound \(bound)")
                if let previous {
                    let differ = x.indices.filter { !(previous[$0].bitPattern == y[$0].bitPattern || (previous[$0].isNaN && y[$0].isNaN)) }
                    #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) differs from the narrower level at \(differ.count) inputs, e.g. x = \(differ.first.map { x[$0] } ?? 0)")
                }
                // SSE2 has no fused multiply-add: its results may differ in the last bit.
                if level != .sse2 { previous = y }
                // Strided and reversed operands (the gathered-block path), on a prefix.
                let prefix = Array(x.prefix(5_000))
                for stride in [2, -1, 3] {
                    let z = Self.run(loop, prefix, float32: float32, stride: stride)
                    let differ = prefix.indices.filter { !(z[$0].bitPattern == y[$0].bitPattern || (z[$0].isNaN && y[$0].isNaN)) }
                    #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) stride \(stride): \(differ.count) results differ from contiguous")
                }
            }
        }
    }

    /// Special values and the edges of each function's range, by dtype.
    static func specials(_ float32: Bool) -> [Double] {
        let f: [Double] = float32
            ? [Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude),
               Double(Float(bitPattern: 0x42b1_7217)), Double(Float(bitPattern: 0x42b1_7218)), // exp overflow edge
               Double(Float(bitPattern: 0xc2ae_ac4f)), Double(Float(bitPattern: 0xc2ae_ac50)), // exp normal/subnormal edge
               Double(Float(bitPattern: 0xc2cf_f1b4)), Double(Float(bitPattern: 0xc2cf_f1b5)), // exp underflow to 0
               Double(Float.pi), Double(Float.pi / 2), 0x1p20, Double(Float(0x1p20).nextDown), 1e6, 1e10, 1e30, 1e38,
               Double(Float(1).nextUp), Double(Float(1).nextDown), 1e-40]
            : [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
               709.782712893384, 709.7827128933841, -708.3964185322641, -708.39641853226420, -745.1332191019411, -745.1332191019412,
               Double.pi, Double.pi / 2, 0x1p20, Double(0x1p20).nextDown, 1e6, 1e22, 1e300, 0x1p1023,
               Double(1).nextUp, Double(1).nextDown, 1e-310]
        let base: [Double] = [.nan, .infinity, 0, 1, 2, 0.5, 10, 100, 88, 700, -0.5]
        return (base + f).flatMap { [$0, -$0] }
    }

    @Test("special values and range edges as NumPy's, every level")
    func specialValues() throws {
        let batch = NumPyBatch()
        var cases: [(ufunc: UFunc, input: NDArray, index: Int)] = []
        for float32 in [true, false] {
            let input = NDArray(Self.specials(float32)).astype(float32 ? .float32 : .float64)
            for (ufunc, _) in Self.functions where Self.dtypes(ufunc).contains(input.dtype) {
                cases.append((ufunc, input, batch.add("np.\(ufunc.name)(x0)", [input])))
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        for (level, registry) in Self.registries {
            for c in cases {
                let float32 = c.input.dtype == .float32
                let loop = try #require(registry.loop(for: c.ufunc, signature: LoopSignature(inputs: [c.input.dtype], outputs: [c.input.dtype])))
                let bound = loop.maxULPError ?? 0
                let output = try Backends.withRegistry(registry) { try c.ufunc.call([c.input]) }[0]
                let reference = expected[c.index][0]
                let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
                reference.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
                let t = output.astype(.float64).toArray(Double.self)
                let n = numpy.astype(.float64).toArray(Double.self)
                let x = c.input.astype(.float64).toArray(Double.self)
                let exact = Self.functions.first { $0.ufunc == c.ufunc }!.exact
                for i in x.indices {
                    let at = "\(level) \(c.ufunc.name)(\(c.input.dtype) \(x[i])) = \(t[i]) [\(loop.backend)], NumPy \(n[i])"
                    if n[i].isNaN || t[i].isNaN {
                        if !(n[i].isNaN && t[i].isNaN) { failures.append(at) }
                    } else if n[i].isInfinite || n[i] == 0 || t[i].isInfinite || t[i] == 0 {
                        if n[i].bitPattern != t[i].bitPattern { failures.append(at) }
                    } else {
                        let e = ulpError(t[i], exact: exact(Float80(x[i])), in: float32 ? .float32 : .float64)
                        if e > Swift.max(bound, 0.5) + 0.01 { failures.append("\(at): \(e) ULP") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }
}
