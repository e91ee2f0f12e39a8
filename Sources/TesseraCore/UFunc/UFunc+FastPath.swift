extension UFunc {
    /// The common call — one output, contiguous inputs of one shape (or 0-d / Swift
    /// scalars), dtypes that match a loop exactly, no `out:`, `where:`, `dtype:` or
    /// `signature:` — without the general machinery's bookkeeping: the loop resolution
    /// comes from the registry's cache and the loop is called once on the whole array.
    /// Returns nil when the call needs the general path. Results are identical: it
    /// calls the same loop the general path would, with the same strides.
    func fastCall(_ operands: [Operand], registry: LoopRegistry) throws -> NDArray? {
        // `apply` has normalised the operands already.
        guard outputCount == 1, inputCount <= 2, operands.count == inputCount else { return nil }
        var shape: [Int]? = nil
        var strongType: DType? = nil
        for operand in operands {
            guard case .array(let array) = operand else { continue }
            guard array.isCContiguous else { return nil }
            if array.ndim > 0 {
                if let known = shape, !known.isEmpty {
                    if known != array.shape { return nil }
                } else {
                    shape = array.shape
                }
            } else if shape == nil {
                shape = []
            }
            strongType = strongType.map { DType.promote($0, array.dtype) } ?? array.dtype
        }
        guard let shape, let strongType else { return nil }

        // Resolved dtypes of the operands, packed as the cache key.
        var key: UInt64 = UInt64(operands.count)
        var operandTypes: (DType, DType) = (strongType, strongType)
        for (index, operand) in operands.enumerated() {
            let type: DType
            switch operand {
            case .array(let array): type = array.dtype
            case .weak(let scalar): type = scalar.dtype(alongside: strongType)
            }
            if index == 0 { operandTypes.0 = type } else { operandTypes.1 = type }
            key = key << 8 | UInt64(type.rawValue)
        }
        let loop: InnerLoop
        if let cached = registry.cachedResolution(for: self, key: key) {
            loop = cached
        } else {
            loop = try resolve(operands: operands, registry: registry, dtype: nil, signature: nil).loop
            registry.cacheResolution(loop, for: self, key: key)
        }
        // Only exact matches: casts go through the general path's buffers.
        guard loop.signature.inputs[0] == operandTypes.0, inputCount == 1 || loop.signature.inputs[1] == operandTypes.1 else {
            return nil
        }

        let outputType = loop.signature.outputs[0]
        let output = try NDArray(checkedShape: shape, dtype: outputType, zeroed: false)
        let count = output.size
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { scalars in
            try withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 3) { args in
                try withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { steps in
                    for (index, operand) in operands.enumerated() {
                        switch operand {
                        case .array(let array):
                            args[index] = array.baseAddress
                            // NumPy's trivial loop: a 1-D operand with its own stride (a
                            // one-element view may have any), N-D ones with the item size.
                            steps[index] = array.ndim == 0 ? 0 : (array.ndim == 1 ? array.strides[0] : array.itemSize)
                        case .weak(let scalar):
                            // A weak scalar lives in a 16-byte slot on the stack, stride 0.
                            let slot = UnsafeMutableRawPointer(scalars.baseAddress! + 2 * index)
                            try scalar.store(as: loop.signature.inputs[index], into: slot)
                            args[index] = slot
                            steps[index] = 0
                        }
                    }
                    args[inputCount] = output.baseAddress
                    steps[inputCount] = outputType.itemSize
                    if count > 0 {
                        loop(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!))
                    }
                    return output
                }
            }
        }
    }
}
