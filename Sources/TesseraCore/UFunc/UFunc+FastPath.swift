#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension UFunc {
    /// The common call without the general machinery's bookkeeping: one output, one or two
    /// inputs that are arrays (C-contiguous of one shape, or small ones of any layout that
    /// broadcast), 0-d arrays or Swift scalars, and no `out:`, `where:`, `dtype:` or
    /// `signature:`. The loop resolution (with the casts it
    /// needs) comes from the per-thread ``ResolutionCache``; the result is the only
    /// allocation. Returns nil when the call needs the general path.
    ///
    /// Results are identical to the general path's: the same loop with the same strides,
    /// and inputs of another dtype converted by the same cast functions, in chunks no
    /// larger than ``fastCastChunk`` (the loops are elementwise, so chunking changes
    /// nothing). Calls that cast are taken only up to ``fastCastLimit`` elements, so large
    /// ones keep the general path's threaded buffering.
    @inline(__always)
    func fastCall(_ x: Operand, _ y: Operand?, registry: LoopRegistry) throws -> NDArray? {
        guard outputCount == 1, inputCount == (y == nil ? 1 : 2) else { return nil }
        // The logical ufuncs read Swift scalars as truth values first (normalizedOperands).
        if readsScalarsAsTruthValues, case .weak = x { return nil }
        if readsScalarsAsTruthValues, let y, case .weak = y { return nil }

        // The result's shape: the one shape of the N-D operands, all C-contiguous; other
        // layouts of small calls take the broadcasting branch.
        var template: NDArray? = nil
        var sameShape = true
        if case .array(let a) = x {
            sameShape = a.isCContiguous
            template = a
        }
        if let y, case .array(let b) = y {
            sameShape = sameShape && b.isCContiguous
            if let a = template, a.ndim > 0 {
                if b.ndim > 0 && !a.hasSameShape(as: b) { sameShape = false }
            } else {
                template = b
            }
        }
        guard let template else { return nil }  // Swift scalars only: NumPy gives a 0-d array; the general path does that

        let key = UFunc.fastKey(x) | (y.map(UFunc.fastKey) ?? 0) << 16 | UInt64(inputCount) << 32
        let resolution: FastResolution
        if let cached = ResolutionCache.lookup(self, key: key, registry: registry) {
            resolution = cached
        } else {
            let generation = registry.generation
            let operands = y.map { [x, $0] } ?? [x]
            let loop = try resolve(operands: operands, registry: registry, dtype: nil, signature: nil).loop
            resolution = FastResolution(loop: loop, operandTypes: operands.map { operand in
                if case .array(let array) = operand { return array.dtype }
                return nil
            })
            ResolutionCache.store(resolution, for: self, key: key, registry: registry, generation: generation)
        }

        if !sameShape {
            guard resolution.isExact else { return nil }
            return try fastBroadcastCall(x, y, resolution: resolution)
        }
        let count = template.size
        if !resolution.isExact && count > UFunc.fastCastLimit { return nil }
        let output = try NDArray(resultLike: template, dtype: resolution.outputType)

        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { scalars in
            try withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
                try withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                    let slots = UnsafeMutableRawPointer(scalars.baseAddress!)
                    try fastBind(x, index: 0, resolution: resolution, args: args, steps: steps, slot: slots)
                    if let y {
                        try fastBind(y, index: 1, resolution: resolution, args: args, steps: steps, slot: slots + 16)
                    }
                    // Bound (and a Swift scalar checked to fit, as NumPy does even for an
                    // empty result) before the empty case returns.
                    if count == 0 { return output }
                    let outputIndex = inputCount
                    args[outputIndex] = output.baseAddress
                    steps[outputIndex] = resolution.outputType.itemSize
                    if resolution.isExact {
                        let loop = count <= UFunc.fastCastLimit ? resolution.directLoop : resolution.loop
                        loop(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!))
                    } else {
                        fastCastAndCall(resolution, count: count, args: args, steps: steps)
                    }
                    return output
                }
            }
        }
    }

    /// ``fastCall(_:_:registry:)`` for one array input, read where it is rather than
    /// through an ``Operand`` copy: C-contiguous, N-D, with a cached resolution (exact, or
    /// a cast of at most ``fastCastLimit`` elements). Returns nil for anything else, which
    /// then takes ``fastCall(_:_:registry:)``; the result is the same loop call that path makes.
    @inline(__always)
    func fastCallArray(_ a: NDArray, registry: LoopRegistry) throws -> NDArray? {
        guard outputCount == 1, inputCount == 1, a.ndim > 0, a.isCContiguous else { return nil }
        let key = UFunc.fastKey(a.dtype) | UInt64(1) << 32
        guard let resolution = ResolutionCache.lookup(self, key: key, registry: registry) else { return nil }
        let count = a.size
        if !resolution.isExact && count > UFunc.fastCastLimit { return nil }
        let output = try NDArray(resultLike: a, dtype: resolution.outputType)
        if count == 0 { return output }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                args[0] = a.baseAddress
                steps[0] = UFunc.trivialStep(a)
                args[1] = output.baseAddress
                steps[1] = resolution.outputType.itemSize
                fastRun(resolution, count: count, args: args, steps: steps)
            }
        }
        return output
    }

    /// ``fastCallArray(_:registry:)`` for two array inputs: N-D, C-contiguous and of one
    /// shape (exact loops, or casts of at most ``fastCastLimit`` elements), or small ones
    /// that broadcast or are not contiguous (exact loops, ``fastBroadcastCall``). 0-d
    /// arrays and everything else return nil and take ``fastCall(_:_:registry:)``.
    @inline(__always)
    func fastCallArrays(_ a: NDArray, _ b: NDArray, registry: LoopRegistry) throws -> NDArray? {
        guard outputCount == 1, inputCount == 2, a.ndim > 0, b.ndim > 0 else { return nil }
        let key = UFunc.fastKey(a.dtype) | UFunc.fastKey(b.dtype) << 16 | UInt64(2) << 32
        guard let resolution = ResolutionCache.lookup(self, key: key, registry: registry) else { return nil }
        guard a.isCContiguous, b.isCContiguous, a.hasSameShape(as: b) else {
            guard resolution.isExact else { return nil }
            return try fastBroadcastCall(a, b, resolution: resolution)
        }
        let count = a.size
        if !resolution.isExact && count > UFunc.fastCastLimit { return nil }
        let output = try NDArray(resultLike: a, dtype: resolution.outputType)
        if count == 0 { return output }
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                args[0] = a.baseAddress
                steps[0] = UFunc.trivialStep(a)
                args[1] = b.baseAddress
                steps[1] = UFunc.trivialStep(b)
                args[2] = output.baseAddress
                steps[2] = resolution.outputType.itemSize
                fastRun(resolution, count: count, args: args, steps: steps)
            }
        }
        return output
    }

    /// Calls the resolved loop on bound arguments: directly when exact, else chunk-wise
    /// through the casts (``fastCastAndCall``).
    @inline(__always)
    private func fastRun(
        _ resolution: FastResolution, count: Int,
        args: UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>, steps: UnsafeMutableBufferPointer<Int>
    ) {
        if resolution.isExact {
            let loop = count <= UFunc.fastCastLimit ? resolution.directLoop : resolution.loop
            loop(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!))
        } else {
            fastCastAndCall(resolution, count: count, args: args, steps: steps)
        }
    }

    /// Small calls whose operands broadcast or are not contiguous (exact loops only): one
    /// loop call per row of the result, each operand walked with its own strides (0 along
    /// the axes it is broadcast over). Returns nil above ``fastBroadcastLimit`` elements,
    /// where the general path's axis ordering, coalescing and threads pay off.
    private func fastBroadcastCall(_ x: Operand, _ y: Operand?, resolution: FastResolution) throws -> NDArray? {
        var first = AxisList(), second = AxisList()
        if case .array(let a) = x { first = a.shapeList }
        if let y, case .array(let b) = y { second = b.shapeList }
        // Shapes that do not broadcast: the general path reports it.
        guard let shape = UFunc.broadcastPair(first, second) else { return nil }
        // The general path's output order: Fortran when every full-shape input is.
        var fullShapeCount = 0, fullShapeFortran = true
        if case .array(let a) = x, a.shapeList == shape {
            fullShapeCount += 1
            fullShapeFortran = fullShapeFortran && a.isFContiguous && !a.isCContiguous
        }
        if let y, case .array(let b) = y, b.shapeList == shape {
            fullShapeCount += 1
            fullShapeFortran = fullShapeFortran && b.isFContiguous && !b.isCContiguous
        }
        return try fastBroadcastRun(shape: shape, fortranOrder: fullShapeCount > 0 && fullShapeFortran, resolution: resolution) { args, table, slots in
            func bind(_ operand: Operand, _ index: Int) throws {
                switch operand {
                case .array(let array):
                    UFunc.bindBroadcast(array, index: index, ndim: shape.count, args: args, table: table)
                case .weak(let scalar):
                    try scalar.store(as: resolution.inputTypes[index], into: slots + 16 * index)
                    args[index] = slots + 16 * index
                    for axis in 0..<shape.count { table[index * shape.count + axis] = 0 }
                }
            }
            try bind(x, 0)
            if let y { try bind(y, 1) }
        }
    }

    /// ``fastBroadcastCall(_:_:resolution:)`` for two arrays, read where they are.
    private func fastBroadcastCall(_ a: NDArray, _ b: NDArray, resolution: FastResolution) throws -> NDArray? {
        guard let shape = UFunc.broadcastPair(a.shapeList, b.shapeList) else { return nil }
        var fullShapeCount = 0, fullShapeFortran = true
        if a.shapeList == shape {
            fullShapeCount += 1
            fullShapeFortran = a.isFContiguous && !a.isCContiguous
        }
        if b.shapeList == shape {
            fullShapeCount += 1
            fullShapeFortran = fullShapeFortran && b.isFContiguous && !b.isCContiguous
        }
        return try fastBroadcastRun(shape: shape, fortranOrder: fullShapeCount > 0 && fullShapeFortran, resolution: resolution) { args, table, _ in
            UFunc.bindBroadcast(a, index: 0, ndim: shape.count, args: args, table: table)
            UFunc.bindBroadcast(b, index: 1, ndim: shape.count, args: args, table: table)
        }
    }

    /// Sets an array input's pointer and its byte strides along the result's `ndim` axes
    /// (0 where it is broadcast) in `table[index * ndim + axis]`.
    @inline(__always)
    static func bindBroadcast(
        _ array: NDArray, index: Int, ndim: Int,
        args: UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>, table: UnsafeMutableBufferPointer<Int>
    ) {
        args[index] = array.baseAddress
        let pad = ndim - array.ndim
        for axis in 0..<ndim {
            table[index * ndim + axis] = axis < pad || array.axisLength(axis - pad) == 1 ? 0 : array.axisStride(axis - pad)
        }
    }

    /// The loop over the rows of a broadcast result of `shape` (Fortran-ordered when
    /// `fortranOrder` and more than one axis); `bindInputs` sets the inputs' pointers and
    /// stride rows in the table (and may convert scalars into the 16-byte slots).
    @inline(__always)
    private func fastBroadcastRun(
        shape: AxisList, fortranOrder: Bool, resolution: FastResolution,
        bindInputs: (UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>, UnsafeMutableBufferPointer<Int>, UnsafeMutableRawPointer) throws -> Void
    ) throws -> NDArray? {
        let ndim = shape.count
        var count = 1
        for length in shape { count *= length }
        guard ndim > 0, count <= UFunc.fastBroadcastLimit else { return nil }
        let fortran = ndim > 1 && fortranOrder
        let outputType = resolution.outputType
        var output = try NDArray(checkedShape: shape, dtype: outputType, zeroed: false)
        if fortran { output.strideList = NDArray.contiguousStrides(shape: shape, itemSize: outputType.itemSize, fortran: true) }
        let operandCount = inputCount + 1
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { scalars in
            try withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
                try withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * ndim + ndim) { table in
                    // table[operand * ndim + axis]: the operand's byte stride along the
                    // result's axis; the last ndim entries are the odometer.
                    try bindInputs(args, table, UnsafeMutableRawPointer(scalars.baseAddress!))
                    if count == 0 { return output }
                    let outputIndex = inputCount
                    args[outputIndex] = output.baseAddress
                    for axis in 0..<ndim { table[outputIndex * ndim + axis] = output.axisStride(axis) }
                    let inner = shape[ndim - 1]
                    let counter = table.baseAddress! + operandCount * ndim
                    for axis in 0..<ndim { counter[axis] = 0 }
                    withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { rowArgs in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                            for index in 0..<operandCount {
                                steps[index] = table[index * ndim + ndim - 1]
                                rowArgs[index] = args[index]
                            }
                            repeat {
                                resolution.directLoop(UnsafePointer(rowArgs.baseAddress!), inner, UnsafePointer(steps.baseAddress!))
                            } while Odometer.advance(counter, over: Odometer.cOrder(ndim - 1), length: { shape[$0] }) { axis, moves in
                                for index in 0..<operandCount { rowArgs[index]! += moves &* table[index * ndim + axis] }
                            }
                        }
                    }
                    return output
                }
            }
        }
    }

    /// NumPy's broadcast of two shapes (``broadcastShapes(_:)`` for the common case,
    /// without its intermediate arrays), or nil when they do not broadcast.
    @inline(__always)
    static func broadcastPair(_ a: AxisList, _ b: AxisList) -> AxisList? {
        let ndim = Swift.max(a.count, b.count)
        var shape = AxisList()
        for axis in 0..<ndim {
            let i = axis - (ndim - a.count), j = axis - (ndim - b.count)
            let p = i >= 0 ? a[i] : 1, q = j >= 0 ? b[j] : 1
            if p != q && p != 1 && q != 1 { return nil }
            shape.append(p == 1 ? q : p)
        }
        return shape
    }

    /// Largest call the broadcasting branch of the fast path takes.
    static let fastBroadcastLimit = 8192

    /// Largest call the fast path takes when an input needs a cast (NumPy's buffer size).
    static let fastCastLimit = 8192
    /// Elements cast per chunk: two buffers of this many 16-byte elements fit the stack.
    static let fastCastChunk = 256

    /// Packs what resolution depends on for one operand: its dtype for an array, the kind
    /// of Swift scalar for a weak one (NEP 50: the kind, never the value, picks the loop).
    @inline(__always)
    static func fastKey(_ operand: Operand) -> UInt64 {
        switch operand {
        case .array(let array): return fastKey(array.dtype)
        case .weak(.bool): return 0x200
        case .weak(.int): return 0x300
        case .weak(.uint): return 0x400
        case .weak(.float): return 0x500
        case .weak(.complex): return 0x600
        }
    }

    /// ``fastKey(_:)`` of an array operand of `dtype`.
    @inline(__always)
    static func fastKey(_ dtype: DType) -> UInt64 { 0x100 | UInt64(dtype.rawValue) }

    /// The step an array input reaches the loop with in a same-shape contiguous call
    /// (NumPy's trivial loop): a 1-D operand with its own stride (a one-element view may
    /// have any), N-D ones with the item size, 0-d ones with 0.
    @inline(__always)
    static func trivialStep(_ array: NDArray) -> Int {
        array.ndim == 0 ? 0 : (array.ndim == 1 ? array.axisStride(0) : array.itemSize)
    }

    /// Sets the pointer and step of one input. A weak scalar (or a 0-d array that needs a
    /// cast) is converted once into a 16-byte stack slot and read with step 0.
    @inline(__always)
    private func fastBind(
        _ operand: Operand, index: Int, resolution: FastResolution,
        args: UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>, steps: UnsafeMutableBufferPointer<Int>, slot: UnsafeMutableRawPointer
    ) throws {
        switch operand {
        case .array(let array):
            if array.ndim == 0, let cast = resolution.casts[index] {
                cast(array.baseAddress, 0, slot, 0, 1)
                args[index] = slot
                steps[index] = 0
                return
            }
            args[index] = array.baseAddress
            steps[index] = UFunc.trivialStep(array)
        case .weak(let scalar):
            try scalar.store(as: resolution.inputTypes[index], into: slot)
            args[index] = slot
            steps[index] = 0
        }
    }

    /// Runs the loop chunk by chunk on inputs cast into stack buffers.
    private func fastCastAndCall(
        _ resolution: FastResolution, count: Int,
        args: UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>, steps: UnsafeMutableBufferPointer<Int>
    ) {
        let chunk = UFunc.fastCastChunk
        withUnsafeTemporaryAllocation(byteCount: 2 * chunk * 16, alignment: 64) { buffers in
            withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { chunkArgs in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { chunkSteps in
                    let operandCount = inputCount + 1
                    for index in 0..<operandCount { chunkSteps[index] = steps[index] }
                    var done = 0
                    while done < count {
                        let n = Swift.min(chunk, count - done)
                        for index in 0..<operandCount {
                            let source = args[index]! + done * steps[index]
                            if index < inputCount, steps[index] != 0, let cast = resolution.casts[index] {
                                let buffer = buffers.baseAddress! + index * chunk * 16
                                let itemSize = resolution.inputTypes[index].itemSize
                                cast(source, steps[index], buffer, itemSize, n)
                                chunkArgs[index] = buffer
                                chunkSteps[index] = itemSize
                            } else {
                                chunkArgs[index] = source
                            }
                        }
                        resolution.directLoop(UnsafePointer(chunkArgs.baseAddress!), n, UnsafePointer(chunkSteps.baseAddress!))
                        done += n
                    }
                }
            }
        }
    }
}

