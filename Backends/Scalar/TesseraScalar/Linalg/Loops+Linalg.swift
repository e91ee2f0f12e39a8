import ComplexModule
import TesseraCore

// The scalar backend's loops of the linear-algebra gufuncs (contract: `GUFunc`, and
// `GUFunc+Linalg` for failures: NaN outputs plus a `LinalgLoopStatus` report). Every
// matrix is gathered into a column-major scratch buffer, factored by `LinalgKernels`,
// and scattered out. No `eig`/`eigvals` loop: general eigenproblems need LAPACK.

extension ScalarLoops {
    /// Registers the linear-algebra loops for float32, float64, complex64, complex128.
    static func registerLinalg(into registry: LoopRegistry) throws {
        for entry in linalgLoops {
            try registry.register(entry.loop, for: entry.gufunc)
        }
    }

    // One entry per gufunc and dtype (C function pointers cannot capture a generic type).
    static let linalgLoops: [ScalarGUFuncLoopEntry] = [
        ScalarGUFuncLoopEntry(.inv, "f->f") { a, n, s, _ in LinalgLoops.inv(Float.self, a, n, s) },
        ScalarGUFuncLoopEntry(.solve, "ff->f") { a, n, s, _ in LinalgLoops.solve(Float.self, a, n, s, vector: false) },
        ScalarGUFuncLoopEntry(.solve1, "ff->f") { a, n, s, _ in LinalgLoops.solve(Float.self, a, n, s, vector: true) },
        ScalarGUFuncLoopEntry(.det, "f->f") { a, n, s, _ in LinalgLoops.determinant(Float.self, a, n, s, logarithmic: false) },
        ScalarGUFuncLoopEntry(.slogdet, "f->ff") { a, n, s, _ in LinalgLoops.determinant(Float.self, a, n, s, logarithmic: true) },
        ScalarGUFuncLoopEntry(.choleskyLower, "f->f") { a, n, s, _ in LinalgLoops.cholesky(Float.self, a, n, s, upper: false) },
        ScalarGUFuncLoopEntry(.choleskyUpper, "f->f") { a, n, s, _ in LinalgLoops.cholesky(Float.self, a, n, s, upper: true) },
        ScalarGUFuncLoopEntry(.eighLower, "f->ff") { a, n, s, _ in LinalgLoops.eigh(Float.self, a, n, s, upper: false, vectors: true) },
        ScalarGUFuncLoopEntry(.eighUpper, "f->ff") { a, n, s, _ in LinalgLoops.eigh(Float.self, a, n, s, upper: true, vectors: true) },
        ScalarGUFuncLoopEntry(.eigvalshLower, "f->f") { a, n, s, _ in LinalgLoops.eigh(Float.self, a, n, s, upper: false, vectors: false) },
        ScalarGUFuncLoopEntry(.eigvalshUpper, "f->f") { a, n, s, _ in LinalgLoops.eigh(Float.self, a, n, s, upper: true, vectors: false) },
        ScalarGUFuncLoopEntry(.svd, "f->f") { a, n, s, _ in LinalgLoops.svd(Float.self, a, n, s, mode: .values) },
        ScalarGUFuncLoopEntry(.svdReduced, "f->fff") { a, n, s, _ in LinalgLoops.svd(Float.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.svdFull, "f->fff") { a, n, s, _ in LinalgLoops.svd(Float.self, a, n, s, mode: .full) },
        ScalarGUFuncLoopEntry(.qrRaw, "f->ff") { a, n, s, _ in LinalgLoops.qr(Float.self, a, n, s, mode: .raw) },
        ScalarGUFuncLoopEntry(.qrReduced, "f->ff") { a, n, s, _ in LinalgLoops.qr(Float.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.qrComplete, "f->ff") { a, n, s, _ in LinalgLoops.qr(Float.self, a, n, s, mode: .complete) },
        ScalarGUFuncLoopEntry(.lstsq, "fff->ffif") { a, n, s, _ in LinalgLoops.lstsq(Float.self, a, n, s) },
        ScalarGUFuncLoopEntry(.inv, "d->d") { a, n, s, _ in LinalgLoops.inv(Double.self, a, n, s) },
        ScalarGUFuncLoopEntry(.solve, "dd->d") { a, n, s, _ in LinalgLoops.solve(Double.self, a, n, s, vector: false) },
        ScalarGUFuncLoopEntry(.solve1, "dd->d") { a, n, s, _ in LinalgLoops.solve(Double.self, a, n, s, vector: true) },
        ScalarGUFuncLoopEntry(.det, "d->d") { a, n, s, _ in LinalgLoops.determinant(Double.self, a, n, s, logarithmic: false) },
        ScalarGUFuncLoopEntry(.slogdet, "d->dd") { a, n, s, _ in LinalgLoops.determinant(Double.self, a, n, s, logarithmic: true) },
        ScalarGUFuncLoopEntry(.choleskyLower, "d->d") { a, n, s, _ in LinalgLoops.cholesky(Double.self, a, n, s, upper: false) },
        ScalarGUFuncLoopEntry(.choleskyUpper, "d->d") { a, n, s, _ in LinalgLoops.cholesky(Double.self, a, n, s, upper: true) },
        ScalarGUFuncLoopEntry(.eighLower, "d->dd") { a, n, s, _ in LinalgLoops.eigh(Double.self, a, n, s, upper: false, vectors: true) },
        ScalarGUFuncLoopEntry(.eighUpper, "d->dd") { a, n, s, _ in LinalgLoops.eigh(Double.self, a, n, s, upper: true, vectors: true) },
        ScalarGUFuncLoopEntry(.eigvalshLower, "d->d") { a, n, s, _ in LinalgLoops.eigh(Double.self, a, n, s, upper: false, vectors: false) },
        ScalarGUFuncLoopEntry(.eigvalshUpper, "d->d") { a, n, s, _ in LinalgLoops.eigh(Double.self, a, n, s, upper: true, vectors: false) },
        ScalarGUFuncLoopEntry(.svd, "d->d") { a, n, s, _ in LinalgLoops.svd(Double.self, a, n, s, mode: .values) },
        ScalarGUFuncLoopEntry(.svdReduced, "d->ddd") { a, n, s, _ in LinalgLoops.svd(Double.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.svdFull, "d->ddd") { a, n, s, _ in LinalgLoops.svd(Double.self, a, n, s, mode: .full) },
        ScalarGUFuncLoopEntry(.qrRaw, "d->dd") { a, n, s, _ in LinalgLoops.qr(Double.self, a, n, s, mode: .raw) },
        ScalarGUFuncLoopEntry(.qrReduced, "d->dd") { a, n, s, _ in LinalgLoops.qr(Double.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.qrComplete, "d->dd") { a, n, s, _ in LinalgLoops.qr(Double.self, a, n, s, mode: .complete) },
        ScalarGUFuncLoopEntry(.lstsq, "ddd->ddid") { a, n, s, _ in LinalgLoops.lstsq(Double.self, a, n, s) },
        ScalarGUFuncLoopEntry(.inv, "F->F") { a, n, s, _ in LinalgLoops.inv(Complex<Float>.self, a, n, s) },
        ScalarGUFuncLoopEntry(.solve, "FF->F") { a, n, s, _ in LinalgLoops.solve(Complex<Float>.self, a, n, s, vector: false) },
        ScalarGUFuncLoopEntry(.solve1, "FF->F") { a, n, s, _ in LinalgLoops.solve(Complex<Float>.self, a, n, s, vector: true) },
        ScalarGUFuncLoopEntry(.det, "F->F") { a, n, s, _ in LinalgLoops.determinant(Complex<Float>.self, a, n, s, logarithmic: false) },
        ScalarGUFuncLoopEntry(.slogdet, "F->Ff") { a, n, s, _ in LinalgLoops.determinant(Complex<Float>.self, a, n, s, logarithmic: true) },
        ScalarGUFuncLoopEntry(.choleskyLower, "F->F") { a, n, s, _ in LinalgLoops.cholesky(Complex<Float>.self, a, n, s, upper: false) },
        ScalarGUFuncLoopEntry(.choleskyUpper, "F->F") { a, n, s, _ in LinalgLoops.cholesky(Complex<Float>.self, a, n, s, upper: true) },
        ScalarGUFuncLoopEntry(.eighLower, "F->fF") { a, n, s, _ in LinalgLoops.eigh(Complex<Float>.self, a, n, s, upper: false, vectors: true) },
        ScalarGUFuncLoopEntry(.eighUpper, "F->fF") { a, n, s, _ in LinalgLoops.eigh(Complex<Float>.self, a, n, s, upper: true, vectors: true) },
        ScalarGUFuncLoopEntry(.eigvalshLower, "F->f") { a, n, s, _ in LinalgLoops.eigh(Complex<Float>.self, a, n, s, upper: false, vectors: false) },
        ScalarGUFuncLoopEntry(.eigvalshUpper, "F->f") { a, n, s, _ in LinalgLoops.eigh(Complex<Float>.self, a, n, s, upper: true, vectors: false) },
        ScalarGUFuncLoopEntry(.svd, "F->f") { a, n, s, _ in LinalgLoops.svd(Complex<Float>.self, a, n, s, mode: .values) },
        ScalarGUFuncLoopEntry(.svdReduced, "F->FfF") { a, n, s, _ in LinalgLoops.svd(Complex<Float>.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.svdFull, "F->FfF") { a, n, s, _ in LinalgLoops.svd(Complex<Float>.self, a, n, s, mode: .full) },
        ScalarGUFuncLoopEntry(.qrRaw, "F->FF") { a, n, s, _ in LinalgLoops.qr(Complex<Float>.self, a, n, s, mode: .raw) },
        ScalarGUFuncLoopEntry(.qrReduced, "F->FF") { a, n, s, _ in LinalgLoops.qr(Complex<Float>.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.qrComplete, "F->FF") { a, n, s, _ in LinalgLoops.qr(Complex<Float>.self, a, n, s, mode: .complete) },
        ScalarGUFuncLoopEntry(.lstsq, "FFf->Ffif") { a, n, s, _ in LinalgLoops.lstsq(Complex<Float>.self, a, n, s) },
        ScalarGUFuncLoopEntry(.inv, "D->D") { a, n, s, _ in LinalgLoops.inv(Complex<Double>.self, a, n, s) },
        ScalarGUFuncLoopEntry(.solve, "DD->D") { a, n, s, _ in LinalgLoops.solve(Complex<Double>.self, a, n, s, vector: false) },
        ScalarGUFuncLoopEntry(.solve1, "DD->D") { a, n, s, _ in LinalgLoops.solve(Complex<Double>.self, a, n, s, vector: true) },
        ScalarGUFuncLoopEntry(.det, "D->D") { a, n, s, _ in LinalgLoops.determinant(Complex<Double>.self, a, n, s, logarithmic: false) },
        ScalarGUFuncLoopEntry(.slogdet, "D->Dd") { a, n, s, _ in LinalgLoops.determinant(Complex<Double>.self, a, n, s, logarithmic: true) },
        ScalarGUFuncLoopEntry(.choleskyLower, "D->D") { a, n, s, _ in LinalgLoops.cholesky(Complex<Double>.self, a, n, s, upper: false) },
        ScalarGUFuncLoopEntry(.choleskyUpper, "D->D") { a, n, s, _ in LinalgLoops.cholesky(Complex<Double>.self, a, n, s, upper: true) },
        ScalarGUFuncLoopEntry(.eighLower, "D->dD") { a, n, s, _ in LinalgLoops.eigh(Complex<Double>.self, a, n, s, upper: false, vectors: true) },
        ScalarGUFuncLoopEntry(.eighUpper, "D->dD") { a, n, s, _ in LinalgLoops.eigh(Complex<Double>.self, a, n, s, upper: true, vectors: true) },
        ScalarGUFuncLoopEntry(.eigvalshLower, "D->d") { a, n, s, _ in LinalgLoops.eigh(Complex<Double>.self, a, n, s, upper: false, vectors: false) },
        ScalarGUFuncLoopEntry(.eigvalshUpper, "D->d") { a, n, s, _ in LinalgLoops.eigh(Complex<Double>.self, a, n, s, upper: true, vectors: false) },
        ScalarGUFuncLoopEntry(.svd, "D->d") { a, n, s, _ in LinalgLoops.svd(Complex<Double>.self, a, n, s, mode: .values) },
        ScalarGUFuncLoopEntry(.svdReduced, "D->DdD") { a, n, s, _ in LinalgLoops.svd(Complex<Double>.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.svdFull, "D->DdD") { a, n, s, _ in LinalgLoops.svd(Complex<Double>.self, a, n, s, mode: .full) },
        ScalarGUFuncLoopEntry(.qrRaw, "D->DD") { a, n, s, _ in LinalgLoops.qr(Complex<Double>.self, a, n, s, mode: .raw) },
        ScalarGUFuncLoopEntry(.qrReduced, "D->DD") { a, n, s, _ in LinalgLoops.qr(Complex<Double>.self, a, n, s, mode: .reduced) },
        ScalarGUFuncLoopEntry(.qrComplete, "D->DD") { a, n, s, _ in LinalgLoops.qr(Complex<Double>.self, a, n, s, mode: .complete) },
        ScalarGUFuncLoopEntry(.lstsq, "DDd->Ddid") { a, n, s, _ in LinalgLoops.lstsq(Complex<Double>.self, a, n, s) },
    ]
}

enum LinalgLoops {
    typealias Args = UnsafePointer<UnsafeMutableRawPointer?>?
    typealias Steps = UnsafePointer<Int>?

    /// Largest order `inv` inverts by in-place Gauss–Jordan rather than LU + solve: for
    /// small matrices the LU path's bookkeeping and second pass cost more than the
    /// arithmetic (the OpenBLAS backend hands these sizes to this loop too).
    static let smallOrder = 16

    /// Inverts the row-major m×m matrix `a` in place by Gauss–Jordan elimination with
    /// partial pivoting (rows swapped as pivots are chosen; the matching column swaps
    /// undone at the end). Returns false on an exactly zero pivot.
    @inline(__always)
    static func gaussJordanInverse<T: LinalgScalar>(_ a: UnsafeMutablePointer<T>, _ m: Int, swaps: UnsafeMutablePointer<Int>) -> Bool {
        for k in 0..<m {
            var p = k
            var best = a[k * m + k].abs1
            for i in (k + 1)..<m {
                let candidate = a[i * m + k].abs1
                if candidate > best { best = candidate; p = i }
            }
            if best == 0 { return false }
            swaps[k] = p
            if p != k {
                for j in 0..<m { let t = a[k * m + j]; a[k * m + j] = a[p * m + j]; a[p * m + j] = t }
            }
            let rowK = a + k * m
            let reciprocal = T.one / rowK[k]
            rowK[k] = .one
            for j in 0..<m { rowK[j] = rowK[j] * reciprocal }
            for i in 0..<m where i != k {
                let row = a + i * m
                let factor = row[k]
                row[k] = .zero
                for j in 0..<m { row[j] = row[j] - factor * rowK[j] }
            }
        }
        for k in stride(from: m - 1, through: 0, by: -1) where swaps[k] != k {
            let q = swaps[k]
            for i in 0..<m { let t = a[i * m + k]; a[i * m + k] = a[i * m + q]; a[i * m + q] = t }
        }
        return true
    }

    /// `inv` for m ≤ ``smallOrder``: one scratch matrix for the whole call.
    static func smallInverse<T: LinalgScalar>(_: T.Type, _ args: UnsafePointer<UnsafeMutableRawPointer?>, _ count: Int, _ steps: UnsafePointer<Int>, _ m: Int) {
        withUnsafeTemporaryAllocation(of: T.self, capacity: Swift.max(1, m * m)) { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(1, m)) { swaps in
                let a = buffer.baseAddress!, swaps = swaps.baseAddress!
                let aRow = steps[2], aColumn = steps[3], oRow = steps[4], oColumn = steps[5]
                var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), po = args[1].unsafelyUnwrapped
                for _ in 0..<count {
                    for i in 0..<m {
                        for j in 0..<m { a[i * m + j] = (pa + i * aRow + j * aColumn).loadUnaligned(as: T.self) }
                    }
                    if gaussJordanInverse(a, m, swaps: swaps) {
                        for i in 0..<m {
                            for j in 0..<m { (po + i * oRow + j * oColumn).storeBytes(of: a[i * m + j], as: T.self) }
                        }
                    } else {
                        fillNaN(T.self, po, rows: m, columns: m, rowStride: oRow, columnStride: oColumn)
                        LinalgLoopStatus.report(.singularMatrix)
                    }
                    pa += steps[0]
                    po += steps[1]
                }
            }
        }
    }

    /// `inv (m,m)->(m,m)`: steps = outer ×2, a_r, a_c, o_r, o_c, m.
    static func inv<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let m = steps[6]
        if m <= smallOrder {
            smallInverse(T.self, args, count, steps, m)
            return
        }
        let a = ColumnMajor<T>(rows: m, columns: m), b = ColumnMajor<T>(rows: m, columns: m)
        let pivots = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); b.free(); pivots.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), po = args[1].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[2], columnStride: steps[3])
            if LinalgKernels.luFactor(a, pivots: pivots) != 0 {
                fillNaN(T.self, po, rows: m, columns: m, rowStride: steps[4], columnStride: steps[5])
                LinalgLoopStatus.report(.singularMatrix)
            } else {
                b.setIdentity()
                LinalgKernels.luSolve(a, pivots: pivots, b)
                b.store(to: po, rowStride: steps[4], columnStride: steps[5])
            }
            pa += steps[0]
            po += steps[1]
        }
    }

