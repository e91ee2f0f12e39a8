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

    /// The non-throwing spelling used by the free functions: stops with the message.
    func callOrStop(_ inputs: [NDArray], _ function: String) -> NDArray {
        do {
            return try apply(inputs)[0]
        } catch {
            preconditionFailure("\(function): \(error)")
        }
    }

    func apply(
        _ inputs: [NDArray],
        registry: LoopRegistry? = nil,
        dtype: DType? = nil,
        loopSignature: LoopSignature? = nil
    ) throws -> [NDArray] {
        let shapes = inputs.map { shapeText($0.shape) }.joined(separator: " and ")
        guard inputs.count == inputCount else {
            throw TesseraError(.shapeMismatch, "\(name) takes \(inputCount) inputs, got \(inputs.count)")
        }

        // Which core dimensions each input has; optional ones may be left out.
        var missing: Set<String> = []
        var present: [[CoreSignature.Dimension]] = []
        for (index, (input, dims)) in zip(inputs, signature.inputs).enumerated() {
            if input.ndim >= dims.count {
                present.append(dims)
                continue
            }
            let optionalCount = dims.lazy.filter(\.isOptional).count
            let lacking = dims.count - input.ndim
            guard lacking <= optionalCount else {
                throw TesseraError(
                    .shapeMismatch,
                    "\(name): input operand \(index) does not have enough dimensions (has \(input.ndim), gufunc core with signature \(signature) requires \(dims.count - optionalCount)); shapes \(shapes)"
                )
            }
            var dropped = 0
            var kept: [CoreSignature.Dimension] = []
            for dim in dims {
                if dim.isOptional && dropped < lacking {
                    missing.insert(dim.name)
                    dropped += 1
                } else {
                    kept.append(dim)
                }
            }
            present.append(kept)
        }
        if !missing.isEmpty, let name = present.joined().first(where: { missing.contains($0.name) })?.name {
            throw TesseraError(.shapeMismatch, "\(self.name): optional core dimension `\(name)` is missing in one operand and present in another; shapes \(shapes), signature \(signature)")
        }

        // Core sizes: every operand that names a dimension must agree on its size.
        var sizes: [String: Int] = [:]
        for (index, (input, dims)) in zip(inputs, present).enumerated() {
            for (position, dim) in dims.enumerated() {
                let length = input.shape[input.ndim - dims.count + position]
                if let known = sizes[dim.name], known != length {
                    throw TesseraError(
                        .shapeMismatch,
                        "\(name): input operand \(index) has a mismatch in its core dimension \(position) (`\(dim.name)`), with gufunc signature \(signature) (size \(length) is different from \(known)); shapes \(shapes)"
                    )
                }
                sizes[dim.name] = length
            }
        }
        for name in missing { sizes[name] = 1 }

        // Loop (batch) dimensions broadcast like a ufunc's.
        let batchShapes = zip(inputs, present).map { Array($0.shape.dropLast($1.count)) }
        let batch: [Int]
        do {
            batch = try broadcastShapes(batchShapes)
        } catch {
            throw TesseraError(
                .shapeMismatch,
                "\(name): operands with shapes \(shapes) could not be broadcast: their loop dimensions \(batchShapes.map(shapeText).joined(separator: " and ")) do not broadcast (signature \(signature))"
            )
        }

        let resolved = try loopKey.resolve(operands: inputs.map { .array($0) }, registry: registry ?? Backends.active, dtype: dtype, signature: loopSignature)
        let loop = resolved.loop
        // Inputs are cast whole to the loop's dtypes before the call.
        var operands: [NDArray] = []
        operands.reserveCapacity(inputs.count)
        for (input, loopType) in zip(inputs, loop.signature.inputs) {
            if input.dtype == loopType {
                operands.append(input)
                continue
            }
            guard input.dtype.canCast(to: loopType, casting: .sameKind) else {
                throw TesseraError(.castingError, "\(name): cannot cast input from \(input.dtype) to \(loopType) (loop \(loop.signature)) with casting 'same_kind'")
            }
            operands.append(input.astypeUnchecked(loopType, order: .keep))
        }

        var outputs: [NDArray] = []
        for (index, dims) in signature.outputs.enumerated() {
            let core = dims.filter { !missing.contains($0.name) }.map { sizes[$0.name]! }
            outputs.append(try NDArray(checkedShape: batch + core, dtype: loop.signature.outputs[index]))
        }
        if outputs.contains(where: { $0.size == 0 }) { return outputs }
        run(loop, inputs: operands, present: present, outputs: outputs, batch: batch, missing: missing, sizes: sizes)
        return outputs
    }

    /// The outer loop: one loop call per innermost run of the loop dimensions.
    private func run(
        _ loop: InnerLoop, inputs: [NDArray], present: [[CoreSignature.Dimension]], outputs: [NDArray],
        batch: [Int], missing: Set<String>, sizes: [String: Int]
    ) {
        let operandCount = inputs.count + outputs.count
        var batchStrides: [[Int]] = []
        var steps = [Int](repeating: 0, count: operandCount)
        func coreStrides(of array: NDArray, dims: [CoreSignature.Dimension], coreCount: Int) {
            var axis = array.ndim - coreCount
            for dim in dims {
                if missing.contains(dim.name) {
                    steps.append(0)
                } else {
                    steps.append(array.shape[axis] == 1 ? 0 : array.strides[axis])
                    axis += 1
                }
            }
        }
        func loopStrides(of array: NDArray, coreCount: Int) -> [Int] {
            let ownBatch = array.ndim - coreCount
            var result = [Int](repeating: 0, count: batch.count)
            let pad = batch.count - ownBatch
            for axis in 0..<ownBatch where array.shape[axis] != 1 {
                result[pad + axis] = array.strides[axis]
            }
            return result
        }
        for (index, input) in inputs.enumerated() {
            batchStrides.append(loopStrides(of: input, coreCount: present[index].count))
            coreStrides(of: input, dims: signature.inputs[index], coreCount: present[index].count)
        }
        for (index, output) in outputs.enumerated() {
            let count = signature.outputs[index].lazy.filter { !missing.contains($0.name) }.count
            batchStrides.append(loopStrides(of: output, coreCount: count))
            coreStrides(of: output, dims: signature.outputs[index], coreCount: count)
        }
        for name in signature.dimensionNames { steps.append(sizes[name]!) }

        let bases = inputs.map(\.baseAddress) + outputs.map(\.baseAddress)
        let layout = IterationLayout(shape: batch, strides: batchStrides)
        withExtendedLifetime(inputs) {
            withExtendedLifetime(outputs) {
                steps.withUnsafeMutableBufferPointer { allSteps in
                    layout.forEachRun(bases: bases) { pointers, count, outerSteps in
                        for operand in 0..<operandCount { allSteps[operand] = outerSteps[operand] }
                        loop.function(pointers, count, allSteps.baseAddress, loop.data)
                    }
                }
            }
        }
    }
}

/// A shape as NumPy prints it: `(2,3)`, `(5,)`, `()`.
func shapeText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
}
