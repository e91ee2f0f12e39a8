#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// NumPy's binomial sampler (`random_binomial`): for `min(p, 1 − p) · n` ≤ 30 the inversion
/// of one uniform (redrawn when the search passes a bound), above it Kachitvichyanukul and
/// Schmeiser's BTPE (triangle, parallelograms, exponential tails, with a squeeze and
/// Stirling's bound); for p > 1/2 the count of failures `n − X` of the complement.
///
/// NumPy keeps the setup values of the last (n, p) in the generator (`binomial_t`) and
/// reuses them while n and p repeat; they are pure functions of (n, p), so keeping them
/// here per fill loop gives the same numbers (and the same draws) as NumPy's cache.
struct Binomial {
    var n: Int64 = -1
    var p: Double = .nan
    // inversion
    var q = 0.0, qn = 0.0, np = 0.0
    var bound: Int64 = 0
    // BTPE
    var r = 0.0, fm = 0.0, p1 = 0.0, xm = 0.0, xl = 0.0, xr = 0.0, c = 0.0
    var laml = 0.0, lamr = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0
    var m: Int64 = 0
    var isBTPE = false

    /// One binomial(n, p) value, NumPy's `random_binomial`.
    @inline(__always)
    mutating func draw<B: Random.BitGenerator>(_ bits: inout B, n: Int64, p: Double) -> Int64 {
        if n == 0 || p == 0 { return 0 }
        if p <= 0.5 {
            if p * Double(n) <= 30 { return inversion(&bits, n, p) }
            return btpe(&bits, n, p)
        }
        let q = 1 - p
        if q * Double(n) <= 30 { return n - inversion(&bits, n, q) }
        return n - btpe(&bits, n, q)
    }

    mutating func inversion<B: Random.BitGenerator>(_ bits: inout B, _ n: Int64, _ p: Double) -> Int64 {
        if isBTPE || self.n != n || self.p != p {
            self.n = n
            self.p = p
            isBTPE = false
            q = 1 - p
            qn = exp(Double(n) * log(q))
            np = Double(n) * p
            bound = Int64(Swift.min(Double(n), np + 10 * (np * q + 1).squareRoot()))
        }
        var x: Int64 = 0
        var px = qn
        var u = bits.nextDouble()
        while u > px {
            x += 1
            if x > bound {
                x = 0
                px = qn
                u = bits.nextDouble()
            } else {
                u -= px
                px = (Double(n - x + 1) * p * px) / (Double(x) * q)
            }
        }
        return x
    }

    mutating func btpe<B: Random.BitGenerator>(_ bits: inout B, _ n: Int64, _ p: Double) -> Int64 {
        if !isBTPE || self.n != n || self.p != p {
            self.n = n
            self.p = p
            isBTPE = true
            r = Swift.min(p, 1 - p)
            q = 1 - r
            fm = Double(n) * r + r
            m = Int64(floor(fm))
            p1 = floor(2.195 * (Double(n) * r * q).squareRoot() - 4.6 * q) + 0.5
            xm = Double(m) + 0.5
            xl = xm - p1
            xr = xm + p1
            c = 0.134 + 20.5 / (15.3 + Double(m))
            var a = (fm - xl) / (fm - xl * r)
            laml = a * (1 + a / 2)
            a = (xr - fm) / (xr * q)
            lamr = a * (1 + a / 2)
            p2 = p1 * (1 + 2 * c)
            p3 = p2 + c / laml
            p4 = p3 + c / lamr
        }
        let nrq = Double(n) * r * q
        while true {
            let u = bits.nextDouble() * p4
            var v = bits.nextDouble()
            var y: Int64
            if u <= p1 {
                // The triangle: accepted at once.
                y = Int64(floor(xm - p1 * v + u))
                return y
            }
            if u <= p2 {
                // The parallelograms.
                let x = xl + (u - p1) / c
                v = v * c + 1 - abs(Double(m) - x + 0.5) / p1
                if v > 1 { continue }
                y = Int64(floor(x))
            } else if u <= p3 {
                // The left exponential tail.
                let t = floor(xl + log(v) / laml)
                if !(t >= 0) || v == 0 { continue }
                y = Int64(t)
                v = v * (u - p2) * laml
            } else {
                // The right exponential tail.
                let t = floor(xr - log(v) / lamr)
                if !(t <= Double(n)) || v == 0 { continue }
                y = Int64(t)
                v = v * (u - p3) * lamr
            }
            let k = abs(y - m)
            if !(k > 20 && Double(k) < nrq / 2 - 1) {
                // Explicit evaluation of f(y) / f(m) by the recurrence.
                let s = r / q
                let a = s * Double(n + 1)
                var f = 1.0
                if m < y {
                    var i = m + 1
                    while i <= y { f *= a / Double(i) - s; i += 1 }
                } else if m > y {
                    var i = y + 1
                    while i <= m { f /= a / Double(i) - s; i += 1 }
                }
                if v > f { continue }
                return y
            }
            // The squeeze on log f(y) / f(m), then Stirling's bound.
            let kd = Double(k)
            let rho = (kd / nrq) * ((kd * (kd / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5)
            let t = Double(-k * k) / (2 * nrq)
            let logV = log(v)
            if logV < t - rho { return y }
            if logV > t + rho { continue }
            let x1 = Double(y + 1)
            let f1 = Double(m + 1)
            let z = Double(n + 1 - m)
            let w = Double(n - y + 1)
            let x2 = x1 * x1, f2 = f1 * f1, z2 = z * z, w2 = w * w
            let bound = xm * log(f1 / x1) + (Double(n - m) + 0.5) * log(z / w) + Double(y - m) * log(w * r / (x1 * q))
                + Binomial.stirling(f1, f2) + Binomial.stirling(x1, x2) + Binomial.stirling(z, z2) + Binomial.stirling(w, w2)
            if logV > bound { continue }
            return y
        }
    }

    /// The Stirling correction term of BTPE's final test for one argument `a` (`a2` = a²).
    @inline(__always)
    static func stirling(_ a: Double, _ a2: Double) -> Double {
        (13680 - (462 - (132 - (99 - 140 / a2) / a2) / a2) / a2) / a / 166_320
    }
}
