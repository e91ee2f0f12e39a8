/// Calling a gufunc: core-dimension matching, loop-dimension broadcasting, type
/// resolution like a ufunc's, output allocation and the outer loop.
extension GUFunc {
    /// Calls a one-output gufunc: `try GUFunc.matmul(a, b)`.
    ///
    /// - Parameters:
    ///   - dtype: the output dtype to compute in (NumPy's `dtype=`).
    ///   - signature: the exact loop to use, e.g. `"ff->f"`.
    /// - Throws: ``TesseraError`` when an operand has too few axes, core dimensions
    ///   disagree, loop dimensions do not broadcast, or no loop accepts the dtypes.
    public func callAsFunction(_ inputs: NDArray..., dtype: DType? = nil, signature: String? = nil) throws -> NDArray {
        try call(inputs, dtype: dtype, signature: signature)[0]
    }

    /// Calls the gufunc and returns all its outputs.
    public func call(_ inputs: [NDArray], dtype: DType? = nil, signature: String? = nil) throws -> [NDArray] {
        try apply(inputs, dtype: dtype, loopSignature: signature.map(LoopSignature.init))
    }

    /// The non-throwing spelling used by the free functions: stops with the message,
    /// which names the gufunc and the shapes.
    func callOrStop(_ inputs: [NDArray]) -> NDArray {
        do {
            return try apply(inputs)[0]
        } catch let error as TesseraError where error.message.hasPrefix(name) {
            // fatalError, not preconditionFailure: -O builds drop a precondition's message.
            fatalError(error.message)
        } catch {
            fatalError("\(name): \(error)")
        }
    }

