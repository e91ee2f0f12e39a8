import ComplexModule
import TesseraCore

// How an operand of a core loop reaches CBLAS: a matrix whose strides CBLAS can express
// (row- or column-major with a leading dimension ≥ its row) is passed in place with a
// transpose flag; anything else (negative, zero or odd strides) is copied once into a
// contiguous scratch buffer.

/// A CBLAS element type and its four routines.
protocol BLASElement {
    static func gemm(_ library: OpenBLASLibrary, _ order: Int32, _ transA: Int32, _ transB: Int32, _ m: Int32, _ n: Int32, _ k: Int32,
                     _ a: UnsafeRawPointer, _ lda: Int32, _ b: UnsafeRawPointer, _ ldb: Int32, _ c: UnsafeMutableRawPointer, _ ldc: Int32)
    static func gemv(_ library: OpenBLASLibrary, _ order: Int32, _ trans: Int32, _ m: Int32, _ n: Int32,
                     _ a: UnsafeRawPointer, _ lda: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeMutableRawPointer, _ incy: Int32)
    /// `*result = Σ conj?(x)·y`.
    static func dot(_ library: OpenBLASLibrary, _ n: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeRawPointer, _ incy: Int32,
                    conjugateX: Bool, into result: UnsafeMutableRawPointer)
    /// Whether conjugation changes values (complex types).
    static var isComplex: Bool { get }
    var blasConjugate: Self { get }
}

extension Float: BLASElement {
    static func gemm(_ l: OpenBLASLibrary, _ o: Int32, _ ta: Int32, _ tb: Int32, _ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ b: UnsafeRawPointer, _ ldb: Int32, _ c: UnsafeMutableRawPointer, _ ldc: Int32) {
        l.sgemm(o, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, ldc)
    }
    static func gemv(_ l: OpenBLASLibrary, _ o: Int32, _ t: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeMutableRawPointer, _ incy: Int32) {
        l.sgemv(o, t, m, n, 1, a, lda, x, incx, 0, y, incy)
    }
    static func dot(_ l: OpenBLASLibrary, _ n: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeRawPointer, _ incy: Int32, conjugateX: Bool, into r: UnsafeMutableRawPointer) {
        r.storeBytes(of: l.sdot(n, x, incx, y, incy), as: Float.self)
    }
    static var isComplex: Bool { false }
    var blasConjugate: Float { self }
}

extension Double: BLASElement {
    static func gemm(_ l: OpenBLASLibrary, _ o: Int32, _ ta: Int32, _ tb: Int32, _ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ b: UnsafeRawPointer, _ ldb: Int32, _ c: UnsafeMutableRawPointer, _ ldc: Int32) {
        l.dgemm(o, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, ldc)
    }
    static func gemv(_ l: OpenBLASLibrary, _ o: Int32, _ t: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeMutableRawPointer, _ incy: Int32) {
        l.dgemv(o, t, m, n, 1, a, lda, x, incx, 0, y, incy)
    }
    static func dot(_ l: OpenBLASLibrary, _ n: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeRawPointer, _ incy: Int32, conjugateX: Bool, into r: UnsafeMutableRawPointer) {
        r.storeBytes(of: l.ddot(n, x, incx, y, incy), as: Double.self)
    }
    static var isComplex: Bool { false }
    var blasConjugate: Double { self }
}

extension Complex: BLASElement where RealType: ComplexComponent {
    private static var isSingle: Bool { RealType.self == Float.self }

