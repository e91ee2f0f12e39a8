#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// NumPy's continuous distributions beyond the ziggurats (`distributions.c`), drawn in
/// NumPy's order from the same bit generator calls.
enum Continuous {
    /// NumPy's `random_standard_gamma`: Marsaglia & Tsang (2000) for k > 1 (a normal, cubed,
    /// squeezed), Johnk-style rejection from a uniform and an exponential for k < 1.
    @inline(__always)
    static func standardGamma<B: Random.BitGenerator>(_ bits: inout B, _ k: Double) -> Double {
        if k == 1 { return Ziggurat.standardExponential(&bits, Ziggurat.exponentialTables) }
        if k == 0 { return 0 }
        if k < 1 {
            while true {
                let u = bits.nextDouble()
                let v = Ziggurat.standardExponential(&bits, Ziggurat.exponentialTables)
                if u <= 1 - k {
                    let x = pow(u, 1 / k)
                    if x <= v { return x }
                } else {
                    let y = -log((1 - u) / k)
                    let x = pow(1 - k + k * y, 1 / k)
                    if x <= v + y { return x }
                }
            }
        }
        let b = k - 1.0 / 3.0
        let c = 1 / (9 * b).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = Ziggurat.standardNormal(&bits, Ziggurat.normalTables)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = bits.nextDouble()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return b * v }
            if log(u) < 0.5 * x * x + b * (1 - v + log(v)) { return b * v }
        }
    }

    /// NumPy's `random_beta`: Johnk's algorithm when both parameters are ≤ 1 (in logs when
    /// a power underflows), else a ratio of gammas.
    @inline(__always)
    static func beta<B: Random.BitGenerator>(_ bits: inout B, _ a: Double, _ b: Double) -> Double {
        if a <= 1 && b <= 1 {
            while true {
                let u = bits.nextDouble()
                let v = bits.nextDouble()
                let x = pow(u, 1 / a)
                let y = pow(v, 1 / b)
                let sum = x + y
                if sum <= 1 && u + v > 0 {
                    // When a power underflows, the ratio is taken in logs.
                    if x > 0 && y > 0 { return x / sum }
                    var logX = log(u) / a
                    var logY = log(v) / b
                    let logM = logX > logY ? logX : logY
                    logX -= logM
                    logY -= logM
                    return exp(logX - logAddExp(logX, logY))
                }
            }
        }
        let ga = standardGamma(&bits, a)
        let gb = standardGamma(&bits, b)
        return ga / (ga + gb)
    }

    /// NumPy's `npy_logaddexp`: log(eˣ + eʸ) through `log1p` of the smaller term.
    static func logAddExp(_ x: Double, _ y: Double) -> Double {
        if x == y { return x + 0.693147180559945309417232121458176568 }
        let difference = x - y
        if difference > 0 { return x + log1p(exp(-difference)) }
        if difference <= 0 { return y + log1p(exp(difference)) }
        return difference
    }

    /// NumPy's `random_standard_t`: a normal over the root of a scaled gamma.
    @inline(__always)
    static func standardT<B: Random.BitGenerator>(_ bits: inout B, _ df: Double) -> Double {
        let num = Ziggurat.standardNormal(&bits, Ziggurat.normalTables)
        let denom = standardGamma(&bits, df / 2)
        return (df / 2).squareRoot() * num / denom.squareRoot()
    }

    /// NumPy's `random_laplace`: inversion, a zero uniform redrawn.
    @inline(__always)
    static func laplace<B: Random.BitGenerator>(_ bits: inout B, _ loc: Double, _ scale: Double) -> Double {
        while true {
            let u = bits.nextDouble()
            if u >= 0.5 { return loc - scale * log(2.0 - u - u) }
            if u > 0 { return loc + scale * log(u + u) }
        }
    }

    /// NumPy's `random_logistic`: inversion, a zero uniform redrawn.
    @inline(__always)
    static func logistic<B: Random.BitGenerator>(_ bits: inout B, _ loc: Double, _ scale: Double) -> Double {
        while true {
            let u = bits.nextDouble()
            if u > 0 { return loc + scale * log(u / (1.0 - u)) }
        }
    }
}
