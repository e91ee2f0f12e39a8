/// The walk NumPy's reductions make over their operands, reproduced decision for decision.
///
/// `PyUFunc_ReduceWrapper` (NumPy's `reduction.c`) iterates `[result, input, where-mask]`
/// with an nditer (`BUFFERED | EXTERNAL_LOOP | GROWINNER | DONT_NEGATE_STRIDES`); the
/// iterator allocates the result, whose reduced axes have stride 0. What the iterator
/// decides fixes which elements each inner-loop call receives and in which order — and so
/// how float sums round (the pairwise summation spans one call only), and which NaN a
/// selection keeps. Its steps (`nditer_constr.c`, `nditer_api.c`):
///
/// 1. **Axis order** (`npyiter_find_best_axis_ordering`): a stable insertion sort of the
///    axes, innermost first, by absolute stride. Two axes are compared only on the operands
///    whose strides are both nonzero; an axis moves inward only if every such operand
///    agrees (on conflicts C order wins); when no operand compares two axes the search
///    passes over the one already placed. The result is not allocated yet and takes no
///    part. Negative strides are never flipped (`DONT_NEGATE_STRIDES`).
/// 2. **The result** is allocated in that order: its innermost kept axis is contiguous.
/// 3. **Coalescing** (`npyiter_coalesce_axes`): neighbouring axes every operand walks
///    with one stride merge; length-1 axes (stride 0 everywhere) disappear.
/// 4. **Buffering** (`npyiter_find_buffering_setup`): a cost model picks the "outer" axis,
///    the core (the axes inside it) and the buffer size, and which operands are copied
///    into buffers — an operand that is cast always; any other operand when one stride
///    cannot walk it across the core, so that a strided input may be gathered into a
///    buffer of up to 8192 elements and summed as one pairwise run.
/// 5. **Iteration** (`npyiter_copy_to_buffers`): buffers are filled in iteration order and
///    never cross the outer axis. In "reduce outer" mode each call covers one core (one
///    position of the outer axis); otherwise a call covers a whole buffer.
struct ReductionIterator {
    /// The largest buffer (NumPy's default `np.getbufsize()`).
    static let maximumBufferSize = UFuncExecution.bufferSize

    /// Axis lengths after coalescing, innermost first. Never empty.
    var shape: [Int]
    /// `strides[operand][axis]` in bytes, innermost axis first; 0 on length-1 axes.
    var strides: [[Int]]
    /// The axis buffers do not cross (NumPy's `outerdim`).
    var outerAxis = 0
    /// Elements of the axes inside ``outerAxis`` (NumPy's `coresize`).
    var coreSize = 1
    /// The most elements one buffer holds.
    var bufferSize = 1
    /// Whether each call covers one core ("reduce outer" mode) rather than a whole buffer.
    var reducesByCore = false
    /// Which operands are copied into buffers.
    var buffered: [Bool] = []
    /// The stride a buffered operand is handed to the loop with (its item size, or 0 when
    /// every element of a call is the same one).
    var bufferStrides: [Int] = []

    var operandCount: Int { strides.count }
    var rank: Int { shape.count }

    /// The iteration of operands with per-axis `strides` (C axis order) over `shape`, in
    /// `order` (from ``IterationLayout/axisOrder(shape:strides:)``).
    ///
    /// - Parameters:
    ///   - casts: which operands are cast (always buffered).
    ///   - reduces: which operands are reduced into (the result).
    ///   - itemSizes: each operand's item size in its buffer.
    init(shape cShape: [Int], strides cStrides: [[Int]], order: [Int], casts: [Bool], reduces: [Bool], itemSizes: [Int]) {
        var shape = order.map { cShape[$0] }
        var strides = cStrides.map { operand in order.map { cShape[$0] == 1 ? 0 : operand[$0] } }
        if shape.isEmpty {
            shape = [1]
            strides = cStrides.map { _ in [0] }
        }
        IterationLayout.coalesce(shape: &shape, strides: &strides)
        self.shape = shape
        self.strides = strides
        setUpBuffering(casts: casts, reduces: reduces, itemSizes: itemSizes)
    }

