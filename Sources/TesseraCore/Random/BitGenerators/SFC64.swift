extension Random {
    /// NumPy's `numpy.random.SFC64`: Chris Doty-Humphrey's Small Fast Chaotic generator
    /// (256 bits of state: three mixing words and a counter). Seeded from three 64-bit words
    /// of a ``SeedSequence`` with the counter at 1, then 12 draws discarded, as NumPy does;
    /// 32-bit draws are buffered halves like PCG64's. It cannot jump or advance.
    public struct SFC64: BitGenerator, Hashable {
        /// The state words a, b, c and the counter.
        public internal(set) var a: UInt64, b: UInt64, c: UInt64, counter: UInt64
        /// Whether the high half of the last 64-bit draw is kept for the next 32-bit draw.
        public internal(set) var hasUInt32: Bool = false
        /// The kept half (NumPy's `uinteger`).
        public internal(set) var uinteger: UInt32 = 0

        /// NumPy's `sfc64_set_seed`: the three words, counter 1, 12 draws discarded.
        public init(words: (UInt64, UInt64, UInt64)) {
            (a, b, c) = words
            counter = 1
            for _ in 0..<12 { _ = nextUInt64() }
        }

        /// `np.random.SFC64(seed_sequence)`.
        public init(_ seedSequence: SeedSequence) {
            let words = seedSequence.generateState64(3)
            self.init(words: (words[0], words[1], words[2]))
        }

        /// `np.random.SFC64(seed)` for an integer seed.
        public init(seed: UInt64) { self.init(SeedSequence(seed)) }

        @inline(__always)
        public mutating func nextUInt64() -> UInt64 {
            let value = a &+ b &+ counter
            counter &+= 1
            a = b ^ (b >> 11)
            b = c &+ (c << 3)
            c = ((c << 24) | (c >> 40)) &+ value
            return value
        }

        @inline(__always)
        public mutating func nextUInt32() -> UInt32 { nextKeptHalfUInt32() }
    }
}
