extension Random {
    /// NumPy's `numpy.random.Philox`: the Philox-4×64-10 counter-based generator of Salmon
    /// et al. (Random123). Each block encrypts a 256-bit counter with a 128-bit key in ten
    /// rounds of two 64×64→128-bit multiplications, giving four 64-bit draws; the counter
    /// is incremented *before* a block is made (so the first block encrypts counter 1), and
    /// the four words are handed out in order. 32-bit draws are buffered halves, as PCG64's.
    ///
    /// Seeded as NumPy seeds it: the key is two 64-bit words of a ``SeedSequence``'s state,
    /// the counter starts at 0 (or is given). ``advance(_:)`` adds to the counter, so it
    /// counts *blocks* of four draws, as NumPy's `advance` does.
    public struct Philox: AdvanceableBitGenerator, Hashable {
        /// The 256-bit counter, least significant word first.
        public internal(set) var counter: (UInt64, UInt64, UInt64, UInt64)
        /// The 128-bit key, word 0 first.
        public let key: (UInt64, UInt64)
        /// The last block's four words.
        public internal(set) var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        /// The next word of `buffer` to hand out (4: a new block is due).
        public internal(set) var bufferPosition: Int = 4
        /// Whether the high half of the last 64-bit draw is kept for the next 32-bit draw.
        public internal(set) var hasUInt32: Bool = false
        /// The kept half (NumPy's `uinteger`).
        public internal(set) var uinteger: UInt32 = 0

        static let multiplier0: UInt64 = 0xD2E7_470E_E14C_6C93
        static let multiplier1: UInt64 = 0xCA5A_8263_9512_1157
        static let weyl0: UInt64 = 0x9E37_79B9_7F4A_7C15
        static let weyl1: UInt64 = 0xBB67_AE85_84CA_A73B

        /// `np.random.Philox(key=…, counter=…)`: an explicit key and counter (words least
        /// significant first), with an empty buffer.
        public init(key: (UInt64, UInt64), counter: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)) {
            self.key = key
            self.counter = counter
        }

        /// `np.random.Philox(seed_sequence)`: the key from two 64-bit words of the state.
        public init(_ seedSequence: SeedSequence) {
            let words = seedSequence.generateState64(2)
            self.init(key: (words[0], words[1]))
        }

        /// `np.random.Philox(seed)` for an integer seed.
        public init(seed: UInt64) { self.init(SeedSequence(seed)) }

        /// Equal when counter, key, buffer, buffer position and kept half are (the next
        /// draws are then the same).
        public static func == (a: Philox, b: Philox) -> Bool {
            a.counter == b.counter && a.key == b.key && a.buffer == b.buffer
                && a.bufferPosition == b.bufferPosition && a.hasUInt32 == b.hasUInt32 && a.uinteger == b.uinteger
        }

        /// Hashes the counter, key and buffer position (consistent with ``==(_:_:)``).
        public func hash(into hasher: inout Hasher) {
            for word in [counter.0, counter.1, counter.2, counter.3, key.0, key.1] { hasher.combine(word) }
            hasher.combine(bufferPosition)
        }

        /// The ten-round Philox-4×64 bijection of `counter` under `key`.
        @inline(__always)
        static func block(_ counter: (UInt64, UInt64, UInt64, UInt64), _ key: (UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
            var c = counter
            var k = key
            for round in 0..<10 {
                if round > 0 {
                    k.0 = k.0 &+ weyl0
                    k.1 = k.1 &+ weyl1
                }
                let p0 = multiplier0.multipliedFullWidth(by: c.0)
                let p1 = multiplier1.multipliedFullWidth(by: c.2)
                c = (p1.high ^ c.1 ^ k.0, p1.low, p0.high ^ c.3 ^ k.1, p0.low)
            }
            return c
        }

        @inline(__always)
        public mutating func nextUInt64() -> UInt64 {
            switch bufferPosition {
            case 0: bufferPosition = 1; return buffer.0
            case 1: bufferPosition = 2; return buffer.1
            case 2: bufferPosition = 3; return buffer.2
            case 3: bufferPosition = 4; return buffer.3
            default:
                counter.0 &+= 1
                if counter.0 == 0 {
                    counter.1 &+= 1
                    if counter.1 == 0 {
                        counter.2 &+= 1
                        if counter.2 == 0 { counter.3 &+= 1 }
                    }
                }
                buffer = Philox.block(counter, key)
                bufferPosition = 1
                return buffer.0
            }
        }

        @inline(__always)
        public mutating func nextUInt32() -> UInt32 { nextKeptHalfUInt32() }

        /// NumPy's `Philox.advance(delta)`: adds `delta` to the 256-bit counter (modulo
        /// 2²⁵⁶; `delta` counts blocks of four 64-bit draws) and empties the buffer and the
        /// kept 32-bit half.
        public mutating func advance(_ delta: UInt128) {
            advance(words: (UInt64(truncatingIfNeeded: delta), UInt64(truncatingIfNeeded: delta >> 64), 0, 0))
        }

        /// ``advance(_:)`` by a 256-bit amount (least significant word first).
        public mutating func advance(words: (UInt64, UInt64, UInt64, UInt64)) {
            var carry = false
            func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
                let (sum, overflow1) = a.addingReportingOverflow(b)
                let (total, overflow2) = sum.addingReportingOverflow(carry ? 1 : 0)
                carry = overflow1 || overflow2
                return total
            }
            counter = (add(counter.0, words.0), add(counter.1, words.1), add(counter.2, words.2), add(counter.3, words.3))
            buffer = (0, 0, 0, 0)
            bufferPosition = 4
            hasUInt32 = false
            uinteger = 0
        }

        /// NumPy's `Philox.jumped(jumps)`: a copy advanced by `jumps` · 2¹²⁸ blocks.
        public func jumped(_ jumps: Int = 1) -> Philox {
            require(jumps >= 0, "Philox.jumped: jumps \(jumps) is negative; use 0 or more")
            var copy = self
            let amount = UInt128(jumps)
            copy.advance(words: (0, 0, UInt64(truncatingIfNeeded: amount), UInt64(truncatingIfNeeded: amount >> 64)))
            return copy
        }
    }
}
