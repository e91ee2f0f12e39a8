/// The shape and per-operand byte strides of one elementwise iteration, reduced to
/// the fewest axes that walk memory in the best order.
///
/// Preparation (NumPy's nditer does the same): drop length-1 axes, order the axes so
/// the innermost one has the smallest strides, and merge ("coalesce") neighbouring axes
/// that every operand walks as one. A contiguous operation becomes a single 1-D run.
struct IterationLayout {
    /// Axis lengths, outermost first. Never empty: a 0-d iteration is one axis of length 1.
    var shape: [Int]
    /// `strides[operand][axis]` in bytes.
    var strides: [[Int]]

    var operandCount: Int { strides.count }
    var elementCount: Int { shape.reduce(1, *) }
    var innerLength: Int { shape[shape.count - 1] }

    /// Builds a layout; `strides[operand]` must have `shape.count` entries (0 for broadcast axes).
    /// `keepOrder` skips reordering (used when a caller needs C order, e.g. `toArray`).
    init(shape: [Int], strides: [[Int]], keepOrder: Bool = false) {
        var axes = shape.indices.filter { shape[$0] != 1 }
        if shape.contains(0) {
            self.shape = [0]
            self.strides = strides.map { _ in [0] }
            return
        }
        if !keepOrder {
            // Innermost axis: smallest absolute stride, judged by the operands in order
            // (the first operand is the output for ufuncs), so no operand is walked
            // against its own layout when they agree; a stable sort keeps C order on ties.
            axes.sort { a, b in
                for operand in strides {
                    let sa = abs(operand[a]), sb = abs(operand[b])
                    if sa != sb { return sa > sb }
                }
                return a < b
            }
        }
        var newShape: [Int] = []
        var newStrides: [[Int]] = strides.map { _ in [] }
        for axis in axes {
            if let last = newShape.indices.last,
               strides.indices.allSatisfy({ strides[$0][axis] * shape[axis] == newStrides[$0][last] })
            {
                // The previous (outer) axis steps exactly one full run of this axis: merge.
                newShape[last] *= shape[axis]
                for operand in strides.indices { newStrides[operand][last] = strides[operand][axis] }
                continue
            }
            newShape.append(shape[axis])
            for operand in strides.indices { newStrides[operand].append(strides[operand][axis]) }
        }
        if newShape.isEmpty {
            newShape = [1]
            newStrides = strides.map { _ in [0] }
        }
        self.shape = newShape
        self.strides = newStrides
    }

    /// Calls `body` once per innermost run with the operands' pointers, the run length
    /// and the operands' inner strides, walking the outer axes like an odometer.
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
                var index = [Int](repeating: 0, count: inner)
                var current = bases
                while true {
                    for operand in 0..<operands { pointers[operand] = current[operand] }
                    body(pointers.baseAddress!, count, steps.baseAddress!)
                    // Advance the odometer over the outer axes.
                    var axis = inner - 1
                    while axis >= 0 {
                        index[axis] += 1
                        for operand in 0..<operands { current[operand] += strides[operand][axis] }
                        if index[axis] < shape[axis] { break }
                        for operand in 0..<operands { current[operand] -= strides[operand][axis] * shape[axis] }
                        index[axis] = 0
                        axis -= 1
                    }
                    if axis < 0 { return }
                }
            }
        }
    }
}
