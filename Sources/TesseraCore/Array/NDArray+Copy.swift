extension NDArray {
    /// Memory order for new arrays: NumPy's `order=` argument.
    public enum MemoryOrder: Sendable {
        /// Row-major.
        case c
        /// Column-major.
        case fortran
        /// Fortran if the source is Fortran-contiguous and not C-contiguous, else C.
        case any
        /// The source's own axis order, as closely as possible.
        case keep
    }

    /// A new array with its own storage (`ndarray.copy(order=)`).
    public func copy(order: MemoryOrder = .c) -> NDArray {
        astypeUnchecked(dtype, order: order)
    }

    /// NumPy's `astype(dtype, casting=)`: a new array converted with NumPy's value rules
    /// (float → int truncates; NaN/inf → int gives the x86 "indefinite" value and never
    /// traps; complex → real keeps the real part).
    ///
    /// - Throws: ``TesseraError`` `.castingError` when `casting` does not allow the cast
    ///   (the default, `unsafe`, allows every cast, as in NumPy).
    public func astype(_ target: DType, casting: DType.Casting = .unsafe, order: MemoryOrder = .keep) throws -> NDArray {
        guard dtype.canCast(to: target, casting: casting) else {
            throw TesseraError(
                .castingError,
                "cannot cast array from dtype \(dtype) to \(target) according to the rule '\(casting.rawValue)'"
            )
        }
        return astypeUnchecked(target, order: order)
    }

    /// `astype` for casts that cannot fail (any rule is `unsafe`).
    public func astype(_ target: DType) -> NDArray {
        astypeUnchecked(target, order: .keep)
    }

    func astypeUnchecked(_ target: DType, order: MemoryOrder) -> NDArray {
        let fortran: Bool
        switch order {
        case .c: fortran = false
        case .fortran: fortran = true
        case .any: fortran = isFContiguous && !isCContiguous
        case .keep: fortran = isFContiguous && !isCContiguous
        }
        var result: NDArray
        do {
            result = try NDArray(checkedShape: shapeList, dtype: target, zeroed: false)
        } catch {
            fatalError("astype: \(error)")
        }
        if fortran {
            result.strideList = NDArray.contiguousStrides(shape: shapeList, itemSize: target.itemSize, fortran: true)
        } else if order == .keep && !isCContiguous {
            result.strideList = AxisList(NDArray.stridesKeepingOrder(of: strides, shape: shape, itemSize: target.itemSize))
        }
        NDArray.copyElements(from: self, into: &result)
        return result
    }

    /// Contiguous strides whose axis order follows `strides` (NumPy's `order='K'`).
    static func stridesKeepingOrder(of strides: [Int], shape: [Int], itemSize: Int) -> [Int] {
        let axes = shape.indices.sorted { abs(strides[$0]) != abs(strides[$1]) ? abs(strides[$0]) > abs(strides[$1]) : $0 < $1 }
        var result = [Int](repeating: 0, count: shape.count)
        var step = itemSize
        for axis in axes.reversed() {
            result[axis] = step
            step *= Swift.max(shape[axis], 1)
        }
        return result
    }

    /// Copies (and casts) every element of `source` into `destination`, which has the same
    /// shape. The destination must not share memory with the source.
    static func copyElements(from source: NDArray, into destination: inout NDArray) {
        require(source.shapeList == destination.shapeList, "copyElements: shapes \(source.shape) and \(destination.shape) differ")
        _ = destination.makeUniqueForWriting()
        writeElements(from: source, through: destination)
    }

    /// Copies (and casts) `source` into the memory of `destination` without copy-on-write:
    /// the caller guarantees that `destination` may be written (it made the storage unique
    /// and `destination` is a view of it) and that the two do not overlap.
    static func writeElements(from source: NDArray, through destination: NDArray) {
        require(source.shapeList == destination.shapeList, "writeElements: shapes \(source.shape) and \(destination.shape) differ")
        IterationLayout.castCopy(
            shape: source.shape, from: source.baseAddress, strides: source.strides,
            to: destination.baseAddress, strides: destination.strides,
            cast: bulkCastFunction(from: source.dtype, to: destination.dtype)
        )
    }

    /// The elements in C order, converted to `T` with NumPy's cast rules when the
    /// dtype differs (`toArray(Double.self)` of an `int32` array gives doubles).
    public func toArray<T: NDArrayElement>(_: T.Type = T.self) -> [T] {
        let count = size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                IterationLayout.castCopy(
                    shape: shape, from: baseAddress, strides: strides,
                    to: UnsafeMutableRawPointer(buffer.baseAddress!),
                    strides: NDArray.contiguousStrides(shape: shape, itemSize: MemoryLayout<T>.stride),
                    cast: castFunction(from: dtype, to: T.dtype), keepOrder: true
                )
            }
            initialized = count
        }
    }

    /// The single element of a one-element array (`ndarray.item()`), converted to `T`.
    public func item<T: NDArrayElement>(_: T.Type = T.self) -> T {
        require(size == 1, "item(): the array has \(size) elements, not 1 (shape \(shape))")
        return castElement(baseAddress, from: dtype, to: T.self)
    }

    /// The element at a full index (negative indices count from the end), converted to `T`.
    public func item<T: NDArrayElement>(at index: [Int], as _: T.Type = T.self) -> T {
        castElement(baseAddress + byteOffset(of: index), from: dtype, to: T.self)
    }

    /// Writes `value`, cast to the dtype, at a full index.
    public mutating func setItem<T: NDArrayElement>(_ value: T, at index: [Int]) {
        let target = byteOffset(of: index)
        let base = makeUniqueForWriting()
        withUnsafeBytes(of: value) { source in
            castFunction(from: T.dtype, to: dtype)(source.baseAddress!, 0, base + target, 0, 1)
        }
    }

    func byteOffset(of index: [Int]) -> Int {
        require(index.count == ndim, "index \(index) has \(index.count) entries for an array of \(ndim) dimensions (shape \(shape))")
        var byteOffset = 0
        for axis in 0..<ndim {
            var i = index[axis]
            if i < 0 { i += axisLength(axis) }
            require(i >= 0 && i < axisLength(axis), "index \(index[axis]) is out of bounds for axis \(axis) with size \(axisLength(axis))")
            byteOffset += i * axisStride(axis)
        }
        return byteOffset
    }
}
