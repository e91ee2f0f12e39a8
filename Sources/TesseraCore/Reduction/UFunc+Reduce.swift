#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reductions (NumPy's `reduction.c`): `reduce` reuses the ufunc's registered binary
/// loop with the stride-0 output trick — the loop is called with its first input and its
/// output pointing at the same accumulator with stride 0 — so a backend that replaces
/// `add`'s loop accelerates `sum` too.
extension UFunc {
    /// `ufunc.reduce`: combines the elements along `axes` (all axes when `nil`).
    ///
    /// - Parameters:
    ///   - axes: axes to reduce (negative from the end); `nil` reduces all; `[]` none.
    ///   - keepdims: keep reduced axes with length 1.
    ///   - initial: the starting value (required for an empty reduction of a ufunc without
    ///     identity, such as `maximum`).
    ///   - where: a bool mask broadcast against the input; only true elements take part.
    ///   - dtype: the dtype to reduce in; by default `add`/`multiply` reduce bool and
    ///     integers narrower than 64 bits in int64 (uint64 for unsigned), as NumPy does.
    /// - Throws: for a ufunc that is not binary with one output, bad axes, an empty
    ///   reduction without identity or `initial`, or no loop for the dtype.
    public func reduce(
        _ array: NDArray,
        axes: [Int]?,
        keepdims: Bool = false,
        initial: Double? = nil,
        where mask: NDArray? = nil,
        dtype: DType? = nil
    ) throws -> NDArray {
        guard inputCount == 2 && outputCount == 1 else {
            throw TesseraError(.noLoop, "reduce only supported for binary functions with one output; '\(name)' has \(inputCount) inputs and \(outputCount) outputs")
        }
        let ndim = array.ndim
        let reduced = try axes.map { try NDArray.normalizeAxes($0, ndim: ndim) } ?? Array(0..<ndim)
        if reduced.count > 1 && identity == .none {
            throw TesseraError(.axisError, "reduction operation '\(name)' is not reorderable, so at most one axis may be specified")
        }
        let registry = Backends.active
        let loop = try reductionLoop(for: array.dtype, requested: dtype, registry: registry)
        let type = loop.signature.outputs[0]
        if let mask, mask.dtype != .bool {
            throw TesseraError(.castingError, "where: must be a bool array, not \(mask.dtype)")
        }
        if let mask {
            guard try broadcastShapes([array.shape, mask.shape]) == array.shape else {
                throw TesseraError(.shapeMismatch, "where: mask of shape \(mask.shape) does not broadcast to the input shape \(array.shape)")
            }
        }

        // The result, with reduced axes kept as length 1 until the end.
        var keptShape = array.shape
        for axis in reduced { keptShape[axis] = 1 }
        var result = try NDArray(checkedShape: keptShape, dtype: type)
        let reducedCount = reduced.reduce(1) { $0 * array.shape[$1] }

        var source = array
        var skipFirst: Int? = nil
        if let initial {
            result.fill(with: initial)
        } else if case .value(let value) = identity {
            result.fill(with: value)
        } else {
            // No identity: start from the first element along the reduced axes.
            if reducedCount == 0 {
                throw TesseraError(.valueError, "zero-size array to reduction operation \(name) which has no identity; pass initial:")
            }
            if mask != nil {
                throw TesseraError(.valueError, "reduction operation '\(name)' does not have an identity, so to use a where: mask one has to specify initial:")
            }
            if result.size > 0 {
                let first = array.rawView(shape: keptShape, strides: array.strides)
                NDArray.copyElements(from: first, into: &result)
                // Reduce the rest along the axis, as NumPy does — needed when the ufunc is
                // not idempotent (and so limited to one axis above), and for maximum,
                // minimum, fmax and fmin with one axis of more than one element, whose loops
                // pick between +0.0 and −0.0 by position within a call: NumPy walks the
                // whole axis and leaves out each output's first element, so its loop sees
                // the elements at the same positions and strides.
                let longAxes = reduced.filter { array.shape[$0] > 1 }
                skipFirst = identity == .none ? reduced.first : (longAxes.count == 1 ? longAxes.first : nil)
                if let axis = skipFirst, array.shape[axis] < 2 {
                    // One element along the axis: it is the result already.
                    skipFirst = nil
                    var empty = array.shape
                    empty[axis] = 0
                    source = array.rawView(shape: empty, strides: array.strides)
                }
                // Otherwise (several axes of maximum, minimum, fmax, fmin) the ufunc is
                // idempotent: reducing the first element again changes its value nowhere.
            }
        }
        if source.size > 0 && result.size > 0 {
            runReduction(loop: loop, source: source, result: result, reduced: reduced, mask: mask?.broadcastView(to: array.shape), skipFirstAlong: skipFirst, executor: registry.executor)
        }
        if keepdims { return result }
        let finalShape = array.shape.indices.filter { !reduced.contains($0) }.map { array.shape[$0] }
        return result.rawView(shape: finalShape, strides: finalShape.isEmpty ? [] : NDArray.contiguousStrides(shape: finalShape, itemSize: type.itemSize))
    }

