import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The SIMD backend's float32 `power` loops on whole vectors of ordinary pairs (x
/// positive, normal and finite, y finite), the pairs its vector kernels compute (a vector
/// holding any other pair is computed element by element): the error against `powl`
/// stays within the stated bound, the levels agree bit for bit (AVX-512, a kernel of its
/// own in float32 lanes, within 1 ULP of AVX2), strided operands (the
/// stride-2 kernel included) give the contiguous results, and a special pair among
/// ordinary ones changes no other result and comes out as NumPy's.
@Suite("SIMD float32 power: vector kernels, table edges, mixed vectors", .serialized)
struct PowerFloat32Tests {
    /// Pairs in runs of 32 of one kind: y log2 x spread over the whole range of finite
    /// nonzero results; x near 1 with large y; y at and near integers; x at the edges of
    /// the logarithm tables' subintervals (bits(x) - 0x3f32aaab a multiple of 2^19 for
    /// the 16 of the double-lane kernels, bits(x) - 0x3f355555 a multiple of 2^18 for the
    /// 32 of the AVX-512 one, ±1) in every binade; results near the overflow and
    /// underflow edges.
    static func inputs(count: Int, seed: UInt64) -> (x: [Float], y: [Float]) {
        var rng = SeededGenerator(seed: seed)
        var xs: [Float] = [], ys: [Float] = []
        for i in 0..<count {
            var x: Double, y: Double
            switch (i / 32) % 5 {
            case 0:
                x = Glibc.exp2(Double.random(in: -126...127.9, using: &rng))
                if Swift.abs(Glibc.log2(Double(Float(x)))) < 1e-3 { x = 0.25 }
                y = Double.random(in: -151...129, using: &rng) / Glibc.log2(Double(Float(x)))
            case 1:
                x = 1 + Double.random(in: -0x1p-9...0x1p-9, using: &rng)
                y = Double.random(in: -3e6...3e6, using: &rng)
            case 2:
                x = Glibc.exp2(Double.random(in: -6...6, using: &rng))
                let n = Float(Int.random(in: -200...200, using: &rng))
                y = Double(Float(bitPattern: n.bitPattern &+ UInt32(bitPattern: Int32(Int.random(in: -3...3, using: &rng)))))
                if n == 0 { y = 0 }
            case 3:
                let edge = Bool.random(using: &rng)
                    ? UInt32(0x3f32_aaab) &+ UInt32(Int.random(in: 0...16, using: &rng)) << 19
                    : UInt32(0x3f35_5555) &+ UInt32(Int.random(in: 0...32, using: &rng)) << 18
                let bits = edge &+ UInt32(bitPattern: Int32(Int.random(in: -1...1, using: &rng)))
                let binade = Int.random(in: -100...100, using: &rng)
                x = Double(Float(bitPattern: bits)) * Glibc.exp2(Double(binade))
                y = Double.random(in: -1...1, using: &rng) * (Bool.random(using: &rng) ? 1 : 150 / Swift.max(1, Double(abs(binade))))
            default:
                x = Glibc.exp2(Double.random(in: -20...20, using: &rng))
                if Swift.abs(Glibc.log2(Double(Float(x)))) < 1e-3 { x = 3 }
                let edge = [128.0, -126, -149, -150][Int.random(in: 0...3, using: &rng)]
                y = (edge + Double.random(in: -1...1, using: &rng)) / Glibc.log2(Double(Float(x)))
            }
            xs.append(Float(x))
            ys.append(Float(y))
        }
        return (xs, ys)
    }

