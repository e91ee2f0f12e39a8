import RealModule

// One-sided Jacobi for real matrices (float32, float64) with the column inner products in
// four-lane SIMD accumulators (two sets, to overlap their latencies): the products of
// each pair are most of the work, and a scalar reduction cannot be vectorised by the
// compiler because it would reorder the additions. The rotations are plain loops the
// compiler vectorises. The same sweep order, rotation and stopping test as the generic
// ``LinalgKernels/oneSidedJacobi(_:v:)``; only the summation order of the products differs.

extension LinalgKernels {
    /// Σ x², Σ y², Σ x·y over `count` elements.
    @inline(__always)
    static func gram<R: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafePointer<R>, _ y: UnsafePointer<R>, _ count: Int) -> (xx: R, yy: R, xy: R) {
        var xx0 = SIMD4<R>(), yy0 = SIMD4<R>(), xy0 = SIMD4<R>()
        var xx1 = SIMD4<R>(), yy1 = SIMD4<R>(), xy1 = SIMD4<R>()
        var i = 0
        while i + 8 <= count {
            let a0 = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3]), b0 = SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3])
            let a1 = SIMD4(x[i + 4], x[i + 5], x[i + 6], x[i + 7]), b1 = SIMD4(y[i + 4], y[i + 5], y[i + 6], y[i + 7])
            xx0 += a0 * a0; yy0 += b0 * b0; xy0 += a0 * b0
            xx1 += a1 * a1; yy1 += b1 * b1; xy1 += a1 * b1
            i += 8
        }
        var xx = (xx0 + xx1).sum(), yy = (yy0 + yy1).sum(), xy = (xy0 + xy1).sum()
        while i < count {
            xx += x[i] * x[i]; yy += y[i] * y[i]; xy += x[i] * y[i]
            i += 1
        }
        return (xx, yy, xy)
    }

    /// (x, y) ← (c·x − s·y, e·x + f·y) elementwise.
    @inline(__always)
    static func rotate<R: BinaryFloatingPoint>(_ x: UnsafeMutablePointer<R>, _ y: UnsafeMutablePointer<R>, _ count: Int, c: R, s: R, e: R, f: R) {
        for k in 0..<count {
            let a = x[k], b = y[k]
            x[k] = c * a - s * b
            y[k] = e * a + f * b
        }
    }

    /// ``oneSidedJacobi(_:v:)`` for a real `a` (m × n, m ≥ n) stored at `a`, `v` (n × n).
    static func oneSidedJacobiReal<R: BinaryFloatingPoint & SIMDScalar & RealModule.Real>(_ a: UnsafeMutablePointer<R>, rows m: Int, columns n: Int, v: UnsafeMutablePointer<R>) -> Bool {
        v.update(repeating: 0, count: n * n)
        for i in 0..<n { v[i + i * n] = 1 }
        let tolerance = R.ulpOfOne * R(m)
        var sweep = 0
        while sweep < maximumSweeps {
            sweep += 1
            var rotated = false
            for p in 0..<Swift.max(0, n - 1) {
                let up = a + p * m, vp = v + p * n
                for q in (p + 1)..<n {
                    let uq = a + q * m
                    let (alpha, beta, gamma) = gram(up, uq, m)
                    let magnitude = Swift.abs(gamma)
                    if magnitude == 0 || magnitude <= tolerance * R.sqrt(alpha) * R.sqrt(beta) { continue }
                    rotated = true
                    // The generic rotation with phase g = sign(γ): W = [[c, s], [−s·g, c·g]].
                    let g: R = gamma < 0 ? -1 : 1
                    let theta = (beta - alpha) / (2 * magnitude)
                    let t: R = (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + R.sqrt(1 + theta * theta))
                    let c = 1 / R.sqrt(1 + t * t), s = t * c
                    rotate(up, uq, m, c: c, s: s * g, e: s, f: c * g)
                    rotate(vp, v + q * n, n, c: c, s: s * g, e: s, f: c * g)
                }
            }
            if !rotated { return true }
        }
        return false
    }
}