    /// `reduce` along one axis (NumPy's default is axis 0); `nil` reduces all axes.
    public func reduce(
        _ array: NDArray, axis: Int? = 0, keepdims: Bool = false, initial: Double? = nil,
        where mask: NDArray? = nil, dtype: DType? = nil
    ) throws -> NDArray {
        try reduce(array, axes: axis.map { [$0] }, keepdims: keepdims, initial: initial, where: mask, dtype: dtype)
    }

    /// The loop a reduction runs: one whose inputs and output share a dtype.
    func reductionLoop(for input: DType, requested: DType?, registry: LoopRegistry) throws -> InnerLoop {
        var type = requested ?? input
        if requested == nil && (name == "add" || name == "multiply") {
            if input == .bool || (input.isSignedInteger && input.itemSize < 8) { type = .int64 }
            if input.isUnsignedInteger && input.itemSize < 8 { type = .uint64 }
        }
        let dummy = NDArray(uninitializedShape: [0], dtype: type)
        var loop = try resolve(operands: [.array(dummy), .array(dummy)], registry: registry, dtype: nil, signature: nil).loop
        if loop.signature.outputs[0] != loop.signature.inputs[0] {
            // e.g. logical_and on floats resolves to 'dd->?': reduce in the output type instead.
            let outputType = NDArray(uninitializedShape: [0], dtype: loop.signature.outputs[0])
            loop = try resolve(operands: [.array(outputType), .array(outputType)], registry: registry, dtype: nil, signature: nil).loop
        }
        let sig = loop.signature
        guard sig.inputs[0] == sig.outputs[0] && sig.inputs[1] == sig.outputs[0] else {
            throw TesseraError(.noLoop, "ufunc '\(name)' has no loop of the form xx->x for \(type); cannot reduce")
        }
        let isLogical = name.hasPrefix("logical_")
        guard isLogical || input.canCast(to: sig.inputs[0], casting: .sameKind) else {
            throw TesseraError(.castingError, "cannot reduce \(input) with '\(name)' in \(sig.inputs[0]) under casting 'same_kind'")
        }
        return loop
    }

