extension Random {
    /// NumPy's `numpy.random.MT19937`: Matsumoto and Nishimura's Mersenne Twister (624
    /// 32-bit words of state, period 2¹⁹⁹³⁷ − 1), seeded as NumPy's `Generator` seeds it:
    /// 624 words of a ``SeedSequence``'s state with word 0 replaced by 0x80000000 (so the
    /// state is never all zero) and the position at 623, so that the first draw is the
    /// tempered word 623 and the state is regenerated after it.
    ///
    /// Draws are 32-bit; a 64-bit draw is two of them, the first in the high half; a double
    /// is NumPy's `mt19937_next_double`, `(a · 2²⁶ + b) / 2⁵³` from 27 and 26 bits of two
    /// draws (not the high 53 bits of a 64-bit draw). NumPy's legacy `seed(int)` (Knuth's
    /// initialisation) and `jumped` (a jump polynomial of 2¹²⁸ steps) are not provided.
    public struct MT19937: BitGenerator, Hashable {
        static let stateLength = 624
        static let shift = 397
        static let matrixA: UInt32 = 0x9908_b0df

        /// The 624 state words.
        public internal(set) var key: [UInt32]
        /// The index of the next word to temper (624: regenerate first).
        public internal(set) var position: Int

        /// NumPy's raw state: 624 words and a position in 0 … 624.
        public init(key: [UInt32], position: Int) {
            require(key.count == MT19937.stateLength, "MT19937: key has \(key.count) words; it needs 624")
            require((0...MT19937.stateLength).contains(position), "MT19937: position \(position) is outside 0 … 624")
            self.key = key
            self.position = position
        }

        /// `np.random.MT19937(seed_sequence)`.
        public init(_ seedSequence: SeedSequence) {
            var words = seedSequence.generateState(MT19937.stateLength)
            words[0] = 0x8000_0000
            self.init(key: words, position: MT19937.stateLength - 1)
        }

        /// `np.random.MT19937(seed)` for an integer seed (through a ``SeedSequence``).
        public init(seed: UInt64) { self.init(SeedSequence(seed)) }

        /// The twist: all 624 words regenerated, position 0.
        mutating func regenerate() {
            let n = MT19937.stateLength, m = MT19937.shift
            key.withUnsafeMutableBufferPointer { k in
                @inline(__always) func twist(_ i: Int, _ next: Int, _ far: Int) {
                    let y = (k[i] & 0x8000_0000) | (k[next] & 0x7fff_ffff)
                    k[i] = k[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & MT19937.matrixA)
                }
                for i in 0..<(n - m) { twist(i, i + 1, i + m) }
                for i in (n - m)..<(n - 1) { twist(i, i + 1, i + m - n) }
                twist(n - 1, 0, m - 1)
            }
            position = 0
        }

        @inline(__always)
        public mutating func nextUInt32() -> UInt32 {
            if position == MT19937.stateLength { regenerate() }
            var y = key[position]
            position += 1
            y ^= y >> 11
            y ^= (y << 7) & 0x9d2c_5680
            y ^= (y << 15) & 0xefc6_0000
            y ^= y >> 18
            return y
        }

        /// Two 32-bit draws, the first in the high half (NumPy's `mt19937_next64`).
        @inline(__always)
        public mutating func nextUInt64() -> UInt64 {
            let high = UInt64(nextUInt32())
            return high << 32 | UInt64(nextUInt32())
        }

        /// NumPy's `mt19937_next_double`: `(a · 2²⁶ + b) / 2⁵³`, a the top 27 bits of one draw,
        /// b the top 26 bits of the next.
        @inline(__always)
        public mutating func nextDouble() -> Double {
            let a = Double(nextUInt32() >> 5)
            let b = Double(nextUInt32() >> 6)
            return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
        }
    }
}
