import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// Most SIMD elementary loops check each block of 512 operands (float64 `power`: each
/// vector) for special operands and run a kernel without its special-value selects (the
/// lean kernel) when there are none; the others run one kernel everywhere. The accuracy
/// tests' inputs alternate special and ordinary values, so every block there takes the
/// full kernel. Here every loop the SIMD backend registers (float32 and float64) gets long
/// runs of ordinary operands over its function's domain, so whole blocks take the lean
/// kernel, and at every level: the results are within the loop's stated bound of a
/// long-double reference, equal bit for bit the results of the same operands with a NaN
/// planted in every fourth element (each block and each vector then holds a special
/// operand, so the full kernel computes its ordinary neighbours), and inputs at a stride of
/// 2 (the loops' paired path, also lean) give the contiguous bits.
@Suite("SIMD elementary loops: the lean kernels on blocks of ordinary operands", .serialized)
struct ElementaryLeanKernelTests {
    /// Every elementary function with SIMD loops: the accuracy tests' lists and `power`.
    static let ufuncs: [UFunc] = ElementaryAccuracyTests.functions.map { $0.ufunc } + ExtendedElementaryAccuracyTests.ufuncs
        + TrigElementaryAccuracyTests.ufuncs + [.power]
    static let binary: Set<String> = ["power", "arctan2", "hypot"]
    /// Operands per loop: 256 blocks of 512.
    static let count = 1 << 17

