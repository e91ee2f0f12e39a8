extension Random.Generator {
    // MARK: binomial

    /// NumPy's `Generator.binomial(n, p, size)` (int64): the number of successes in `n`
    /// trials of probability `p`, by inversion when `min(p, 1 − p) · n` ≤ 30 and BTPE above
    /// (see NumPy's `random_binomial`); the same values and draws as NumPy.
    /// - Precondition: 0 ≤ `p` ≤ 1 and `n` ≥ 0; see ``binomialThrowing(_:_:shape:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func binomial(_ n: Int, _ p: Double, shape: [Int] = []) -> NDArray {
        orStop { try binomialThrowing(n, p, shape: shape) }
    }

    /// ``binomial(_:_:shape:)`` that throws NumPy's `p < 0, p > 1 or p is NaN`, `n < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func binomialThrowing(_ n: Int, _ p: Double, shape: [Int] = []) throws -> NDArray {
        if !(p >= 0 && p <= 1) { throw Self.valueError("p < 0, p > 1 or p is NaN") }
        if n < 0 { throw Self.valueError("n < 0") }
        var sampler = Binomial()
        let count = Int64(n)
        return try int64s(shape) { sampler.draw(&$0, n: count, p: p) }
    }

    /// NumPy's `Generator.binomial(n, p, size)` with array parameters: `n` (any integer
    /// dtype, as int64) and `p` (as float64) broadcast together and, when `shape` is given,
    /// to `shape`; one value per output element in C order.
    /// - Precondition: the parameters are valid and broadcast; see
    ///   ``binomialThrowing(n:p:shape:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func binomial(n: NDArray, p: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try binomialThrowing(n: n, p: p, shape: shape) }
    }

    /// ``binomial(n:p:shape:)`` that throws NumPy's `p < 0, p > 1 or p contains NaNs`,
    /// `n < 0`, and its error for a `shape` the parameters do not broadcast to.
    @_specialize(where Bits == Random.PCG64)
    public mutating func binomialThrowing(n: NDArray, p: NDArray, shape: [Int]? = nil) throws -> NDArray {
        let ps = p.toArray(Double.self)
        if ps.contains(where: { !($0 >= 0 && $0 <= 1) }) { throw Self.valueError("p < 0, p > 1 or p contains NaNs") }
        let counts = try n.astype(.int64, casting: .safe).toArray(Int64.self)
        if counts.contains(where: { $0 < 0 }) { throw Self.valueError("n < 0") }
        let target = try Self.parameterShape([p, n], shape)
        let pValues = try p.astype(.float64).broadcast(to: target).toArray(Double.self)
        let nValues = try n.astype(.int64).broadcast(to: target).toArray(Int64.self)
        var sampler = Binomial()
        let out = try Self.output(target, .int64)
        let pointer = out.baseAddress.assumingMemoryBound(to: Int64.self)
        var bits = bitGenerator
        for i in 0..<out.size { pointer[i] = sampler.draw(&bits, n: nValues[i], p: pValues[i]) }
        bitGenerator = bits
        return out
    }

    // MARK: multinomial

    /// NumPy's `Generator.multinomial(n, pvals, size)` (int64): counts of `n` draws among
    /// `pvals.count` categories, shape `shape + [pvals.count]`. Category j's count is a
    /// binomial of the trials left with probability `pvals[j] / (1 − Σ earlier)`, stopping
    /// when no trials are left; the last category takes the rest (its `pvals` entry is not
    /// read, as in NumPy).
    /// - Precondition: `n` ≥ 0, every `pvals` entry in [0, 1], the entries but the last
    ///   summing to at most 1 + 10⁻¹²; see ``multinomialThrowing(_:pvals:shape:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func multinomial(_ n: Int, pvals: [Double], shape: [Int] = []) -> NDArray {
        orStop { try multinomialThrowing(n, pvals: pvals, shape: shape) }
    }

    /// ``multinomial(_:pvals:shape:)`` that throws NumPy's errors: `pvals must have at least
    /// 1 dimension and the last dimension of pvals must be greater than 0.`, `pvals < 0,
    /// pvals > 1 or pvals contains NaNs`, `sum(pvals[:-1]) > 1.0`, `n < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func multinomialThrowing(_ n: Int, pvals: [Double], shape: [Int] = []) throws -> NDArray {
        let d = pvals.count
        if d == 0 {
            throw Self.valueError("pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0.")
        }
        if pvals.contains(where: { !($0 >= 0 && $0 <= 1) }) { throw Self.valueError("pvals < 0, pvals > 1 or pvals contains NaNs") }
        // NumPy's Kahan sum of all but the last entry.
        var sum = 0.0
        if d > 1 {
            sum = pvals[0]
            var compensation = 0.0
            for value in pvals[1..<(d - 1)] {
                let y = value - compensation
                let t = sum + y
                compensation = (t - sum) - y
                sum = t
            }
        }
        if sum > 1 + 1e-12 { throw Self.valueError("sum(pvals[:-1]) > 1.0") }
        let out = try NDArray(checkedShape: Self.checkedShape(shape) + [d], dtype: .int64, zeroed: true)
        if n < 0 { throw Self.valueError("n < 0") }
        let counts = out.baseAddress.assumingMemoryBound(to: Int64.self)
        var sampler = Binomial()
        var bits = bitGenerator
        defer { bitGenerator = bits }
        var offset = 0
        while offset < out.size {
            var remainingP = 1.0
            var left = Int64(n)
            for j in 0..<(d - 1) {
                counts[offset + j] = sampler.draw(&bits, n: left, p: pvals[j] / remainingP)
                left -= counts[offset + j]
                if left <= 0 { break }
                remainingP -= pvals[j]
            }
            if left > 0 { counts[offset + d - 1] = left }
            offset += d
        }
        return out
    }

    /// `shape` itself, or NumPy's error for a negative dimension.
    static func checkedShape(_ shape: [Int]) throws -> [Int] {
        if shape.contains(where: { $0 < 0 }) { throw valueError("negative dimensions are not allowed") }
        return shape
    }
}
