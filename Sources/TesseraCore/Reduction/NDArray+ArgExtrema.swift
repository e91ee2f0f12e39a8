import ComplexModule
import RealModule

/// Element types whose order `argmax`/`argmin` can compare with NumPy's rules:
/// the first occurrence wins, and NaN counts as the extreme (the first NaN wins).
protocol ArgComparable: NDArrayElement {
    /// Whether `candidate` replaces `current` as the running maximum (`isMax`) or minimum.
    static func replaces(_ candidate: Self, _ current: Self, isMax: Bool) -> Bool
}

extension ArgComparable where Self: FixedWidthInteger {
    static func replaces(_ candidate: Self, _ current: Self, isMax: Bool) -> Bool {
        isMax ? candidate > current : candidate < current
    }
}

extension ArgComparable where Self: BinaryFloatingPoint {
    static func replaces(_ candidate: Self, _ current: Self, isMax: Bool) -> Bool {
        if current.isNaN { return false }
        if candidate.isNaN { return true }
        return isMax ? candidate > current : candidate < current
    }
}

extension Bool: ArgComparable {
    static func replaces(_ candidate: Bool, _ current: Bool, isMax: Bool) -> Bool {
        isMax ? (candidate && !current) : (!candidate && current)
    }
}
extension Int8: ArgComparable {}
extension Int16: ArgComparable {}
extension Int32: ArgComparable {}
extension Int64: ArgComparable {}
extension UInt8: ArgComparable {}
extension UInt16: ArgComparable {}
extension UInt32: ArgComparable {}
extension UInt64: ArgComparable {}
extension Float16: ArgComparable {}
extension Float: ArgComparable {}
extension Double: ArgComparable {}

extension Complex: ArgComparable where RealType: ComplexComponent {
    static func replaces(_ candidate: Complex, _ current: Complex, isMax: Bool) -> Bool {
        let currentNaN = current.rawStorage.x.isNaN || current.rawStorage.y.isNaN
        let candidateNaN = candidate.rawStorage.x.isNaN || candidate.rawStorage.y.isNaN
        if currentNaN { return false }
        if candidateNaN { return true }
        if isMax {
            return candidate.rawStorage.x > current.rawStorage.x || (candidate.rawStorage.x == current.rawStorage.x && candidate.rawStorage.y > current.rawStorage.y)
        }
        return candidate.rawStorage.x < current.rawStorage.x || (candidate.rawStorage.x == current.rawStorage.x && candidate.rawStorage.y < current.rawStorage.y)
    }
}

extension NDArray {
    /// Index of the largest element (NumPy's `argmax`): over the flattened array (C order)
    /// when `axis` is nil, else along `axis` (an int64 array). First occurrence wins; NaN
    /// counts as largest. An empty array (or axis) is a programmer error.
    public func argmax(axis: Int? = nil, keepdims: Bool = false) -> NDArray {
        argExtreme(axis: axis, keepdims: keepdims, isMax: true)
    }

