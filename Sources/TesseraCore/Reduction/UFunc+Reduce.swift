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
            throw TesseraError(.noLoop, "reduce only supported for binary functions with one output; '\(name)' has \(inputCount) inputs and \(outputCount) outputs")
        }
        let ndim = array.ndim
        let reduced = try axes.map { try NDArray.normalizeAxes($0, ndim: ndim) } ?? Array(0..<ndim)
        let isReorderable = identity != .none || name == "add" || name == "multiply"
        if reduced.count > 1 && identity == .none {
            throw TesseraError(.axisError, "reduction operation '\(name)' is not reorderable, so at most one axis may be specified")
        }
        let registry = Backends.active
        let loop = try reductionLoop(for: array.dtype, requested: dtype, registry: registry)
        let type = loop.signature.outputs[0]
        if let mask, mask.dtype != .bool {
            throw TesseraError(.castingError, "where: must be a bool array, not \(mask.dtype)")
        }
        if let mask {
            _ = try broadcastShapes([array.shape, mask.shape])
            guard try broadcastShapes([array.shape, mask.shape]) == array.shape else {
                throw TesseraError(.shapeMismatch, "where: mask of shape \(mask.shape) does not broadcast to the input shape \(array.shape)")
            }
        }

        // The result, with reduced axes kept as length 1 until the end.
        var keptShape = array.shape
        for axis in reduced { keptShape[axis] = 1 }
        var result = try NDArray(checkedShape: keptShape, dtype: type)
        let reducedCount = reduced.reduce(1) { $0 * array.shape[$1] }

        var source = array
        if let initial {
            result.fill(with: initial)
        } else if case .value(let value) = identity {
            result.fill(with: value)
        } else {
            // No identity: start from the first element along the reduced axes.
            if reducedCount == 0 && result.size > 0 {
                throw TesseraError(.valueError, "zero-size array to reduction operation \(name) which has no identity; pass initial:")
            }
            if mask != nil {
                throw TesseraError(.valueError, "reduction operation '\(name)' does not have an identity, so to use a where: mask one has to specify initial:")
            }
            if result.size > 0 {
                let first = array.rawView(shape: keptShape, strides: array.strides)
                NDArray.copyElements(from: first, into: &result)
                if !isReorderable || identity == .none, let axis = reduced.first {
                    // Not idempotent: reduce the rest, a[1:] along the one axis.
                    var restShape = array.shape
                    restShape[axis] -= 1
                    source = array.rawView(shape: restShape, strides: array.strides, byteOffset: array.strides[axis])
                }
                // Reorderable ufuncs without identity (maximum, minimum, fmax, fmin) are
                // idempotent: reducing the first element again changes nothing.
            }
        }
        if source.size > 0 && result.size > 0 {
            runReduction(loop: loop, source: source, result: result, reduced: reduced, mask: mask?.broadcastView(to: array.shape))
        }
        if keepdims { return result }
        let finalShape = array.shape.indices.filter { !reduced.contains($0) }.map { array.shape[$0] }
        return result.rawView(shape: finalShape, strides: finalShape.isEmpty ? [] : NDArray.contiguousStrides(shape: finalShape, itemSize: type.itemSize))
    }

    /// `reduce` along one axis (NumPy's default is axis 0); `nil` reduces all axes.
    public func reduce(
        _ array: NDArray, axis: Int? = 0, keepdims: Bool = false, initial: Double? = nil,
        where mask: NDArray? = nil, dtype: DType? = nil
    ) throws -> NDArray {
        try reduce(array, axes: axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, dtype: dtype)
    }

    /// The loop a reduction runs: one whose inputs and output share a dtype.
    func reductionLoop(for input: DType, requested: DType?, registry: LoopRegistry) throws -> InnerLoop {
        var type = requested ?? input
        if requested == nil && (name == "add" || name == "multiply") {
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
        let isLogical = name.hasPrefix("logical_")
        guard isLogical || input.canCast(to: sig.inputs[0], casting: .sameKind) else {
            throw TesseraError(.castingError, "cannot reduce \(input) with '\(name)' in \(sig.inputs[0]) under casting 'same_kind'")
        }
        return loop
    }

    /// Runs the loop over `source`, accumulating into `result` (reduced axes have length 1).
    /// Walks memory in the input's order and calls the loop in chunks of 8192 elements,
    /// as NumPy's buffered reduction does (which fixes the pairwise summation order).
    func runReduction(loop: InnerLoop, source: NDArray, result: NDArray, reduced: [Int], mask: NDArray?) {
        var resultStrides = result.strides
        for axis in reduced { resultStrides[axis] = 0 }
        var strides = [source.strides, resultStrides]
        var bases = [source.baseAddress, result.baseAddress]
        if let mask {
            strides.append(mask.strides)
            bases.append(mask.baseAddress)
        }
        let layout = IterationLayout(shape: source.shape, strides: strides)
        let loopType = loop.signature.inputs[1]
        let cast: CastFunction? = source.dtype == loopType ? nil : castFunction(from: source.dtype, to: loopType)
        // NumPy's iterator buffers (8192 elements at a time) only when it casts; otherwise
        // the loop sees each whole run — which fixes the pairwise summation's blocks.
        let chunk = cast == nil ? Int.max : UFuncExecution.bufferSize
        let itemSize = loopType.itemSize
        let buffer = cast == nil ? nil : UnsafeMutableRawPointer.allocate(byteCount: UFuncExecution.bufferSize * itemSize, alignment: ArrayStorage.alignment)
        defer { buffer?.deallocate() }
        let hasMask = mask != nil

        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                func call(_ input: UnsafeMutableRawPointer, _ inputStep: Int, _ output: UnsafeMutableRawPointer, _ outputStep: Int, _ n: Int) {
                    var input = input, inputStep = inputStep
                    if let cast, let buffer {
                        cast(input, inputStep, buffer, itemSize, n)
                        input = buffer
                        inputStep = itemSize
                    }
                    args[0] = output; args[1] = input; args[2] = output
                    steps[0] = outputStep; steps[1] = inputStep; steps[2] = outputStep
                    loop(UnsafePointer(args.baseAddress!), n, UnsafePointer(steps.baseAddress!))
                }
                layout.forEachRun(bases: bases) { pointers, count, runSteps in
                    var done = 0
                    while done < count {
                        let n = Swift.min(chunk, count - done)
                        let input = pointers[0]! + done * runSteps[0]
                        let output = pointers[1]! + done * runSteps[1]
                        if hasMask {
                            // Only runs of true mask elements take part.
                            let maskBase = pointers[2]! + done * runSteps[2]
                            var start = 0
                            while start < n {
                                while start < n && !maskBase.load(fromByteOffset: start * runSteps[2], as: Bool.self) { start += 1 }
                                var end = start
                                while end < n && maskBase.load(fromByteOffset: end * runSteps[2], as: Bool.self) { end += 1 }
                                if end > start {
                                    call(input + start * runSteps[0], runSteps[0], output + start * runSteps[1], runSteps[1], end - start)
                                }
                                start = end
                            }
                        } else {
                            call(input, runSteps[0], output, runSteps[1], n)
                        }
                        done += n
                    }
                }
            }
        }
    }
}

extension NDArray {
    /// A broadcast view (internal, unchecked: the caller has checked the shapes).
    func broadcastView(to shape: [Int]) -> NDArray {
        rawView(shape: shape, strides: broadcastStrides(to: shape))
    }
}
