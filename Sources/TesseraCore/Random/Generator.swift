extension Random {
    /// NumPy's `numpy.random.Generator`: distributions drawn from a bit generator with
    /// NumPy's algorithms, so the same seed gives the same numbers as NumPy.
    ///
    /// `Random.Generator(seed: 42)` is `np.random.default_rng(42)` (``SeedSequence`` →
    /// ``PCG64``). Methods take NumPy's arguments (`shape` for `size`; `[]` gives a 0-d
    /// array where NumPy returns a scalar, consuming the same draws). Parameters NumPy
    /// rejects stop the program with NumPy's message; each such method has a `…Throwing`
    /// form that throws a ``TesseraError`` with that message instead.
    ///
    /// The type parameter is the bit generator, so fill loops are compiled for it (no
    /// per-value dynamic dispatch); `Random.Generator<Random.PCG64>` is the default. The
    /// public methods carry a PCG64 specialization, so callers in other modules reach the
    /// specialized loops through the generic entry points.
    public struct Generator<Bits: BitGenerator>: Sendable {
        /// The bit generator (its state advances with every draw).
        public var bitGenerator: Bits

        /// NumPy's `Generator(bit_generator)`.
        public init(_ bitGenerator: Bits) {
            self.bitGenerator = bitGenerator
        }
    }
}

extension Random.Generator where Bits == Random.PCG64 {
    /// `np.random.default_rng(seed)` for a non-negative integer seed.
    public init(seed: UInt64) {
        self.init(Random.PCG64(Random.SeedSequence(seed)))
    }

    /// `np.random.default_rng([s0, s1, …])` for a sequence of non-negative integers.
    public init(seed: [UInt64]) {
        self.init(Random.PCG64(Random.SeedSequence(seed)))
    }

    /// `np.random.default_rng(seed_sequence)`.
    public init(seed: Random.SeedSequence) {
        self.init(Random.PCG64(seed))
    }

    /// `np.random.default_rng()`: seeded with fresh entropy from the operating system.
    public init() {
        self.init(Random.PCG64(Random.SeedSequence()))
    }
}

extension Random.Generator {
    /// Runs `body` with the error it throws turned into a stop with the error's message.
    @inline(__always)
    func orStop<T>(_ body: () throws -> T) -> T {
        do {
            return try body()
        } catch {
            fatalError("\(error)")
        }
    }

    /// A new C-contiguous array for `shape`; NumPy's error for a negative dimension.
    static func output(_ shape: [Int], _ dtype: DType) throws -> NDArray {
        if shape.contains(where: { $0 < 0 }) {
            throw TesseraError(.valueError, "negative dimensions are not allowed")
        }
        return try NDArray(checkedShape: shape, dtype: dtype, zeroed: false)
    }

    static func valueError(_ message: String) -> TesseraError {
        TesseraError(.valueError, message)
    }

    /// NumPy's `CONS_NON_NEGATIVE`: a parameter with its sign bit set (−0.0 too) is rejected;
    /// NaN passes.
    static func checkNonNegative(_ value: Double, _ name: String) throws {
        if !value.isNaN && value.sign == .minus {
            throw valueError("\(name) < 0")
        }
    }

    /// Fills `count` doubles with `transform(u)` for successive standard uniforms.
    @inline(__always)
    mutating func fillDoubles(_ out: UnsafeMutablePointer<Double>, _ count: Int, _ draw: (inout Bits) -> Double) {
        var bits = bitGenerator
        for i in 0..<count { out[i] = draw(&bits) }
        bitGenerator = bits
    }

    @inline(__always)
    mutating func fillFloats(_ out: UnsafeMutablePointer<Float>, _ count: Int, _ draw: (inout Bits) -> Float) {
        var bits = bitGenerator
        for i in 0..<count { out[i] = draw(&bits) }
        bitGenerator = bits
    }

    static func checkFloatDType(_ dtype: DType, _ method: String) throws {
        guard dtype == .float64 || dtype == .float32 else {
            throw TesseraError(.unsupportedDType, "Unsupported dtype dtype('\(dtype)') for \(method)")
        }
    }

    // MARK: random

