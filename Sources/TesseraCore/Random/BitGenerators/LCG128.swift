/// The 128-bit linear congruential step that PCG64 and PCG64DXSM share (they differ in
/// the multiplier and the output function), and what follows from it.
enum LCG128 {
    /// ⌊φ · 2¹²⁸⌋ (φ the golden ratio's fractional part): NumPy's `jumped` stride, far
    /// enough that jumped streams do not overlap.
    static let jumpStride: UInt128 = (UInt128(0x9e37_79b9_7f4a_7c15) << 64) | UInt128(0xf39c_c060_5ced_c835)

    /// The state after `delta` steps of `state · multiplier + increment` (modulo 2¹²⁸),
    /// in O(log delta) by composing the step with itself (Brown's method, as NumPy's
    /// `pcg_advance_lcg_128`).
    static func advance(_ state: UInt128, by delta: UInt128, multiplier: UInt128, increment: UInt128) -> UInt128 {
        var accumulatedMultiplier: UInt128 = 1
        var accumulatedIncrement: UInt128 = 0
        var multiplier = multiplier
        var increment = increment
        var remaining = delta
        while remaining > 0 {
            if remaining & 1 == 1 {
                accumulatedMultiplier = accumulatedMultiplier &* multiplier
                accumulatedIncrement = accumulatedIncrement &* multiplier &+ increment
            }
            increment = (multiplier &+ 1) &* increment
            multiplier = multiplier &* multiplier
            remaining >>= 1
        }
        return accumulatedMultiplier &* state &+ accumulatedIncrement
    }
}
