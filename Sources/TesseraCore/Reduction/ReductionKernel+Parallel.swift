#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The parallel strategies of a reduction: how a walk is split across threads so that the
/// result is bitwise the single-threaded one (see ``UFunc/runReduction``). Each strategy
/// makes exactly the loop calls of the sequential walk, or — for one output — reduces them
/// into private accumulators combined in the sequential order.
extension ReductionKernel {
    /// An axis whose positions split the walk into disjoint sets of calls with disjoint
    /// outputs — one the result advances along, outside the buffers (above the outer axis,
    /// or the outer axis itself when each call covers one core) — the longest, or `nil`.
    func exactSplitAxis(_ iterator: ReductionIterator) -> Int? {
        // A plain loop: a reduction to one value (no candidate) pays nothing for asking.
        var best: Int? = nil
        for axis in iterator.shape.indices where iterator.shape[axis] > 1 && iterator.strides[0][axis] != 0
            && (axis > iterator.outerAxis || (axis == iterator.outerAxis && iterator.reducesByCore))
        {
            if best.map({ iterator.shape[axis] > iterator.shape[$0] }) ?? true { best = axis }
        }
        return best
    }

    /// Whether ``runByCalls(_:bases:start:pairwise:executor:)`` could find two pieces in the
    /// walk: it makes several loop calls, or one unbuffered call long enough to be cut
    /// (`cutsLongCalls`: a pairwise sum's leaves or a selection's runs). Answered from the
    /// walk's shape, without visiting it, so that a reduction to one value made of one
    /// uncut call — `any` of a strided view, which may stop at its first element (a
    /// contiguous array does not come here: `UFunc.reduce` calls its loop directly) —
    /// costs no more with threads than without.
    static func mayHaveSeveralPieces(_ iterator: ReductionIterator, cutsLongCalls: Bool) -> Bool {
        if iterator.shape.contains(0) { return false }
        let outer = iterator.outerAxis
        let outerElements = iterator.coreSize * iterator.shape[outer]
        var calls = (outerElements + iterator.bufferSize - 1) / iterator.bufferSize
        for axis in (outer + 1)..<iterator.rank { calls *= iterator.shape[axis] }
        if calls > 1 { return true }
        return cutsLongCalls && !iterator.buffered[1] && outerElements > pairwiseLeaf
    }

    /// Many outputs: ranges of `axis` (see ``exactSplitAxis(_:)``) on different threads;
    /// each range makes exactly the calls of the sequential walk that fall in it.
    func runSplitting(_ iterator: ReductionIterator, axis: Int, bases: [UnsafeMutableRawPointer], executor: any ParallelExecutor) {
        let length = iterator.shape[axis]
        let parts = Swift.min(executor.threadCount, length)
        executor.parallelFor(parts) { part in
            let lo = length * part / parts, hi = length * (part + 1) / parts
            guard hi > lo else { return }
            let (piece, pieceBases) = iterator.restricted(axis: axis, to: lo..<hi, bases: bases)
            run(piece, bases: pieceBases)
        }
    }

    /// Many outputs, elementwise calls (the result advances along the innermost axis): the
    /// innermost axis is split into ranges of at least two elements, each walked as NumPy
    /// would walk it alone. Every output still receives its elements one at a time in the
    /// sequential order, so only the lengths of the loop calls change.
    func runSplittingElementwise(_ iterator: ReductionIterator, bases: [UnsafeMutableRawPointer], executor: any ParallelExecutor) {
        let length = iterator.shape[0]
        let parts = Swift.min(executor.threadCount, length / 2)
        executor.parallelFor(parts) { part in
            let lo = length * part / parts, hi = length * (part + 1) / parts
            var (piece, pieceBases) = iterator.restricted(axis: 0, to: lo..<hi, bases: bases)
            piece.setUpBuffering(casts: casts, reduces: reduces, itemSizes: itemSizes)
            run(piece, bases: pieceBases)
        }
    }

