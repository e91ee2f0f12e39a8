/// A bit generator whose 32-bit draws split 64-bit ones as NumPy's `next_uint32` does for
/// PCG64, PCG64DXSM, SFC64 and Philox: the low half of a fresh 64-bit draw, with the high
/// half kept (`has_uint32`, `uinteger`) and returned by the next 32-bit draw. Taking the
/// kept half leaves `uinteger` as it was, as NumPy does (its value shows in the state).
protocol KeptHalfBitGenerator: Random.BitGenerator {
    var hasUInt32: Bool { get set }
    var uinteger: UInt32 { get set }
}

extension KeptHalfBitGenerator {
    /// NumPy's buffered `next_uint32`.
    @inline(__always)
    mutating func nextKeptHalfUInt32() -> UInt32 {
        if hasUInt32 {
            hasUInt32 = false
            return uinteger
        }
        let value = nextUInt64()
        hasUInt32 = true
        uinteger = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }
}

extension Random.PCG64: KeptHalfBitGenerator {}
extension Random.PCG64DXSM: KeptHalfBitGenerator {}
extension Random.SFC64: KeptHalfBitGenerator {}
extension Random.Philox: KeptHalfBitGenerator {}
