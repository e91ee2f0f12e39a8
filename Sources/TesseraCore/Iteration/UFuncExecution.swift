/// Running a resolved loop over broadcast operands (NumPy's `ufunc_object.c`
/// execution with nditer buffering).
///
/// Operands whose dtype matches the loop are passed to it in place, one call per
/// innermost run. Operands that need a cast, a `where:` mask, or a contiguous-only
/// loop handed a strided run go through small buffers, chunk by chunk, as NumPy does
/// (8192 elements) — arrays are never converted whole.
struct UFuncExecution {
    static let bufferSize = 8192

    let loop: InnerLoop
    let inputs: [NDArray]
    /// Output arrays, already unique (safe to write through their base addresses).
    let outputs: [NDArray]
    let mask: NDArray?
    let shape: [Int]

    func run() {
        let signature = loop.signature
        let nin = inputs.count, nout = outputs.count
        let total = shape.reduce(1, *)
        if total == 0 { return }

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
            array.dtype == type ? nil : castFunction(from: array.dtype, to: type)
        }
        let outputCasts: [CastFunction?] = zip(outputs, signature.outputs).map { array, type in
            array.dtype == type ? nil : castFunction(from: type, to: array.dtype)
        }
        let needsBuffering = mask != nil || inputCasts.contains { $0 != nil } || outputCasts.contains { $0 != nil }
        let contiguousOnly = loop.stridePolicy == .contiguousOnly
        let loopItemSizes = signature.operands.map(\.itemSize)

        if !needsBuffering && !contiguousOnly {
            // The direct path: one loop call per run, no copies.
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
            return
        }

        // The buffered path.
        let chunk = Swift.min(UFuncExecution.bufferSize, total)
        let bufferBytes = chunk * 16
        let buffers = (0..<(nin + nout)).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: bufferBytes, alignment: ArrayStorage.alignment)
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
                                var start = 0
                                while start < n {
                                    while start < n && maskPointer.load(fromByteOffset: start * maskStep, as: Bool.self) == false { start += 1 }
                                    var end = start
                                    while end < n && maskPointer.load(fromByteOffset: end * maskStep, as: Bool.self) { end += 1 }
                                    if end > start {
                                        store(buffers[nin + o] + start * itemSize, itemSize, destination + start * runSteps[o], runSteps[o], end - start)
                                    }
                                    start = end
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
    }
}
