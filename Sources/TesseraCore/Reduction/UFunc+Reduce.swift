#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reductions (NumPy's `reduction.c`): `reduce` reuses the ufunc's registered binary
/// loop with the stride-0 output trick — the loop is called with its first input and its
/// output pointing at the same accumulator with stride 0 — so a backend that replaces
/// `add`'s loop accelerates `sum` too.
extension UFunc {
    /// `ufunc.reduce`: combines the elements along `axes` (all axes when `nil`).
    ///
    /// - Parameters:
    ///   - axes: axes to reduce (negative from the end); `nil` reduces all; `[]` none.
    ///   - keepdims: keep reduced axes with length 1.
    ///   - initial: the starting value (required for an empty reduction of a ufunc without
    ///     identity, such as `maximum`).
    ///   - where: a bool mask broadcast against the input; only true elements take part.
    ///   - dtype: the dtype to reduce in; by default `add`/`multiply` reduce bool and
    ///     integers narrower than 64 bits in int64 (uint64 for unsigned), as NumPy does.
    /// - Throws: for a ufunc that is not binary with one output, bad axes, an empty
    ///   reduction without identity or `initial`, or no loop for the dtype.
    public func reduce(
        _ array: NDArray,
        axes: [Int]?,
        keepdims: Bool = false,
        initial: Double? = nil,
        where mask: NDArray? = nil,
        dtype: DType? = nil
    ) throws -> NDArray {
        guard inputCount == 2 && outputCount == 1 else {
            throw TesseraError(.notBinary, "reduce needs a binary ufunc with one output (such as add, multiply, maximum); '\(name)' has \(inputCount) input\(inputCount == 1 ? "" : "s") and \(outputCount) output\(outputCount == 1 ? "" : "s")")
        }
        let ndim = array.ndim
        let reduced = try axes.map { try NDArray.normalizeAxes($0, ndim: ndim) } ?? Array(0..<ndim)
        if reduced.count > 1 && !isReorderable {
            throw TesseraError(.axisError, "reduction operation '\(name)' is not reorderable, so at most one axis may be specified")
        }
        let registry = Backends.active
        let loop = try reductionLoop(for: array.dtype, requested: dtype, registry: registry)
        let type = loop.signature.outputs[0]
        if mask == nil, initial == nil, reduced.count == ndim, ndim > 0, type == array.dtype,
           array.size > 0, array.size <= UFunc.fastReduceLimit, array.isCContiguous
        {
            return smallFullReduction(array, loop: loop, keepdims: keepdims)
        }
        if let mask, mask.dtype != .bool {
            throw TesseraError(.castingError, "where: must be a bool array, not \(mask.dtype)")
        }
        if let mask {
            guard try broadcastShapes([array.shape, mask.shape]) == array.shape else {
                throw TesseraError(.shapeMismatch, "where: mask of shape \(mask.shape) does not broadcast to the input shape \(array.shape)")
            }
        }

        let maskView = mask?.broadcastView(to: array.shape)

        // The result, with reduced axes kept as length 1 until the end, allocated as
        // NumPy's iterator allocates it: in the iteration's axis order.
        var operandStrides = [array.strides]
        if let maskView { operandStrides.append(maskView.strides) }
        let order = IterationLayout.axisOrder(shape: array.shape, strides: operandStrides)
        var keptShape = array.shape
        for axis in reduced { keptShape[axis] = 1 }
        var resultStrides = [Int](repeating: 0, count: ndim)
        var step = type.itemSize
        for axis in order {
            resultStrides[axis] = step
            step *= keptShape[axis]
        }
        var result = NDArray(
            storage: ArrayStorage.make(byteCount: try NDArray.checkedByteCount(shape: keptShape, dtype: type)),
            dtype: type, shape: keptShape, strides: resultStrides, offset: 0
        )
        let reducedCount = reduced.reduce(1) { $0 * array.shape[$1] }

        var skipFirst = false
        if let initial {
            result.fill(with: initial)
        } else if case .value(let value) = identity {
            result.fill(with: value)
        } else {
            // No identity: start from the first element along the reduced axes, which the
            // walk then skips (NumPy's `PyArray_CopyInitialReduceValues` and first visits).
            if reducedCount == 0 {
                throw TesseraError(.valueError, "zero-size array to reduction operation \(name) which has no identity; pass initial:")
            }
            if mask != nil {
                throw TesseraError(.valueError, "reduction operation '\(name)' does not have an identity, so to use a where: mask one has to specify initial:")
            }
            if result.size > 0 {
                let first = array.rawView(shape: keptShape, strides: array.strides)
                NDArray.copyElements(from: first, into: &result)
                skipFirst = true
            }
        }
        if array.size > 0 && result.size > 0 {
            runReduction(
                loop: loop, source: array, result: result, reduced: reduced, mask: maskView,
                order: order, skipFirst: skipFirst, executor: registry.executor
            )
        }
        if keepdims { return result }
        let keptAxes = (0..<ndim).filter { !reduced.contains($0) }
        return result.rawView(shape: keptAxes.map { array.shape[$0] }, strides: keptAxes.map { resultStrides[$0] })
    }

