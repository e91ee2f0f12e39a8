import ComplexModule
import TesseraCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The OpenBLAS backend's loops of the linear-algebra gufuncs, float64 and complex128
// (the precisions `Linalg` computes in, as NumPy): each matrix is copied into a
// column-major buffer (LAPACK's layout; the copy also takes any strides), the LAPACK
// routine runs, the results are copied out. Workspace sizes are queried once per loop
// call. A matrix LAPACK reports as singular / not positive definite / not converged gets
// NaN outputs and a `LinalgLoopStatus` report (contract: `GUFunc+Linalg`).
//
// `inv` of small matrices (m ≤ 16) runs the loop it replaced (the scalar backend's): a
// LAPACK call per 8×8 matrix costs more in call and copy overhead than the arithmetic.

final class LAPACKLoopContext: @unchecked Sendable {
    let lapack: LAPACKLibrary
    let fallback: InnerLoop?

    init(lapack: LAPACKLibrary, fallback: InnerLoop?) {
        self.lapack = lapack
        self.fallback = fallback
    }
}

/// float64 or complex128 as LAPACK stores them.
protocol LAPACKElement: BLASElement {
    static func fromParts(_ real: Double, _ imaginary: Double) -> Self
    var realPart: Double { get }
    var imaginaryPart: Double { get }
}

extension Double: LAPACKElement {
    static func fromParts(_ real: Double, _ imaginary: Double) -> Double { real }
    var realPart: Double { self }
    var imaginaryPart: Double { 0 }
}

extension Complex: LAPACKElement where RealType == Double {
    static func fromParts(_ real: Double, _ imaginary: Double) -> Complex<Double> { Complex(real, imaginary) }
    var realPart: Double { real }
    var imaginaryPart: Double { imaginary }
}

/// A column-major buffer of one loop call.
struct FortranMatrix<T: LAPACKElement> {
    let rows: Int, columns: Int
    let pointer: UnsafeMutablePointer<T>

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        pointer = .allocate(capacity: Swift.max(1, rows * columns))
    }

    func free() { pointer.deallocate() }
    var raw: UnsafeMutableRawPointer { UnsafeMutableRawPointer(pointer) }
    var leading: Int32 { Int32(Swift.max(1, rows)) }

    func load(from base: UnsafeRawPointer, rowStride: Int, columnStride: Int) {
        if Swift.abs(columnStride) < Swift.abs(rowStride) {
            // A row-major source: eight columns at a time, so each source row is read one
            // cache line at a time and the eight target columns are written in order
            // (column by column, every element read would touch a new cache line).
            var j0 = 0
            while j0 < columns {
                let width = Swift.min(8, columns - j0)
                for i in 0..<rows {
                    let source = base + i * rowStride + j0 * columnStride, target = pointer + j0 * rows + i
                    for j in 0..<width { target[j * rows] = (source + j * columnStride).loadUnaligned(as: T.self) }
                }
                j0 += width
            }
            return
        }
        for j in 0..<columns {
            let source = base + j * columnStride, target = pointer + j * rows
            for i in 0..<rows { target[i] = (source + i * rowStride).loadUnaligned(as: T.self) }
        }
    }

    func store(to base: UnsafeMutableRawPointer, rowStride: Int, columnStride: Int, rows storeRows: Int? = nil, columns storeColumns: Int? = nil) {
        for j in 0..<(storeColumns ?? columns) {
            let target = base + j * columnStride, source = pointer + j * rows
            for i in 0..<(storeRows ?? rows) { (target + i * rowStride).storeBytes(of: source[i], as: T.self) }
        }
    }

    func setIdentity() {
        pointer.update(repeating: T.fromParts(0, 0), count: rows * columns)
        for i in 0..<Swift.min(rows, columns) { pointer[i + i * rows] = T.fromParts(1, 0) }
    }
}

private func fillNaN<T: LAPACKElement>(_: T.Type, _ base: UnsafeMutableRawPointer, rows: Int, columns: Int, rowStride: Int, columnStride: Int) {
    let nan = T.fromParts(.nan, .nan)
    for j in 0..<columns { for i in 0..<rows { (base + i * rowStride + j * columnStride).storeBytes(of: nan, as: T.self) } }
}

@inline(__always)
private func lapackContext(_ data: UnsafeMutableRawPointer?) -> LAPACKLoopContext {
    Unmanaged<LAPACKLoopContext>.fromOpaque(data.unsafelyUnwrapped).takeUnretainedValue()
}

