/// Running a resolved loop over broadcast operands (NumPy's `ufunc_object.c` execution
/// with its buffered iterator).
///
/// Most loops give the same results however they are called, and are called directly:
/// one call per innermost run of the coalesced layout (IterationLayout), operands that
/// need a cast or a `where:` mask — or that a contiguous-only loop is handed strided —
/// through small buffers chunk by chunk (8192 elements), never converted whole.
///
/// A loop whose results depend on how it is called (``InnerLoop/dependsOnCallLayout``:
/// NumPy's `fmax` picks between +0.0 and −0.0 by an element's position within a call; its
/// complex `multiply`, `square` and `absolute` round differently on their vector and
/// scalar paths, chosen by stride) is called exactly as NumPy 2.4's machinery calls it —
/// the same counts, strides and aliasing (`ufunc_object.c`, `nditer_constr.c`,
/// `nditer_api.c`):
///
/// 1. The trivial path (one output, no `where:`; `try_trivial_single_output_loop`): inputs
///    that need a cast and are 0-d or 1-D with at most 8192 elements are cast into new
///    contiguous arrays first (`check_for_trivial_loop`); then, when every non-0-d operand
///    has the same shape and is 1-D (any stride) or contiguous in one order (C or F) for
///    all, and a given output is not overlapped by an input other than element for
///    element, the loop runs once over everything: 1-D operands with their own stride,
///    N-D ones with the item size, 0-d inputs with stride 0.
/// 2. Otherwise the buffered iterator: axes ordered by stride (smallest innermost; on
///    conflicting operands C order wins), negative axes flipped when no output is
///    allocated, outputs allocated contiguous in that order, an output that shares memory
///    with an input replaced by a temporary (copied back at the end), axes coalesced, and
///    then NumPy's buffer setup: the loop covers as many (outer) axes as its cost model
///    accepts, operands that need a cast or do not walk those axes with a single stride are
///    copied through buffers of at most 8192 elements, the others are passed in place.
///    With `where:` the loop is called once per run of true mask values.
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

    /// Runs the loop; returns the outputs (the given ones and the allocated ones).
    @discardableResult
    func run() -> [NDArray] {
        guard loop.dependsOnCallLayout else { return runDirect() }
        var inputs = self.inputs
        if mask == nil && outputs.count == 1 {
            if let result = runTrivial(&inputs) { return [result] }
        }
        return runIterator(inputs)
    }

    // MARK: The direct path

    /// One call per innermost run of the coalesced layout; casts, masks and contiguous-only
    /// loops through buffers. New outputs are C-ordered, or Fortran-ordered when every
    /// full-shape input is.
    private func runDirect() -> [NDArray] {
        let signature = loop.signature
        var inputs = self.inputs
        let nin = inputs.count, nout = outputs.count
        let fortran = shape.count > 1 && inputs.contains { $0.shape == shape }
            && inputs.filter { $0.shape == shape }.allSatisfy { $0.isFContiguous && !$0.isCContiguous }
        let outputs: [NDArray] = self.outputs.enumerated().map { index, given in
            if let given { return given }
            do {
                var array = try NDArray(checkedShape: shape, dtype: signature.outputs[index], zeroed: mask != nil)
                if fortran { array.strides = NDArray.contiguousStrides(shape: shape, itemSize: array.itemSize, fortran: true) }
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
            array.dtype == type ? nil : castFunction(from: array.dtype, to: type)
        }
        let outputCasts: [CastFunction?] = zip(outputs, signature.outputs).map { array, type in
            array.dtype == type ? nil : castFunction(from: type, to: array.dtype)
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
        return outputs
    }

    // MARK: The trivial path

    /// NumPy's `check_for_trivial_loop` + `try_trivial_single_output_loop`. `inputs` may be
    /// replaced by cast copies even when the path is not taken (NumPy keeps them too).
    private func runTrivial(_ inputs: inout [NDArray]) -> NDArray? {
        let signature = loop.signature
        let nin = inputs.count
        for i in 0..<nin where inputs[i].dtype != signature.inputs[i] {
            let input = inputs[i]
            guard input.ndim == 0 || (input.ndim == 1 && input.size <= UFuncExecution.bufferSize) else { return nil }
            inputs[i] = input.astype(signature.inputs[i])
        }
        let given = outputs[0]
        if let given, given.dtype != signature.outputs[0] { return nil }

        var operationShape: [Int]? = nil
        var order = 0  // 1: C, 2: F, 3: both
        var steps = [Int](repeating: 0, count: nin + 1)
        let operands: [NDArray] = inputs + (given.map { [$0] } ?? [])
        for (k, op) in operands.enumerated() {
            if op.ndim == 0 && k < nin { continue }
            if let known = operationShape {
                if known != op.shape { return nil }
            } else {
                operationShape = op.shape
            }
            if op.ndim == 1 {
                steps[k] = op.strides[0]
            } else {
                steps[k] = op.itemSize
                let flags = (op.isCContiguous ? 1 : 0) | (op.isFContiguous ? 2 : 0)
                if flags == 0 { return nil }
                if order == 0 { order = flags } else if order != flags { return nil }
            }
        }
        let opShape = operationShape ?? []
        if let given {
            for input in inputs where !UFuncExecution.equivalentlyIterable(input, given) { return nil }
            if given.ndim == 1 && given.strides[0] < given.itemSize && given.strides[0] != 0 { return nil }
        }
        let count = opShape.reduce(1, *)
        let outputType = signature.outputs[0]
        if given == nil { steps[nin] = outputType.itemSize }
        if loop.stridePolicy == .contiguousOnly {
            for k in 0...nin where steps[k] != signature.operands[k].itemSize && count > 1 { return nil }
        }
        var output: NDArray
        if let given {
            output = given
        } else {
            do {
                output = try NDArray(checkedShape: opShape, dtype: outputType, zeroed: false)
            } catch {
                fatalError("ufunc output: \(error)")
            }
            if order == 2 { output.strides = NDArray.contiguousStrides(shape: opShape, itemSize: outputType.itemSize, fortran: true) }
        }
        if count == 0 { return output }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nin + 1) { args in
            for k in 0..<nin { args[k] = inputs[k].baseAddress }
            args[nin] = output.baseAddress
            steps.withUnsafeBufferPointer { steps in
                loop(UnsafePointer(args.baseAddress!), count, steps.baseAddress!)
            }
        }
        return output
    }

    /// NumPy's `PyArray_EQUIVALENTLY_ITERABLE_OVERLAP_OK(input, output, read, no read)`:
    /// the input's memory does not overlap the output's, or it is read ahead of the
    /// output's writes in a single-stride walk. Overlap is judged from the byte extents
    /// (NumPy's bounded solver can also prove some interleaved views disjoint).
    static func equivalentlyIterable(_ input: NDArray, _ output: NDArray) -> Bool {
        func trivialStride(_ array: NDArray) -> Int { array.size == 1 ? 0 : (array.ndim == 1 ? array.strides[0] : array.itemSize) }
        let s1 = trivialStride(input)
        let sameView = input.sharesMemory(with: output) && input.offset == output.offset && input.shape == output.shape
            && input.strides == output.strides && input.dtype == output.dtype
        if sameView && s1 != 0 { return true }
        if !mayShareMemory(input, output) { return true }
        let s2 = trivialStride(output)
        let a = input.offset, b = output.offset
        if s1 > 0 { return s1 >= s2 && a >= b }
        if s1 < 0 { return s1 <= s2 && a <= b }
        return false
    }

    /// Whether two arrays' byte extents overlap (NumPy's `solve_may_share_memory` with a
    /// work bound of 1, up to its solver).
    static func mayShareMemory(_ a: NDArray, _ b: NDArray) -> Bool {
        guard a.sharesMemory(with: b), a.size > 0, b.size > 0 else { return false }
        return a.byteExtent.overlaps(b.byteExtent)
    }

    // MARK: The buffered iterator

    /// One operand of the iterator: inputs, then outputs, then the mask.
    private struct Operand {
        var array: NDArray
        /// The dtype the loop reads or writes.
        var loopType: DType
        var isOutput: Bool
        var isMask: Bool
        /// The base pointer of the first element in iteration order.
        var base: UnsafeMutableRawPointer
        /// Needs a cast (or a contiguous copy): always buffered.
        var cast = false
        /// A temporary standing in for an overlapping output, copied back at the end.
        var temporaryFor: NDArray? = nil
    }

    private struct Axis {
        var length: Int
        /// The original array axis (before permutation), or -1 for the 0-d axis.
        var dimension: Int
        var flipped = false
        var strides: [Int]
    }

    private func runIterator(_ inputs: [NDArray]) -> [NDArray] {
        let signature = loop.signature
        let nin = inputs.count, nout = outputs.count
        let ndim = shape.count
        let total = shape.reduce(1, *)

        // Operands in NumPy's order; outputs to allocate have no array yet (zero strides).
        var operands: [Operand] = []
        var allocate = [Bool](repeating: false, count: nout)
        for (i, input) in inputs.enumerated() {
            operands.append(Operand(array: input, loopType: signature.inputs[i], isOutput: false, isMask: false, base: input.baseAddress, cast: input.dtype != signature.inputs[i]))
        }
        for o in 0..<nout {
            if let output = outputs[o] {
                operands.append(Operand(array: output, loopType: signature.outputs[o], isOutput: true, isMask: false, base: output.baseAddress, cast: output.dtype != signature.outputs[o]))
            } else {
                allocate[o] = true
                let placeholder = NDArray.placeholder
                operands.append(Operand(array: placeholder, loopType: signature.outputs[o], isOutput: true, isMask: false, base: placeholder.baseAddress))
            }
        }
        if let mask {
            operands.append(Operand(array: mask, loopType: .bool, isOutput: false, isMask: true, base: mask.baseAddress))
        }
        let nop = operands.count

        // Axes, innermost first (NumPy's AXISDATA order is reversed C order).
        var axes: [Axis] = []
        if ndim == 0 {
            axes = [Axis(length: 1, dimension: -1, strides: [Int](repeating: 0, count: nop))]
        } else {
            for d in stride(from: ndim - 1, through: 0, by: -1) {
                var strides = [Int](repeating: 0, count: nop)
                for k in 0..<nop {
                    if k >= nin && k < nin + nout && allocate[k - nin] { continue }
                    let array = operands[k].array
                    let pad = ndim - array.ndim
                    if d < pad || shape[d] == 1 || array.shape[d - pad] == 1 { continue }
                    strides[k] = array.strides[d - pad]
                }
                axes.append(Axis(length: shape[d], dimension: d, strides: strides))
            }
        }

        // Best axis order: smallest strides innermost, C order winning conflicts.
        if axes.count > 1 {
            axes = IterationLayout.bestAxisOrder(axes.map(\.strides)).map { axes[$0] }
        }

        // Flip axes walked backwards by every operand, unless an output is allocated.
        if !allocate.contains(true) {
            for a in axes.indices {
                var anyNegative = false, anyPositive = false
                for k in 0..<nop {
                    if axes[a].strides[k] < 0 { anyNegative = true } else if axes[a].strides[k] > 0 { anyPositive = true; break }
                }
                if anyNegative && !anyPositive {
                    for k in 0..<nop {
                        operands[k].base += (axes[a].length - 1) * axes[a].strides[k]
                        axes[a].strides[k] = -axes[a].strides[k]
                    }
                    axes[a].flipped = true
                }
            }
        }

        // An output sharing memory with an operand it is read with (other than the very same
        // view) is computed into a temporary (NumPy's COPY_IF_OVERLAP).
        for k in nin..<(nin + nout) where !allocate[k - nin] {
            let output = operands[k].array
            for j in 0..<nop where j != k {
                // Operands read: inputs, the mask, and (with `where:`, which reads them)
                // the other given outputs not already replaced.
                if operands[j].isOutput && (mask == nil || allocate[j - nin] || operands[j].temporaryFor != nil) { continue }
                let other = operands[j].array
                let identical = output.sharesMemory(with: other) && output.offset == other.offset && output.shape == other.shape
                    && output.strides == other.strides && output.dtype == other.dtype
                    && !zip(output.shape, output.strides).contains { $0.0 > 1 && $0.1 == 0 }
                if identical { continue }
                if UFuncExecution.mayShareMemory(output, other) {
                    operands[k].temporaryFor = output
                    break
                }
            }
        }

        // Allocate outputs and temporaries contiguous in iteration order.
        for k in nin..<(nin + nout) where allocate[k - nin] || operands[k].temporaryFor != nil {
            let type = operands[k].loopType
            var array: NDArray
            do {
                array = try NDArray(checkedShape: shape, dtype: type, zeroed: mask != nil && operands[k].temporaryFor == nil)
            } catch {
                fatalError("ufunc output: \(error)")
            }
            var strides = [Int](repeating: 0, count: ndim)
            var step = type.itemSize
            for axis in axes where axis.dimension >= 0 {
                strides[axis.dimension] = step
                step *= axis.length
            }
            array.strides = strides
            if let original = operands[k].temporaryFor, mask != nil {
                // Masked calls read the output too: where the mask is false it keeps its values.
                NDArray.writeElements(from: original, through: array)
            }
            operands[k].array = array
            operands[k].base = array.baseAddress
            operands[k].cast = false
            for a in axes.indices where axes[a].dimension >= 0 && axes[a].length != 1 {
                let stride = strides[axes[a].dimension]
                if axes[a].flipped {
                    operands[k].base += (axes[a].length - 1) * stride
                    axes[a].strides[k] = -stride
                } else {
                    axes[a].strides[k] = stride
                }
            }
        }

        // Loops that take contiguous operands only: anything else goes through a buffer.
        if loop.stridePolicy == .contiguousOnly {
            for k in 0..<nop where !operands[k].isMask && axes[0].strides[k] != operands[k].loopType.itemSize {
                operands[k].cast = true
            }
        }

        // Coalesce neighbouring axes that every operand walks as one.
        if axes.count > 1 {
            var merged = [axes[0]]
            for axis in axes.dropFirst() {
                let last = merged.count - 1
                var can = true
                for k in 0..<nop {
                    let s0 = merged[last].strides[k], s1 = axis.strides[k]
                    if !((merged[last].length == 1 && s0 == 0) || (axis.length == 1 && s1 == 0)) && s0 * merged[last].length != s1 {
                        can = false
                        break
                    }
                }
                if can {
                    merged[last].length *= axis.length
                    for k in 0..<nop where merged[last].strides[k] == 0 { merged[last].strides[k] = axis.strides[k] }
                } else {
                    merged.append(axis)
                }
            }
            axes = merged
        }

        // NumPy's buffer setup (npyiter_find_buffering_setup): how many axes one call covers.
        let maximum = UFuncExecution.bufferSize
        var cost = 1 + operands.filter(\.cast).count
        var singleStrideAxes = [Int](repeating: 1, count: nop)
        var size = axes[0].length
        var bestAxis = 0, bestCost = cost, bestSize = size, bestCore = 1
        if axes.count > 1 {
            for axisIndex in 1..<axes.count {
                if size >= maximum && cost > 1 { break }
                let previous = axes[axisIndex - 1], current = axes[axisIndex]
                for k in 0..<nop where singleStrideAxes[k] == axisIndex {
                    if previous.strides[k] * previous.length == current.strides[k] {
                        singleStrideAxes[k] += 1
                        continue
                    }
                    if !operands[k].cast { cost += 1 }
                }
                let core = size
                size *= current.length
                if size == 0 { break }
                var bufferedSize = Double(size)
                if size > maximum && cost > 1 { bufferedSize = Double(maximum) }
                if Double(cost) * Double(bestSize) <= Double(bestCost) * bufferedSize {
                    bestCost = cost
                    bestCore = core
                    bestSize = size
                    bestAxis = axisIndex
                }
            }
        }
        var buffered = [Bool](repeating: false, count: nop)
        var innerSteps = [Int](repeating: 0, count: nop)
        for k in 0..<nop {
            let singleStride = singleStrideAxes[k] > bestAxis
            buffered[k] = operands[k].cast || !singleStride
            if buffered[k] {
                innerSteps[k] = singleStride && axes[0].strides[k] == 0 ? 0 : operands[k].loopType.itemSize
            } else {
                innerSteps[k] = axes[0].strides[k]
            }
        }
        if buffered.contains(true) && maximum < bestSize {
            bestSize = bestCore * (maximum / bestCore)
        }
        let transferSize = bestSize
        let blockSize = bestCore * axes[bestAxis].length

        var results: [NDArray] = []
        if total > 0 {
            execute(operands: operands, axes: axes, nin: nin, nout: nout, buffered: buffered, innerSteps: innerSteps, transferSize: transferSize, blockSize: blockSize, total: total)
        }
        // Temporaries back into the outputs they replaced.
        for k in nin..<(nin + nout) {
            if let original = operands[k].temporaryFor {
                NDArray.writeElements(from: operands[k].array, through: original)
                results.append(original)
            } else {
                results.append(operands[k].array)
            }
        }
        return results
    }

    /// The calls: chunks of `transferSize` elements that never cross a block (the axes one
    /// call covers), buffered operands copied (and cast) in and out around each call.
    private func execute(
        operands: [Operand], axes: [Axis], nin: Int, nout: Int, buffered: [Bool], innerSteps: [Int],
        transferSize: Int, blockSize: Int, total: Int
    ) {
        let nop = operands.count
        let nargs = nin + nout
        let maskIndex = mask == nil ? nil : nop - 1
        let lengths = axes.map(\.length)
        let chunkCapacity = Swift.min(transferSize, total)

        var buffers = [UnsafeMutableRawPointer?](repeating: nil, count: nop)
        var readCasts = [CastFunction?](repeating: nil, count: nop)
        var writeCasts = [CastFunction?](repeating: nil, count: nop)
        for k in 0..<nop where buffered[k] {
            let type = operands[k].loopType
            buffers[k] = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(chunkCapacity, 1) * type.itemSize, alignment: ArrayStorage.alignment)
            if !operands[k].isOutput {
                readCasts[k] = castFunction(from: operands[k].array.dtype, to: type)
            }
            if operands[k].isOutput {
                writeCasts[k] = castFunction(from: type, to: operands[k].array.dtype)
            }
        }
        defer { buffers.forEach { $0?.deallocate() } }

        // Walks `count` positions from flat iteration index `start`, run by run along the
        // innermost axis: body(index of the run's first position, positions before it, run length).
        func forEachRun(from start: Int, count: Int, _ body: (_ position: [Int], _ done: Int, _ length: Int) -> Void) {
            var index = [Int](repeating: 0, count: lengths.count)
            var rest = start
            for a in lengths.indices {
                index[a] = rest % lengths[a]
                rest /= lengths[a]
            }
            var done = 0
            while done < count {
                let length = Swift.min(lengths[0] - index[0], count - done)
                body(index, done, length)
                done += length
                index[0] += length
                var a = 0
                while a < lengths.count - 1 && index[a] >= lengths[a] {
                    index[a] = 0
                    index[a + 1] += 1
                    a += 1
                }
            }
        }
        func pointer(_ k: Int, _ index: [Int]) -> UnsafeMutableRawPointer {
            var p = operands[k].base
            for a in index.indices { p += index[a] * axes[a].strides[k] }
            return p
        }

        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nargs) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: nargs) { steps in
                for k in 0..<nargs { steps[k] = innerSteps[k] }
                var position = 0
                while position < total {
                    let offset = position % blockSize
                    let n = Swift.min(transferSize, blockSize - offset, total - position)
                    var startIndex = [Int](repeating: 0, count: lengths.count)
                    var rest = position
                    for a in lengths.indices {
                        startIndex[a] = rest % lengths[a]
                        rest /= lengths[a]
                    }
                    // Inputs (and the mask) into their buffers.
                    for k in 0..<nop where buffered[k] {
                        guard let cast = readCasts[k] else { continue }
                        let buffer = buffers[k]!
                        let itemSize = operands[k].loopType.itemSize
                        if innerSteps[k] == 0 {
                            cast(pointer(k, startIndex), 0, buffer, itemSize, 1)
                        } else {
                            forEachRun(from: position, count: n) { index, done, length in
                                cast(pointer(k, index), axes[0].strides[k], buffer + done * itemSize, itemSize, length)
                            }
                        }
                    }
                    for k in 0..<nargs {
                        args[k] = buffered[k] ? buffers[k] : pointer(k, startIndex)
                    }
                    let (mask, maskStep): (UnsafeMutableRawPointer?, Int) = maskIndex.map {
                        (buffered[$0] ? buffers[$0]! : pointer($0, startIndex), innerSteps[$0])
                    } ?? (nil, 0)
                    if let mask {
                        // NumPy's masked loop: one call per run of true mask values.
                        var i = 0
                        while i < n {
                            while i < n && !mask.load(fromByteOffset: i * maskStep, as: Bool.self) { i += 1 }
                            var end = i
                            while end < n && mask.load(fromByteOffset: end * maskStep, as: Bool.self) { end += 1 }
                            if end > i {
                                withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: nargs) { runArgs in
                                    for k in 0..<nargs { runArgs[k] = args[k]! + i * steps[k] }
                                    loop(UnsafePointer(runArgs.baseAddress!), end - i, UnsafePointer(steps.baseAddress!))
                                }
                            }
                            i = end
                        }
                    } else {
                        loop(UnsafePointer(args.baseAddress!), n, UnsafePointer(steps.baseAddress!))
                    }
                    // Buffered outputs back (where the mask is true).
                    for k in nin..<nargs where buffered[k] {
                        let cast = writeCasts[k]!
                        let buffer = buffers[k]!
                        let itemSize = operands[k].loopType.itemSize
                        forEachRun(from: position, count: n) { index, done, length in
                            let target = pointer(k, index)
                            let targetStride = axes[0].strides[k]
                            if let mask {
                                var i = 0
                                while i < length {
                                    while i < length && !mask.load(fromByteOffset: (done + i) * maskStep, as: Bool.self) { i += 1 }
                                    var end = i
                                    while end < length && mask.load(fromByteOffset: (done + end) * maskStep, as: Bool.self) { end += 1 }
                                    if end > i {
                                        cast(buffer + (done + i) * itemSize, itemSize, target + i * targetStride, targetStride, end - i)
                                    }
                                    i = end
                                }
                            } else {
                                cast(buffer + done * itemSize, itemSize, target, targetStride, length)
                            }
                        }
                    }
                    position += n
                }
            }
        }
    }
}
