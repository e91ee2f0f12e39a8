extension Random.PCG64 {
    /// The output function: `rotr(high ^ low, state >> 122)`.
    @inline(__always)
    static func output(_ state: UInt128) -> UInt64 {
        let value = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return (value >> rotation) | (value << ((0 &- rotation) & 63))
    }

    /// `count` successive 64-bit draws, `transform`ed into `out`: exactly `count` calls of
    /// ``nextUInt64()``, state included. The LCG step's 128-bit multiplication is a chain of
    /// dependent instructions, so the draws come from two interleaved chains, each stepping
    /// two states at a time (multiplier M², increment c·(M + 1)): the same states, in half
    /// the latency.
    @inline(__always)
    mutating func fill<T>(_ out: UnsafeMutablePointer<T>, _ count: Int, _ transform: (UInt64) -> T) {
        let pairs = count / 2
        if pairs > 0 {
            let m = Random.PCG64.multiplier
            let m2 = m &* m
            let c2 = increment &* (m &+ 1)
            var a = state &* m &+ increment
            var b = a &* m &+ increment
            var last = b
            for p in 0..<pairs {
                let x = a, y = b
                a = x &* m2 &+ c2
                b = y &* m2 &+ c2
                out[2 * p] = transform(Random.PCG64.output(x))
                out[2 * p + 1] = transform(Random.PCG64.output(y))
                last = y
            }
            state = last
        }
        if count & 1 == 1 { out[count - 1] = transform(nextUInt64()) }
    }

    /// `count` values `off + [0, rng]` by Lemire's method on 32-bit draws (rng < 2³² − 1),
    /// exactly as `count` sequential ``BoundedIntegers/lemire32(_:_:)`` calls draw them
    /// (low half, then the kept high half; the kept half and its stale copy in `uinteger`
    /// as NumPy leaves them), with the 64-bit draws made a block at a time by ``fill(_:_:_:)``.
    mutating func fillBounded32(_ out: UnsafeMutablePointer<UInt64>, _ count: Int, off: UInt64, rng: UInt32) {
        let exclusive = UInt64(rng) &+ 1
        let exclusive32 = UInt32(truncatingIfNeeded: exclusive)
        let threshold = (UInt32.max &- rng) % exclusive32
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 256) { buffer in
            let draws = buffer.baseAddress!
            // The index is the closure's own: a captured variable would live in memory.
            var i = 0
            while i < count {
                if hasUInt32 || count - i < 2 {
                    out[i] = off &+ UInt64(BoundedIntegers.lemire32(&self, rng))
                    i += 1
                    continue
                }
                // No kept half: each value takes at least one half, so these halves are used up.
                let n = Swift.min(256, (count - i) / 2)
                fill(draws, n) { $0 }
                uinteger = UInt32(truncatingIfNeeded: draws[n - 1] >> 32)
                // Two values per draw while neither half is rejected (nearly always).
                var d = 0
                while d < n {
                    let word = draws[d]
                    let low = UInt64(UInt32(truncatingIfNeeded: word)) &* exclusive
                    let high = (word >> 32) &* exclusive
                    if UInt32(truncatingIfNeeded: low) < threshold || UInt32(truncatingIfNeeded: high) < threshold { break }
                    out[i] = off &+ (low >> 32)
                    out[i + 1] = off &+ (high >> 32)
                    i += 2
                    d += 1
                }
                if d < n {
                    i = consumeHalves(draws, from: 2 * d, halves: 2 * n, out, i, off: off, exclusive: exclusive, threshold: threshold)
                }
            }
        }
    }

    /// The rest of a block after a rejection: halves `from ..< halves` of `draws`, one value
    /// after another, a rejected half replaced by the next (past the block, by
    /// ``nextUInt32()``); returns the next output index.
    @inline(never)
    mutating func consumeHalves(_ draws: UnsafeMutablePointer<UInt64>, from first: Int, halves: Int, _ out: UnsafeMutablePointer<UInt64>, _ index: Int, off: UInt64, exclusive: UInt64, threshold: UInt32) -> Int {
        var h = first
        var i = index
        func half(_ h: Int) -> UInt32 {
            h & 1 == 0 ? UInt32(truncatingIfNeeded: draws[h >> 1]) : UInt32(truncatingIfNeeded: draws[h >> 1] >> 32)
        }
        while h < halves {
            var product = UInt64(half(h)) &* exclusive
            h += 1
            while UInt32(truncatingIfNeeded: product) < threshold {
                if h < halves {
                    product = UInt64(half(h)) &* exclusive
                    h += 1
                } else {
                    product = UInt64(nextUInt32()) &* exclusive
                }
            }
            out[i] = off &+ (product >> 32)
            i += 1
        }
        return i
    }
}
