extension NDArray {
    /// NumPy's `clip(a, min, max)`: `minimum(max, maximum(min, a))` — the bound first, so
    /// that on a tie (−0.0 against 0.0) the element is kept, as NumPy's clip does; NaN in
    /// `a` propagates. Scalars are weak (NEP 50): clipping a float32 array by `0.0` stays float32.
    public func clip(min lower: some UFuncOperand, max upper: some UFuncOperand) -> NDArray {
        if dtype == .float16 {
            // NumPy's float16 extrema already keep the first operand on a tie (>=, <=).
            let raised = UFunc.maximum.callOrStop([self, lower], "clip")
            return UFunc.minimum.callOrStop([raised, upper], "clip")
        }
        let raised = UFunc.maximum.callOrStop([lower, self], "clip")
        return UFunc.minimum.callOrStop([upper, raised], "clip")
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
        for i in 0..<count where (pointers[2]! + i * steps[2]).load(as: Bool.self) {
            (pointers[0]! + i * steps[0]).copyMemory(from: pointers[1]! + i * steps[1], byteCount: itemSize)
        }
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
