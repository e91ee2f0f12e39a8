/// The shape and per-operand byte strides of one elementwise iteration, reduced to
/// the fewest axes that walk memory in the best order.
///
/// Preparation (NumPy's nditer does the same): drop length-1 axes, order the axes as
/// NumPy's iterator does (the innermost has the smallest strides where the operands
/// agree), and merge ("coalesce") neighbouring axes that every operand walks as one. A
/// contiguous operation becomes a single 1-D run. Reductions start from the same order and
/// coalescing (``ReductionIterator``) and add NumPy's buffering on top.
struct IterationLayout {
    /// Axis lengths, outermost first. Never empty: a 0-d iteration is one axis of length 1.
    var shape: [Int]
    /// `strides[operand][axis]` in bytes.
    var strides: [[Int]]

    var operandCount: Int { strides.count }
    var elementCount: Int { shape.reduce(1, *) }
    var innerLength: Int { shape[shape.count - 1] }

    /// Builds a layout; `strides[operand]` must have `shape.count` entries (0 for broadcast axes).
    /// The axes are put in NumPy's iteration order (``axisOrder(shape:strides:)``), or kept
    /// in C order with `keepOrder` (for callers that need it, e.g. `toArray`), then
    /// coalesced (``coalesce(shape:strides:)``).
    init(shape: [Int], strides: [[Int]], keepOrder: Bool = false) {
        if shape.contains(0) {
            self.shape = [0]
            self.strides = strides.map { _ in [0] }
            return
        }
        let order = (keepOrder ? Array(shape.indices.reversed()) : IterationLayout.axisOrder(shape: shape, strides: strides))
            .filter { shape[$0] != 1 }
        var innerFirstShape = order.map { shape[$0] }
        var innerFirstStrides = strides.map { operand in order.map { operand[$0] } }
        if innerFirstShape.isEmpty {
            self.shape = [1]
            self.strides = strides.map { _ in [0] }
            return
        }
        IterationLayout.coalesce(shape: &innerFirstShape, strides: &innerFirstStrides)
        self.shape = innerFirstShape.reversed()
        self.strides = innerFirstStrides.map { $0.reversed() }
    }

    /// NumPy's iteration order for operands with these per-axis byte strides (C axis
    /// order; 0 on broadcast axes): the axes, innermost first (``bestAxisOrder(_:)``).
    /// Length-1 axes take no part in the comparisons.
    static func axisOrder(shape: [Int], strides: [[Int]]) -> [Int] {
        // NumPy keeps its axes reversed from C order and sorts that list.
        let reversed = Array(shape.indices.reversed())
        let axisStrides = reversed.map { axis in strides.map { shape[axis] == 1 ? 0 : $0[axis] } }
        return bestAxisOrder(axisStrides).map { reversed[$0] }
    }

    /// Merges neighbouring axes that every operand walks with one stride (NumPy's
    /// `npyiter_coalesce_axes`): axis `k + 1` folds into axis `k` when each operand's stride
    /// on it is its stride on axis `k` times axis `k`'s length. `shape` and `strides[operand]`
    /// list the axes innermost first; a length-1 axis (stride 0 everywhere) merges with
    /// anything. Every iteration of the core — elementwise runs, reductions, copies —
    /// coalesces here.
    static func coalesce(shape: inout [Int], strides: inout [[Int]]) {
        guard shape.count > 1 else { return }
        var newShape = [shape[0]]
        var newStrides = strides.map { [$0[0]] }
        for axis in 1..<shape.count {
            let last = newShape.count - 1
            let shape0 = newShape[last], shape1 = shape[axis]
            let mergeable = strides.indices.allSatisfy { operand in
                let s0 = newStrides[operand][last], s1 = strides[operand][axis]
                return (shape0 == 1 && s0 == 0) || (shape1 == 1 && s1 == 0) || s0 * shape0 == s1
            }
            if mergeable {
                newShape[last] = shape0 * shape1
                for operand in strides.indices where newStrides[operand][last] == 0 {
                    newStrides[operand][last] = strides[operand][axis]
                }
            } else {
                newShape.append(shape1)
                for operand in strides.indices { newStrides[operand].append(strides[operand][axis]) }
            }
        }
        shape = newShape
        strides = newStrides
    }

    /// Calls `body` once per innermost run with the operands' pointers, the run length
    /// and the operands' inner strides, walking the outer axes in C order (``Odometer``).
    func forEachRun(
        bases: [UnsafeMutableRawPointer],
        _ body: (_ pointers: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ count: Int, _ steps: UnsafeMutablePointer<Int>) -> Void
    ) {
        let operands = operandCount
        let inner = shape.count - 1
        let count = shape[inner]
        if count == 0 { return }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: operands) { pointers in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: operands) { steps in
                for operand in 0..<operands {
                    pointers[operand] = bases[operand]
                    steps[operand] = strides[operand][inner]
                }
                if inner == 0 {
                    body(pointers.baseAddress!, count, steps.baseAddress!)
                    return
                }
                // `current` holds the walk's addresses: `body` may move its copies in `pointers`.
                withUnsafeTemporaryAllocation(of: Int.self, capacity: inner + operands) { scratch in
                    scratch.initialize(repeating: 0)
                    let counter = scratch.baseAddress!, current = scratch.baseAddress! + inner
                    for operand in 0..<operands { current[operand] = Int(bitPattern: bases[operand]) }
                    repeat {
                        for operand in 0..<operands { pointers[operand] = UnsafeMutableRawPointer(bitPattern: current[operand]) }
                        body(pointers.baseAddress!, count, steps.baseAddress!)
                    } while Odometer.advance(counter, over: Odometer.cOrder(inner), length: { shape[$0] }) { axis, moves in
                        for operand in 0..<operands { current[operand] &+= moves &* strides[operand][axis] }
                    }
                }
            }
        }
    }
}
