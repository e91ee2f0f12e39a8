#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One reduction's loop calls, shared by the sequential and the parallel paths.
struct ReductionKernel {
    /// Fewer elements than this are reduced on the calling thread.
    static var parallelMinimum: Int { Threading.minimumReductionSplitCount }

    let loop: InnerLoop
    /// The loop type's item size.
    let itemSize: Int
    /// Copies (casting) input elements into a buffer of the loop type.
    let inputGather: CastFunction
    /// Copies mask elements into a buffer.
    let maskGather: CastFunction?
    /// Whether the walk skips the first visit of every output (no identity).
    let skipFirst: Bool
    /// What built the iterator, to set up buffering again for a piece of it.
    let casts: [Bool]
    let reduces: [Bool]
    let itemSizes: [Int]

    var hasMask: Bool { maskGather != nil }

    /// How a private accumulator starts so that combining partials in order gives
    /// bitwise the sequential result, or `nil` when no such start exists.
    enum PrivateStart {
        /// These bytes: a value `v` with `v op x == x` bit for bit. For float `add` that is
        /// −0.0 (`-0.0 + x` is `x` for every x, including +0.0, −0.0 and NaN payloads;
        /// +0.0 would turn a partial sum of −0.0 into +0.0). Integer ops wrap, so they are
        /// associative and any identity works.
        case bytes([UInt8])
        /// The piece's own first element: for the selections `maximum`/`minimum`/`fmax`/
        /// `fmin`, which are idempotent and associative (each returns one of its operands
        /// by a fixed rule), folding pieces in order selects the same element.
        case firstElement
    }

