extension NDArray {
    /// NumPy's `copyto(dst, src, casting, where)`: writes `source`, broadcast to the
    /// destination's shape and cast, into `destination` where `mask` (broadcast) is true.
    ///
    /// - Throws: `.castingError` when `casting` forbids the cast (default `same_kind`, as
    ///   NumPy), `.shapeMismatch` when `source` or `mask` does not broadcast, or when
    ///   `mask` is not bool.
    public static func copyto(_ destination: inout NDArray, _ source: NDArray, casting: DType.Casting = .sameKind, where mask: NDArray? = nil) throws {
        guard source.dtype.canCast(to: destination.dtype, casting: casting) else {
            throw TesseraError(.castingError, "Cannot cast array data from dtype('\(source.dtype)') to dtype('\(destination.dtype)') according to the rule '\(casting.rawValue)'")
        }
        let shape = destination.shape
        guard (try? broadcastShapes([source.shape, shape])) == shape else {
            throw TesseraError(.shapeMismatch, "could not broadcast input array from shape \(source.shape) into shape \(shape)")
        }
        guard let mask else {
            try destination.assign(source, at: [])
            return
        }
        guard mask.dtype == .bool else {
            throw TesseraError(.castingError, "Cannot cast array data from dtype('\(mask.dtype)') to dtype('bool') according to the rule 'safe'")
        }
        guard (try? broadcastShapes([mask.shape, shape])) == shape else {
            throw TesseraError(.shapeMismatch, "could not broadcast where mask from shape \(mask.shape) into shape \(shape)")
        }
        let values = (source.dtype == destination.dtype ? source : source.astype(destination.dtype)).broadcastView(to: shape)
        let selector = mask.broadcastView(to: shape)
        let base = destination.makeUniqueForWriting()
        let item = destination.itemSize
        let layout = IterationLayout(shape: shape, strides: [destination.strides, values.strides, selector.strides])
        layout.forEachRun(bases: [base, values.baseAddress, selector.baseAddress]) { pointers, n, steps in
            MaskRuns.copy(from: pointers[1]!, step: steps[1], to: pointers[0]!, step: steps[0], mask: pointers[2]!, maskStep: steps[2], count: n, itemSize: item)
        }
    }

    /// NumPy's `extract(condition, arr)`: the elements of the flattened array where the
    /// flattened `condition` is non-zero.
    ///
    /// - Throws: `.indexError` when `condition` is non-zero beyond the array's size.
    public static func extract(_ condition: NDArray, _ array: NDArray) throws -> NDArray {
        try array.ravel().take(checked: condition.ravel().flatNonzeroPositions())
    }

    /// NumPy's `place(arr, mask, vals)`: writes `values` (cast, repeated cyclically) in
    /// order into the elements where `mask` is non-zero.
    ///
    /// - Throws: `.valueError` when `mask` and the array differ in size, or when `values`
    ///   is empty but the mask selects something; `.castingError` when `values` cannot be
    ///   cast safely to the array's dtype (NumPy's rule for `place`).
    public static func place(_ array: inout NDArray, _ mask: NDArray, _ values: NDArray) throws {
        guard mask.size == array.size else {
            throw TesseraError(.valueError, "place: mask and data must be the same size")
        }
        guard values.dtype.canCast(to: array.dtype, casting: .safe) else {
            throw TesseraError(.castingError, "Cannot cast array data from dtype('\(values.dtype)') to dtype('\(array.dtype)') according to the rule 'safe'")
        }
        let positions = mask.ravel().flatNonzeroPositions()
        if positions.size == 0 { return }
        guard values.size > 0 else { throw TesseraError(.valueError, "Cannot insert from an empty array!") }
        try array.put(checked: positions, values)
    }
}

/// NumPy's `copyto(dst, src, casting, where)`. A forbidden cast or a shape that does not
/// broadcast stops the program; see ``NDArray/copyto(_:_:casting:where:)``.
public func copyto(_ destination: inout NDArray, _ source: NDArray, casting: DType.Casting = .sameKind, where mask: NDArray? = nil) {
    stoppingOnError("copyto") { try NDArray.copyto(&destination, source, casting: casting, where: mask) }
}

/// NumPy's `extract(condition, arr)`. See ``NDArray/extract(_:_:)``.
public func extract(_ condition: NDArray, _ array: NDArray) -> NDArray {
    stoppingOnError("extract") { try NDArray.extract(condition, array) }
}

/// NumPy's `place(arr, mask, vals)`. See ``NDArray/place(_:_:_:)``.
public func place(_ array: inout NDArray, _ mask: NDArray, _ values: NDArray) {
    stoppingOnError("place") { try NDArray.place(&array, mask, values) }
}