    /// Runs the loop over `source`, accumulating into `result` (reduced axes have length 1).
    /// Walks memory in the input's order and calls the loop in chunks of 8192 elements,
    /// as NumPy's buffered reduction does (which fixes the pairwise summation order).
    ///
    /// With an `executor` of several threads, large reductions split by logical position,
    /// never by thread, so the result is bitwise the single-threaded one:
    /// - many outputs: a kept axis is split into ranges; each output element still sees
    ///   the same calls in the same order;
    /// - one output: each 8192-element chunk is reduced into a private accumulator that
    ///   starts from a value the loop's step leaves unchanged (see ``ReductionKernel/privateStart``),
    ///   and the partials are then combined into the output in chunk order.
    /// `skipFirstAlong`: a reduced axis whose index-0 elements are already in `result`
    /// (see ``reduce(_:axes:keepdims:initial:where:dtype:)``) and are left out.
    func runReduction(
        loop: InnerLoop, source: NDArray, result: NDArray, reduced: [Int], mask: NDArray?,
        skipFirstAlong skipped: Int? = nil, executor: (any ParallelExecutor)? = nil
    ) {
        var resultStrides = result.strides
        for axis in reduced { resultStrides[axis] = 0 }
        var strides = [source.strides, resultStrides]
        var bases = [source.baseAddress, result.baseAddress]
        if let mask {
            strides.append(mask.strides)
            bases.append(mask.baseAddress)
        }
        let layout = IterationLayout(shape: source.shape, strides: strides)
        // The layout axis of `skipped` (the only reduced one longer than 1, so the only one
        // the result does not move along).
        let skipAxis = skipped == nil ? nil : layout.shape.indices.first { layout.strides[1][$0] == 0 && layout.shape[$0] > 1 }
        let loopType = loop.signature.inputs[1]
        let kernel = ReductionKernel(
            loop: loop,
            cast: source.dtype == loopType ? nil : castFunction(from: source.dtype, to: loopType),
            itemSize: loopType.itemSize,
            hasMask: mask != nil
        )
        if let executor, executor.threadCount > 1, !layout.shape.contains(0) {
            let keptAxes = layout.shape.indices.filter { layout.strides[1][$0] != 0 && layout.shape[$0] > 1 }
            if let axis = keptAxes.max(by: { layout.shape[$0] < layout.shape[$1] }) {
                if source.size >= ReductionKernel.parallelMinimum {
                    kernel.runSplitting(layout: layout, axis: axis, bases: bases, skipFirstAlong: skipAxis, executor: executor)
                    return
                }
            } else if mask == nil, source.size >= 2 * UFuncExecution.bufferSize,
                      let start = ReductionKernel.privateStart(ufunc: name, type: loopType) {
                // (Identities and selections: reducing a first element again is harmless.)
                let pairwise = name == "add" && kernel.cast == nil && (loopType == .float32 || loopType == .float64)
                let selection = ["maximum", "minimum", "fmax", "fmin"].contains(name) && loopType.isFloatingPoint
                let before = selection ? Array(UnsafeRawBufferPointer(start: result.baseAddress, count: loopType.itemSize)) : []
                kernel.runByChunks(layout: layout, bases: bases, start: start, pairwise: pairwise, executor: executor)
                // A float selection's value does not depend on the pieces — except which zero
                // it is: pieces fold ties between +0.0 and −0.0 in another order than NumPy's
                // one call. A zero result is recomputed in order.
                if selection && ReductionKernel.isZero(result.baseAddress, loopType) {
                    before.withUnsafeBytes { result.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: loopType.itemSize) }
                    kernel.run(layout: layout, bases: bases, skipFirstAlong: skipAxis)
                }
                return
            }
        }
        kernel.run(layout: layout, bases: bases, skipFirstAlong: skipAxis)
    }
}

/// One reduction's loop call, shared by the sequential and the parallel paths.
struct ReductionKernel {
    /// Fewer elements than this are reduced on the calling thread.
    static let parallelMinimum = 32_768

    let loop: InnerLoop
    let cast: CastFunction?
    let itemSize: Int
    let hasMask: Bool

    /// How a private accumulator starts so that combining partials in chunk order gives
    /// bitwise the sequential result, or `nil` when no such start exists.
    enum PrivateStart {
        /// These bytes: a value `v` with `v op x == x` bit for bit. For float `add` that is
        /// −0.0 (`-0.0 + x` is `x` for every x, including +0.0, −0.0 and NaN payloads;
        /// +0.0 would turn a chunk sum of −0.0 into +0.0). Integer ops wrap, so they are
        /// associative and any identity works.
        case bytes([UInt8])
        /// The chunk's own first element: for the selections `maximum`/`minimum`/`fmax`/
        /// `fmin`, which are idempotent and select the same value folded block by block (on
        /// floats not always the same zero: runReduction recomputes a zero result in order).
        case firstElement
    }

