import ComplexModule
import TesseraCore

// The scalar backend's core loops for the matrix-product gufuncs, every dtype NumPy's
// `matmul` supports. Core-loop contract: see `GUFunc` (outer strides, then core strides,
// then core sizes in `steps`).
//
// float32/float64 run the packed, register-tiled GEMM; float16 widens to float32 once and
// runs it too (sums in float32, one rounding, as NumPy); complex matmul runs it on split
// real/imaginary planes (four real products). Error bounds: sums of k products in the
// loop's precision in a blocked order, |error| ≲ (k+2)·ε·Σ|a||b| (like any BLAS);
// integers wrap and are exact modulo 2^bits; bool is exact.

/// One gufunc loop of the scalar backend.
struct ScalarGUFuncLoopEntry: @unchecked Sendable {
    let gufunc: GUFunc
    let loop: InnerLoop

    init(_ gufunc: GUFunc, _ signature: String, _ function: InnerLoopFunction) {
        self.gufunc = gufunc
        do {
            loop = InnerLoop(signature: try LoopSignature(signature), function: function, backend: "scalar", instructionSet: "baseline", costPerElement: 1)
        } catch {
            fatalError("scalar gufunc loop table: \(error)")
        }
    }
}

extension ScalarLoops {
    /// Registers the `matmul`, `vecdot`, `matvec` and `vecmat` loops.
    static func registerMatrixProducts(into registry: LoopRegistry) throws {
        for entry in matrixProducts {
            try registry.register(entry.loop, for: entry.gufunc)
        }
    }

