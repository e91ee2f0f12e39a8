extension IterationLayout {
    /// NumPy's iteration order for several operands (`npyiter_find_best_axis_ordering`): a
    /// stable insertion sort that moves an axis inward when every operand with a non-zero
    /// stride on both axes has the smaller stride on it; an operand with a zero stride on
    /// either axis has no say, and on a conflict the order given (C order) wins.
    ///
    /// `axisStrides[a][k]` is operand `k`'s byte stride on axis `a`, axes listed innermost
    /// first (reversed C order), 0 where the operand does not move. Returns the indices of
    /// `axisStrides` in the new order, innermost first. Used by ufunc calls and reductions,
    /// so both walk their operands as NumPy's iterator does.
    static func bestAxisOrder(_ axisStrides: [[Int]]) -> [Int] {
        var order = Array(axisStrides.indices)
        var placed = 1
        while placed < order.count {
            let strides0 = axisStrides[order[placed]]
            var insertion = placed
            var index = placed - 1
            while index >= 0 {
                let strides1 = axisStrides[order[index]]
                var ambiguous = true, swap = false
                for k in strides0.indices where strides0[k] != 0 && strides1[k] != 0 {
                    if Swift.abs(strides1[k]) <= Swift.abs(strides0[k]) {
                        swap = false
                    } else if ambiguous {
                        swap = true
                    }
                    ambiguous = false
                }
                if !ambiguous {
                    if swap { insertion = index } else { break }
                }
                index -= 1
            }
            if insertion != placed {
                let moved = order.remove(at: placed)
                order.insert(moved, at: insertion)
            }
            placed += 1
        }
        return order
    }
}
