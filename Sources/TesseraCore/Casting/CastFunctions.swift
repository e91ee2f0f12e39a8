import ComplexModule
import RealModule

/// Converts `count` elements from `source` (byte stride `sourceStride`) to
/// `destination` (byte stride `destinationStride`).
typealias CastFunction = (
    _ source: UnsafeRawPointer, _ sourceStride: Int,
    _ destination: UnsafeMutableRawPointer, _ destinationStride: Int,
    _ count: Int
) -> Void

/// The cast function for a pair of dtypes, specialised for both element types.
func castFunction(from source: DType, to destination: DType) -> CastFunction {
    switch source {
    case .bool: castFunction(from: Bool.self, to: destination)
    case .int8: castFunction(from: Int8.self, to: destination)
    case .uint8: castFunction(from: UInt8.self, to: destination)
    case .int16: castFunction(from: Int16.self, to: destination)
    case .uint16: castFunction(from: UInt16.self, to: destination)
    case .int32: castFunction(from: Int32.self, to: destination)
    case .uint32: castFunction(from: UInt32.self, to: destination)
    case .int64: castFunction(from: Int64.self, to: destination)
    case .uint64: castFunction(from: UInt64.self, to: destination)
    case .float16: castFunction(from: Float16.self, to: destination)
    case .float32: castFunction(from: Float.self, to: destination)
    case .float64: castFunction(from: Double.self, to: destination)
    case .complex64: castFunction(from: Complex<Float>.self, to: destination)
    case .complex128: castFunction(from: Complex<Double>.self, to: destination)
    }
}

private func castFunction<S: CastElement>(from _: S.Type, to destination: DType) -> CastFunction {
    switch destination {
    case .bool: makeCast(S.self, Bool.self)
    case .int8: makeCast(S.self, Int8.self)
    case .uint8: makeCast(S.self, UInt8.self)
    case .int16: makeCast(S.self, Int16.self)
    case .uint16: makeCast(S.self, UInt16.self)
    case .int32: makeCast(S.self, Int32.self)
    case .uint32: makeCast(S.self, UInt32.self)
    case .int64: makeCast(S.self, Int64.self)
    case .uint64: makeCast(S.self, UInt64.self)
    case .float16: makeCast(S.self, Float16.self)
    case .float32: makeCast(S.self, Float.self)
    case .float64: makeCast(S.self, Double.self)
    case .complex64: makeCast(S.self, Complex<Float>.self)
    case .complex128: makeCast(S.self, Complex<Double>.self)
    }
}

private func makeCast<S: CastElement, D: CastElement>(_: S.Type, _: D.Type) -> CastFunction {
    if S.self == D.self {
        return { source, sourceStride, destination, destinationStride, count in
            let size = MemoryLayout<S>.size
            if sourceStride == size && destinationStride == size {
                destination.copyMemory(from: source, byteCount: count * size)
                return
            }
            for i in 0..<count {
                (destination + i * destinationStride).copyMemory(from: source + i * sourceStride, byteCount: size)
            }
        }
    }
    return { source, sourceStride, destination, destinationStride, count in
        if sourceStride == MemoryLayout<S>.stride && destinationStride == MemoryLayout<D>.stride {
            let input = source.assumingMemoryBound(to: S.self)
            let output = destination.assumingMemoryBound(to: D.self)
            for i in 0..<count { output[i] = D(casting: input[i]) }
            return
        }
        for i in 0..<count {
            let value = (source + i * sourceStride).loadUnaligned(as: S.self)
            (destination + i * destinationStride).storeBytes(of: D(casting: value), as: D.self)
        }
    }
}

/// Converts one element of any dtype to a Swift value of type `T` with NumPy's cast rules.
func castElement<T: NDArrayElement>(_ pointer: UnsafeRawPointer, from dtype: DType, to _: T.Type) -> T {
    if dtype == T.dtype { return pointer.loadUnaligned(as: T.self) }  // no conversion: one load
    return withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer in
        castFunction(from: dtype, to: T.dtype)(pointer, 0, UnsafeMutableRawPointer(buffer.baseAddress!), 0, 1)
        return buffer[0]
    }
}
