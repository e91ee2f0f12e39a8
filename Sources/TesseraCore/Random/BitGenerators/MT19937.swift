extension Random {
    /// NumPy's `numpy.random.MT19937`: Matsumoto and Nishimura's Mersenne Twister (624
    /// 32-bit words of state, period 2¹⁹⁹³⁷ − 1), seeded as NumPy's `Generator` seeds it:
    /// 624 words of a ``SeedSequence``'s state with word 0 replaced by 0x80000000 (so the
    /// state is never all zero) and the position at 623, so that the first draw is the
    /// tempered word 623 and the state is regenerated after it.
    ///
    /// Draws are 32-bit; a 64-bit draw is two of them, the first in the high half; a double
    /// is NumPy's `mt19937_next_double`, `(a · 2²⁶ + b) / 2⁵³` from 27 and 26 bits of two
    /// draws (not the high 53 bits of a 64-bit draw). ``jumped(_:)`` is NumPy's (2¹²⁸ word
    /// steps by a jump polynomial). NumPy's legacy `seed(int)` (Knuth's initialisation) is
    /// not provided.
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

        /// NumPy's `MT19937.jumped(jumps)`: a copy whose state is `jumps` · 2¹²⁸ single-word
        /// twist steps ahead, computed as p(T)·state by Horner's rule, p the jump polynomial
        /// x^(2¹²⁸) mod the characteristic polynomial (generate_mt19937_jump.py). The state
        /// words are taken as a ring starting at `position` (a position of 624 counts as 0),
        /// as NumPy's jump takes them, so the jumped key and position are NumPy's.
        public func jumped(_ jumps: Int = 1) -> MT19937 {
            require(jumps >= 0, "MT19937.jumped: jumps \(jumps) is negative; use 0 or more")
            var copy = self
            for _ in 0..<jumps { copy.jump() }
            return copy
        }

        mutating func jump() {
            let n = MT19937.stateLength
            if position >= n { position = 0 }
            let polynomial = MT19937JumpPolynomial.words
            func coefficient(_ i: Int) -> Bool { (polynomial[i >> 5] >> UInt32(i & 31)) & 1 == 1 }
            var degree = polynomial.count * 32 - 1
            while degree > 0 && !coefficient(degree) { degree -= 1 }
            var result = key
            var resultPosition = position
            let start = position
            key.withUnsafeBufferPointer { state in
                result.withUnsafeMutableBufferPointer { t in
                    // One twist step of the ring: the word at the position is replaced by
                    // the next word of the sequence (NumPy's `gen_next`).
                    func step() {
                        let i = resultPosition
                        let next = i + 1 == n ? 0 : i + 1
                        let far = i + MT19937.shift >= n ? i + MT19937.shift - n : i + MT19937.shift
                        let y = (t[i] & 0x8000_0000) | (t[next] & 0x7fff_ffff)
                        t[i] = t[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & MT19937.matrixA)
                        resultPosition = next
                    }
                    // Adds the starting state, both rings aligned at their positions.
                    func addState() {
                        var a = resultPosition, b = start
                        for _ in 0..<n {
                            t[a] ^= state[b]
                            a = a + 1 == n ? 0 : a + 1
                            b = b + 1 == n ? 0 : b + 1
                        }
                    }
                    step()
                    var i = degree - 1
                    while i > 0 {
                        if coefficient(i) { addState() }
                        step()
                        i -= 1
                    }
                    if coefficient(0) { addState() }
                }
            }
            key = result
            position = resultPosition
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