    /// One output: the calls of the sequential walk (long unbuffered float sums cut at the
    /// leaves of their pairwise tree) reduced into private accumulators in parallel, then
    /// combined in order so that the result is bitwise the sequential one. Returns false
    /// (having done nothing) when there is nothing to split.
    func runByCalls(_ iterator: ReductionIterator, bases: [UnsafeMutableRawPointer], start: PrivateStart, pairwise: Bool, executor: any ParallelExecutor) -> Bool {
        guard !iterator.reducesByCore, !hasMask else { return false }
        // One call per buffer: its input address and element count.
        var calls: [(input: UnsafeMutableRawPointer, count: Int)] = []
        iterator.forEachBuffer(bases: bases) { pointers, _, count in calls.append((pointers[1], count)) }
        let buffered = iterator.buffered[1]
        // The pieces, in order; a call split along its pairwise tree keeps the tree.
        var pieces: [(call: Int, start: Int, length: Int)] = []
        var trees: [(first: Int, tree: PairwiseNode)] = []
        for (index, call) in calls.enumerated() {
            // The first call is the first visit: without identity its first element is in the result.
            let first = skipFirst && index == 0 ? 1 : 0
            let length = call.count - first
            if length <= 0 { continue }
            if pairwise && !buffered && length > Self.pairwiseLeaf {
                var leaves: [(start: Int, length: Int)] = []
                let tree = Self.pairwiseTree(start: first, length: length, pieces: &leaves, offset: pieces.count)
                trees.append((pieces.count, tree))
                pieces += leaves.map { (index, $0.start, $0.length) }
            } else if case .firstElement = start, !buffered, length > 2 * Self.pairwiseLeaf {
                // A selection's long call cut into one run per thread: each run selects one
                // of its elements by the loop's fixed rule, and folding the runs in order
                // selects the element the whole call would (NaN-first, ties and signed
                // zeros included), as for the calls of a buffered walk.
                let runs = executor.threadCount
                for run in 0..<runs {
                    let lo = first + length * run / runs, hi = first + length * (run + 1) / runs
                    if hi > lo { pieces.append((index, lo, hi - lo)) }
                }
            } else {
                pieces.append((index, first, length))
            }
        }
        let total = pieces.count
        guard total >= 2 else { return false }
        let inputStep = buffered ? iterator.bufferStrides[1] : iterator.strides[1][0]
        let partials = UnsafeMutableRawPointer.allocate(byteCount: total * itemSize, alignment: 16)
        defer { partials.deallocate() }
        let parts = Swift.min(executor.threadCount, total)
        executor.parallelFor(parts) { part in
            let lo = total * part / parts, hi = total * (part + 1) / parts
            withScratch(iterator) { scratch in
                var gathered = -1
                for index in lo..<hi {
                    let piece = pieces[index]
                    let call = calls[piece.call]
                    var base = call.input
                    if buffered, let buffer = scratch.input {
                        if gathered != piece.call {
                            iterator.gather(operand: 1, from: call.input, count: call.count, into: buffer, itemSize: itemSize, cast: inputGather)
                            gathered = piece.call
                        }
                        base = buffer
                    }
                    let input = base + piece.start * inputStep
                    let slot = partials + index * itemSize
                    switch start {
                    case .bytes(let bytes):
                        bytes.withUnsafeBytes { slot.copyMemory(from: $0.baseAddress!, byteCount: itemSize) }
                    case .firstElement:
                        slot.copyMemory(from: input, byteCount: itemSize)
                    }
                    self.call(slot, 0, input, inputStep, piece.length, scratch)
                }
            }
        }
        // Split calls: their leaves added up the tree into the first leaf's slot.
        var folded: [UnsafeMutableRawPointer] = []
        var treeIndex = 0, index = 0
        while index < total {
            if treeIndex < trees.count && trees[treeIndex].first == index {
                let tree = trees[treeIndex].tree
                ReductionKernel.combine(tree, partials, itemSize: itemSize)
                folded.append(partials + index * itemSize)
                let call = pieces[index].call
                while index < total && pieces[index].call == call { index += 1 }
                treeIndex += 1
            } else {
                folded.append(partials + index * itemSize)
                index += 1
            }
        }
        // output op= partial, in order, through the same reduction call the sequential
        // walk makes (so the compiled operation, down to which NaN operand propagates, is
        // the same). A partial equal to its start value is an identity of `op` and is
        // skipped (for float `add`, out + (−0.0) is out bit for bit).
        let output = bases[0]
        let startBytes: [UInt8]? = if case .bytes(let bytes) = start { bytes } else { nil }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                steps[0] = 0; steps[1] = itemSize; steps[2] = 0
                for partial in folded {
                    if let startBytes, startBytes.withUnsafeBytes({ memcmp($0.baseAddress!, partial, itemSize) == 0 }) { continue }
                    args[0] = output; args[1] = partial; args[2] = output
                    loop(UnsafePointer(args.baseAddress!), 1, UnsafePointer(steps.baseAddress!))
                }
            }
        }
        return true
    }

    /// Largest leaf of the pairwise tree handed to one loop call.
    static let pairwiseLeaf = 16_384

    indirect enum PairwiseNode {
        case leaf(Int)
        case pair(PairwiseNode, PairwiseNode)
    }

    /// NumPy's pairwise recursion down to leaves of at most ``pairwiseLeaf`` elements; leaf
    /// `i` of `pieces` is numbered `offset + i`.
    static func pairwiseTree(start: Int, length: Int, pieces: inout [(start: Int, length: Int)], offset: Int = 0) -> PairwiseNode {
        if length <= pairwiseLeaf || length <= PairwiseSummation.blockSize {
            pieces.append((start, length))
            return .leaf(offset + pieces.count - 1)
        }
        let half = PairwiseSummation.split(length)
        let left = pairwiseTree(start: start, length: half, pieces: &pieces, offset: offset)
        let right = pairwiseTree(start: start + half, length: length - half, pieces: &pieces, offset: offset)
        return .pair(left, right)
    }

    /// Adds a call's leaf sums up the tree (float32 or float64, as the loop adds them);
    /// the result lands in the slot of the tree's first leaf.
    static func combine(_ node: PairwiseNode, _ base: UnsafeMutableRawPointer, itemSize: Int) {
        func value(_ node: PairwiseNode) -> Int {
            switch node {
            case .leaf(let index):
                return index
            case .pair(let left, let right):
                let l = value(left), r = value(right)
                let a = base + l * itemSize, b = base + r * itemSize
                if itemSize == 4 {
                    a.storeBytes(of: a.load(as: Float.self) + b.load(as: Float.self), as: Float.self)
                } else {
                    a.storeBytes(of: a.load(as: Double.self) + b.load(as: Double.self), as: Double.self)
                }
                return l
            }
        }
        _ = value(node)
    }
}
