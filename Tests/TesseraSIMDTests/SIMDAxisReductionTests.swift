import Foundation
import Testing
import Tessera
@testable import TesseraCore
import TesseraScalar
import TesseraSIMD
import _TesseraTestSupport

/// `maximum`/`minimum`/`fmax`/`fmin` reduced along axis 0 of C-contiguous 2-D arrays: one
/// in-place elementwise call per row (`out = op(out, row)`), the path of the hand-written
/// AVX2/AVX-512 kernels. Bitwise the scalar backend's at every level this CPU has, for many
/// row counts and row lengths (every vector tail), with NaNs of every sign and payload and
/// zeros of both signs placed anywhere; and NumPy's values where its rules agree.
@Suite("SIMD axis-0 selections")
struct SIMDAxisReductionTests {
    static let ufuncs: [UFunc] = [.maximum, .minimum, .fmax, .fmin]
    static let rowCounts = [1, 2, 3, 4, 5, 8, 13]
    static let rowLengths = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 299, 300]

    static func registry(_ level: InstructionSetLevel) throws -> LoopRegistry {
        let registry = try scalarRegistry()
        try SIMDBackend(instructionSet: level).install(into: registry)
        return registry
    }

    /// Bits drawn from zeros of both signs, NaNs with random sign and payload (quiet and
    /// signalling), ±inf, ±1 and small integers (many ties), so that every column meets
    /// ties of zeros and NaNs in several rows. Without `zeros` (inputs for NumPy), ±0.25 and
    /// halves instead of zeros, and quiet NaNs only: NumPy's `fmax`/`fmin` treat a
    /// signalling NaN as C's `fmax` does (`np.fmax(sNaN, 3.5)` is NaN, and a reduction over
    /// `[sNaN, 3.5, -0.25]` gives −0.25), where Tessera's rule ignores every NaN alike.
    static func values(_ dtype: DType, count: Int, seed: UInt64, zeros: Bool = true) -> NDArray {
        var rng = SeededGenerator(seed: seed)
        let doubles: [Double] = (0..<count).map { _ in
            switch Int.random(in: 0..<16, using: &rng) {
            case 0, 1: return zeros ? 0.0 : 0.25
            case 2, 3: return zeros ? -0.0 : -0.25
            case 4: return .infinity
            case 5: return -.infinity
            case 6: return 1.0
            case 7: return -1.0
            case 8: return .nan   // replaced below by a NaN with a random payload
            default: return Double.random(in: -4...4, using: &rng).rounded(.towardZero) + (zeros ? 0 : 0.5)
            }
        }
        let array = NDArray(doubles).astype(dtype)
        // NaNs with random sign bits and payloads, bit for bit.
        let size = dtype.itemSize
        for (index, value) in doubles.enumerated() where value.isNaN {
            let quiet: UInt64 = zeros ? 0 : (size == 4 ? 0x0040_0000 : 0x0008_0000_0000_0000)
            let bits: UInt64 = size == 4
                ? 0x7F80_0001 | quiet | (rng.next() & 0x807F_FFFF)
                : 0x7FF0_0000_0000_0001 | quiet | (rng.next() & 0x800F_FFFF_FFFF_FFFF)
            withUnsafeBytes(of: bits) { (array.baseAddress + index * size).copyMemory(from: $0.baseAddress!, byteCount: size) }
        }
        return array
    }

    static func bytes(_ array: NDArray) -> [UInt8] {
        let contiguous = array.copy(order: .c)
        return [UInt8](UnsafeRawBufferPointer(start: contiguous.baseAddress, count: contiguous.nbytes))
    }

    @Test("bitwise the scalar backend at every level", arguments: [DType.float64, .float32])
    func equalToScalar(dtype: DType) throws {
        let scalar = try scalarRegistry()
        let levels = InstructionSetLevel.allCases.filter(SIMDBackend.supports)
        #expect(levels.contains(.sse2) && levels.contains(.avx2))
        let registries = try levels.map { ($0, try Self.registry($0)) }
        var problems: [String] = []
        var seed: UInt64 = dtype == .float64 ? 1 : 1000
        for rows in Self.rowCounts {
            for length in Self.rowLengths {
                seed += 1
                let array = Self.values(dtype, count: rows * length, seed: seed).reshaped([rows, length])
                for ufunc in Self.ufuncs {
                    let expected = Backends.withRegistry(scalar) { try! ufunc.reduce(array, axis: 0) }
                    for (level, registry) in registries {
                        let got = Backends.withRegistry(registry) { try! ufunc.reduce(array, axis: 0) }
                        if Self.bytes(got) != Self.bytes(expected) || got.shape != expected.shape {
                            problems.append("\(ufunc.name) \(dtype) \(rows)×\(length) at \(level.rawValue) differs")
                        }
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))")
    }

    /// The loop calls the reduction makes, straight (short rows and rows past 32 KB):
    /// `out = op(out, row)` in place and
    /// `out = op(row, out)` (the accumulator as second operand) into the accumulator's
    /// buffer, row after row, against the scalar loop of the same signature.
    @Test("in-place row calls, accumulator first and second", arguments: [DType.float64, .float32])
    func rowCalls(dtype: DType) throws {
        let scalar = try scalarRegistry()
        let code = dtype == .float64 ? "d" : "f"
        let signature = try LoopSignature("\(code)\(code)->\(code)")
        var problems: [String] = []
        for level in InstructionSetLevel.allCases.filter(SIMDBackend.supports) {
            let registry = try Self.registry(level)
            for ufunc in Self.ufuncs {
                let candidate = try #require(registry.loop(for: ufunc, signature: signature))
                let reference = try #require(scalar.loop(for: ufunc, signature: signature))
                // Past 32 KB per row (4096 float64, 8192 float32) the AVX-512 level takes
                // the AVX2 kernel.
                for length in [5, 64, 131, 300, 4097, 8200] {
                    let rows = Self.values(dtype, count: 9 * length, seed: UInt64(length) &* 7).reshaped([9, length])
                    let row = { (r: Int) in rows[NDIndex.slice(r, r + 1, nil)].copy() }
                    for accumulatorFirst in [true, false] {
                        let got = row(0), expected = row(0)
                        for r in 1..<9 {
                            let input = row(r)
                            for (loop, out) in [(candidate, got), (reference, expected)] {
                                let args: [UnsafeMutableRawPointer?] = accumulatorFirst
                                    ? [out.baseAddress, input.baseAddress, out.baseAddress]
                                    : [input.baseAddress, out.baseAddress, out.baseAddress]
                                let size = dtype.itemSize
                                args.withUnsafeBufferPointer { a in
                                    [size, size, size].withUnsafeBufferPointer { s in
                                        loop.function(a.baseAddress!, length, s.baseAddress!, loop.data)
                                    }
                                }
                            }
                        }
                        if Self.bytes(got) != Self.bytes(expected) {
                            problems.append("\(ufunc.name) \(dtype) n=\(length) at \(level.rawValue), accumulator \(accumulatorFirst ? "first" : "second")")
                        }
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))")
    }

    /// NumPy orders −0.0 and +0.0 as equal (its pick of a zero depends on the operand
    /// order), so these inputs hold no zeros; NaNs (any payload equals any NaN) and
    /// infinities stay.
    @Test("NumPy's values, with views", arguments: [DType.float64, .float32])
    func numpy(dtype: DType) throws {
        let registry = try Self.registry(SIMDBackend.widestSupported)
        let batch = NumPyBatch()
        var cases: [(NDArray, Int, String)] = []
        for (index, rows) in [1, 2, 3, 5, 9].enumerated() {
            for length in [1, 17, 64, 301] {
                let array = Self.values(dtype, count: rows * length, seed: UInt64(500 + 31 * index + length), zeros: false)
                let matrix = array.reshaped([rows, length])
                for ufunc in Self.ufuncs {
                    let got = Backends.withRegistry(registry) { try! ufunc.reduce(matrix, axis: 0) }
                    cases.append((got, batch.add("np.\(ufunc.name).reduce(x0, axis=0)", [matrix]), "\(ufunc.name) \(dtype) \(rows)×\(length)"))
                    let reversed = matrix[NDIndex.slice(nil, nil, -1)]
                    let got2 = Backends.withRegistry(registry) { try! ufunc.reduce(reversed, axis: 0) }
                    cases.append((got2, batch.add("np.\(ufunc.name).reduce(x0[::-1], axis=0)", [matrix]), "\(ufunc.name) \(dtype) \(rows)×\(length) rows reversed"))
                }
            }
        }
        let outputs = try batch.run()
        for (got, index, name) in cases {
            let difference = differenceFromNumPy(got, outputs[index][0])
            #expect(difference == nil, "\(name): \(String(describing: difference))")
        }
    }
}
