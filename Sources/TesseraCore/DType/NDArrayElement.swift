import ComplexModule
import RealModule

/// A Swift type that can be the element of an ``NDArray``: it knows its ``DType``.
///
/// Conformers: `Bool`, `Int8`…`Int64`, `Int`, `UInt8`…`UInt64`, `UInt`, `Float16`,
/// `Float`, `Double`, `Complex<Float>`, `Complex<Double>`. Its memory layout is exactly
/// the dtype's item (complex: real then imaginary), so elements can be read in place.
public protocol NDArrayElement: Sendable {
    static var dtype: DType { get }
}

extension Bool: NDArrayElement { public static var dtype: DType { .bool } }
extension Int8: NDArrayElement { public static var dtype: DType { .int8 } }
extension Int16: NDArrayElement { public static var dtype: DType { .int16 } }
extension Int32: NDArrayElement { public static var dtype: DType { .int32 } }
extension Int64: NDArrayElement { public static var dtype: DType { .int64 } }
extension Int: NDArrayElement { public static var dtype: DType { .int64 } }
extension UInt8: NDArrayElement { public static var dtype: DType { .uint8 } }
extension UInt16: NDArrayElement { public static var dtype: DType { .uint16 } }
extension UInt32: NDArrayElement { public static var dtype: DType { .uint32 } }
extension UInt64: NDArrayElement { public static var dtype: DType { .uint64 } }
extension UInt: NDArrayElement { public static var dtype: DType { .uint64 } }
extension Float16: NDArrayElement { public static var dtype: DType { .float16 } }
extension Float: NDArrayElement { public static var dtype: DType { .float32 } }
extension Double: NDArrayElement { public static var dtype: DType { .float64 } }

/// A real type whose `Complex` is an array element: `Float` (complex64) and `Double` (complex128).
public protocol ComplexComponent: Real, BinaryFloatingPoint, NDArrayElement {
    static var complexDType: DType { get }
}
extension Float: ComplexComponent { public static var complexDType: DType { .complex64 } }
extension Double: ComplexComponent { public static var complexDType: DType { .complex128 } }
extension Complex: NDArrayElement where RealType: ComplexComponent {
    public static var dtype: DType { RealType.complexDType }
}
