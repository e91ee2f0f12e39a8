import Foundation
import Testing
@testable import TesseraCore
import TesseraSIMD
import _TesseraTestSupport

/// The streaming-store path of the elementwise loops (a call touching at least
/// ``SIMDBackend/streamingStoreThreshold`` bytes): its output is cut into a head before the
/// first 64-byte line, whole lines computed block by block into a stack buffer and
/// streamed out, and a tail. Each piece must hold exactly the scalar loop's elements, and
/// nothing around the output may change.
@Suite("SIMD streaming stores", .serialized)
struct SIMDStreamingStoreTests {
    /// Loops of every output width (1, 2, 4, 8 bytes) and of each template: binary with a
    /// broadcast operand or not, unary, casts widening and narrowing.
    static let binary: [(UFunc, String)] = [
        (.add, "dd->d"), (.divide, "ff->f"), (.multiply, "ee->e"), (.subtract, "ll->l"), (.add, "bb->b"),
        (.less, "ii->?"), (.equal, "dd->?"),
    ]
    static let unary: [(UFunc, String)] = [(.sqrt, "d->d"), (.negative, "h->h")]
    static let casts = ["d->f", "b->d", "f->?", "i->e"]

    /// Elements of the stack block the streamed lines go through (TS_STREAM_BLOCK_BYTES).
    static let blockBytes = 4096

    /// Lengths around the line and block boundaries of an output of `size`-byte elements.
    static func lengths(size: Int) -> [Int] {
        let line = 64 / size, block = blockBytes / size
        return [0, 1, 2, line - 1, line, line + 1, 2 * line + 3, block - 1, block, block + 1,
                block + line - 1, block + line + 1, 2 * block + 5, 3 * block + line / 2 + 1]
    }

    /// One operand's memory: `guardBytes` of 0xA5 on each side of `span` elements.
    struct Operand {
        static let guardBytes = 192
        let buffer: UnsafeMutableRawBufferPointer
        let base: UnsafeMutableRawPointer
        let step: Int

        /// `count` elements of `size` bytes from `values` (cycled, whole elements) at byte `offset` past a
        /// 64-byte boundary, walked with stride `stride` elements (the base is the first
        /// element walked: the highest one for a negative stride).
        init(values: [UInt8]?, size: Int, count: Int, offset: Int, stride: Int) {
            let span = stride == 0 ? 1 : max(count, 1) * abs(stride)
            buffer = .allocate(byteCount: 2 * Operand.guardBytes + offset + span * size, alignment: 64)
            buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
            let low = buffer.baseAddress! + Operand.guardBytes + offset
            base = stride < 0 ? low + (count - 1) * abs(stride) * size : low
            step = stride * size
            if let values {
                let valueCount = values.count / size
                values.withUnsafeBytes { source in
                    for i in 0..<(stride == 0 ? min(count, 1) : count) {
                        (base + i * step).copyMemory(from: source.baseAddress! + (i % valueCount) * size, byteCount: size)
                    }
                }
            }
        }

        func free() { buffer.deallocate() }
    }

    /// A layout: the stride of each input and the output, and which input (if any) the
    /// output is.
    struct Layout {
        var name: String
        var inputStrides: [Int]
        var outputStride: Int
        var inPlaceOn: Int? = nil
    }

    static func layouts(inputs: Int, sameTypes: Bool) -> [Layout] {
        var result = [
            Layout(name: "contiguous", inputStrides: Array(repeating: 1, count: inputs), outputStride: 1),
            // Reversed operands become a forward run of the output's low end, which streams too.
            Layout(name: "reversed", inputStrides: Array(repeating: -1, count: inputs), outputStride: -1),
            // Inputs backwards into a forward output: a path of their own, never streamed.
            Layout(name: "backward inputs", inputStrides: Array(repeating: -1, count: inputs), outputStride: 1),
        ]
        if inputs == 2 {
            result.append(Layout(name: "broadcast input 0", inputStrides: [0, 1], outputStride: 1))
            result.append(Layout(name: "broadcast input 1", inputStrides: [1, 0], outputStride: 1))
        }
        if sameTypes { result.append(Layout(name: "in place", inputStrides: Array(repeating: 1, count: inputs), outputStride: 1, inPlaceOn: 0)) }
        return result
    }

    /// Runs `candidate` and `reference` on equal operands and returns a description of the
    /// first difference in any byte of any buffer (guards included), or nil.
    static func difference(_ candidate: InnerLoop, _ reference: InnerLoop, layout: Layout, n: Int, outputOffset: Int, values: [[UInt8]]) -> String? {
        let signature = candidate.signature
        func world() -> [Operand] {
            var operands = signature.inputs.enumerated().map { index, dtype in
                Operand(values: values[index], size: dtype.itemSize, count: n, offset: 8 * (index + 1), stride: layout.inputStrides[index])
            }
            if layout.inPlaceOn == nil {
                operands.append(Operand(values: nil, size: signature.outputs[0].itemSize, count: n, offset: outputOffset, stride: layout.outputStride))
            }
            return operands
        }
        func run(_ loop: InnerLoop, _ operands: [Operand]) {
            var args: [UnsafeMutableRawPointer?] = operands.map(\.base)
            var steps = operands.map(\.step)
            if let source = layout.inPlaceOn { args.append(operands[source].base); steps.append(operands[source].step) }
            loop.function(args, n, steps, loop.data)
        }
        let expected = world(), got = world()
        defer { (expected + got).forEach { $0.free() } }
        run(reference, expected)
        run(candidate, got)
        for (index, (e, g)) in zip(expected, got).enumerated() where memcmp(e.buffer.baseAddress!, g.buffer.baseAddress!, e.buffer.count) != 0 {
            let first = (0..<e.buffer.count).first { e.buffer[$0] != g.buffer[$0] }!
            let elementBytes = first - Operand.guardBytes - (index < signature.inputs.count ? 8 * (index + 1) : outputOffset)
            return "\(signature) \(layout.name) n=\(n) output offset \(outputOffset): operand \(index) differs first at byte \(elementBytes) of its elements"
        }
        return nil
    }

