#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Marsaglia & Tsang's ziggurat with 256 layers, as NumPy draws standard normals and
/// standard exponentials: one 64-bit draw gives a layer index and a uniform integer; the
/// integer times the layer's width is the value when it lies under the layer's lower
/// neighbour (about 99% of draws); otherwise a wedge test or the tail decides.
enum Ziggurat {
    static let normalR = 3.6541528853610087963519472518
    static let normalInverseR = 0.27366123732975827203338247596
    static let exponentialR = 7.6971174701310497140446280481
    static let normalRFloat: Float = 3.6541528853610087963519472518
    static let normalInverseRFloat: Float = 0.27366123732975827203338247596
    static let exponentialRFloat: Float = 7.6971174701310497140446280481

    static let normalK = ZigguratTables.normalK
    static let normalW = ZigguratTables.normalWBits.map(Double.init(bitPattern:))
    static let normalF = ZigguratTables.normalFBits.map(Double.init(bitPattern:))
    static let exponentialK = ZigguratTables.exponentialK
    static let exponentialW = ZigguratTables.exponentialWBits.map(Double.init(bitPattern:))
    static let exponentialF = ZigguratTables.exponentialFBits.map(Double.init(bitPattern:))
    static let normalKFloat = ZigguratTables.normalFloatK
    static let normalWFloat = ZigguratTables.normalFloatWBits.map(Float.init(bitPattern:))
    static let normalFFloat = ZigguratTables.normalFloatFBits.map(Float.init(bitPattern:))
    static let exponentialKFloat = ZigguratTables.exponentialFloatK
    static let exponentialWFloat = ZigguratTables.exponentialFloatWBits.map(Float.init(bitPattern:))
    static let exponentialFFloat = ZigguratTables.exponentialFloatFBits.map(Float.init(bitPattern:))

    /// The tables as one value so that a fill loop loads them once (immutable, never freed).
    struct Tables: @unchecked Sendable {
        let k: UnsafePointer<UInt64>
        let w: UnsafePointer<Double>
        let f: UnsafePointer<Double>
    }

    static let normalTables = Tables(k: pinned(normalK), w: pinned(normalW), f: pinned(normalF))
    static let exponentialTables = Tables(k: pinned(exponentialK), w: pinned(exponentialW), f: pinned(exponentialF))

    /// A process-lifetime copy of a table (never freed), for loads without bounds checks.
    private static func pinned<T>(_ values: [T]) -> UnsafePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: values.count)
        pointer.initialize(from: values, count: values.count)
        return UnsafePointer(pointer)
    }

    /// NumPy's `random_standard_normal`.
    @inline(__always)
    static func standardNormal<B: Random.BitGenerator>(_ bits: inout B, _ t: Tables) -> Double {
        while true {
            var r = bits.nextUInt64()
            let index = Int(r & 0xff)
            r >>= 8
            let negative = r & 1 == 1
            let magnitude = (r >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(magnitude) * t.w[index]
            if negative { x = -x }
            if magnitude < t.k[index] { return x }
            if let value = normalUnlikely(&bits, t, index: index, magnitude: magnitude, x: x) { return value }
        }
    }

    @inline(never)
    static func normalUnlikely<B: Random.BitGenerator>(_ bits: inout B, _ t: Tables, index: Int, magnitude: UInt64, x: Double) -> Double? {
        if index == 0 {
            // The tail beyond r (Marsaglia 1964); 1 − U avoids log(0).
            while true {
                let xx = -normalInverseR * log1p(-bits.nextDouble())
                let yy = -log1p(-bits.nextDouble())
                if yy + yy > xx * xx {
                    return (magnitude >> 8) & 1 == 1 ? -(normalR + xx) : normalR + xx
                }
            }
        }
        if (t.f[index - 1] - t.f[index]) * bits.nextDouble() + t.f[index] < exp(-0.5 * x * x) { return x }
        return nil
    }

    /// NumPy's `random_standard_exponential`.
    @inline(__always)
    static func standardExponential<B: Random.BitGenerator>(_ bits: inout B, _ t: Tables) -> Double {
        while true {
            var r = bits.nextUInt64() >> 3
            let index = Int(r & 0xff)
            r >>= 8
            let x = Double(r) * t.w[index]
            if r < t.k[index] { return x }
            if let value = exponentialUnlikely(&bits, t, index: index, x: x) { return value }
        }
    }

    @inline(never)
    static func exponentialUnlikely<B: Random.BitGenerator>(_ bits: inout B, _ t: Tables, index: Int, x: Double) -> Double? {
        if index == 0 { return exponentialR - log1p(-bits.nextDouble()) }
        if (t.f[index - 1] - t.f[index]) * bits.nextDouble() + t.f[index] < exp(-x) { return x }
        return nil
    }

    /// NumPy's `random_standard_normal_f`: one 32-bit draw per attempt.
    static func standardNormalFloat<B: Random.BitGenerator>(_ bits: inout B) -> Float {
        while true {
            let r = bits.nextUInt32()
            let index = Int(r & 0xff)
            let negative = (r >> 8) & 1 == 1
            let magnitude = (r >> 9) & 0x007f_ffff
            var x = Float(magnitude) * normalWFloat[index]
            if negative { x = -x }
            if magnitude < normalKFloat[index] { return x }
            if index == 0 {
                while true {
                    let xx = -normalInverseRFloat * log1pf(-bits.nextFloat())
                    let yy = -log1pf(-bits.nextFloat())
                    if yy + yy > xx * xx {
                        return (magnitude >> 8) & 1 == 1 ? -(normalRFloat + xx) : normalRFloat + xx
                    }
                }
            }
            // NumPy compares in double: exp(-0.5 * x * x) with x widened.
            let wedge = (normalFFloat[index - 1] - normalFFloat[index]) * bits.nextFloat() + normalFFloat[index]
            if Double(wedge) < exp(-0.5 * Double(x) * Double(x)) { return x }
        }
    }

    /// NumPy's `random_standard_exponential_f`.
    static func standardExponentialFloat<B: Random.BitGenerator>(_ bits: inout B) -> Float {
        while true {
            var r = bits.nextUInt32() >> 1
            let index = Int(r & 0xff)
            r >>= 8
            let x = Float(r) * exponentialWFloat[index]
            if r < exponentialKFloat[index] { return x }
            if index == 0 { return exponentialRFloat - log1pf(-bits.nextFloat()) }
            if (exponentialFFloat[index - 1] - exponentialFFloat[index]) * bits.nextFloat() + exponentialFFloat[index] < expf(-x) {
                return x
            }
        }
    }
}