/// Whether a matrix operand is laid out by rows (its column stride the smaller), so that
/// reading it as its column-major transpose is a sequential copy.
private func rowMajor(rowStride: Int, columnStride: Int) -> Bool {
    Swift.abs(columnStride) < Swift.abs(rowStride)
}

/// A workspace length from a query's first element (LAPACK returns it as a floating value).
private func workspaceLength(_ value: Double) -> Int { Swift.max(1, Int(value.rounded(.up))) }

enum LAPACKLoops {
    typealias Args = UnsafePointer<UnsafeMutableRawPointer?>?
    typealias Steps = UnsafePointer<Int>?

    /// (gufunc, loop signature, routines needed, loop).
    static func table(_ l: LAPACKLibrary) -> [(GUFunc, String, Bool, InnerLoopFunction)] {
        [
            (.inv, "d->d", l.dgesv != nil, { a, n, s, d in LAPACKLoops.inv(Double.self, a, n, s, d) }),
            (.inv, "D->D", l.zgesv != nil, { a, n, s, d in LAPACKLoops.inv(Complex<Double>.self, a, n, s, d) }),
            (.solve, "dd->d", l.dgesv != nil, { a, n, s, d in LAPACKLoops.solve(Double.self, a, n, s, d, vector: false) }),
            (.solve, "DD->D", l.zgesv != nil, { a, n, s, d in LAPACKLoops.solve(Complex<Double>.self, a, n, s, d, vector: false) }),
            (.solve1, "dd->d", l.dgesv != nil, { a, n, s, d in LAPACKLoops.solve(Double.self, a, n, s, d, vector: true) }),
            (.solve1, "DD->D", l.zgesv != nil, { a, n, s, d in LAPACKLoops.solve(Complex<Double>.self, a, n, s, d, vector: true) }),
            (.det, "d->d", l.dgetrf != nil, { a, n, s, d in LAPACKLoops.determinant(Double.self, a, n, s, d, logarithmic: false) }),
            (.det, "D->D", l.zgetrf != nil, { a, n, s, d in LAPACKLoops.determinant(Complex<Double>.self, a, n, s, d, logarithmic: false) }),
            (.slogdet, "d->dd", l.dgetrf != nil, { a, n, s, d in LAPACKLoops.determinant(Double.self, a, n, s, d, logarithmic: true) }),
            (.slogdet, "D->Dd", l.zgetrf != nil, { a, n, s, d in LAPACKLoops.determinant(Complex<Double>.self, a, n, s, d, logarithmic: true) }),
            (.choleskyLower, "d->d", l.dpotrf != nil, { a, n, s, d in LAPACKLoops.cholesky(Double.self, a, n, s, d, upper: false) }),
            (.choleskyLower, "D->D", l.zpotrf != nil, { a, n, s, d in LAPACKLoops.cholesky(Complex<Double>.self, a, n, s, d, upper: false) }),
            (.choleskyUpper, "d->d", l.dpotrf != nil, { a, n, s, d in LAPACKLoops.cholesky(Double.self, a, n, s, d, upper: true) }),
            (.choleskyUpper, "D->D", l.zpotrf != nil, { a, n, s, d in LAPACKLoops.cholesky(Complex<Double>.self, a, n, s, d, upper: true) }),
            (.eighLower, "d->dd", l.dsyevd != nil, { a, n, s, d in LAPACKLoops.eigh(Double.self, a, n, s, d, upper: false, vectors: true) }),
            (.eighLower, "D->dD", l.zheevd != nil, { a, n, s, d in LAPACKLoops.eigh(Complex<Double>.self, a, n, s, d, upper: false, vectors: true) }),
            (.eighUpper, "d->dd", l.dsyevd != nil, { a, n, s, d in LAPACKLoops.eigh(Double.self, a, n, s, d, upper: true, vectors: true) }),
            (.eighUpper, "D->dD", l.zheevd != nil, { a, n, s, d in LAPACKLoops.eigh(Complex<Double>.self, a, n, s, d, upper: true, vectors: true) }),
            (.eigvalshLower, "d->d", l.dsyevd != nil, { a, n, s, d in LAPACKLoops.eigh(Double.self, a, n, s, d, upper: false, vectors: false) }),
            (.eigvalshLower, "D->d", l.zheevd != nil, { a, n, s, d in LAPACKLoops.eigh(Complex<Double>.self, a, n, s, d, upper: false, vectors: false) }),
            (.eigvalshUpper, "d->d", l.dsyevd != nil, { a, n, s, d in LAPACKLoops.eigh(Double.self, a, n, s, d, upper: true, vectors: false) }),
            (.eigvalshUpper, "D->d", l.zheevd != nil, { a, n, s, d in LAPACKLoops.eigh(Complex<Double>.self, a, n, s, d, upper: true, vectors: false) }),
            (.svd, "d->d", l.dgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Double.self, a, n, s, d, job: "N") }),
            (.svd, "D->d", l.zgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Complex<Double>.self, a, n, s, d, job: "N") }),
            (.svdReduced, "d->ddd", l.dgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Double.self, a, n, s, d, job: "S") }),
            (.svdReduced, "D->DdD", l.zgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Complex<Double>.self, a, n, s, d, job: "S") }),
            (.svdFull, "d->ddd", l.dgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Double.self, a, n, s, d, job: "A") }),
            (.svdFull, "D->DdD", l.zgesdd != nil, { a, n, s, d in LAPACKLoops.svd(Complex<Double>.self, a, n, s, d, job: "A") }),
            (.lstsq, "ddd->ddid", l.dgelsd != nil, { a, n, s, d in LAPACKLoops.lstsq(Double.self, a, n, s, d) }),
            (.lstsq, "DDd->Ddid", l.zgelsd != nil, { a, n, s, d in LAPACKLoops.lstsq(Complex<Double>.self, a, n, s, d) }),
            (.qrRaw, "d->dd", l.dgeqrf != nil, { a, n, s, d in LAPACKLoops.qr(Double.self, a, n, s, d, mode: .raw) }),
            (.qrRaw, "D->DD", l.zgeqrf != nil, { a, n, s, d in LAPACKLoops.qr(Complex<Double>.self, a, n, s, d, mode: .raw) }),
            (.qrReduced, "d->dd", l.dgeqrf != nil && l.dorgqr != nil, { a, n, s, d in LAPACKLoops.qr(Double.self, a, n, s, d, mode: .reduced) }),
            (.qrReduced, "D->DD", l.zgeqrf != nil && l.zungqr != nil, { a, n, s, d in LAPACKLoops.qr(Complex<Double>.self, a, n, s, d, mode: .reduced) }),
            (.qrComplete, "d->dd", l.dgeqrf != nil && l.dorgqr != nil, { a, n, s, d in LAPACKLoops.qr(Double.self, a, n, s, d, mode: .complete) }),
            (.qrComplete, "D->DD", l.zgeqrf != nil && l.zungqr != nil, { a, n, s, d in LAPACKLoops.qr(Complex<Double>.self, a, n, s, d, mode: .complete) }),
            (.eig, "d->DD", l.dgeev != nil, { a, n, s, d in LAPACKLoops.eig(Double.self, a, n, s, d, vectors: true) }),
            (.eig, "D->DD", l.zgeev != nil, { a, n, s, d in LAPACKLoops.eig(Complex<Double>.self, a, n, s, d, vectors: true) }),
            (.eigvals, "d->D", l.dgeev != nil, { a, n, s, d in LAPACKLoops.eig(Double.self, a, n, s, d, vectors: false) }),
            (.eigvals, "D->D", l.zgeev != nil, { a, n, s, d in LAPACKLoops.eig(Complex<Double>.self, a, n, s, d, vectors: false) }),
        ]
    }

    /// Replaces (or registers) the loops whose LAPACK routines the library exports.
    static func install(_ library: OpenBLASLibrary, into registry: LoopRegistry) throws {
        guard let lapack = LAPACKLibrary.shared else { return }
        for (gufunc, text, available, function) in table(lapack) where available {
            try LoopInstallation.install(
                function, for: gufunc, signature: try LoopSignature(text),
                instructionSet: library.coreName, into: registry
            ) { LAPACKLoopContext(lapack: lapack, fallback: $0) }
        }
    }

    // MARK: LU

    static func inv<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?) {
        let context = lapackContext(data)
        let argsP = args.unsafelyUnwrapped, stepsP = steps.unsafelyUnwrapped
        let m = stepsP[6]
        if m <= 16, let fallback = context.fallback {
            fallback.function(args, count, steps, fallback.data)
            return
        }
        let gesv = (T.isComplex ? context.lapack.zgesv : context.lapack.dgesv)!
        let a = FortranMatrix<T>(rows: m, columns: m), b = FortranMatrix<T>(rows: m, columns: m)
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); b.free(); pivots.deallocate() }
        // A row-major operand is loaded as the column-major Aᵀ (a straight copy) and
        // inv(Aᵀ) = inv(A)ᵀ stored back transposed.
        let transpose = rowMajor(rowStride: stepsP[2], columnStride: stepsP[3])
        let (aRow, aColumn) = transpose ? (stepsP[3], stepsP[2]) : (stepsP[2], stepsP[3])
        let (oRow, oColumn) = transpose ? (stepsP[5], stepsP[4]) : (stepsP[4], stepsP[5])
        var pa = UnsafeRawPointer(argsP[0].unsafelyUnwrapped), po = argsP[1].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: aRow, columnStride: aColumn)
            b.setIdentity()
            var n = Int32(m), nrhs = Int32(m), lda = a.leading, ldb = b.leading, info: Int32 = 0
            gesv(&n, &nrhs, a.raw, &lda, pivots, b.raw, &ldb, &info)
            if info != 0 {
                fillNaN(T.self, po, rows: m, columns: m, rowStride: oRow, columnStride: oColumn)
                LinalgLoopStatus.report(.singularMatrix)
            } else {
                b.store(to: po, rowStride: oRow, columnStride: oColumn)
            }
            pa += stepsP[0]
            po += stepsP[1]
        }
    }

    static func solve<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, vector: Bool) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let gesv = (T.isComplex ? context.lapack.zgesv : context.lapack.dgesv)!
        let m = vector ? steps[7] : steps[9], k = vector ? 1 : steps[10]
        let bRow = steps[5], bColumn = vector ? 0 : steps[6]
        let xRow = vector ? steps[6] : steps[7], xColumn = vector ? 0 : steps[8]
        let a = FortranMatrix<T>(rows: m, columns: m), b = FortranMatrix<T>(rows: m, columns: k)
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); b.free(); pivots.deallocate() }
        // A row-major `a` is loaded as the column-major Aᵀ (a sequential copy), factored,
        // and the system solved with getrs's transpose option.
        let getrf = T.isComplex ? context.lapack.zgetrf : context.lapack.dgetrf
        let getrs = T.isComplex ? context.lapack.zgetrs : context.lapack.dgetrs
        let transpose = getrf != nil && getrs != nil && rowMajor(rowStride: steps[3], columnStride: steps[4])
        let (aRow, aColumn) = transpose ? (steps[4], steps[3]) : (steps[3], steps[4])
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), pb = UnsafeRawPointer(args[1].unsafelyUnwrapped), px = args[2].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: aRow, columnStride: aColumn)
            b.load(from: pb, rowStride: bRow, columnStride: bColumn)
            var n = Int32(m), nrhs = Int32(k), lda = a.leading, ldb = b.leading, info: Int32 = 0
            if transpose {
                var rows = Int32(m)
                getrf!(&rows, &n, a.raw, &lda, pivots, &info)
                if info == 0 { "T".withCString { getrs!($0, &n, &nrhs, a.raw, &lda, pivots, b.raw, &ldb, &info, 1) } }
            } else {
                gesv(&n, &nrhs, a.raw, &lda, pivots, b.raw, &ldb, &info)
            }
            if info != 0 {
                fillNaN(T.self, px, rows: m, columns: k, rowStride: xRow, columnStride: xColumn)
                LinalgLoopStatus.report(.singularMatrix)
            } else {
                b.store(to: px, rowStride: xRow, columnStride: xColumn)
            }
            pa += steps[0]
            pb += steps[1]
            px += steps[2]
        }
    }

    static func determinant<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, logarithmic: Bool) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let getrf = (T.isComplex ? context.lapack.zgetrf : context.lapack.dgetrf)!
        let outer = logarithmic ? 3 : 2
        let m = steps[outer + 2]
        let a = FortranMatrix<T>(rows: m, columns: m)
        let pivots = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); pivots.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), p0 = args[1].unsafelyUnwrapped
        var p1 = logarithmic ? args[2].unsafelyUnwrapped : p0
        // det(Aᵀ) = det(A): load whichever orientation copies contiguously.
        let transpose = rowMajor(rowStride: steps[outer], columnStride: steps[outer + 1])
        let (aRow, aColumn) = transpose ? (steps[outer + 1], steps[outer]) : (steps[outer], steps[outer + 1])
        for _ in 0..<count {
            a.load(from: pa, rowStride: aRow, columnStride: aColumn)
            var rows = Int32(m), columns = Int32(m), lda = a.leading, info: Int32 = 0
            if m > 0 { getrf(&rows, &columns, a.raw, &lda, pivots, &info) }
            var odd = false
            for i in 0..<m where pivots[i] != Int32(i + 1) { odd.toggle() }
            // Sign (unit phase) and log-magnitude, or the plain product.
            var signRe: Double = odd ? -1 : 1, signIm: Double = 0, logarithm: Double = 0
            var productRe: Double = odd ? -1 : 1, productIm: Double = 0
            for i in 0..<m {
                let d = a.pointer[i + i * m]
                let re = d.realPart, im = d.imaginaryPart
                if logarithmic {
                    let magnitude = hypot(re, im)
                    if magnitude == 0 {
                        signRe = 0; signIm = 0; logarithm = -.infinity
                        break
                    }
                    let ur = re / magnitude, ui = im / magnitude
                    (signRe, signIm) = (signRe * ur - signIm * ui, signRe * ui + signIm * ur)
                    logarithm += log(magnitude)
                } else {
                    (productRe, productIm) = (productRe * re - productIm * im, productRe * im + productIm * re)
                }
            }
            if logarithmic {
                p0.storeBytes(of: T.fromParts(signRe, signIm), as: T.self)
                p1.storeBytes(of: logarithm, as: Double.self)
                p1 += steps[2]
            } else {
                p0.storeBytes(of: T.fromParts(productRe, productIm), as: T.self)
            }
            pa += steps[0]
            p0 += steps[1]
        }
        _ = p1
    }

    // MARK: Cholesky

    static func cholesky<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, upper: Bool) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let potrf = (T.isComplex ? context.lapack.zpotrf : context.lapack.dpotrf)!
        let m = steps[6]
        let a = FortranMatrix<T>(rows: m, columns: m)
        defer { a.free() }
        let zero = T.fromParts(0, 0)
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), po = args[1].unsafelyUnwrapped
        // A row-major operand is loaded as the column-major Aᵀ: A = L·Lᴴ makes Aᵀ = Uᴴ·U
        // with U = Lᵀ, so the other triangle's factor of Aᵀ, stored back transposed, is L.
        let transpose = rowMajor(rowStride: steps[2], columnStride: steps[3])
        let (aRow, aColumn) = transpose ? (steps[3], steps[2]) : (steps[2], steps[3])
        let (oRow, oColumn) = transpose ? (steps[5], steps[4]) : (steps[4], steps[5])
        let factorUpper = upper != transpose
        for _ in 0..<count {
            a.load(from: pa, rowStride: aRow, columnStride: aColumn)
            var n = Int32(m), lda = a.leading, info: Int32 = 0
            (factorUpper ? "U" : "L").withCString { potrf($0, &n, a.raw, &lda, &info, 1) }
            if info != 0 {
                fillNaN(T.self, po, rows: m, columns: m, rowStride: oRow, columnStride: oColumn)
                LinalgLoopStatus.report(.notPositiveDefinite)
            } else {
                for j in 0..<m {
                    for i in 0..<m where factorUpper ? i > j : i < j { a.pointer[i + j * m] = zero }
                }
                a.store(to: po, rowStride: oRow, columnStride: oColumn)
            }
            pa += steps[0]
            po += steps[1]
        }
    }

    // MARK: Hermitian eigenproblem

    static func eigh<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, upper: Bool, vectors: Bool) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let outer = vectors ? 3 : 2
        let m = vectors ? steps[8] : steps[5]
        let wStride = steps[outer + 2]
        let a = FortranMatrix<T>(rows: m, columns: m)
        let w = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, m))
        defer { a.free(); w.deallocate() }
        var n = Int32(m), lda = a.leading, info: Int32 = 0
        // Workspace query.
        var workQuery = [T.fromParts(0, 0)], rworkQuery = [0.0], iworkQuery: [Int32] = [0]
        var lwork: Int32 = -1, lrwork: Int32 = -1, liwork: Int32 = -1
        let job = vectors ? "V" : "N", uplo = upper ? "U" : "L"
        func call(_ work: UnsafeMutableRawPointer, _ rwork: UnsafeMutableRawPointer, _ iwork: UnsafeMutablePointer<Int32>) {
            job.withCString { jobz in
                uplo.withCString { u in
                    if T.isComplex {
                        context.lapack.zheevd!(jobz, u, &n, a.raw, &lda, w, work, &lwork, rwork, &lrwork, iwork, &liwork, &info, 1, 1)
                    } else {
                        context.lapack.dsyevd!(jobz, u, &n, a.raw, &lda, w, work, &lwork, iwork, &liwork, &info, 1, 1)
                    }
                }
            }
        }
        workQuery.withUnsafeMutableBytes { work in
            rworkQuery.withUnsafeMutableBytes { rwork in
                iworkQuery.withUnsafeMutableBufferPointer { iwork in call(work.baseAddress!, rwork.baseAddress!, iwork.baseAddress!) }
            }
        }
        lwork = Int32(workspaceLength(workQuery[0].realPart))
        lrwork = Int32(workspaceLength(rworkQuery[0]))
        liwork = Swift.max(1, iworkQuery[0])
        let work = UnsafeMutablePointer<T>.allocate(capacity: Int(lwork))
        let rwork = UnsafeMutablePointer<Double>.allocate(capacity: Int(lrwork))
        let iwork = UnsafeMutablePointer<Int32>.allocate(capacity: Int(liwork))
        defer { work.deallocate(); rwork.deallocate(); iwork.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), pw = args[1].unsafelyUnwrapped
        var pv = vectors ? args[2].unsafelyUnwrapped : pw
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[outer], columnStride: steps[outer + 1])
            info = 0
            call(UnsafeMutableRawPointer(work), UnsafeMutableRawPointer(rwork), iwork)
            if info != 0 {
                for i in 0..<m { (pw + i * wStride).storeBytes(of: Double.nan, as: Double.self) }
                if vectors { fillNaN(T.self, pv, rows: m, columns: m, rowStride: steps[6], columnStride: steps[7]) }
                LinalgLoopStatus.report(.eigenvaluesDidNotConverge)
            } else {
                for i in 0..<m { (pw + i * wStride).storeBytes(of: w[i], as: Double.self) }
                if vectors { a.store(to: pv, rowStride: steps[6], columnStride: steps[7]) }
            }
            pa += steps[0]
            pw += steps[1]
            if vectors { pv += steps[2] }
        }
        _ = pv
    }

    // MARK: SVD

    static func svd<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, job: String) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let vectors = job != "N"
        let outer = vectors ? 4 : 2
        let m = vectors ? steps[11] : steps[5], n = vectors ? steps[12] : steps[6], p = Swift.min(m, n)
        let sStride = vectors ? steps[8] : steps[4]
        let uColumns = job == "A" ? m : p, vtRows = job == "A" ? n : p
        let a = FortranMatrix<T>(rows: m, columns: n)
        let u = FortranMatrix<T>(rows: m, columns: vectors ? uColumns : 1)
        let vt = FortranMatrix<T>(rows: vectors ? vtRows : 1, columns: vectors ? n : 1)
        let s = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, p))
        let iwork = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, 8 * p))
        let maxDim = Swift.max(m, n)
        let rworkCount = job == "N" ? Swift.max(1, 7 * p) : Swift.max(1, Swift.max(5 * p * p + 5 * p, 2 * maxDim * p + 2 * p * p + p))
        let rwork = UnsafeMutablePointer<Double>.allocate(capacity: T.isComplex ? rworkCount : 1)
        defer { a.free(); u.free(); vt.free(); s.deallocate(); iwork.deallocate(); rwork.deallocate() }
        var rows = Int32(m), columns = Int32(n), lda = a.leading, ldu = u.leading, ldvt = vt.leading, info: Int32 = 0
        var lwork: Int32 = -1
        func call(_ work: UnsafeMutableRawPointer) {
            job.withCString { jobz in
                if T.isComplex {
                    context.lapack.zgesdd!(jobz, &rows, &columns, a.raw, &lda, s, u.raw, &ldu, vt.raw, &ldvt, work, &lwork, rwork, iwork, &info, 1)
                } else {
                    context.lapack.dgesdd!(jobz, &rows, &columns, a.raw, &lda, s, u.raw, &ldu, vt.raw, &ldvt, work, &lwork, iwork, &info, 1)
                }
            }
        }
        var query = [T.fromParts(0, 0)]
        query.withUnsafeMutableBytes { call($0.baseAddress!) }
        lwork = Int32(workspaceLength(query[0].realPart))
        let work = UnsafeMutablePointer<T>.allocate(capacity: Int(lwork))
        defer { work.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped)
        var pu = args[1].unsafelyUnwrapped, ps = vectors ? args[2].unsafelyUnwrapped : pu, pvt = vectors ? args[3].unsafelyUnwrapped : pu
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[outer], columnStride: steps[outer + 1])
            info = 0
            call(UnsafeMutableRawPointer(work))
            if info != 0 {
                for i in 0..<p { (ps + i * sStride).storeBytes(of: Double.nan, as: Double.self) }
                if vectors {
                    fillNaN(T.self, pu, rows: m, columns: uColumns, rowStride: steps[6], columnStride: steps[7])
                    fillNaN(T.self, pvt, rows: vtRows, columns: n, rowStride: steps[9], columnStride: steps[10])
                }
                LinalgLoopStatus.report(.svdDidNotConverge)
            } else {
                for i in 0..<p { (ps + i * sStride).storeBytes(of: s[i], as: Double.self) }
                if vectors {
                    u.store(to: pu, rowStride: steps[6], columnStride: steps[7])
                    vt.store(to: pvt, rowStride: steps[9], columnStride: steps[10])
                }
            }
            pa += steps[0]
            if vectors {
                pu += steps[1]
                ps += steps[2]
                pvt += steps[3]
            } else {
                ps += steps[1]
            }
        }
    }

    // MARK: Least squares

    static func lstsq<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let m = steps[15], n = steps[16], k = steps[17], p = Swift.min(m, n)
        let maxDim = Swift.max(m, n)
        let a = FortranMatrix<T>(rows: m, columns: n), b = FortranMatrix<T>(rows: maxDim, columns: k)
        let s = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, p))
        defer { a.free(); b.free(); s.deallocate() }
        var rows = Int32(m), columns = Int32(n), nrhs = Int32(k), lda = a.leading, ldb = b.leading, rank: Int32 = 0, info: Int32 = 0
        var rcond = 0.0
        var lwork: Int32 = -1
        func call(_ work: UnsafeMutableRawPointer, _ rwork: UnsafeMutableRawPointer, _ iwork: UnsafeMutablePointer<Int32>) {
            if T.isComplex {
                context.lapack.zgelsd!(&rows, &columns, &nrhs, a.raw, &lda, b.raw, &ldb, s, &rcond, &rank, work, &lwork, rwork, iwork, &info)
            } else {
                context.lapack.dgelsd!(&rows, &columns, &nrhs, a.raw, &lda, b.raw, &ldb, s, &rcond, &rank, work, &lwork, iwork, &info)
            }
        }
        var query = [T.fromParts(0, 0)], rquery = [0.0], iquery: [Int32] = [0]
        query.withUnsafeMutableBytes { w in rquery.withUnsafeMutableBytes { r in iquery.withUnsafeMutableBufferPointer { call(w.baseAddress!, r.baseAddress!, $0.baseAddress!) } } }
        lwork = Int32(workspaceLength(query[0].realPart))
        let work = UnsafeMutablePointer<T>.allocate(capacity: Int(lwork))
        let rwork = UnsafeMutablePointer<Double>.allocate(capacity: workspaceLength(rquery[0]))
        let iwork = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, Int(iquery[0])))
        defer { work.deallocate(); rwork.deallocate(); iwork.deallocate() }
        var pointers = (0..<7).map { args[$0].unsafelyUnwrapped }
        for _ in 0..<count {
            a.load(from: pointers[0], rowStride: steps[7], columnStride: steps[8])
            b.pointer.update(repeating: T.fromParts(0, 0), count: maxDim * k)
            for j in 0..<k {
                for i in 0..<m { b.pointer[i + j * maxDim] = (UnsafeRawPointer(pointers[1]) + i * steps[9] + j * steps[10]).loadUnaligned(as: T.self) }
            }
            rcond = pointers[2].load(as: Double.self)
            info = 0
            call(UnsafeMutableRawPointer(work), UnsafeMutableRawPointer(rwork), iwork)
            if info != 0 {
                fillNaN(T.self, pointers[3], rows: n, columns: k, rowStride: steps[11], columnStride: steps[12])
                for j in 0..<k { (pointers[4] + j * steps[13]).storeBytes(of: Double.nan, as: Double.self) }
                pointers[5].storeBytes(of: Int32(0), as: Int32.self)
                for i in 0..<p { (pointers[6] + i * steps[14]).storeBytes(of: Double.nan, as: Double.self) }
                LinalgLoopStatus.report(.lstsqDidNotConverge)
            } else {
                b.store(to: pointers[3], rowStride: steps[11], columnStride: steps[12], rows: n, columns: k)
                // Rows n ..< m of the transformed b hold the residual when rank = n < m.
                for j in 0..<k {
                    var total = 0.0
                    if m > n {
                        for i in n..<m {
                            let value = b.pointer[i + j * maxDim]
                            total += value.realPart * value.realPart + value.imaginaryPart * value.imaginaryPart
                        }
                    }
                    (pointers[4] + j * steps[13]).storeBytes(of: total, as: Double.self)
                }
                pointers[5].storeBytes(of: rank, as: Int32.self)
                for i in 0..<p { (pointers[6] + i * steps[14]).storeBytes(of: s[i], as: Double.self) }
            }
            for index in 0..<7 { pointers[index] += steps[index] }
        }
    }

    // MARK: General eigenproblem

    static func eig<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, vectors: Bool) {
        let context = lapackContext(data)
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let outer = vectors ? 3 : 2
        let m = vectors ? steps[8] : steps[5]
        let wStride = steps[outer + 2]
        let a = FortranMatrix<T>(rows: m, columns: m)
        let vr = FortranMatrix<T>(rows: m, columns: vectors ? m : 1)
        let wr = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, m))
        let wi = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, m))
        let rwork = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, 2 * m))
        var dummy = [T.fromParts(0, 0)]
        defer { a.free(); vr.free(); wr.deallocate(); wi.deallocate(); rwork.deallocate() }
        var n = Int32(m), lda = a.leading, ldvl: Int32 = 1, ldvr = vr.leading, info: Int32 = 0, lwork: Int32 = -1
        func call(_ work: UnsafeMutableRawPointer) {
            dummy.withUnsafeMutableBytes { vl in
                "N".withCString { jobvl in
                    (vectors ? "V" : "N").withCString { jobvr in
                        if T.isComplex {
                            context.lapack.zgeev!(jobvl, jobvr, &n, a.raw, &lda, wr, vl.baseAddress, &ldvl, vr.raw, &ldvr, work, &lwork, rwork, &info, 1, 1)
                        } else {
                            context.lapack.dgeev!(jobvl, jobvr, &n, a.raw, &lda, wr, wi, vl.baseAddress, &ldvl, vr.raw, &ldvr, work, &lwork, &info, 1, 1)
                        }
                    }
                }
            }
        }
        var query = [T.fromParts(0, 0)]
        query.withUnsafeMutableBytes { call($0.baseAddress!) }
        lwork = Int32(workspaceLength(query[0].realPart))
        let work = UnsafeMutablePointer<T>.allocate(capacity: Int(lwork))
        defer { work.deallocate() }
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), pw = args[1].unsafelyUnwrapped
        var pv = vectors ? args[2].unsafelyUnwrapped : pw
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[outer], columnStride: steps[outer + 1])
            info = 0
            call(UnsafeMutableRawPointer(work))
            if info != 0 {
                for i in 0..<m { (pw + i * wStride).storeBytes(of: Complex<Double>(.nan, .nan), as: Complex<Double>.self) }
                if vectors { fillNaN(Complex<Double>.self, pv, rows: m, columns: m, rowStride: steps[6], columnStride: steps[7]) }
                LinalgLoopStatus.report(.eigenvaluesDidNotConverge)
            } else {
                for i in 0..<m {
                    let value = T.isComplex ? Complex(wr[i].realPart, wr[i].imaginaryPart) : Complex(wr[i].realPart, wi[i])
                    (pw + i * wStride).storeBytes(of: value, as: Complex<Double>.self)
                }
                if vectors {
                    var j = 0
                    while j < m {
                        // dgeev stores a conjugate pair's vector as two real columns: re, im.
                        let pair = !T.isComplex && wi[j] != 0 && j + 1 < m
                        for i in 0..<m {
                            let x = vr.pointer[i + j * m]
                            let value: Complex<Double>
                            if T.isComplex {
                                value = Complex(x.realPart, x.imaginaryPart)
                            } else if pair {
                                value = Complex(x.realPart, vr.pointer[i + (j + 1) * m].realPart)
                            } else {
                                value = Complex(x.realPart, 0)
                            }
                            (pv + i * steps[6] + j * steps[7]).storeBytes(of: value, as: Complex<Double>.self)
                            if pair {
                                (pv + i * steps[6] + (j + 1) * steps[7]).storeBytes(of: value.conjugate, as: Complex<Double>.self)
                            }
                        }
                        j += pair ? 2 : 1
                    }
                }
            }
            pa += steps[0]
            pw += steps[1]
            if vectors { pv += steps[2] }
        }
        _ = pv
    }
}
