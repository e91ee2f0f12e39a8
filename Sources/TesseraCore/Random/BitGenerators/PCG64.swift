extension Random {
    /// NumPy's `numpy.random.PCG64` (the default bit generator): a 128-bit linear
    /// congruential generator with the XSL-RR output function (O'Neill's PCG family).
    ///
    /// Each 64-bit draw steps the state (`state · multiplier + increment`) and returns
    /// `rotr(high ^ low, state >> 122)`. A 32-bit draw returns the low half of a fresh 64-bit
    /// draw and keeps the high half for the next 32-bit draw, as NumPy does.
    public struct PCG64: AdvanceableBitGenerator, Hashable {
        /// The LCG's state.
        public internal(set) var state: UInt128
        /// The LCG's increment (always odd).
        public let increment: UInt128
        /// Whether the high half of the last 64-bit draw is kept for the next 32-bit draw.
        public internal(set) var hasUInt32: Bool = false
        /// The kept half (NumPy's `uinteger`).
        public internal(set) var uinteger: UInt32 = 0

        /// The LCG multiplier, 2549297995355413924 · 2⁶⁴ + 4865540595714422341.
        public static let multiplier: UInt128 = (UInt128(2_549_297_995_355_413_924) << 64) | UInt128(4_865_540_595_714_422_341)

        /// NumPy's `pcg64_set_seed`: state and increment from a seed and a stream selector.
        public init(seed: UInt128, stream: UInt128) {
            state = 0
            increment = (stream << 1) | 1
            step()
            state = state &+ seed
            step()
        }

        /// The raw state of NumPy's `bit_generator.state` (`state`, `inc`, `has_uint32`,
        /// `uinteger`).
        public init(state: UInt128, increment: UInt128, hasUInt32: Bool = false, uinteger: UInt32 = 0) {
            self.state = state
            self.increment = increment
            self.hasUInt32 = hasUInt32
            self.uinteger = uinteger
        }

        /// `np.random.PCG64(seed_sequence)`: four 64-bit words of the sequence's state give
        /// the seed (words 0, 1: high, low) and the stream (words 2, 3).
        public init(_ seedSequence: SeedSequence) {
            let words = seedSequence.generateState64(4)
            self.init(seed: UInt128(words[0]) << 64 | UInt128(words[1]), stream: UInt128(words[2]) << 64 | UInt128(words[3]))
        }

        /// `np.random.PCG64(seed)` for an integer seed.
        public init(seed: UInt64) { self.init(SeedSequence(seed)) }

        @inline(__always)
        mutating func step() {
            state = state &* PCG64.multiplier &+ increment
        }

        @inline(__always)
        public mutating func nextUInt64() -> UInt64 {
            state = state &* PCG64.multiplier &+ increment
            let high = UInt64(truncatingIfNeeded: state >> 64)
            let low = UInt64(truncatingIfNeeded: state)
            let rotation = UInt64(truncatingIfNeeded: state >> 122)
            let value = high ^ low
            return (value >> rotation) | (value << ((0 &- rotation) & 63))
        }

        @inline(__always)
        public mutating func nextUInt32() -> UInt32 { nextKeptHalfUInt32() }

        /// NumPy's `PCG64.advance(delta)`: the state after `delta` more 64-bit draws
        /// (modulo 2¹²⁸), computed in O(log delta) by composing the LCG step; the kept
        /// 32-bit half is dropped.
        public mutating func advance(_ delta: UInt128) {
            state = LCG128.advance(state, by: delta, multiplier: PCG64.multiplier, increment: increment)
            hasUInt32 = false
            uinteger = 0
        }

        public func advanced(by delta: UInt64) -> PCG64? {
            var copy = self
            copy.advance(UInt128(delta))
            copy.hasUInt32 = hasUInt32
            copy.uinteger = uinteger
            return copy
        }

        /// NumPy's `PCG64.jumped(jumps)`: a copy advanced by `jumps` · ⌊φ · 2¹²⁸⌋ draws
        /// (φ the golden ratio's fractional part), far enough that streams do not overlap.
        public func jumped(_ jumps: Int = 1) -> PCG64 {
            require(jumps >= 0, "PCG64.jumped: jumps \(jumps) is negative; use 0 or more")
            var copy = self
            copy.advance(LCG128.jumpStride &* UInt128(jumps))
            return copy
        }
    }
}
