import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// Strided, reversed, broadcast, tiny and odd-length runs give bitwise the results of the
/// contiguous run of the same values, and never write outside the output. Strides of 17
/// elements take the wide-stride path (elements more than a cache line apart).
@Suite("SLEEF layouts")
struct SLEEFLayoutTests {
    static let lengths = Array(1...17) + [31, 255, 257, 1000, 1027, 3001]

    @Test("strided / reversed / broadcast == contiguous, bitwise", arguments: SLEEFFunction.all, [DType.float32, .float64])
    func layouts(function: SLEEFFunction, dtype: DType) throws {
        let arity = function.ufunc.inputCount
        let single = dtype == .float32
        let size = single ? 4 : 8
        let (x, y) = SLEEFInputs.make(function.ufunc.name, single: single, arity: arity, count: 4000, seed: 7)
        func bytes(_ values: ArraySlice<Double>) -> [UInt8] {
            single ? values.flatMap { withUnsafeBytes(of: Float($0)) { Array($0) } } : values.flatMap { withUnsafeBytes(of: $0) { Array($0) } }
        }
        let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])
        for isa in SLEEFRegistries.supported {
            let loop = try #require(SLEEFRegistries.byInstructionSet[isa]?.loop(for: function.ufunc, signature: signature))
            for n in Self.lengths {
                // Values taken from the end too, where the specials are.
                let start = n <= 17 ? x.count - 40 : 0
                let inputs = [bytes(x[start..<start + n])] + (arity == 2 ? [bytes(y[start..<start + n])] : [])
                let expected = run(loop, inputs: inputs, n: n, size: size, inputStride: 1, outputStride: 1, reversed: false)
                for (stride, outStride, reversed) in [(2, 1, false), (1, 2, false), (3, 2, false), (1, 1, true), (2, 3, true), (17, 1, false), (17, 3, true)] {
                    let got = run(loop, inputs: inputs, n: n, size: size, inputStride: stride, outputStride: outStride, reversed: reversed)
                    #expect(got == expected, "\(function.ufunc.name) \(dtype) \(isa.rawValue) n=\(n) strides \(stride)/\(outStride) reversed \(reversed)")
                }
            }
            // Broadcast (stride 0) equals a contiguous run of the repeated value.
            let n = 37
            let first = [bytes(x[0..<1])] + (arity == 2 ? [bytes(y[0..<1])] : [])
            let repeated = first.map { Array([[UInt8]](repeating: $0, count: n).joined()) }
            let expected = run(loop, inputs: repeated, n: n, size: size, inputStride: 1, outputStride: 1, reversed: false)
            let got = run(loop, inputs: first, n: n, size: size, inputStride: 0, outputStride: 1, reversed: false)
            #expect(got == expected, "\(function.ufunc.name) \(dtype) \(isa.rawValue) broadcast")
        }
    }

    @Test("in place (output == first input) == contiguous, bitwise", arguments: SLEEFFunction.all, [DType.float32, .float64])
    func inPlace(function: SLEEFFunction, dtype: DType) throws {
        let arity = function.ufunc.inputCount
        let single = dtype == .float32
        let size = single ? 4 : 8
        let (x, y) = SLEEFInputs.make(function.ufunc.name, single: single, arity: arity, count: 4000, seed: 11)
        let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])
        for isa in SLEEFRegistries.supported {
            let loop = try #require(SLEEFRegistries.byInstructionSet[isa]?.loop(for: function.ufunc, signature: signature))
            for n in [1, 7, 17, 255, 257, 1027, 3001] {
                let inputs = [Self.bytes(x[x.count - n..<x.count], single: single)] + (arity == 2 ? [Self.bytes(y[y.count - n..<y.count], single: single)] : [])
                let expected = run(loop, inputs: inputs, n: n, size: size, inputStride: 1, outputStride: 1, reversed: false)
                let buffers = inputs.map { bytes -> UnsafeMutableRawPointer in
                    let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
                    bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
                    return buffer
                }
                defer { buffers.forEach { $0.deallocate() } }
                callLoop(loop, buffers + [buffers[0]], count: n, steps: Array(repeating: size, count: arity + 1))
                let got = Array(UnsafeRawBufferPointer(start: buffers[0], count: n * size))
                #expect(got == expected, "\(function.ufunc.name) \(dtype) \(isa.rawValue) n=\(n) in place")
            }
        }
    }

    /// Operands that end at (or, reversed, start at) an unreadable page: the vector gathers
    /// read nothing outside the operand's elements.
    @Test("no reads outside the operand (guard pages)", arguments: [SLEEFFunction.all[0], SLEEFFunction.all.first { $0.ufunc.inputCount == 2 }!], [DType.float32, .float64])
    func guardPages(function: SLEEFFunction, dtype: DType) throws {
        let arity = function.ufunc.inputCount
        let single = dtype == .float32
        let size = single ? 4 : 8
        let (x, y) = SLEEFInputs.make(function.ufunc.name, single: single, arity: arity, count: 4000, seed: 5)
        let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        for isa in SLEEFRegistries.supported {
            let loop = try #require(SLEEFRegistries.byInstructionSet[isa]?.loop(for: function.ufunc, signature: signature))
            for n in [1, 5, 16, 33, 64, 65, 300, 1027] {
                let values = [Array(x[0..<n])] + (arity == 2 ? [Array(y[0..<n])] : [])
                let expected = run(loop, inputs: values.map { Self.bytes($0[...], single: single) }, n: n, size: size, inputStride: 1, outputStride: 1, reversed: false)
                for (stride, reversed) in [(2, false), (3, false), (17, false), (1, true), (2, true), (17, true)] {
                    let span = ((n - 1) * stride + 1) * size
                    let usable = (span + page - 1) / page * page
                    var regions: [UnsafeMutableRawPointer] = []
                    var pointers: [UnsafeMutableRawPointer] = []
                    defer { regions.forEach { munmap($0, usable + 2 * page) } }
                    for operand in values {
                        let region = try #require(mmap(nil, usable + 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
                        #expect(region != MAP_FAILED)
                        regions.append(region)
                        mprotect(region, page, PROT_NONE)
                        mprotect(region + page + usable, page, PROT_NONE)
                        // Forward: the last element ends at the upper guard page.
                        // Reversed: the lowest element starts at the lower guard page.
                        let low = reversed ? region + page : region + page + usable - span
                        for i in 0..<n {
                            let slot = reversed ? (n - 1 - i) * stride : i * stride
                            if single { low.storeBytes(of: Float(operand[i]), toByteOffset: slot * size, as: Float.self) } else { low.storeBytes(of: operand[i], toByteOffset: slot * size, as: Double.self) }
                        }
                        pointers.append(reversed ? low + (n - 1) * stride * size : low)
                    }
                    let output = UnsafeMutableRawPointer.allocate(byteCount: n * size, alignment: 64)
                    defer { output.deallocate() }
                    let steps = Array(repeating: (reversed ? -stride : stride) * size, count: arity) + [size]
                    callLoop(loop, pointers + [output], count: n, steps: steps)
                    let got = Array(UnsafeRawBufferPointer(start: output, count: n * size))
                    #expect(got == expected, "\(function.ufunc.name) \(dtype) \(isa.rawValue) n=\(n) stride \(stride) reversed \(reversed)")
                }
            }
        }
    }

    static func bytes(_ values: ArraySlice<Double>, single: Bool) -> [UInt8] {
        single ? values.flatMap { withUnsafeBytes(of: Float($0)) { Array($0) } } : values.flatMap { withUnsafeBytes(of: $0) { Array($0) } }
    }

    /// Lays the inputs out at the given element strides (reversed: negative strides from the
    /// end), calls the loop, checks the guard bytes around the output and returns the
    /// output in logical order.
    func run(_ loop: InnerLoop, inputs: [[UInt8]], n: Int, size: Int, inputStride: Int, outputStride: Int, reversed: Bool) -> [UInt8] {
        let guardBytes = 64
        var pointers: [UnsafeMutableRawPointer] = []
        var steps: [Int] = []
        var buffers: [UnsafeMutableRawPointer] = []
        defer { buffers.forEach { $0.deallocate() } }
        for input in inputs {
            let span = inputStride == 0 ? 1 : n * inputStride
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: span * size + 2 * guardBytes, alignment: 64)
            buffers.append(buffer)
            for i in 0..<(inputStride == 0 ? 1 : n) {
                let slot = reversed ? (n - 1 - i) * inputStride : i * inputStride
                for b in 0..<size { buffer.storeBytes(of: input[i * size + b], toByteOffset: guardBytes + slot * size + b, as: UInt8.self) }
            }
            pointers.append(buffer + guardBytes + (reversed ? (n - 1) * inputStride * size : 0))
            steps.append((reversed ? -inputStride : inputStride) * size)
        }
        let outSpan = n * outputStride
        let output = UnsafeMutableRawPointer.allocate(byteCount: outSpan * size + 2 * guardBytes, alignment: 64)
        buffers.append(output)
        output.initializeMemory(as: UInt8.self, repeating: 0xA5, count: outSpan * size + 2 * guardBytes)
        pointers.append(output + guardBytes + (reversed ? (n - 1) * outputStride * size : 0))
        steps.append((reversed ? -outputStride : outputStride) * size)
        callLoop(loop, pointers, count: n, steps: steps)
        var result: [UInt8] = []
        for i in 0..<n {
            let slot = reversed ? (n - 1 - i) * outputStride : i * outputStride
            for b in 0..<size { result.append(output.load(fromByteOffset: guardBytes + slot * size + b, as: UInt8.self)) }
        }
        // Nothing outside the output's elements was written.
        var untouched = true
        for offset in 0..<(outSpan * size + 2 * guardBytes) {
            let position = offset - guardBytes
            let isElement = position >= 0 && position < outSpan * size && (position / size) % outputStride == 0
            if !isElement && output.load(fromByteOffset: offset, as: UInt8.self) != 0xA5 { untouched = false }
        }
        #expect(untouched, "loop wrote outside its output (n=\(n), output stride \(outputStride))")
        return result
    }
}
