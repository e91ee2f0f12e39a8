extension NDArray {
    /// What an out-of-range position does in ``take(_:axis:mode:)``, ``put(_:_:mode:)``
    /// and ``choose(_:_:mode:)`` (NumPy's `mode=`).
    public enum IndexMode: String, Sendable {
        /// An error (NumPy's default).
        case raise
        /// Positions wrap around modulo the length (negative ones too).
        case wrap
        /// Positions are clipped to `0...length - 1` (negative ones become 0).
        case clip
    }

    /// The positions of an integer array in C order, resolved against `length` by `mode`
    /// (with `.raise`, negative positions count from the end).
    static func resolvedPositions(_ indices: NDArray, length: Int, mode: IndexMode, axis: Int, casting: DType.Casting = .sameKind) throws -> [Int] {
        guard indices.dtype.canCast(to: .int64, casting: casting) else {
            throw TesseraError(.castingError, "Cannot cast array data from dtype('\(indices.dtype)') to dtype('int64') according to the rule '\(casting.rawValue)'")
        }
        let values = indices.toArray(Int.self)
        if values.isEmpty { return values }
        guard length > 0 else {
            // Only reached when nothing is copied (the callers refuse a non-empty copy from an empty axis).
            if mode == .raise {
                throw TesseraError(.indexError, "index \(values[0]) is out of bounds for axis \(axis) with size 0")
            }
            return [Int](repeating: 0, count: values.count)
        }
        var result = values
        switch mode {
        case .raise:
            for i in result.indices {
                var p = result[i]
                if p < 0 { p += length }
                guard p >= 0 && p < length else {
                    throw TesseraError(.indexError, "index \(values[i]) is out of bounds for axis \(axis) with size \(length)")
                }
                result[i] = p
            }
        case .wrap:
            for i in result.indices {
                let p = result[i] % length
                result[i] = p < 0 ? p + length : p
            }
        case .clip:
            for i in result.indices { result[i] = Swift.min(Swift.max(result[i], 0), length - 1) }
        }
        return result
    }

    // MARK: take

    /// NumPy's `take(a, indices, axis, mode)`: the elements at `indices` along `axis`
    /// (the flattened array when `axis` is `nil`); the result's shape is the array's with
    /// `axis` replaced by `indices.shape`. Always a new array.
    ///
    /// A bad axis or out-of-range position stops the program; see ``take(checked:axis:mode:)``.
    public func take(_ indices: NDArray, axis: Int? = nil, mode: IndexMode = .raise) -> NDArray {
        stoppingOnError("take") { try take(checked: indices, axis: axis, mode: mode) }
    }

    /// Throwing form of ``take(_:axis:mode:)``.
    ///
    /// - Throws: `.axisError` for a bad axis, `.indexError` for a position out of range
    ///   with `.raise` (or any position into an empty axis), `.castingError` for
    ///   non-integer indices.
    public func take(checked indices: NDArray, axis: Int? = nil, mode: IndexMode = .raise) throws -> NDArray {
        let source = axis == nil ? ravel() : self
        let resolvedAxis = try NDArray.normalizeAxis(axis ?? 0, ndim: source.ndim)
        let length = source.axisLength(resolvedAxis)
        let resultShape = Array(source.shape[..<resolvedAxis]) + indices.shape + Array(source.shape[(resolvedAxis + 1)...])
        var result = try NDArray(checkedShape: resultShape, dtype: dtype, zeroed: false)
        if length == 0 && result.size > 0 {
            throw TesseraError(.indexError, "cannot do a non-empty take from an empty axes.")
        }
        let outer = source.shape[..<resolvedAxis].reduce(1, *)
        let inner = source.shape[(resolvedAxis + 1)...].reduce(1, *)
        if mode == .raise && inner == 1 && outer == 1 && indices.dtype == .int64 && indices.isCContiguous && source.isCContiguous && result.size > 0 {
            // One pass over the positions: check and gather together.
            let output = result.makeUniqueForWriting()
            let positions = indices.baseAddress.assumingMemoryBound(to: Int64.self)
            if let bad = ElementKernels.takeChecked(itemSize: itemSize, source: source.baseAddress, length: length, positions: positions, count: indices.size, destination: output) {
                throw TesseraError(.indexError, "index \(positions[bad]) is out of bounds for axis \(resolvedAxis) with size \(length)")
            }
            return result
        }
        // As NumPy, positions are checked while copying: not at all when no slice is copied.
        let positions = try NDArray.resolvedPositions(outer == 0 ? NDArray.zeros([0], dtype: indices.dtype) : indices, length: length, mode: mode, axis: resolvedAxis)
        if result.size == 0 { return result }
        let contiguous = source.isCContiguous ? source : source.copy()
        let count = positions.count
        let chunk = inner * itemSize
        let input = contiguous.baseAddress
        let output = result.makeUniqueForWriting()
        positions.withUnsafeBufferPointer { positions in
            for o in 0..<outer {
                let from = input + o * length * chunk, to = output + o * count * chunk
                if inner == 1 {
                    ElementKernels.gather(itemSize: itemSize, source: from, positions: positions.baseAddress!, count: count, destination: to)
                } else {
                    for i in 0..<count { (to + i * chunk).copyMemory(from: from + positions[i] * chunk, byteCount: chunk) }
                }
            }
        }
        return result
    }

    // MARK: put

    /// NumPy's `put(a, indices, values, mode)`: writes `values` (cast, repeated cyclically
    /// when shorter) at the flat C-order positions `indices`; a position given twice keeps
    /// the last value.
    ///
    /// An out-of-range position stops the program; see ``put(checked:_:mode:)``.
    public mutating func put(_ indices: NDArray, _ values: NDArray, mode: IndexMode = .raise) {
        stoppingOnError("put") { try put(checked: indices, values, mode: mode) }
    }

    /// Throwing form of ``put(_:_:mode:)``.
    ///
    /// - Throws: `.indexError` for a position out of range with `.raise` (or any position
    ///   into an empty array), `.castingError` for non-integer indices.
    public mutating func put(checked indices: NDArray, _ values: NDArray, mode: IndexMode = .raise) throws {
        _ = try NDArray.resolvedPositions(NDArray.zeros([0], dtype: indices.dtype), length: size, mode: mode, axis: 0, casting: .safe)
        guard indices.size == 0 || size > 0 else {
            throw TesseraError(.indexError, "cannot replace elements of an empty array")
        }
        if values.size == 0 { return }
        let positions = try NDArray.resolvedPositions(indices, length: size, mode: mode, axis: 0, casting: .safe)
        if positions.isEmpty { return }
        let source = values.astype(dtype).ravel()
        _ = makeUniqueForWriting()
        let contiguousStrides = NDArray.contiguousStrides(shape: shape, itemSize: 1)
        let base = baseAddress, item = itemSize, cycle = source.size
        for (i, position) in positions.enumerated() {
            var byteOffset = 0
            if isCContiguous {
                byteOffset = position * item
            } else {
                var rest = position
                for axis in 0..<ndim {
                    byteOffset += rest / contiguousStrides[axis] * strides[axis]
                    rest %= contiguousStrides[axis]
                }
            }
            (base + byteOffset).copyMemory(from: source.baseAddress + (i % cycle) * item, byteCount: item)
        }
    }

    // MARK: Along an axis

    /// The index arrays of NumPy's `_make_along_axis_idx`: `indices` on `axis`, an
    /// `arange` broadcast along every other axis.
    func alongAxisIndex(_ indices: NDArray, axis: Int?) throws -> (array: NDArray, index: [NDIndex]) {
        guard indices.dtype.isInteger else {
            throw TesseraError(.indexError, "`indices` must be an integer array, not \(indices.dtype)")
        }
        guard let axis else {
            guard indices.ndim == 1 else {
                throw TesseraError(.valueError, "when axis=None, `indices` must have a single dimension.")
            }
            return (ravel(), [.array(indices)])
        }
        guard indices.ndim == ndim else {
            throw TesseraError(.valueError, "`indices` and `arr` must have the same number of dimensions (\(indices.ndim) and \(ndim))")
        }
        let resolved = try NDArray.normalizeAxis(axis, ndim: ndim)
        var index: [NDIndex] = []
        for dimension in 0..<ndim {
            if dimension == resolved {
                index.append(.array(indices))
            } else {
                var shape = [Int](repeating: 1, count: ndim)
                shape[dimension] = self.axisLength(dimension)
                index.append(.array(NDArray.arange(self.axisLength(dimension)).reshaped(shape)))
            }
        }
        return (self, index)
    }

    /// NumPy's `take_along_axis(arr, indices, axis)`: picks values along `axis` by
    /// `indices` (same number of axes as the array; the other axes broadcast), as the
    /// results of `argsort` and `argpartition` index. `axis: nil` works on the flattened array.
    ///
    /// - Throws: `.valueError` when the axes counts differ, `.indexError` for
    ///   non-integer or out-of-range indices or shapes that do not broadcast, `.axisError`.
    public static func takeAlongAxis(_ array: NDArray, _ indices: NDArray, axis: Int? = -1) throws -> NDArray {
        let (source, index) = try array.alongAxisIndex(indices, axis: axis)
        return try source.indexed(index)
    }

    /// NumPy's `put_along_axis(arr, indices, values, axis)`: writes `values` (broadcast,
    /// cast) where ``takeAlongAxis(_:_:axis:)`` would read.
    ///
    /// - Throws: as ``takeAlongAxis(_:_:axis:)``, and `.shapeMismatch` when `values` does
    ///   not broadcast.
    public static func putAlongAxis(_ array: inout NDArray, _ indices: NDArray, _ values: NDArray, axis: Int?) throws {
        if axis == nil {
            var flat = array.ravel()
            let (_, index) = try flat.alongAxisIndex(indices, axis: nil)
            try flat.assign(values, at: index)
            array = flat.reshaped(array.shape)
            return
        }
        let (_, index) = try array.alongAxisIndex(indices, axis: axis)
        try array.assign(values, at: index)
    }

    // MARK: compress, choose

    /// NumPy's `compress(condition, a, axis)`: the slices along `axis` (of the flattened
    /// array when `nil`) where the 1-d `condition` is non-zero; a `condition` shorter than
    /// the axis selects nothing beyond its end.
    ///
    /// - Throws: `.valueError` for a `condition` that is not 1-d, `.indexError` when it is
    ///   true beyond the axis, `.axisError`.
    public static func compress(_ condition: NDArray, _ array: NDArray, axis: Int? = nil) throws -> NDArray {
        guard condition.ndim == 1 else {
            throw TesseraError(.valueError, "condition must be a 1-d array, not of shape \(condition.shape)")
        }
        return try array.take(checked: condition.flatNonzeroPositions(), axis: axis)
    }

    /// NumPy's `choose(a, choices, mode)`: element `i` of the result is element `i` of
    /// `choices[a[i]]`, everything broadcast together; the dtype is the choices' promotion.
    ///
    /// - Throws: `.valueError` for an entry of `a` out of range with `.raise` ("invalid
    ///   entry in choice array") or no choices, `.castingError` for a non-integer `a`,
    ///   `.shapeMismatch` when the shapes do not broadcast.
    public static func choose(_ selector: NDArray, _ choices: [NDArray], mode: IndexMode = .raise) throws -> NDArray {
        guard !choices.isEmpty else { throw TesseraError(.valueError, "choose: at least one choice is needed") }
        guard selector.dtype.isInteger || selector.dtype == .bool else {
            throw TesseraError(.castingError, "Cannot cast array data from dtype('\(selector.dtype)') to dtype('int64') according to the rule 'safe'")
        }
        let type = DType.resultType(choices.map(\.dtype))!
        let shape = try broadcastShapes([selector.shape] + choices.map(\.shape))
        let positions = selector.astype(.int64).broadcastView(to: shape).copy()
        let n = choices.count
        var picks = positions.toArray(Int.self)
        for i in picks.indices {
            let p = picks[i]
            switch mode {
            case .raise:
                guard p >= 0 && p < n else { throw TesseraError(.valueError, "invalid entry in choice array") }
            case .wrap:
                picks[i] = ((p % n) + n) % n
            case .clip:
                picks[i] = Swift.min(Swift.max(p, 0), n - 1)
            }
        }
        var result = try NDArray(checkedShape: shape, dtype: type, zeroed: false)
        if result.size == 0 { return result }
        let sources = choices.map { ($0.dtype == type ? $0 : $0.astype(type)).broadcastView(to: shape) }
        let output = result.makeUniqueForWriting()
        let item = type.itemSize
        let offsets = sources.map { NDArray.elementOffsets(shape: shape, strides: $0.strides) }
        for i in 0..<picks.count {
            let c = picks[i]
            (output + i * item).copyMemory(from: sources[c].baseAddress + offsets[c][i], byteCount: item)
        }
        return result
    }
}

