import ComplexModule
import TesseraCore

// The matrix-product kernels of the scalar backend.
//
// float32 and float64 use a packed, cache-blocked GEMM in the manner of BLIS/GotoBLAS:
// B is packed into KC×NR panels and A into MR×KC panels so that the register-tiled
// micro-kernel reads both with unit stride; the blocks are sized for L1 (one A and one B
// panel), L2 (the packed A block) and L3 (the packed B block). Packing reads any byte
// strides, so transposed, strided and broadcast operands need no other path.
// Every other dtype uses a blocked row-times-panel loop over a packed B block, which
// vectorises for the integer types.

/// A matrix inside a core loop: its first element and the byte strides of its two axes.
struct MatrixOperand {
    var base: UnsafeMutableRawPointer
    var rowStride: Int
    var columnStride: Int

    @inline(__always) func pointer<T>(_ row: Int, _ column: Int, as _: T.Type) -> UnsafeMutablePointer<T> {
        (base + row * rowStride + column * columnStride).assumingMemoryBound(to: T.self)
    }
}

// MARK: Packed GEMM for float32 and float64

/// A register-tiled micro-kernel: `tile[MR×NR] = Σ_p a[p][0..<MR] ⊗ b[p][0..<NR]`
/// on packed panels.
protocol PackedGEMMKernel {
    associatedtype Scalar: BinaryFloatingPoint
    static var mr: Int { get }
    static var nr: Int { get }
    static var mc: Int { get }
    static var kc: Int { get }
    static var nc: Int { get }
    static func microKernel(_ kc: Int, _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ tile: UnsafeMutablePointer<Scalar>)
}

/// float64: 4×4 tiles in eight `SIMD2<Double>` accumulators (SSE2 has 16 registers).
enum DoubleGEMMKernel: PackedGEMMKernel {
    static var mr: Int { 4 }
    static var nr: Int { 4 }
    static var mc: Int { 64 }
    static var kc: Int { 256 }
    static var nc: Int { 2048 }

    @inline(__always)
    static func microKernel(_ kc: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ tile: UnsafeMutablePointer<Double>) {
        var c00 = SIMD2<Double>(), c01 = SIMD2<Double>(), c10 = SIMD2<Double>(), c11 = SIMD2<Double>()
        var c20 = SIMD2<Double>(), c21 = SIMD2<Double>(), c30 = SIMD2<Double>(), c31 = SIMD2<Double>()
        let pa = UnsafeRawPointer(a), pb = UnsafeRawPointer(b)
        for p in 0..<kc {
            let b0 = pb.load(fromByteOffset: p &* 32, as: SIMD2<Double>.self)
            let b1 = pb.load(fromByteOffset: p &* 32 &+ 16, as: SIMD2<Double>.self)
            let a01 = pa.load(fromByteOffset: p &* 32, as: SIMD2<Double>.self)
            let a23 = pa.load(fromByteOffset: p &* 32 &+ 16, as: SIMD2<Double>.self)
            let a0 = SIMD2(repeating: a01[0]), a1 = SIMD2(repeating: a01[1])
            let a2 = SIMD2(repeating: a23[0]), a3 = SIMD2(repeating: a23[1])
            c00 += a0 * b0; c01 += a0 * b1
            c10 += a1 * b0; c11 += a1 * b1
            c20 += a2 * b0; c21 += a2 * b1
            c30 += a3 * b0; c31 += a3 * b1
        }
        let t = UnsafeMutableRawPointer(tile)
        t.storeBytes(of: c00, toByteOffset: 0, as: SIMD2<Double>.self)
        t.storeBytes(of: c01, toByteOffset: 16, as: SIMD2<Double>.self)
        t.storeBytes(of: c10, toByteOffset: 32, as: SIMD2<Double>.self)
        t.storeBytes(of: c11, toByteOffset: 48, as: SIMD2<Double>.self)
        t.storeBytes(of: c20, toByteOffset: 64, as: SIMD2<Double>.self)
        t.storeBytes(of: c21, toByteOffset: 80, as: SIMD2<Double>.self)
        t.storeBytes(of: c30, toByteOffset: 96, as: SIMD2<Double>.self)
        t.storeBytes(of: c31, toByteOffset: 112, as: SIMD2<Double>.self)
    }
}

