extension NDArray {
    /// NumPy's `clip(a, min, max)`: `a` raised to `min`, then lowered to `max`. NaN in `a`
    /// or in a bound propagates. Scalars are weak (NEP 50): clipping a float32 array by
    /// `0.0` stays float32.
    ///
    /// An element equal to a bound is kept (`lo <= a <= hi` leaves `a` as it is), for every
    /// float dtype and layout — the rule of NumPy's clip with scalar bounds; with array
    /// bounds NumPy's float32/float64 clip returns `max` instead on a tie at the upper
    /// bound, which decides only the sign of a zero. ``UFunc/maximum``'s order
    /// (−0.0 < +0.0) is not used here: `clip(-0.0, 0.0, 1.0)` is −0.0, as in NumPy.
    public func clip(min lower: some UFuncOperand, max upper: some UFuncOperand) -> NDArray {
        let raisedType = try? UFunc.maximum.resolve(operands: [ufuncOperand, lower.ufuncOperand], registry: Backends.active, dtype: nil, signature: nil)
            .loop.signature.outputs[0]
        guard let raisedType, raisedType.isFloatingPoint else {
            let raised = UFunc.maximum.callOrStop([lower, self], "clip")
            return UFunc.minimum.callOrStop([upper, raised], "clip")
        }
        // raised = a where a >= min or a is NaN, else min (a NaN bound fails the comparison
        // and so propagates); the same against max.
        let keep = UFunc.logicalOr.callOrStop([UFunc.isnan.callOrStop([self], "clip"), UFunc.greaterEqual.callOrStop([self, lower], "clip")], "clip")
        let raised = `where`(keep, self, lower)
        let below = UFunc.lessEqual.callOrStop([raised, upper], "clip")
        let keepRaised = UFunc.logicalOr.callOrStop([UFunc.isnan.callOrStop([raised], "clip"), below], "clip")
        return `where`(keepRaised, raised, upper)
    }
}

/// NumPy's `where(condition, x, y)`: `x` where `condition` is true, else `y`, broadcast
/// together; the dtype is the promotion of `x` and `y` (scalars are weak).
///
/// - Throws: when the shapes do not broadcast or `condition` is not bool.
public func whereThrowing(_ condition: NDArray, _ x: some UFuncOperand, _ y: some UFuncOperand) throws -> NDArray {
    guard condition.dtype == .bool else {
        throw TesseraError(.castingError, "where: condition must be a bool array, not \(condition.dtype)")
    }
    let operands = [x.ufuncOperand, y.ufuncOperand]
    let strong = operands.compactMap { operand -> DType? in
        if case .array(let array) = operand { return array.dtype }
        return nil
    }
    let strongType = DType.resultType(strong)
    var weakTypes: [DType] = []
    let arrays: [NDArray] = try operands.map { operand in
        switch operand {
        case .array(let array): return array
        case .weak(let scalar):
            let type = strongType.map { scalar.dtype(alongside: $0) } ?? scalar.defaultDType
            weakTypes.append(type)
            return try scalar.materialize(as: type)
        }
    }
    let type = DType.resultType(strong + weakTypes)!
    let shape = try broadcastShapes([condition.shape, arrays[0].shape, arrays[1].shape])
    var result = try NDArray(checkedShape: shape, dtype: type)
    NDArray.copyElements(from: arrays[1].broadcastView(to: shape), into: &result)
    let chosen = arrays[0].dtype == type ? arrays[0] : arrays[0].astype(type)
    let source = chosen.broadcastView(to: shape), mask = condition.broadcastView(to: shape)
    let layout = IterationLayout(shape: shape, strides: [result.strides, source.strides, mask.strides])
    let itemSize = type.itemSize
    layout.forEachRun(bases: [result.baseAddress, source.baseAddress, mask.baseAddress]) { pointers, count, steps in
        MaskRuns.copy(from: pointers[1]!, step: steps[1], to: pointers[0]!, step: steps[0], mask: pointers[2]!, maskStep: steps[2], count: count, itemSize: itemSize)
    }
    return result
}

/// NumPy's `where(condition, x, y)`; stops with the message on a programmer error.
public func `where`(_ condition: NDArray, _ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray {
    do {
        return try whereThrowing(condition, x, y)
    } catch {
        fatalError("where: \(error)")
    }
}
