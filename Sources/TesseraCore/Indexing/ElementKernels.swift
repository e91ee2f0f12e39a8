internal import _TesseraCoreKernels

/// A 16-byte element (complex128) moved as one value.
struct SixteenBytes {
    var low: UInt64
    var high: UInt64
}

/// Copy kernels that move elements by their size, not their dtype: a gather, a scatter,
/// a mask compress and a masked fill are the same loop for every dtype of one size, so
/// each is one typed Swift loop per size (1, 2, 4, 8, 16 bytes) chosen once per call.
enum ElementKernels {
    /// 1 for a non-zero byte, else 0, without a branch (the compiler turns a `? 1 : 0`
    /// into a jump, which a random mask mispredicts half the time).
    @inline(__always)
    static func isNonzero(_ byte: UInt8) -> Int {
        Int(unsafeBitCast(byte != 0, to: UInt8.self))
    }

    /// `destination[i * destinationStride] = source[offsets[i]]` for `i < count`.
    static func gather(
        itemSize: Int, source: UnsafeRawPointer, offsets: UnsafePointer<Int>, count: Int,
        destination: UnsafeMutableRawPointer, destinationStride: Int
    ) {
        switch itemSize {
        case 1: gather(UInt8.self, source, offsets, count, destination, destinationStride)
        case 2: gather(UInt16.self, source, offsets, count, destination, destinationStride)
        case 4: gather(UInt32.self, source, offsets, count, destination, destinationStride)
        case 8: gather(UInt64.self, source, offsets, count, destination, destinationStride)
        default: gather(SixteenBytes.self, source, offsets, count, destination, destinationStride)
        }
    }

    @inline(__always)
    private static func gather<T>(
        _: T.Type, _ source: UnsafeRawPointer, _ offsets: UnsafePointer<Int>, _ count: Int,
        _ destination: UnsafeMutableRawPointer, _ destinationStride: Int
    ) {
        if destinationStride == MemoryLayout<T>.size {
            let out = destination.assumingMemoryBound(to: T.self)
            for i in 0..<count { out[i] = source.loadUnaligned(fromByteOffset: offsets[i], as: T.self) }
        } else {
            for i in 0..<count {
                destination.storeBytes(of: source.loadUnaligned(fromByteOffset: offsets[i], as: T.self), toByteOffset: i * destinationStride, as: T.self)
            }
        }
    }

    /// `destination[offsets[i]] = source[i * sourceStride]` for `i < count`, in order
    /// (a repeated offset keeps the last write, as NumPy).
    static func scatter(
        itemSize: Int, source: UnsafeRawPointer, sourceStride: Int,
        destination: UnsafeMutableRawPointer, offsets: UnsafePointer<Int>, count: Int
    ) {
        switch itemSize {
        case 1: scatter(UInt8.self, source, sourceStride, destination, offsets, count)
        case 2: scatter(UInt16.self, source, sourceStride, destination, offsets, count)
        case 4: scatter(UInt32.self, source, sourceStride, destination, offsets, count)
        case 8: scatter(UInt64.self, source, sourceStride, destination, offsets, count)
        default: scatter(SixteenBytes.self, source, sourceStride, destination, offsets, count)
        }
    }

