extension NDArray {
    /// Checks that the elements can be handed out as one buffer of `T`.
    func checkBufferAccess<T: NDArrayElement>(_: T.Type, _ function: String) throws {
        guard T.dtype == dtype else {
            throw TesseraError(.castingError, "\(function): the array's dtype is \(dtype), not \(T.dtype) (\(T.self)); convert with astype(.\(dtype)) first")
        }
        guard isCContiguous else {
            throw TesseraError(.valueError, "\(function): the array (shape \(shape), strides \(strides)) is not C-contiguous; make a contiguous copy with copy() first")
        }
    }

    /// Calls `body` with the elements, in C order, as a buffer of `T`, without copying
    /// (NumPy's buffer protocol). The buffer is valid only inside `body`.
    ///
    /// - Throws: `.castingError` when `T` is not the array's element type, `.valueError`
    ///   when the array is not C-contiguous (views with gaps or other orders: use
    ///   ``copy(order:)`` first, or ``elements(_:)``); and whatever `body` throws.
    public func withUnsafeBufferPointer<T: NDArrayElement, R>(of _: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) throws -> R {
        try checkBufferAccess(T.self, "withUnsafeBufferPointer(of:)")
        let buffer = UnsafeBufferPointer(start: baseAddress.assumingMemoryBound(to: T.self), count: size)
        return try withExtendedLifetime(storage) { try body(buffer) }
    }

    /// Calls `body` with the elements, in C order, as a mutable buffer of `T`; writes
    /// change this array only (copy-on-write: a shared storage is copied first).
    ///
    /// - Throws: as ``withUnsafeBufferPointer(of:_:)``.
    public mutating func withUnsafeMutableBufferPointer<T: NDArrayElement, R>(of _: T.Type, _ body: (inout UnsafeMutableBufferPointer<T>) throws -> R) throws -> R {
        try checkBufferAccess(T.self, "withUnsafeMutableBufferPointer(of:)")
        let base = makeUniqueForWriting()
        var buffer = UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: T.self), count: size)
        return try withExtendedLifetime(storage) { try body(&buffer) }
    }

    /// Calls `body` with the elements, in C order, as a `Span` of `T` (safe, bounds-checked
    /// read access without a copy; NumPy's buffer protocol).
    ///
    /// The span lives only inside `body`. A `span(of:)` method or a `span` property that
    /// returns it is not offered: Swift 6.3 rejects any function or getter that returns a
    /// `~Escapable` value ("a method cannot return a ~Escapable result") unless the
    /// experimental `Lifetimes` feature is enabled, which this package does not do.
    ///
    /// - Throws: as ``withUnsafeBufferPointer(of:_:)``.
    public func withSpan<T: NDArrayElement, R>(of _: T.Type, _ body: (Span<T>) throws -> R) throws -> R {
        try withUnsafeBufferPointer(of: T.self) { try body($0.span) }
    }

    /// Calls `body` with the elements, in C order, as a `MutableSpan` of `T`; writes change
    /// this array only (copy-on-write: a shared storage is copied first). The span lives
    /// only inside `body` (see ``withSpan(of:_:)`` for why it is not returned).
    ///
    /// - Throws: as ``withUnsafeBufferPointer(of:_:)``.
    public mutating func withMutableSpan<T: NDArrayElement, R>(of _: T.Type, _ body: (inout MutableSpan<T>) throws -> R) throws -> R {
        try withUnsafeMutableBufferPointer(of: T.self) { buffer in
            var span = buffer.mutableSpan
            return try body(&span)
        }
    }

    /// A new C-contiguous array of `shape` whose elements `body` writes through a buffer
    /// of `T` (like `Array(unsafeUninitializedCapacity:initializingWith:)`, without a
    /// copy). The memory starts zeroed.
    ///
    /// - Throws: `.shapeMismatch`/`.resourceLimit` for a bad shape, and what `body` throws.
    public init<T: NDArrayElement>(shape: [Int], of _: T.Type, initializingWith body: (inout UnsafeMutableBufferPointer<T>) throws -> Void) throws {
        try self.init(checkedShape: shape, dtype: T.dtype)
        var buffer = UnsafeMutableBufferPointer(start: storage.pointer.assumingMemoryBound(to: T.self), count: size)
        try body(&buffer)
    }
}

extension NDArray: ExpressibleByArrayLiteral {
    /// A 1-d `float64` array from a literal: `let v: NDArray = [1, 2.5, 3]`.
    /// (`NDArray([1, 2, 3])` still takes the element type of its argument: `int64`.)
    public init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}