    @Test("every SIMD loop with a stated error bound is covered here, at every level and at the level TESSERA_MAX_ISA leaves")
    func coverage() throws {
        let covered = Set(Self.ufuncs.flatMap { ["\($0.name) f", "\($0.name) d"] })
        #expect(covered.count == 46)
        #expect(covered == ElementarySSE2Loops.loops)
        for (level, registry) in ExtendedElementaryAccuracyTests.registries {
            var found: Set<String> = []
            for name in registry.ufuncNames {
                // Generalized ufuncs (core dimensions) have no elementwise loops.
                guard let ufunc = try? UFunc.named(name) else { continue }
                for loop in registry.loops(for: ufunc) where loop.backend == "simd" && (loop.maxULPError ?? 0) > 0 {
                    let dtype = loop.signature.inputs[0]
                    let key = "\(name) \(dtype == .float64 ? "d" : "f")"
                    found.insert(key)
                    #expect(covered.contains(key), "\(name) \(dtype) at \(level) has a SIMD loop with a stated bound that this test does not run")
                }
            }
            #expect(found == covered, "at \(level) the SIMD loops with a stated bound are \(found.sorted())")
        }
        // The backend as installed by default (the widest level, capped by
        // TESSERA_MAX_ISA) serves the very loops tested at its level.
        let level = try SIMDBackend().resolvedInstructionSet()
        let capped = try scalarRegistry()
        try SIMDBackend().install(into: capped)
        let tested = try #require(ExtendedElementaryAccuracyTests.registries.first { $0.level == level }?.registry)
        for ufunc in Self.ufuncs {
            for dtype in [DType.float32, .float64] {
                let signature = LoopSignature(inputs: Self.binary.contains(ufunc.name) ? [dtype, dtype] : [dtype], outputs: [dtype])
                let a = try #require(capped.loop(for: ufunc, signature: signature)), b = try #require(tested.loop(for: ufunc, signature: signature))
                #expect(a.backend == b.backend && a.instructionSet == b.instructionSet && unsafeBitCast(a.function, to: UnsafeRawPointer.self) == unsafeBitCast(b.function, to: UnsafeRawPointer.self),
                        "\(ufunc.name) \(dtype): the default SIMD backend (\(level)) installs \(a.backend) \(a.instructionSet), not the loop tested at that level")
            }
        }
    }

    /// `count` ordinary operands of `ufunc` (the second operand empty for unary functions),
    /// float32 values when `float32`: drawn in turn from each of the function's samplers
    /// (every exponent of its domain, and the ranges where it is usually called), inside
    /// the lean kernels' domains (`ORDINARY` in the shim) and away from overflow.
    static func ordinary(_ ufunc: UFunc, float32: Bool, count: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var rng = SeededGenerator(seed: seed)
        func uniform(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }
        func wide(_ exponents: ClosedRange<Int>, signed: Bool = true) -> Double {
            let v = Double(sign: .plus, exponent: Int.random(in: exponents, using: &rng), significand: Double.random(in: 1..<2, using: &rng))
            return signed && Bool.random(using: &rng) ? -v : v
        }
        func rounded(_ v: Double) -> Double { float32 ? Double(Float(v)) : v }
        let top = float32 ? 127 : 1023, bottom = float32 ? -126 : -1022
        let unarySamplers: [() -> Double]
        var accept: (Double) -> Bool = { $0.isFinite }
        switch ufunc {
        case .exp:
            let limit = float32 ? 86.9 : 707.9
            unarySamplers = [{ wide(-60...9) }, { uniform(-limit...limit) }]
            accept = { abs($0) < limit }
        case .exp2:
            let (low, high) = float32 ? (-140.0, 127.9) : (-1019.9, 1019.9)
            unarySamplers = [{ wide(-60...10) }, { uniform(low...high) }]
            accept = { $0 > low && $0 < high }
        case .expm1:
            let (low, high) = float32 ? (-30.0, 88.7) : (-60.0, 709.7)
            unarySamplers = [{ wide(-60...9) }, { uniform(low...high) }, { uniform(-1...1) }]
            accept = { $0 > low && $0 < high }
        case .log, .log2, .log10:
            let least = float32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude
            unarySamplers = [{ wide(bottom...top, signed: false) }, { uniform(1e-3...200) }, { uniform(0.9...1.1) }]
            accept = { $0 >= least && $0.isFinite }
        case .log1p:
            unarySamplers = [{ wide(-60...top, signed: false) }, { -wide(-60...(-1), signed: false) }, { uniform(-0.99...200) }, { uniform(-0.3...0.42) }]
            accept = { $0 > -1 && $0.isFinite }
        case .sin, .cos, .tan:
            unarySamplers = [{ wide(-60...19) }, { uniform(-100...100) }, { uniform(-1e5...1e5) }]
            accept = { abs($0) < 0x1p20 }
        case .arcsin, .arccos:
            unarySamplers = [{ wide(-60...(-1)) }, { uniform(-1...1) }]
            accept = { abs($0) <= 1 }
        case .arctanh:
            unarySamplers = [{ wide(-60...(-1)) }, { uniform(-1...1) }]
            accept = { abs($0) < 1 }
        case .arctan:
            unarySamplers = [{ wide(-60...(float32 ? 100 : 1000)) }, { uniform(-4...4) }]
        case .sinh, .cosh:
            let limit = float32 ? 89.4 : 710.4
            unarySamplers = [{ wide(-60...9) }, { uniform(-limit...limit) }]
            accept = { abs($0) < limit }
        case .tanh:
            unarySamplers = [{ wide(-60...5) }, { uniform(float32 ? -10...10 : -20...20) }]
        case .arcsinh:
            // float64's lean kernel: 2^-26 ≤ |x| ≤ 2^28.
            unarySamplers = [{ float32 ? wide(-60...100) : wide(-26...27) }, { uniform(-4...4) }]
            accept = { float32 ? $0.isFinite : abs($0) >= 0x1p-26 && abs($0) <= 0x1p28 }
        case .arccosh:
            // float64's lean kernel: 1 < x ≤ 2^28.
            unarySamplers = [{ 1 + wide(float32 ? -23...60 : -52...27, signed: false) }, { uniform(1...3) }]
            accept = { float32 ? $0 >= 1 && $0.isFinite : $0 > 1 && $0 <= 0x1p28 }
        case .cbrt:
            unarySamplers = [{ wide(bottom...top) }, { uniform(-1e6...1e6) }]
        default:
            unarySamplers = []
        }
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(count)
        for i in 0..<count {
            switch ufunc {
            case .power:
                // x positive and normal, |y log2 x| ≤ 120 (float32) or 1000 (float64,
                // |y log x| < 708 as the lean kernel asks): no overflow or underflow.
                let limit = float32 ? 120.0 : 1000.0
                while true {
                    let a = rounded(i % 2 == 0 ? wide(bottom...top, signed: false) : uniform(1e-3...10))
                    let l = abs(log2(a))
                    let reach = Swift.min(limit / Swift.max(l, 1e-300), 1e4)
                    var b = rounded(uniform(-reach...reach))
                    if i % 8 == 1 { b = b.rounded() }
                    if a >= (float32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude), a.isFinite, b.isFinite, abs(b * log2(a)) <= limit {
                        x.append(a); y.append(b)
                        break
                    }
                }
            case .hypot, .arctan2:
                // Any finite magnitudes within 2^±(120 | 800) of each other's range (and
                // nonzero for arctan2, whose float64 lean kernel takes 2^-900 ≤ |·| < 2^990).
                let e = float32 ? 100 : 800
                while true {
                    let a = rounded(i % 2 == 0 ? wide(-e...e) : uniform(-10...10))
                    let b = rounded(i % 4 < 2 ? wide(-e...e) : a * uniform(0.5...1) * wide(-30...30))
                    if a.isFinite, b.isFinite, a != 0, b != 0 {
                        x.append(a); y.append(b)
                        break
                    }
                }
            default:
                while true {
                    let a = rounded(unarySamplers[i % unarySamplers.count]())
                    if accept(a) {
                        x.append(a)
                        break
                    }
                }
            }
        }
        return (x, y)
    }

    /// Runs `loop` over operands at `stride` elements (the gaps NaN, which no result may
    /// read) into a contiguous output.
    static func run(_ loop: InnerLoop, _ operands: [[Double]], float32: Bool, stride: Int = 1) -> [Double] {
        let n = operands[0].count
        let length = Swift.max(1, n * stride)
        let size = float32 ? 4 : 8
        let inputs = operands.map { x in
            if float32 {
                let s = UnsafeMutableBufferPointer<Float>.allocate(capacity: length)
                s.initialize(repeating: .nan)
                for i in 0..<n { s[i * stride] = Float(x[i]) }
                return UnsafeMutableRawPointer(s.baseAddress!)
            }
            let s = UnsafeMutableBufferPointer<Double>.allocate(capacity: length)
            s.initialize(repeating: .nan)
            for i in 0..<n { s[i * stride] = x[i] }
            return UnsafeMutableRawPointer(s.baseAddress!)
        }
        let out = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, n) * size, alignment: 64)
        defer { (inputs + [out]).forEach { $0.deallocate() } }
        var args: [UnsafeMutableRawPointer?] = inputs + [out]
        var steps = operands.map { _ in stride * size } + [size]
        args.withUnsafeMutableBufferPointer { a in
            steps.withUnsafeMutableBufferPointer { s in loop.function(a.baseAddress, n, s.baseAddress, loop.data) }
        }
        if float32 {
            let o = out.assumingMemoryBound(to: Float.self)
            return (0..<n).map { Double(o[$0]) }
        }
        return Array(UnsafeBufferPointer(start: out.assumingMemoryBound(to: Double.self), count: n))
    }

    @Test("lean kernels: within the stated bound, equal to the full kernel and to stride 2, every level", arguments: 0..<23)
    func lean(functionIndex: Int) throws {
        let ufunc = Self.ufuncs[functionIndex]
        let binary = Self.binary.contains(ufunc.name)
        let exact = MathReference.named(ufunc.name).longDouble
        let registries = ExtendedElementaryAccuracyTests.registries
        #expect(registries.contains { $0.level == .sse2 } && registries.count >= 2)
        for dtype in [DType.float32, .float64] {
            let float32 = dtype == .float32
            let (x, y) = Self.ordinary(ufunc, float32: float32, count: Self.count, seed: UInt64(900 + 2 * functionIndex + (float32 ? 1 : 0)))
            let operands = binary ? [x, y] : [x]
            let reference = x.indices.map { exact(Float80(x[$0]), binary ? Float80(y[$0]) : 0) }
            // A NaN in every fourth element (two runs, so that each element has a
            // special neighbour in one of them): every block, and every vector of up to
            // 8 lanes, holds a special operand and takes the full kernel.
            let planted = [0, 2].map { k in x.indices.map { $0 % 4 == k ? Double.nan : x[$0] } }
            func at(_ i: Int) -> String { binary ? "(\(x[i]), \(y[i]))" : "\(x[i])" }
            let signature = LoopSignature(inputs: binary ? [dtype, dtype] : [dtype], outputs: [dtype])
            for (level, registry) in registries {
                let loop = try #require(registry.loop(for: ufunc, signature: signature))
                #expect(loop.backend == ElementarySSE2Loops.backend(ufunc, dtype, at: level), "\(ufunc.name) \(dtype) at \(level): backend \(loop.backend)")
                guard loop.backend == "simd" else { continue }
                let bound = try #require(loop.maxULPError)
                let lean = Self.run(loop, operands, float32: float32)
                var worst = 0.0, worstAt = 0
                for i in x.indices {
                    let e = ulpError(lean[i], exact: reference[i], in: float32 ? .float32 : .float64)
                    if !(e <= worst) { worst = e; worstAt = i }
                }
                #expect(worst <= bound, "\(ufunc.name) \(dtype) \(level) lean: \(worst) ULP at x = \(at(worstAt)) (result \(lean[worstAt]), exact \(reference[worstAt])), bound \(bound)")
                for (k, first) in planted.enumerated() {
                    let full = Self.run(loop, binary ? [first, y] : [first], float32: float32)
                    let differ = x.indices.filter { $0 % 4 != 2 * k && full[$0].bitPattern != lean[$0].bitPattern }
                    #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level): the lean and the full kernel differ at \(differ.count) operands, e.g. x = \(differ.first.map(at) ?? "") (lean \(differ.first.map { lean[$0] } ?? 0), full \(differ.first.map { full[$0] } ?? 0))")
                }
                let prefix = operands.map { Array($0.prefix(8_192)) }
                let strided = Self.run(loop, prefix, float32: float32, stride: 2)
                let stridedDiffer = prefix[0].indices.filter { strided[$0].bitPattern != lean[$0].bitPattern }
                #expect(stridedDiffer.isEmpty, "\(ufunc.name) \(dtype) \(level) stride 2: \(stridedDiffer.count) results differ from contiguous, e.g. x = \(stridedDiffer.first.map(at) ?? "")")
            }
        }
    }
}