    @inline(__always)
    private static func scatter<T>(
        _: T.Type, _ source: UnsafeRawPointer, _ sourceStride: Int,
        _ destination: UnsafeMutableRawPointer, _ offsets: UnsafePointer<Int>, _ count: Int
    ) {
        for i in 0..<count {
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: i * sourceStride, as: T.self), toByteOffset: offsets[i], as: T.self)
        }
    }

    /// Appends the elements of one run whose mask byte is non-zero to `destination`
    /// (contiguous) and returns how many were appended. Branch-free: every element is
    /// stored and the position advances by the mask, so `destination` needs one spare slot.
    static func compress(
        itemSize: Int, source: UnsafeRawPointer, sourceStride: Int, mask: UnsafeRawPointer, maskStride: Int,
        count: Int, destination: UnsafeMutableRawPointer
    ) -> Int {
        switch itemSize {
        case 1: compress(UInt8.self, source, sourceStride, mask, maskStride, count, destination)
        case 2: compress(UInt16.self, source, sourceStride, mask, maskStride, count, destination)
        case 4: compress(UInt32.self, source, sourceStride, mask, maskStride, count, destination)
        case 8: compress(UInt64.self, source, sourceStride, mask, maskStride, count, destination)
        default: compress(SixteenBytes.self, source, sourceStride, mask, maskStride, count, destination)
        }
    }

    @inline(__always)
    private static func compress<T>(
        _: T.Type, _ source: UnsafeRawPointer, _ sourceStride: Int, _ mask: UnsafeRawPointer, _ maskStride: Int,
        _ count: Int, _ destination: UnsafeMutableRawPointer
    ) -> Int {
        let out = destination.assumingMemoryBound(to: T.self)
        var n = 0
        if sourceStride == MemoryLayout<T>.size && maskStride == 1 {
            // Eight elements at a time, without a chain through `n` per element: for 0/1
            // mask bytes, `word * 0x0101…01` holds in byte k the number of set bytes
            // 0...k, so element k goes to `n` plus the count before it. An element that is
            // not kept lands on the slot of the next kept one, which overwrites it later
            // (stores stay in order), or on the spare slot.
            let size = MemoryLayout<T>.size
            @inline(__always) func element(_ j: Int) -> T { source.loadUnaligned(fromByteOffset: j &* size, as: T.self) }
            var i = 0
            while i &+ 8 <= count {
                let word = mask.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let before = (word &* 0x0101_0101_0101_0101) << 8
                let block = out + n
                block[0] = element(i)
                block[Int(truncatingIfNeeded: (before >> 8) & 0xFF)] = element(i &+ 1)
                block[Int(truncatingIfNeeded: (before >> 16) & 0xFF)] = element(i &+ 2)
                block[Int(truncatingIfNeeded: (before >> 24) & 0xFF)] = element(i &+ 3)
                block[Int(truncatingIfNeeded: (before >> 32) & 0xFF)] = element(i &+ 4)
                block[Int(truncatingIfNeeded: (before >> 40) & 0xFF)] = element(i &+ 5)
                block[Int(truncatingIfNeeded: (before >> 48) & 0xFF)] = element(i &+ 6)
                block[Int(truncatingIfNeeded: before >> 56)] = element(i &+ 7)
                n &+= Int(truncatingIfNeeded: ((word &* 0x0101_0101_0101_0101) >> 56))
                i &+= 8
            }
            let m = mask.assumingMemoryBound(to: UInt8.self)
            while i < count {
                out[n] = element(i)
                n &+= isNonzero(m[i])
                i &+= 1
            }
            return n
        }
        for i in 0..<count {
            out[n] = source.loadUnaligned(fromByteOffset: i &* sourceStride, as: T.self)
            n &+= isNonzero(mask.load(fromByteOffset: i &* maskStride, as: UInt8.self))
        }
        return n
    }

    /// Writes the one element at `value` wherever the mask byte of a run is non-zero.
    static func maskedFill(
        itemSize: Int, value: UnsafeRawPointer, destination: UnsafeMutableRawPointer, destinationStride: Int,
        mask: UnsafeRawPointer, maskStride: Int, count: Int
    ) {
        switch itemSize {
        case 1: maskedFill(UInt8.self, value, destination, destinationStride, mask, maskStride, count)
        case 2: maskedFill(UInt16.self, value, destination, destinationStride, mask, maskStride, count)
        case 4: maskedFill(UInt32.self, value, destination, destinationStride, mask, maskStride, count)
        case 8: maskedFill(UInt64.self, value, destination, destinationStride, mask, maskStride, count)
        default: maskedFill(SixteenBytes.self, value, destination, destinationStride, mask, maskStride, count)
        }
    }

    @inline(__always)
    private static func maskedFill<T>(
        _: T.Type, _ value: UnsafeRawPointer, _ destination: UnsafeMutableRawPointer, _ destinationStride: Int,
        _ mask: UnsafeRawPointer, _ maskStride: Int, _ count: Int
    ) {
        let v = value.loadUnaligned(as: T.self)
        if destinationStride == MemoryLayout<T>.size && maskStride == 1 {
            // Branch-free select: a random mask would mispredict every other branch.
            let out = destination.assumingMemoryBound(to: T.self)
            let m = mask.assumingMemoryBound(to: UInt8.self)
            for i in 0..<count {
                let old = out[i]
                out[i] = m[i] != 0 ? v : old
            }
            return
        }
        for i in 0..<count where mask.load(fromByteOffset: i &* maskStride, as: UInt8.self) != 0 {
            destination.storeBytes(of: v, toByteOffset: i &* destinationStride, as: T.self)
        }
    }

    /// How many spare `Int64` slots ``nonzeroPositions(mask:maskStride:count:base:destination:)``
    /// needs after the last position it keeps.
    static let nonzeroSpareSlots = 8

    /// For each byte `b`, the positions (0...7) of its set bits in increasing order,
    /// packed one per byte from the lowest; the unused bytes are 0.
    static let setBitPositions: [UInt64] = (0..<256).map { (bits: Int) -> UInt64 in
        var packed: UInt64 = 0, slot: UInt64 = 0
        for bit in 0..<8 where bits & (1 << bit) != 0 {
            packed |= UInt64(bit) << (8 * slot)
            slot += 1
        }
        return packed
    }

    /// Stores the run's positions `base + i` whose mask byte is non-zero as `Int64`s at
    /// `destination` and returns how many; branch-free, so ``nonzeroSpareSlots`` spare
    /// slots are needed. A contiguous mask must be a `bool` array's (bytes 0 or 1).
    static func nonzeroPositions(mask: UnsafeRawPointer, maskStride: Int, count: Int, base: Int, destination: UnsafeMutablePointer<Int64>) -> Int {
        var n = 0
        if maskStride == 1 {
            // Eight mask bytes at a time: their eight 0/1 bytes become the bits of one
            // byte (the multiply moves byte k's low bit to bit 56 + k without carries),
            // which picks the packed positions of those bits from a table; all eight
            // positions are stored at once and the output advances by how many were set.
            // No loop-carried chain per element, unlike a store-then-advance loop.
            var i = 0
            setBitPositions.withUnsafeBufferPointer { table in
                while i &+ 8 <= count {
                    let word = mask.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let bits = Int(truncatingIfNeeded: (word &* 0x0102_0408_1020_4080) >> 56)
                    let offsets = unsafeBitCast(table[bits], to: SIMD8<UInt8>.self)
                    let positions = SIMD8<Int64>(truncatingIfNeeded: offsets) &+ SIMD8(repeating: Int64(base &+ i))
                    UnsafeMutableRawPointer(destination + n).storeBytes(of: positions, as: SIMD8<Int64>.self)
                    // The sum of the eight 0/1 bytes (baseline x86-64 has no popcnt).
                    n &+= Int(truncatingIfNeeded: (word &* 0x0101_0101_0101_0101) >> 56)
                    i &+= 8
                }
            }
            let m = mask.assumingMemoryBound(to: UInt8.self)
            while i < count {
                destination[n] = Int64(base &+ i)
                n &+= isNonzero(m[i])
                i &+= 1
            }
            return n
        }
        for i in 0..<count {
            destination[n] = Int64(base &+ i)
            n &+= isNonzero(mask.load(fromByteOffset: i &* maskStride, as: UInt8.self))
        }
        return n
    }
}

