/// Fills large outputs whose values take a fixed number of 64-bit draws each on several
/// threads: piece `i` starts from a copy of the bit generator advanced to the draw the
/// sequential fill would reach there, so the values are the sequential stream's, bit for
/// bit, for any thread count. The threads are the active backends' ``ParallelExecutor``
/// (installed by the OpenMP backend); without one, or for a bit generator that cannot
/// advance, the caller fills sequentially.
enum RandomParallelFill {
    /// Below this many values a sequential fill is faster than waking threads.
    static let minimumCount = 1 << 18

    /// Fills `count` doubles, one 64-bit draw each, with `(next_uint64 >> 11) · 2⁻⁵³`;
    /// returns false (and draws nothing) when the fill should be sequential.
    static func fill<B: Random.BitGenerator>(_ bits: inout B, _ out: UnsafeMutablePointer<Double>, _ count: Int) -> Bool {
        guard count >= minimumCount, let executor = Backends.active.executor else { return false }
        let threads = executor.threadCount
        guard threads > 1, let end = bits.advanced(by: UInt64(count)) else { return false }
        let start = bits
        executor.parallelFor(threads) { piece in
            let first = count * piece / threads
            let last = count * (piece + 1) / threads
            guard var local = start.advanced(by: UInt64(first)) else { return }
            if var pcg = local as? Random.PCG64 {
                pcg.fill(out + first, last - first) { Double($0 >> 11) * 0x1p-53 }
                return
            }
            for i in first..<last { out[i] = local.nextDouble() }
        }
        bits = end
        return true
    }
}

extension RandomParallelFill {
    /// Fills `count` 64-bit integers `off + [0, rng]` drawn by Lemire's method on 32-bit
    /// draws (NumPy's path for 64-bit dtypes with a range below 2³²) on several threads,
    /// with the sequential stream's values. A value usually takes one 32-bit half of a
    /// 64-bit draw but takes more when Lemire's method rejects (probability below
    /// `rng / 2³²` per value), so each piece is first drawn from where it would start
    /// without rejections; the pieces are then checked in order against the half their
    /// predecessors actually ended at, and the first misplaced piece and all after it are
    /// drawn again from the corrected start (in parallel), until every piece is in place.
    /// PCG64 only (the bit generator whose 32-bit buffering this reproduces); ranges whose
    /// rejections are frequent enough to expect more than four in the output stay sequential.
    static func fillBounded32<B: Random.BitGenerator>(_ bits: inout B, _ out: UnsafeMutablePointer<UInt64>, _ count: Int, off: UInt64, rng: UInt32) -> Bool {
        guard count >= minimumCount, let executor = Backends.active.executor, executor.threadCount > 1,
              let original = bits as? Random.PCG64 else { return false }
        let threads = executor.threadCount
        let pieceCount = threads * 4
        // The generator after `half` 32-bit draws from `original` (the buffered half first,
        // if any, then low and high halves of successive 64-bit draws), in exactly the state
        // the sequential draws leave, down to the stale kept half NumPy's state shows.
        func generator(atHalf half: Int) -> Random.PCG64 {
            var g = original
            var remaining = half
            if g.hasUInt32 && remaining > 0 {
                _ = g.nextUInt32()
                remaining -= 1
            }
            if remaining == 0 { return g }
            let skipped = (remaining - 1) / 2
            g.advance(UInt128(skipped))
            for _ in 0..<(remaining - 2 * skipped) { _ = g.nextUInt32() }
            return g
        }
        let exclusive = UInt64(rng) &+ 1
        let exclusive32 = UInt32(truncatingIfNeeded: exclusive)
        let threshold = rng == .max ? 0 : (UInt32.max &- rng) % exclusive32
        // Each rejection misplaces every later piece; past a few expected rejections the
        // redrawing costs more than the threads save.
        if Double(count) * Double(threshold) > 4 * 4_294_967_296.0 { return false }
        func draw(piece: Int, startHalf: Int) -> Int {
            let first = count * piece / pieceCount
            let last = count * (piece + 1) / pieceCount
            var g = generator(atHalf: startHalf)
            var halves = 0
            if rng == .max {
                for i in first..<last { out[i] = off &+ UInt64(g.nextUInt32()) }
                return last - first
            }
            for i in first..<last {
                var product = UInt64(g.nextUInt32()) &* exclusive
                halves += 1
                if UInt32(truncatingIfNeeded: product) < exclusive32 {
                    while UInt32(truncatingIfNeeded: product) < threshold {
                        product = UInt64(g.nextUInt32()) &* exclusive
                        halves += 1
                    }
                }
                out[i] = off &+ (product >> 32)
            }
            return halves
        }
        var starts = (0..<pieceCount).map { count * $0 / pieceCount }
        var used = [Int](repeating: 0, count: pieceCount)
        used.withUnsafeMutableBufferPointer { used in
            executor.parallelFor(pieceCount) { piece in used[piece] = draw(piece: piece, startHalf: starts[piece]) }
        }
        var position = 0
        var piece = 0
        while piece < pieceCount {
            if starts[piece] != position {
                let shift = position - starts[piece]
                let redo = piece
                for later in redo..<pieceCount { starts[later] += shift }
                let frozenStarts = starts
                used.withUnsafeMutableBufferPointer { used in
                    executor.parallelFor(pieceCount - redo) { offset in
                        used[redo + offset] = draw(piece: redo + offset, startHalf: frozenStarts[redo + offset])
                    }
                }
            }
            position += used[piece]
            piece += 1
        }
        bits = generator(atHalf: position) as! B
        return true
    }
}