    /// Whether the float at `pointer` is +0.0 or −0.0.
    static func isZero(_ pointer: UnsafeMutableRawPointer, _ type: DType) -> Bool {
        switch type {
        case .float16: return pointer.load(as: UInt16.self) & 0x7FFF == 0
        case .float32: return pointer.load(as: UInt32.self) & 0x7FFF_FFFF == 0
        case .float64: return pointer.load(as: UInt64.self) & 0x7FFF_FFFF_FFFF_FFFF == 0
        default: return false
        }
    }

    static func privateStart(ufunc: String, type: DType) -> PrivateStart? {
        let isInteger = type.isSignedInteger || type.isUnsignedInteger
        let isBool = type == .bool
        func integer(_ value: UInt64) -> [UInt8] {
            (0..<type.itemSize).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        }
        switch ufunc {
        case "maximum", "minimum", "fmax", "fmin":
            // Floats too, but their loops (NumPy's) pick between +0.0 and −0.0 by position
            // within a call, so a zero result is recomputed in order (see runReduction).
            return isInteger || isBool || type.isFloatingPoint ? .firstElement : nil
        case "add":
            if isInteger { return .bytes(integer(0)) }
            switch type {
            case .float32: return .bytes([0, 0, 0, 0x80])
            case .float64: return .bytes([0, 0, 0, 0, 0, 0, 0, 0x80])
            // float16 sums round to float16 after every chunk, so partials would round
            // twice; a complex partial with one −0.0 part cannot be added exactly by a
            // one-element call (see runByChunks).
            default: return nil
            }
        case "multiply":
            // Float products are not associative; integer ones wrap and are.
            return isInteger ? .bytes(integer(1)) : nil
        case "bitwise_and":
            return isBool ? .bytes([1]) : (isInteger ? .bytes(integer(~0)) : nil)
        case "bitwise_or", "bitwise_xor":
            return isInteger || isBool ? .bytes(integer(0)) : nil
        case "logical_and":
            return isBool ? .bytes([1]) : nil
        case "logical_or", "logical_xor":
            return isBool ? .bytes([0]) : nil
        default:
            return nil
        }
    }

