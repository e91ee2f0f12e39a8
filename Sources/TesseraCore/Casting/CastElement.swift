import ComplexModule
import RealModule

/// How NumPy converts one element to another dtype, per source category.
///
/// Every ``NDArrayElement`` type implements `init(casting:)` for every source type
/// with NumPy's value rules (on x86-64): integers wrap, float → integer truncates
/// toward zero and gives the x86 "integer indefinite" value for NaN and out-of-range
/// inputs (as NumPy's C casts do), complex → real drops the imaginary part, anything
/// → bool tests for non-zero.
protocol CastElement: NDArrayElement {
    static var castCategory: CastCategory { get }
    /// Integers and bool: the value sign- or zero-extended to 64 bits (as a bit pattern).
    var castIntegerBits: Int64 { get }
    /// Floats and complex: the real part, exactly, as a Double.
    var castReal: Double { get }
    /// Complex: the imaginary part; 0 for everything else.
    var castImaginary: Double { get }
    init<Source: CastElement>(casting source: Source)
}

enum CastCategory {
    case bool, signed, unsigned, float, complex
}

extension CastElement {
    var castImaginary: Double { 0 }
    var isNonZeroForCast: Bool {
        switch Self.castCategory {
        case .bool, .signed, .unsigned: return castIntegerBits != 0
        case .float: return castReal != 0 || castReal.isNaN
        case .complex: return castReal != 0 || castReal.isNaN || castImaginary != 0 || castImaginary.isNaN
        }
    }
}

// MARK: - x86-64 float → integer conversion, as NumPy's C casts compile

/// `cvttsd2si` to 32 bits: truncation, or `Int32.min` for NaN and out-of-range values.
@inline(__always) package func x86TruncateToInt32(_ x: Double) -> Int32 {
    (x > -2147483649.0 && x < 2147483648.0) ? Int32(x) : Int32.min
}

/// `cvttsd2si` to 64 bits: truncation, or `Int64.min` for NaN and out-of-range values.
@inline(__always) package func x86TruncateToInt64(_ x: Double) -> Int64 {
    (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? Int64(x) : Int64.min
}

/// gcc's double → uint64 sequence: values ≥ 2⁶³ are shifted into signed range first.
@inline(__always) package func x86TruncateToUInt64(_ x: Double) -> UInt64 {
    if x >= 9223372036854775808.0 {
        return UInt64(bitPattern: x86TruncateToInt64(x - 9223372036854775808.0)) ^ (1 << 63)
    }
    return UInt64(bitPattern: x86TruncateToInt64(x))
}

/// The same sequence for double → uint32 (values ≥ 2³¹ shifted first).
@inline(__always) package func x86TruncateToUInt32(_ x: Double) -> UInt32 {
    if x >= 2147483648.0 {
        return UInt32(bitPattern: x86TruncateToInt32(x - 2147483648.0)) ^ (1 << 31)
    }
    return UInt32(bitPattern: x86TruncateToInt32(x))
}

// MARK: - Conformances

extension Bool: CastElement {
    static var castCategory: CastCategory { .bool }
    var castIntegerBits: Int64 { self ? 1 : 0 }
    var castReal: Double { self ? 1 : 0 }
    init<S: CastElement>(casting s: S) { self = s.isNonZeroForCast }
}

/// Integer destinations share one rule set; `Narrow` says whether the C cast goes
/// through a 32-bit or a 64-bit conversion instruction.
protocol CastInteger: CastElement, FixedWidthInteger {}

extension CastInteger {
    var castIntegerBits: Int64 { Int64(truncatingIfNeeded: self) }
    var castReal: Double { Double(self) }
    init<S: CastElement>(casting s: S) {
        switch S.castCategory {
        case .bool, .signed, .unsigned:
            self.init(truncatingIfNeeded: s.castIntegerBits)
        case .float, .complex:
            let x = s.castReal
            if Self.bitWidth <= 16 || (Self.bitWidth == 32 && Self.isSigned) {
                self.init(truncatingIfNeeded: x86TruncateToInt32(x))
            } else if Self.bitWidth == 64 && !Self.isSigned {
                self.init(truncatingIfNeeded: x86TruncateToUInt64(x))
            } else if Self.bitWidth == 32 && !Self.isSigned {
                self.init(truncatingIfNeeded: x86TruncateToUInt32(x))
            } else {
                self.init(truncatingIfNeeded: x86TruncateToInt64(x))
            }
        }
    }
}

extension Int8: CastInteger { static var castCategory: CastCategory { .signed } }
extension Int16: CastInteger { static var castCategory: CastCategory { .signed } }
extension Int32: CastInteger { static var castCategory: CastCategory { .signed } }
extension Int64: CastInteger { static var castCategory: CastCategory { .signed } }
extension UInt8: CastInteger { static var castCategory: CastCategory { .unsigned } }
extension UInt16: CastInteger { static var castCategory: CastCategory { .unsigned } }
extension UInt32: CastInteger { static var castCategory: CastCategory { .unsigned } }
extension UInt64: CastInteger {
    static var castCategory: CastCategory { .unsigned }
    var castIntegerBits: Int64 { Int64(bitPattern: self) }
}

protocol CastFloat: CastElement, BinaryFloatingPoint {}

extension CastFloat {
    static var castCategory: CastCategory { .float }
    var castIntegerBits: Int64 { x86TruncateToInt64(Double(self)) }
    var castReal: Double { Double(self) }
    init<S: CastElement>(casting s: S) {
        switch S.castCategory {
        case .bool:
            self = s.castIntegerBits != 0 ? 1 : 0
        case .signed:
            // Integer → float rounds once, directly (not through Double).
            self.init(s.castIntegerBits)
        case .unsigned:
            self.init(UInt64(bitPattern: s.castIntegerBits))
        case .float, .complex:
            self.init(s.castReal)
        }
    }
}

extension Float16: CastFloat {}
extension Float: CastFloat {}
extension Double: CastFloat {}

extension Complex: CastElement where RealType: CastFloat & ComplexComponent {
    static var castCategory: CastCategory { .complex }
    // `rawStorage`, not `real`/`imaginary`: swift-numerics reports NaN for both parts of
    // any non-finite value, while NumPy casts each component as it is.
    var castIntegerBits: Int64 { x86TruncateToInt64(Double(rawStorage.x)) }
    var castReal: Double { Double(rawStorage.x) }
    var castImaginary: Double { Double(rawStorage.y) }
    init<S: CastElement>(casting s: S) {
        switch S.castCategory {
        case .complex:
            self.init(RealType(s.castReal), RealType(s.castImaginary))
        default:
            self.init(RealType(casting: s), 0)
        }
    }
}
