extension NDArray {
    /// NumPy 2's weighted `quantile` (method `inverted_cdf`): each lane sorted stably, the
    /// weights' cumulative sum in float64 in that order, divided by the total (and rounded
    /// to the levels' float dtype), then per level the first sorted element whose share
    /// reaches it (`searchsorted(cdf, q, side='left')`, at most the last). A lane holding
    /// NaN gives NaN. Where any lane starts with zero weight, NumPy turns every zero share
    /// into -1 so that level 0 skips leading zero weights; so does this.
    static func weightedQuantile(_ a: NDArray, levels: QuantileLevels, axis: Int?, method: QuantileMethod, keepdims: Bool, weights: NDArray, _ function: String) throws -> NDArray {
        guard method == .invertedCDF else {
            throw TesseraError(.valueError, "Only method 'inverted_cdf' supports weights. Got: \(method.rawValue).")
        }
        let w = try alignedWeights(weights, to: a, axis: axis, function).broadcastView(to: a.shape)
        let weightValues = w.astype(.float64)
        if try UFunc.less(weightValues, 0.0).toArray(Bool.self).contains(true) {
            throw TesseraError(.valueError, "Weights must be non-negative.")
        }
        let lanes = try SortLanes(a, axis: axis, copy: false)
        let weightLanes = try SortLanes(weightValues, axis: axis, copy: false)
        let n = lanes.length, laneCount = lanes.count
        let order = lanes.rows.argsort(axis: -1, kind: .stable).toArray(Int64.self)
        let weight = weightLanes.rows.toArray(Double.self)
        let data = a.dtype.isFloatingPoint ? lanes.rows.astype(.float64).toArray(Double.self) : []
        // The cumulative distribution of every lane, in sorted order.
        var cdf = [Double](repeating: 0, count: laneCount * n)
        var leadingZero = false
        for lane in 0..<laneCount {
            var total = 0.0
            for i in 0..<n {
                total += weight[lane * n + Int(order[lane * n + i])]
                cdf[lane * n + i] = total
            }
            // NumPy's check, after normalising: the last share is NaN for a zero, inf or NaN total.
            if (total / total).isNaN {
                throw TesseraError(.valueError, "Weights included NaN, inf or were all zero.")
            }
            for i in 0..<n {
                var share = cdf[lane * n + i] / total
                switch levels.dtype {
                case .float32: share = Double(Float(share))
                case .float16: share = Double(Float16(share))
                default: break
                }
                cdf[lane * n + i] = share
            }
            if n > 0 && cdf[lane * n] == 0 { leadingZero = true }
        }
        if leadingZero {
            for i in cdf.indices where cdf[i] == 0 { cdf[i] = -1 }
        }
        let item = a.itemSize
        let outer = Array(lanes.rows.shape.dropLast())
        var result = NDArray(uninitializedShape: [levels.values.count] + outer, dtype: a.dtype)
        let target = result.makeUniqueForWriting()
        let source = UnsafeRawPointer(lanes.rows.baseAddress)
        for (j, q) in levels.values.enumerated() {
            for lane in 0..<laneCount {
                // First position whose share is not below q (NaN shares count as not below).
                var low = 0, high = n
                while low < high {
                    let mid = (low + high) / 2
                    if cdf[lane * n + mid] < q { low = mid + 1 } else { high = mid }
                }
                var position = Swift.min(low, n - 1)
                if !data.isEmpty && data[lane * n + Int(order[lane * n + n - 1])].isNaN { position = n - 1 }
                let element = lane * n + Int(order[lane * n + position])
                (target + (j * laneCount + lane) * item).copyMemory(from: source + element * item, byteCount: item)
            }
        }
        if levels.shape == nil { result = result.reshaped(outer) }
        let leading = levels.shape?.count ?? 0
        return keepdims ? result.keepingDims(lanes.axisForKeepdims(axis), originalNDim: a.ndim, leading: leading) : result
    }
}
