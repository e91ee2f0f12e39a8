extension NDIndex {
    /// Whether the entry is an array (advanced indexing).
    var isArray: Bool {
        if case .array = kind { return true }
        return false
    }
}

/// Where NumPy's advanced indexing reads or writes: the basic entries applied as a view,
/// the byte offset of every element of the broadcast index shape, and how the result's
/// axes are laid out.
struct AdvancedSelection {
    /// The indexed array with its basic entries applied; the advanced axes are kept whole.
    var view: NDArray
    /// The broadcast shape of the index arrays.
    var indexShape: [Int]
    /// For each element of `indexShape` in C order, the byte offset in `view` of the
    /// element its positions select.
    var positionOffsets: [Int]
    /// The shape of `view[indices]`.
    var resultShape: [Int]
    /// The first axis of `resultShape` that belongs to `indexShape`: where the advanced
    /// axes were when they were adjacent, else 0 (NumPy moves them to the front).
    var indexAxesStart: Int
    /// The axes of `view` that are not advanced, in order (the "subspace").
    var subspaceAxes: [Int]

    var subspaceShape: [Int] { subspaceAxes.map { view.axisLength($0) } }
    var subspaceStrides: [Int] { subspaceAxes.map { view.axisStride($0) } }

    /// The result axes that do not belong to the index shape.
    func resultSubspacePositions() -> [Int] {
        let indexAxes = indexAxesStart..<(indexAxesStart + indexShape.count)
        return resultShape.indices.filter { !indexAxes.contains($0) }
    }
}

extension NDArray {
    // MARK: Advanced indexing

    /// The index with 0-d integer arrays replaced by integers, as NumPy reads them.
    static func integerArraysAsIntegers(_ indices: [NDIndex]) -> [NDIndex] {
        guard indices.contains(where: { if case .array(let a) = $0.kind { a.ndim == 0 && a.dtype.isInteger } else { false } }) else {
            return indices
        }
        return indices.map { index in
            if case .array(let a) = index.kind, a.ndim == 0, a.dtype.isInteger { return .index(a.item(Int.self)) }
            return index
        }
    }

    /// NumPy's `a[indices]` when an entry is an array: always a new array.
    func advancedIndexed(_ indices: [NDIndex]) throws -> NDArray {
        if indices.count == 1, case .array(let mask) = indices[0].kind, mask.dtype == .bool, mask.ndim > 0, mask.shape == shape {
            return compressed(byMask: mask)
        }
        let selection = try advancedSelection(indices)
        var result = try NDArray(checkedShape: selection.resultShape, dtype: dtype, zeroed: false)
        if result.size == 0 { return result }
        let indexCount = selection.positionOffsets.count
        let indexStep = selection.indexShape.isEmpty ? 0 : result.axisStride(selection.indexAxesStart + selection.indexShape.count - 1)
        let subspace = selection.subspaceShape
        let source = selection.view.baseAddress
        let destination = result.makeUniqueForWriting()
        selection.positionOffsets.withUnsafeBufferPointer { offsets in
            if subspace.reduce(1, *) == 1 {
                ElementKernels.gather(
                    itemSize: itemSize, source: source, offsets: offsets.baseAddress!, count: indexCount,
                    destination: destination, destinationStride: indexStep
                )
                return
            }
            let destinationStrides = selection.resultSubspacePositions().map { result.axisStride($0) }
            let layout = IterationLayout(shape: subspace, strides: [destinationStrides, selection.subspaceStrides])
            let copy = castFunction(from: dtype, to: dtype)
            for k in 0..<indexCount {
                layout.forEachRun(bases: [destination + k * indexStep, source + offsets[k]]) { pointers, count, steps in
                    copy(UnsafeRawPointer(pointers[1]!), steps[1], pointers[0]!, steps[0], count)
                }
            }
        }
        return result
    }

