extension NDArray {
    /// The C-order flat positions (`int64`) of the non-zero elements; NaN counts as
    /// non-zero and ±0.0 as zero, as in NumPy.
    func flatNonzeroPositions() -> NDArray {
        let mask = dtype == .bool ? self : astype(.bool)
        let count = mask.countTrue()
        // Spare slots for the branch-free kernel, which stores eight positions at a time.
        let storage = ArrayStorage.make(byteCount: (count + ElementKernels.nonzeroSpareSlots) * 8, zeroed: false)
        let result = NDArray(storage: storage, dtype: .int64, shape: [count], strides: [8], offset: 0)
        if count == 0 { return result }
        let out = storage.pointer.assumingMemoryBound(to: Int64.self)
        var written = 0, visited = 0
        let layout = IterationLayout(shape: mask.shape, strides: [mask.strides], keepOrder: true)
        layout.forEachRun(bases: [mask.baseAddress]) { pointers, n, steps in
            written += ElementKernels.nonzeroPositions(mask: pointers[0]!, maskStride: steps[0], count: n, base: visited, destination: out + written)
            visited += n
        }
        return result
    }

    /// One `int64` array per axis with the positions of the non-zero elements (for an
    /// array of at least one axis).
    func nonzeroPositions() -> [NDArray] {
        let flat = flatNonzeroPositions()
        if ndim == 1 { return [flat] }
        let count = flat.size
        var result = (0..<ndim).map { _ in NDArray(uninitializedShape: [count], dtype: .int64) }
        let pointers = (0..<ndim).map { result[$0].makeUniqueForWriting().assumingMemoryBound(to: Int64.self) }
        let source = flat.baseAddress.assumingMemoryBound(to: Int64.self)
        for i in 0..<count {
            var rest = Int(source[i])
            for axis in stride(from: ndim - 1, through: 0, by: -1) {
                pointers[axis][i] = Int64(rest % shape[axis])
                rest /= shape[axis]
            }
        }
        return result
    }

    // MARK: Public forms

    /// NumPy's `nonzero(a)`: one `int64` array per axis with the positions of the
    /// non-zero elements, in C order. NaN is non-zero.
    ///
    /// - Throws: `.valueError` for a 0-d array (NumPy 2 refuses it too; use a 1-element
    ///   1-d array instead).
    public static func nonzero(_ a: NDArray) throws -> [NDArray] {
        guard a.ndim > 0 else {
            throw TesseraError(.valueError, "Calling nonzero on 0d arrays is not allowed. Use atleast_1d(scalar).nonzero() instead.")
        }
        return a.nonzeroPositions()
    }

    /// NumPy's `argwhere(a)`: the positions of the non-zero elements as an `int64` array
    /// of shape `(count, ndim)` (a 0-d array gives `(1, 0)` or `(0, 0)`).
    public static func argwhere(_ a: NDArray) -> NDArray {
        if a.ndim == 0 {
            return NDArray.zeros([a.astype(.bool).item(Bool.self) ? 1 : 0, 0], dtype: .int64)
        }
        let positions = a.nonzeroPositions()
        return stoppingOnError("argwhere") { try stack(positions, axis: 1) }
    }

    /// NumPy's `flatnonzero(a)`: the C-order flat positions of the non-zero elements.
    public static func flatnonzero(_ a: NDArray) -> NDArray { a.flatNonzeroPositions() }

    /// NumPy's `count_nonzero(a)`: the number of non-zero elements (NaN counts).
    public static func countNonzero(_ a: NDArray) -> Int {
        (a.dtype == .bool ? a : a.astype(.bool)).countTrue()
    }

    /// NumPy's `count_nonzero(a, axis=)`: the non-zero elements counted along `axis`
    /// (an `int64` array).
    ///
    /// - Throws: `.axisError` for an axis out of range.
    public static func countNonzero(_ a: NDArray, axis: Int, keepdims: Bool = false) throws -> NDArray {
        // NumPy's reductions accept axis 0 and -1 on a 0-d array.
        if a.ndim == 0 && (axis == 0 || axis == -1) { return NDArray(scalar: Int64(countNonzero(a))) }
        _ = try normalizeAxis(axis, ndim: a.ndim)
        return a.astype(.bool).astype(.int64).sum(axis: axis, keepdims: keepdims)
    }
}

/// NumPy's `nonzero(a)`: one `int64` array per axis with the positions of the non-zero
/// elements (NaN is non-zero). A 0-d array stops the program; see ``NDArray/nonzero(_:)``.
public func nonzero(_ a: NDArray) -> [NDArray] { stoppingOnError("nonzero") { try NDArray.nonzero(a) } }

/// NumPy's `argwhere(a)`: the positions of the non-zero elements, shape `(count, ndim)`.
public func argwhere(_ a: NDArray) -> NDArray { NDArray.argwhere(a) }

/// NumPy's `flatnonzero(a)`: the C-order flat positions of the non-zero elements.
public func flatnonzero(_ a: NDArray) -> NDArray { NDArray.flatnonzero(a) }

/// NumPy's `count_nonzero(a)`: how many elements are non-zero (NaN counts).
public func countNonzero(_ a: NDArray) -> Int { NDArray.countNonzero(a) }

/// NumPy's `count_nonzero(a, axis=)`: counts along `axis` as an `int64` array. A bad
/// axis stops the program; see ``NDArray/countNonzero(_:axis:keepdims:)``.
public func countNonzero(_ a: NDArray, axis: Int, keepdims: Bool = false) -> NDArray {
    stoppingOnError("countNonzero") { try NDArray.countNonzero(a, axis: axis, keepdims: keepdims) }
}

/// Runs a throwing array operation and stops the program with its error (the free
/// functions' policy for programmer errors).
func stoppingOnError<R>(_ function: String, _ body: () throws -> R) -> R {
    do {
        return try body()
    } catch {
        fatalError("\(function): \(error)")
    }
}