extension NDArray {
    /// A new, unzeroed C-contiguous array of `template`'s shape (a contiguous array whose
    /// size was checked when it was made), for a loop to fill. Shape and strides are
    /// inline for the common ranks, so the storage is the only allocation.
    init(resultLike template: NDArray, dtype: DType) throws {
        let itemSize = dtype.itemSize
        // A wider dtype than the template's may not fit where the template did.
        let byteCount = itemSize <= template.itemSize ? template.size * itemSize : try NDArray.checkedByteCount(shape: template.shapeList, dtype: dtype)
        let storage = ArrayStorage.make(byteCount: byteCount, zeroed: false)
        if template.hasCanonicalStrides(itemSize: itemSize) {
            // The template's axes as they are (a spilled template's object is shared).
            self.init(storage: storage, dtype: dtype, axes: template.axes, spilledAxes: template.axes.isSpilled ? template.spilledAxes : nil, offset: 0)
        } else {
            let shape = template.shapeList
            self.init(storage: storage, dtype: dtype, shapeList: shape, strideList: NDArray.contiguousStrides(shape: shape, itemSize: itemSize), offset: 0)
        }
    }

    /// Whether ``strides`` are exactly ``contiguousStrides(shape:itemSize:fortran:)`` of
    /// the shape for elements of `itemSize` bytes (the strides a new array gets).
    @inline(__always)
    func hasCanonicalStrides(itemSize: Int) -> Bool {
        if _slowPath(axes.isSpilled) { return spilledHasCanonicalStrides(itemSize: itemSize) }
        // Inline axes read straight from the slots: a new array of a checked shape cannot overflow.
        var expected = itemSize
        var axis = axes.rank - 1
        while axis >= 0 {
            if axes.stride(axis) != expected { return false }
            expected &*= Swift.max(axes.length(axis), 1)
            axis -= 1
        }
        return true
    }

    @inline(never)
    private func spilledHasCanonicalStrides(itemSize: Int) -> Bool {
        var expected = itemSize
        var axis = ndim - 1
        while axis >= 0 {
            if axisStride(axis) != expected { return false }
            expected *= Swift.max(axisLength(axis), 1)
            axis -= 1
        }
        return true
    }
}
