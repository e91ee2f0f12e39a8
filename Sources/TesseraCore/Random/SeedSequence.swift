#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Random {
    /// NumPy's `numpy.random.SeedSequence`: mixes seed entropy (any non-negative integer or
    /// sequence of them) into a pool of 32-bit words and hashes the pool into well-spread
    /// initial states for bit generators; ``spawn(_:)`` derives independent children.
    ///
    /// The integers are taken as NumPy takes Python ints: each split into 32-bit words, least
    /// significant first (0 is one word, 0), and the words of a sequence concatenated.
    /// The pool words and ``generateState(_:)`` equal NumPy's for the same entropy, spawn key
    /// and pool size.
    public struct SeedSequence: Sendable, Hashable {
        /// The entropy as 32-bit words (NumPy's coercion of `entropy` to `uint32`).
        public let entropyWords: [UInt32]
        /// The path of spawn indices from the root sequence (empty for a root).
        public let spawnKey: [UInt64]
        /// The number of 32-bit words in the pool (NumPy's `pool_size`, 4 by default).
        public let poolSize: Int
        /// How many children ``spawn(_:)`` has made (NumPy's `n_children_spawned`).
        public private(set) var childrenSpawned: Int
        /// The mixed entropy pool.
        public let pool: [UInt32]

        private static let initA: UInt32 = 0x43b0_d7e5
        private static let multA: UInt32 = 0x931e_8875
        private static let initB: UInt32 = 0x8b51_f9dd
        private static let multB: UInt32 = 0x58f3_8ded
        private static let mixMultL: UInt32 = 0xca01_f9dd
        private static let mixMultR: UInt32 = 0x4973_f715
        private static let xShift: UInt32 = 16

        /// A sequence seeded by the 32-bit words of a (possibly large) integer or integer
        /// sequence, least significant word first.
        public init(words: [UInt32], spawnKey: [UInt64] = [], poolSize: Int = 4, childrenSpawned: Int = 0) {
            require(poolSize >= 4, "SeedSequence: poolSize \(poolSize) is too small; use at least 4")
            entropyWords = words
            self.spawnKey = spawnKey
            self.poolSize = poolSize
            self.childrenSpawned = childrenSpawned
            pool = SeedSequence.mix(words: words, spawnKey: spawnKey, poolSize: poolSize)
        }

        /// `np.random.SeedSequence(entropy)` for one non-negative integer.
        public init(_ entropy: UInt64, spawnKey: [UInt64] = [], poolSize: Int = 4) {
            self.init(words: SeedSequence.words(entropy), spawnKey: spawnKey, poolSize: poolSize)
        }

        /// `np.random.SeedSequence([e0, e1, …])`: each integer's words, concatenated.
        public init(_ entropy: [UInt64], spawnKey: [UInt64] = [], poolSize: Int = 4) {
            self.init(words: entropy.flatMap(SeedSequence.words), spawnKey: spawnKey, poolSize: poolSize)
        }

        /// `np.random.SeedSequence()`: 128 bits of fresh entropy from the operating system.
        public init() {
            var words = [UInt32](repeating: 0, count: 4)
            var generator = SystemRandomNumberGenerator()
            for i in words.indices { words[i] = generator.next() }
            while words.count > 1 && words.last == 0 { words.removeLast() }
            self.init(words: words)
        }

        /// A Python int's 32-bit words, least significant first; 0 is `[0]`.
        static func words(_ value: UInt64) -> [UInt32] {
            if value == 0 { return [0] }
            var result: [UInt32] = []
            var rest = value
            while rest > 0 {
                result.append(UInt32(truncatingIfNeeded: rest))
                rest >>= 32
            }
            return result
        }

        private static func mix(words: [UInt32], spawnKey: [UInt64], poolSize: Int) -> [UInt32] {
            var entropy = words
            let spawnWords = spawnKey.flatMap(SeedSequence.words)
            if !spawnWords.isEmpty && entropy.count < poolSize {
                entropy += [UInt32](repeating: 0, count: poolSize - entropy.count)
            }
            entropy += spawnWords

            var hashConst = initA
            func hashmix(_ input: UInt32) -> UInt32 {
                var value = input ^ hashConst
                hashConst = hashConst &* multA
                value = value &* hashConst
                return value ^ (value >> xShift)
            }
            func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
                let result = mixMultL &* x &- mixMultR &* y
                return result ^ (result >> xShift)
            }
            var mixer = [UInt32](repeating: 0, count: poolSize)
            for i in 0..<poolSize {
                mixer[i] = hashmix(i < entropy.count ? entropy[i] : 0)
            }
            for source in 0..<poolSize {
                for target in 0..<poolSize where source != target {
                    mixer[target] = mix(mixer[target], hashmix(mixer[source]))
                }
            }
            if entropy.count > poolSize {
                for source in poolSize..<entropy.count {
                    for target in 0..<poolSize {
                        mixer[target] = mix(mixer[target], hashmix(entropy[source]))
                    }
                }
            }
            return mixer
        }

        /// NumPy's `generate_state(n_words, np.uint32)`: `count` words hashed from the pool.
        public func generateState(_ count: Int) -> [UInt32] {
            var hashConst = SeedSequence.initB
            var state = [UInt32](repeating: 0, count: Swift.max(0, count))
            for i in 0..<state.count {
                var value = pool[i % poolSize] ^ hashConst
                hashConst = hashConst &* SeedSequence.multB
                value = value &* hashConst
                state[i] = value ^ (value >> SeedSequence.xShift)
            }
            return state
        }

        /// NumPy's `generate_state(n_words, np.uint64)`: pairs of 32-bit words, low word first.
        public func generateState64(_ count: Int) -> [UInt64] {
            let words = generateState(2 * Swift.max(0, count))
            return (0..<Swift.max(0, count)).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
        }

        /// NumPy's `spawn(n_children)`: children that share this entropy and extend the spawn
        /// key by their index, continuing after the children already spawned.
        public mutating func spawn(_ count: Int) -> [SeedSequence] {
            require(count >= 0, "SeedSequence.spawn: count \(count) is negative; use 0 or more")
            let first = childrenSpawned
            childrenSpawned += count
            return (first..<(first + count)).map {
                SeedSequence(words: entropyWords, spawnKey: spawnKey + [UInt64($0)], poolSize: poolSize)
            }
        }
    }
}