/// float32: 4×8 tiles in eight `SIMD4<Float>` accumulators.
enum FloatGEMMKernel: PackedGEMMKernel {
    static var mr: Int { 4 }
    static var nr: Int { 8 }
    static var mc: Int { 128 }
    static var kc: Int { 256 }
    static var nc: Int { 2048 }

    @inline(__always)
    static func microKernel(_ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ tile: UnsafeMutablePointer<Float>) {
        var c00 = SIMD4<Float>(), c01 = SIMD4<Float>(), c10 = SIMD4<Float>(), c11 = SIMD4<Float>()
        var c20 = SIMD4<Float>(), c21 = SIMD4<Float>(), c30 = SIMD4<Float>(), c31 = SIMD4<Float>()
        let pa = UnsafeRawPointer(a), pb = UnsafeRawPointer(b)
        for p in 0..<kc {
            let b0 = pb.load(fromByteOffset: p &* 32, as: SIMD4<Float>.self)
            let b1 = pb.load(fromByteOffset: p &* 32 &+ 16, as: SIMD4<Float>.self)
            let av = pa.load(fromByteOffset: p &* 16, as: SIMD4<Float>.self)
            let a0 = SIMD4(repeating: av[0]), a1 = SIMD4(repeating: av[1])
            let a2 = SIMD4(repeating: av[2]), a3 = SIMD4(repeating: av[3])
            c00 += a0 * b0; c01 += a0 * b1
            c10 += a1 * b0; c11 += a1 * b1
            c20 += a2 * b0; c21 += a2 * b1
            c30 += a3 * b0; c31 += a3 * b1
        }
        let t = UnsafeMutableRawPointer(tile)
        t.storeBytes(of: c00, toByteOffset: 0, as: SIMD4<Float>.self)
        t.storeBytes(of: c01, toByteOffset: 16, as: SIMD4<Float>.self)
        t.storeBytes(of: c10, toByteOffset: 32, as: SIMD4<Float>.self)
        t.storeBytes(of: c11, toByteOffset: 48, as: SIMD4<Float>.self)
        t.storeBytes(of: c20, toByteOffset: 64, as: SIMD4<Float>.self)
        t.storeBytes(of: c21, toByteOffset: 80, as: SIMD4<Float>.self)
        t.storeBytes(of: c30, toByteOffset: 96, as: SIMD4<Float>.self)
        t.storeBytes(of: c31, toByteOffset: 112, as: SIMD4<Float>.self)
    }
}

/// Buffers for the packed panels, allocated once per loop call and reused across the
/// outer (batch) iterations.
struct PackedGEMMWorkspace<Scalar> {
    let a: UnsafeMutablePointer<Scalar>
    let b: UnsafeMutablePointer<Scalar>
    let tile: UnsafeMutablePointer<Scalar>

    init(mc: Int, kc: Int, nc: Int, mr: Int, nr: Int) {
        let aBytes = mc * kc * MemoryLayout<Scalar>.stride
        let bBytes = nc * kc * MemoryLayout<Scalar>.stride
        a = UnsafeMutableRawPointer.allocate(byteCount: aBytes, alignment: 64).bindMemory(to: Scalar.self, capacity: mc * kc)
        b = UnsafeMutableRawPointer.allocate(byteCount: bBytes, alignment: 64).bindMemory(to: Scalar.self, capacity: nc * kc)
        tile = UnsafeMutableRawPointer.allocate(byteCount: mr * nr * MemoryLayout<Scalar>.stride, alignment: 64).bindMemory(to: Scalar.self, capacity: mr * nr)
    }

    func deallocate() {
        UnsafeMutableRawPointer(a).deallocate()
        UnsafeMutableRawPointer(b).deallocate()
        UnsafeMutableRawPointer(tile).deallocate()
    }
}