    /// NumPy's `a[indices] = value` when an entry is an array.
    mutating func advancedAssign(_ value: NDArray, at indices: [NDIndex]) throws {
        _ = makeUniqueForWriting()
        if indices.count == 1, case .array(let mask) = indices[0].kind, mask.dtype == .bool, mask.shape == shape {
            // NumPy's rule for a mask over every axis (a 0-d one of a 0-d array too): the
            // value is 0-d or 1-d.
            guard value.ndim <= 1 else {
                throw TesseraError(.shapeMismatch, "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has \(value.ndim) dimensions")
            }
            if value.size == 1 {
                fill(where: mask, with: value)
                return
            }
        }
        let selection = try advancedSelection(indices)
        let value = value.droppingLeadingUnitAxes(toRank: selection.resultShape.count)
        guard (try? broadcastShapes([value.shape, selection.resultShape])) == selection.resultShape else {
            throw TesseraError(
                .shapeMismatch,
                "shape mismatch: value array of shape \(value.shape) could not be broadcast to indexing result of shape \(selection.resultShape)"
            )
        }
        if selection.resultShape.contains(0) { return }
        let source = (value.dtype == dtype ? value : value.astype(dtype)).broadcastView(to: selection.resultShape)
        let indexStrides = Array(source.strides[selection.indexAxesStart..<(selection.indexAxesStart + selection.indexShape.count)])
        let sourceOffsets = NDArray.elementOffsets(shape: selection.indexShape, strides: indexStrides)
        let subspace = selection.subspaceShape
        let destination = selection.view.baseAddress
        let sourceBase = source.baseAddress
        let sourceSubspaceStrides = selection.resultSubspacePositions().map { source.axisStride($0) }
        let layout = IterationLayout(shape: subspace, strides: [selection.subspaceStrides, sourceSubspaceStrides], keepOrder: true)
        let copy = castFunction(from: dtype, to: dtype)
        let single = subspace.reduce(1, *) == 1
        let size = itemSize
        selection.positionOffsets.withUnsafeBufferPointer { offsets in
            for k in 0..<offsets.count {
                if single {
                    (destination + offsets[k]).copyMemory(from: sourceBase + sourceOffsets[k], byteCount: size)
                } else {
                    layout.forEachRun(bases: [destination + offsets[k], sourceBase + sourceOffsets[k]]) { pointers, count, steps in
                        copy(UnsafeRawPointer(pointers[1]!), steps[1], pointers[0]!, steps[0], count)
                    }
                }
            }
        }
    }

    /// The array without leading length-1 axes beyond `rank` axes: NumPy lets an assigned
    /// value have them (`a[...] = [[1.0]]` into one element).
    func droppingLeadingUnitAxes(toRank rank: Int) -> NDArray {
        var axes = 0
        while ndim - axes > rank && shape[axes] == 1 { axes += 1 }
        return axes == 0 ? self : rawView(shape: Array(shape[axes...]), strides: Array(strides[axes...]))
    }

