/// Tessera's rule for what an unstable sort leaves open, so that `sort` and `argsort` give
/// the same bits and the same indices whichever backend, instruction set or thread count
/// sorted (NumPy leaves this to its code path: its AVX2 and AVX-512 sorts differ here).
///
/// - `argsort` (every kind): equal elements end in ascending index order — the stable
///   order. Every ``SortLoop/Argsort`` kernel promises this.
/// - `sort` of floats with `kind: .quicksort`: among elements NumPy's order calls equal
///   but whose bits differ, −0.0 comes before +0.0 (IEEE 754's totalOrder, and the order
///   of Tessera's `maximum`/`minimum`), and the trailing NaNs are ordered by their bit
///   patterns read as unsigned integers. ``canonicalize(_:_:_:)`` puts any sorted lane in
///   that order, after whichever kernel sorted it, in O(log n) plus the zeros and NaNs.
///   (`kind: .stable` keeps the input order of equal elements instead; integers and
///   bool have no equal elements with different bits; complex lanes sort with the one
///   scalar kernel everywhere.)
enum TieOrder {
    /// Puts the zeros and NaNs of a lane sorted in NumPy's order into Tessera's order.
    static func canonicalize(_ dtype: DType, _ values: UnsafeMutableRawPointer, _ count: Int) {
        switch dtype {
        case .float16: floats(Float16.self, UInt16.self, values, count)
        case .float32: floats(Float.self, UInt32.self, values, count)
        case .float64: floats(Double.self, UInt64.self, values, count)
        default: break
        }
    }

    private static func floats<T: BinaryFloatingPoint, Bits: FixedWidthInteger & UnsignedInteger>(
        _: T.Type, _: Bits.Type, _ raw: UnsafeMutableRawPointer, _ count: Int
    ) {
        let values = raw.assumingMemoryBound(to: T.self)
        // The lane is sorted with NaNs last, so each predicate holds on a prefix.
        let zerosStart = prefixLength(count) { values[$0] < 0 }
        let zerosEnd = prefixLength(count) { values[$0] <= 0 }
        if zerosEnd - zerosStart > 1 {
            var negative = 0
            for i in zerosStart..<zerosEnd where values[i].sign == .minus { negative += 1 }
            for i in zerosStart..<zerosEnd { values[i] = i - zerosStart < negative ? -T.zero : T.zero }
        }
        let nansStart = prefixLength(count) { !values[$0].isNaN }
        if count - nansStart > 1 {
            let bits = UnsafeMutableRawPointer(values + nansStart).bindMemory(to: Bits.self, capacity: count - nansStart)
            var nans = UnsafeMutableBufferPointer(start: bits, count: count - nansStart)
            nans.sort()
            _ = UnsafeMutableRawPointer(bits).bindMemory(to: T.self, capacity: count - nansStart)
        }
    }

    /// The length of the prefix of `0..<count` on which `holds` is true (it must be true
    /// on a prefix and false after it), by bisection.
    @inline(__always)
    private static func prefixLength(_ count: Int, _ holds: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = low + (high - low) / 2
            if holds(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
