import ComplexModule
import TesseraCore

// QR through LAPACK: `geqrf` factors (Householder reflectors below the diagonal, R on and
// above it, the reflector scales in `tau`), `orgqr`/`ungqr` forms the columns of Q from
// the reflectors. The same conventions as the scalar reference's Householder QR, so both
// backends give NumPy's signs.

extension LAPACKLoops {
    enum QRMode { case raw, reduced, complete }

    /// `qr_r_raw (m,n)->(n,m),(p)`, `qr_reduced (m,n)->(m,p),(p,n)`, `qr_complete
    /// (m,n)->(m,m),(m,n)`: steps = outer ×3, a_r, a_c, o1_r, o1_c, o2 strides…, then m, n (, p).
    static func qr<T: LAPACKElement>(_: T.Type, _ args: Args, _ count: Int, _ steps: Steps, _ data: UnsafeMutableRawPointer?, mode: QRMode) {
        let context = Unmanaged<LAPACKLoopContext>.fromOpaque(data.unsafelyUnwrapped).takeUnretainedValue()
        let args = args.unsafelyUnwrapped, steps = steps.unsafelyUnwrapped
        let geqrf = (T.isComplex ? context.lapack.zgeqrf : context.lapack.dgeqrf)!
        let orgqr = T.isComplex ? context.lapack.zungqr : context.lapack.dorgqr
        let m = mode == .raw ? steps[8] : steps[9], n = mode == .raw ? steps[9] : steps[10], k = Swift.min(m, n)
        let qColumns = mode == .complete ? m : k
        let a = FortranMatrix<T>(rows: m, columns: n)
        let q = FortranMatrix<T>(rows: m, columns: mode == .raw ? 0 : qColumns)
        let tau = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, k))
        defer { a.free(); q.free(); tau.deallocate() }
        var rows = Int32(m), columns = Int32(n), reflectors = Int32(k), qn = Int32(qColumns)
        var lda = a.leading, ldq = q.leading, info: Int32 = 0
        // One workspace for both routines, sized by a query of each.
        var lwork: Int32 = -1
        let query = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { query.deallocate() }
        query.initialize(to: T.fromParts(0, 0))
        var length = 1
        if k > 0 {
            geqrf(&rows, &columns, a.raw, &lda, UnsafeMutableRawPointer(tau), UnsafeMutableRawPointer(query), &lwork, &info)
            length = Swift.max(length, Int(query.pointee.realPart.rounded(.up)))
            if mode != .raw {
                orgqr!(&rows, &qn, &reflectors, q.raw, &ldq, UnsafeMutableRawPointer(tau), UnsafeMutableRawPointer(query), &lwork, &info)
                length = Swift.max(length, Int(query.pointee.realPart.rounded(.up)))
            }
        }
        let work = UnsafeMutablePointer<T>.allocate(capacity: length)
        defer { work.deallocate() }
        lwork = Int32(length)
        let zero = T.fromParts(0, 0)
        var pa = UnsafeRawPointer(args[0].unsafelyUnwrapped), p1 = args[1].unsafelyUnwrapped, p2 = args[2].unsafelyUnwrapped
        for _ in 0..<count {
            a.load(from: pa, rowStride: steps[3], columnStride: steps[4])
            if k > 0 { geqrf(&rows, &columns, a.raw, &lda, UnsafeMutableRawPointer(tau), work, &lwork, &info) }
            switch mode {
            case .raw:
                // h (n, m) is the factored matrix transposed.
                a.store(to: p1, rowStride: steps[6], columnStride: steps[5])
                for i in 0..<k { (p2 + i * steps[7]).storeBytes(of: tau[i], as: T.self) }
            case .reduced, .complete:
                let rRows = mode == .complete ? m : k
                for j in 0..<n {
                    let column = a.pointer + j * m
                    for i in 0..<rRows {
                        (p2 + i * steps[7] + j * steps[8]).storeBytes(of: i <= j ? column[i] : zero, as: T.self)
                    }
                }
                if k > 0 {
                    // The reflectors are the first k columns; orgqr overwrites them with Q.
                    q.pointer.update(from: a.pointer, count: m * Swift.min(n, qColumns))
                    orgqr!(&rows, &qn, &reflectors, q.raw, &ldq, UnsafeMutableRawPointer(tau), work, &lwork, &info)
                    q.store(to: p1, rowStride: steps[5], columnStride: steps[6])
                } else if mode == .complete {
                    q.setIdentity()
                    q.store(to: p1, rowStride: steps[5], columnStride: steps[6])
                }
            }
            pa += steps[0]
            p1 += steps[1]
            p2 += steps[2]
        }
    }
}
