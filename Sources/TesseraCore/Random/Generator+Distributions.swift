#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Random.Generator {
    /// NumPy's `CONS_POSITIVE`: `name <= 0` unless the value is above 0 (NaN passes).
    static func checkPositive(_ value: Double, _ name: String) throws {
        if value <= 0 { throw valueError("\(name) <= 0") }
    }

    @inline(__always)
    mutating func doubles(_ shape: [Int], _ draw: (inout Bits) -> Double) throws -> NDArray {
        let out = try Self.output(shape, .float64)
        fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size, draw)
        return out
    }

    @inline(__always)
    mutating func int64s(_ shape: [Int], _ draw: (inout Bits) -> Int64) throws -> NDArray {
        let out = try Self.output(shape, .int64)
        let pointer = out.baseAddress.assumingMemoryBound(to: Int64.self)
        var bits = bitGenerator
        for i in 0..<out.size { pointer[i] = draw(&bits) }
        bitGenerator = bits
        return out
    }

    /// NumPy's `Generator.standard_gamma(shape, size)` (float64): Marsaglia–Tsang for
    /// `k` > 1, rejection from a uniform and an exponential for `k` < 1, an exponential
    /// for `k` = 1, 0 for `k` = 0. `k` is NumPy's `shape` parameter.
    /// - Precondition: `k` ≥ 0 (NumPy: `shape < 0`).
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardGamma(_ k: Double, shape: [Int] = []) -> NDArray {
        orStop { try standardGammaThrowing(k, shape: shape) }
    }

    /// ``standardGamma(_:shape:)`` that throws NumPy's `shape < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardGammaThrowing(_ k: Double, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(k, "shape")
        return try doubles(shape) { Continuous.standardGamma(&$0, k) }
    }

    /// NumPy's `Generator.gamma(shape, scale, size)`: `scale` · a standard gamma of `k`.
    /// - Precondition: `k` ≥ 0 and `scale` ≥ 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func gamma(_ k: Double, scale: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try gammaThrowing(k, scale: scale, shape: shape) }
    }

    /// ``gamma(_:scale:shape:)`` that throws NumPy's `shape < 0`, `scale < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func gammaThrowing(_ k: Double, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(k, "shape")
        try Self.checkNonNegative(scale, "scale")
        return try doubles(shape) { scale * Continuous.standardGamma(&$0, k) }
    }

    /// NumPy's `Generator.beta(a, b, size)`: Johnk's algorithm when `a`, `b` ≤ 1, else
    /// `Ga / (Ga + Gb)` from two standard gammas.
    /// - Precondition: `a` > 0 and `b` > 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func beta(_ a: Double, _ b: Double, shape: [Int] = []) -> NDArray {
        orStop { try betaThrowing(a, b, shape: shape) }
    }

    /// ``beta(_:_:shape:)`` that throws NumPy's `a <= 0`, `b <= 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func betaThrowing(_ a: Double, _ b: Double, shape: [Int] = []) throws -> NDArray {
        try Self.checkPositive(a, "a")
        try Self.checkPositive(b, "b")
        return try doubles(shape) { Continuous.beta(&$0, a, b) }
    }

    /// NumPy's `Generator.chisquare(df, size)`: `2 · standard_gamma(df / 2)`.
    /// - Precondition: `df` > 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func chisquare(_ df: Double, shape: [Int] = []) -> NDArray {
        orStop { try chisquareThrowing(df, shape: shape) }
    }

    /// ``chisquare(_:shape:)`` that throws NumPy's `df <= 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func chisquareThrowing(_ df: Double, shape: [Int] = []) throws -> NDArray {
        try Self.checkPositive(df, "df")
        return try doubles(shape) { 2 * Continuous.standardGamma(&$0, df / 2) }
    }

    /// NumPy's `Generator.standard_t(df, size)`: `√(df/2) · Z / √G` with Z standard normal
    /// and G a standard gamma of `df / 2`, drawn in that order.
    /// - Precondition: `df` > 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardT(_ df: Double, shape: [Int] = []) -> NDArray {
        orStop { try standardTThrowing(df, shape: shape) }
    }

    /// ``standardT(_:shape:)`` that throws NumPy's `df <= 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardTThrowing(_ df: Double, shape: [Int] = []) throws -> NDArray {
        try Self.checkPositive(df, "df")
        return try doubles(shape) { Continuous.standardT(&$0, df) }
    }

    /// NumPy's `Generator.lognormal(mean, sigma, size)`: `exp(mean + sigma · Z)`.
    /// - Precondition: `sigma` ≥ 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func lognormal(mean: Double = 0, sigma: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try lognormalThrowing(mean: mean, sigma: sigma, shape: shape) }
    }

    /// ``lognormal(mean:sigma:shape:)`` that throws NumPy's `sigma < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func lognormalThrowing(mean: Double = 0, sigma: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(sigma, "sigma")
        let tables = Ziggurat.normalTables
        return try doubles(shape) { exp(mean + sigma * Ziggurat.standardNormal(&$0, tables)) }
    }

    /// NumPy's `Generator.laplace(loc, scale, size)`: inversion of one uniform.
    /// - Precondition: `scale` ≥ 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func laplace(loc: Double = 0, scale: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try laplaceThrowing(loc: loc, scale: scale, shape: shape) }
    }

    /// ``laplace(loc:scale:shape:)`` that throws NumPy's `scale < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func laplaceThrowing(loc: Double = 0, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        return try doubles(shape) { Continuous.laplace(&$0, loc, scale) }
    }

    /// NumPy's `Generator.logistic(loc, scale, size)`: `loc + scale · log(U / (1 − U))`.
    /// - Precondition: `scale` ≥ 0.
    @_specialize(where Bits == Random.PCG64)
    public mutating func logistic(loc: Double = 0, scale: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try logisticThrowing(loc: loc, scale: scale, shape: shape) }
    }

    /// ``logistic(loc:scale:shape:)`` that throws NumPy's `scale < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func logisticThrowing(loc: Double = 0, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        return try doubles(shape) { Continuous.logistic(&$0, loc, scale) }
    }

    /// NumPy's `Generator.poisson(lam, size)` (int64): multiplication of uniforms for
    /// `lam` < 10, PTRS from 10 on.
    /// - Precondition: `lam` ≥ 0, not NaN, and not above NumPy's `POISSON_LAM_MAX`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func poisson(_ lam: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try poissonThrowing(lam, shape: shape) }
    }

    /// ``poisson(_:shape:)`` that throws NumPy's `lam < 0 or lam is NaN`, `lam value too large`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func poissonThrowing(_ lam: Double = 1, shape: [Int] = []) throws -> NDArray {
        if !(lam >= 0) { throw Self.valueError("lam < 0 or lam is NaN") }
        // NumPy's POISSON_LAM_MAX: INT64_MAX − 10·√INT64_MAX, in binary64.
        let limit = Double(Int64.max) - Double(Int64.max).squareRoot() * 10
        if !(lam <= limit) { throw Self.valueError("lam value too large") }
        return try int64s(shape) { Discrete.poisson(&$0, lam) }
    }

    /// NumPy's `Generator.geometric(p, size)` (int64, trials to the first success):
    /// a search over one uniform for `p` ≥ 1/3, inversion of an exponential below.
    /// - Precondition: 0 < `p` ≤ 1.
    @_specialize(where Bits == Random.PCG64)
    public mutating func geometric(_ p: Double, shape: [Int] = []) -> NDArray {
        orStop { try geometricThrowing(p, shape: shape) }
    }

    /// ``geometric(_:shape:)`` that throws NumPy's `p <= 0, p > 1 or p contains NaNs`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func geometricThrowing(_ p: Double, shape: [Int] = []) throws -> NDArray {
        if !(p > 0) || !(p <= 1) { throw Self.valueError("p <= 0, p > 1 or p contains NaNs") }
        return try int64s(shape) { Discrete.geometric(&$0, p) }
    }
}