/// NumPy's `take_along_axis(arr, indices, axis)`. Bad indices stop the program; see
/// ``NDArray/takeAlongAxis(_:_:axis:)``.
public func takeAlongAxis(_ array: NDArray, _ indices: NDArray, axis: Int? = -1) -> NDArray {
    stoppingOnError("takeAlongAxis") { try NDArray.takeAlongAxis(array, indices, axis: axis) }
}

/// NumPy's `put_along_axis(arr, indices, values, axis)`. Bad indices stop the program;
/// see ``NDArray/putAlongAxis(_:_:_:axis:)``.
public func putAlongAxis(_ array: inout NDArray, _ indices: NDArray, _ values: NDArray, axis: Int?) {
    stoppingOnError("putAlongAxis") { try NDArray.putAlongAxis(&array, indices, values, axis: axis) }
}

/// NumPy's `compress(condition, a, axis)`. Bad input stops the program; see
/// ``NDArray/compress(_:_:axis:)``.
public func compress(_ condition: NDArray, _ array: NDArray, axis: Int? = nil) -> NDArray {
    stoppingOnError("compress") { try NDArray.compress(condition, array, axis: axis) }
}

/// NumPy's `choose(a, choices, mode)`. Bad input stops the program; see
/// ``NDArray/choose(_:_:mode:)``.
public func choose(_ selector: NDArray, _ choices: [NDArray], mode: NDArray.IndexMode = .raise) -> NDArray {
    stoppingOnError("choose") { try NDArray.choose(selector, choices, mode: mode) }
}
