import ComplexModule
import TesseraCore

// The OpenBLAS core loops of the matrix-product gufuncs (contract: see `GUFunc`).
// Each outer (batch) iteration is one CBLAS call (measured: for a stack of 64×64
// matrices times one shared matrix, 64 gemm calls take ~400 µs and one folded
// (4096×64)·(64×64) gemm ~550 µs, so batches are not folded): `?gemm` for matrix × matrix, `?gemv`
// when one side is a vector, `?dot`/`?dotc_sub` for vector · vector. Core sizes beyond
// 32-bit `blasint` run the loop this one replaced.

/// What a loop needs at run time: the library and the loop it replaced.
final class OpenBLASLoopContext: @unchecked Sendable {
    let library: OpenBLASLibrary
    let fallback: InnerLoop?

    init(library: OpenBLASLibrary, fallback: InnerLoop?) {
        self.library = library
        self.fallback = fallback
    }

    func runFallback(_ args: UnsafePointer<UnsafeMutableRawPointer?>, _ count: Int, _ steps: UnsafePointer<Int>) {
        guard let fallback else {
            fatalError("openblas: core dimensions exceed the 32-bit BLAS limit and no other loop is installed")
        }
        fallback.function(args, count, steps, fallback.data)
    }
}

enum OpenBLASLoops {
    static let table: [(GUFunc, Character, InnerLoopFunction)] = [
        (.matmul, "f", { a, n, s, d in matmulLoop(Float.self, a, n, s, d) }),
        (.matmul, "d", { a, n, s, d in matmulLoop(Double.self, a, n, s, d) }),
        (.matmul, "F", { a, n, s, d in matmulLoop(Complex<Float>.self, a, n, s, d) }),
        (.matmul, "D", { a, n, s, d in matmulLoop(Complex<Double>.self, a, n, s, d) }),
        (.vecdot, "f", { a, n, s, d in vecdotLoop(Float.self, a, n, s, d) }),
        (.vecdot, "d", { a, n, s, d in vecdotLoop(Double.self, a, n, s, d) }),
        (.vecdot, "F", { a, n, s, d in vecdotLoop(Complex<Float>.self, a, n, s, d) }),
        (.vecdot, "D", { a, n, s, d in vecdotLoop(Complex<Double>.self, a, n, s, d) }),
        (.matvec, "f", { a, n, s, d in matvecLoop(Float.self, a, n, s, d) }),
        (.matvec, "d", { a, n, s, d in matvecLoop(Double.self, a, n, s, d) }),
        (.matvec, "F", { a, n, s, d in matvecLoop(Complex<Float>.self, a, n, s, d) }),
        (.matvec, "D", { a, n, s, d in matvecLoop(Complex<Double>.self, a, n, s, d) }),
        (.vecmat, "f", { a, n, s, d in vecmatLoop(Float.self, a, n, s, d) }),
        (.vecmat, "d", { a, n, s, d in vecmatLoop(Double.self, a, n, s, d) }),
        (.vecmat, "F", { a, n, s, d in vecmatLoop(Complex<Float>.self, a, n, s, d) }),
        (.vecmat, "D", { a, n, s, d in vecmatLoop(Complex<Double>.self, a, n, s, d) }),
    ]

    /// Replaces (or, without a scalar backend, registers) the loops.
    static func install(_ library: OpenBLASLibrary, into registry: LoopRegistry) throws {
        for (gufunc, code, function) in table {
            try LoopInstallation.install(
                function, for: gufunc, signature: try LoopSignature("\(code)\(code)->\(code)"),
                instructionSet: library.coreName, into: registry
            ) { OpenBLASLoopContext(library: library, fallback: $0) }
        }
    }
}

// MARK: Loop bodies

private let blasLimit = Int(Int32.max)

@inline(__always)
private func context(_ data: UnsafeMutableRawPointer?) -> OpenBLASLoopContext {
    Unmanaged<OpenBLASLoopContext>.fromOpaque(data.unsafelyUnwrapped).takeUnretainedValue()
}

private func zero<T: BLASElement>(_: T.Type, _ matrix: StridedMatrix) {
    for i in 0..<matrix.rows {
        for j in 0..<matrix.columns {
            (matrix.base + i * matrix.rowStride + j * matrix.columnStride).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.stride)
        }
    }
}

