import Foundation
@testable import TesseraCore
import TesseraScalar
import TesseraSIMD
import _TesseraTestSupport

/// Runs an inner loop on hand-built operand buffers and compares two loops bit for bit on
/// the same layout: every byte of every buffer (outputs, inputs, and the guard bytes
/// around the elements, which catch writes outside the operands) must be equal.
enum LoopComparison {
    /// The levels this CPU can run, each with the SIMD backend's loops at that level.
    static let levels: [(level: InstructionSetLevel, loops: [(ufunc: UFunc, loop: InnerLoop)])] = {
        InstructionSetLevel.allCases.filter(SIMDBackend.supports).map { level in
            (level, try! SIMDBackend(instructionSet: level).loops())
        }
    }()

    static let scalar: LoopRegistry = try! scalarRegistry()

    /// Where each operand lives: its stride in elements, and for an output, optionally the
    /// input whose buffer (and stride) it shares.
    struct Layout: CustomStringConvertible {
        var strides: [Int]
        var aliases: [Int: Int] = [:]
        var name: String
        var description: String { name }
    }

    /// The layouts every loop is run on: contiguous, broadcast scalars, strides, reversed,
    /// mixed and in place.
    static func layouts(inputs: Int, outputs: Int, inPlaceAllowed: Bool) -> [Layout] {
        let operands = inputs + outputs
        var result = [
            Layout(strides: Array(repeating: 1, count: operands), name: "contiguous"),
            Layout(strides: Array(repeating: -1, count: operands), name: "reversed"),
            Layout(strides: (0..<operands).map { [2, 3, -2, 1][$0 % 4] }, name: "strided"),
            // Every element of an input on a cache line of its own (more than 128 bytes
            // apart even for one-byte types): the loops' prefetching path.
            Layout(strides: (0..<operands).map { [130, -131, 1][$0 % 3] }, name: "far strided"),
            // Every input reads every second element into a contiguous output (`a[::2]`):
            // the even-lane vector path of the float arithmetic loops.
            Layout(strides: (0..<operands).map { $0 < inputs ? 2 : 1 }, name: "every second"),
            // Inputs backwards into a forward output (`a[::-1] * b[::-1]` into a new array):
            // the float arithmetic loops' reversed-lane vector path.
            Layout(strides: (0..<operands).map { $0 < inputs ? -1 : 1 }, name: "backward inputs"),
        ]
        for i in 0..<inputs {
            var strides = Array(repeating: 1, count: operands)
            strides[i] = 0
            result.append(Layout(strides: strides, name: "broadcast input \(i)"))
        }
        if inPlaceAllowed {
            for i in 0..<inputs {
                result.append(Layout(strides: Array(repeating: 1, count: operands), aliases: [inputs: i], name: "in place on input \(i)"))
            }
            result.append(Layout(strides: Array(repeating: -2, count: operands), aliases: [inputs: 0], name: "in place, stride -2"))
        }
        return result
    }