    /// The loops to check at `level`, each with its scalar reference.
    static func loops(at level: InstructionSetLevel) throws -> [(candidate: InnerLoop, reference: InnerLoop)] {
        let backend = SIMDBackend(instructionSet: level)
        let ufuncLoops = try backend.loops(), castLoops = try backend.methodLoops()
        var result: [(InnerLoop, InnerLoop)] = []
        for (ufunc, text) in binary + unary {
            let signature = try LoopSignature(text)
            let candidate = try #require(ufuncLoops.first { $0.ufunc == ufunc && $0.loop.signature == signature }?.loop, "\(ufunc.name) \(text)")
            let reference = try #require(LoopComparison.scalar.loop(for: ufunc, signature: signature))
            result.append((candidate, reference))
        }
        for text in casts {
            let signature = try LoopSignature(text)
            let candidate = try #require(castLoops.first { $0.method == .cast && $0.loop.signature == signature }?.loop, "cast \(text)")
            let reference = try #require(LoopComparison.scalar.methodLoop(.cast, signature: signature))
            result.append((candidate, reference))
        }
        return result
    }

    @Test("every piece of a streamed output holds the scalar loop's elements, at every level")
    func streamedPieces() throws {
        SIMDBackend.setStreamingStoreThreshold(0)
        defer { SIMDBackend.setStreamingStoreThreshold(nil) }
        var problems: [String] = []
        for level in InstructionSetLevel.allCases.filter(SIMDBackend.supports) {
            for (candidate, reference) in try Self.loops(at: level) {
                let signature = candidate.signature
                let size = signature.outputs[0].itemSize
                let maxCount = 3 * Self.blockBytes + 64
                let values = signature.inputs.enumerated().map { LoopComparison.elements($1, count: maxCount, seed: UInt64(17 + $0)) }
                let sameTypes = Set(signature.inputs + signature.outputs).count == 1
                // Output starts on a line, one element past one, one element before one, and
                // (for wider elements) off its own alignment, which never streams.
                let offsets = Set([0, size, 64 - size, 24 - 24 % size] + (size > 1 ? [1] : []))
                for layout in Self.layouts(inputs: signature.inputs.count, sameTypes: sameTypes) {
                    for offset in offsets.sorted() where layout.inPlaceOn == nil || offset == 0 {
                        for n in Self.lengths(size: size) {
                            if let problem = Self.difference(candidate, reference, layout: layout, n: n, outputOffset: offset, values: values) {
                                problems.append("\(level.rawValue): \(problem)")
                            }
                        }
                    }
                }
            }
        }
        #expect(problems.count == 0, "differences:\n\(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test("float64 add at the cache-sized threshold: lengths just below, at and above it")
    func atTheThreshold() throws {
        let threshold = SIMDBackend.streamingStoreThreshold
        let first = (threshold + 23) / 24  // the shortest add dd->d touching the threshold's bytes
        let values = [LoopComparison.elements(.float64, count: 4099, seed: 3), LoopComparison.elements(.float64, count: 4099, seed: 4)]
        let layout = Layout(name: "contiguous", inputStrides: [1, 1], outputStride: 1)
        let signature = try LoopSignature("dd->d")
        var problems: [String] = []
        for level in InstructionSetLevel.allCases.filter(SIMDBackend.supports) {
            let candidate = try #require(try SIMDBackend(instructionSet: level).loops().first { $0.ufunc == .add && $0.loop.signature == signature }?.loop)
            let reference = try #require(LoopComparison.scalar.loop(for: .add, signature: signature))
            for n in [first - 1, first, first + 1, first + 9] {
                for offset in [0, 8] {
                    if let problem = Self.difference(candidate, reference, layout: layout, n: n, outputOffset: offset, values: values) {
                        problems.append("\(level.rawValue): \(problem)")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the threshold is half the largest cache Linux reports for CPU 0 (CPUID's deterministic cache leaves)")
    func thresholdIsHalfTheLastLevelCache() throws {
        let threshold = SIMDBackend.streamingStoreThreshold
        #expect(threshold >= 512 << 10)
        var largest = 0
        for index in 0..<8 {
            let folder = "/sys/devices/system/cpu/cpu0/cache/index\(index)"
            guard let type = try? String(contentsOfFile: folder + "/type", encoding: .utf8), !type.hasPrefix("Instruction"),
                  let text = try? String(contentsOfFile: folder + "/size", encoding: .utf8) else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let number = Int(trimmed.dropLast()) else { continue }
            let bytes = trimmed.hasSuffix("K") ? number << 10 : trimmed.hasSuffix("M") ? number << 20 : number
            largest = max(largest, bytes)
        }
        if largest > 0 {
            #expect(threshold == largest / 2, "threshold \(threshold), sysfs \(largest)")
        }
        SIMDBackend.setStreamingStoreThreshold(12345)
        #expect(SIMDBackend.streamingStoreThreshold == 12345)
        SIMDBackend.setStreamingStoreThreshold(nil)
        #expect(SIMDBackend.streamingStoreThreshold == threshold)
    }
}