/// `y = M·x` or `y = Mᵀ·x` (x conjugated if asked), through `?gemv`, or `?dot` when y has one element.
private func matrixVector<T: BLASElement>(
    _: T.Type, _ library: OpenBLASLibrary, _ matrix: StridedMatrix, transpose: Bool,
    x: StridedVector, y: StridedVector, conjugateX: Bool, _ scratch: inout ScratchBuffers
) {
    let item = MemoryLayout<T>.stride
    if y.length == 0 { return }
    if x.length == 0 {
        zero(T.self, StridedMatrix(base: y.base, rows: y.length, columns: 1, rowStride: y.stride, columnStride: 0))
        return
    }
    if y.length == 1 {
        let line = transpose
            ? StridedVector(base: matrix.base, length: matrix.rows, stride: matrix.rowStride)
            : StridedVector(base: matrix.base, length: matrix.columns, stride: matrix.columnStride)
        // OpenBLAS 0.3.21's complex dot (?dotu/?dotc) reads one whole step past the last
        // element of an operand whose step is not 1: with the operand ending at a page, every
        // n from 1 to 100 at steps 2 and 3 crashed (Backends/OpenBLAS/tools/complex_dot_overread.c).
        // Such operands are packed.
        func usable(_ increment: Int32?) -> Int32? { T.isComplex && increment != 1 ? nil : increment }
        var linePointer = line.base, lineIncrement: Int32 = 1
        if let increment = usable(line.increment(itemSize: item)) { lineIncrement = increment } else {
            linePointer = scratch.buffer(0, bytes: line.length * item)
            line.packed(T.self, into: linePointer)
        }
        var xPointer = x.base, xIncrement: Int32 = 1
        if let increment = usable(x.increment(itemSize: item)) { xIncrement = increment } else {
            xPointer = scratch.buffer(1, bytes: x.length * item)
            x.packed(T.self, into: xPointer)
        }
        T.dot(library, Int32(x.length), xPointer, xIncrement, linePointer, lineIncrement, conjugateX: conjugateX, into: y.base)
        return
    }
    var xPointer = x.base, xIncrement: Int32 = 1
    if conjugateX && T.isComplex {
        xPointer = scratch.buffer(1, bytes: x.length * item)
        x.packed(T.self, into: xPointer) { $0.blasConjugate }
    } else if let increment = x.increment(itemSize: item) {
        xIncrement = increment
    } else {
        xPointer = scratch.buffer(1, bytes: x.length * item)
        x.packed(T.self, into: xPointer)
    }
    let layout = matrix.blasLayout(itemSize: item) ?? matrix.packedRowMajor(T.self, into: scratch.buffer(0, bytes: matrix.rows * matrix.columns * item))
    var yPointer = y.base, yIncrement: Int32 = 1
    let direct = y.increment(itemSize: item)
    if let direct { yIncrement = direct } else { yPointer = scratch.buffer(2, bytes: y.length * item) }
    // Outputs are not zero-filled, and some OpenBLAS releases scale y by beta = 0 with a
    // multiply that would keep a NaN bit pattern: clear y first.
    zero(T.self, StridedMatrix(base: yPointer, rows: y.length, columns: 1, rowStride: Int(yIncrement) * item, columnStride: 0))
    T.gemv(
        library, layout.rowMajor ? CBLAS.rowMajor : CBLAS.columnMajor, transpose ? CBLAS.transpose : CBLAS.noTranspose,
        Int32(matrix.rows), Int32(matrix.columns), layout.pointer, layout.leadingDimension, xPointer, xIncrement, yPointer, yIncrement
    )
    if direct == nil { y.store(T.self, from: yPointer) }
}

