/// The multi-index counter of NumPy's iterator (its `iternext` over the outer axes): the
/// one place that steps a coordinate vector through a box of axes and tells the walker how
/// far each operand's address moves.
///
/// Walkers keep their own addresses and strides (a stride table, `[[Int]]` per operand, or
/// coordinates only) and pass `move`, which shifts them along one axis by a number of
/// steps; the counting and wrapping rule lives here. Everything is `@inline(__always)`, so
/// a walker compiles to the loop it would have written by hand.
enum Odometer {
    /// Advances `index` to the next position of the box `length(axis)` over `axes`, listed
    /// fastest-varying first: the first axis that has room goes up by one (`move(axis, 1)`),
    /// and every axis before it, at its end, wraps back to 0 (`move(axis, 1 - length)`).
    /// Returns false, with every coordinate back at 0, after the last position.
    @inline(__always)
    static func advance<Axes: Sequence<Int>>(
        _ index: UnsafeMutablePointer<Int>,
        over axes: Axes,
        length: (_ axis: Int) -> Int,
        move: (_ axis: Int, _ steps: Int) -> Void
    ) -> Bool {
        for axis in axes {
            let next = index[axis] + 1
            let extent = length(axis)
            if next < extent {
                index[axis] = next
                move(axis, 1)
                return true
            }
            index[axis] = 0
            move(axis, 1 - extent)
        }
        return false
    }

    /// The C-order (last axis fastest) walk of axes `0 ..< count`, as ``advance(_:over:length:move:)``
    /// takes it.
    @inline(__always)
    static func cOrder(_ count: Int) -> ReversedCollection<Range<Int>> {
        (0..<count).reversed()
    }
}
