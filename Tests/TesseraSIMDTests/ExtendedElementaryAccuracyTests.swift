import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The SIMD backend's second set of elementary loops (`expm1`, `log1p`, `arcsin`, `arccos`,
/// `sinh`, `cbrt`, `hypot`) and those derived from exp and log (`exp2`, `log2`, `log10`,
/// `cosh`, `arcsinh`, `arccosh`, `arctanh`), float32 and float64, against a long-double reference and against
/// NumPy, at every instruction-set level this CPU has: each loop's error on 10⁶ inputs
/// stays within its stated bound (≤ 1 ULP), strided and broadcast operands give the
/// contiguous results bit for bit, AVX2 and AVX-512 agree bit for bit, and special values
/// and range edges come out as NumPy's.
@Suite("SIMD elementary functions, second set: accuracy and special values", .serialized)
struct ExtendedElementaryAccuracyTests {
    static let ufuncs: [UFunc] = [.expm1, .log1p, .arcsin, .arccos, .sinh, .cbrt, .hypot,
                                  .exp2, .log2, .log10, .cosh, .arcsinh, .arccosh, .arctanh]

    static func exact(_ ufunc: UFunc) -> @Sendable (Float80, Float80) -> Float80 {
        MathReference.named(ufunc.name).longDouble
    }

    /// Scalar loops with the SIMD backend installed over them at each level this CPU has.
    static let registries: [(level: InstructionSetLevel, registry: LoopRegistry)] = {
        InstructionSetLevel.allCases.filter(SIMDBackend.supports).map { level in
            let registry = try! scalarRegistry()
            try! SIMDBackend(instructionSet: level).install(into: registry)
            return (level, registry)
        }
    }()

    /// `count` inputs (pairs for `hypot`): half any bit pattern (every exponent, NaN, inf,
    /// subnormals), half spread over the range where the function is usually called; the
    /// second `hypot` operand is the first scaled by up to 2^±30 or any bit pattern.
    static func inputs(_ ufunc: UFunc, float32: Bool, count: Int, seed: UInt64) -> [(Double, Double)] {
        var rng = SeededGenerator(seed: seed)
        let range: ClosedRange<Double> = switch ufunc {
        case .expm1: float32 ? -30...90 : -40...710
        case .log1p: -1...200
        case .arcsin, .arccos: -1...1
        case .sinh, .cosh: float32 ? -90...90 : -711...711
        case .exp2: float32 ? -160...130 : -1080...1025
        case .log2, .log10: 0...4
        case .arcsinh: -4...4
        case .arccosh: 1...3
        case .arctanh: -1...1
        default: -1e6...1e6
        }
        func any() -> Double {
            let bits = rng.next()
            return float32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
        }
        func rounded(_ x: Double) -> Double { float32 ? Double(Float(x)) : x }
        return (0..<count).map { i in
            let x = i % 2 == 0 ? any() : rounded(Double.random(in: range, using: &rng))
            guard ufunc == .hypot else { return (x, 0) }
            let y = Bool.random(using: &rng) ? any() : rounded(x * Double.random(in: 0.5..<1, using: &rng) * Double(sign: .plus, exponent: Int.random(in: -30...30, using: &rng), significand: 1))
            return (x, y)
        }
    }