    /// Read from the ufunc's catalogue traits and identity, and from the loop's stated
    /// ``InnerLoop/ReductionContract`` (a float sum through a loop that does not state
    /// the pairwise contract is not split).
    static func privateStart(ufunc: UFunc, loop: InnerLoop, type: DType) -> PrivateStart? {
        let traits = ufunc.traits
        let isInteger = type.isSignedInteger || type.isUnsignedInteger
        if traits.contains(.selection) {
            return isInteger || type == .bool || type.isFloatingPoint ? .firstElement : nil
        }
        if traits.contains(.pairwiseSum) && (type == .float32 || type == .float64) {
            // float16 sums round to float16 after every call, so partials would round
            // twice; a complex partial with one −0.0 part cannot be added exactly by a
            // one-element call (see runByCalls): neither is split.
            guard loop.reductionContract == .pairwiseSum else { return nil }
            return .bytes(type == .float32 ? [0, 0, 0, 0x80] : [0, 0, 0, 0, 0, 0, 0, 0x80])
        }
        guard case .value(let identity) = ufunc.identity else { return nil }
        if isInteger && traits.contains(.exactOnIntegers) {
            // The identity cast as NumPy casts it: −1 is all ones in every width.
            let bits = UInt64(bitPattern: Int64(identity))
            return .bytes((0..<type.itemSize).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) })
        }
        if type == .bool && traits.contains(.exactOnBool) {
            return .bytes([identity != 0 ? 1 : 0])
        }
        return nil
    }

    /// One thread's scratch space: the operands' buffers and the loop's argument arrays.
    struct Scratch {
        let input: UnsafeMutableRawPointer?
        let mask: UnsafeMutableRawPointer?
        let args: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        let steps: UnsafeMutablePointer<Int>
    }

    /// Calls `body` with scratch space for the buffers `iterator` fills.
    func withScratch(_ iterator: ReductionIterator, _ body: (Scratch) -> Void) {
        let capacity = iterator.bufferSize
        let input = iterator.buffered[1]
            ? UnsafeMutableRawPointer.allocate(byteCount: capacity * itemSize, alignment: ArrayStorage.alignment) : nil
        let mask = hasMask && iterator.buffered[2]
            ? UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: ArrayStorage.alignment) : nil
        defer {
            input?.deallocate()
            mask?.deallocate()
        }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                body(Scratch(input: input, mask: mask, args: args.baseAddress!, steps: steps.baseAddress!))
            }
        }
    }

    /// `output op= input[0..<n]`: one loop call, with the stride-0 output trick when
    /// `outputStep` is 0 and elementwise otherwise.
    @inline(__always)
    func call(_ output: UnsafeMutableRawPointer, _ outputStep: Int, _ input: UnsafeMutableRawPointer, _ inputStep: Int, _ n: Int, _ scratch: Scratch) {
        scratch.args[0] = output; scratch.args[1] = input; scratch.args[2] = output
        scratch.steps[0] = outputStep; scratch.steps[1] = inputStep; scratch.steps[2] = outputStep
        loop(UnsafePointer(scratch.args), n, UnsafePointer(scratch.steps))
    }

    /// Whether the call starting at these coordinates is the first visit of its outputs
    /// (NumPy's `NpyIter_IsFirstVisit`): every axis the result does not advance along is
    /// at its start. `outer` is the coordinate of the iterator's outer axis.
    @inline(__always)
    static func isFirstVisit(_ iterator: ReductionIterator, _ coordinates: UnsafeMutablePointer<Int>, outer: Int) -> Bool {
        for axis in 0..<iterator.rank where iterator.strides[0][axis] == 0 {
            let coordinate = axis < iterator.outerAxis ? 0 : (axis == iterator.outerAxis ? outer : coordinates[axis])
            if coordinate != 0 { return false }
        }
        return true
    }

    /// The calls of one buffer: gathers the buffered operands, then calls the loop once per
    /// core (reduce-by-core mode) or once for the whole buffer.
    @inline(__always)
    func process(_ iterator: ReductionIterator, _ pointers: UnsafeMutablePointer<UnsafeMutableRawPointer>, _ coordinates: UnsafeMutablePointer<Int>, _ count: Int, _ scratch: Scratch) {
        let outer = iterator.outerAxis
        let output = pointers[0], outputStep = iterator.strides[0][0], outputOuter = iterator.strides[0][outer]
        var input = pointers[1], inputStep = iterator.strides[1][0], inputOuter = iterator.strides[1][outer]
        if iterator.buffered[1], let buffer = scratch.input {
            iterator.gather(operand: 1, from: input, count: count, into: buffer, itemSize: itemSize, cast: inputGather)
            input = buffer
            inputStep = iterator.bufferStrides[1]
            inputOuter = iterator.coreSize * itemSize
        }
        var mask: UnsafeMutableRawPointer? = nil, maskStep = 0, maskOuter = 0
        if let maskGather {
            mask = pointers[2]
            maskStep = iterator.strides[2][0]
            maskOuter = iterator.strides[2][outer]
            if iterator.buffered[2], let buffer = scratch.mask {
                iterator.gather(operand: 2, from: pointers[2], count: count, into: buffer, itemSize: 1, cast: maskGather)
                mask = buffer
                maskStep = iterator.bufferStrides[2]
                maskOuter = iterator.coreSize
            }
        }
        let positions = count / iterator.coreSize
        if iterator.reducesByCore && positions > 1 {
            for position in 0..<positions {
                visit(
                    iterator, coordinates, outer: coordinates[outer] + position, iterator.coreSize,
                    output + position * outputOuter, outputStep,
                    input + position * inputOuter, inputStep,
                    mask.map { $0 + position * maskOuter }, maskStep, scratch
                )
            }
        } else {
            visit(iterator, coordinates, outer: coordinates[outer], count, output, outputStep, input, inputStep, mask, maskStep, scratch)
        }
    }

    /// One call of NumPy's `reduce_loop`: first visits skipped, masked-out elements left out.
    @inline(__always)
    func visit(
        _ iterator: ReductionIterator, _ coordinates: UnsafeMutablePointer<Int>, outer: Int, _ count: Int,
        _ output: UnsafeMutableRawPointer, _ outputStep: Int,
        _ input: UnsafeMutableRawPointer, _ inputStep: Int,
        _ mask: UnsafeMutableRawPointer?, _ maskStep: Int, _ scratch: Scratch
    ) {
        var n = count, input = input
        if skipFirst && Self.isFirstVisit(iterator, coordinates, outer: outer) {
            // The result holds these elements already: skip the first one of a reduction
            // call, or the whole of an elementwise call.
            if outputStep != 0 { return }
            n -= 1
            input += inputStep
        }
        if n <= 0 { return }
        guard let mask else {
            call(output, outputStep, input, inputStep, n, scratch)
            return
        }
        // Only runs of true mask elements take part (NumPy's masked strided loop).
        MaskRuns.forEach(mask: mask, stride: maskStep, count: n) { start, length in
            call(output + start * outputStep, outputStep, input + start * inputStep, inputStep, length, scratch)
        }
    }

    /// The sequential walk.
    func run(_ iterator: ReductionIterator, bases: [UnsafeMutableRawPointer]) {
        withScratch(iterator) { scratch in
            iterator.forEachBuffer(bases: bases) { pointers, coordinates, count in
                process(iterator, pointers, coordinates, count, scratch)
            }
        }
    }
}