    /// `reduce` along one axis (NumPy's default is axis 0); `nil` reduces all axes.
    public func reduce(
        _ array: NDArray, axis: Int? = 0, keepdims: Bool = false, initial: Double? = nil,
        where mask: NDArray? = nil, dtype: DType? = nil
    ) throws -> NDArray {
        try reduce(array, axes: axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, dtype: dtype)
    }

    /// Small contiguous arrays reduced over every axis, without casts: the one loop call
    /// the general walk makes for them — `(result, input, result)` with steps `(0, item, 0)`
    /// over the elements, the first skipped when it starts the result (no identity) — with
    /// nothing of the walk built.
    private func smallFullReduction(_ array: NDArray, loop: InnerLoop, keepdims: Bool) -> NDArray {
        let type = loop.signature.outputs[0]
        let itemSize = type.itemSize
        var result = NDArray(
            storage: ArrayStorage.make(byteCount: itemSize, zeroed: false), dtype: type,
            shape: keepdims ? [Int](repeating: 1, count: array.ndim) : [],
            strides: keepdims ? [Int](repeating: itemSize, count: array.ndim) : [], offset: 0
        )
        var first = 0
        if case .value(let value) = identity {
            result.fill(with: value)
        } else {
            result.baseAddress.copyMemory(from: array.baseAddress, byteCount: itemSize)
            first = 1
        }
        let count = array.size - first
        if count == 0 { return result }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                args[0] = result.baseAddress
                args[1] = array.baseAddress + first * itemSize
                args[2] = result.baseAddress
                steps[0] = 0
                steps[1] = itemSize
                steps[2] = 0
                loop(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!))
            }
        }
        return result
    }

    /// Largest array ``smallFullReduction(_:loop:keepdims:)`` takes: below the general
    /// walk's buffer size, where it too makes a single loop call.
    static let fastReduceLimit = 8192

    /// The loop a reduction runs: one whose inputs and output share a dtype. Cached per
    /// thread like elementwise resolutions (keyed by the input and requested dtypes).
    func reductionLoop(for input: DType, requested: DType?, registry: LoopRegistry) throws -> InnerLoop {
        let key = 1 << 40 | UInt64(input.rawValue) | UInt64(requested.map { Int($0.rawValue) + 1 } ?? 0) << 8
        if let cached = ResolutionCache.lookup(self, key: key, registry: registry) { return cached.loop }
        let generation = registry.generation
        let loop = try resolveReductionLoop(for: input, requested: requested, registry: registry)
        ResolutionCache.store(FastResolution(loop: loop, operandTypes: [nil, nil]), for: self, key: key, registry: registry, generation: generation)
        return loop
    }

    private func resolveReductionLoop(for input: DType, requested: DType?, registry: LoopRegistry) throws -> InnerLoop {
        var type = requested ?? input
        if requested == nil && traits.contains(.widensIntegerReductions) {
            if input == .bool || (input.isSignedInteger && input.itemSize < 8) { type = .int64 }
            if input.isUnsignedInteger && input.itemSize < 8 { type = .uint64 }
        }
        let dummy = NDArray(uninitializedShape: [0], dtype: type)
        var loop = try resolve(operands: [.array(dummy), .array(dummy)], registry: registry, dtype: nil, signature: nil).loop
        if loop.signature.outputs[0] != loop.signature.inputs[0] {
            // e.g. logical_and on floats resolves to 'dd->?': reduce in the output type instead.
            let outputType = NDArray(uninitializedShape: [0], dtype: loop.signature.outputs[0])
            loop = try resolve(operands: [.array(outputType), .array(outputType)], registry: registry, dtype: nil, signature: nil).loop
        }
        let sig = loop.signature
        guard sig.inputs[0] == sig.outputs[0] && sig.inputs[1] == sig.outputs[0] else {
            throw TesseraError(.noLoop, "ufunc '\(name)' has no loop of the form xx->x for \(type); cannot reduce")
        }
        guard traits.contains(.logical) || input.canCast(to: sig.inputs[0], casting: .sameKind) else {
            throw TesseraError(.castingError, "cannot reduce \(input) with '\(name)' in \(sig.inputs[0]) under casting 'same_kind'")
        }
        return loop
    }

    /// Runs the loop over `source`, accumulating into `result` (reduced axes have length 1),
    /// walking the operands as NumPy's reduction iterator does (``ReductionIterator``):
    /// the same axis order, the same buffers, and so the same elements in each loop call.
    /// With `skipFirst` the result already holds the first element along the reduced axes
    /// and the walk skips it (NumPy's first-visit logic).
    ///
    /// With an `executor` of several threads, large reductions split by logical position,
    /// never by thread, so the result is bitwise the single-threaded one:
    /// - many outputs: an axis whose positions are disjoint sets of calls and outputs is
    ///   split into ranges (every output sees exactly the calls of the sequential walk);
    ///   failing that, when the calls are elementwise (each call adds one element to each of
    ///   its outputs), the innermost axis is split, which leaves every output's sequence of
    ///   operations unchanged;
    /// - one output: each call (or, for a long float sum, each leaf of its pairwise tree) is
    ///   reduced into a private accumulator that starts from a value the loop's step leaves
    ///   unchanged (see ``ReductionKernel/privateStart``), and the partials are then combined
    ///   into the output in order.
    func runReduction(
        loop: InnerLoop, source: NDArray, result: NDArray, reduced: [Int], mask: NDArray?,
        order: [Int], skipFirst: Bool, executor: (any ParallelExecutor)? = nil
    ) {
        var resultStrides = result.strides
        for axis in reduced { resultStrides[axis] = 0 }
        var strides = [resultStrides, source.strides]
        var bases = [result.baseAddress, source.baseAddress]
        let loopType = loop.signature.inputs[1]
        var casts = [false, source.dtype != loopType]
        var reduces = [!reduced.isEmpty, false]
        var itemSizes = [loopType.itemSize, loopType.itemSize]
        if let mask {
            strides.append(mask.strides)
            bases.append(mask.baseAddress)
            casts.append(false)
            reduces.append(false)
            itemSizes.append(1)
        }
        let iterator = ReductionIterator(shape: source.shape, strides: strides, order: order, casts: casts, reduces: reduces, itemSizes: itemSizes)
        let kernel = ReductionKernel(
            loop: loop,
            itemSize: loopType.itemSize,
            inputGather: castFunction(from: source.dtype, to: loopType),
            maskGather: mask == nil ? nil : castFunction(from: .bool, to: .bool),
            skipFirst: skipFirst,
            casts: casts, reduces: reduces, itemSizes: itemSizes
        )
        if let executor, executor.threadCount > 1 {
            if source.size >= ReductionKernel.parallelMinimum {
                if let axis = kernel.exactSplitAxis(iterator) {
                    kernel.runSplitting(iterator, axis: axis, bases: bases, executor: executor)
                    return
                }
                if iterator.strides[0][0] != 0 && iterator.shape[0] >= 4 {
                    kernel.runSplittingElementwise(iterator, bases: bases, executor: executor)
                    return
                }
            }
            if mask == nil, result.size == 1, source.size >= 2 * UFuncExecution.bufferSize,
               let start = ReductionKernel.privateStart(ufunc: self, loop: loop, type: loopType)
            {
                // A sum through a loop that states the pairwise contract: its long calls
                // may be cut at the leaves of their pairwise tree too.
                // (ReductionKernel.combine adds the leaves as float32 or float64.)
                let pairwise = traits.contains(.pairwiseSum) && loop.reductionContract == .pairwiseSum
                    && (loopType == .float32 || loopType == .float64)
                // Float selections order −0.0 < +0.0, so their pieces combine to the
                // sequential result bit for bit, zeros included.
                if kernel.runByCalls(iterator, bases: bases, start: start, pairwise: pairwise, executor: executor) {
                    return
                }
            }
        }
        kernel.run(iterator, bases: bases)
    }
}

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

    /// An axis whose positions split the walk into disjoint sets of calls with disjoint
    /// outputs — one the result advances along, outside the buffers (above the outer axis,
    /// or the outer axis itself when each call covers one core) — the longest, or `nil`.
    func exactSplitAxis(_ iterator: ReductionIterator) -> Int? {
        let candidates = iterator.shape.indices.filter { axis in
            iterator.shape[axis] > 1 && iterator.strides[0][axis] != 0
                && (axis > iterator.outerAxis || (axis == iterator.outerAxis && iterator.reducesByCore))
        }
        return candidates.max { iterator.shape[$0] < iterator.shape[$1] }
    }

    /// Many outputs: ranges of `axis` (see ``exactSplitAxis(_:)``) on different threads;
    /// each range makes exactly the calls of the sequential walk that fall in it.
    func runSplitting(_ iterator: ReductionIterator, axis: Int, bases: [UnsafeMutableRawPointer], executor: any ParallelExecutor) {
        let length = iterator.shape[axis]
        let parts = Swift.min(executor.threadCount, length)
        executor.parallelFor(parts) { part in
            let lo = length * part / parts, hi = length * (part + 1) / parts
            guard hi > lo else { return }
            let (piece, pieceBases) = iterator.restricted(axis: axis, to: lo..<hi, bases: bases)
            run(piece, bases: pieceBases)
        }
    }

    /// Many outputs, elementwise calls (the result advances along the innermost axis): the
    /// innermost axis is split into ranges of at least two elements, each walked as NumPy
    /// would walk it alone. Every output still receives its elements one at a time in the
    /// sequential order, so only the lengths of the loop calls change.
    func runSplittingElementwise(_ iterator: ReductionIterator, bases: [UnsafeMutableRawPointer], executor: any ParallelExecutor) {
        let length = iterator.shape[0]
        let parts = Swift.min(executor.threadCount, length / 2)
        executor.parallelFor(parts) { part in
            let lo = length * part / parts, hi = length * (part + 1) / parts
            var (piece, pieceBases) = iterator.restricted(axis: 0, to: lo..<hi, bases: bases)
            piece.setUpBuffering(casts: casts, reduces: reduces, itemSizes: itemSizes)
            run(piece, bases: pieceBases)
        }
    }

    /// One output: the calls of the sequential walk (long unbuffered float sums cut at the
    /// leaves of their pairwise tree) reduced into private accumulators in parallel, then
    /// combined in order so that the result is bitwise the sequential one. Returns false
    /// (having done nothing) when there is nothing to split.
    func runByCalls(_ iterator: ReductionIterator, bases: [UnsafeMutableRawPointer], start: PrivateStart, pairwise: Bool, executor: any ParallelExecutor) -> Bool {
        guard !iterator.reducesByCore, !hasMask else { return false }
        // One call per buffer: its input address and element count.
        var calls: [(input: UnsafeMutableRawPointer, count: Int)] = []
        iterator.forEachBuffer(bases: bases) { pointers, _, count in calls.append((pointers[1], count)) }
        let buffered = iterator.buffered[1]
        // The pieces, in order; a call split along its pairwise tree keeps the tree.
        var pieces: [(call: Int, start: Int, length: Int)] = []
        var trees: [(first: Int, tree: PairwiseNode)] = []
        for (index, call) in calls.enumerated() {
            // The first call is the first visit: without identity its first element is in the result.
            let first = skipFirst && index == 0 ? 1 : 0
            let length = call.count - first
            if length <= 0 { continue }
            if pairwise && !buffered && length > Self.pairwiseLeaf {
                var leaves: [(start: Int, length: Int)] = []
                let tree = Self.pairwiseTree(start: first, length: length, pieces: &leaves, offset: pieces.count)
                trees.append((pieces.count, tree))
                pieces += leaves.map { (index, $0.start, $0.length) }
            } else {
                pieces.append((index, first, length))
            }
        }
        let total = pieces.count
        guard total >= 2 else { return false }
        let inputStep = buffered ? iterator.bufferStrides[1] : iterator.strides[1][0]
        let partials = UnsafeMutableRawPointer.allocate(byteCount: total * itemSize, alignment: 16)
        defer { partials.deallocate() }
        let parts = Swift.min(executor.threadCount, total)
        executor.parallelFor(parts) { part in
            let lo = total * part / parts, hi = total * (part + 1) / parts
            withScratch(iterator) { scratch in
                var gathered = -1
                for index in lo..<hi {
                    let piece = pieces[index]
                    let call = calls[piece.call]
                    var base = call.input
                    if buffered, let buffer = scratch.input {
                        if gathered != piece.call {
                            iterator.gather(operand: 1, from: call.input, count: call.count, into: buffer, itemSize: itemSize, cast: inputGather)
                            gathered = piece.call
                        }
                        base = buffer
                    }
                    let input = base + piece.start * inputStep
                    let slot = partials + index * itemSize
                    switch start {
                    case .bytes(let bytes):
                        bytes.withUnsafeBytes { slot.copyMemory(from: $0.baseAddress!, byteCount: itemSize) }
                    case .firstElement:
                        slot.copyMemory(from: input, byteCount: itemSize)
                    }
                    self.call(slot, 0, input, inputStep, piece.length, scratch)
                }
            }
        }
        // Split calls: their leaves added up the tree into the first leaf's slot.
        var folded: [UnsafeMutableRawPointer] = []
        var treeIndex = 0, index = 0
        while index < total {
            if treeIndex < trees.count && trees[treeIndex].first == index {
                let tree = trees[treeIndex].tree
                ReductionKernel.combine(tree, partials, itemSize: itemSize)
                folded.append(partials + index * itemSize)
                let call = pieces[index].call
                while index < total && pieces[index].call == call { index += 1 }
                treeIndex += 1
            } else {
                folded.append(partials + index * itemSize)
                index += 1
            }
        }
        // output op= partial, in order, through the same reduction call the sequential
        // walk makes (so the compiled operation, down to which NaN operand propagates, is
        // the same). A partial equal to its start value is an identity of `op` and is
        // skipped (for float `add`, out + (−0.0) is out bit for bit).
        let output = bases[0]
        let startBytes: [UInt8]? = if case .bytes(let bytes) = start { bytes } else { nil }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                steps[0] = 0; steps[1] = itemSize; steps[2] = 0
                for partial in folded {
                    if let startBytes, startBytes.withUnsafeBytes({ memcmp($0.baseAddress!, partial, itemSize) == 0 }) { continue }
                    args[0] = output; args[1] = partial; args[2] = output
                    loop(UnsafePointer(args.baseAddress!), 1, UnsafePointer(steps.baseAddress!))
                }
            }
        }
        return true
    }

    /// Largest leaf of the pairwise tree handed to one loop call.
    static let pairwiseLeaf = 16_384

    indirect enum PairwiseNode {
        case leaf(Int)
        case pair(PairwiseNode, PairwiseNode)
    }

    /// NumPy's pairwise recursion down to leaves of at most ``pairwiseLeaf`` elements; leaf
    /// `i` of `pieces` is numbered `offset + i`.
    static func pairwiseTree(start: Int, length: Int, pieces: inout [(start: Int, length: Int)], offset: Int = 0) -> PairwiseNode {
        if length <= pairwiseLeaf || length <= 128 {
            pieces.append((start, length))
            return .leaf(offset + pieces.count - 1)
        }
        var half = length / 2
        half -= half % 8
        let left = pairwiseTree(start: start, length: half, pieces: &pieces, offset: offset)
        let right = pairwiseTree(start: start + half, length: length - half, pieces: &pieces, offset: offset)
        return .pair(left, right)
    }

    /// Adds a call's leaf sums up the tree (float32 or float64, as the loop adds them);
    /// the result lands in the slot of the tree's first leaf.
    static func combine(_ node: PairwiseNode, _ base: UnsafeMutableRawPointer, itemSize: Int) {
        func value(_ node: PairwiseNode) -> Int {
            switch node {
            case .leaf(let index):
                return index
            case .pair(let left, let right):
                let l = value(left), r = value(right)
                let a = base + l * itemSize, b = base + r * itemSize
                if itemSize == 4 {
                    a.storeBytes(of: a.load(as: Float.self) + b.load(as: Float.self), as: Float.self)
                } else {
                    a.storeBytes(of: a.load(as: Double.self) + b.load(as: Double.self), as: Double.self)
                }
                return l
            }
        }
        _ = value(node)
    }
}

extension NDArray {
    /// A broadcast view (internal, unchecked: the caller has checked the shapes).
    func broadcastView(to shape: [Int]) -> NDArray {
        rawView(shape: shape, strides: broadcastStrides(to: shape))
    }
}
