extension UFunc {
    /// What the call and reduction machinery needs to know about a ufunc beyond its loops,
    /// declared per ufunc in the catalogue (`UFunc/Catalogue/catalogue.py`) and read from
    /// there: no code asks for a ufunc by name to decide how to run it.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt8

        /// Returns one of its operands by a fixed rule (`maximum`, `minimum`, `fmax`,
        /// `fmin`): idempotent and associative on bool, integers and reals, so a parallel
        /// reduction may start each piece from the piece's own first element and fold the
        /// pieces in order to the element the sequential walk selects.
        static let selection = Traits(rawValue: 1 << 0)
        /// `logical_*`: inputs are read as truth values (Swift scalars too, as NumPy reads
        /// Python scalars), the result is bool, and a reduction of any input type runs in
        /// bool without the `same_kind` check.
        static let logical = Traits(rawValue: 1 << 1)
        /// Reductions of bool and of integers narrower than 64 bits accumulate in int64
        /// (uint64 for unsigned) unless a dtype is asked for: NumPy's `sum` and `prod`.
        static let widensIntegerReductions = Traits(rawValue: 1 << 2)
        /// Associative on integers (results wrap), so partial reductions started from the
        /// identity combine to the sequential result bit for bit.
        static let exactOnIntegers = Traits(rawValue: 1 << 3)
        /// Associative on bool, likewise.
        static let exactOnBool = Traits(rawValue: 1 << 4)
        /// A sum: a float32/float64 reduction may be split, bit for bit, only through a
        /// loop that states ``InnerLoop/ReductionContract/pairwiseSum``; partials start from
        /// −0.0 (the value that leaves every float unchanged under `+`, signed zeros and
        /// NaN payloads included).
        static let pairwiseSum = Traits(rawValue: 1 << 5)
    }
}
