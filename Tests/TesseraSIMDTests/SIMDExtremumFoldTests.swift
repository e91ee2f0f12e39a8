import Testing
import Tessera
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// The reduction call of `maximum`/`minimum`/`fmax`/`fmin` on a contiguous run
/// (`out = op(out, run[0], run[1], ...)`, the output a single element) takes a fast vector
/// fold that answers only when the run holds no NaN; each vector's NaN flag is gathered
/// separately, so a run with a single NaN, placed in turn at every position of the fold's
/// step, must still give the scalar backend's result bit for bit. Runs short enough for
/// the AVX-512 level's 512-bit fold and longer than its 32 KB limit (the 256-bit fold).
@Suite("SIMD extremum folds: one NaN anywhere")
struct SIMDExtremumFoldTests {
    static let ufuncs: [UFunc] = [.maximum, .minimum, .fmax, .fmin]

    /// Values in ±[1, 2) of `dtype`.
    static func run(_ dtype: DType, count: Int, seed: UInt64) -> NDArray {
        var rng = SeededGenerator(seed: seed)
        return NDArray((0..<count).map { _ in Double.random(in: 1..<2, using: &rng) * (Bool.random(using: &rng) ? 1 : -1) }).astype(dtype)
    }

    /// `base` with a quiet NaN with a payload at `index`.
    static func withNaN(_ base: NDArray, at index: Int) -> NDArray {
        let copy = base.copy()
        let nan = NDArray([Double(nan: 0x1234, signaling: false)]).astype(base.dtype)
        (copy.baseAddress + index * base.itemSize).copyMemory(from: nan.baseAddress, byteCount: base.itemSize)
        return copy
    }

    static func bits(_ array: NDArray) -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: array.baseAddress, count: array.nbytes))
    }

    @Test("a single NaN at every position of the fold's step, at every level", arguments: [DType.float64, .float32])
    func singleNaN(dtype: DType) throws {
        let scalar = try scalarRegistry()
        let code = dtype == .float64 ? "d" : "f"
        let signature = try LoopSignature("\(code)\(code)->\(code)")
        let size = dtype.itemSize
        // 32 KB is 4096 float64 or 8192 float32 elements.
        let lengths = [700, 32768 / size + 300]
        var problems: [String] = []
        var checked = 0
        for level in InstructionSetLevel.allCases.filter(SIMDBackend.supports) {
            let registry = try scalarRegistry()
            try SIMDBackend(instructionSet: level).install(into: registry)
            for ufunc in Self.ufuncs {
                let candidate = try #require(registry.loop(for: ufunc, signature: signature))
                let reference = try #require(scalar.loop(for: ufunc, signature: signature))
                for n in lengths {
                    let base = Self.run(dtype, count: n, seed: UInt64(n))
                    // Every position of the first 96 (the first step and several more), a
                    // stretch in the middle and the end (the tail after the last step).
                    let positions = Array(0..<96) + Array((n / 2)..<(n / 2 + 64)) + Array((n - 40)..<n)
                    for nanAt in positions {
                        let input = Self.withNaN(base, at: nanAt)
                        var results: [[UInt8]] = []
                        for loop in [candidate, reference] {
                            let out = NDArray.zeros([1], dtype: dtype)
                            out.baseAddress.copyMemory(from: input.baseAddress, byteCount: size)
                            let args: [UnsafeMutableRawPointer?] = [out.baseAddress, input.baseAddress + size, out.baseAddress]
                            args.withUnsafeBufferPointer { a in
                                [0, size, 0].withUnsafeBufferPointer { s in
                                    loop.function(a.baseAddress!, n - 1, s.baseAddress!, loop.data)
                                }
                            }
                            results.append(Self.bits(out))
                        }
                        checked += 1
                        if results[0] != results[1] {
                            problems.append("\(ufunc.name) \(dtype) n=\(n) NaN at \(nanAt) at \(level.rawValue): \(results[0]) against \(results[1])")
                        }
                    }
                }
            }
        }
        #expect(checked > 0)
        #expect(problems.count == 0, "\(problems.prefix(8).joined(separator: "\n"))")
    }
}
