extension NDArray {
    /// NumPy's `tile(a, reps)`: the array repeated `reps[i]` times along each axis. When
    /// `reps` is shorter than the array's axes it is padded with 1s in front; when longer,
    /// the array gets leading length-1 axes. Always a new array.
    ///
    /// - Throws: `.valueError` for a negative repetition count.
    public static func tile(_ a: NDArray, _ reps: [Int]) throws -> NDArray {
        guard reps.allSatisfy({ $0 >= 0 }) else { throw TesseraError(.valueError, "negative dimensions are not allowed in tile: \(reps)") }
        let count = Swift.max(reps.count, a.ndim)
        let reps = [Int](repeating: 1, count: count - reps.count) + reps
        let source = a.reshaped([Int](repeating: 1, count: count - a.ndim) + a.shape)
        // Each axis becomes a (repetition, length) pair; the repetition axis has stride 0.
        var shape: [Int] = [], strides: [Int] = []
        for axis in 0..<count {
            shape += [reps[axis], source.axisLength(axis)]
            strides += [0, source.axisStride(axis)]
        }
        _ = try checkedByteCount(shape: shape, dtype: a.dtype)
        let expanded = source.rawView(shape: shape, strides: strides).copy()
        return expanded.reshaped((0..<count).map { reps[$0] * source.axisLength($0) })
    }

    /// NumPy's `ndarray.repeat(repeats, axis)` with one count: each element repeated
    /// `count` times along `axis` (of the flattened array when `nil`).
    public func repeated(_ count: Int, axis: Int? = nil) -> NDArray {
        stoppingOnError("repeated") { try repeated(checked: [count], axis: axis) }
    }

    /// NumPy's `ndarray.repeat(repeats, axis)` with a count per element along `axis` (or
    /// one count for all).
    public func repeated(_ counts: [Int], axis: Int? = nil) -> NDArray {
        stoppingOnError("repeated") { try repeated(checked: counts, axis: axis) }
    }

    /// Throwing form of ``repeated(_:axis:)-(Int,_)``.
    ///
    /// - Throws: `.valueError` for a negative count or a count list whose length is
    ///   neither 1 nor the axis length, `.axisError`.
    public func repeated(checked counts: [Int], axis: Int? = nil) throws -> NDArray {
        let source = axis == nil ? ravel() : self
        let resolved = try NDArray.normalizeAxis(axis ?? 0, ndim: source.ndim)
        let length = source.axisLength(resolved)
        guard counts.allSatisfy({ $0 >= 0 }) else { throw TesseraError(.valueError, "negative dimensions are not allowed") }
        guard counts.count == 1 || counts.count == length else {
            throw TesseraError(.valueError, "operands could not be broadcast together with shape (\(length),) (\(counts.count),)")
        }
        var positions: [Int64] = []
        for i in 0..<length {
            let n = counts.count == 1 ? counts[0] : counts[i]
            positions += repeatElement(Int64(i), count: n)
        }
        return try source.take(checked: NDArray(positions), axis: resolved)
    }
}

/// NumPy's `tile(a, reps)`. A negative count stops the program; see ``NDArray/tile(_:_:)``.
public func tile(_ a: NDArray, _ reps: [Int]) -> NDArray { stoppingOnError("tile") { try NDArray.tile(a, reps) } }
