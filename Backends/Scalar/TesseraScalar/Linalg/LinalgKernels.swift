import RealModule

// The reference factorizations, on column-major scratch matrices. Written from the
// textbook algorithms (Golub & Van Loan, "Matrix Computations"): LU with partial
// pivoting, Cholesky, Householder QR in LAPACK's reflector convention, Householder
// tridiagonalization and implicit symmetric QR for Hermitian eigenproblems, one-sided
// (Hestenes) Jacobi for the SVD. Jacobi is backward stable and converges quadratically;
// it stops after `maximumSweeps` sweeps and reports non-convergence.

enum LinalgKernels {
    static let maximumSweeps = 60

    // MARK: LU

    /// Factors `a` (n × n) in place as P·L·U, `L` unit lower. `pivots[k]` is the row
    /// swapped with row k. Returns 0, or k + 1 for the first exactly zero pivot (the
    /// factorization still completes, as LAPACK's `getrf`).
    static func luFactor<T: LinalgScalar>(_ a: ColumnMajor<T>, pivots: UnsafeMutablePointer<Int>) -> Int {
        let n = a.rows
        var info = 0
        // Blocked right-looking LU: a panel of `block` columns is factored unblocked,
        // then the trailing matrix gets one rank-`block` update, whose inner loop runs
        // down contiguous columns.
        let block = 32
        var k0 = 0
        while k0 < n {
            let kb = Swift.min(block, n - k0)
            // Panel: columns k0 ..< k0+kb, rows k0 ..< n.
            for k in k0..<(k0 + kb) {
                let columnK = a.column(k)
                var p = k
                var best = columnK[k].abs1
                for i in (k + 1)..<Swift.max(k + 1, n) where columnK[i].abs1 > best {
                    best = columnK[i].abs1
                    p = i
                }
                pivots[k] = p
                if p != k {
                    // Swap whole rows (left part too, so L is stored permuted as LAPACK's).
                    for j in 0..<n {
                        let column = a.column(j)
                        let t = column[k]
                        column[k] = column[p]
                        column[p] = t
                    }
                }
                let pivot = columnK[k]
                if pivot.abs1 == 0 {
                    if info == 0 { info = k + 1 }
                    continue
                }
                let reciprocal = T.one / pivot
                for i in (k + 1)..<Swift.max(k + 1, n) { columnK[i] = columnK[i] * reciprocal }
                // Update the rest of the panel only.
                for j in (k + 1)..<(k0 + kb) {
                    let column = a.column(j)
                    let factor = column[k]
                    if factor.abs1 == 0 { continue }
                    for i in (k + 1)..<n { column[i] = column[i] - factor * columnK[i] }
                }
            }
            let end = k0 + kb
            if end < n {
                // U12 = L11⁻¹·A12 (unit lower triangular solve), column by column.
                for j in end..<n {
                    let column = a.column(j)
                    for k in k0..<end {
                        let factor = column[k]
                        if factor.abs1 == 0 { continue }
                        let columnK = a.column(k)
                        for i in (k + 1)..<end { column[i] = column[i] - factor * columnK[i] }
                    }
                }
                // A22 -= L21·U12, four columns of L21 at a time per pass, two target
                // columns per pass (each loaded L21 element serves both; more targets would
                // spill SSE2's sixteen registers). Each element's arithmetic is the same
                // expression as in the one-column loop below, so results do not depend on
                // the pairing.
                var j2 = end
                while j2 + 2 <= n {
                    let first = a.column(j2), second = a.column(j2 + 1)
                    var k = k0
                    while k + 4 <= end {
                        let f0 = first[k], f1 = first[k + 1], f2 = first[k + 2], f3 = first[k + 3]
                        let g0 = second[k], g1 = second[k + 1], g2 = second[k + 2], g3 = second[k + 3]
                        let c0 = a.column(k), c1 = a.column(k + 1), c2 = a.column(k + 2), c3 = a.column(k + 3)
                        for i in end..<n {
                            let x0 = c0[i], x1 = c1[i], x2 = c2[i], x3 = c3[i]
                            first[i] = first[i] - (f0 * x0 + f1 * x1 + f2 * x2 + f3 * x3)
                            second[i] = second[i] - (g0 * x0 + g1 * x1 + g2 * x2 + g3 * x3)
                        }
                        k += 4
                    }
                    while k < end {
                        let f = first[k], g = second[k], c = a.column(k)
                        for i in end..<n {
                            first[i] = first[i] - f * c[i]
                            second[i] = second[i] - g * c[i]
                        }
                        k += 1
                    }
                    j2 += 2
                }
                for j in j2..<n {
                    let column = a.column(j)
                    var k = k0
                    while k + 4 <= end {
                        let f0 = column[k], f1 = column[k + 1], f2 = column[k + 2], f3 = column[k + 3]
                        let c0 = a.column(k), c1 = a.column(k + 1), c2 = a.column(k + 2), c3 = a.column(k + 3)
                        for i in end..<n {
                            column[i] = column[i] - (f0 * c0[i] + f1 * c1[i] + f2 * c2[i] + f3 * c3[i])
                        }
                        k += 4
                    }
                    while k < end {
                        let f = column[k], c = a.column(k)
                        for i in end..<n { column[i] = column[i] - f * c[i] }
                        k += 1
                    }
                }
            }
            k0 = end
        }
        return info
    }

