extension Random {
    /// A source of random bits with NumPy's `bitgen_t` interface: 64-bit draws, 32-bit draws
    /// (a bit generator may keep half of a 64-bit draw for the next 32-bit one, as PCG64
    /// does) and doubles in [0, 1) from the top 53 bits of a 64-bit draw.
    ///
    /// Every bit generator is also a Swift `RandomNumberGenerator`, so it works with
    /// `Int.random(in:using:)` and `shuffled(using:)` (those use Swift's algorithms, not
    /// NumPy's).
    public protocol BitGenerator: RandomNumberGenerator, Sendable {
        /// Seeds the generator from a ``SeedSequence`` as NumPy does.
        init(_ seedSequence: SeedSequence)
        /// NumPy's `next_uint64`.
        mutating func nextUInt64() -> UInt64
        /// NumPy's `next_uint32`.
        mutating func nextUInt32() -> UInt32
        /// NumPy's `next_double`: `(next_uint64 >> 11) · 2⁻⁵³`.
        mutating func nextDouble() -> Double
        /// A copy whose stream is `delta` 64-bit draws further on, with any buffered 32-bit
        /// half kept; `nil` when the generator cannot jump (the default). Parallel fills
        /// use it to start each piece where the sequential fill would be.
        func advanced(by delta: UInt64) -> Self?
    }

    /// A bit generator that can move its stream forward by any number of 64-bit draws in
    /// logarithmic time; large fills use it to produce pieces of one stream in parallel.
    public protocol AdvanceableBitGenerator: BitGenerator {
        /// Moves forward by `delta` 64-bit draws, as NumPy's `advance(delta)` (any buffered
        /// 32-bit half is dropped).
        mutating func advance(_ delta: UInt128)
    }
}

extension Random.BitGenerator {
    public func advanced(by delta: UInt64) -> Self? { nil }

    /// Swift's `RandomNumberGenerator` requirement: one 64-bit draw.
    @inlinable
    public mutating func next() -> UInt64 { nextUInt64() }

    @inlinable
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1p-53
    }

    /// NumPy's `next_float`: `(next_uint32 >> 8) · 2⁻²⁴`.
    @inlinable
    public mutating func nextFloat() -> Float {
        Float(nextUInt32() >> 8) * 0x1p-24
    }
}