    /// NumPy's `Generator.random(size, dtype)`: uniform floats in [0, 1). float64 values are
    /// `(next_uint64 >> 11) · 2⁻⁵³` (one 64-bit draw each); float32 values are
    /// `(next_uint32 >> 8) · 2⁻²⁴`. Large float64 outputs are filled in parallel when a
    /// threading backend is active and the bit generator can advance: the values are the
    /// sequential stream's, bit for bit.
    /// - Precondition: `dtype` is `.float64` or `.float32`; see ``randomThrowing(_:dtype:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func random(_ shape: [Int] = [], dtype: DType = .float64) -> NDArray {
        orStop { try randomThrowing(shape, dtype: dtype) }
    }

    /// ``random(_:dtype:)`` that throws NumPy's error for an unsupported dtype or a negative
    /// dimension.
    @_specialize(where Bits == Random.PCG64)
    public mutating func randomThrowing(_ shape: [Int] = [], dtype: DType = .float64) throws -> NDArray {
        try Self.checkFloatDType(dtype, "random")
        let out = try Self.output(shape, dtype)
        let count = out.size
        if dtype == .float64 {
            let pointer = out.baseAddress.assumingMemoryBound(to: Double.self)
            if RandomParallelFill.fill(&bitGenerator, pointer, count) {
            } else if var pcg = bitGenerator as? Random.PCG64 {
                pcg.fill(pointer, count) { Double($0 >> 11) * 0x1p-53 }
                bitGenerator = pcg as! Bits
            } else {
                fillDoubles(pointer, count) { $0.nextDouble() }
            }
        } else {
            fillFloats(out.baseAddress.assumingMemoryBound(to: Float.self), count) { $0.nextFloat() }
        }
        return out
    }

    /// One float64 in [0, 1) (NumPy's `random()` with no size).
    @_specialize(where Bits == Random.PCG64)
    public mutating func random() -> Double {
        bitGenerator.nextDouble()
    }

    // MARK: uniform

    /// NumPy's `Generator.uniform(low, high, size)`: `low + (high − low) · U` with U a
    /// standard uniform (one 64-bit draw each).
    /// - Precondition: `high − low` is finite and not negative; see
    ///   ``uniformThrowing(low:high:shape:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func uniform(low: Double = 0, high: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try uniformThrowing(low: low, high: high, shape: shape) }
    }

    /// ``uniform(low:high:shape:)`` that throws NumPy's errors: `high - low range exceeds
    /// valid bounds` (an infinite or NaN range), `high - low < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func uniformThrowing(low: Double = 0, high: Double = 1, shape: [Int] = []) throws -> NDArray {
        let range = high - low
        if !range.isFinite { throw Self.valueError("high - low range exceeds valid bounds") }
        try Self.checkNonNegative(range, "high - low")
        let out = try Self.output(shape, .float64)
        fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size) { low + range * $0.nextDouble() }
        return out
    }

    // MARK: normal

    /// NumPy's `Generator.standard_normal(size, dtype)`: the 256-layer ziggurat (one 64-bit
    /// draw per attempt for float64, one 32-bit draw for float32).
    /// - Precondition: `dtype` is `.float64` or `.float32`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardNormal(_ shape: [Int] = [], dtype: DType = .float64) -> NDArray {
        orStop { try standardNormalThrowing(shape, dtype: dtype) }
    }

    /// ``standardNormal(_:dtype:)`` that throws for an unsupported dtype.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardNormalThrowing(_ shape: [Int] = [], dtype: DType = .float64) throws -> NDArray {
        try Self.checkFloatDType(dtype, "standard_normal")
        let out = try Self.output(shape, dtype)
        if dtype == .float64 {
            let tables = Ziggurat.normalTables
            fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size) { Ziggurat.standardNormal(&$0, tables) }
        } else {
            fillFloats(out.baseAddress.assumingMemoryBound(to: Float.self), out.size) { Ziggurat.standardNormalFloat(&$0) }
        }
        return out
    }

    /// NumPy's `Generator.normal(loc, scale, size)`: `loc + scale · Z`, Z standard normal.
    /// - Precondition: `scale` is not negative (NumPy: `scale < 0`).
    @_specialize(where Bits == Random.PCG64)
    public mutating func normal(loc: Double = 0, scale: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try normalThrowing(loc: loc, scale: scale, shape: shape) }
    }

    /// ``normal(loc:scale:shape:)`` that throws `scale < 0` for a negative scale.
    @_specialize(where Bits == Random.PCG64)
    public mutating func normalThrowing(loc: Double = 0, scale: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        let out = try Self.output(shape, .float64)
        let tables = Ziggurat.normalTables
        fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size) { loc + scale * Ziggurat.standardNormal(&$0, tables) }
        return out
    }

    // MARK: exponential

    /// NumPy's `Generator.standard_exponential(size, dtype)` (method `zig`): the 256-layer
    /// exponential ziggurat.
    /// - Precondition: `dtype` is `.float64` or `.float32`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardExponential(_ shape: [Int] = [], dtype: DType = .float64) -> NDArray {
        orStop { try standardExponentialThrowing(shape, dtype: dtype) }
    }

    /// ``standardExponential(_:dtype:)`` that throws for an unsupported dtype.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardExponentialThrowing(_ shape: [Int] = [], dtype: DType = .float64) throws -> NDArray {
        try Self.checkFloatDType(dtype, "standard_exponential")
        let out = try Self.output(shape, dtype)
        if dtype == .float64 {
            let tables = Ziggurat.exponentialTables
            fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size) { Ziggurat.standardExponential(&$0, tables) }
        } else {
            fillFloats(out.baseAddress.assumingMemoryBound(to: Float.self), out.size) { Ziggurat.standardExponentialFloat(&$0) }
        }
        return out
    }

    /// NumPy's `Generator.exponential(scale, size)`: `scale · E`, E standard exponential.
    /// - Precondition: `scale` is not negative (NumPy: `scale < 0`).
    @_specialize(where Bits == Random.PCG64)
    public mutating func exponential(scale: Double = 1, shape: [Int] = []) -> NDArray {
        orStop { try exponentialThrowing(scale: scale, shape: shape) }
    }

    /// ``exponential(scale:shape:)`` that throws `scale < 0` for a negative scale.
    @_specialize(where Bits == Random.PCG64)
    public mutating func exponentialThrowing(scale: Double = 1, shape: [Int] = []) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        let out = try Self.output(shape, .float64)
        let tables = Ziggurat.exponentialTables
        fillDoubles(out.baseAddress.assumingMemoryBound(to: Double.self), out.size) { scale * Ziggurat.standardExponential(&$0, tables) }
        return out
    }
}
