import ComplexModule
import RealModule

// The element types of the linear-algebra reference (float32, float64, complex64,
// complex128) behind one protocol, so each factorization is written once. Matrices are
// worked on in column-major scratch buffers (`a[i + j*ld]`), as LAPACK does: core loops
// gather the strided operand in and scatter the results out.

protocol LinalgScalar {
    associatedtype Real: BinaryFloatingPoint & RealModule.Real & LinalgScalar
    static var zero: Self { get }
    static var one: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static func fromReal(_ value: Real) -> Self
    static func fromParts(_ real: Real, _ imaginary: Real) -> Self
    var realPart: Real { get }
    var imaginaryPart: Real { get }
    var conj: Self { get }
    /// |x|², no scaling (callers keep values in range).
    var abs2: Real { get }
    /// |x| without overflow.
    var modulus: Real { get }
    /// |re| + |im|: LAPACK's pivot measure (`cabs1`).
    var abs1: Real { get }
    func scaled(_ factor: Real) -> Self
    static var isComplex: Bool { get }
}

extension Float: LinalgScalar {
    typealias Real = Float
    static var one: Float { 1 }
    static func fromReal(_ value: Float) -> Float { value }
    static func fromParts(_ real: Float, _ imaginary: Float) -> Float { real }
    var realPart: Float { self }
    var imaginaryPart: Float { 0 }
    var conj: Float { self }
    var abs2: Float { self * self }
    var modulus: Float { Swift.abs(self) }
    var abs1: Float { Swift.abs(self) }
    func scaled(_ factor: Float) -> Float { self * factor }
    static var isComplex: Bool { false }
}

extension Double: LinalgScalar {
    typealias Real = Double
    static var one: Double { 1 }
    static func fromReal(_ value: Double) -> Double { value }
    static func fromParts(_ real: Double, _ imaginary: Double) -> Double { real }
    var realPart: Double { self }
    var imaginaryPart: Double { 0 }
    var conj: Double { self }
    var abs2: Double { self * self }
    var modulus: Double { Swift.abs(self) }
    var abs1: Double { Swift.abs(self) }
    func scaled(_ factor: Double) -> Double { self * factor }
    static var isComplex: Bool { false }
}

extension Complex: LinalgScalar where RealType: BinaryFloatingPoint & LinalgScalar {
    typealias Real = RealType
    static func fromReal(_ value: RealType) -> Complex { Complex(value, 0) }
    static func fromParts(_ real: RealType, _ imaginary: RealType) -> Complex { Complex(real, imaginary) }
    var realPart: RealType { real }
    var imaginaryPart: RealType { imaginary }
    var conj: Complex { conjugate }
    var abs2: RealType { real * real + imaginary * imaginary }
    var modulus: RealType { RealType.hypot(real, imaginary) }
    var abs1: RealType { Swift.abs(real) + Swift.abs(imaginary) }
    func scaled(_ factor: RealType) -> Complex { Complex(real * factor, imaginary * factor) }
    static var isComplex: Bool { true }
}

/// A column-major scratch matrix owned by one loop call.
struct ColumnMajor<T: LinalgScalar> {
    let rows: Int
    let columns: Int
    let pointer: UnsafeMutablePointer<T>

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        pointer = .allocate(capacity: Swift.max(1, rows * columns))
    }

    func free() { pointer.deallocate() }

    @inline(__always) subscript(i: Int, j: Int) -> T {
        get { pointer[i + j * rows] }
        nonmutating set { pointer[i + j * rows] = newValue }
    }

    /// Column `j` as a pointer to its first element.
    @inline(__always) func column(_ j: Int) -> UnsafeMutablePointer<T> { pointer + j * rows }

    /// Copies a strided (rows × columns) operand in.
    func load(from base: UnsafeRawPointer, rowStride: Int, columnStride: Int) {
        for j in 0..<columns {
            let source = base + j * columnStride, target = column(j)
            for i in 0..<rows { target[i] = (source + i * rowStride).loadUnaligned(as: T.self) }
        }
    }

    /// Copies the (rows × columns) top-left block out to a strided operand.
    func store(to base: UnsafeMutableRawPointer, rowStride: Int, columnStride: Int, rows storeRows: Int? = nil, columns storeColumns: Int? = nil) {
        for j in 0..<(storeColumns ?? columns) {
            let target = base + j * columnStride, source = column(j)
            for i in 0..<(storeRows ?? rows) { (target + i * rowStride).storeBytes(of: source[i], as: T.self) }
        }
    }

    func setIdentity() {
        pointer.update(repeating: .zero, count: rows * columns)
        for i in 0..<Swift.min(rows, columns) { self[i, i] = .one }
    }
}

/// Fills a strided (rows × columns) operand with NaN (a matrix the loop could not factor).
func fillNaN<T: LinalgScalar>(_: T.Type, _ base: UnsafeMutableRawPointer, rows: Int, columns: Int, rowStride: Int, columnStride: Int) {
    let nan = T.fromParts(.nan, .nan)
    for j in 0..<columns {
        for i in 0..<rows { (base + i * rowStride + j * columnStride).storeBytes(of: nan, as: T.self) }
    }
}
