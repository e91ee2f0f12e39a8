/// The element type of an ``NDArray`` — NumPy's `dtype`, restricted to the
/// fixed-size numeric types Tessera supports.
///
/// Canonical names are words plus bits (`float64`, `int32`, `complex128`), as
/// NumPy 2 prints them. Parse any NumPy spelling with ``init(parsing:)``.
///
/// The cases are declared in NumPy's type order (`?bBhHiIlLefdFD`), which is the
/// order ufunc loops are searched in; ``allCases`` keeps it.
public enum DType: UInt8, CaseIterable, Hashable, Sendable, Codable {
    case bool
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case float16, float32, float64
    case complex64, complex128

    /// NumPy's broad category of a dtype (`dtype.kind`).
    public enum Kind: Character, Sendable, Comparable {
        case boolean = "b"
        case unsignedInteger = "u"
        case signedInteger = "i"
        case floatingPoint = "f"
        case complexFloatingPoint = "c"

        /// The `same_kind` order: a value may be cast to a kind at or after its own.
        var rank: Int {
            switch self {
            case .boolean: 0
            case .unsignedInteger: 1
            case .signedInteger: 2
            case .floatingPoint: 3
            case .complexFloatingPoint: 4
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }
    }

    /// The canonical name, e.g. `float64`.
    public var name: String {
        switch self {
        case .bool: "bool"
        case .int8: "int8"
        case .uint8: "uint8"
        case .int16: "int16"
        case .uint16: "uint16"
        case .int32: "int32"
        case .uint32: "uint32"
        case .int64: "int64"
        case .uint64: "uint64"
        case .float16: "float16"
        case .float32: "float32"
        case .float64: "float64"
        case .complex64: "complex64"
        case .complex128: "complex128"
        }
    }

    /// Size of one element in bytes (`dtype.itemsize`).
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64, .complex64: 8
        case .complex128: 16
        }
    }

    /// Required alignment of one element in bytes (`dtype.alignment`).
    public var alignment: Int {
        switch self {
        case .complex64: 4
        case .complex128: 8
        default: itemSize
        }
    }

    /// NumPy's `dtype.kind`.
    public var kind: Kind {
        switch self {
        case .bool: .boolean
        case .uint8, .uint16, .uint32, .uint64: .unsignedInteger
        case .int8, .int16, .int32, .int64: .signedInteger
        case .float16, .float32, .float64: .floatingPoint
        case .complex64, .complex128: .complexFloatingPoint
        }
    }

    /// NumPy's one-character type code (`dtype.char`), as on x86-64 Linux (`l` is int64).
    public var character: Character {
        switch self {
        case .bool: "?"
        case .int8: "b"
        case .uint8: "B"
        case .int16: "h"
        case .uint16: "H"
        case .int32: "i"
        case .uint32: "I"
        case .int64: "l"
        case .uint64: "L"
        case .float16: "e"
        case .float32: "f"
        case .float64: "d"
        case .complex64: "F"
        case .complex128: "D"
        }
    }

    /// NumPy's array-interface type string in little-endian order (`dtype.str`), e.g. `<f8`, `|b1`.
    public var typeString: String {
        let order = itemSize == 1 ? "|" : "<"
        return "\(order)\(kind.rawValue)\(itemSize)"
    }

    public var isBool: Bool { self == .bool }
    public var isInteger: Bool { kind == .signedInteger || kind == .unsignedInteger }
    public var isSignedInteger: Bool { kind == .signedInteger }
    public var isUnsignedInteger: Bool { kind == .unsignedInteger }
    public var isFloatingPoint: Bool { kind == .floatingPoint }
    public var isComplex: Bool { kind == .complexFloatingPoint }
    /// Floating or complex: NumPy's `inexact`.
    public var isInexact: Bool { isFloatingPoint || isComplex }

    /// For a complex dtype, the dtype of its real and imaginary parts; otherwise `self`.
    public var realComponent: DType {
        switch self {
        case .complex64: .float32
        case .complex128: .float64
        default: self
        }
    }

    /// Position in NumPy's type order; loops are searched in this order.
    var order: Int { Int(rawValue) }
}

extension DType: CustomStringConvertible {
    public var description: String { name }
}
