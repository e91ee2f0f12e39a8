internal import _TesseraCoreKernels

/// NumPy's Fisher–Yates shuffle (`_shuffle_raw`): from the last position i down to 1,
/// position i is exchanged with position `random_interval(i)` — draws masked to the
/// smallest all-ones mask ≥ i and redrawn while above i, 32-bit draws while i < 2³².
///
/// Large shuffles are done a block of draws at a time. The draws do not depend on the
/// data, so a block of 32-bit words is drawn in one tight loop (for PCG64 by its two-chain
/// fill), turned into partners without a branch per word, and the swaps then run in C
/// with each partner's cache line prefetched 32 swaps ahead. Partners fall at random in
/// an array larger than the caches: done one step at a time, each step waits for a miss
/// (and a mispredicted rejection branch flushes the misses in flight), while here some
/// thirty misses overlap. The words are consumed in NumPy's order, so the permutation,
/// the number of draws and the generator's state are NumPy's.
enum FisherYates {
    /// Words drawn per block. Only drawn while more than this many positions remain:
    /// every position takes at least one word, so a block is always used up.
    static let wordsPerBlock = 2048

    /// Below this many elements the array sits in the caches and plain steps are as fast.
    static let minimumBlockedCount = 1 << 13

    /// Shuffles `count` contiguous 8-byte elements with NumPy's draws.
    @inline(__always)
    static func shuffle64<B: Random.BitGenerator>(_ bits: inout B, _ values: UnsafeMutablePointer<UInt64>, _ count: Int) {
        var i = count - 1
        // Positions past 2³² - 1 take 64-bit draws: plain steps.
        while i > Int(UInt32.max) {
            step(&bits, values, i)
            i -= 1
        }
        if count >= minimumBlockedCount {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordsPerBlock / 2) { drawBuffer in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: wordsPerBlock) { partnerBuffer in
                    let draws = drawBuffer.baseAddress!
                    let partners = partnerBuffer.baseAddress!
                    while i > wordsPerBlock {
                        guard drawWords(&bits, draws) else {
                            // A kept 32-bit half comes first: plain steps use it up.
                            step(&bits, values, i)
                            i -= 1
                            continue
                        }
                        let decided = draws.withMemoryRebound(to: UInt32.self, capacity: wordsPerBlock) {
                            selectPartners($0, wordsPerBlock, partners, top: i)
                        }
                        tessera_shuffle_swaps64(values, i, partners, decided)
                        i -= decided
                    }
                }
            }
        }
        while i >= 1 {
            step(&bits, values, i)
            i -= 1
        }
    }

    /// One Fisher–Yates step at position `i`.
    @inline(__always)
    static func step<B: Random.BitGenerator>(_ bits: inout B, _ values: UnsafeMutablePointer<UInt64>, _ i: Int) {
        let j = Int(BoundedIntegers.interval(&bits, UInt64(i)))
        let kept = values[i]
        values[i] = values[j]
        values[j] = kept
    }

    /// ``wordsPerBlock`` successive 32-bit draws into `draws` (as little-endian pairs, the
    /// order of `nextUInt32()`: the low half of a 64-bit draw, then its high half). `false`,
    /// with nothing drawn, when a PCG64 holds a kept half (its next word is not a new draw's
    /// low half).
    @inline(__always)
    static func drawWords<B: Random.BitGenerator>(_ bits: inout B, _ draws: UnsafeMutablePointer<UInt64>) -> Bool {
        let pairs = wordsPerBlock / 2
        if var pcg = bits as? Random.PCG64 {
            if pcg.hasUInt32 { return false }
            pcg.fill(draws, pairs) { $0 }
            // Every half is used, so none is kept; NumPy leaves the last high half behind.
            pcg.uinteger = UInt32(truncatingIfNeeded: draws[pairs - 1] >> 32)
            bits = pcg as! B
            return true
        }
        for k in 0..<pairs {
            let low = UInt64(bits.nextUInt32())
            let high = UInt64(bits.nextUInt32())
            draws[k] = low | high << 32
        }
        return true
    }

    /// Runs NumPy's `random_interval` for positions `top`, `top - 1`, … over all `count`
    /// words, writing the accepted partner of each decided position to `partners`; returns
    /// how many positions were decided. `count < top`, so a position stays above 0.
    @inline(__always)
    static func selectPartners(_ words: UnsafePointer<UInt32>, _ count: Int, _ partners: UnsafeMutablePointer<UInt32>, top: Int) -> Int {
        var i = top
        var c = 0
        var p = 0
        while c < count {
            // The mask changes only when i drops below a power of two.
            let mask = Int(UInt32.max >> UInt32(UInt32(truncatingIfNeeded: i).leadingZeroBitCount))
            let low = (mask >> 1) + 1
            while c < count && i >= low {
                let value = Int(words[c]) & mask
                // Written whatever the outcome: a rejected value is overwritten by the next.
                partners[p] = UInt32(truncatingIfNeeded: value)
                // A compare and a subtract-with-borrow: the chain from one word to the next.
                let accepted = value <= i ? 1 : 0
                p &+= accepted
                i &-= accepted
                c &+= 1
            }
        }
        return p
    }
}
