/// Choosing the loop for a call (NumPy's `ufunc_type_resolution.c` and
/// `dispatching.cpp`): operand dtypes → loop.
struct ResolvedCall {
    let loop: InnerLoop
    /// The operand dtypes of the inputs as the caller has them (weak scalars resolved).
    let inputDTypes: [DType]
}

extension UFunc {
    /// Picks the loop for inputs of the given dtypes.
    ///
    /// 1. `signature:` names the loop exactly. 2. `dtype:` asks for loops whose outputs
    /// are that dtype. 3. An exact match of the input dtypes. 4. The first loop, in
    /// NumPy's type order, that every input casts to safely.
    func resolve(
        operands: [Operand],
        registry: LoopRegistry,
        dtype requested: DType?,
        signature: LoopSignature?
    ) throws -> ResolvedCall {
        let strong = operands.compactMap { operand -> DType? in
            if case .array(let array) = operand { return array.dtype }
            return nil
        }
        // NEP 50: weak scalars take the dtype of the arrays they meet.
        let strongResult = DType.resultType(strong)
        let inputDTypes: [DType] = operands.map { operand in
            switch operand {
            case .array(let array): return array.dtype
            case .weak(let scalar):
                guard let strongResult else { return scalar.defaultDType }
                return scalar.dtype(alongside: strongResult)
            }
        }
        if signature == nil, requested == nil, let message = UFunc.rejectingBool[name], inputDTypes.allSatisfy({ $0 == .bool }) {
            throw TesseraError(.noLoop, message)
        }
        let loops = registry.loops(for: self)
        if loops.isEmpty {
            throw TesseraError(
                .noLoop,
                "ufunc '\(name)' has no loops in the active configuration (\(registry.installedBackends.isEmpty ? "no backend installed: import Tessera, or call Backends.use(_:) after registering backends" : registry.installedBackends.joined(separator: ", ")))"
            )
        }
        if let signature {
            guard let loop = loops.first(where: { $0.signature == signature }) else {
                throw TesseraError(.noLoop, "ufunc '\(name)' has no loop for signature \(signature); loops: \(loops.map(\.signature.description).joined(separator: ", "))")
            }
            return ResolvedCall(loop: loop, inputDTypes: inputDTypes)
        }
        var searched = inputDTypes
        if typeResolver == .trueDivide, requested == nil, searched.allSatisfy({ $0.isInteger || $0.isBool }) {
            searched = searched.map { _ in .float64 }
        }
        if let requested {
            // NumPy's `dtype=`: the loop whose outputs (and, for uniform loops, inputs) are `requested`.
            let candidates = loops.filter { $0.signature.outputs.allSatisfy { $0 == requested } }
            if let loop = candidates.first(where: { $0.signature.inputs.allSatisfy { $0 == requested } }) ?? candidates.first {
                return ResolvedCall(loop: loop, inputDTypes: inputDTypes)
            }
            throw TesseraError(.noLoop, "ufunc '\(name)' has no loop with output dtype \(requested); loops: \(loops.map(\.signature.description).joined(separator: ", "))")
        }
        if let exact = loops.first(where: { $0.signature.inputs == searched }) {
            return ResolvedCall(loop: exact, inputDTypes: inputDTypes)
        }
        if let loop = loops.first(where: { loop in zip(searched, loop.signature.inputs).allSatisfy { $0.canCastSafely(to: $1) } }) {
            return ResolvedCall(loop: loop, inputDTypes: inputDTypes)
        }
        // A Swift scalar that takes the arrays' dtype may leave no loop where a loop of its
        // own kind exists (`ldexp(float16Array, 3)` needs 'ei->e'): as NumPy does, take the
        // first loop whose input at the scalar's place is of the scalar's kind; the value
        // must then fit that dtype (`ldexp(x, 4294967295)` overflows int32, as in NumPy).
        if strongResult != nil, operands.contains(where: { if case .weak = $0 { true } else { false } }) {
            let fitting = loops.first { loop in
                zip(zip(operands, searched), loop.signature.inputs).allSatisfy { pair, input in
                    if case .weak(let scalar) = pair.0 { return scalar.hasKind(of: input) }
                    return pair.1.canCastSafely(to: input)
                }
            }
            if let loop = fitting {
                let types = zip(operands, zip(searched, loop.signature.inputs)).map { operand, types in
                    if case .weak = operand { return types.1 }
                    return types.0
                }
                return ResolvedCall(loop: loop, inputDTypes: types)
            }
        }
        throw TesseraError(
            .noLoop,
            "ufunc '\(name)' did not contain a loop with signature matching types (\(inputDTypes.map(\.name).joined(separator: ", "))) -> None; loops: \(loops.map(\.signature.description).joined(separator: ", "))"
        )
    }
}

extension WeakScalar {
    /// Whether a loop input of `dtype` takes this scalar without changing its kind.
    func hasKind(of dtype: DType) -> Bool {
        switch self {
        case .bool: dtype == .bool
        case .int, .uint: dtype.isInteger
        case .float: dtype.isFloatingPoint
        case .complex: dtype.isComplex
        }
    }
}
