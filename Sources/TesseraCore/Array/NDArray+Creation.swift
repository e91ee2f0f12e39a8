extension NDArray {
    /// An array holding `values` in C order, with `shape` (default: one axis of
    /// `values.count`). The dtype is the element type's: `[Double]` gives `float64`.
    ///
    /// A shape whose element count differs from `values.count` is a programmer error;
    /// use ``init(validating:shape:)`` for shapes that come from input data.
    public init<T: NDArrayElement>(_ values: [T], shape: [Int]? = nil) {
        do {
            try self.init(validating: values, shape: shape)
        } catch {
            fatalError("NDArray(_:shape:): \(error)")
        }
    }

    /// Like ``init(_:shape:)``, but throws when the shape does not match the values.
    public init<T: NDArrayElement>(validating values: [T], shape: [Int]? = nil) throws {
        let shape = shape ?? [values.count]
        try self.init(checkedShape: shape, dtype: T.dtype)
        guard size == values.count else {
            throw TesseraError(
                .shapeMismatch,
                "cannot make an array of shape \(shape) (\(size) elements) from \(values.count) values"
            )
        }
        values.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                storage.pointer.copyMemory(from: base, byteCount: bytes.count)
            }
        }
    }

    /// A 0-d array holding one value.
    public init<T: NDArrayElement>(scalar value: T) {
        // Straight into a new storage: no array of one value on the way.
        self.init(storage: ArrayStorage.make(byteCount: T.dtype.itemSize, zeroed: false), dtype: T.dtype, shapeList: AxisList(), strideList: AxisList(), offset: 0)
        withUnsafeBytes(of: value) { bytes in
            storage.pointer.copyMemory(from: bytes.baseAddress!, byteCount: Swift.min(bytes.count, dtype.itemSize))
        }
    }

    /// NumPy's `zeros(shape, dtype)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float64) -> NDArray {
        NDArray(uninitializedShape: shape, dtype: dtype)
    }

    /// NumPy's `empty(shape, dtype)`. Tessera zero-fills new memory, so this equals `zeros`.
    public static func empty(_ shape: [Int], dtype: DType = .float64) -> NDArray {
        NDArray(uninitializedShape: shape, dtype: dtype)
    }

    /// Throwing form of ``zeros(_:dtype:)`` for shapes that come from input data.
    public static func zeros(checkedShape shape: [Int], dtype: DType = .float64) throws -> NDArray {
        try NDArray(checkedShape: shape, dtype: dtype)
    }

    /// NumPy's `full(shape, value, dtype)`: `value` is cast to `dtype` with NumPy's rules
    /// (the dtype defaults to the value's own).
    public static func full<T: NDArrayElement>(_ shape: [Int], _ value: T, dtype: DType? = nil) -> NDArray {
        let dtype = dtype ?? T.dtype
        var array = NDArray(uninitializedShape: shape, dtype: dtype)
        array.fill(with: value)
        return array
    }

    /// NumPy's `ones(shape, dtype)`.
    public static func ones(_ shape: [Int], dtype: DType = .float64) -> NDArray {
        full(shape, 1.0, dtype: dtype)
    }

    /// Sets every element to `value`, cast to the array's dtype with NumPy's rules.
    public mutating func fill<T: NDArrayElement>(with value: T) {
        let base = makeUniqueForWriting()
        let item = dtype.itemSize
        withUnsafeTemporaryAllocation(byteCount: item, alignment: 16) { buffer in
            withUnsafeBytes(of: value) { source in
                castFunction(from: T.dtype, to: dtype)(source.baseAddress!, 0, buffer.baseAddress!, 0, 1)
            }
            // One run over a contiguous array (a new reduction's result): nothing of the
            // general walk is built.
            if isCContiguous {
                var p = base
                for _ in 0..<size {
                    p.copyMemory(from: buffer.baseAddress!, byteCount: item)
                    p += item
                }
                return
            }
            let layout = IterationLayout(shape: shape, strides: [strides])
            layout.forEachRun(bases: [base]) { pointers, count, steps in
                var p = pointers[0]!
                let step = steps[0]
                for _ in 0..<count {
                    p.copyMemory(from: buffer.baseAddress!, byteCount: item)
                    p += step
                }
            }
        }
    }
}