    func apply(
        _ inputs: [NDArray],
        registry: LoopRegistry? = nil,
        dtype: DType? = nil,
        loopSignature: LoopSignature? = nil
    ) throws -> [NDArray] {
        // Built only for error messages: formatting costs more than a small product.
        func shapes() -> String { inputs.map { shapeText($0.shape) }.joined(separator: " and ") }
        guard inputs.count == inputCount else {
            throw TesseraError(.operandCount, "\(name) takes \(inputCount) input\(inputCount == 1 ? "" : "s"), got \(inputs.count); pass exactly \(inputCount)")
        }
        let dimensionCount = signature.dimensionNames.count
        // Per-call bookkeeping on the stack: heap arrays cost more than a small product.
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * dimensionCount + inputs.count) { scratch in
            scratch.initialize(repeating: 0)
            let missing = scratch.baseAddress!, sizes = missing + dimensionCount, presentCounts = sizes + dimensionCount
            return try apply(inputs, registry: registry, dtype: dtype, loopSignature: loopSignature, missing: missing, sizes: sizes, presentCounts: presentCounts)
        }
    }

    /// `apply` with its scratch: `missing[d]` (1 if optional dimension d is left out),
    /// `sizes[d]`, and `presentCounts[i]` (core axes input i has).
    private func apply(
        _ inputs: [NDArray], registry: LoopRegistry?, dtype: DType?, loopSignature: LoopSignature?,
        missing: UnsafeMutablePointer<Int>, sizes: UnsafeMutablePointer<Int>, presentCounts: UnsafeMutablePointer<Int>
    ) throws -> [NDArray] {
        func shapes() -> String { inputs.map { shapeText($0.shape) }.joined(separator: " and ") }
        let layout = coreLayout
        let dimensionCount = signature.dimensionNames.count
        // Which core dimensions each input has; optional ones may be left out.
        var anyMissing = false
        for index in inputs.indices {
            let input = inputs[index], dims = layout.inputs[index]
            if input.ndim >= dims.count {
                presentCounts[index] = dims.count
                continue
            }
            let optionalCount = dims.lazy.filter { layout.isOptional[$0] }.count
            let lacking = dims.count - input.ndim
            guard lacking <= optionalCount else {
                throw TesseraError(
                    .shapeMismatch,
                    "\(name): input operand \(index) does not have enough dimensions (has \(input.ndim), gufunc core with signature \(signature) requires \(dims.count - optionalCount)); shapes \(shapes())"
                )
            }
            var dropped = 0
            for dim in dims where layout.isOptional[dim] && dropped < lacking {
                missing[dim] = 1
                dropped += 1
            }
            presentCounts[index] = dims.count - lacking
            anyMissing = true
        }
        // Core sizes: every operand that names a dimension must agree on its size.
        for dim in 0..<dimensionCount { sizes[dim] = -1 }
        for index in inputs.indices {
            let input = inputs[index]
            var axis = input.ndim - presentCounts[index]
            var position = 0
            for dim in layout.inputs[index] {
                if anyMissing && missing[dim] != 0 {
                    if input.ndim >= layout.inputs[index].count || !layout.isOptional[dim] {
                        throw TesseraError(.shapeMismatch, "\(name): optional core dimension `\(signature.dimensionNames[dim])` is missing in one operand and present in another; shapes \(shapes()), signature \(signature)")
                    }
                    continue
                }
                let length = input.axisLength(axis)
                if sizes[dim] >= 0 && sizes[dim] != length {
                    throw TesseraError(
                        .shapeMismatch,
                        "\(name): input operand \(index) has a mismatch in its core dimension \(position) (`\(signature.dimensionNames[dim])`), with gufunc signature \(signature) (size \(length) is different from \(sizes[dim])); shapes \(shapes())"
                    )
                }
                sizes[dim] = length
                axis += 1
                position += 1
            }
        }
        for dim in 0..<dimensionCount where missing[dim] != 0 { sizes[dim] = 1 }
        deriveSizes?(sizes)

        // Loop (batch) dimensions broadcast like a ufunc's.
        var batch: [Int] = []
        if inputs.indices.contains(where: { inputs[$0].ndim > presentCounts[$0] }) {
            let batchShapes = inputs.indices.map { Array(inputs[$0].shape.dropLast(presentCounts[$0])) }
            do {
                batch = try broadcastShapes(batchShapes)
            } catch {
                throw TesseraError(
                    .shapeMismatch,
                    "\(name): operands with shapes \(shapes()) could not be broadcast: their loop dimensions \(batchShapes.map(shapeText).joined(separator: " and ")) do not broadcast (signature \(signature))"
                )
            }
        }

        let loop = try resolveLoop(inputs, registry: registry ?? Backends.active, dtype: dtype, loopSignature: loopSignature)
        let signatureTypes = loop.signature
        // Inputs are cast whole to the loop's dtypes before the call.
        var operands = inputs
        for index in inputs.indices where inputs[index].dtype != signatureTypes.inputs[index] {
            let input = inputs[index], loopType = signatureTypes.inputs[index]
            guard input.dtype.canCast(to: loopType, casting: .sameKind) else {
                throw TesseraError(.castingError, "\(name): cannot cast input from \(input.dtype) to \(loopType) (loop \(signatureTypes)) with casting 'same_kind'")
            }
            operands[index] = input.astypeUnchecked(loopType, order: .keep)
        }

        var outputs: [NDArray] = []
        outputs.reserveCapacity(outputCount)
        var outputCoreCounts: [Int] = []
        outputCoreCounts.reserveCapacity(outputCount)
        for (index, dims) in layout.outputs.enumerated() {
            var shape: [Int] = []
            shape.reserveCapacity(batch.count + dims.count)
            shape.append(contentsOf: batch)
            for dim in dims where missing[dim] == 0 { shape.append(sizes[dim]) }
            outputCoreCounts.append(shape.count - batch.count)
            // Not zero-filled: the core loop writes every element (NumPy's `empty`).
            let outputType = signatureTypes.outputs[index]
            let byteCount = try NDArray.checkedByteCount(shape: shape, dtype: outputType)
            outputs.append(NDArray(
                storage: ArrayStorage.make(byteCount: byteCount, zeroed: false), dtype: outputType, shape: shape,
                strides: NDArray.contiguousStrides(shape: shape, itemSize: outputType.itemSize), offset: 0
            ))
        }
        if outputs.contains(where: { $0.size == 0 }) { return outputs }
        run(loop, inputs: operands, presentCounts: presentCounts, outputs: outputs, outputCoreCounts: outputCoreCounts, batch: batch, missing: missing, sizes: sizes)
        return outputs
    }

    /// Type resolution, cached like a ufunc's (``ResolutionCache``, per thread, keyed by
    /// the loop table, the registry's serial and generation, and the input dtypes): the
    /// same call repeated (the common case) skips the table search.
    private func resolveLoop(_ inputs: [NDArray], registry: LoopRegistry, dtype: DType?, loopSignature: LoopSignature?) throws -> InnerLoop {
        guard dtype == nil, loopSignature == nil, inputs.count <= 7 else {
            return try loopKey.resolve(operands: inputs.map { .array($0) }, registry: registry, dtype: dtype, signature: loopSignature).loop
        }
        // One byte per input dtype, the input count in the top byte.
        var key = UInt64(inputs.count) << 56
        for (index, input) in inputs.enumerated() { key |= UInt64(input.dtype.rawValue) << (8 * index) }
        if let cached = ResolutionCache.lookup(loopKey, key: key, registry: registry) { return cached.loop }
        let generation = registry.generation
        let loop = try loopKey.resolve(operands: inputs.map { .array($0) }, registry: registry, dtype: nil, signature: nil).loop
        ResolutionCache.store(FastResolution(loop: loop, operandTypes: inputs.map(\.dtype)), for: loopKey, key: key, registry: registry, generation: generation)
        return loop
    }

    /// The outer loop: one loop call per innermost run of the loop dimensions.
    private func run(
        _ loop: InnerLoop, inputs: [NDArray], presentCounts: UnsafeMutablePointer<Int>, outputs: [NDArray], outputCoreCounts: [Int],
        batch: [Int], missing: UnsafeMutablePointer<Int>, sizes: UnsafeMutablePointer<Int>
    ) {
        let operandCount = inputs.count + outputs.count
        let stepCount = operandCount + coreLayout.coreAxisCount + signature.dimensionNames.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: stepCount) { steps in
            fillCoreSteps(steps, inputs: inputs, presentCounts: presentCounts, outputs: outputs, outputCoreCounts: outputCoreCounts, missing: missing, sizes: sizes)
            withExtendedLifetime(inputs) {
                withExtendedLifetime(outputs) {
                    callLoop(loop, steps: steps, inputs: inputs, presentCounts: presentCounts, outputs: outputs, outputCoreCounts: outputCoreCounts, batch: batch)
                }
            }
        }
    }

    /// Writes the core strides (after the `nargs` outer strides) and the core sizes.
    private func fillCoreSteps(
        _ steps: UnsafeMutableBufferPointer<Int>, inputs: [NDArray], presentCounts: UnsafeMutablePointer<Int>, outputs: [NDArray],
        outputCoreCounts: [Int], missing: UnsafeMutablePointer<Int>, sizes: UnsafeMutablePointer<Int>
    ) {
        var filled = inputs.count + outputs.count
        func appendCoreStrides(of array: NDArray, dims: [Int], coreCount: Int) {
            var axis = array.ndim - coreCount
            for dim in dims {
                if missing[dim] != 0 {
                    steps[filled] = 0
                } else {
                    steps[filled] = array.axisLength(axis) == 1 ? 0 : array.axisStride(axis)
                    axis += 1
                }
                filled += 1
            }
        }
        for index in inputs.indices {
            appendCoreStrides(of: inputs[index], dims: coreLayout.inputs[index], coreCount: presentCounts[index])
        }
        for index in outputs.indices {
            appendCoreStrides(of: outputs[index], dims: coreLayout.outputs[index], coreCount: outputCoreCounts[index])
        }
        for dim in signature.dimensionNames.indices { steps[filled + dim] = sizes[dim] }
    }

    /// Calls the loop once without loop dimensions, else once per innermost run of them.
    private func callLoop(
        _ loop: InnerLoop, steps: UnsafeMutableBufferPointer<Int>, inputs: [NDArray], presentCounts: UnsafeMutablePointer<Int>,
        outputs: [NDArray], outputCoreCounts: [Int], batch: [Int]
    ) {
        let operandCount = inputs.count + outputs.count
        let function = loop.function, data = loop.data
        if batch.isEmpty {
            for operand in 0..<operandCount { steps[operand] = 0 }
            withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: operandCount) { pointers in
                for index in inputs.indices { pointers[index] = inputs[index].baseAddress }
                for index in outputs.indices { pointers[inputs.count + index] = outputs[index].baseAddress }
                function(UnsafePointer(pointers.baseAddress), 1, steps.baseAddress, data)
            }
            return
        }
        func loopStrides(of array: NDArray, coreCount: Int) -> [Int] {
            let ownBatch = array.ndim - coreCount
            var result = [Int](repeating: 0, count: batch.count)
            let pad = batch.count - ownBatch
            for axis in 0..<ownBatch where array.axisLength(axis) != 1 {
                result[pad + axis] = array.axisStride(axis)
            }
            return result
        }
        let batchStrides = inputs.indices.map { loopStrides(of: inputs[$0], coreCount: presentCounts[$0]) }
            + outputs.indices.map { loopStrides(of: outputs[$0], coreCount: outputCoreCounts[$0]) }
        let bases = inputs.map(\.baseAddress) + outputs.map(\.baseAddress)
        IterationLayout(shape: batch, strides: batchStrides).forEachRun(bases: bases) { pointers, count, outerSteps in
            for operand in 0..<operandCount { steps[operand] = outerSteps[operand] }
            function(pointers, count, steps.baseAddress, data)
        }
    }
}

/// A gufunc's core dimensions as indices into ``CoreSignature/dimensionNames``.
struct CoreLayout: Sendable {
    let inputs: [[Int]]
    let outputs: [[Int]]
    let isOptional: [Bool]
    let coreAxisCount: Int

    init(_ signature: CoreSignature) {
        coreAxisCount = signature.coreAxisCount
        let index = Dictionary(uniqueKeysWithValues: signature.dimensionNames.enumerated().map { ($1, $0) })
        inputs = signature.inputs.map { $0.map { index[$0.name]! } }
        outputs = signature.outputs.map { $0.map { index[$0.name]! } }
        var optional = [Bool](repeating: false, count: signature.dimensionNames.count)
        for dim in (signature.inputs + signature.outputs).joined() where dim.isOptional { optional[index[dim.name]!] = true }
        isOptional = optional
    }
}

/// A shape as NumPy prints it: `(2,3)`, `(5,)`, `()`.
func shapeText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
}
