import ComplexModule
import RealModule

/// Anything that can be an input of a ufunc call: an ``NDArray``, or a Swift scalar.
///
/// Swift scalars are *weak* (NEP 50): they take the dtype of the arrays they meet,
/// so `int8Array + 1` stays `int8` and `float32Array * 2.0` stays `float32`; a value
/// that does not fit (`uint8Array + 300`) is an error.
public protocol UFuncOperand {
    var ufuncOperand: Operand { get }
}

/// The two kinds of ufunc input.
public enum Operand {
    case array(NDArray)
    case weak(WeakScalar)
}

/// A Swift scalar in a ufunc call, kept at full precision until its dtype is known.
public enum WeakScalar: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    /// An unsigned value above `Int64.max`.
    case uint(UInt64)
    case float(Double)
    case complex(Complex<Double>)

    /// The dtype it takes when no array is present (NumPy's defaults).
    var defaultDType: DType {
        switch self {
        case .bool: .bool
        case .int: .int64
        case .uint: .uint64
        case .float: .float64
        case .complex: .complex128
        }
    }

    /// NEP 50: the dtype of a weak scalar combined with the arrays' dtype `strong`.
    func dtype(alongside strong: DType) -> DType {
        switch self {
        case .bool:
            // NumPy reads a Python bool as `np.bool_`, a strong dtype (NEP 50 makes only
            // int, float and complex weak): `ldexp(float16Array, true)` takes 'ei->e'.
            return .bool
        case .int, .uint:
            return strong == .bool ? .int64 : strong
        case .float:
            return strong.isInexact ? strong : .float64
        case .complex:
            switch strong {
            case .complex64, .complex128: return strong
            case .float16, .float32: return .complex64
            default: return .complex128
            }
        }
    }

    /// A 0-d array of `dtype` holding the value; throws if an integer does not fit.
    func materialize(as dtype: DType) throws -> NDArray {
        let array = NDArray(uninitializedShape: [], dtype: dtype)
        try store(as: dtype, into: array.baseAddress)
        return array
    }

    /// Writes the value as one element of `dtype` (NumPy's cast rules), checking that a
    /// Swift integer fits an integer dtype.
    func store(as dtype: DType, into slot: UnsafeMutableRawPointer) throws {
        switch self {
        case .int(let value):
            if dtype.isInteger, !WeakScalar.fits(value, in: dtype) {
                throw TesseraError(.valueError, "Swift integer \(value) is out of bounds for \(dtype)")
            }
            withUnsafeBytes(of: value) { castFunction(from: .int64, to: dtype)($0.baseAddress!, 0, slot, 0, 1) }
        case .uint(let value):
            if dtype.isInteger, dtype != .uint64 {
                throw TesseraError(.valueError, "Swift integer \(value) is out of bounds for \(dtype)")
            }
            withUnsafeBytes(of: value) { castFunction(from: .uint64, to: dtype)($0.baseAddress!, 0, slot, 0, 1) }
        case .bool(let value):
            withUnsafeBytes(of: value) { castFunction(from: .bool, to: dtype)($0.baseAddress!, 0, slot, 0, 1) }
        case .float(let value):
            withUnsafeBytes(of: value) { castFunction(from: .float64, to: dtype)($0.baseAddress!, 0, slot, 0, 1) }
        case .complex(let value):
            withUnsafeBytes(of: value) { castFunction(from: .complex128, to: dtype)($0.baseAddress!, 0, slot, 0, 1) }
        }
    }

    static func fits(_ value: Int64, in dtype: DType) -> Bool {
        switch dtype {
        case .int8: Int8(exactly: value) != nil
        case .uint8: UInt8(exactly: value) != nil
        case .int16: Int16(exactly: value) != nil
        case .uint16: UInt16(exactly: value) != nil
        case .int32: Int32(exactly: value) != nil
        case .uint32: UInt32(exactly: value) != nil
        case .int64: true
        case .uint64: value >= 0
        default: true
        }
    }
}

extension NDArray: UFuncOperand {
    public var ufuncOperand: Operand { .array(self) }
}

extension Bool: UFuncOperand { public var ufuncOperand: Operand { .weak(.bool(self)) } }
extension Int: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension Int8: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension Int16: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension Int32: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension Int64: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(self)) } }
extension UInt8: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension UInt16: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension UInt32: UFuncOperand { public var ufuncOperand: Operand { .weak(.int(Int64(self))) } }
extension UInt64: UFuncOperand {
    public var ufuncOperand: Operand { self <= UInt64(Int64.max) ? .weak(.int(Int64(self))) : .weak(.uint(self)) }
}
extension UInt: UFuncOperand {
    public var ufuncOperand: Operand { UInt64(self).ufuncOperand }
}
extension Float16: UFuncOperand { public var ufuncOperand: Operand { .weak(.float(Double(self))) } }
extension Float: UFuncOperand { public var ufuncOperand: Operand { .weak(.float(Double(self))) } }
extension Double: UFuncOperand { public var ufuncOperand: Operand { .weak(.float(self)) } }
extension Complex: UFuncOperand where RealType: ComplexComponent {
    // `rawStorage`, not `real`/`imaginary`: swift-numerics reads every non-finite value as
    // NaN + NaN i, which would turn `-2.5 + inf i` into NaN.
    public var ufuncOperand: Operand { .weak(.complex(Complex<Double>(Double(rawStorage.x), Double(rawStorage.y)))) }
}