/// `matmul` `(n?,k),(k,m?)->(n?,m?)`: steps = outer ×3, a_n, a_k, b_k, b_m, c_n, c_m, n, k, m.
@inline(__always)
private func matmulLoop<T: BLASElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _ data: UnsafeMutableRawPointer?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let context = context(data)
    let n = steps[9], k = steps[10], m = steps[11]
    if n > blasLimit || k > blasLimit || m > blasLimit {
        context.runFallback(args, count, steps)
        return
    }
    let item = MemoryLayout<T>.stride
    var scratch = ScratchBuffers()
    defer { scratch.free() }
    var pa = args[0].unsafelyUnwrapped, pb = args[1].unsafelyUnwrapped, pc = args[2].unsafelyUnwrapped
    for _ in 0..<count {
        defer {
            pa += steps[0]
            pb += steps[1]
            pc += steps[2]
        }
        let a = StridedMatrix(base: pa, rows: n, columns: k, rowStride: steps[3], columnStride: steps[4])
        let b = StridedMatrix(base: pb, rows: k, columns: m, rowStride: steps[5], columnStride: steps[6])
        let c = StridedMatrix(base: pc, rows: n, columns: m, rowStride: steps[7], columnStride: steps[8])
        if n == 0 || m == 0 { continue }
        if k == 0 {
            zero(T.self, c)
            continue
        }
        if m == 1 {
            matrixVector(T.self, context.library, a, transpose: false, x: StridedVector(base: pb, length: k, stride: steps[5]),
                         y: StridedVector(base: pc, length: n, stride: steps[7]), conjugateX: false, &scratch)
            continue
        }
        if n == 1 {
            matrixVector(T.self, context.library, b, transpose: true, x: StridedVector(base: pa, length: k, stride: steps[4]),
                         y: StridedVector(base: pc, length: m, stride: steps[8]), conjugateX: false, &scratch)
            continue
        }
        let left = a.blasLayout(itemSize: item) ?? a.packedRowMajor(T.self, into: scratch.buffer(0, bytes: n * k * item))
        let right = b.blasLayout(itemSize: item) ?? b.packedRowMajor(T.self, into: scratch.buffer(1, bytes: k * m * item))
        let direct = c.blasLayout(itemSize: item)
        let result = direct ?? BLASMatrix(pointer: scratch.buffer(2, bytes: n * m * item), rowMajor: true, leadingDimension: Int32(m))
        func transposeFlag(_ operand: BLASMatrix) -> Int32 { operand.rowMajor == result.rowMajor ? CBLAS.noTranspose : CBLAS.transpose }
        T.gemm(
            context.library, result.rowMajor ? CBLAS.rowMajor : CBLAS.columnMajor, transposeFlag(left), transposeFlag(right),
            Int32(n), Int32(m), Int32(k), left.pointer, left.leadingDimension, right.pointer, right.leadingDimension,
            result.pointer, result.leadingDimension
        )
        if direct == nil { c.store(T.self, fromRowMajor: result.pointer) }
    }
}

/// `vecdot` `(n),(n)->()`: steps = outer ×3, x_n, y_n, n.
@inline(__always)
private func vecdotLoop<T: BLASElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _ data: UnsafeMutableRawPointer?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let context = context(data)
    let n = steps[5]
    if n > blasLimit {
        context.runFallback(args, count, steps)
        return
    }
    var scratch = ScratchBuffers()
    defer { scratch.free() }
    var px = args[0].unsafelyUnwrapped, py = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    for _ in 0..<count {
        // x as a 1×n matrix whose single row is dotted with y.
        let row = StridedMatrix(base: py, rows: 1, columns: n, rowStride: 0, columnStride: steps[4])
        matrixVector(T.self, context.library, row, transpose: false, x: StridedVector(base: px, length: n, stride: steps[3]),
                     y: StridedVector(base: out, length: 1, stride: 0), conjugateX: true, &scratch)
        px += steps[0]
        py += steps[1]
        out += steps[2]
    }
}

/// `matvec` `(m,n),(n)->(m)`: steps = outer ×3, a_m, a_n, x_n, out_m, m, n.
@inline(__always)
private func matvecLoop<T: BLASElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _ data: UnsafeMutableRawPointer?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let context = context(data)
    let m = steps[7], n = steps[8]
    if m > blasLimit || n > blasLimit {
        context.runFallback(args, count, steps)
        return
    }
    var scratch = ScratchBuffers()
    defer { scratch.free() }
    var pa = args[0].unsafelyUnwrapped, px = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    for _ in 0..<count {
        let matrix = StridedMatrix(base: pa, rows: m, columns: n, rowStride: steps[3], columnStride: steps[4])
        matrixVector(T.self, context.library, matrix, transpose: false, x: StridedVector(base: px, length: n, stride: steps[5]),
                     y: StridedVector(base: out, length: m, stride: steps[6]), conjugateX: false, &scratch)
        pa += steps[0]
        px += steps[1]
        out += steps[2]
    }
}

/// `vecmat` `(n),(n,m)->(m)`: steps = outer ×3, x_n, b_n, b_m, out_m, n, m.
@inline(__always)
private func vecmatLoop<T: BLASElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?, _ data: UnsafeMutableRawPointer?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    let context = context(data)
    let n = steps[7], m = steps[8]
    if m > blasLimit || n > blasLimit {
        context.runFallback(args, count, steps)
        return
    }
    var scratch = ScratchBuffers()
    defer { scratch.free() }
    var px = args[0].unsafelyUnwrapped, pb = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    for _ in 0..<count {
        let matrix = StridedMatrix(base: pb, rows: n, columns: m, rowStride: steps[4], columnStride: steps[5])
        matrixVector(T.self, context.library, matrix, transpose: true, x: StridedVector(base: px, length: n, stride: steps[3]),
                     y: StridedVector(base: out, length: m, stride: steps[6]), conjugateX: true, &scratch)
        px += steps[0]
        pb += steps[1]
        out += steps[2]
    }
}