    /// Solves (P·L·U)·X = B in place in `b` (n × k).
    static func luSolve<T: LinalgScalar>(_ a: ColumnMajor<T>, pivots: UnsafePointer<Int>, _ b: ColumnMajor<T>) {
        let n = a.rows
        for j in 0..<b.columns {
            let x = b.column(j)
            for k in 0..<n where pivots[k] != k {
                let t = x[k]
                x[k] = x[pivots[k]]
                x[pivots[k]] = t
            }
            // L·y = b (unit lower), column-oriented.
            for k in 0..<n {
                let value = x[k]
                if value.abs1 == 0 { continue }
                let column = a.column(k)
                for i in (k + 1)..<Swift.max(k + 1, n) { x[i] = x[i] - value * column[i] }
            }
            // U·x = y.
            for k in stride(from: n - 1, through: 0, by: -1) {
                let column = a.column(k)
                x[k] = x[k] / column[k]
                let value = x[k]
                if value.abs1 == 0 { continue }
                for i in 0..<k { x[i] = x[i] - value * column[i] }
            }
        }
    }

    // MARK: Cholesky

    /// Overwrites the lower triangle of `a` with L, a = L·Lᴴ (the upper triangle is not
    /// read and is zeroed). Returns false when a pivot is not positive (or NaN).
    static func cholesky<T: LinalgScalar>(_ a: ColumnMajor<T>) -> Bool {
        let n = a.rows
        for j in 0..<n {
            let column = a.column(j)
            let d = column[j].realPart
            guard d > 0 else { return false }
            let root = T.Real.sqrt(d)
            column[j] = T.fromReal(root)
            let scale = 1 / root
            for i in (j + 1)..<Swift.max(j + 1, n) { column[i] = column[i].scaled(scale) }
            for jj in (j + 1)..<Swift.max(j + 1, n) {
                let factor = column[jj].conj
                let target = a.column(jj)
                for i in jj..<n { target[i] = target[i] - column[i] * factor }
            }
        }
        for j in 1..<Swift.max(1, n) {
            for i in 0..<j { a[i, j] = .zero }
        }
        return true
    }

    // MARK: QR