/// C[n×m] = A[n×k] · B[k×m] with the packed micro-kernel `K`.
@inline(__always)
func packedGEMM<K: PackedGEMMKernel>(
    _: K.Type, n: Int, k: Int, m: Int,
    a: MatrixOperand, b: MatrixOperand, c: MatrixOperand,
    workspace: PackedGEMMWorkspace<K.Scalar>
) {
    typealias T = K.Scalar
    let mr = K.mr, nr = K.nr
    if k == 0 {
        for i in 0..<n { for j in 0..<m { c.pointer(i, j, as: T.self).pointee = 0 } }
        return
    }
    let tile = workspace.tile
    var jc = 0
    while jc < m {
        let nc = Swift.min(K.nc, m - jc)
        var pc = 0
        while pc < k {
            let kc = Swift.min(K.kc, k - pc)
            // Pack B[pc..<pc+kc, jc..<jc+nc] into KC×NR panels, zero-padded.
            var panel = 0
            while panel < nc {
                let bp = workspace.b + panel * kc
                let width = Swift.min(nr, nc - panel)
                for p in 0..<kc {
                    let row = bp + p * nr
                    let source = b.pointer(pc + p, jc + panel, as: T.self)
                    if width == nr && b.columnStride == MemoryLayout<T>.stride {
                        for j in 0..<nr { row[j] = source[j] }
                    } else {
                        let step = b.columnStride
                        for j in 0..<width { row[j] = (UnsafeMutableRawPointer(source) + j * step).assumingMemoryBound(to: T.self).pointee }
                        for j in width..<nr { row[j] = 0 }
                    }
                }
                panel += nr
            }
            var ic = 0
            while ic < n {
                let mc = Swift.min(K.mc, n - ic)
                // Pack A[ic..<ic+mc, pc..<pc+kc] into MR×KC panels, zero-padded.
                var rowPanel = 0
                while rowPanel < mc {
                    let ap = workspace.a + rowPanel * kc
                    let height = Swift.min(mr, mc - rowPanel)
                    for i in 0..<height {
                        let source = UnsafeMutableRawPointer(a.pointer(ic + rowPanel + i, pc, as: T.self))
                        let step = a.columnStride
                        for p in 0..<kc { ap[p * mr + i] = (source + p * step).assumingMemoryBound(to: T.self).pointee }
                    }
                    for i in height..<mr { for p in 0..<kc { ap[p * mr + i] = 0 } }
                    rowPanel += mr
                }
                // Micro-kernels over the block; the tile is added to C (stored on the first k block).
                var jr = 0
                while jr < nc {
                    let width = Swift.min(nr, nc - jr)
                    var ir = 0
                    while ir < mc {
                        let height = Swift.min(mr, mc - ir)
                        K.microKernel(kc, workspace.a + ir * kc, workspace.b + jr * kc, tile)
                        for i in 0..<height {
                            let rowBase = UnsafeMutableRawPointer(c.pointer(ic + ir + i, jc + jr, as: T.self))
                            for j in 0..<width {
                                let target = (rowBase + j * c.columnStride).assumingMemoryBound(to: T.self)
                                target.pointee = pc == 0 ? tile[i * nr + j] : target.pointee + tile[i * nr + j]
                            }
                        }
                        ir += mr
                    }
                    jr += nr
                }
                ic += mc
            }
            pc += kc
        }
        jc += nc
    }
}

// MARK: float16 and complex through the packed kernels

/// Contiguous row-major scratch matrices for the widened and split products.
struct PlaneBuffers<Scalar> {
    private(set) var pointers: [UnsafeMutablePointer<Scalar>]

    init(count: Int, capacity: Int) {
        pointers = (0..<count).map { _ in UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(capacity, 1)) }
    }

    subscript(index: Int) -> UnsafeMutablePointer<Scalar> { pointers[index] }

    func deallocate() { for pointer in pointers { pointer.deallocate() } }
}

@inline(__always)
func rowMajor<T>(_ pointer: UnsafeMutablePointer<T>, columns: Int) -> MatrixOperand {
    MatrixOperand(base: UnsafeMutableRawPointer(pointer), rowStride: columns * MemoryLayout<T>.stride, columnStride: MemoryLayout<T>.stride)
}