    /// Calls `body` with scratch space for one thread's loop calls.
    func withScratch(_ body: (Scratch) -> Void) {
        let buffer = cast == nil ? nil : UnsafeMutableRawPointer.allocate(byteCount: UFuncExecution.bufferSize * itemSize, alignment: ArrayStorage.alignment)
        defer { buffer?.deallocate() }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                body(Scratch(args: args.baseAddress!, steps: steps.baseAddress!, buffer: buffer))
            }
        }
    }

    struct Scratch {
        let args: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        let steps: UnsafeMutablePointer<Int>
        let buffer: UnsafeMutableRawPointer?
    }

    /// The input of a call in the loop's type: in place, or cast into the scratch buffer.
    @inline(__always)
    func loopInput(_ input: UnsafeMutableRawPointer, _ inputStep: Int, _ n: Int, _ scratch: Scratch) -> (UnsafeMutableRawPointer, Int) {
        if let cast, let buffer = scratch.buffer {
            cast(input, inputStep, buffer, itemSize, n)
            return (buffer, itemSize)
        }
        return (input, inputStep)
    }

    /// `output op= input[0..<n]` — one loop call with the stride-0 output trick when
    /// `outputStep` is 0, an elementwise call otherwise.
    @inline(__always)
    func call(_ input: UnsafeMutableRawPointer, _ inputStep: Int, _ output: UnsafeMutableRawPointer, _ outputStep: Int, _ n: Int, _ scratch: Scratch) {
        let (input, inputStep) = loopInput(input, inputStep, n, scratch)
        scratch.args[0] = output; scratch.args[1] = input; scratch.args[2] = output
        scratch.steps[0] = outputStep; scratch.steps[1] = inputStep; scratch.steps[2] = outputStep
        loop(UnsafePointer(scratch.args), n, UnsafePointer(scratch.steps))
    }

    /// The length of the pieces the loop is handed: NumPy's iterator buffers (8192
    /// elements at a time) only when it casts; otherwise the loop sees each whole run —
    /// which fixes the blocks of the pairwise summation (NumPy's float sums are pairwise
    /// over the whole contiguous run).
    var chunkLength: Int { cast == nil ? Int.max : UFuncExecution.bufferSize }

    /// The sequential reduction: runs in the layout's order, in pieces of ``chunkLength``.
    func run(layout: IterationLayout, bases: [UnsafeMutableRawPointer], skipFirstAlong skipAxis: Int? = nil) {
        let chunk = chunkLength
        withScratch { scratch in
            let body = { (pointers: UnsafeMutablePointer<UnsafeMutableRawPointer?>, count: Int, runSteps: UnsafeMutablePointer<Int>) in
                var done = 0
                while done < count {
                    let n = Swift.min(chunk, count - done)
                    let input = pointers[0]! + done * runSteps[0]
                    let output = pointers[1]! + done * runSteps[1]
                    if hasMask {
                        // Only runs of true mask elements take part.
                        let maskBase = pointers[2]! + done * runSteps[2]
                        var start = 0
                        while start < n {
                            while start < n && !maskBase.load(fromByteOffset: start * runSteps[2], as: Bool.self) { start += 1 }
                            var end = start
                            while end < n && maskBase.load(fromByteOffset: end * runSteps[2], as: Bool.self) { end += 1 }
                            if end > start {
                                call(input + start * runSteps[0], runSteps[0], output + start * runSteps[1], runSteps[1], end - start, scratch)
                            }
                            start = end
                        }
                    } else {
                        call(input, runSteps[0], output, runSteps[1], n, scratch)
                    }
                    done += n
                }
            }
            if let skipAxis {
                layout.forEachRun(bases: bases, skippingFirstAlong: skipAxis, body)
            } else {
                layout.forEachRun(bases: bases, body)
            }
        }
    }

    /// Many outputs: ranges of the kept layout axis `axis` on different threads. Each
    /// output element lies in one range and sees the calls of the sequential walk.
    func runSplitting(layout: IterationLayout, axis: Int, bases: [UnsafeMutableRawPointer], skipFirstAlong skipAxis: Int? = nil, executor: any ParallelExecutor) {
        let length = layout.shape[axis]
        let parts = Swift.min(executor.threadCount, length)
        executor.parallelFor(parts) { part in
            let lo = length * part / parts, hi = length * (part + 1) / parts
            guard hi > lo else { return }
            var piece = layout
            piece.shape[axis] = hi - lo
            let pieceBases = bases.indices.map { bases[$0] + lo * layout.strides[$0][axis] }
            run(layout: piece, bases: pieceBases, skipFirstAlong: skipAxis)
        }
    }

    /// One output: the sequential walk cut into pieces reduced into private accumulators in
    /// parallel, then combined so that the result is bitwise the sequential one:
    /// - unbuffered float `add` follows the pairwise summation's own tree (a run of n > 128
    ///   splits at ⌊n/2⌋ rounded down to a multiple of 8): leaves of at most
    ///   ``pairwiseLeaf`` elements are summed by the loop, inner nodes added as the loop
    ///   would add them — the same tree whatever the thread count;
    /// - every other case (associative integer and bitwise ops, the selections, and
    ///   buffered calls, which the sequential walk already cuts at 8192) uses the
    ///   sequential walk's own pieces and folds them in order.
    func runByChunks(layout: IterationLayout, bases: [UnsafeMutableRawPointer], start: PrivateStart, pairwise: Bool, executor: any ParallelExecutor) {
        let inner = layout.shape.count - 1
        let runLength = layout.shape[inner], inputStep = layout.strides[0][inner]
        let outerShape = Array(layout.shape[..<inner]), outerStrides = Array(layout.strides[0][..<inner])
        let runs = outerShape.reduce(1, *)
        let output = bases[1]

        // The pieces of one run (offsets and lengths), and for pairwise runs the tree.
        var pieces: [(start: Int, length: Int)] = []
        var tree: PairwiseNode? = nil
        if pairwise {
            tree = ReductionKernel.pairwiseTree(start: 0, length: runLength, pieces: &pieces)
        } else {
            let chunk = Swift.min(chunkLength, UFuncExecution.bufferSize)
            var offset = 0
            while offset < runLength {
                pieces.append((offset, Swift.min(chunk, runLength - offset)))
                offset += chunk
            }
        }
        let piecesPerRun = pieces.count
        let total = runs * piecesPerRun
        guard total >= 2 else {
            run(layout: layout, bases: bases)
            return
        }
        let partials = UnsafeMutableRawPointer.allocate(byteCount: total * itemSize, alignment: 16)
        defer { partials.deallocate() }
        let parts = Swift.min(executor.threadCount, total)
        executor.parallelFor(parts) { part in
            let lo = total * part / parts, hi = total * (part + 1) / parts
            withScratch { scratch in
                for index in lo..<hi {
                    // The piece's place in the sequential walk: run (odometer, C order), piece.
                    var run = index / piecesPerRun
                    let piece = pieces[index % piecesPerRun]
                    var input = bases[0] + piece.start * inputStep
                    for axis in stride(from: outerShape.count - 1, through: 0, by: -1) {
                        input += (run % outerShape[axis]) * outerStrides[axis]
                        run /= outerShape[axis]
                    }
                    let slot = partials + index * itemSize
                    // A buffered piece is at most 8192 long: one loop call, as sequentially.
                    let (loopInput, loopStep) = loopInput(input, inputStep, piece.length, scratch)
                    switch start {
                    case .bytes(let bytes):
                        bytes.withUnsafeBytes { slot.copyMemory(from: $0.baseAddress!, byteCount: itemSize) }
                    case .firstElement:
                        slot.copyMemory(from: loopInput, byteCount: itemSize)
                    }
                    scratch.args[0] = slot; scratch.args[1] = loopInput; scratch.args[2] = slot
                    scratch.steps[0] = 0; scratch.steps[1] = loopStep; scratch.steps[2] = 0
                    loop(UnsafePointer(scratch.args), piece.length, UnsafePointer(scratch.steps))
                }
            }
        }
        // Pairwise runs: each run's pieces added up its tree into the run's first slot.
        var folded: [UnsafeMutableRawPointer] = []
        if let tree {
            for run in 0..<runs {
                let base = partials + run * piecesPerRun * itemSize
                ReductionKernel.combine(tree, base, itemSize: itemSize)
                folded.append(base)
            }
        } else {
            folded = (0..<total).map { partials + $0 * itemSize }
        }
        // output op= partial, in order, through the same reduction call the sequential
        // walk makes (so the compiled operation, down to which NaN operand propagates, is
        // the same). A partial equal to its start value is an identity of `op` and is
        // skipped: float `add` would otherwise add a one-element pairwise sum,
        // 0 + (−0.0) = +0.0, where the sequential step added −0.0.
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
    }

    /// Largest leaf of the pairwise tree handed to one loop call.
    static let pairwiseLeaf = 16_384

    indirect enum PairwiseNode {
        case leaf(Int)
        case pair(PairwiseNode, PairwiseNode)
    }

    /// NumPy's pairwise recursion down to leaves of at most ``pairwiseLeaf`` elements.
    static func pairwiseTree(start: Int, length: Int, pieces: inout [(start: Int, length: Int)]) -> PairwiseNode {
        if length <= pairwiseLeaf || length <= 128 {
            pieces.append((start, length))
            return .leaf(pieces.count - 1)
        }
        var half = length / 2
        half -= half % 8
        let left = pairwiseTree(start: start, length: half, pieces: &pieces)
        let right = pairwiseTree(start: start + half, length: length - half, pieces: &pieces)
        return .pair(left, right)
    }

    /// Adds a run's leaf sums up the tree (float32 or float64, as the loop adds them);
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

extension NDArray {
    /// A broadcast view (internal, unchecked: the caller has checked the shapes).
    func broadcastView(to shape: [Int]) -> NDArray {
        rawView(shape: shape, strides: broadcastStrides(to: shape))
    }
}
