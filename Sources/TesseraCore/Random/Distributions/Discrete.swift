#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// NumPy's integer-valued distributions (`distributions.c`).
enum Discrete {
    /// NumPy's `random_poisson`: multiplication of uniforms below λ = 10, PTRS
    /// (Hörmann's transformed rejection with squeeze) from 10 on.
    @inline(__always)
    static func poisson<B: Random.BitGenerator>(_ bits: inout B, _ lam: Double) -> Int64 {
        if lam >= 10 { return poissonPTRS(&bits, lam) }
        if lam == 0 { return 0 }
        let limit = exp(-lam)
        var count: Int64 = 0
        var product = 1.0
        while true {
            product *= bits.nextDouble()
            if product > limit { count += 1 } else { return count }
        }
    }

    static func poissonPTRS<B: Random.BitGenerator>(_ bits: inout B, _ lam: Double) -> Int64 {
        let slam = lam.squareRoot()
        let loglam = log(lam)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = bits.nextDouble() - 0.5
            let v = bits.nextDouble()
            let us = 0.5 - abs(u)
            let k = Int64(floor((2 * a / us + b) * u + lam + 0.43))
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + Double(k) * loglam - logGamma(Double(k + 1)) {
                return k
            }
        }
    }

    /// The Stirling-series coefficients B₂ₖ / (2k(2k − 1)), k = 1 … 10, to the 16 (last: 15)
    /// significant digits NumPy's `random_loggam` uses them with.
    static let stirling: [Double] = [
        8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
        8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
        1.796443723688307e-01, -1.39243221690590e+00,
    ]

    /// NumPy's `random_loggam`: log Γ(x) by the Stirling series at x + n ≥ 7, stepped down.
    static func logGamma(_ x: Double) -> Double {
        if x == 1 || x == 2 { return 0 }
        let n = x < 7 ? Int64(7 - x) : 0
        var x0 = x + Double(n)
        let x2 = (1 / x0) * (1 / x0)
        let lg2pi = 1.8378770664093453e+00
        var gl0 = stirling[9]
        for k in stride(from: 8, through: 0, by: -1) {
            gl0 *= x2
            gl0 += stirling[k]
        }
        var gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * log(x0) - x0
        if x < 7 {
            for _ in 0..<n {
                gl -= log(x0 - 1)
                x0 -= 1
            }
        }
        return gl
    }

    /// NumPy's `random_geometric`: sequential search for p ≥ 1/3, else inversion of an
    /// exponential (capped at Int64.max).
    @inline(__always)
    static func geometric<B: Random.BitGenerator>(_ bits: inout B, _ p: Double) -> Int64 {
        if p >= 0.333333333333333333333333 {
            var x: Int64 = 1
            var sum = p, product = p
            let q = 1 - p
            let u = bits.nextDouble()
            while u > sum {
                product *= q
                sum += product
                x += 1
            }
            return x
        }
        let z = ceil(-Ziggurat.standardExponential(&bits, Ziggurat.exponentialTables) / log1p(-p))
        if z >= 9.223372036854776e+18 { return .max }
        return Int64(z)
    }
}
