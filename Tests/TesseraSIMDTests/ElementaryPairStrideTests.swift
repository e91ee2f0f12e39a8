import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The SIMD elementary loops with inputs at twice the element stride (a `[::2]` view) into
/// a contiguous output — the loops' own pair path, which copies the even elements into a
/// block buffer or reads them straight — give the contiguous call's results bit for bit,
/// at every level this CPU has, for lengths around the vector, buffer and block sizes,
/// and never read past the last element: each input ends right before a page that cannot
/// be read.
@Suite("SIMD elementary functions: inputs at stride 2 into a contiguous output", .serialized)
struct ElementaryPairStrideTests {
    static let unary: [UFunc] = [
        .exp, .exp2, .expm1, .log, .log2, .log10, .log1p, .sin, .cos, .tan, .arcsin, .arccos, .arctan,
        .sinh, .cosh, .tanh, .arcsinh, .arccosh, .arctanh, .cbrt,
    ]
    static let binary: [UFunc] = [.power, .arctan2, .hypot]
    /// Around 16 and 8 lanes, the 256-element pair buffer and the 512-element blocks.
    static let lengths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 255, 256, 257, 511, 512, 513, 777, 1500, 4099]

    /// Values for element i of a call of length n: mostly ordinary (within each
    /// function's usual range), with a special operand (NaN, ±inf, ±0, a subnormal, a
    /// huge value) in some blocks of 256 but not in others, so that both the lean and the
    /// full kernels run on both paths.
    static func value(_ i: Int, _ n: Int, operand: Int, rng: inout SeededGenerator) -> Double {
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e-310, 1e30, -1e30, 0x1p-140]
        if (i / 256) % 3 == 1 && i % 97 == 5 {
            return specials[Int(rng.next() % UInt64(specials.count))]
        }
        let magnitude = operand == 1 ? Double.random(in: 0.5...3, using: &rng) : Double.random(in: 0.01...3, using: &rng)
        return i % 3 == 0 && operand == 0 ? -magnitude : magnitude
    }

    /// A mapping with its last page unreadable; `place(count)` returns where `count` bytes
    /// must start to end right before that page.
    final class GuardedBuffer {
        let base: UnsafeMutableRawPointer
        let length: Int
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))

        init(bytes: Int) {
            let pages = (bytes + page - 1) / page + 1
            length = pages * page
            base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
            precondition(base != MAP_FAILED)
            precondition(mprotect(base + length - page, page, PROT_NONE) == 0)
        }

        func place(_ count: Int) -> UnsafeMutableRawPointer { base + (length - page - count) }

        deinit { munmap(base, length) }
    }

    /// Stores `values` at every second element of a guarded buffer, the last one right
    /// before the unreadable page (2n - 1 elements in all), and returns the first one.
    static func pairs(_ values: [Double], float32: Bool, in buffer: GuardedBuffer) -> UnsafeMutableRawPointer {
        let size = float32 ? 4 : 8
        let start = buffer.place(Swift.max(0, 2 * values.count - 1) * size)
        for (i, v) in values.enumerated() {
            if float32 { start.storeBytes(of: Float(v), toByteOffset: 2 * i * size, as: Float.self) } else { start.storeBytes(of: v, toByteOffset: 2 * i * size, as: Double.self) }
        }
        return start
    }

    /// Runs `loop` on operands given by pointer and element stride, output contiguous.
    static func call(_ loop: InnerLoop, inputs: [(UnsafeMutableRawPointer, Int)], n: Int, float32: Bool) -> [UInt64] {
        let size = float32 ? 4 : 8
        let output = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, n) * size, alignment: 64)
        defer { output.deallocate() }
        var args: [UnsafeMutableRawPointer?] = inputs.map(\.0) + [output]
        var steps = inputs.map { $0.1 * size } + [size]
        args.withUnsafeMutableBufferPointer { a in
            steps.withUnsafeMutableBufferPointer { s in loop.function(a.baseAddress, n, s.baseAddress, loop.data) }
        }
        return (0..<n).map { i in
            float32 ? UInt64(output.load(fromByteOffset: i * size, as: Float.self).bitPattern) : output.load(fromByteOffset: i * size, as: Double.self).bitPattern
        }
    }

    static func isNaN(_ bits: UInt64, float32: Bool) -> Bool {
        float32 ? Float(bitPattern: UInt32(bits)).isNaN : Double(bitPattern: bits).isNaN
    }

    @Test("stride-2 inputs into a contiguous output give the contiguous results, reading no further than the last element")
    func pairsMatchContiguous() throws {
        var checked = 0
        for (level, registry) in ElementaryAccuracyTests.registries {
            for ufunc in Self.unary + Self.binary {
                for dtype in [DType.float32, .float64] {
                    let arity = ufunc.inputCount
                    let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])
                    guard let loop = registry.loop(for: ufunc, signature: signature), loop.backend == "simd" else { continue }
                    let float32 = dtype == .float32
                    let size = float32 ? 4 : 8
                    var rng = SeededGenerator(seed: UInt64(ufunc.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude) &+ UInt64(size))
                    for n in Self.lengths {
                        let values = (0..<arity).map { operand in (0..<n).map { Self.value($0, n, operand: operand, rng: &rng) } }
                        // Contiguous operands.
                        let contiguous = values.map { v in
                            let p = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, n) * size, alignment: 64)
                            for (i, x) in v.enumerated() {
                                if float32 { p.storeBytes(of: Float(x), toByteOffset: i * size, as: Float.self) } else { p.storeBytes(of: x, toByteOffset: i * size, as: Double.self) }
                            }
                            return p
                        }
                        defer { contiguous.forEach { $0.deallocate() } }
                        let expected = Self.call(loop, inputs: contiguous.map { ($0, 1) }, n: n, float32: float32)
                        // The same values at stride 2, each operand ending at a guard page.
                        let buffers = values.map { _ in GuardedBuffer(bytes: Swift.max(1, 2 * n) * size) }
                        let strided = zip(values, buffers).map { Self.pairs($0, float32: float32, in: $1) }
                        let got = Self.call(loop, inputs: strided.map { ($0, 2) }, n: n, float32: float32)
                        let differ = (0..<n).filter { got[$0] != expected[$0] && !(Self.isNaN(got[$0], float32: float32) && Self.isNaN(expected[$0], float32: float32)) }
                        #expect(differ.isEmpty, "\(ufunc.name) \(dtype) \(level) n = \(n): \(differ.count) stride-2 results differ from contiguous, first at \(differ.first ?? -1)")
                        checked += 1
                    }
                }
            }
        }
        // Every level has float32 and float64 loops for most of these functions.
        #expect(checked >= Self.lengths.count * 2 * 10)
    }
}
