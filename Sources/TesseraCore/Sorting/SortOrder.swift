import ComplexModule
import RealModule

/// Element types that sort in NumPy's order (`npy_sort`'s `LT` macros).
///
/// - Integers and bool: the numeric order (`false < true`).
/// - Floats: the numeric order with every NaN after every number; −0.0 and +0.0 are equal.
/// - Complex: lexicographic on (real, imaginary), with NaNs last in NumPy's rule
///   `[R + Rj, R + nanj, nan + Rj, nan + nanj]`.
public protocol SortableElement: NDArrayElement {
    /// NumPy's `LT(a, b)`: whether `a` sorts strictly before `b`.
    static func sortsBefore(_ a: Self, _ b: Self) -> Bool
    /// Whether the value sorts into the trailing NaN block (never for integers and bool).
    var isUnordered: Bool { get }
}

extension SortableElement where Self: FixedWidthInteger {
    @inlinable public static func sortsBefore(_ a: Self, _ b: Self) -> Bool { a < b }
    @inlinable public var isUnordered: Bool { false }
}

extension SortableElement where Self: BinaryFloatingPoint {
    @inlinable public static func sortsBefore(_ a: Self, _ b: Self) -> Bool { a < b || (b != b && a == a) }
    @inlinable public var isUnordered: Bool { isNaN }
}

extension Bool: SortableElement {
    @inlinable public static func sortsBefore(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    @inlinable public var isUnordered: Bool { false }
}
extension Int8: SortableElement {}
extension Int16: SortableElement {}
extension Int32: SortableElement {}
extension Int64: SortableElement {}
extension UInt8: SortableElement {}
extension UInt16: SortableElement {}
extension UInt32: SortableElement {}
extension UInt64: SortableElement {}
extension Float16: SortableElement {}
extension Float: SortableElement {}
extension Double: SortableElement {}

extension Complex: SortableElement where RealType: ComplexComponent {
    /// NumPy's `CFLOAT_LT`/`CDOUBLE_LT`, which orders NaNs last part by part.
    @inlinable public static func sortsBefore(_ a: Complex, _ b: Complex) -> Bool {
        let (ar, ai) = a.rawStorage, (br, bi) = b.rawStorage
        if ar < br { return ai == ai || bi != bi }
        if ar > br { return bi != bi && ai == ai }
        if ar == br || (ar != ar && br != br) { return ai < bi || (bi != bi && ai == ai) }
        return br != br
    }
    @inlinable public var isUnordered: Bool { rawStorage.x.isNaN || rawStorage.y.isNaN }
}

/// Calls `body` with the Swift element type of `dtype`.
func withSortableType<R>(_ dtype: DType, _ body: (any SortableElement.Type) throws -> R) rethrows -> R {
    switch dtype {
    case .bool: try body(Bool.self)
    case .int8: try body(Int8.self)
    case .uint8: try body(UInt8.self)
    case .int16: try body(Int16.self)
    case .uint16: try body(UInt16.self)
    case .int32: try body(Int32.self)
    case .uint32: try body(UInt32.self)
    case .int64: try body(Int64.self)
    case .uint64: try body(UInt64.self)
    case .float16: try body(Float16.self)
    case .float32: try body(Float.self)
    case .float64: try body(Double.self)
    case .complex64: try body(Complex<Float>.self)
    case .complex128: try body(Complex<Double>.self)
    }
}
