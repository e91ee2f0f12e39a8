extension UFunc {
    /// Calls the ufunc and returns its outputs (two for `divmod`, `modf`, `frexp`).
    ///
    /// - Parameters:
    ///   - inputs: arrays or Swift scalars (weak, NEP 50); they broadcast together.
    ///   - out: existing arrays to write into, one per output (or `nil` to allocate); each
    ///     must have the broadcast shape. Written where `where` is true, untouched elsewhere.
    ///   - where: a bool mask broadcast against the inputs; new outputs hold 0 where it is false.
    ///   - dtype: the output dtype to compute in (NumPy's `dtype=`).
    ///   - signature: the exact loop to use, e.g. `"ff->f"` (NumPy's `signature=`).
    ///   - casting: the rule for casting inputs to the loop and the loop's results into `out`.
    /// - Throws: ``TesseraError`` for shapes that do not broadcast, no matching loop,
    ///   a weak integer that does not fit, or a cast `casting` forbids.
    public func call(
        _ inputs: [any UFuncOperand],
        out: [NDArray?]? = nil,
        where mask: NDArray? = nil,
        dtype: DType? = nil,
        signature: String? = nil,
        casting: DType.Casting = .sameKind
    ) throws -> [NDArray] {
        var outputs: [NDArray?] = out ?? Array(repeating: nil, count: outputCount)
        try apply(inputs.map(\.ufuncOperand), outputs: &outputs, mask: mask, dtype: dtype, signature: signature.map(LoopSignature.init), casting: casting)
        return outputs.map { $0! }
    }

    /// Calls a one-output ufunc: `try UFunc.add(a, b)`.
    public func callAsFunction(
        _ inputs: any UFuncOperand...,
        where mask: NDArray? = nil,
        dtype: DType? = nil,
        signature: String? = nil,
        casting: DType.Casting = .sameKind
    ) throws -> NDArray {
        guard outputCount == 1 else {
            throw TesseraError(.multipleOutputs, "ufunc '\(name)' has \(outputCount) outputs and this call returns one; use call(_:) to get all \(outputCount)")
        }
        return try call(inputs, where: mask, dtype: dtype, signature: signature, casting: casting)[0]
    }

    /// Calls a one-input, one-output ufunc: `try UFunc.exp(a)`. The same call as the
    /// variadic form, without building an array of existentials (the small-call path).
    public func callAsFunction(_ x: NDArray) throws -> NDArray {
        try callOneArray(x)
    }

    /// Calls a two-input, one-output ufunc: `try UFunc.add(a, b)`. The same call as the
    /// variadic form, without building an array of existentials (the small-call path).
    public func callAsFunction(_ x: some UFuncOperand, _ y: some UFuncOperand) throws -> NDArray {
        try callOneOutput(x.ufuncOperand, y.ufuncOperand)
    }

    /// Calls a two-input, one-output ufunc on two arrays: `try UFunc.add(a, b)`.
    public func callAsFunction(_ x: NDArray, _ y: NDArray) throws -> NDArray {
        try callTwoArrays(x, y)
    }

    /// One array, one output, no keywords: the borrowed-array fast path
    /// (``fastCallArray(_:registry:)``), else ``callOneOutput(_:_:registry:)``.
    @inline(__always)
    func callOneArray(_ x: NDArray) throws -> NDArray {
        let registry = Backends.active
        if let result = try fastCallArray(x, registry: registry) { return result }
        return try callOneOutputOperands(x, registry: registry)
    }

    /// Two arrays, one output, no keywords: the borrowed-array fast path
    /// (``fastCallArrays(_:_:registry:)``), else ``callOneOutput(_:_:registry:)``.
    ///
    /// Separate from the one-array form, and with no `NDArray?` beside an `NDArray`: a
    /// pair of arrays is a twelve-field aggregate, which the optimiser destroys through
    /// the tuple's runtime metadata rather than field by field.
    @inline(__always)
    func callTwoArrays(_ x: NDArray, _ y: NDArray) throws -> NDArray {
        let registry = Backends.active
        if let result = try fastCallArrays(x, y, registry: registry) { return result }
        return try callOneOutputOperands(x, y, registry: registry)
    }

    /// The operand path of ``callOneArray(_:)``, out of line so the fast path builds no ``Operand``.
    @inline(never)
    func callOneOutputOperands(_ x: NDArray, registry: LoopRegistry) throws -> NDArray {
        try callOneOutput(.array(x), nil, registry: registry)
    }

    /// The operand path of ``callTwoArrays(_:_:)``, out of line so the fast path builds no ``Operand``.
    @inline(never)
    func callOneOutputOperands(_ x: NDArray, _ y: NDArray, registry: LoopRegistry) throws -> NDArray {
        try callOneOutput(.array(x), .array(y), registry: registry)
    }

    /// One or two operands, one output, no keywords: the fast path, else the general one.
    @inline(__always)
    func callOneOutput(_ x: Operand, _ y: Operand?, registry: LoopRegistry = Backends.active) throws -> NDArray {
        guard outputCount == 1 else {
            throw TesseraError(.multipleOutputs, "ufunc '\(name)' has \(outputCount) outputs and this call returns one; use call(_:) to get all \(outputCount)")
        }
        if let result = try fastCall(x, y, registry: registry) { return result }
        var outputs: [NDArray?] = [nil]
        try apply(y.map { [x, $0] } ?? [x], outputs: &outputs, mask: nil, dtype: nil, signature: nil, casting: .sameKind, registry: registry)
        return outputs[0]!
    }

    /// Calls a one-output ufunc writing into `out` (NumPy's `out=`).
    public func callAsFunction(
        _ inputs: any UFuncOperand...,
        out: inout NDArray,
        where mask: NDArray? = nil,
        dtype: DType? = nil,
        signature: String? = nil,
        casting: DType.Casting = .sameKind
    ) throws {
        guard outputCount == 1 else {
            throw TesseraError(.multipleOutputs, "ufunc '\(name)' has \(outputCount) outputs and this call writes one; use call(_:out:) with one array (or nil) per output")
        }
        var outputs: [NDArray?] = [out]
        out = NDArray.placeholder  // drop our reference so the output can be written without a copy
        defer { out = outputs[0]! }
        try apply(inputs.map(\.ufuncOperand), outputs: &outputs, mask: mask, dtype: dtype, signature: signature.map(LoopSignature.init), casting: casting)
    }

    /// The one call path every spelling takes.
    func apply(
        _ givenOperands: [Operand],
        outputs: inout [NDArray?],
        mask: NDArray?,
        dtype: DType?,
        signature: LoopSignature?,
        casting: DType.Casting,
        registry: LoopRegistry? = nil,
        assumeOutputsWritable: Bool = false
    ) throws {
        var mask = mask
        let operands = try normalizedOperands(givenOperands)
        guard operands.count == inputCount else {
            throw TesseraError(.operandCount, "ufunc '\(name)' takes \(inputCount) input\(inputCount == 1 ? "" : "s"), got \(operands.count); pass exactly \(inputCount) (arrays or Swift scalars)")
        }
        guard outputs.count == outputCount else {
            throw TesseraError(.operandCount, "ufunc '\(name)' has \(outputCount) output\(outputCount == 1 ? "" : "s"), got \(outputs.count) in out:; pass one array (or nil, to allocate it) per output")
        }
        if let mask, mask.dtype != .bool {
            throw TesseraError(.castingError, "where: must be a bool array, not \(mask.dtype)")
        }
        let registry = registry ?? Backends.active
        if mask == nil, dtype == nil, signature == nil, outputs.count == 1, outputs[0] == nil, operands.count == 1 || operands.count == 2,
           let result = try fastCall(operands[0], operands.count == 2 ? operands[1] : nil, registry: registry)
        {
            outputs[0] = result
            return
        }
        let resolved = try resolve(operands: operands, registry: registry, dtype: dtype, signature: signature)
        let loop = resolved.loop

        // Inputs: arrays as they are (cast chunk-wise later), weak scalars as 0-d arrays of
        // the loop's input dtype, converted once from full precision as NumPy does: a Swift
        // Double meeting a float32 array in a float64 loop (`float_power`) is not rounded to
        // float32 first, and a Swift Int out of range for a uint8 array is fine in a float64
        // loop (`divide`).
        var inputs: [NDArray] = []
        for (operand, loopType) in zip(operands, loop.signature.inputs) {
            switch operand {
            case .array(let array): inputs.append(array)
            case .weak(let scalar): inputs.append(try scalar.materialize(as: loopType))
            }
        }
        for (input, loopType) in zip(inputs, loop.signature.inputs) where !input.dtype.canCast(to: loopType, casting: casting == .unsafe ? .unsafe : .sameKind) {
            throw TesseraError(.castingError, "ufunc '\(name)': cannot cast input from \(input.dtype) to \(loopType) (loop \(loop.signature)) with casting '\(casting.rawValue)'")
        }

        // Broadcasting: inputs, mask and given outputs; outputs must already have the result shape.
        var shapes = inputs.map(\.shape)
        if let mask { shapes.append(mask.shape) }
        let inputShape = try broadcastShapes(shapes)
        let givenOutputShapes = outputs.compactMap { $0?.shape }
        let shape = try broadcastShapes([inputShape] + givenOutputShapes)
        for (index, output) in outputs.enumerated() {
            guard var output else { continue }
            guard output.shape == shape else {
                throw TesseraError(.shapeMismatch, "ufunc '\(name)': out\(outputCount > 1 ? "[\(index)]" : "") has shape \(output.shape) but the result has shape \(shape)")
            }
            let loopType = loop.signature.outputs[index]
            guard loopType.canCast(to: output.dtype, casting: casting) else {
                throw TesseraError(.castingError, "ufunc '\(name)' output (typecode '\(loopType.character)') could not be coerced to provided output parameter (typecode '\(output.dtype.character)') according to the casting rule '\(casting.rawValue)'")
            }
            if !assumeOutputsWritable {
                outputs[index] = nil
                _ = output.makeUniqueForWriting()
                outputs[index] = output
            }
        }
        // New outputs are allocated, and inputs overlapping an output handled, by the
        // execution (UFuncExecution).
        let results = UFuncExecution(loop: loop, inputs: inputs, outputs: outputs, mask: mask, shape: shape).run()
        for index in outputs.indices { outputs[index] = results[index] }
    }
}

