extension Random {
    /// NumPy's `numpy.random.PCG64DXSM`: PCG64's 128-bit LCG with the cheap 64-bit multiplier
    /// 0xda942042e4dd58b5 and the DXSM output function ("double xorshift multiply") applied
    /// to the state before the step; a stronger mixer than XSL-RR for parallel streams.
    /// Seeded, buffered (32-bit draws) and advanced as NumPy's.
    public struct PCG64DXSM: AdvanceableBitGenerator, Hashable {
        /// The LCG's state.
        public internal(set) var state: UInt128
        /// The LCG's increment (always odd).
        public let increment: UInt128
        /// Whether the high half of the last 64-bit draw is kept for the next 32-bit draw.
        public internal(set) var hasUInt32: Bool = false
        /// The kept half (NumPy's `uinteger`).
        public internal(set) var uinteger: UInt32 = 0

        /// The cheap multiplier, used both in the step and in the output function.
        public static let cheapMultiplier: UInt64 = 0xda94_2042_e4dd_58b5

        /// NumPy's `pcg64_cm_set_seed`: seeded as PCG64 is, with PCG64's full multiplier
        /// in the two seeding steps; the cheap multiplier drives the draws.
        public init(seed: UInt128, stream: UInt128) {
            let seeded = PCG64(seed: seed, stream: stream)
            state = seeded.state
            increment = seeded.increment
        }

        /// `np.random.PCG64DXSM(seed_sequence)`: words 0, 1 of the sequence's 64-bit state
        /// give the seed, words 2, 3 the stream (as PCG64).
        public init(_ seedSequence: SeedSequence) {
            let words = seedSequence.generateState64(4)
            self.init(seed: UInt128(words[0]) << 64 | UInt128(words[1]), stream: UInt128(words[2]) << 64 | UInt128(words[3]))
        }

        /// `np.random.PCG64DXSM(seed)` for an integer seed.
        public init(seed: UInt64) { self.init(SeedSequence(seed)) }

        @inline(__always)
        mutating func step() {
            state = state &* UInt128(PCG64DXSM.cheapMultiplier) &+ increment
        }

        @inline(__always)
        public mutating func nextUInt64() -> UInt64 {
            var high = UInt64(truncatingIfNeeded: state >> 64)
            let low = UInt64(truncatingIfNeeded: state) | 1
            high ^= high >> 32
            high = high &* PCG64DXSM.cheapMultiplier
            high ^= high >> 48
            high = high &* low
            step()
            return high
        }

        @inline(__always)
        public mutating func nextUInt32() -> UInt32 { nextKeptHalfUInt32() }

        /// NumPy's `PCG64DXSM.advance(delta)`: `delta` steps of the LCG in O(log delta); the
        /// kept 32-bit half is dropped.
        public mutating func advance(_ delta: UInt128) {
            state = LCG128.advance(state, by: delta, multiplier: UInt128(PCG64DXSM.cheapMultiplier), increment: increment)
            hasUInt32 = false
            uinteger = 0
        }

        public func advanced(by delta: UInt64) -> PCG64DXSM? {
            var copy = self
            copy.advance(UInt128(delta))
            copy.hasUInt32 = hasUInt32
            copy.uinteger = uinteger
            return copy
        }

        /// NumPy's `PCG64DXSM.jumped(jumps)`: a copy advanced by `jumps` · ⌊φ · 2¹²⁸⌋ draws.
        public func jumped(_ jumps: Int = 1) -> PCG64DXSM {
            require(jumps >= 0, "PCG64DXSM.jumped: jumps \(jumps) is negative; use 0 or more")
            var copy = self
            copy.advance(LCG128.jumpStride &* UInt128(jumps))
            return copy
        }
    }
}
