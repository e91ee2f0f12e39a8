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
        // Every axis (`axes` nil) is not spelled out unless the general walk needs it.
        let givenAxes = try axes.map { try NDArray.normalizeAxes($0, ndim: ndim) }
        if (givenAxes?.count ?? ndim) > 1 && !isReorderable {
            throw TesseraError(.axisError, "reduction operation '\(name)' is not reorderable, so at most one axis may be specified")
        }
        let registry = Backends.active
        let resolution = try reductionResolution(for: array.dtype, requested: dtype, registry: registry)
        let loop = resolution.loop
        let type = loop.signature.outputs[0]
        if mask == nil, initial == nil, (givenAxes?.count ?? ndim) == ndim, ndim > 0, type == array.dtype,
           array.size > 0, array.isCContiguous,
           array.size <= UFunc.fastReduceLimit || !mayCutOneCall(size: array.size, loop: loop, registry: registry)
        {
            // A threading backend's wrapper passes a reduction call (the output is the
            // first input, both at stride 0) to the loop it wraps unsplit: call that.
            return wholeReduction(array, loop: resolution.directLoop, keepdims: keepdims)
        }
        let reduced = givenAxes ?? Array(0..<ndim)
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
        let reducedCount = reduced.reduce(1) { $0 * array.axisLength($1) }

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
        return result.rawView(shape: keptAxes.map { array.axisLength($0) }, strides: keptAxes.map { resultStrides[$0] })
    }

    /// `reduce` along one axis (NumPy's default is axis 0); `nil` reduces all axes.
    public func reduce(
        _ array: NDArray, axis: Int? = 0, keepdims: Bool = false, initial: Double? = nil,
        where mask: NDArray? = nil, dtype: DType? = nil
    ) throws -> NDArray {
        try reduce(array, axes: axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, dtype: dtype)
    }

    /// Contiguous arrays reduced over every axis, without casts: the one loop call the
    /// general walk makes for them (the axes coalesce to one, and an operand that needs no
    /// cast is not buffered, so the call spans the array) — `(result, input, result)` with
    /// steps `(0, item, 0)` over the elements, the first skipped when it starts the result
    /// (no identity) — with nothing of the walk built.
    private func wholeReduction(_ array: NDArray, loop: InnerLoop, keepdims: Bool) -> NDArray {
        let type = loop.signature.outputs[0]
        let itemSize = type.itemSize
        var result = NDArray(
            storage: ArrayStorage.make(byteCount: itemSize, zeroed: false), dtype: type,
            shapeList: keepdims ? AxisList(repeating: 1, count: array.ndim) : AxisList(),
            strideList: keepdims ? AxisList(repeating: itemSize, count: array.ndim) : AxisList(), offset: 0
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

    /// Largest array ``wholeReduction(_:loop:keepdims:)`` takes whatever the loop and the
    /// executor: the general walk never splits a reduction this small.
    static let fastReduceLimit = 8192

    /// Whether ``runReduction`` may cut the one call of a whole contiguous reduction of
    /// `size` elements into pieces on several threads: only with two buffers' worth of
    /// elements, and only a float sum through a loop that states the pairwise contract (cut
    /// at the leaves of its pairwise tree) or a selection (`maximum`, `fmin`, …: any cut
    /// keeps the same element). Other reductions, such as `logical_or` with its early exit,
    /// keep one call.
    func mayCutOneCall(size: Int, loop: InnerLoop, registry: LoopRegistry) -> Bool {
        guard size >= 2 * UFuncExecution.bufferSize, isPairwiseSum(loop) || traits.contains(.selection) else { return false }
        return (registry.executor?.threadCount ?? 1) > 1
    }

    /// A sum through a loop that states the pairwise contract, in float32 or float64
    /// (``ReductionKernel/combine`` adds the leaves as one of those).
    func isPairwiseSum(_ loop: InnerLoop) -> Bool {
        let type = loop.signature.inputs[1]
        return traits.contains(.pairwiseSum) && loop.reductionContract == .pairwiseSum && (type == .float32 || type == .float64)
    }

    /// The loop a reduction runs: one whose inputs and output share a dtype. Cached per
    /// thread like elementwise resolutions (keyed by the input and requested dtypes).
    func reductionLoop(for input: DType, requested: DType?, registry: LoopRegistry) throws -> InnerLoop {
        try reductionResolution(for: input, requested: requested, registry: registry).loop
    }

    /// ``reductionLoop(for:requested:registry:)`` with the loop a threading wrapper calls.
    func reductionResolution(for input: DType, requested: DType?, registry: LoopRegistry) throws -> FastResolution {
        let key = 1 << 40 | UInt64(input.rawValue) | UInt64(requested.map { Int($0.rawValue) + 1 } ?? 0) << 8
        if let cached = ResolutionCache.lookup(self, key: key, registry: registry) { return cached }
        let generation = registry.generation
        let loop = try resolveReductionLoop(for: input, requested: requested, registry: registry)
        let resolution = FastResolution(loop: loop, operandTypes: [nil, nil])
        ResolutionCache.store(resolution, for: self, key: key, registry: registry, generation: generation)
        return resolution
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
            // (One output: no axis to split, and calls are never elementwise.)
            if source.size >= ReductionKernel.parallelMinimum && result.size > 1 {
                if let axis = kernel.exactSplitAxis(iterator) {
                    kernel.runSplitting(iterator, axis: axis, bases: bases, executor: executor)
                    return
                }
                if iterator.strides[0][0] != 0 && iterator.shape[0] >= 4 {
                    kernel.runSplittingElementwise(iterator, bases: bases, executor: executor)
                    return
                }
            }
            // A sum through a loop that states the pairwise contract: its long calls
            // may be cut at the leaves of their pairwise tree too.
            // (ReductionKernel.combine adds the leaves as float32 or float64.)
            let pairwise = traits.contains(.pairwiseSum) && loop.reductionContract == .pairwiseSum
                && (loopType == .float32 || loopType == .float64)
            if mask == nil, result.size == 1, source.size >= 2 * UFuncExecution.bufferSize,
               ReductionKernel.mayHaveSeveralPieces(iterator, cutsLongCalls: pairwise || traits.contains(.selection)),
               let start = ReductionKernel.privateStart(ufunc: self, loop: loop, type: loopType)
            {
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