    /// Householder QR in place, LAPACK's `geqr2` convention: R on and above the
    /// diagonal, reflector vectors (implicit leading 1) below it, H(i) = I − τᵢ·vᵢ·vᵢᴴ,
    /// Q = H(0)·H(1)⋯H(k−1).
    static func householderQR<T: LinalgScalar>(_ a: ColumnMajor<T>, tau: UnsafeMutablePointer<T>) {
        let m = a.rows, n = a.columns, k = Swift.min(m, n)
        for i in 0..<k {
            let column = a.column(i)
            let alpha = column[i]
            var scale: T.Real = 0
            for r in (i + 1)..<Swift.max(i + 1, m) { scale = Swift.max(scale, column[r].modulus) }
            var sumSquares: T.Real = 0
            if scale > 0 {
                for r in (i + 1)..<m { sumSquares += column[r].scaled(1 / scale).abs2 }
            }
            let xnorm = scale * T.Real.sqrt(sumSquares)
            if xnorm == 0 && alpha.imaginaryPart == 0 {
                tau[i] = .zero
                continue
            }
            let magnitude = hypot3(alpha.realPart, alpha.imaginaryPart, xnorm)
            let beta: T.Real = alpha.realPart >= 0 ? -magnitude : magnitude
            tau[i] = T.fromParts((beta - alpha.realPart) / beta, -alpha.imaginaryPart / beta)
            let reciprocal = T.one / (alpha - T.fromReal(beta))
            for r in (i + 1)..<m { column[r] = column[r] * reciprocal }
            column[i] = T.fromReal(beta)
            // Apply H(i)ᴴ = I − conj(τ)·v·vᴴ to the trailing columns.
            let tauConj = tau[i].conj
            for j in (i + 1)..<Swift.max(i + 1, n) {
                let target = a.column(j)
                var w = target[i]
                for r in (i + 1)..<m { w = w + column[r].conj * target[r] }
                let factor = tauConj * w
                if factor.abs1 == 0 { continue }
                target[i] = target[i] - factor
                for r in (i + 1)..<m { target[r] = target[r] - factor * column[r] }
            }
        }
    }

    static func hypot3<R: BinaryFloatingPoint & RealModule.Real>(_ x: R, _ y: R, _ z: R) -> R {
        R.hypot(R.hypot(x, y), z)
    }

    /// The first `q.columns` columns of Q = H(0)⋯H(k−1) from ``householderQR(_:tau:)``'s output.
    static func formQ<T: LinalgScalar>(_ factored: ColumnMajor<T>, tau: UnsafePointer<T>, reflectors k: Int, into q: ColumnMajor<T>) {
        let m = factored.rows
        q.setIdentity()
        for i in stride(from: k - 1, through: 0, by: -1) {
            let v = factored.column(i)
            let t = tau[i]
            if t.abs1 == 0 { continue }
            for j in 0..<q.columns {
                let target = q.column(j)
                var w = target[i]
                for r in (i + 1)..<m { w = w + v[r].conj * target[r] }
                let factor = t * w
                if factor.abs1 == 0 { continue }
                target[i] = target[i] - factor
                for r in (i + 1)..<m { target[r] = target[r] - factor * v[r] }
            }
        }
    }

    // MARK: Hermitian eigenproblem

    /// The rotation of one Jacobi step on the Hermitian 2×2 block [[app, apq], [conj(apq), aqq]]:
    /// W = [[c, s], [−s·conj(g), c·conj(g)]] with g = apq/|apq|, which makes Wᴴ·block·W diagonal.
    @inline(__always)
    static func jacobiRotation<T: LinalgScalar>(app: T.Real, aqq: T.Real, apq: T) -> (c: T.Real, s: T.Real, phase: T) {
        let magnitude = apq.modulus
        let phase = apq.scaled(1 / magnitude)
        let theta = (aqq - app) / (2 * magnitude)
        let t: T.Real = (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + T.Real.sqrt(1 + theta * theta))
        let c = 1 / T.Real.sqrt(1 + t * t)
        return (c, t * c, phase)
    }

