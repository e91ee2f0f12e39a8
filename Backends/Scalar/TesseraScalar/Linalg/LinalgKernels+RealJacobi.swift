import RealModule

// One-sided Jacobi for real matrices (float32, float64) with the column inner products in
// four-lane SIMD accumulators: the products of each pair are most of the work, and a
// scalar reduction cannot be vectorised by the compiler because it would reorder the
// additions. The rotations are four-lane too. The same rotation and stopping test as the generic
// ``LinalgKernels/oneSidedJacobi(_:v:)``; the pairs are visited in cache-sized blocks.

extension LinalgKernels {
    /// Σ x², Σ y², Σ x·y over `count` elements.
    @inline(__always)
    static func gram<R: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafePointer<R>, _ y: UnsafePointer<R>, _ count: Int) -> (xx: R, yy: R, xy: R) {
        // One set of accumulators: with a second set (to overlap add latencies) the
        // baseline SSE2 build ran out of registers and spilled inside the loop.
        var xx0 = SIMD4<R>(), yy0 = SIMD4<R>(), xy0 = SIMD4<R>()
        let rawX = UnsafeRawPointer(x), rawY = UnsafeRawPointer(y), stride = MemoryLayout<R>.stride
        var i = 0
        while i + 4 <= count {
            let a0 = rawX.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<R>.self), b0 = rawY.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<R>.self)
            xx0 += a0 * a0; yy0 += b0 * b0; xy0 += a0 * b0
            i += 4
        }
        var xx = xx0.sum(), yy = yy0.sum(), xy = xy0.sum()
        while i < count {
            xx += x[i] * x[i]; yy += y[i] * y[i]; xy += x[i] * y[i]
            i += 1
        }
        return (xx, yy, xy)
    }

    /// (x, y) ← (c·x − s·y, e·x + f·y) elementwise, four lanes at a time (`x` and `y` are
    /// distinct columns, which the compiler cannot know, so it would not vectorise).
    @inline(__always)
    static func rotate<R: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafeMutablePointer<R>, _ y: UnsafeMutablePointer<R>, _ count: Int, c: R, s: R, e: R, f: R) {
        let cv = SIMD4(repeating: c), sv = SIMD4(repeating: s), ev = SIMD4(repeating: e), fv = SIMD4(repeating: f)
        let rawX = UnsafeMutableRawPointer(x), rawY = UnsafeMutableRawPointer(y)
        let stride = MemoryLayout<R>.stride
        var k = 0
        while k + 4 <= count {
            let a = rawX.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<R>.self)
            let b = rawY.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<R>.self)
            rawX.storeBytes(of: cv * a - sv * b, toByteOffset: k * stride, as: SIMD4<R>.self)
            rawY.storeBytes(of: ev * a + fv * b, toByteOffset: k * stride, as: SIMD4<R>.self)
            k += 4
        }
        while k < count {
            let a = x[k], b = y[k]
            x[k] = c * a - s * b
            y[k] = e * a + f * b
            k += 1
        }
    }

    /// ``oneSidedJacobi(_:v:)`` for a real `a` (m × n, m ≥ n) stored at `a`, `v` (n × n).
    static func oneSidedJacobiReal<R: BinaryFloatingPoint & SIMDScalar & RealModule.Real>(_ a: UnsafeMutablePointer<R>, rows m: Int, columns n: Int, v: UnsafeMutablePointer<R>) -> Bool {
        v.update(repeating: 0, count: n * n)
        for i in 0..<n { v[i + i * n] = 1 }
        let tolerance = R.ulpOfOne * R(m)
        var sweep = 0
        // Pairs in blocks of `block` columns (all pairs of column blocks P ≤ Q, then the
        // pairs within them): a block pair's columns of `a` and `v` stay in the L2 cache
        // while its pairs are rotated. Any such ordering sweeps every pair once, as the
        // cyclic order does, and converges the same way.
        let block = 16
        while sweep < maximumSweeps {
            sweep += 1
            var rotated = false
            for p0 in stride(from: 0, to: n, by: block) {
                for q0 in stride(from: p0, to: n, by: block) {
                    for p in p0..<Swift.min(p0 + block, n) {
                        let up = a + p * m, vp = v + p * n
                        for q in Swift.max(q0, p + 1)..<Swift.max(Swift.max(q0, p + 1), Swift.min(q0 + block, n)) {
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
                }
            }
            if !rotated { return true }
        }
        return false
    }
}