    /// The byte offset of each element of `shape`, in C order, for `strides`.
    static func elementOffsets(shape: [Int], strides: [Int]) -> [Int] {
        let count = shape.reduce(1, *)
        var result = [Int](repeating: 0, count: count)
        if count == 0 || shape.isEmpty { return result }
        let inner = shape.count - 1
        var current = 0
        var k = 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(inner, 1)) { index in
            index.initialize(repeating: 0)
            repeat {
                for i in 0..<shape[inner] { result[k + i] = current + i * strides[inner] }
                k += shape[inner]
            } while Odometer.advance(index.baseAddress!, over: Odometer.cOrder(inner), length: { shape[$0] }) { axis, moves in
                current += moves * strides[axis]
            }
        }
        return result
    }

    /// `self[mask]` for a mask of the array's own shape: the selected elements in C order.
    func compressed(byMask mask: NDArray) -> NDArray {
        let count = mask.countTrue()
        // One spare slot: the branch-free kernel stores every element before deciding to keep it.
        let storage = ArrayStorage.make(byteCount: (count + 1) * itemSize, zeroed: false)
        let result = NDArray(storage: storage, dtype: dtype, shape: [count], strides: [itemSize], offset: 0)
        if count == 0 { return result }
        var written = 0
        let size = itemSize
        let layout = IterationLayout(shape: shape, strides: [strides, mask.strides], keepOrder: true)
        layout.forEachRun(bases: [baseAddress, mask.baseAddress]) { pointers, n, steps in
            written += ElementKernels.compress(
                itemSize: size, source: pointers[0]!, sourceStride: steps[0], mask: pointers[1]!, maskStride: steps[1],
                count: n, destination: storage.pointer + written * size
            )
        }
        return result
    }

    /// Writes the one element of `value` (cast) wherever `mask` (the array's shape) is
    /// true. The caller has made the storage unique.
    mutating func fill(where mask: NDArray, with value: NDArray) {
        let base = makeUniqueForWriting()
        let cast = value.dtype == dtype ? value : value.astype(dtype)
        let size = itemSize
        let layout = IterationLayout(shape: shape, strides: [strides, mask.strides])
        layout.forEachRun(bases: [base, mask.baseAddress]) { pointers, n, steps in
            ElementKernels.maskedFill(
                itemSize: size, value: cast.baseAddress, destination: pointers[0]!, destinationStride: steps[0],
                mask: pointers[1]!, maskStride: steps[1], count: n
            )
        }
    }

    /// The number of true elements of a bool array (whose bytes are 0 or 1, as every
    /// Tessera `bool` array's are: casts, literals and files all store 0 or 1).
    func countTrue() -> Int {
        var total = 0
        let layout = IterationLayout(shape: shape, strides: [strides])
        layout.forEachRun(bases: [baseAddress]) { pointers, n, steps in
            let p = pointers[0]!, step = steps[0]
            var count = 0
            if step == 1 {
                // Eight elements per step: a Swift `Bool` byte is exactly 0 or 1, so the sum
                // of a word's bytes (at most 8) is its product with 0x0101…01, top byte.
                var i = 0
                while i + 8 <= n {
                    let word = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    count &+= Int((word &* 0x0101_0101_0101_0101) >> 56)
                    i += 8
                }
                let bytes = p.assumingMemoryBound(to: UInt8.self)
                while i < n {
                    count &+= ElementKernels.isNonzero(bytes[i])
                    i += 1
                }
            } else {
                for i in 0..<n { count &+= ElementKernels.isNonzero(p.load(fromByteOffset: i * step, as: UInt8.self)) }
            }
            total += count
        }
        return total
    }

    /// Resolves an index with array entries: masks become positions, integers become
    /// 0-d position arrays (NumPy treats them as advanced once any entry is an array),
    /// the basic entries become a view, and the positions become byte offsets.
    func advancedSelection(_ indices: [NDIndex]) throws -> AdvancedSelection {
        var consumed = 0
        var ellipses = 0
        for index in indices {
            switch index.kind {
            case .index, .slice: consumed += 1
            case .array(let array): consumed += array.dtype == .bool ? array.ndim : 1
            case .ellipsis: ellipses += 1
            case .newAxis: break
            }
        }
        guard ellipses <= 1 else {
            throw TesseraError(.indexError, "an index can only have a single ellipsis ('...')")
        }
        guard consumed <= ndim else {
            throw TesseraError(
                .indexError,
                "too many indices for array: array is \(ndim)-dimensional, but \(consumed) were indexed"
            )
        }
        var viewShape: [Int] = [], viewStrides: [Int] = [], viewOffset = offset
        var advanced: [(viewAxis: Int, positions: NDArray, sourceAxis: Int)] = []
        // Which entries of `indices` are advanced: NumPy keeps the index shape in place only
        // when they are neighbours in the index (an ellipsis between them separates them
        // even when it stands for no axis).
        var advancedEntries: [Int] = []
        var axis = 0
        func keepAxis() {
            viewShape.append(shape[axis])
            viewStrides.append(strides[axis])
            axis += 1
        }
        for (entry, index) in indices.enumerated() {
            switch index.kind {
            case .index, .array: advancedEntries.append(entry)
            default: break
            }
            switch index.kind {
            case .ellipsis:
                for _ in 0..<(ndim - consumed) { keepAxis() }
            case .newAxis:
                viewShape.append(1)
                viewStrides.append(0)
            case .slice(let start, let stop, let step):
                let slice = try NDArray.resolveSlice(start: start, stop: stop, step: step, length: shape[axis])
                if slice.count > 0 { viewOffset += slice.start * strides[axis] }
                viewShape.append(slice.count)
                viewStrides.append(strides[axis] * slice.step)
                axis += 1
            case .index(let position):
                advanced.append((viewShape.count, NDArray(scalar: Int64(position)), axis))
                keepAxis()
            case .array(let array) where array.dtype == .bool:
                if array.ndim == 0 {
                    // NumPy: a 0-d mask adds an axis of length 1 and selects it once or not at all.
                    let positions = array.item(Bool.self) ? NDArray([Int64(0)]) : NDArray([Int64]())
                    advanced.append((viewShape.count, positions, axis))
                    viewShape.append(1)
                    viewStrides.append(0)
                    continue
                }
                for k in 0..<array.ndim where array.axisLength(k) != shape[axis + k] {
                    throw TesseraError(
                        .indexError,
                        "boolean index did not match indexed array along axis \(axis + k); size of axis is \(shape[axis + k]) but size of corresponding boolean axis is \(array.axisLength(k))"
                    )
                }
                for positions in array.nonzeroPositions() {
                    advanced.append((viewShape.count, positions, axis))
                    keepAxis()
                }
            case .array(let array):
                guard array.dtype.isInteger else {
                    throw TesseraError(.indexError, "arrays used as indices must be of integer (or boolean) type, not \(array.dtype)")
                }
                advanced.append((viewShape.count, array, axis))
                keepAxis()
            }
        }
        if ellipses == 0 { while axis < ndim { keepAxis() } }
        let view = NDArray(storage: storage, dtype: dtype, shape: viewShape, strides: viewStrides, offset: viewOffset)

        let indexShape: [Int]
        do {
            indexShape = try broadcastShapes(advanced.map(\.positions.shape))
        } catch {
            throw TesseraError(
                .indexError,
                "shape mismatch: indexing arrays could not be broadcast together with shapes \(advanced.map { "(\($0.positions.shape.map(String.init).joined(separator: ",")))" }.joined(separator: " "))"
            )
        }
        // Integers (and 0-d position arrays) are checked even when the selection is empty, as NumPy does.
        for entry in advanced where entry.positions.ndim == 0 && entry.positions.dtype != .bool {
            let length = viewShape[entry.viewAxis]
            let position = entry.positions.item(Int64.self)
            guard position >= -Int64(length) && position < Int64(length) else {
                throw TesseraError(.indexError, "index \(position) is out of bounds for axis \(entry.sourceAxis) with size \(length)")
            }
        }
        let count = indexShape.reduce(1, *)
        var offsets = [Int](repeating: 0, count: count)
        for entry in advanced {
            let length = viewShape[entry.viewAxis], stride = viewStrides[entry.viewAxis]
            let positions = (entry.positions.dtype == .int64 ? entry.positions : entry.positions.astype(.int64)).broadcastView(to: indexShape)
            var failure: Int64? = nil
            let layout = IterationLayout(
                shape: indexShape,
                strides: [NDArray.contiguousStrides(shape: indexShape, itemSize: MemoryLayout<Int>.stride), positions.strides],
                keepOrder: true
            )
            offsets.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress, count > 0 else { return }
                layout.forEachRun(bases: [base, positions.baseAddress]) { pointers, n, steps in
                    if failure != nil { return }
                    let out = pointers[0]!, input = pointers[1]!
                    for i in 0..<n {
                        let original = input.load(fromByteOffset: i * steps[1], as: Int64.self)
                        var position = Int(original)
                        if position < 0 { position += length }
                        guard position >= 0 && position < length else {
                            failure = original
                            return
                        }
                        let slot = out.advanced(by: i * steps[0]).assumingMemoryBound(to: Int.self)
                        slot.pointee += position * stride
                    }
                }
            }
            if let failure {
                throw TesseraError(.indexError, "index \(failure) is out of bounds for axis \(entry.sourceAxis) with size \(length)")
            }
        }

        let advancedAxes = advanced.map(\.viewAxis)
        let subspaceAxes = viewShape.indices.filter { !advancedAxes.contains($0) }
        let adjacent = advancedEntries.last! - advancedEntries.first! == advancedEntries.count - 1
        let start = adjacent ? advancedAxes.first! : 0
        var resultShape = subspaceAxes.map { viewShape[$0] }
        let subspaceBefore = adjacent ? subspaceAxes.filter { $0 < start }.count : 0
        resultShape.insert(contentsOf: indexShape, at: subspaceBefore)
        return AdvancedSelection(
            view: view, indexShape: indexShape, positionOffsets: offsets, resultShape: resultShape,
            indexAxesStart: subspaceBefore, subspaceAxes: subspaceAxes
        )
    }
}
