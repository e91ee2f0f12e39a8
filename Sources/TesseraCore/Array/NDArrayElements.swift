/// The elements of an ``NDArray`` in C order as a Swift collection of `Element`, for any
/// layout (views, negative strides, broadcasts): `a.elements(Double.self).reduce(0, +)`.
/// It keeps the array's storage alive and reads in place, without a copy.
public struct NDArrayElements<Element: NDArrayElement>: RandomAccessCollection, Sendable {
    let array: NDArray
    let contiguous: Bool
    /// Element counts of C-order steps, for turning a position into per-axis indices.
    let cOrderSteps: [Int]

    init(_ array: NDArray) {
        self.array = array
        contiguous = array.isCContiguous
        cOrderSteps = NDArray.contiguousStrides(shape: array.shape, itemSize: 1)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { array.size }

    /// The element at C-order position `position`.
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < array.size, "NDArrayElements: position \(position) is out of range 0..<\(array.size)")
        var byteOffset = 0
        if contiguous {
            byteOffset = position * array.itemSize
        } else {
            var rest = position
            for axis in 0..<cOrderSteps.count {
                byteOffset += rest / cOrderSteps[axis] * array.axisStride(axis)
                rest %= cOrderSteps[axis]
            }
        }
        return withExtendedLifetime(array) { array.baseAddress.load(fromByteOffset: byteOffset, as: Element.self) }
    }
}

extension NDArray {
    /// The elements in C order as a `RandomAccessCollection` of `T`, read in place for
    /// any layout. `T` must be the array's element type; see ``elements(checked:)``.
    public func elements<T: NDArrayElement>(_: T.Type) -> NDArrayElements<T> {
        stoppingOnError("elements") { try elements(checked: T.self) }
    }

    /// Throwing form of ``elements(_:)``.
    ///
    /// - Throws: `.castingError` when `T` is not the element type (use ``astype(_:)`` or
    ///   ``toArray(_:)`` to convert).
    public func elements<T: NDArrayElement>(checked _: T.Type) throws -> NDArrayElements<T> {
        guard T.dtype == dtype else {
            throw TesseraError(.castingError, "elements: the array's dtype is \(dtype), not \(T.dtype) (\(T.self))")
        }
        return NDArrayElements(self)
    }
}