    /// NumPy's `npyiter_find_buffering_setup` (with `GROWINNER`).
    mutating func setUpBuffering(casts: [Bool], reduces: [Bool], itemSizes: [Int]) {
        let operands = strides.indices
        let maximum = Self.maximumBufferSize
        var cost = 1 + casts.filter { $0 }.count
        var singleStrideAxes = [Int](repeating: 1, count: strides.count)
        var operandReduceAxis = [Int](repeating: 0, count: strides.count)
        var reduceAxis = 0
        var size = shape[0]
        var bestAxis = 0, bestCost = cost, bestSize = size, bestCore = 1
        var axis = 1
        while axis < shape.count {
            if reduceAxis != 0 { break }
            if size >= maximum && cost > 1 { break }
            for operand in operands {
                let previous = strides[operand][axis - 1], current = strides[operand][axis]
                if singleStrideAxes[operand] == axis {
                    if previous * shape[axis - 1] == current {
                        singleStrideAxes[operand] += 1
                        continue
                    }
                    if !casts[operand] { cost += 1 }
                }
                if reduces[operand] && (current == 0 || previous == 0) {
                    operandReduceAxis[operand] = axis
                    reduceAxis = axis
                }
            }
            let core = size
            size *= shape[axis]
            if size == 0 { break }
            var bufferSize = size
            if bufferSize > maximum && cost > 1 { bufferSize = maximum }
            // Compared as cost / size, cross-multiplied (in Double, as NumPy, to avoid overflow).
            if Double(cost) * Double(bestSize) <= Double(bestCost) * Double(bufferSize) {
                bestCost = cost
                bestCore = core
                bestSize = size
                bestAxis = axis
            }
            axis += 1
        }
        let byCore = reduceAxis != 0 && bestAxis == reduceAxis
        var mustBuffer = false
        buffered = []
        bufferStrides = []
        for operand in operands {
            var isBuffered = casts[operand]
            let isReduceOperand: Bool
            if !byCore {
                isReduceOperand = false
            } else if operandReduceAxis[operand] == bestAxis {
                isReduceOperand = true
            } else if singleStrideAxes[operand] == bestAxis && !isBuffered {
                isReduceOperand = true
            } else if strides[operand][reduceAxis] == 0 && singleStrideAxes[operand] <= bestAxis {
                isReduceOperand = true
            } else {
                isReduceOperand = false
            }
            let singleStride = singleStrideAxes[operand] + (isReduceOperand ? 1 : 0) > bestAxis
            if !singleStride { isBuffered = true }
            var bufferStride = itemSizes[operand]
            if isBuffered {
                if isReduceOperand {
                    bufferStride = strides[operand][reduceAxis] == 0 ? itemSizes[operand] : 0
                } else if singleStride && strides[operand][0] == 0 {
                    bufferStride = 0
                }
            }
            buffered.append(isBuffered)
            bufferStrides.append(bufferStride)
            mustBuffer = mustBuffer || isBuffered
        }
        if mustBuffer && maximum < bestSize {
            bestSize = bestCore * (maximum / bestCore)
        }
        outerAxis = bestAxis
        coreSize = bestCore
        bufferSize = Swift.max(bestSize, bestCore)
        reducesByCore = byCore
    }

    /// The same walk with axis `axis` limited to `range`: for a split by threads. With
    /// `axis` above ``outerAxis`` (or the outer axis itself in reduce-by-core mode) the
    /// calls are exactly those of the whole walk that fall in the range.
    func restricted(axis: Int, to range: Range<Int>, bases: [UnsafeMutableRawPointer]) -> (ReductionIterator, [UnsafeMutableRawPointer]) {
        var piece = self
        piece.shape[axis] = range.count
        let pieceBases = bases.indices.map { bases[$0] + range.lowerBound * strides[$0][axis] }
        return (piece, pieceBases)
    }

    /// Calls `body` for each buffer in iteration order: the operands' addresses at its first
    /// element, the coordinates of that element (axes inside ``outerAxis`` are 0) and its
    /// element count (a multiple of ``coreSize``).
    func forEachBuffer(
        bases: [UnsafeMutableRawPointer],
        _ body: (_ pointers: UnsafeMutablePointer<UnsafeMutableRawPointer>, _ coordinates: UnsafeMutablePointer<Int>, _ count: Int) -> Void
    ) {
        if shape.contains(0) { return }
        let operands = operandCount, rank = rank, outer = outerAxis
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer.self, capacity: operands) { pointers in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: rank) { coordinates in
                for axis in 0..<rank { coordinates[axis] = 0 }
                while true {
                    for operand in 0..<operands {
                        var address = bases[operand]
                        for axis in outer..<rank { address += coordinates[axis] * strides[operand][axis] }
                        pointers[operand] = address
                    }
                    let count = Swift.min(bufferSize, coreSize * (shape[outer] - coordinates[outer]))
                    body(pointers.baseAddress!, coordinates.baseAddress!, count)
                    coordinates[outer] += count / coreSize
                    if coordinates[outer] < shape[outer] { continue }
                    coordinates[outer] = 0
                    // Addresses come from the coordinates above, so the axes only count.
                    if !Odometer.advance(coordinates.baseAddress!, over: (outer + 1)..<rank, length: { shape[$0] }, move: { _, _ in }) { return }
                }
            }
        }
    }

    /// Copies (casting) the `count` elements of a buffer of `operand`, starting at `source`,
    /// into `destination` in iteration order.
    func gather(operand: Int, from source: UnsafeMutableRawPointer, count: Int, into destination: UnsafeMutableRawPointer, itemSize: Int, cast: CastFunction) {
        let outerStride = strides[operand][outerAxis]
        let positions = count / coreSize
        if outerAxis == 0 {
            cast(source, outerStride, destination, itemSize, count)
            return
        }
        let runLength = shape[0], runStride = strides[operand][0]
        var output = destination
        let operandStrides = strides[operand]
        withUnsafeTemporaryAllocation(of: Int.self, capacity: outerAxis) { index in
            index.initialize(repeating: 0)
            for position in 0..<positions {
                var input = source + position * outerStride
                repeat {
                    cast(input, runStride, output, itemSize, runLength)
                    output += runLength * itemSize
                } while Odometer.advance(index.baseAddress!, over: 1..<outerAxis, length: { shape[$0] }) { axis, moves in
                    input += moves * operandStrides[axis]
                }
            }
        }
    }
}