/// float16 C = A·B: both operands widened to float32 once, multiplied by the float32
/// packed kernel (sums in float32, as NumPy's float16 matmul), rounded to float16 once.
@inline(__always)
func float16Matmul(n: Int, k: Int, m: Int, a: MatrixOperand, b: MatrixOperand, c: MatrixOperand, planes: PlaneBuffers<Float>, workspace: PackedGEMMWorkspace<Float>) {
    let wideA = planes[0], wideB = planes[1], wideC = planes[2]
    for i in 0..<n { for p in 0..<k { wideA[i * k + p] = Float(a.pointer(i, p, as: Float16.self).pointee) } }
    for p in 0..<k { for j in 0..<m { wideB[p * m + j] = Float(b.pointer(p, j, as: Float16.self).pointee) } }
    packedGEMM(FloatGEMMKernel.self, n: n, k: k, m: m, a: rowMajor(wideA, columns: k), b: rowMajor(wideB, columns: m), c: rowMajor(wideC, columns: m), workspace: workspace)
    for i in 0..<n { for j in 0..<m { c.pointer(i, j, as: Float16.self).pointee = Float16(wideC[i * m + j]) } }
}

/// Complex C = A·B as four real products on split planes:
/// Re C = Re A·Re B − Im A·Im B, Im C = Re A·Im B + Im A·Re B.
@inline(__always)
func complexMatmul<K: PackedGEMMKernel>(
    _: K.Type, n: Int, k: Int, m: Int, a: MatrixOperand, b: MatrixOperand, c: MatrixOperand,
    planes: PlaneBuffers<K.Scalar>, workspace: PackedGEMMWorkspace<K.Scalar>
) where K.Scalar: ComplexComponent {
    typealias R = K.Scalar
    let ar = planes[0], ai = planes[1], br = planes[2], bi = planes[3], cr = planes[4], ci = planes[5], t = planes[6]
    for i in 0..<n {
        for p in 0..<k {
            let z = a.pointer(i, p, as: Complex<R>.self).pointee
            ar[i * k + p] = z.real
            ai[i * k + p] = z.imaginary
        }
    }
    for p in 0..<k {
        for j in 0..<m {
            let z = b.pointer(p, j, as: Complex<R>.self).pointee
            br[p * m + j] = z.real
            bi[p * m + j] = z.imaginary
        }
    }
    func product(_ x: UnsafeMutablePointer<R>, _ y: UnsafeMutablePointer<R>, into z: UnsafeMutablePointer<R>) {
        packedGEMM(K.self, n: n, k: k, m: m, a: rowMajor(x, columns: k), b: rowMajor(y, columns: m), c: rowMajor(z, columns: m), workspace: workspace)
    }
    product(ar, br, into: cr)
    product(ai, bi, into: t)
    for index in 0..<(n * m) { cr[index] -= t[index] }
    product(ar, bi, into: ci)
    product(ai, br, into: t)
    for index in 0..<(n * m) { ci[index] += t[index] }
    for i in 0..<n {
        for j in 0..<m { c.pointer(i, j, as: Complex<R>.self).pointee = Complex(cr[i * m + j], ci[i * m + j]) }
    }
}

// MARK: Every other dtype

/// An element type of the matrix products and how it accumulates (NumPy's matmul
/// semantics: integers wrap, bool is `any(a & b)`, float16 sums in float32).
protocol MatmulElement {
    associatedtype Accumulator
    static var zeroAccumulator: Accumulator { get }
    static func accumulate(_ sum: inout Accumulator, _ a: Self, _ b: Self)
    static func finish(_ sum: Accumulator) -> Self
    /// The complex conjugate (`vecdot` and `vecmat` conjugate their first operand); self for reals.
    var matmulConjugate: Self { get }
}

extension MatmulElement where Accumulator == Self {
    @inline(__always) static func finish(_ sum: Self) -> Self { sum }
}

extension MatmulElement {
    @inline(__always) var matmulConjugate: Self { self }
}

extension Bool: MatmulElement {
    @inline(__always) static var zeroAccumulator: Bool { false }
    @inline(__always) static func accumulate(_ sum: inout Bool, _ a: Bool, _ b: Bool) { sum = sum || (a && b) }
}

/// Integers: wrapping multiply-add, as NumPy's loops (C unsigned arithmetic) compute.
protocol WrappingMatmulElement: FixedWidthInteger, MatmulElement where Accumulator == Self {}
extension WrappingMatmulElement {
    @inline(__always) static var zeroAccumulator: Self { 0 }
    @inline(__always) static func accumulate(_ sum: inout Self, _ a: Self, _ b: Self) { sum = sum &+ a &* b }
}
extension Int8: WrappingMatmulElement {}
extension UInt8: WrappingMatmulElement {}
extension Int16: WrappingMatmulElement {}
extension UInt16: WrappingMatmulElement {}
extension Int32: WrappingMatmulElement {}
extension UInt32: WrappingMatmulElement {}
extension Int64: WrappingMatmulElement {}
extension UInt64: WrappingMatmulElement {}