    /// `solve (m,m),(m,n)->(m,n)`: steps = outer ×3, a_r, a_c, b_r, b_c, x_r, x_c, m, n.
    /// `solve1 (m,m),(m)->(m)`: steps = outer ×3, a_r, a_c, b_m, x_m, m.
    static func solve<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, vector: Bool) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let m = vector ? steps[7] : steps[9], n = vector ? 1 : steps[10]
        let bRow = steps[5], bColumn = vector ? 0 : steps[6]
        let xRow = vector ? steps[6] : steps[7], xColumn = vector ? 0 : steps[8]
        let a = ColumnMajor<T>(rows: m, columns: m), b = ColumnMajor<T>(rows: m, columns: n)
        let pivots = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); b.free(); pivots.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), pb = UnsafeRawPointer(args[1].unsafelyUnwrapped), px = args[2].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[3], columnStride: steps[4])
            if LinalgKernels.luFactor(a, pivots: pivots) != 0 {
                fillNaN(T.self, px, rows: m, columns: n, rowStride: xRow, columnStride: xColumn)
                LinalgLoopStatus.report(.singularMatrix)
            } else {
                b.load(from: pb, rowStride: bRow, columnStride: bColumn)
                LinalgKernels.luSolve(a, pivots: pivots, b)
                b.store(to: px, rowStride: xRow, columnStride: xColumn)
            }
            pa += steps[0]
            pb += steps[1]
            px += steps[2]
        }
    }

    /// `det (m,m)->()`: steps = outer ×2, a_r, a_c, m. `slogdet (m,m)->(),()`: outer ×3, a_r, a_c, m.
    static func determinant<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, logarithmic: Bool) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let outer = logarithmic ? 3 : 2
        let m = steps[outer + 2]
        let a = ColumnMajor<T>(rows: m, columns: m)
        let pivots = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); pivots.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), p0 = args[1].unsafelyUnwrapped
        var p1 = logarithmic ? args[2].unsafelyUnwrapped : p0
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[outer], columnStride: steps[outer + 1])
            _ = LinalgKernels.luFactor(a, pivots: pivots)
            var odd = false
            for k in 0..<m where pivots[k] != k { odd.toggle() }
            if logarithmic {
                var sign = odd ? T.zero - T.one : T.one
                var logarithm: T.Real = 0
                for k in 0..<m {
                    let d = a[k, k], magnitude = d.modulus
                    if magnitude == 0 {
                        sign = .zero
                        logarithm = -.infinity
                        break
                    }
                    sign = sign * d.scaled(1 / magnitude)
                    logarithm += T.Real.log(magnitude)
                }
                p0.storeBytes(of: sign, as: T.self)
                p1.storeBytes(of: logarithm, as: T.Real.self)
            } else {
                var product = odd ? T.zero - T.one : T.one
                for k in 0..<m { product = product * a[k, k] }
                p0.storeBytes(of: product, as: T.self)
            }
            pa += steps[0]
            p0 += steps[1]
            if logarithmic { p1 += steps[2] }
        }
        _ = p1
    }

    /// `cholesky_lo/up (m,m)->(m,m)`: steps as `inv`.
    static func cholesky<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, upper: Bool) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let m = steps[6]
        let a = ColumnMajor<T>(rows: m, columns: m)
        defer { a.free() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), po = args[1].unsafelyUnwrapped
        for _ in 0..<count {
            if upper {
                // U from the upper triangle: Uᴴ is the lower factor of the conjugate transpose.
                a.load(from: pa, rowStride: steps[3], columnStride: steps[2])
                for j in 0..<m { for i in j..<m { a[i, j] = a[i, j].conj } }
            } else {
                a.load(from: pa, rowStride: steps[2], columnStride: steps[3])
            }
            if !LinalgKernels.cholesky(a) {
                fillNaN(T.self, po, rows: m, columns: m, rowStride: steps[4], columnStride: steps[5])
                LinalgLoopStatus.report(.notPositiveDefinite)
            } else if upper {
                for j in 0..<m { for i in j..<m { a[i, j] = a[i, j].conj } }
                a.store(to: po, rowStride: steps[5], columnStride: steps[4])
            } else {
                a.store(to: po, rowStride: steps[4], columnStride: steps[5])
            }
            pa += steps[0]
            po += steps[1]
        }
    }

    /// `eigh_lo/up (m,m)->(m),(m,m)`: steps = outer ×3, a_r, a_c, w_m, v_r, v_c, m.
    /// `eigvalsh_lo/up (m,m)->(m)`: steps = outer ×2, a_r, a_c, w_m, m.
    static func eigh<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, upper: Bool, vectors: Bool) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let outer = vectors ? 3 : 2
        let m = vectors ? steps[8] : steps[5]
        let aRow = steps[outer], aColumn = steps[outer + 1], wStride = steps[outer + 2]
        let a = ColumnMajor<T>(rows: m, columns: m)
        let v = vectors ? ColumnMajor<T>(rows: m, columns: m) : nil
        let w = UnsafeMutablePointer<T.Real>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); v?.free(); w.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), pw = args[1].unsafelyUnwrapped
        var pv = vectors ? args[2].unsafelyUnwrapped : pw
        for _ in 0..<count {
            a.load(from: pa, rowStride: aRow, columnStride: aColumn)
            // Hermitian from one triangle.
            for j in 0..<m {
                for i in (j + 1)..<Swift.max(j + 1, m) {
                    if upper { a[i, j] = a[j, i].conj } else { a[j, i] = a[i, j].conj }
                }
            }
            if LinalgKernels.hermitianEigen(a, values: w, vectors: v) {
                for i in 0..<m { (pw + i * wStride).storeBytes(of: w[i], as: T.Real.self) }
                v?.store(to: pv, rowStride: steps[6], columnStride: steps[7])
            } else {
                for i in 0..<m { (pw + i * wStride).storeBytes(of: T.Real.nan, as: T.Real.self) }
                if vectors { fillNaN(T.self, pv, rows: m, columns: m, rowStride: steps[6], columnStride: steps[7]) }
                LinalgLoopStatus.report(.eigenvaluesDidNotConverge)
            }
            pa += steps[0]
            pw += steps[1]
            if vectors { pv += steps[2] }
        }
        _ = pv
    }

    enum SVDMode { case values, reduced, full }

    /// `svd (m,n)->(p)`: steps = outer ×2, a_r, a_c, s_p, m, n, p.
    /// `svd_s`/`svd_f`: outer ×4, a_r, a_c, u_r, u_c, s_p, vh_r, vh_c, m, n, p.
    static func svd<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, mode: SVDMode) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let vectors = mode != .values
        let outer = vectors ? 4 : 2
        let m = vectors ? steps[11] : steps[5], n = vectors ? steps[12] : steps[6], p = Swift.min(m, n)
        let sStride = vectors ? steps[8] : steps[4]
        let a = ColumnMajor<T>(rows: m, columns: n)
        let u = vectors ? ColumnMajor<T>(rows: m, columns: mode == .full ? m : p) : nil
        let vh = vectors ? ColumnMajor<T>(rows: mode == .full ? n : p, columns: n) : nil
        let s = UnsafeMutablePointer<T.Real>.allocate(capacity: Swift.max(1, p))
        defer { a.free(); u?.free(); vh?.free(); s.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped)
        var pu = args[1].unsafelyUnwrapped, ps = vectors ? args[2].unsafelyUnwrapped : pu, pvh = vectors ? args[3].unsafelyUnwrapped : pu
        if !vectors { ps = args[1].unsafelyUnwrapped }
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[outer], columnStride: steps[outer + 1])
            if LinalgKernels.svd(a, s: s, u: u, vh: vh) {
                for i in 0..<p { (ps + i * sStride).storeBytes(of: s[i], as: T.Real.self) }
                u?.store(to: pu, rowStride: steps[6], columnStride: steps[7])
                vh?.store(to: pvh, rowStride: steps[9], columnStride: steps[10])
            } else {
                for i in 0..<p { (ps + i * sStride).storeBytes(of: T.Real.nan, as: T.Real.self) }
                if let u { fillNaN(T.self, pu, rows: u.rows, columns: u.columns, rowStride: steps[6], columnStride: steps[7]) }
                if let vh { fillNaN(T.self, pvh, rows: vh.rows, columns: vh.columns, rowStride: steps[9], columnStride: steps[10]) }
                LinalgLoopStatus.report(.svdDidNotConverge)
            }
            pa += steps[0]
            if vectors {
                pu += steps[1]
                ps += steps[2]
                pvh += steps[3]
            } else {
                ps += steps[1]
            }
        }
    }

    enum QRMode { case raw, reduced, complete }

    /// `qr_r_raw (m,n)->(n,m),(p)`, `qr_reduced (m,n)->(m,p),(p,n)`, `qr_complete
    /// (m,n)->(m,m),(m,n)`: steps = outer ×3, a_r, a_c, o1_r, o1_c, o2 strides…, then m, n (, p).
    static func qr<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, mode: QRMode) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        // Core strides: a (2), first output (2), second output (1 for raw's tau, else 2).
        let m = mode == .raw ? steps[8] : steps[9], n = mode == .raw ? steps[9] : steps[10], k = Swift.min(m, n)
        let a = ColumnMajor<T>(rows: m, columns: n)
        let tau = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, k))
        let q = mode == .raw ? nil : ColumnMajor<T>(rows: m, columns: mode == .complete ? m : k)
        defer { a.free(); tau.deallocate(); q?.free() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), p1 = args[1].unsafelyUnwrapped, p2 = args[2].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[3], columnStride: steps[4])
            LinalgKernels.householderQR(a, tau: tau)
            switch mode {
            case .raw:
                // h (n, m) is the factored matrix transposed.
                a.store(to: p1, rowStride: steps[6], columnStride: steps[5])
                for i in 0..<k { (p2 + i * steps[7]).storeBytes(of: tau[i], as: T.self) }
            case .reduced, .complete:
                let q = q!
                LinalgKernels.formQ(a, tau: tau, reflectors: k, into: q)
                q.store(to: p1, rowStride: steps[5], columnStride: steps[6])
                let rRows = mode == .complete ? m : k
                for j in 0..<n {
                    for i in 0..<rRows {
                        (p2 + i * steps[7] + j * steps[8]).storeBytes(of: i <= j && i < m ? a[i, j] : .zero, as: T.self)
                    }
                }
            }
            pa += steps[0]
            p1 += steps[1]
            p2 += steps[2]
        }
    }

    /// `lstsq (m,n),(m,nrhs),()->(n,nrhs),(nrhs),(),(p)`: steps = outer ×7, a_r, a_c,
    /// b_r, b_c, x_r, x_c, resid, s, then m, n, nrhs, p.
    static func lstsq<T: LinalgScalar>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps) {
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let m = steps[15], n = steps[16], k = steps[17], p = Swift.min(m, n)
        let a = ColumnMajor<T>(rows: m, columns: n), b = ColumnMajor<T>(rows: m, columns: k)
        let u = ColumnMajor<T>(rows: m, columns: p), vh = ColumnMajor<T>(rows: p, columns: n)
        let x = ColumnMajor<T>(rows: n, columns: k), c = ColumnMajor<T>(rows: p, columns: k)
        let s = UnsafeMutablePointer<T.Real>.allocate(capacity: Swift.max(1, p))
        defer { a.free(); b.free(); u.free(); vh.free(); x.free(); c.free(); s.deallocate() }
        var pointers = (0..<7).map { args[$0].unsafelyUnwrapped }
        for _ in 0..<count {
            a.load(from: pointers[0], rowStride: steps[7], columnStride: steps[8])
            b.load(from: pointers[1], rowStride: steps[9], columnStride: steps[10])
            let rcond = pointers[2].load(as: T.Real.self)
            if !LinalgKernels.svd(a, s: s, u: u, vh: vh) {
                fillNaN(T.self, pointers[3], rows: n, columns: k, rowStride: steps[11], columnStride: steps[12])
                for j in 0..<k { (pointers[4] + j * steps[13]).storeBytes(of: T.Real.nan, as: T.Real.self) }
                pointers[5].storeBytes(of: Int32(0), as: Int32.self)
                for i in 0..<p { (pointers[6] + i * steps[14]).storeBytes(of: T.Real.nan, as: T.Real.self) }
                LinalgLoopStatus.report(.lstsqDidNotConverge)
            } else {
                let cutoff = (rcond < 0 ? T.Real.ulpOfOne : rcond) * (p > 0 ? s[0] : 0)
                var rank = 0
                for i in 0..<p where s[i] > cutoff { rank += 1 }
                // c = Σ⁺·Uᴴ·b over the kept singular values; x = V·c.
                for j in 0..<k {
                    let bj = b.column(j), cj = c.column(j)
                    for i in 0..<rank {
                        let ui = u.column(i)
                        var dot = T.zero
                        for r in 0..<m { dot = dot + ui[r].conj * bj[r] }
                        cj[i] = dot.scaled(1 / s[i])
                    }
                    let xj = x.column(j)
                    for r in 0..<n {
                        var sum = T.zero
                        for i in 0..<rank { sum = sum + vh[i, r].conj * cj[i] }
                        xj[r] = sum
                    }
                }
                x.store(to: pointers[3], rowStride: steps[11], columnStride: steps[12])
                // Residual sums of squares ‖b − a·x‖² per column, from the original a.
                a.load(from: pointers[0], rowStride: steps[7], columnStride: steps[8])
                for j in 0..<k {
                    var total: T.Real = 0
                    let xj = x.column(j), bj = b.column(j)
                    for r in 0..<m {
                        var sum = bj[r]
                        for i in 0..<n { sum = sum - a[r, i] * xj[i] }
                        total += sum.abs2
                    }
                    (pointers[4] + j * steps[13]).storeBytes(of: total, as: T.Real.self)
                }
                pointers[5].storeBytes(of: Int32(rank), as: Int32.self)
                for i in 0..<p { (pointers[6] + i * steps[14]).storeBytes(of: s[i], as: T.Real.self) }
            }
            for index in 0..<7 { pointers[index] += steps[index] }
        }
    }
}
