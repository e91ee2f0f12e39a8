/// Loops of the array operations that are not ufuncs but are, in NumPy, ArrayMethods on
/// dtypes: casts between two dtypes and `argmax`/`argmin`. A backend registers them here
/// by method and signature, as it registers ufunc loops, and the core calls the loop of
/// the active registry instead of its own code.
///
/// The methods and their loop conventions (NumPy's inner-loop signature):
/// - ``ArrayMethod/cast``, signature `S->D` (e.g. `d->f`): `args` = source, destination;
///   `count` elements at byte strides `steps[0]`, `steps[1]`, with NumPy's value rules
///   (the core's reference casts; see `Casting/CastElement.swift`).
/// - ``ArrayMethod/argmax`` and ``ArrayMethod/argmin``, signature `T->l`: `args` = the
///   run, an `Int64` result; `count` ≥ 1 elements at byte stride `steps[0]`; stores the
///   index in the run of the first largest (smallest) element, a NaN counting as the
///   extreme (the first NaN wins).
public enum ArrayMethod: String, Sendable, CaseIterable {
    case cast
    case argmax
    case argmin
}

extension LoopRegistry {
    /// Registers `loop` for `method` under its signature, replacing (and returning) any loop
    /// registered there before: the latest backend installed wins, as with
    /// ``replaceLoop(for:signature:with:)``.
    /// - Throws: when the signature does not fit the method (one input and one output; an
    ///   `int64` output for `argmax`/`argmin`).
    @discardableResult
    public func registerMethodLoop(_ loop: InnerLoop, for method: ArrayMethod) throws -> InnerLoop? {
        let signature = loop.signature
        guard signature.inputs.count == 1, signature.outputs.count == 1 else {
            throw TesseraError(.invalidLoopSignature, "\(method.rawValue) loop \(signature) must have one input and one output, like `d->f`")
        }
        if method != .cast && signature.outputs[0] != .int64 {
            throw TesseraError(.invalidLoopSignature, "\(method.rawValue) loop \(signature) must write an int64 index (signature `\(signature.inputs[0].character)->l`)")
        }
        return methodTables.withLock { tables in
            let old = tables[method.rawValue]?[signature]
            tables[method.rawValue, default: [:]][signature] = loop
            return old
        }
    }

    /// The loop registered for `method` and `signature`, if any.
    public func methodLoop(_ method: ArrayMethod, signature: LoopSignature) -> InnerLoop? {
        methodTables.withLock { $0[method.rawValue]?[signature] }
    }

    /// Every loop registered for `method`, in NumPy's type order.
    public func methodLoops(_ method: ArrayMethod) -> [InnerLoop] {
        let loops = methodTables.withLock { Array(($0[method.rawValue] ?? [:]).values) }
        return loops.sorted { LoopRegistry.precedes($0.signature, $1.signature) }
    }
}