    static let matrixProducts: [ScalarGUFuncLoopEntry] = [
        ScalarGUFuncLoopEntry(.matmul, "??->?") { args, count, steps, _ in matmulLoop(Bool.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "bb->b") { args, count, steps, _ in matmulLoop(Int8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "BB->B") { args, count, steps, _ in matmulLoop(UInt8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "hh->h") { args, count, steps, _ in matmulLoop(Int16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "HH->H") { args, count, steps, _ in matmulLoop(UInt16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "ii->i") { args, count, steps, _ in matmulLoop(Int32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "II->I") { args, count, steps, _ in matmulLoop(UInt32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "ll->l") { args, count, steps, _ in matmulLoop(Int64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "LL->L") { args, count, steps, _ in matmulLoop(UInt64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "ee->e") { args, count, steps, _ in float16MatmulLoop(args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "ff->f") { args, count, steps, _ in packedMatmulLoop(FloatGEMMKernel.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "dd->d") { args, count, steps, _ in packedMatmulLoop(DoubleGEMMKernel.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "FF->F") { args, count, steps, _ in complexMatmulLoop(FloatGEMMKernel.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matmul, "DD->D") { args, count, steps, _ in complexMatmulLoop(DoubleGEMMKernel.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "??->?") { args, count, steps, _ in vecdotLoop(Bool.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "bb->b") { args, count, steps, _ in vecdotLoop(Int8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "BB->B") { args, count, steps, _ in vecdotLoop(UInt8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "hh->h") { args, count, steps, _ in vecdotLoop(Int16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "HH->H") { args, count, steps, _ in vecdotLoop(UInt16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "ii->i") { args, count, steps, _ in vecdotLoop(Int32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "II->I") { args, count, steps, _ in vecdotLoop(UInt32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "ll->l") { args, count, steps, _ in vecdotLoop(Int64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "LL->L") { args, count, steps, _ in vecdotLoop(UInt64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "ee->e") { args, count, steps, _ in vecdotLoop(Float16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "ff->f") { args, count, steps, _ in vecdotLoop(Float.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "dd->d") { args, count, steps, _ in vecdotLoop(Double.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "FF->F") { args, count, steps, _ in vecdotLoop(Complex<Float>.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecdot, "DD->D") { args, count, steps, _ in vecdotLoop(Complex<Double>.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "??->?") { args, count, steps, _ in matvecLoop(Bool.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "bb->b") { args, count, steps, _ in matvecLoop(Int8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "BB->B") { args, count, steps, _ in matvecLoop(UInt8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "hh->h") { args, count, steps, _ in matvecLoop(Int16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "HH->H") { args, count, steps, _ in matvecLoop(UInt16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "ii->i") { args, count, steps, _ in matvecLoop(Int32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "II->I") { args, count, steps, _ in matvecLoop(UInt32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "ll->l") { args, count, steps, _ in matvecLoop(Int64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "LL->L") { args, count, steps, _ in matvecLoop(UInt64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "ee->e") { args, count, steps, _ in matvecLoop(Float16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "ff->f") { args, count, steps, _ in matvecLoop(Float.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "dd->d") { args, count, steps, _ in matvecLoop(Double.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "FF->F") { args, count, steps, _ in matvecLoop(Complex<Float>.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.matvec, "DD->D") { args, count, steps, _ in matvecLoop(Complex<Double>.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "??->?") { args, count, steps, _ in vecmatLoop(Bool.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "bb->b") { args, count, steps, _ in vecmatLoop(Int8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "BB->B") { args, count, steps, _ in vecmatLoop(UInt8.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "hh->h") { args, count, steps, _ in vecmatLoop(Int16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "HH->H") { args, count, steps, _ in vecmatLoop(UInt16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "ii->i") { args, count, steps, _ in vecmatLoop(Int32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "II->I") { args, count, steps, _ in vecmatLoop(UInt32.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "ll->l") { args, count, steps, _ in vecmatLoop(Int64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "LL->L") { args, count, steps, _ in vecmatLoop(UInt64.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "ee->e") { args, count, steps, _ in vecmatLoop(Float16.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "ff->f") { args, count, steps, _ in vecmatLoop(Float.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "dd->d") { args, count, steps, _ in vecmatLoop(Double.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "FF->F") { args, count, steps, _ in vecmatLoop(Complex<Float>.self, args, count, steps) },
        ScalarGUFuncLoopEntry(.vecmat, "DD->D") { args, count, steps, _ in vecmatLoop(Complex<Double>.self, args, count, steps) },
    ]
}

// MARK: Loop bodies

/// The operands of one `matmul` core call, decoded from `steps`.
private struct MatmulCall {
    var a, b, c: MatrixOperand
    let n, k, m: Int
    let outer: (Int, Int, Int)

    @inline(__always) init(_ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ steps: UnsafePointer<Int>?) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        a = MatrixOperand(base: args[0].unsafelyUnwrapped, rowStride: steps[3], columnStride: steps[4])
        b = MatrixOperand(base: args[1].unsafelyUnwrapped, rowStride: steps[5], columnStride: steps[6])
        c = MatrixOperand(base: args[2].unsafelyUnwrapped, rowStride: steps[7], columnStride: steps[8])
        n = steps[9]
        k = steps[10]
        m = steps[11]
        outer = (steps[0], steps[1], steps[2])
    }

    @inline(__always) mutating func advance() {
        a.base += outer.0
        b.base += outer.1
        c.base += outer.2
    }
}

@inline(__always)
func matmulLoop<T: MatmulElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    var call = MatmulCall(args, steps)
    for _ in 0..<count {
        blockedMatmul(T.self, n: call.n, k: call.k, m: call.m, a: call.a, b: call.b, c: call.c)
        call.advance()
    }
}

@inline(__always)
func packedMatmulLoop<K: PackedGEMMKernel>(_: K.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    var call = MatmulCall(args, steps)
    let workspace = packedWorkspace(K.self, n: call.n, k: call.k, m: call.m)
    defer { workspace.deallocate() }
    for _ in 0..<count {
        packedGEMM(K.self, n: call.n, k: call.k, m: call.m, a: call.a, b: call.b, c: call.c, workspace: workspace)
        call.advance()
    }
}

@inline(__always)
private func packedWorkspace<K: PackedGEMMKernel>(_: K.Type, n: Int, k: Int, m: Int) -> PackedGEMMWorkspace<K.Scalar> {
    func roundUp(_ x: Int, _ to: Int) -> Int { (x + to - 1) / to * to }
    return PackedGEMMWorkspace<K.Scalar>(
        mc: Swift.min(K.mc, roundUp(n, K.mr)), kc: Swift.max(Swift.min(K.kc, k), 1),
        nc: Swift.min(K.nc, roundUp(m, K.nr)), mr: K.mr, nr: K.nr
    )
}

@inline(__always)
func float16MatmulLoop(_ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    var call = MatmulCall(args, steps)
    let workspace = packedWorkspace(FloatGEMMKernel.self, n: call.n, k: call.k, m: call.m)
    let planes = PlaneBuffers<Float>(count: 3, capacity: Swift.max(call.n * call.k, call.k * call.m, call.n * call.m))
    defer {
        workspace.deallocate()
        planes.deallocate()
    }
    for _ in 0..<count {
        float16Matmul(n: call.n, k: call.k, m: call.m, a: call.a, b: call.b, c: call.c, planes: planes, workspace: workspace)
        call.advance()
    }
}

@inline(__always)
func complexMatmulLoop<K: PackedGEMMKernel>(_: K.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) where K.Scalar: ComplexComponent {
    var call = MatmulCall(args, steps)
    let workspace = packedWorkspace(K.self, n: call.n, k: call.k, m: call.m)
    let planes = PlaneBuffers<K.Scalar>(count: 7, capacity: Swift.max(call.n * call.k, call.k * call.m, call.n * call.m))
    defer {
        workspace.deallocate()
        planes.deallocate()
    }
    for _ in 0..<count {
        complexMatmul(K.self, n: call.n, k: call.k, m: call.m, a: call.a, b: call.b, c: call.c, planes: planes, workspace: workspace)
        call.advance()
    }
}

/// `vecdot` `(n),(n)->()`: steps = outer ×3, x_n, y_n, n.
@inline(__always)
func vecdotLoop<T: MatmulElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    var x = args[0].unsafelyUnwrapped, y = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    let n = steps[5]
    for _ in 0..<count {
        out.assumingMemoryBound(to: T.self).pointee = stridedDot(T.self, count: n, x, steps[3], y, steps[4], conjugateX: true)
        x += steps[0]; y += steps[1]; out += steps[2]
    }
}

/// `matvec` `(m,n),(n)->(m)`: steps = outer ×3, a_m, a_n, x_n, out_m, m, n.
@inline(__always)
func matvecLoop<T: MatmulElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    var a = args[0].unsafelyUnwrapped, x = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    let m = steps[7], n = steps[8]
    for _ in 0..<count {
        for i in 0..<m {
            (out + i * steps[6]).assumingMemoryBound(to: T.self).pointee = stridedDot(T.self, count: n, a + i * steps[3], steps[4], x, steps[5], conjugateX: false)
        }
        a += steps[0]; x += steps[1]; out += steps[2]
    }
}

/// `vecmat` `(n),(n,m)->(m)`: steps = outer ×3, x_n, b_n, b_m, out_m, n, m.
@inline(__always)
func vecmatLoop<T: MatmulElement>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>?, _ count: Int, _ steps: UnsafePointer<Int>?) {
    let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
    var x = args[0].unsafelyUnwrapped, b = args[1].unsafelyUnwrapped, out = args[2].unsafelyUnwrapped
    let n = steps[7], m = steps[8]
    for _ in 0..<count {
        for j in 0..<m {
            (out + j * steps[6]).assumingMemoryBound(to: T.self).pointee = stridedDot(T.self, count: n, x, steps[3], b + j * steps[5], steps[4], conjugateX: true)
        }
        x += steps[0]; b += steps[1]; out += steps[2]
    }
}
