import ComplexModule
@testable import TesseraCore

/// Deterministic test data for every dtype: random values mixed with the values that
/// break numeric code — zeros of both signs, ±inf, NaN, subnormals, integer extremes.
public enum ArrayGenerators {
    public static func specialDoubles(for dtype: DType) -> [Double] {
        let tiny: Double = dtype == .float64 ? 5e-324 : (dtype == .float32 ? 1.4e-45 : 6e-8)
        let huge: Double = dtype == .float64 ? 1.7976931348623157e308 : (dtype == .float32 ? 3.4028234663852886e38 : 65504)
        return [0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3, -7, .infinity, -.infinity, .nan, tiny, -tiny, huge, -huge, 1e-3, 100]
    }

    /// `count` values of `dtype`, the same for the same `seed`.
    ///
    /// Integers start with the dtype's extremes and small values of both signs, then mix
    /// values in ±9, values in ±1000 and random bit patterns (wrapped to the dtype).
    /// Floats, and both parts of complex values, start with ``specialDoubles(for:)`` (when
    /// `count` is at least twice their number), then mix further special values, uniform
    /// values in ±10, multiples of ¼ and values in ±1 scaled by 10⁻³⁰…10³⁰.
    /// With `shiftAmounts: true`, integer dtypes get shift counts instead: values from −2
    /// to the bit width + 2, so that `left_shift`/`right_shift` see negative and
    /// too-large shifts. Other dtypes ignore `shiftAmounts`.
    public static func values(_ dtype: DType, count: Int, seed: UInt64, shiftAmounts: Bool = false) -> NDArray {
        var rng = SeededGenerator(seed: seed &* 0x9E37 &+ UInt64(dtype.rawValue))
        switch dtype {
        case .bool:
            return NDArray((0..<count).map { _ in Bool.random(using: &rng) })
        case _ where dtype.isInteger:
            let bits = dtype.itemSize * 8
            let extremes: [Int64] = dtype.isSignedInteger
                ? [0, 1, -1, 2, -2, 7, Int64(truncatingIfNeeded: (UInt64(1) << (bits - 1)) - 1), Int64.min >> (64 - bits)]
                : [0, 1, 2, 7, Int64(bitPattern: bits == 64 ? UInt64.max : (UInt64(1) << bits) - 1)]
            let values: [Int64] = (0..<count).map { i in
                if shiftAmounts { return Int64.random(in: -2...Int64(bits + 2), using: &rng) }
                if i < extremes.count { return extremes[i] }
                switch UInt8.random(in: 0..<3, using: &rng) {
                case 0: return Int64.random(in: -9...9, using: &rng)
                case 1: return Int64(bitPattern: rng.next())
                default: return Int64.random(in: -1000...1000, using: &rng)
                }
            }
            return NDArray(values).astype(dtype)
        case _ where dtype.isFloatingPoint:
            return NDArray(doubles(dtype, count: count, rng: &rng)).astype(dtype)
        default:
            let real = doubles(dtype.realComponent, count: count, rng: &rng)
            let imaginary = doubles(dtype.realComponent, count: count, rng: &rng).shuffled(using: &rng)
            return NDArray(zip(real, imaginary).map { Complex($0, $1) }).astype(dtype)
        }
    }

    static func doubles(_ dtype: DType, count: Int, rng: inout SeededGenerator) -> [Double] {
        let special = specialDoubles(for: dtype)
        return (0..<count).map { i in
            if i < special.count && count >= 2 * special.count { return special[i] }
            switch UInt8.random(in: 0..<4, using: &rng) {
            case 0: return special.randomElement(using: &rng)!
            case 1: return Double.random(in: -10...10, using: &rng)
            case 2: return Double(Int.random(in: -20...20, using: &rng)) / 4
            default: return Double.random(in: -1...1, using: &rng) * pow(10, Double(Int.random(in: -30...30, using: &rng)))
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
