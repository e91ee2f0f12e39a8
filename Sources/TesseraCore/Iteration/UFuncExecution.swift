/// Running a resolved loop over broadcast operands (NumPy's `ufunc_object.c` execution
/// with its buffered iterator).
///
/// Every loop gives the same results however its elements are cut into calls, so the
/// loop is called directly: one call per innermost run of the coalesced layout
/// (IterationLayout), operands that need a cast or a `where:` mask — or that a
/// contiguous-only loop is handed strided — through small buffers chunk by chunk (8192
/// elements), never converted whole.
struct UFuncExecution {
    static let bufferSize = 8192

    let loop: InnerLoop
    let inputs: [NDArray]
    /// Output arrays (already unique, safe to write through their base addresses), or nil
    /// for outputs to allocate.
    let outputs: [NDArray?]
    let mask: NDArray?
    let shape: [Int]

    init(loop: InnerLoop, inputs: [NDArray], outputs: [NDArray?], mask: NDArray?, shape: [Int]) {
        self.loop = loop
        self.inputs = inputs
        self.outputs = outputs
        self.mask = mask
        self.shape = shape
    }

    /// Runs the loop, one call per innermost run of the coalesced layout; casts, masks
    /// and contiguous-only loops through buffers. New outputs are C-ordered, or
    /// Fortran-ordered when every full-shape input is. Returns the outputs (the given ones
    /// and the allocated ones).
    @discardableResult
    func run() -> [NDArray] {
        let signature = loop.signature
        var inputs = self.inputs
        let nin = inputs.count, nout = outputs.count
        let fortran = shape.count > 1 && inputs.contains { $0.shapeList == shape }
            && inputs.filter { $0.shapeList == shape }.allSatisfy { $0.isFContiguous && !$0.isCContiguous }
        let outputs: [NDArray] = self.outputs.enumerated().map { index, given in
            if let given { return given }
            do {
                var array = try NDArray(checkedShape: shape, dtype: signature.outputs[index], zeroed: mask != nil)
                if fortran { array.strideList = AxisList(NDArray.contiguousStrides(shape: shape, itemSize: array.itemSize, fortran: true)) }
                return array
            } catch {
                fatalError("ufunc output: \(error)")
            }
        }
        let total = shape.reduce(1, *)
        if total == 0 { return outputs }

        // An input that overlaps an output in a different layout is read from a copy
        // first, so results are as if all inputs were read before any output was written.
        for (i, input) in inputs.enumerated() {
            for output in outputs where input.sharesMemory(with: output) {
                let identical = input.offset == output.offset && input.broadcastStrides(to: shape) == output.strides && input.dtype == output.dtype
                if !identical && input.byteExtent.overlaps(output.byteExtent) {
                    inputs[i] = input.copy()
                }
            }
        }

        // Layout operands: outputs first (they choose the walking order), then inputs, then the mask.
        var strides: [[Int]] = outputs.map { $0.broadcastStrides(to: shape) }
        strides += inputs.map { $0.broadcastStrides(to: shape) }
        var bases: [UnsafeMutableRawPointer] = outputs.map(\.baseAddress) + inputs.map(\.baseAddress)
        if let mask {
            strides.append(mask.broadcastStrides(to: shape))
            bases.append(mask.baseAddress)
        }
        let layout = IterationLayout(shape: shape, strides: strides)

        let inputCasts: [CastFunction?] = zip(inputs, signature.inputs).map { array, type in
            array.dtype == type ? nil : bulkCastFunction(from: array.dtype, to: type)
        }
        let outputCasts: [CastFunction?] = zip(outputs, signature.outputs).map { array, type in
            array.dtype == type ? nil : bulkCastFunction(from: type, to: array.dtype)
        }
        let needsBuffering = mask != nil || inputCasts.contains { $0 != nil } || outputCasts.contains { $0 != nil }
        let contiguousOnly = loop.stridePolicy == .contiguousOnly
        let loopItemSizes = signature.operands.map(\.itemSize)

        if !needsBuffering && !contiguousOnly {
            withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nin + nout) { args in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: nin + nout) { steps in
                    layout.forEachRun(bases: bases) { pointers, count, runSteps in
                        for i in 0..<nin {
                            args[i] = pointers[nout + i]
                            steps[i] = runSteps[nout + i]
                        }
                        for o in 0..<nout {
                            args[nin + o] = pointers[o]
                            steps[nin + o] = runSteps[o]
                        }
                        loop(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!))
                    }
                }
            }
            return outputs
        }

        let chunk = Swift.min(UFuncExecution.bufferSize, total)
        let buffers = (0..<(nin + nout)).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: chunk * 16, alignment: ArrayStorage.alignment)
        }
        defer { buffers.forEach { $0.deallocate() } }
        let copyCasts: [CastFunction] = signature.operands.map { castFunction(from: $0, to: $0) }

        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nin + nout) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: nin + nout) { steps in
                layout.forEachRun(bases: bases) { pointers, count, runSteps in
                    var done = 0
                    while done < count {
                        let n = Swift.min(chunk, count - done)
                        // Inputs: cast, gather, or pass in place.
                        for i in 0..<nin {
                            let source = pointers[nout + i]! + done * runSteps[nout + i]
                            let step = runSteps[nout + i]
                            if let cast = inputCasts[i] {
                                cast(source, step, buffers[i], loopItemSizes[i], n)
                                args[i] = buffers[i]
                                steps[i] = loopItemSizes[i]
                            } else if contiguousOnly && step != loopItemSizes[i] {
                                copyCasts[i](source, step, buffers[i], loopItemSizes[i], n)
                                args[i] = buffers[i]
                                steps[i] = loopItemSizes[i]
                            } else {
                                args[i] = source
                                steps[i] = step
                            }
                        }
                        // Outputs: into a buffer when they need a cast, a mask or contiguity.
                        var buffered = [Bool](repeating: false, count: nout)
                        for o in 0..<nout {
                            let destination = pointers[o]! + done * runSteps[o]
                            let step = runSteps[o]
                            let itemSize = loopItemSizes[nin + o]
                            if outputCasts[o] != nil || mask != nil || (contiguousOnly && step != itemSize) {
                                buffered[o] = true
                                args[nin + o] = buffers[nin + o]
                                steps[nin + o] = itemSize
                            } else {
                                args[nin + o] = destination
                                steps[nin + o] = step
                            }
                        }
                        loop(UnsafePointer(args.baseAddress!), n, UnsafePointer(steps.baseAddress!))
                        for o in 0..<nout where buffered[o] {
                            let destination = pointers[o]! + done * runSteps[o]
                            let store = outputCasts[o] ?? copyCasts[nin + o]
                            let itemSize = loopItemSizes[nin + o]
                            if mask != nil {
                                let maskPointer = pointers[nout + nin]! + done * runSteps[nout + nin]
                                let maskStep = runSteps[nout + nin]
                                // Write only where the mask is true; elsewhere `out` keeps its values.
                                MaskRuns.forEach(mask: maskPointer, stride: maskStep, count: n) { start, length in
                                    store(buffers[nin + o] + start * itemSize, itemSize, destination + start * runSteps[o], runSteps[o], length)
                                }
                            } else {
                                store(buffers[nin + o], itemSize, destination, runSteps[o], n)
                            }
                        }
                        done += n
                    }
                }
            }
        }
        return outputs
    }
}