extension ElementKernels {
    /// Outputs of at least this many bytes are written with streaming stores by the
    /// gathers that have such a kernel: a random gather from a large array is bound by
    /// cache misses, and an output that bypasses the caches leaves them to the source
    /// (a 10^6-element float64 `take` runs about 1.5-2x faster that way on Zen 4). Below
    /// it (half a typical L2 cache and more) the output is likelier to be used while hot.
    static let streamingThreshold = 4 << 20

    /// Whether copy kernels may use AVX2 (when the CPU has it): `TESSERA_MAX_ISA` is unset
    /// or allows it. A malformed value, which the backends report, counts as `sse2` here.
    static let allowsAVX2: Bool = {
        do {
            guard let cap = try InstructionSetLevel.cap() else { return true }
            return cap >= .avx2
        } catch {
            return false
        }
    }()

    /// NumPy's `take` of one axis with `mode='raise'`, bounds check and gather in one pass:
    /// `destination[i] = source[positions[i]]` with negative positions counted from the
    /// end. Returns the index of the first position out of range, or nil.
    static func takeChecked(
        itemSize: Int, source: UnsafeRawPointer, length: Int, positions: UnsafePointer<Int64>, count: Int,
        destination: UnsafeMutableRawPointer
    ) -> Int? {
        if (itemSize == 8 || itemSize == 4) && count * itemSize >= streamingThreshold {
            let bad = tessera_take_streaming(source, itemSize, length, positions, count, destination)
            return bad < 0 ? nil : bad
        }
        return switch itemSize {
        case 1: takeChecked(UInt8.self, source, length, positions, count, destination)
        case 2: takeChecked(UInt16.self, source, length, positions, count, destination)
        case 4: takeChecked(UInt32.self, source, length, positions, count, destination)
        case 8: takeChecked(UInt64.self, source, length, positions, count, destination)
        default: takeChecked(SixteenBytes.self, source, length, positions, count, destination)
        }
    }

    @inline(__always)
    private static func takeChecked<T>(
        _: T.Type, _ source: UnsafeRawPointer, _ length: Int, _ positions: UnsafePointer<Int64>, _ count: Int,
        _ destination: UnsafeMutableRawPointer
    ) -> Int? {
        let input = source.assumingMemoryBound(to: T.self)
        let out = destination.assumingMemoryBound(to: T.self)
        for i in 0..<count {
            var p = Int(positions[i])
            if p < 0 { p &+= length }
            guard UInt(bitPattern: p) < UInt(length) else { return i }
            out[i] = input[p]
        }
        return nil
    }

    /// `destination[i] = source[positions[i]]` (element positions, contiguous output).
    static func gather(
        itemSize: Int, source: UnsafeRawPointer, positions: UnsafePointer<Int>, count: Int,
        destination: UnsafeMutableRawPointer
    ) {
        switch itemSize {
        case 1: gatherPositions(UInt8.self, source, positions, count, destination)
        case 2: gatherPositions(UInt16.self, source, positions, count, destination)
        case 4: gatherPositions(UInt32.self, source, positions, count, destination)
        case 8: gatherPositions(UInt64.self, source, positions, count, destination)
        default: gatherPositions(SixteenBytes.self, source, positions, count, destination)
        }
    }

    @inline(__always)
    private static func gatherPositions<T>(
        _: T.Type, _ source: UnsafeRawPointer, _ positions: UnsafePointer<Int>, _ count: Int,
        _ destination: UnsafeMutableRawPointer
    ) {
        let input = source.assumingMemoryBound(to: T.self)
        let out = destination.assumingMemoryBound(to: T.self)
        for i in 0..<count { out[i] = input[positions[i]] }
    }
}