    /// Runs `loop` over `x` with the given element strides (all operands; 0 broadcasts the
    /// second operand's first element), returning the outputs in order.
    static func run(_ loop: InnerLoop, _ x: [(Double, Double)], float32: Bool, binary: Bool, stride: Int = 1, secondStride: Int? = nil) -> [Double] {
        let n = x.count
        let size = float32 ? 4 : 8
        let strides = [stride, binary ? (secondStride ?? stride) : stride, stride]
        let buffers = strides.map { s in UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, n * Swift.abs(s)) * size, alignment: 64) }
        defer { buffers.forEach { $0.deallocate() } }
        let starts = strides.map { $0 < 0 ? (n * -$0 - 1) : 0 }
        func store(_ v: Double, _ operand: Int, _ i: Int) {
            let at = (starts[operand] + i * strides[operand]) * size
            if float32 { buffers[operand].storeBytes(of: Float(v), toByteOffset: at, as: Float.self) } else { buffers[operand].storeBytes(of: v, toByteOffset: at, as: Double.self) }
        }
        for i in 0..<n {
            store(x[i].0, 0, i)
            if binary && (strides[1] != 0 || i == 0) { store(x[i].1, 1, i) }
        }
        let operands = binary ? [0, 1, 2] : [0, 2]
        var args: [UnsafeMutableRawPointer?] = operands.map { buffers[$0] + starts[$0] * size }
        var steps = operands.map { strides[$0] * size }
        args.withUnsafeMutableBufferPointer { a in
            steps.withUnsafeMutableBufferPointer { s in
                loop.function(a.baseAddress, n, s.baseAddress, loop.data)
            }
        }
        return (0..<n).map { i in
            let at = (starts[2] + i * strides[2]) * size
            return float32 ? Double(buffers[2].load(fromByteOffset: at, as: Float.self)) : buffers[2].load(fromByteOffset: at, as: Double.self)
        }
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test("within the stated bound (≤ 1 ULP) on 10⁶ inputs per loop; strided = contiguous; levels agree bit for bit", arguments: 0..<14)
    func bound(functionIndex: Int) throws {
        let ufunc = Self.ufuncs[functionIndex]
        try Self.checkBound(ufunc, exact: Self.exact(ufunc), binary: ufunc == .hypot) { float32 in
            Self.inputs(ufunc, float32: float32, count: 1_000_000, seed: UInt64(100 + functionIndex * 2 + (float32 ? 1 : 0)))
        }
    }

    /// Checks a loop family on `inputs(float32)` at every level of ``registries``: at SSE2
    /// the scalar loop stays; above, the SIMD loop's error against `exact` is within its
    /// stated bound (≤ 1 ULP) with NaN exactly where the reference is NaN, levels agree bit
    /// for bit, and strided, reversed and (binary) broadcast operands give the contiguous
    /// results, on a prefix and a suffix of the inputs (blocks with and without special
    /// operands).
    static func checkBound(_ ufunc: UFunc, exact: @Sendable (Float80, Float80) -> Float80, binary: Bool,
                           inputs: (_ float32: Bool) -> [(Double, Double)]) throws {
        #expect(Self.registries.count >= 2, "this CPU should run SSE2 and AVX2 at least")
        for dtype in [DType.float32, .float64] {
            let float32 = dtype == .float32
            let x = inputs(float32)
            let reference = x.map { exact(Float80($0.0), Float80($0.1)) }
            let signature = LoopSignature(inputs: binary ? [dtype, dtype] : [dtype], outputs: [dtype])
            var previous: [Double]? = nil
            for (level, registry) in Self.registries {
                let loop = try #require(registry.loop(for: ufunc, signature: signature))
                if level == .sse2 && !ElementarySSE2Loops.has(ufunc, dtype) {
                    #expect(loop.backend == "scalar", "\(ufunc.name) \(dtype) at sse2 should stay the scalar loop")
                    continue
                }
                #expect(loop.backend == "simd" && loop.instructionSet == level.rawValue)
                let bound = try #require(loop.maxULPError)
                #expect(bound <= 1.0)
                let y = Self.run(loop, x, float32: float32, binary: binary)
                var worst = 0.0, worstAt = 0, nanMismatches = 0
                for i in x.indices {
                    if y[i].isNaN || reference[i].isNaN {
                        if !(y[i].isNaN && reference[i].isNaN) { nanMismatches += 1 }
                        continue
                    }
                    let e = ulpError(y[i], exact: reference[i], in: float32 ? .float32 : .float64)
                    if e > worst { worst = e; worstAt = i }
                }
                #expect(nanMismatches == 0, "\(ufunc.name) \(dtype) \(level): \(nanMismatches) NaN results where the reference is a number or the reverse")
                #expect(worst <= bound, "\(ufunc.name) \(dtype) \(level): \(worst) ULP at x = \(x[worstAt]) (result \(y[worstAt]), exact \(reference[worstAt])), bound \(bound)")
                if let previous, !(level == .avx512 && ElementaryAVX512Kernels.has(ufunc, dtype)) {
                    let differ = x.indices.filter { !Self.same(previous[$0], y[$0]) }
                    #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) differs from the narrower level at \(differ.count) inputs, e.g. x = \(differ.first.map { "\(x[$0])" } ?? "")")
                }
                // SSE2 has no fused multiply-add: its results may differ in the last bit.
                if level != .sse2 { previous = y }
                // Both halves: blocks with and without special operands.
                let prefix = Array(x.prefix(2_500) + x.suffix(2_500))
                let prefixResults = Array(y.prefix(2_500) + y.suffix(2_500))
                for stride in [2, -1, 3] {
                    let z = Self.run(loop, prefix, float32: float32, binary: binary, stride: stride)
                    let differ = prefix.indices.filter { !Self.same(z[$0], prefixResults[$0]) }
                    #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) stride \(stride): \(differ.count) results differ from contiguous")
                }
                if binary {
                    // A broadcast operand (stride 0), first and second: every element
                    // against the first pair's x, then the first pair's y against every x.
                    for second in [true, false] {
                        let broadcast = prefix.map { second ? ($0.0, prefix[0].1) : (prefix[0].0, $0.1) }
                        let contiguous = Self.run(loop, broadcast, float32: float32, binary: true)
                        let z = second
                            ? Self.run(loop, broadcast, float32: float32, binary: true, stride: 1, secondStride: 0)
                            : Self.runFirstBroadcast(loop, broadcast, float32: float32)
                        let differ = prefix.indices.filter { !Self.same(z[$0], contiguous[$0]) }
                        #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) broadcast \(second ? "x" : "y"): \(differ.count) results differ from contiguous")
                    }
                }
            }
        }
    }

    /// Runs a binary loop with its first operand a stride-0 scalar (pairs[0].0) and its
    /// second contiguous.
    static func runFirstBroadcast(_ loop: InnerLoop, _ pairs: [(Double, Double)], float32: Bool) -> [Double] {
        let n = pairs.count
        if float32 {
            var first = [Float(pairs[0].0)], second = pairs.map { Float($0.1) }, out = [Float](repeating: 0, count: n)
            first.withUnsafeMutableBytes { a in second.withUnsafeMutableBytes { b in out.withUnsafeMutableBytes { o in
                var args: [UnsafeMutableRawPointer?] = [a.baseAddress, b.baseAddress, o.baseAddress]
                var steps = [0, 4, 4]
                loop.function(&args, n, &steps, loop.data)
            } } }
            return out.map(Double.init)
        }
        var first = [pairs[0].0], second = pairs.map(\.1), out = [Double](repeating: 0, count: n)
        first.withUnsafeMutableBytes { a in second.withUnsafeMutableBytes { b in out.withUnsafeMutableBytes { o in
            var args: [UnsafeMutableRawPointer?] = [a.baseAddress, b.baseAddress, o.baseAddress]
            var steps = [0, 8, 8]
            loop.function(&args, n, &steps, loop.data)
        } } }
        return out
    }


    /// What is wrong with one result of a special-value case, or nil: NaN must meet NaN,
    /// infinities and zeros must be NumPy's bit for bit, and any other value must be within
    /// `bound` (at least 0.5, plus 0.01 for the reference) of `exact`, with NumPy's sign
    /// when `numpysSign` (the quadrant rules of the trigonometric functions).
    enum Disagreement: CustomStringConvertible {
        case numpy, sign, beyondBound(Double)
        var description: String {
            switch self {
            case .numpy: ""
            case .sign: ": sign"
            case .beyondBound(let ulp): ": \(ulp) ULP"
            }
        }
    }

    static func disagreement(_ t: Double, numpy n: Double, exact: Float80, bound: Double, float32: Bool,
                             numpysSign: Bool = false) -> Disagreement? {
        if n.isNaN || t.isNaN { return n.isNaN && t.isNaN ? nil : .numpy }
        if n.isInfinite || n == 0 || t.isInfinite || t == 0 { return n.bitPattern == t.bitPattern ? nil : .numpy }
        if numpysSign && n.sign != t.sign { return .sign }
        let e = ulpError(t, exact: exact, in: float32 ? .float32 : .float64)
        return e > Swift.max(bound, 0.5) + 0.01 ? .beyondBound(e) : nil
    }

    /// Special values and the edges of each function's range, by dtype.
    static func specials(_ ufunc: UFunc, float32: Bool) -> [Double] {
        let shared: [Double] = float32
            ? [Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude),
               Double(Float(1).nextUp), Double(Float(1).nextDown), Double(Float(0.5).nextUp), Double(Float(0.5).nextDown), 1e-40, 1e-20, 1e30]
            : [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
               Double(1).nextUp, Double(1).nextDown, Double(0.5).nextUp, Double(0.5).nextDown, 1e-310, 1e-200, 1e300]
        let edges: [Double] = switch (ufunc, float32) {
        // Overflow thresholds: the last finite result and the first infinite one.
        case (.expm1, true): [Double(Float(bitPattern: 0x42b1_7217)), Double(Float(bitPattern: 0x42b1_7218)), -17, -17.5, 37, 38]
        case (.expm1, false): [709.782712893384, 709.7827128933841, 709.5, 36.7, 37.5, -37.5, -38]
        case (.sinh, true), (.cosh, true): [Double(Float(bitPattern: 0x42b2_d4fc)), Double(Float(bitPattern: 0x42b2_d4fd)), 1, Double(Float(1).nextDown)]
        case (.sinh, false), (.cosh, false): [710.4758600739439, 710.475860073944, 709.8, 1, Double(1).nextDown, 40, 20]
        case (.log1p, true): [Double(Float(-1).nextUp), Double(Float(-0.2928932).nextDown), -0.2928932, 0.41421354, 0.41421357]
        case (.log1p, false): [Double(-1).nextUp, -0.2928932188134524, -0.29289321881345254, 0.41421356237309503, 0.4142135623730951]
        case (.arcsin, _), (.arccos, _): [0.99999, 0.5000001, 0.4999999]
        case (.cbrt, _): [8, 27, 0.125, 1e-300, 3, 9]
        // 2^x: the overflow threshold, the subnormal range and the point where it rounds to 0.
        case (.exp2, true): [Double(Float(128).nextDown), 128, -126, -149, -149.4, -150, Double(Float(-150).nextDown), -151, 0.5, 1e-8]
        case (.exp2, false): [Double(1024).nextDown, 1024, -1022, -1074, -1074.5, -1075, Double(-1075).nextDown, -1076, 0.5, 1e-17]
        // Exact powers of two and of ten, and either side of 1.
        case (.log2, _), (.log10, _): [1000, 1e10, 1e-3, 1024, 0x1p-100, 3, Double(Float(2).nextDown), Double(Float(2).nextUp)] + (float32 ? [] : [1e22, 1e-300])
        // Where the kernels change formula (2^28, 2^-26, 2^-27) and either side of 1.
        case (.arcsinh, _), (.arccosh, _), (.arctanh, _):
            [0x1p28, Double(Float(0x1p28).nextUp), 0x1p-26, Double(Float(0x1p-26).nextDown), 0x1p-27, Double(Float(0x1p-27).nextUp), 0.9999, 1.0001, 1e19]
        default: []
        }
        let base: [Double] = [.nan, .infinity, 0, 1, 2, 0.5, 10, 100, 88, 700, -0.5, -1, -2]
        return (base + shared + edges).flatMap { [$0, -$0] }
    }

    @Test("special values and range edges as NumPy's, every level")
    func specialValues() throws {
        let batch = NumPyBatch()
        var cases: [(ufunc: UFunc, inputs: [NDArray], index: Int)] = []
        for float32 in [true, false] {
            let dtype: DType = float32 ? .float32 : .float64
            for ufunc in Self.ufuncs {
                let values = Self.specials(ufunc, float32: float32)
                if ufunc == .hypot {
                    // Every pair of the special values (both orders).
                    let first = NDArray(values.flatMap { a in values.map { _ in a } }).astype(dtype)
                    let second = NDArray(values.flatMap { _ in values }).astype(dtype)
                    cases.append((ufunc, [first, second], batch.add("np.hypot(x0, x1)", [first, second])))
                } else {
                    let input = NDArray(values).astype(dtype)
                    cases.append((ufunc, [input], batch.add("np.\(ufunc.name)(x0)", [input])))
                }
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        var compared = 0
        for (level, registry) in Self.registries {
            for c in cases {
                let dtype = c.inputs[0].dtype
                let float32 = dtype == .float32
                let loop = try #require(registry.loop(for: c.ufunc, signature: LoopSignature(inputs: c.inputs.map(\.dtype), outputs: [dtype])))
                let bound = loop.maxULPError ?? 0
                let output = try Backends.withRegistry(registry) { try c.ufunc.call(c.inputs) }[0]
                let reference = expected[c.index][0]
                let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
                reference.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
                let t = output.astype(.float64).toArray(Double.self)
                let n = numpy.astype(.float64).toArray(Double.self)
                let x = c.inputs.map { $0.astype(.float64).toArray(Double.self) }
                let exact = Self.exact(c.ufunc)
                for i in t.indices {
                    compared += 1
                    let operands = x.map { "\($0[i])" }.joined(separator: ", ")
                    let at = "\(level) \(c.ufunc.name)(\(dtype) \(operands)) = \(t[i]) [\(loop.backend)], NumPy \(n[i])"
                    let operand = (x[0][i], x.count > 1 ? x[1][i] : 0)
                    if let issue = Self.disagreement(t[i], numpy: n[i], exact: exact(Float80(operand.0), Float80(operand.1)),
                                                     bound: bound, float32: float32) {
                        failures.append(at + issue.description)
                    }
                }
            }
        }
        #expect(compared > 5_000)
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }
}