    /// Eigenvalues (ascending) of the Hermitian matrix `a` (full, both triangles set),
    /// and with `vectors` the eigenvectors as its columns. `a` is destroyed.
    ///
    /// Householder reduction to a real symmetric tridiagonal T = Qᴴ·A·Q, then implicit
    /// QR steps with Wilkinson shifts on T (Golub & Van Loan, algorithms 8.3.1–8.3.3),
    /// the rotations accumulated into Q. Returns false if the QR iteration does not
    /// converge in 30·n steps.
    static func hermitianEigen<T: LinalgScalar>(_ a: ColumnMajor<T>, values: UnsafeMutablePointer<T.Real>, vectors: ColumnMajor<T>?) -> Bool {
        let n = a.rows
        if n == 0 { return true }
        let d = values
        let e = UnsafeMutablePointer<T.Real>.allocate(capacity: Swift.max(1, n))
        let tau = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, n))
        let y = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, n))
        defer { e.deallocate(); tau.deallocate(); y.deallocate() }
        e.initialize(repeating: 0, count: n)

        // Tridiagonalization: step k zeroes column k below the subdiagonal with
        // H = I − τ·v·vᴴ (v[k+1] = 1, stored below it), A ← Hᴴ·A·H on the trailing block.
        for k in 0..<Swift.max(0, n - 2) {
            let column = a.column(k)
            let alpha = column[k + 1]
            var scale: T.Real = 0
            for r in (k + 2)..<n { scale = Swift.max(scale, column[r].modulus) }
            var sumSquares: T.Real = 0
            if scale > 0 { for r in (k + 2)..<n { sumSquares += column[r].scaled(1 / scale).abs2 } }
            let xnorm = scale * T.Real.sqrt(sumSquares)
            if xnorm == 0 && alpha.imaginaryPart == 0 {
                tau[k] = .zero
                e[k] = alpha.realPart
                continue
            }
            let magnitude = hypot3(alpha.realPart, alpha.imaginaryPart, xnorm)
            let beta: T.Real = alpha.realPart >= 0 ? -magnitude : magnitude
            let t = T.fromParts((beta - alpha.realPart) / beta, -alpha.imaginaryPart / beta)
            tau[k] = t
            let reciprocal = T.one / (alpha - T.fromReal(beta))
            for r in (k + 2)..<n { column[r] = column[r] * reciprocal }
            column[k + 1] = .one
            e[k] = beta
            // y = τ·A₂₂·v; c = conj(τ)·(vᴴ·y) (real); w = y − (c/2)·v; A₂₂ −= v·wᴴ + w·vᴴ.
            for r in (k + 1)..<n { y[r] = .zero }
            for j in (k + 1)..<n {
                let vj = column[j]
                if vj.abs1 == 0 { continue }
                let target = a.column(j)
                for r in (k + 1)..<n { y[r] = y[r] + target[r] * vj }
            }
            var dot = T.zero
            for r in (k + 1)..<n {
                y[r] = t * y[r]
                dot = dot + column[r].conj * y[r]
            }
            let half = (t.conj * dot).realPart / 2
            for r in (k + 1)..<n { y[r] = y[r] - column[r].scaled(half) }
            for j in (k + 1)..<n {
                let target = a.column(j)
                let vj = column[j].conj, wj = y[j].conj
                for r in (k + 1)..<n { target[r] = target[r] - column[r] * wj - y[r] * vj }
            }
            // Keep the reflector below the subdiagonal; the subdiagonal itself is e[k].
        }
        for i in 0..<n { d[i] = a[i, i].realPart }
        if n >= 2 {
            let last = a[n - 1, n - 2]
            // The last subdiagonal entry is not reduced: make it real by a unit phase.
            e[n - 2] = last.modulus
            tau[n - 2] = last.modulus == 0 ? .one : last.scaled(1 / last.modulus)
        }

        // Q = H(0)⋯H(n−3)·diag(1, …, 1, phase), accumulated backwards.
        if let q = vectors {
            q.setIdentity()
            if n >= 2 { q[n - 1, n - 1] = tau[n - 2] }
            for k in stride(from: n - 3, through: 0, by: -1) {
                let t = tau[k]
                if t.abs1 == 0 { continue }
                let v = a.column(k)
                for j in (k + 1)..<n {
                    let target = q.column(j)
                    var w = target[k + 1]
                    for r in (k + 2)..<n { w = w + v[r].conj * target[r] }
                    let factor = t * w
                    if factor.abs1 == 0 { continue }
                    target[k + 1] = target[k + 1] - factor
                    for r in (k + 2)..<n { target[r] = target[r] - factor * v[r] }
                }
            }
        }

        // Implicit symmetric QR on (d, e).
        let eps = T.Real.ulpOfOne
        var end = n - 1
        var steps = 0
        while end > 0 {
            if Swift.abs(e[end - 1]) <= eps * (Swift.abs(d[end - 1]) + Swift.abs(d[end])) {
                e[end - 1] = 0
                end -= 1
                continue
            }
            var start = end - 1
            while start > 0 && Swift.abs(e[start - 1]) > eps * (Swift.abs(d[start - 1]) + Swift.abs(d[start])) { start -= 1 }
            if start > 0 { e[start - 1] = 0 }
            steps += 1
            if steps > 30 * n { return false }
            // Wilkinson shift from the trailing 2×2 block.
            let delta = (d[end - 1] - d[end]) / 2
            let off = e[end - 1]
            let radius = T.Real.hypot(delta, off)
            let mu = d[end] - off * (off / (delta + (delta >= 0 ? radius : -radius)))
            var x = d[start] - mu, z = e[start]
            for k in start..<end {
                let r = T.Real.hypot(x, z)
                let c: T.Real = r == 0 ? 1 : x / r, s: T.Real = r == 0 ? 0 : -z / r
                if k > start { e[k - 1] = r }
                let p = d[k], b = e[k], q = d[k + 1]
                d[k] = c * c * p - 2 * c * s * b + s * s * q
                e[k] = c * s * (p - q) + (c * c - s * s) * b
                d[k + 1] = s * s * p + 2 * c * s * b + c * c * q
                if k + 1 < end {
                    x = e[k]
                    z = -s * e[k + 1]
                    e[k + 1] = c * e[k + 1]
                }
                if let v = vectors {
                    let zk = v.column(k), zk1 = v.column(k + 1)
                    let cs = T.fromReal(c), ss = T.fromReal(s)
                    for i in 0..<n {
                        let left = zk[i], right = zk1[i]
                        zk[i] = cs * left - ss * right
                        zk1[i] = ss * left + cs * right
                    }
                }
            }
        }

        // Ascending order (selection sort: n column swaps at most).
        for i in 0..<n {
            var smallest = i
            for j in (i + 1)..<Swift.max(i + 1, n) where values[j] < values[smallest] { smallest = j }
            if smallest != i {
                (values[i], values[smallest]) = (values[smallest], values[i])
                if let v = vectors {
                    for k in 0..<n {
                        let t = v[k, i]
                        v[k, i] = v[k, smallest]
                        v[k, smallest] = t
                    }
                }
            }
        }
        return true
    }

    // MARK: SVD

    /// One-sided Jacobi SVD of `a` (m × n, m ≥ n), destroyed: on return its columns are
    /// U·Σ (unnormalised), `values` the column norms (unsorted), `v` (n × n) the right
    /// singular vectors as columns. Returns false if the sweeps did not converge.
    static func oneSidedJacobi<T: LinalgScalar>(_ a: ColumnMajor<T>, v: ColumnMajor<T>) -> Bool {
        let m = a.rows, n = a.columns
        v.setIdentity()
        let tolerance = T.Real.ulpOfOne * T.Real(m)
        var sweep = 0
        while sweep < maximumSweeps {
            sweep += 1
            var rotated = false
            for p in 0..<Swift.max(0, n - 1) {
                for q in (p + 1)..<n {
                    let up = a.column(p), uq = a.column(q)
                    var alpha: T.Real = 0, beta: T.Real = 0
                    var gamma = T.zero
                    for k in 0..<m {
                        alpha += up[k].abs2
                        beta += uq[k].abs2
                        gamma = gamma + up[k].conj * uq[k]
                    }
                    let magnitude = gamma.modulus
                    if magnitude == 0 || magnitude <= tolerance * T.Real.sqrt(alpha) * T.Real.sqrt(beta) { continue }
                    rotated = true
                    let (c, s, g) = jacobiRotation(app: alpha, aqq: beta, apq: gamma) as (T.Real, T.Real, T)
                    let gc = g.conj
                    let cs = T.fromReal(c), ss = T.fromReal(s)
                    for k in 0..<m {
                        let x = up[k], y = uq[k]
                        up[k] = cs * x - ss * gc * y
                        uq[k] = ss * x + cs * gc * y
                    }
                    let vp = v.column(p), vq = v.column(q)
                    for k in 0..<n {
                        let x = vp[k], y = vq[k]
                        vp[k] = cs * x - ss * gc * y
                        vq[k] = ss * x + cs * gc * y
                    }
                }
            }
            if !rotated { return true }
        }
        return false
    }

    /// Makes columns `from ..< u.columns` of `u` orthonormal and orthogonal to the first
    /// `from` (already orthonormal) columns: each new column starts from the unit vector
    /// e_k farthest from the current span (its residual² is 1 − Σⱼ|u_kj|², at least
    /// (m − filled)/m for the best k), then Gram–Schmidt twice and normalisation.
    static func completeBasis<T: LinalgScalar>(_ u: ColumnMajor<T>, from: Int) {
        let m = u.rows
        var captured = [T.Real](repeating: 0, count: m)  // Σⱼ |u_kj|² over the filled columns
        for j in 0..<from { let column = u.column(j); for k in 0..<m { captured[k] += column[k].abs2 } }
        for filled in from..<u.columns {
            var candidate = 0
            for k in 1..<Swift.max(1, m) where captured[k] < captured[candidate] { candidate = k }
            let target = u.column(filled)
            target.update(repeating: .zero, count: m)
            target[candidate] = .one
            for _ in 0..<2 {
                for j in 0..<filled {
                    let basis = u.column(j)
                    var dot = T.zero
                    for k in 0..<m { dot = dot + basis[k].conj * target[k] }
                    for k in 0..<m { target[k] = target[k] - dot * basis[k] }
                }
            }
            var norm: T.Real = 0
            for k in 0..<m { norm += target[k].abs2 }
            norm = T.Real.sqrt(norm)
            for k in 0..<m {
                target[k] = target[k].scaled(1 / norm)
                captured[k] += target[k].abs2
            }
        }
    }

    /// The SVD of `a` (m × n): `s` descending (p = min(m, n) values); with `u`
    /// (m × m or m × p) and `vh` (n × n or p × n) the singular vectors. Returns false if
    /// Jacobi did not converge.
    static func svd<T: LinalgScalar>(_ a: ColumnMajor<T>, s: UnsafeMutablePointer<T.Real>, u: ColumnMajor<T>?, vh: ColumnMajor<T>?) -> Bool {
        let m = a.rows, n = a.columns
        if m < n {
            // a = (aᴴ)ᴴ: factor aᴴ = U'·Σ·V'ᴴ, then U = V', Vᴴ = U'ᴴ.
            let transposed = ColumnMajor<T>(rows: n, columns: m)
            defer { transposed.free() }
            for j in 0..<n { for i in 0..<m { transposed[j, i] = a[i, j].conj } }
            let uPrime = vh.map { ColumnMajor<T>(rows: n, columns: $0.rows) }
            let vhPrime = u.map { ColumnMajor<T>(rows: $0.columns, columns: m) }
            defer { uPrime?.free(); vhPrime?.free() }
            guard svd(transposed, s: s, u: uPrime, vh: vhPrime) else { return false }
            if let u, let vhPrime {
                for j in 0..<u.columns { for i in 0..<m { u[i, j] = vhPrime[j, i].conj } }
            }
            if let vh, let uPrime {
                for j in 0..<n { for i in 0..<vh.rows { vh[i, j] = uPrime[j, i].conj } }
            }
            return true
        }
        if m >= 2 * n && n > 0 {
            // Tall: a = Q·R first, so Jacobi works on the n×n R (its cost grows with the
            // column length); then U = Q·[U_R 0; 0 I].
            let tau = UnsafeMutablePointer<T>.allocate(capacity: n)
            let r = ColumnMajor<T>(rows: n, columns: n)
            let uR = u.map { _ in ColumnMajor<T>(rows: n, columns: n) }
            defer { tau.deallocate(); r.free(); uR?.free() }
            householderQR(a, tau: tau)
            for j in 0..<n { for i in 0..<n { r[i, j] = i <= j ? a[i, j] : .zero } }
            guard svd(r, s: s, u: uR, vh: vh) else { return false }
            if let u, let uR {
                let q = ColumnMajor<T>(rows: m, columns: u.columns)
                defer { q.free() }
                formQ(a, tau: tau, reflectors: n, into: q)
                for j in 0..<u.columns {
                    let target = u.column(j)
                    if j < n {
                        target.update(repeating: .zero, count: m)
                        for k in 0..<n {
                            let factor = uR[k, j]
                            if factor.abs1 == 0 { continue }
                            let source = q.column(k)
                            for i in 0..<m { target[i] = target[i] + source[i] * factor }
                        }
                    } else {
                        target.update(from: q.column(j), count: m)
                    }
                }
            }
            return true
        }
        let p = n
        let v = ColumnMajor<T>(rows: n, columns: n)
        defer { v.free() }
        let converged: Bool
        if T.self == Double.self {
            converged = oneSidedJacobiReal(UnsafeMutableRawPointer(a.pointer).assumingMemoryBound(to: Double.self), rows: m, columns: n, v: UnsafeMutableRawPointer(v.pointer).assumingMemoryBound(to: Double.self))
        } else if T.self == Float.self {
            converged = oneSidedJacobiReal(UnsafeMutableRawPointer(a.pointer).assumingMemoryBound(to: Float.self), rows: m, columns: n, v: UnsafeMutableRawPointer(v.pointer).assumingMemoryBound(to: Float.self))
        } else {
            converged = oneSidedJacobi(a, v: v)
        }
        guard converged else { return false }
        let norms = UnsafeMutablePointer<T.Real>.allocate(capacity: Swift.max(1, p))
        let order = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(1, p))
        defer { norms.deallocate(); order.deallocate() }
        for j in 0..<p {
            var sum: T.Real = 0
            var scale: T.Real = 0
            let column = a.column(j)
            for k in 0..<m { scale = Swift.max(scale, column[k].modulus) }
            if scale > 0 { for k in 0..<m { sum += column[k].scaled(1 / scale).abs2 } }
            norms[j] = scale * T.Real.sqrt(sum)
            order[j] = j
        }
        // Descending, stable.
        for i in 0..<p {
            var largest = i
            for j in (i + 1)..<Swift.max(i + 1, p) where norms[order[j]] > norms[order[largest]] { largest = j }
            if largest != i { (order[i], order[largest]) = (order[largest], order[i]) }
        }
        for i in 0..<p { s[i] = norms[order[i]] }
        if let u {
            var positive = 0
            for i in 0..<p where s[i] > 0 {
                let source = a.column(order[i]), target = u.column(i)
                let reciprocal = 1 / s[i]
                for k in 0..<m { target[k] = source[k].scaled(reciprocal) }
                positive += 1
            }
            completeBasis(u, from: positive)
        }
        if let vh {
            for i in 0..<p {
                let source = v.column(order[i])
                for k in 0..<n { vh[i, k] = source[k].conj }
            }
        }
        return true
    }
}