    /// Index of the smallest element (NumPy's `argmin`); NaN counts as smallest.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) -> NDArray {
        argExtreme(axis: axis, keepdims: keepdims, isMax: false)
    }

    func argExtreme(axis requestedAxis: Int?, keepdims: Bool, isMax: Bool) -> NDArray {
        let name = isMax ? "argmax" : "argmin"
        guard let requestedAxis else {
            require(size > 0, "\(name): attempt to get \(name) of an empty sequence")
            let flat = isCContiguous ? self : flatten()
            let executor = Backends.active.executor
            let index = NDArray.argExtreme(flat.baseAddress, count: size, stride: itemSize, dtype: dtype, isMax: isMax, executor: executor, methodLoop: NDArray.argExtremeLoop(dtype: dtype, isMax: isMax))
            let result = NDArray(scalar: Int64(index))
            return keepdims ? result.rawView(shape: Array(repeating: 1, count: ndim), strides: Array(repeating: 0, count: ndim)) : result
        }
        let axis: Int
        do { axis = try NDArray.normalizeAxis(requestedAxis, ndim: ndim) } catch { fatalError("\(name): \(error)") }
        require(shape[axis] > 0, "\(name): attempt to get \(name) of an empty sequence (axis \(axis) has length 0)")
        var outShape = shape
        outShape[axis] = 1
        var result = NDArray(uninitializedShape: outShape, dtype: .int64)
        let resultBase = result.makeUniqueForWriting()
        var strideOut = result.strides
        strideOut[axis] = 0
        var outerStrides = strides
        outerStrides[axis] = 0
        let layout = IterationLayout(shape: outShape, strides: [strideOut, outerStrides], keepOrder: true)
        let length = shape[axis], step = strides[axis]
        let executor = Backends.active.executor
        let methodLoop = NDArray.argExtremeLoop(dtype: dtype, isMax: isMax)
        let outputs = result.size
        if let executor, executor.threadCount > 1, outputs > 1, size >= NDArray.parallelArgMinimum {
            // Outputs are independent: contiguous blocks of them (in C order) per thread.
            let parts = Swift.min(executor.threadCount, outputs)
            let source = baseAddress, dtype = dtype
            executor.parallelFor(parts) { part in
                for flat in (outputs * part / parts)..<(outputs * (part + 1) / parts) {
                    var rest = flat, input = source, output = resultBase
                    for dimension in stride(from: outShape.count - 1, through: 0, by: -1) {
                        let position = rest % outShape[dimension]
                        rest /= outShape[dimension]
                        input += position * outerStrides[dimension]
                        output += position * result.axisStride(dimension)
                    }
                    let index = NDArray.argExtreme(input, count: length, stride: step, dtype: dtype, isMax: isMax, executor: nil, methodLoop: methodLoop)
                    output.storeBytes(of: Int64(index), as: Int64.self)
                }
            }
        } else if let methodLoop, executor == nil || executor!.threadCount <= 1 || length < NDArray.parallelArgMinimum {
            // One backend call per output, its arguments set up once: with short rows (a
            // 2000 × 2000 argmax along axis 1) the per-row cost of the general scan's
            // dispatch shows next to the scan itself.
            withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 2) { args in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 2) { loopSteps in
                    loopSteps[0] = step
                    loopSteps[1] = 0
                    layout.forEachRun(bases: [resultBase, baseAddress]) { pointers, count, steps in
                        for i in 0..<count {
                            args[0] = pointers[1]! + i * steps[1]
                            args[1] = pointers[0]! + i * steps[0]
                            methodLoop.function(UnsafePointer(args.baseAddress!), length, UnsafePointer(loopSteps.baseAddress!), methodLoop.data)
                        }
                    }
                }
            }
        } else {
            layout.forEachRun(bases: [resultBase, baseAddress]) { pointers, count, steps in
                for i in 0..<count {
                    let index = NDArray.argExtreme(pointers[1]! + i * steps[1], count: length, stride: step, dtype: dtype, isMax: isMax, executor: executor, methodLoop: methodLoop)
                    (pointers[0]! + i * steps[0]).storeBytes(of: Int64(index), as: Int64.self)
                }
            }
        }
        if keepdims { return result }
        let finalShape = shape.indices.filter { $0 != axis }.map { shape[$0] }
        return result.rawView(shape: finalShape, strides: NDArray.contiguousStrides(shape: finalShape, itemSize: 8))
    }

    /// A backend's loop for `argmax`/`argmin` of `dtype` (LoopRegistry+ArrayMethods.swift), if any.
    static func argExtremeLoop(dtype: DType, isMax: Bool) -> InnerLoop? {
        Backends.active.methodLoop(isMax ? .argmax : .argmin, signature: LoopSignature(inputs: [dtype], outputs: [.int64]))
    }

    /// Fewer elements than this are scanned on the calling thread.
    static var parallelArgMinimum: Int { Threading.minimumArgExtremumSplitCount }

    /// The index of the extreme of `count` elements. With an executor of several threads
    /// a long scan is cut into blocks by position; each block's first extreme is then
    /// folded in block order with the same strict rule, which keeps the first occurrence
    /// (and the first NaN), so the index does not depend on the number of threads.
    static func argExtreme(_ base: UnsafeMutableRawPointer, count: Int, stride: Int, dtype: DType, isMax: Bool, executor: (any ParallelExecutor)?, methodLoop: InnerLoop?) -> Int {
        func scanRange<T: ArgComparable>(_: T.Type, _ lo: Int, _ hi: Int) -> Int {
            if let methodLoop {
                // On the stack: this runs once per output of an axis reduction.
                return withUnsafeTemporaryAllocation(of: Int64.self, capacity: 1) { index in
                    withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 2) { args in
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2) { steps in
                            args[0] = base + lo * stride
                            args[1] = UnsafeMutableRawPointer(index.baseAddress!)
                            steps[0] = stride
                            steps[1] = 0
                            methodLoop.function(UnsafePointer(args.baseAddress!), hi - lo, UnsafePointer(steps.baseAddress!), methodLoop.data)
                            return lo + Int(index[0])
                        }
                    }
                }
            }
            var best = lo
            var current = (base + lo * stride).loadUnaligned(as: T.self)
            var i = lo + 1
            while i < hi {
                let candidate = (base + i * stride).loadUnaligned(as: T.self)
                if T.replaces(candidate, current, isMax: isMax) {
                    best = i
                    current = candidate
                }
                i += 1
            }
            return best
        }
        func scan<T: ArgComparable>(_ type: T.Type) -> Int {
            guard let executor, executor.threadCount > 1, count >= parallelArgMinimum else {
                return scanRange(type, 0, Swift.max(count, 1))
            }
            let parts = executor.threadCount
            let bests = UnsafeMutablePointer<Int>.allocate(capacity: parts)
            defer { bests.deallocate() }
            executor.parallelFor(parts) { part in
                bests[part] = scanRange(type, count * part / parts, count * (part + 1) / parts)
            }
            var best = bests[0]
            var current = (base + best * stride).loadUnaligned(as: T.self)
            for part in 1..<parts {
                let candidate = (base + bests[part] * stride).loadUnaligned(as: T.self)
                if T.replaces(candidate, current, isMax: isMax) {
                    best = bests[part]
                    current = candidate
                }
            }
            return best
        }
        switch dtype {
        case .bool: return scan(Bool.self)
        case .int8: return scan(Int8.self)
        case .uint8: return scan(UInt8.self)
        case .int16: return scan(Int16.self)
        case .uint16: return scan(UInt16.self)
        case .int32: return scan(Int32.self)
        case .uint32: return scan(UInt32.self)
        case .int64: return scan(Int64.self)
        case .uint64: return scan(UInt64.self)
        case .float16: return scan(Float16.self)
        case .float32: return scan(Float.self)
        case .float64: return scan(Double.self)
        case .complex64: return scan(Complex<Float>.self)
        case .complex128: return scan(Complex<Double>.self)
        }
    }
}
