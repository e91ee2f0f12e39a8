extension UFunc {
    /// `ufunc.accumulate`: running results along `axis` (`cumsum` is `add.accumulate`).
    ///
    /// As NumPy does: the first position is copied, then the registered loop is called
    /// once per position of the other axes, along `axis`, with the output shifted by one
    /// element as its first input (`out[i] = op(out[i-1], in[i])`, `count - 1` elements).
    /// `dtype` defaults like `reduce`'s.
    public func accumulate(_ array: NDArray, axis: Int = 0, dtype: DType? = nil) throws -> NDArray {
        guard inputCount == 2 && outputCount == 1 else {
            throw TesseraError(.notBinary, "accumulate needs a binary ufunc with one output (such as add, multiply, maximum); '\(name)' has \(inputCount) input\(inputCount == 1 ? "" : "s") and \(outputCount) output\(outputCount == 1 ? "" : "s")")
        }
        guard array.ndim > 0 else {
            throw TesseraError(.axisError, "accumulate of a 0-d array is not defined (NumPy: cannot accumulate on a scalar)")
        }
        let axis = try NDArray.normalizeAxis(axis, ndim: array.ndim)
        let loop = try reductionLoop(for: array.dtype, requested: dtype, registry: Backends.active)
        let type = loop.signature.outputs[0]
        let result = try NDArray(checkedShape: array.shape, dtype: type)
        let length = array.axisLength(axis)
        if array.size == 0 { return result }

        // First position: a copy of the input (cast to the loop type).
        var sliceShape = array.shape
        sliceShape[axis] = 1
        NDArray.writeElements(from: array.rawView(shape: sliceShape, strides: array.strides), through: result.sliceView(axis: axis, at: 0, shape: sliceShape))
        if length == 1 { return result }
        let input = array.dtype == type ? array : array.astype(type)
        // One loop call per position of the other axes, visited by the core's walk over
        // them (any order gives the same results: the positions are independent).
        let outer = array.shape.indices.filter { $0 != axis }
        let layout = IterationLayout(shape: outer.map { array.axisLength($0) }, strides: [outer.map { result.axisStride($0) }, outer.map { input.axisStride($0) }])
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                steps[0] = result.axisStride(axis); steps[1] = input.axisStride(axis); steps[2] = result.axisStride(axis)
                layout.forEachRun(bases: [result.baseAddress, input.baseAddress]) { pointers, count, runSteps in
                    for position in 0..<count {
                        let out = pointers[0]! + position * runSteps[0]
                        args[0] = out
                        args[1] = pointers[1]! + position * runSteps[1] + input.axisStride(axis)
                        args[2] = out + result.axisStride(axis)
                        loop(UnsafePointer(args.baseAddress!), length - 1, UnsafePointer(steps.baseAddress!))
                    }
                }
            }
        }
        return result
    }

    /// `ufunc.outer`: `op(a[i…], b[j…])` for every pair, shape `a.shape + b.shape`.
    public func outer(_ a: NDArray, _ b: NDArray, dtype: DType? = nil) throws -> NDArray {
        guard inputCount == 2 else {
            throw TesseraError(.notBinary, "outer needs a binary ufunc (such as add, multiply, subtract); '\(name)' takes \(inputCount) input\(inputCount == 1 ? "" : "s")")
        }
        let left = a.rawView(shape: a.shape + Array(repeating: 1, count: b.ndim), strides: a.strides + Array(repeating: 0, count: b.ndim))
        var outputs: [NDArray?] = Array(repeating: nil, count: outputCount)
        try apply([.array(left), .array(b)], outputs: &outputs, mask: nil, dtype: dtype, signature: nil, casting: .sameKind)
        return outputs[0]!
    }

    /// `ufunc.reduceat`: reductions over the slices `indices[i]..<indices[i+1]` along `axis`
    /// (the last slice runs to the end); where `indices[i] >= indices[i+1]` the result is
    /// `a[indices[i]]`, as in NumPy.
    public func reduceat(_ array: NDArray, indices: [Int], axis: Int = 0, dtype: DType? = nil) throws -> NDArray {
        guard array.ndim > 0 else {
            throw TesseraError(.axisError, "reduceat of a 0-d array is not defined")
        }
        let axis = try NDArray.normalizeAxis(axis, ndim: array.ndim)
        let length = array.axisLength(axis)
        for index in indices where index < 0 || index >= length {
            throw TesseraError(.indexError, "index \(index) out-of-bounds in \(name).reduceat [0, \(length))")
        }
        let loop = try reductionLoop(for: array.dtype, requested: dtype, registry: Backends.active)
        var shape = array.shape
        shape[axis] = indices.count
        var result = try NDArray(checkedShape: shape, dtype: loop.signature.outputs[0])
        for (j, start) in indices.enumerated() {
            let end = j + 1 < indices.count ? indices[j + 1] : length
            let stop = end > start ? end : start + 1
            var pieceShape = array.shape
            pieceShape[axis] = stop - start
            let piece = array.rawView(shape: pieceShape, strides: array.strides, byteOffset: start * array.axisStride(axis))
            let reducedPiece = stop - start == 1
                ? piece.astype(result.dtype)
                : try reduce(piece, axes: [axis], keepdims: true, dtype: result.dtype)
            var sliceShape = shape
            sliceShape[axis] = 1
            NDArray.writeElements(from: reducedPiece, through: result.sliceView(axis: axis, at: j, shape: sliceShape))
        }
        return result
    }
}

extension NDArray {
    /// A view of one position along `axis` (length 1); with `writeElements` it fills a
    /// freshly allocated result in place.
    func sliceView(axis: Int, at index: Int, shape: [Int]) -> NDArray {
        rawView(shape: shape, strides: strides, byteOffset: index * strides[axis])
    }
}
