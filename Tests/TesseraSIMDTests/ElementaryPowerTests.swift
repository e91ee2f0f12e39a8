import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The SIMD backend's `power` loops (float32 and float64) against a long-double `powl`
/// and against NumPy, at every instruction-set level this CPU has: the error on 10⁶
/// pairs per loop stays within the stated bound (≤ 1 ULP), strided and broadcast
/// operands give the contiguous results bit for bit, AVX2 and AVX-512 agree bit for
/// bit, and C99 pow's special cases come out as NumPy's.
@Suite("SIMD power: accuracy and special values", .serialized)
struct ElementaryPowerTests {
    static let registries = ElementaryAccuracyTests.registries

    /// Pairs (x, y) in runs of 1024 of one kind, so that whole vectors and whole
    /// 512-element blocks take the loops' lean paths (one special pair sends its vector,
    /// or at SSE2 its block, to the full kernel): any bit patterns; x in (0, 64] with y
    /// chosen so that y log2 x covers the whole range of finite nonzero results (and a
    /// little beyond); x near 1 with large y; negative x with integer y; and three kinds
    /// whose results stay normal (y log2 x across the normal range; x near 1 with
    /// |y| < 2^16; results within 2^±8 of 1).
    static func inputs(float32: Bool, count: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var rng = SeededGenerator(seed: seed)
        let w: ClosedRange<Double> = float32 ? -152...130 : -1078...1026
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<count {
            var x: Double, y: Double
            switch (i / 1024) % 7 {
            case 0:
                let a = rng.next(), b = rng.next()
                x = float32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: a))) : Double(bitPattern: a)
                y = float32 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: b))) : Double(bitPattern: b)
            case 1:
                x = Double.random(in: 0...64, using: &rng)
                y = Double.random(in: w, using: &rng) / Glibc.log2(x)
            case 2:
                x = 1 + Double.random(in: -0x1p-10...0x1p-10, using: &rng)
                y = Double.random(in: -1e6...1e6, using: &rng)
            case 3:
                x = -Double.random(in: 0...8, using: &rng)
                y = Double(Int.random(in: -200...200, using: &rng))
            case 4:
                let e = float32 ? Int.random(in: -126...126, using: &rng) : Int.random(in: -1000...999, using: &rng)
                x = Glibc.ldexp(Double.random(in: 1..<2, using: &rng), e)
                y = Double.random(in: float32 ? -125...125 : -1020...1020, using: &rng) / Glibc.log2(x)
            case 5:
                x = 1 + Double.random(in: -0x1p-10...0x1p-10, using: &rng)
                y = Double.random(in: -0x1p16...0x1p16, using: &rng)
            default:
                x = Glibc.ldexp(Double.random(in: 1..<2, using: &rng), Int.random(in: -32...31, using: &rng))
                y = Double.random(in: -8...8, using: &rng) / Glibc.log2(x)
            }
            xs.append(float32 ? Double(Float(x)) : x)
            ys.append(float32 ? Double(Float(y)) : y)
        }
        return (xs, ys)
    }

    /// Runs the binary `loop` with element strides (sx, sy, so) for the two inputs and
    /// the output (0 broadcasts the first element).
    static func run(_ loop: InnerLoop, _ x: [Double], _ y: [Double], float32: Bool, strides: (Int, Int, Int) = (1, 1, 1)) -> [Double] {
        let n = x.count
        let size = float32 ? 4 : 8
        let s = [strides.0, strides.1, strides.2]
        let buffers = s.map { UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, n * Swift.max(1, $0)) * size, alignment: 64) }
        defer { buffers.forEach { $0.deallocate() } }
        for (k, values) in [x, y].enumerated() {
            for i in 0..<(s[k] == 0 ? 1 : n) {
                let at = i * s[k] * size
                if float32 { buffers[k].storeBytes(of: Float(values[i]), toByteOffset: at, as: Float.self) } else { buffers[k].storeBytes(of: values[i], toByteOffset: at, as: Double.self) }
            }
        }
        var args: [UnsafeMutableRawPointer?] = buffers
        var steps = s.map { $0 * size }
        args.withUnsafeMutableBufferPointer { a in
            steps.withUnsafeMutableBufferPointer { st in loop.function(a.baseAddress, n, st.baseAddress, loop.data) }
        }
        return (0..<n).map { i in
            let at = i * s[2] * size
            return float32 ? Double(buffers[2].load(fromByteOffset: at, as: Float.self)) : buffers[2].load(fromByteOffset: at, as: Double.self)
        }
    }

    /// Results of two levels for the same pair: the same bits (or both NaN), except that
    /// float32 `power` at AVX-512 has a kernel of its own (float32 lanes, PowerF32.c) whose
    /// results may differ from AVX2's by 1 ULP; each level is within its own stated bound.
    static func levelsAgree(_ a: Double, _ b: Double, float32: Bool, level: InstructionSetLevel) -> Bool {
        if a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) { return true }
        guard float32 && level == .avx512 && !a.isNaN && !b.isNaN else { return false }
        let p = Float(a), q = Float(b)
        return p.sign == q.sign && max(p.bitPattern, q.bitPattern) - min(p.bitPattern, q.bitPattern) <= 1
    }

    @Test("within the stated bound (≤ 1 ULP) on 10⁶ pairs per loop; strided = contiguous; levels agree bit for bit (float32 at AVX-512: within 1 ULP of AVX2)", arguments: [DType.float32, .float64])
    func bound(dtype: DType) throws {
        let float32 = dtype == .float32
        let (x, y) = Self.inputs(float32: float32, count: 1_000_000, seed: float32 ? 41 : 42)
        let reference = x.indices.map { powl(Float80(x[$0]), Float80(y[$0])) }
        var previous: [Double]? = nil
        for (level, registry) in Self.registries {
            let loop = try #require(registry.loop(for: .power, signature: LoopSignature(inputs: [dtype, dtype], outputs: [dtype])))
            if level == .sse2 && !ElementarySSE2Loops.has(.power, dtype) {
                #expect(loop.backend == "scalar")
                continue
            }
            #expect(loop.backend == "simd" && loop.instructionSet == level.rawValue)
            let bound = try #require(loop.maxULPError)
            #expect(bound <= 1.0)
            let z = Self.run(loop, x, y, float32: float32)
            var worst = 0.0, worstAt = 0, nanMismatches: [Int] = []
            for i in x.indices {
                if z[i].isNaN != Double(reference[i]).isNaN { nanMismatches.append(i); continue }
                let e = ulpError(z[i], exact: reference[i], in: float32 ? .float32 : .float64)
                if e > worst { worst = e; worstAt = i }
            }
            #expect(worst <= bound, "power \(dtype) \(level): \(worst) ULP at (\(x[worstAt]), \(y[worstAt])) = \(z[worstAt]), exact \(reference[worstAt]), bound \(bound)")
            #expect(nanMismatches.isEmpty, "power \(dtype) \(level): NaN differs at \(nanMismatches.count) pairs, e.g. \(nanMismatches.first.map { "(\(x[$0]), \(y[$0])) = \(z[$0])" } ?? "")")
            if let previous {
                let differ = x.indices.filter { !Self.levelsAgree(previous[$0], z[$0], float32: float32, level: level) }
                #expect(differ.isEmpty, "power \(dtype) \(level) differs from the narrower level at \(differ.count) pairs")
            }
            // SSE2 has no fused multiply-add: its results may differ in the last bit.
            if level != .sse2 { previous = z }
            let px = Array(x.prefix(7 * 1024)), py = Array(y.prefix(7 * 1024))
            for strides in [(2, 1, 3), (1, 2, 1), (3, 3, 2)] {
                let w = Self.run(loop, px, py, float32: float32, strides: strides)
                let differ = px.indices.filter { !(w[$0].bitPattern == z[$0].bitPattern || (w[$0].isNaN && z[$0].isNaN)) }
                #expect(differ.isEmpty, "power \(dtype) \(level) strides \(strides): \(differ.count) results differ from contiguous")
            }
            // A scalar exponent (stride 0) and a scalar base.
            let sy = Self.run(loop, px, [py[1]], float32: float32, strides: (1, 0, 1))
            let cy = Self.run(loop, px, Array(repeating: py[1], count: px.count), float32: float32)
            #expect(sy.indices.allSatisfy { sy[$0].bitPattern == cy[$0].bitPattern || (sy[$0].isNaN && cy[$0].isNaN) })
        }
    }

    /// Every pair of these: C99 pow's special cases (zeros, infinities, NaN, ±1, odd
    /// and even integers, non-integers, negative bases) and the overflow and underflow
    /// edges.
    static func specials(_ float32: Bool) -> [Double] {
        let edges: [Double] = float32
            ? [Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude),
               0x1p24, 0x1p24 + 2, 0x1p23 + 1, 127.99, 128, -149, -149.5, -150.1, Double(Float(1).nextUp), Double(Float(1).nextDown)]
            : [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
               0x1p53, 0x1p53 + 2, 0x1p52 + 1, 1023.99, 1024, -1074, -1074.5, -1075.1, Double(1).nextUp, Double(1).nextDown]
        let base: [Double] = [.nan, .infinity, 0, 1, 2, 3, 0.5, 1.5, 10, 0.1]
        return (base + edges).flatMap { [$0, -$0] }
    }

    @Test("C99 pow's special values and range edges as NumPy's, every level")
    func specialValues() throws {
        let batch = NumPyBatch()
        var cases: [(x: NDArray, y: NDArray, index: Int)] = []
        for float32 in [true, false] {
            let s = Self.specials(float32)
            let dtype: DType = float32 ? .float32 : .float64
            let x = NDArray(s.flatMap { a in s.map { _ in a } }).astype(dtype)
            let y = NDArray(s.flatMap { _ in s }).astype(dtype)
            cases.append((x, y, batch.add("np.power(x0, x1)", [x, y])))
        }
        let expected = try batch.run()
        var failures: [String] = []
        for (level, registry) in Self.registries {
            for c in cases {
                let float32 = c.x.dtype == .float32
                let loop = try #require(registry.loop(for: .power, signature: LoopSignature(inputs: [c.x.dtype, c.x.dtype], outputs: [c.x.dtype])))
                let bound = loop.maxULPError ?? 0
                let output = try Backends.withRegistry(registry) { try UFunc.power.call([c.x, c.y]) }[0]
                let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
                expected[c.index][0].bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
                let t = output.astype(.float64).toArray(Double.self)
                let n = numpy.astype(.float64).toArray(Double.self)
                let xs = c.x.astype(.float64).toArray(Double.self), ys = c.y.astype(.float64).toArray(Double.self)
                for i in xs.indices {
                    let at = "\(level) power(\(c.x.dtype) \(xs[i]), \(ys[i])) = \(t[i]) [\(loop.backend)], NumPy \(n[i])"
                    if n[i].isNaN || t[i].isNaN {
                        if !(n[i].isNaN && t[i].isNaN) { failures.append(at) }
                    } else if n[i].isInfinite || n[i] == 0 || t[i].isInfinite || t[i] == 0 || ys[i] == 0 || xs[i] == 1 || (xs[i] == -1 && ys[i].isInfinite) {
                        if n[i].bitPattern != t[i].bitPattern { failures.append(at) }
                    } else {
                        let e = ulpError(t[i], exact: powl(Float80(xs[i]), Float80(ys[i])), in: float32 ? .float32 : .float64)
                        if e > Swift.max(bound, 0.5) + 0.01 { failures.append("\(at): \(e) ULP") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(30).joined(separator: "\n"))")
    }
}