extension UFunc {
    /// The logical ufuncs read a Swift scalar as a truth value first, as NumPy does for
    /// Python scalars (`logical_xor(-7, uint8Array)`, `logical_and(float16Array, 5e-324)`).
    func normalizedOperands(_ operands: [Operand]) throws -> [Operand] {
        guard readsScalarsAsTruthValues else { return operands }
        return try operands.map { operand in
            guard case .weak(let scalar) = operand else { return operand }
            if case .uint(let value) = scalar {
                // NumPy converts the Python int to a C long first.
                throw TesseraError(.valueError, "Swift integer \(value) is too large for '\(name)', which reads integers as int64 (as NumPy does)")
            }
            return .weak(.bool(scalar.isNonZero))
        }
    }
}

extension WeakScalar {
    /// Truth value, as Python's `bool()`: non-zero, and NaN is true.
    var isNonZero: Bool {
        switch self {
        case .bool(let value): value
        case .int(let value): value != 0
        case .uint(let value): value != 0
        case .float(let value): value != 0 || value.isNaN
        case .complex(let value): value.rawStorage.x != 0 || value.rawStorage.y != 0 || value.rawStorage.x.isNaN || value.rawStorage.y.isNaN
        }
    }
}

extension NDArray {
    /// An empty array used to release a reference while an `inout` array is being written.
    static let placeholder = NDArray(uninitializedShape: [0], dtype: .bool)
}