extension Float16: MatmulElement {
    @inline(__always) static var zeroAccumulator: Float { 0 }
    @inline(__always) static func accumulate(_ sum: inout Float, _ a: Float16, _ b: Float16) { sum += Float(a) * Float(b) }
    @inline(__always) static func finish(_ sum: Float) -> Float16 { Float16(sum) }
}

extension Float: MatmulElement {
    @inline(__always) static var zeroAccumulator: Float { 0 }
    @inline(__always) static func accumulate(_ sum: inout Float, _ a: Float, _ b: Float) { sum += a * b }
}

extension Double: MatmulElement {
    @inline(__always) static var zeroAccumulator: Double { 0 }
    @inline(__always) static func accumulate(_ sum: inout Double, _ a: Double, _ b: Double) { sum += a * b }
}

extension Complex: MatmulElement where RealType: ComplexComponent {
    @inline(__always) static var zeroAccumulator: Complex { .zero }
    @inline(__always) static func accumulate(_ sum: inout Complex, _ a: Complex, _ b: Complex) {
        // The textbook product, as NumPy's loops and BLAS compute it (no NaN recovery).
        sum = Complex(sum.real + (a.real * b.real - a.imaginary * b.imaginary), sum.imaginary + (a.real * b.imaginary + a.imaginary * b.real))
    }
    @inline(__always) var matmulConjugate: Complex { conjugate }
}

/// C = A·B for any ``MatmulElement``: rows of A times packed blocks of B, accumulating
/// a block of C rows in `Accumulator` precision.
@inline(__always)
func blockedMatmul<T: MatmulElement>(_: T.Type, n: Int, k: Int, m: Int, a: MatrixOperand, b: MatrixOperand, c: MatrixOperand) {
    let rowBlock = 32, columnBlock = 256, depthBlock = 128
    let packed = UnsafeMutablePointer<T>.allocate(capacity: depthBlock * columnBlock)
    let sums = UnsafeMutablePointer<T.Accumulator>.allocate(capacity: rowBlock * columnBlock)
    defer {
        packed.deallocate()
        sums.deallocate()
    }
    var jc = 0
    while jc < m {
        let width = Swift.min(columnBlock, m - jc)
        var ic = 0
        while ic < n {
            let height = Swift.min(rowBlock, n - ic)
            sums.initialize(repeating: T.zeroAccumulator, count: height * width)
            var pc = 0
            while pc < k {
                let depth = Swift.min(depthBlock, k - pc)
                for p in 0..<depth {
                    for j in 0..<width { packed[p * width + j] = b.pointer(pc + p, jc + j, as: T.self).pointee }
                }
                for i in 0..<height {
                    let row = sums + i * width
                    for p in 0..<depth {
                        let x = a.pointer(ic + i, pc + p, as: T.self).pointee
                        let panel = packed + p * width
                        for j in 0..<width { T.accumulate(&row[j], x, panel[j]) }
                    }
                }
                pc += depth
            }
            for i in 0..<height {
                for j in 0..<width { c.pointer(ic + i, jc + j, as: T.self).pointee = T.finish(sums[i * width + j]) }
            }
            ic += height
        }
        jc += width
    }
}

/// Σ_p conj?(x[p])·y[p] over byte-strided vectors.
@inline(__always)
func stridedDot<T: MatmulElement>(_: T.Type, count: Int, _ x: UnsafeMutableRawPointer, _ xStride: Int, _ y: UnsafeMutableRawPointer, _ yStride: Int, conjugateX: Bool) -> T {
    var sum = T.zeroAccumulator
    if conjugateX {
        for p in 0..<count {
            T.accumulate(&sum, (x + p * xStride).assumingMemoryBound(to: T.self).pointee.matmulConjugate, (y + p * yStride).assumingMemoryBound(to: T.self).pointee)
        }
    } else {
        for p in 0..<count {
            T.accumulate(&sum, (x + p * xStride).assumingMemoryBound(to: T.self).pointee, (y + p * yStride).assumingMemoryBound(to: T.self).pointee)
        }
    }
    return T.finish(sum)
}
