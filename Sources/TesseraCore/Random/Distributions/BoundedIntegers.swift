/// NumPy's bounded integers (`distributions.c`, `random_bounded_*`): an integer in
/// `off … off + rng` by Lemire's multiply-and-reject method, from a 64-bit draw when the
/// range needs more than 32 bits, else from a 32-bit draw; 16- and 8-bit ranges (and
/// booleans) take their draws from a buffered 32-bit word, two, four (or 32) at a time.
enum BoundedIntegers {
    /// The buffered 32-bit word of one fill call (NumPy's `buf`, `bcnt`).
    struct Buffer {
        var word: UInt32 = 0
        var remaining = 0
    }

    /// Lemire's method on 64-bit draws for `0 … rng`, `rng < UInt64.max`.
    @inline(__always)
    static func lemire64<B: Random.BitGenerator>(_ bits: inout B, _ rng: UInt64) -> UInt64 {
        let exclusive = rng &+ 1
        var product = bits.nextUInt64().multipliedFullWidth(by: exclusive)
        if product.low < exclusive {
            let threshold = (UInt64.max &- rng) % exclusive
            while product.low < threshold {
                product = bits.nextUInt64().multipliedFullWidth(by: exclusive)
            }
        }
        return product.high
    }

    /// Lemire's method on 32-bit draws for `0 … rng`, `rng < UInt32.max`.
    @inline(__always)
    static func lemire32<B: Random.BitGenerator>(_ bits: inout B, _ rng: UInt32) -> UInt32 {
        let exclusive = UInt64(rng) &+ 1
        var product = UInt64(bits.nextUInt32()) &* exclusive
        if UInt32(truncatingIfNeeded: product) < UInt32(truncatingIfNeeded: exclusive) {
            let threshold = (UInt32.max &- rng) % UInt32(truncatingIfNeeded: exclusive)
            while UInt32(truncatingIfNeeded: product) < threshold {
                product = UInt64(bits.nextUInt32()) &* exclusive
            }
        }
        return UInt32(truncatingIfNeeded: product >> 32)
    }

    @inline(__always)
    static func buffered16<B: Random.BitGenerator>(_ bits: inout B, _ buffer: inout Buffer) -> UInt16 {
        if buffer.remaining == 0 {
            buffer.word = bits.nextUInt32()
            buffer.remaining = 1
        } else {
            buffer.word >>= 16
            buffer.remaining -= 1
        }
        return UInt16(truncatingIfNeeded: buffer.word)
    }

    @inline(__always)
    static func buffered8<B: Random.BitGenerator>(_ bits: inout B, _ buffer: inout Buffer) -> UInt8 {
        if buffer.remaining == 0 {
            buffer.word = bits.nextUInt32()
            buffer.remaining = 3
        } else {
            buffer.word >>= 8
            buffer.remaining -= 1
        }
        return UInt8(truncatingIfNeeded: buffer.word)
    }

    @inline(__always)
    static func lemire16<B: Random.BitGenerator>(_ bits: inout B, _ rng: UInt16, _ buffer: inout Buffer) -> UInt16 {
        let exclusive = UInt32(rng) &+ 1
        var product = UInt32(buffered16(&bits, &buffer)) &* exclusive
        if UInt16(truncatingIfNeeded: product) < UInt16(truncatingIfNeeded: exclusive) {
            let threshold = (UInt16.max &- rng) % UInt16(truncatingIfNeeded: exclusive)
            while UInt16(truncatingIfNeeded: product) < threshold {
                product = UInt32(buffered16(&bits, &buffer)) &* exclusive
            }
        }
        return UInt16(truncatingIfNeeded: product >> 16)
    }

    @inline(__always)
    static func lemire8<B: Random.BitGenerator>(_ bits: inout B, _ rng: UInt8, _ buffer: inout Buffer) -> UInt8 {
        let exclusive = UInt16(rng) &+ 1
        var product = UInt16(buffered8(&bits, &buffer)) &* exclusive
        if UInt8(truncatingIfNeeded: product) < UInt8(truncatingIfNeeded: exclusive) {
            let threshold = (UInt8.max &- rng) % UInt8(truncatingIfNeeded: exclusive)
            while UInt8(truncatingIfNeeded: product) < threshold {
                product = UInt16(buffered8(&bits, &buffer)) &* exclusive
            }
        }
        return UInt8(truncatingIfNeeded: product >> 8)
    }

    /// NumPy's `random_buffered_bounded_bool`: one bit of a buffered 32-bit word.
    @inline(__always)
    static func bool<B: Random.BitGenerator>(_ bits: inout B, off: Bool, rng: Bool, _ buffer: inout Buffer) -> Bool {
        if !rng { return off }
        if buffer.remaining == 0 {
            buffer.word = bits.nextUInt32()
            buffer.remaining = 31
        } else {
            buffer.word >>= 1
            buffer.remaining -= 1
        }
        return buffer.word & 1 != 0
    }

    /// NumPy's `random_bounded_uint64` (one value, no buffer): `off + [0, rng]`.
    @inline(__always)
    static func uint64<B: Random.BitGenerator>(_ bits: inout B, off: UInt64, rng: UInt64) -> UInt64 {
        if rng == 0 { return off }
        if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff { return off &+ UInt64(bits.nextUInt32()) }
            return off &+ UInt64(lemire32(&bits, UInt32(rng)))
        }
        if rng == .max { return off &+ bits.nextUInt64() }
        return off &+ lemire64(&bits, rng)
    }

    /// NumPy's `random_buffered_bounded_uint32/16/8` for one value of an array-bounds call.
    @inline(__always)
    static func uint32<B: Random.BitGenerator>(_ bits: inout B, off: UInt32, rng: UInt32) -> UInt32 {
        if rng == 0 { return off }
        if rng == .max { return off &+ bits.nextUInt32() }
        return off &+ lemire32(&bits, rng)
    }

    @inline(__always)
    static func uint16<B: Random.BitGenerator>(_ bits: inout B, off: UInt16, rng: UInt16, _ buffer: inout Buffer) -> UInt16 {
        if rng == 0 { return off }
        if rng == .max { return off &+ buffered16(&bits, &buffer) }
        return off &+ lemire16(&bits, rng, &buffer)
    }

    @inline(__always)
    static func uint8<B: Random.BitGenerator>(_ bits: inout B, off: UInt8, rng: UInt8, _ buffer: inout Buffer) -> UInt8 {
        if rng == 0 { return off }
        if rng == .max { return off &+ buffered8(&bits, &buffer) }
        return off &+ lemire8(&bits, rng, &buffer)
    }

    /// NumPy's `random_interval(max)`: the smallest all-ones mask ≥ `max`, masked draws
    /// until one is ≤ `max` (32-bit draws when `max` fits in 32 bits). Generator.shuffle
    /// and permutation use it.
    @inline(__always)
    static func interval<B: Random.BitGenerator>(_ bits: inout B, _ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = mask(max)
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(bits.nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = bits.nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// The smallest all-ones bit mask ≥ `value` (NumPy's `_gen_mask`).
    @inline(__always)
    static func mask(_ value: UInt64) -> UInt64 {
        if value == 0 { return 0 }
        return UInt64.max >> value.leadingZeroBitCount
    }
}
