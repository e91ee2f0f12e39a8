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
        if signature == nil, requested == nil, let message = boolRejection, inputDTypes.allSatisfy({ $0 == .bool }) {
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
            // A backend's loop that converts arrays of these integer types to float64 itself
            // ('ii->d') computes what 'dd->d' computes on the cast inputs, without buffers.
            // Arrays only: a weak scalar goes through the float64 loop, converted as a Python float.
            if operands.allSatisfy({ if case .array = $0 { true } else { false } }),
               let fused = loops.first(where: { $0.signature.inputs == inputDTypes && $0.signature.outputs == [.float64] }) {
                return ResolvedCall(loop: fused, inputDTypes: inputDTypes)
            }
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
        // NumPy's loop search for ufuncs whose loops mix input dtypes (`ldexp`), where a Swift
        // scalar of a kind no higher than the arrays' stays weak and meets any loop input of
        // its kind or a higher one: `ldexp(float16Array, 3)` takes 'ei->e', `ldexp(4,
        // uint32Array)` 'el->e'. A scalar of a higher kind than the arrays has already taken
        // its default dtype (`ldexp(4.0, int8Array)` takes 'di->d'). The value must then fit
        // the loop's dtype (`ldexp(x, 4294967295)` overflows int32, as in NumPy). Ufuncs with
        // uniform loops never get here: NEP 50 promotion has already chosen their dtype.
        let weakInSearch: [WeakScalar?] = operands.map { operand in
            guard case .weak(let scalar) = operand, let strongResult, scalar.staysWeak(alongside: strongResult) else { return nil }
            return scalar
        }
        if weakInSearch.contains(where: { $0 != nil }), loops.contains(where: { Set($0.signature.inputs).count > 1 }) {
            let match = loops.first { loop in
                zip(zip(weakInSearch, searched), loop.signature.inputs).allSatisfy { operand, input in
                    if let scalar = operand.0 { return scalar.hasKind(of: input) }
                    return operand.1.canCastSafely(to: input)
                }
            }
            if let loop = match {
                let types = zip(weakInSearch, zip(searched, loop.signature.inputs)).map { scalar, types in scalar == nil ? types.0 : types.1 }
                return ResolvedCall(loop: loop, inputDTypes: types)
            }
        } else {
            if let exact = loops.first(where: { $0.signature.inputs == searched }) {
                return ResolvedCall(loop: exact, inputDTypes: inputDTypes)
            }
            if let loop = loops.first(where: { loop in zip(searched, loop.signature.inputs).allSatisfy { $0.canCastSafely(to: $1) } }) {
                return ResolvedCall(loop: loop, inputDTypes: inputDTypes)
            }
        }
        throw TesseraError(
            .noLoop,
            "ufunc '\(name)' did not contain a loop with signature matching types (\(inputDTypes.map(\.name).joined(separator: ", "))) -> None; loops: \(loops.map(\.signature.description).joined(separator: ", "))"
        )
    }
}

extension WeakScalar {
    /// Whether the scalar stays weak beside arrays whose result dtype is `strong`: its kind
    /// is no higher than theirs (an integer beside bool arrays, or a float beside integer
    /// arrays, takes its default dtype instead, as a Python scalar does in NumPy).
    func staysWeak(alongside strong: DType) -> Bool {
        switch self {
        case .bool: false
        case .int, .uint: !strong.isBool
        case .float: strong.isInexact
        case .complex: strong.isComplex
        }
    }

    /// Whether a loop input of `dtype` takes this scalar without lowering its kind
    /// (bool < integer < floating point < complex), as NumPy's loop search lets a Python
    /// scalar do.
    func hasKind(of dtype: DType) -> Bool {
        switch self {
        case .bool: true
        case .int, .uint: !dtype.isBool
        case .float: dtype.isInexact
        case .complex: dtype.isComplex
        }
    }
}