    /// Every length 0…300 on the vector paths' layouts; a spread of lengths elsewhere.
    static let allLengths = Array(0...300)
    static let someLengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 300]
    /// Lengths for the far-strided layout, whose buffers are large: that path has no vector
    /// code, so short runs and one longer one cover it.
    static let farLengths = [0, 1, 2, 3, 7, 8, 9, 17, 33, 100]

    /// Element bytes for `dtype`: the test-support generator's values (extremes, zeros of
    /// both signs, inf, NaN, subnormals), and with `nanPayloads` also NaNs with other sign
    /// bits and payloads.
    static func elements(_ dtype: DType, count: Int, seed: UInt64, nanPayloads: Bool = false) -> [UInt8] {
        let array = ArrayGenerators.values(dtype, count: count, seed: seed)
        var bytes = [UInt8](UnsafeRawBufferPointer(start: array.baseAddress, count: count * dtype.itemSize))
        if nanPayloads && dtype.isFloatingPoint {
            var rng = SeededGenerator(seed: seed &+ 77)
            let size = dtype.itemSize
            for i in 0..<count where UInt8.random(in: 0..<10, using: &rng) == 0 {
                let nan: UInt64
                switch size {
                case 2: nan = UInt64(0x7C01 | (rng.next() & 0x83FF))
                case 4: nan = 0x7F80_0001 | (rng.next() & 0x807F_FFFF)
                default: nan = 0x7FF0_0000_0000_0001 | (rng.next() & 0x800F_FFFF_FFFF_FFFF)
                }
                withUnsafeBytes(of: nan) { for k in 0..<size { bytes[i * size + k] = $0[k] } }
            }
        }
        return bytes
    }

    /// The state of one run: every operand buffer.
    final class World {
        var buffers: [UnsafeMutableRawBufferPointer] = []
        var bases: [UnsafeMutableRawPointer] = []
        var steps: [Int] = []

        init(signature: LoopSignature, layout: Layout, n: Int, inputs: [[UInt8]], outputFill: [UInt8]?) {
            let dtypes = signature.inputs + signature.outputs
            for (index, dtype) in dtypes.enumerated() {
                let size = dtype.itemSize
                let stride = layout.strides[index]
                if let source = layout.aliases[index] {
                    buffers.append(buffers[source])
                    bases.append(bases[source])
                    steps.append(steps[source])
                    continue
                }
                let span = n == 0 ? 1 : abs(stride) * (n - 1) + 1
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: (span + 2) * size, alignment: 64)
                buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
                let first = size * (1 + (stride < 0 ? abs(stride) * (n - 1) : 0))
                let base = buffer.baseAddress! + first
                let source: [UInt8]? = index < signature.inputs.count ? inputs[index] : outputFill
                if let source {
                    source.withUnsafeBytes { values in
                        if stride == 1 {
                            base.copyMemory(from: values.baseAddress!, byteCount: n * size)
                        } else {
                            for i in 0..<(stride == 0 ? min(n, 1) : n) {
                                (base + i * stride * size).copyMemory(from: values.baseAddress! + i * size, byteCount: size)
                            }
                        }
                    }
                }
                buffers.append(buffer)
                bases.append(base)
                steps.append(stride * size)
            }
        }

        /// A reduction call: the output is input 0 (one element, stride 0), input 1 is the run.
        init(reductionOf signature: LoopSignature, n: Int, initial: [UInt8], run: [UInt8], stride: Int) {
            let size = signature.inputs[1].itemSize
            let accumulator = UnsafeMutableRawBufferPointer.allocate(byteCount: 3 * size, alignment: 64)
            accumulator.initializeMemory(as: UInt8.self, repeating: 0xA5)
            accumulator.baseAddress!.advanced(by: size).copyMemory(from: initial, byteCount: size)
            let span = n == 0 ? 1 : abs(stride) * (n - 1) + 1
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: (span + 2) * size, alignment: 64)
            buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
            let base = buffer.baseAddress! + size * (1 + (stride < 0 ? abs(stride) * (n - 1) : 0))
            run.withUnsafeBytes { values in
                for i in 0..<n { (base + i * stride * size).copyMemory(from: values.baseAddress! + i * size, byteCount: size) }
            }
            buffers = [accumulator, buffer, accumulator]
            bases = [accumulator.baseAddress! + size, base, accumulator.baseAddress! + size]
            steps = [0, stride * size, 0]
        }

        func run(_ loop: InnerLoop, n: Int) {
            var args: [UnsafeMutableRawPointer?] = bases
            args.withUnsafeMutableBufferPointer { argPointer in
                steps.withUnsafeBufferPointer { stepPointer in
                    loop.function(UnsafePointer(argPointer.baseAddress!), n, stepPointer.baseAddress!, loop.data)
                }
            }
        }

        var contents: [[UInt8]] { buffers.map { Array($0) } }

        /// Whether every buffer holds the same bytes as the other world's.
        func sameBytes(as other: World) -> Bool {
            zip(buffers, other.buffers).allSatisfy { memcmp($0.baseAddress!, $1.baseAddress!, $0.count) == 0 }
        }

        deinit {
            var freed: [UnsafeMutableRawPointer] = []
            for buffer in buffers where !freed.contains(buffer.baseAddress!) {
                freed.append(buffer.baseAddress!)
                buffer.deallocate()
            }
        }
    }

    /// Compares `candidate` with the scalar backend's loop of the same signature on every
    /// layout and length; returns a description of each difference (empty when equal).
    static func differences(_ ufunc: UFunc, _ candidate: InnerLoop, level: InstructionSetLevel, nanPayloads: Bool, reducible: Bool, seed: UInt64) -> [String] {
        guard let reference = scalar.loop(for: ufunc, signature: candidate.signature)
            ?? (ufunc == .divide ? BufferedTrueDivide.reference(for: candidate.signature, in: scalar) : nil) else {
            return ["\(ufunc.name) \(candidate.signature): the scalar backend has no such loop"]
        }
        return differences(ufunc.name, candidate, reference: reference, level: level, nanPayloads: nanPayloads, reducible: reducible, seed: seed)
    }

    /// The same for any two loops of one signature (array-method loops among them).
    static func differences(_ name: String, _ candidate: InnerLoop, reference: InnerLoop, level: InstructionSetLevel, nanPayloads: Bool, reducible: Bool, seed: UInt64) -> [String] {
        let signature = candidate.signature
        let inputCount = signature.inputs.count
        let sameTypes = Set(signature.inputs + signature.outputs).count == 1
        var found: [String] = []
        let maxCount = 4200
        let inputs = signature.inputs.enumerated().map { elements($0.element, count: maxCount, seed: seed &+ UInt64($0.offset) &* 1000, nanPayloads: nanPayloads) }
        let fill = signature.outputs.first.map { elements($0, count: maxCount, seed: seed &+ 555) }
        for layout in layouts(inputs: inputCount, outputs: signature.outputs.count, inPlaceAllowed: sameTypes) {
            // A broadcast operand is its first element: rotate the inputs so that several
            // values (zero, ±1, extremes, random ones) take that place.
            let rotations = layout.name.hasPrefix("broadcast") ? [0, 1, 2, 6, 9] : [0]
            for rotation in rotations {
            let rotated = inputs.map { bytes -> [UInt8] in
                let size = bytes.count / maxCount
                return Array(bytes[(rotation * size)...] + bytes[..<(rotation * size)])
            }
            let lengths = layout.name == "far strided" ? farLengths
                : rotation == 0 && (layout.name == "contiguous" || layout.name.hasPrefix("broadcast") || layout.name == "in place on input 0") ? allLengths : someLengths
            for n in lengths {
                let expected = World(signature: signature, layout: layout, n: n, inputs: rotated, outputFill: fill)
                let got = World(signature: signature, layout: layout, n: n, inputs: rotated, outputFill: fill)
                expected.run(reference, n: n)
                got.run(candidate, n: n)
                if !expected.sameBytes(as: got) {
                    found.append("\(name) \(signature) at \(level.rawValue): \(layout) rotation \(rotation) n=\(n) differs")
                    if found.count > 5 { return found }
                }
            }
            }
        }
        if reducible && inputCount == 2 && sameTypes {
            let size = signature.inputs[0].itemSize
            // Also without NaNs: vector reductions may take other paths when no NaN decides.
            let dtype = signature.inputs[1]
            // And with values near ±1, whose products, differences and quotients stay finite
            // for thousands of elements, so that a difference in accumulation shows.
            let gentleRun = gentle(dtype, count: maxCount + 1, seed: seed)
            let runs: [(run: [UInt8], initial: [UInt8])] = dtype.isFloatingPoint
                ? [(inputs[1], Array(inputs[0][0..<size])), (withoutNaNs(inputs[1], dtype), Array(inputs[0][0..<size])),
                   (Array(gentleRun[size...]), Array(gentleRun[0..<size]))]
                : [(inputs[1], Array(inputs[0][0..<size]))]
            for (run, initial) in runs {
            for stride in [1, -1, 3] {
                for n in (stride == 1 ? allLengths + [511, 1000, 1025, 4099] : someLengths + [1000, 4099]) {
                    let expected = World(reductionOf: signature, n: n, initial: initial, run: run, stride: stride)
                    let got = World(reductionOf: signature, n: n, initial: initial, run: run, stride: stride)
                    expected.run(reference, n: n)
                    got.run(candidate, n: n)
                    if !expected.sameBytes(as: got) {
                        found.append("\(name) \(signature) at \(level.rawValue): reduction stride \(stride) n=\(n) differs: \(expected.contents[0]) vs \(got.contents[0])")
                        if found.count > 5 { return found }
                    }
                }
            }
            }
        }
        return found
    }

    /// Values of the float `dtype` in ±[0.9, 1.1], as bytes.
    static func gentle(_ dtype: DType, count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed &+ 31)
        let doubles = (0..<count).map { _ in Double.random(in: 0.9...1.1, using: &rng) * (Bool.random(using: &rng) ? 1 : -1) }
        let array = NDArray(doubles).astype(dtype)
        return [UInt8](UnsafeRawBufferPointer(start: array.baseAddress, count: count * dtype.itemSize))
    }

    /// `bytes` with every NaN element of the float `dtype` replaced by ±1.5.
    static func withoutNaNs(_ bytes: [UInt8], _ dtype: DType) -> [UInt8] {
        var result = bytes
        let size = dtype.itemSize
        for i in 0..<(bytes.count / size) {
            var bits: UInt64 = 0
            for k in 0..<size { bits |= UInt64(bytes[i * size + k]) << (8 * k) }
            let (exponent, fraction, replacement): (UInt64, UInt64, UInt64) = switch size {
            case 2: (0x7C00, 0x03FF, 0x3E00)
            case 4: (0x7F80_0000, 0x007F_FFFF, 0x3FC0_0000)
            default: (0x7FF0_0000_0000_0000, 0x000F_FFFF_FFFF_FFFF, 0x3FF8_0000_0000_0000)
            }
            guard bits & exponent == exponent && bits & fraction != 0 else { continue }
            let value = replacement | (i % 2 == 0 ? 0 : UInt64(1) << (8 * size - 1))
            for k in 0..<size { result[i * size + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
        }
        return result
    }
}