    static func float32Loop(_ registry: LoopRegistry) throws -> InnerLoop {
        try #require(registry.loop(for: .power, signature: LoopSignature(inputs: [.float32, .float32], outputs: [.float32])))
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test("within the bound on vectors of ordinary pairs; levels agree bit for bit (AVX-512: within 1 ULP of AVX2); strided = contiguous")
    func vectors() throws {
        let (xf, yf) = Self.inputs(count: 200_000, seed: 71)
        let x = xf.map(Double.init), y = yf.map(Double.init)
        #expect(zip(xf, yf).allSatisfy { $0.0 > 0 && $0.0.isNormal && $0.0.isFinite && $0.1.isFinite })
        let reference = x.indices.map { powl(Float80(x[$0]), Float80(y[$0])) }
        var previous: [Double]? = nil
        var levels = 0
        for (level, registry) in ElementaryPowerTests.registries {
            let loop = try Self.float32Loop(registry)
            guard loop.backend == "simd" else {
                #expect(level == .sse2 && !ElementarySSE2Loops.has(.power, .float32))
                continue
            }
            levels += 1
            let bound = try #require(loop.maxULPError)
            let z = ElementaryPowerTests.run(loop, x, y, float32: true)
            var worst = 0.0, worstAt = 0
            for i in x.indices {
                let e = ulpError(z[i], exact: reference[i], in: .float32)
                if e > worst || e.isNaN { worst = e.isNaN ? .infinity : e; worstAt = i }
            }
            #expect(worst <= bound, "power float32 \(level): \(worst) ULP at (\(x[worstAt]), \(y[worstAt])) = \(z[worstAt]), exact \(reference[worstAt]), bound \(bound)")
            if let previous {
                let differ = x.indices.filter { !ElementaryPowerTests.levelsAgree(previous[$0], z[$0], float32: true, level: level) }
                #expect(differ.count == 0, "power float32 \(level) differs from the narrower level at \(differ.count) pairs")
            }
            previous = z
            // Both inputs at stride 2 into a contiguous output (the stride-2 kernel), a
            // strided output, and mixed strides.
            let px = Array(x.prefix(20_000)), py = Array(y.prefix(20_000))
            for strides in [(2, 2, 1), (1, 1, 2), (2, 1, 1), (3, 2, 1)] {
                let w = ElementaryPowerTests.run(loop, px, py, float32: true, strides: strides)
                let differ = px.indices.filter { !Self.same(w[$0], z[$0]) }
                #expect(differ.count == 0, "power float32 \(level) strides \(strides): \(differ.count) results differ from contiguous")
            }
        }
        #expect(levels >= 1)
    }

    @Test("a special pair among ordinary ones changes no other result and comes out as NumPy's")
    func mixedVectors() throws {
        let (xf, yf) = Self.inputs(count: 4_000, seed: 72)
        var mx = xf, my = yf
        let specials: [(Float, Float)] = [
            (0, 2), (-0.0, -1), (.infinity, 0.5), (-.infinity, 3), (.nan, 0), (1, .nan), (-2, 3), (-2, 0.5),
            (2, .infinity), (0.5, -.infinity), (-1, .infinity), (.leastNonzeroMagnitude, 0.5), (-Float.leastNormalMagnitude / 4, 2),
            (3, .nan), (.nan, 1), (-8, -1.0 / 3),
        ]
        var rng = SeededGenerator(seed: 73)
        var positions: [Int] = []
        var i = Int.random(in: 0..<13, using: &rng)
        while i < mx.count {
            let s = specials[positions.count % specials.count]
            mx[i] = s.0
            my[i] = s.1
            positions.append(i)
            i += Int.random(in: 1...40, using: &rng)
        }
        let special = Set(positions)
        let batch = NumPyBatch()
        let xa = NDArray(mx.map(Double.init)).astype(.float32), ya = NDArray(my.map(Double.init)).astype(.float32)
        let index = batch.add("np.power(x0, x1)", [xa, ya])
        let expected = try batch.run()
        let numpy = NDArray(uninitializedShape: [mx.count], dtype: .float32)
        expected[index][0].bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
        let n = numpy.astype(.float64).toArray(Double.self)
        for (level, registry) in ElementaryPowerTests.registries {
            let loop = try Self.float32Loop(registry)
            guard loop.backend == "simd" else { continue }
            let bound = try #require(loop.maxULPError)
            let clean = ElementaryPowerTests.run(loop, xf.map(Double.init), yf.map(Double.init), float32: true)
            let mixed = ElementaryPowerTests.run(loop, mx.map(Double.init), my.map(Double.init), float32: true)
            var failures: [String] = []
            for k in mx.indices {
                let at = "\(level) power(\(mx[k]), \(my[k])) = \(mixed[k]), NumPy \(n[k])"
                if !special.contains(k) {
                    if !Self.same(clean[k], mixed[k]) { failures.append("\(at): \(clean[k]) without the special pairs") }
                } else if n[k].isNaN || mixed[k].isNaN || n[k].isInfinite || n[k] == 0 || mixed[k].isInfinite || mixed[k] == 0 {
                    if !Self.same(n[k], mixed[k]) { failures.append(at) }
                } else {
                    let e = ulpError(mixed[k], exact: powl(Float80(mx[k]), Float80(my[k])), in: .float32)
                    if e > bound { failures.append("\(at): \(e) ULP") }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(20).joined(separator: "\n"))")
        }
    }
}