    static func gemm(_ l: OpenBLASLibrary, _ o: Int32, _ ta: Int32, _ tb: Int32, _ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ b: UnsafeRawPointer, _ ldb: Int32, _ c: UnsafeMutableRawPointer, _ ldc: Int32) {
        var one = Complex.one, zero = Complex.zero
        withUnsafePointer(to: &one) { alpha in
            withUnsafePointer(to: &zero) { beta in
                (isSingle ? l.cgemm : l.zgemm)(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            }
        }
    }
    static func gemv(_ l: OpenBLASLibrary, _ o: Int32, _ t: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeRawPointer, _ lda: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeMutableRawPointer, _ incy: Int32) {
        var one = Complex.one, zero = Complex.zero
        withUnsafePointer(to: &one) { alpha in
            withUnsafePointer(to: &zero) { beta in
                (isSingle ? l.cgemv : l.zgemv)(o, t, m, n, alpha, a, lda, x, incx, beta, y, incy)
            }
        }
    }
    static func dot(_ l: OpenBLASLibrary, _ n: Int32, _ x: UnsafeRawPointer, _ incx: Int32, _ y: UnsafeRawPointer, _ incy: Int32, conjugateX: Bool, into r: UnsafeMutableRawPointer) {
        let function = isSingle ? (conjugateX ? l.cdotc : l.cdotu) : (conjugateX ? l.zdotc : l.zdotu)
        function(n, x, incx, y, incy, r)
    }
    static var isComplex: Bool { true }
    var blasConjugate: Complex { conjugate }
}

/// A strided matrix of a core loop, before it is handed to CBLAS.
struct StridedMatrix {
    var base: UnsafeMutableRawPointer
    var rows: Int
    var columns: Int
    var rowStride: Int
    var columnStride: Int
}

/// A matrix as CBLAS takes it: storage order and leading dimension.
struct BLASMatrix {
    var pointer: UnsafeMutableRawPointer
    var rowMajor: Bool
    var leadingDimension: Int32
}

/// A strided vector of a core loop.
struct StridedVector {
    var base: UnsafeMutableRawPointer
    var length: Int
    var stride: Int
}

extension StridedMatrix {
    /// The CBLAS view of this matrix, if its strides allow one. Strides of length-1 axes
    /// do not matter.
    func blasLayout(itemSize: Int) -> BLASMatrix? {
        func fits(_ stride: Int, atLeast minimum: Int) -> Int32? {
            guard stride > 0, stride % itemSize == 0 else { return nil }
            let elements = stride / itemSize
            guard elements >= Swift.max(1, minimum), elements <= Int(Int32.max) else { return nil }
            return Int32(elements)
        }
        let unitRows = rows <= 1, unitColumns = columns <= 1
        if unitColumns || columnStride == itemSize {
            if unitRows, columns <= Int(Int32.max) { return BLASMatrix(pointer: base, rowMajor: true, leadingDimension: Int32(Swift.max(1, columns))) }
            if let ld = fits(rowStride, atLeast: columns) { return BLASMatrix(pointer: base, rowMajor: true, leadingDimension: ld) }
        }
        if unitRows || rowStride == itemSize {
            if unitColumns, rows <= Int(Int32.max) { return BLASMatrix(pointer: base, rowMajor: false, leadingDimension: Int32(Swift.max(1, rows))) }
            if let ld = fits(columnStride, atLeast: rows) { return BLASMatrix(pointer: base, rowMajor: false, leadingDimension: ld) }
        }
        return nil
    }

    /// Copies the matrix into `buffer` in row-major order and returns that layout.
    func packedRowMajor<T>(_: T.Type, into buffer: UnsafeMutableRawPointer) -> BLASMatrix {
        let target = buffer.assumingMemoryBound(to: T.self)
        for i in 0..<rows {
            let row = base + i * rowStride
            for j in 0..<columns { target[i * columns + j] = (row + j * columnStride).assumingMemoryBound(to: T.self).pointee }
        }
        return BLASMatrix(pointer: buffer, rowMajor: true, leadingDimension: Int32(Swift.max(1, columns)))
    }

    /// Copies a row-major `source` into this matrix.
    func store<T>(_: T.Type, fromRowMajor source: UnsafeMutableRawPointer) {
        let values = source.assumingMemoryBound(to: T.self)
        for i in 0..<rows {
            let row = base + i * rowStride
            for j in 0..<columns { (row + j * columnStride).assumingMemoryBound(to: T.self).pointee = values[i * columns + j] }
        }
    }
}

extension StridedVector {
    /// The CBLAS increment of this vector, if its stride is a positive multiple of the item size.
    func increment(itemSize: Int) -> Int32? {
        if length <= 1 { return 1 }
        guard stride > 0, stride % itemSize == 0, stride / itemSize <= Int(Int32.max) else { return nil }
        return Int32(stride / itemSize)
    }

    func packed<T>(_: T.Type, into buffer: UnsafeMutableRawPointer, conjugate: (T) -> T = { $0 }) {
        let target = buffer.assumingMemoryBound(to: T.self)
        for i in 0..<length { target[i] = conjugate((base + i * stride).assumingMemoryBound(to: T.self).pointee) }
    }

    func store<T>(_: T.Type, from source: UnsafeMutableRawPointer) {
        let values = source.assumingMemoryBound(to: T.self)
        for i in 0..<length { (base + i * stride).assumingMemoryBound(to: T.self).pointee = values[i] }
    }
}

/// Scratch buffers of one loop call, grown on demand and freed at the end of the call.
struct ScratchBuffers {
    private var pointers: (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) = (nil, nil, nil)
    private var capacities = (0, 0, 0)

    mutating func buffer(_ slot: Int, bytes: Int) -> UnsafeMutableRawPointer {
        func ensure(_ pointer: inout UnsafeMutableRawPointer?, _ capacity: inout Int) -> UnsafeMutableRawPointer {
            if let pointer, capacity >= bytes { return pointer }
            pointer?.deallocate()
            capacity = Swift.max(bytes, 64)
            pointer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
            return pointer!
        }
        switch slot {
        case 0: return ensure(&pointers.0, &capacities.0)
        case 1: return ensure(&pointers.1, &capacities.1)
        default: return ensure(&pointers.2, &capacities.2)
        }
    }

    func free() {
        pointers.0?.deallocate()
        pointers.1?.deallocate()
        pointers.2?.deallocate()
    }
}
