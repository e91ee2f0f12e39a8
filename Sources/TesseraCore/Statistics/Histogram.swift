/// The bins of a histogram (NumPy's `bins=`): a count of equal-width bins over the data's
/// range (or `range`), or explicit monotonically increasing edges.
public enum HistogramBins: Sendable, ExpressibleByIntegerLiteral {
    case count(Int)
    case edges(NDArray)

    public init(integerLiteral value: Int) { self = .count(value) }
}

extension NDArray {
    /// Throwing form of ``histogram(_:bins:range:density:weights:)``.
    /// - Throws: `.valueError` when the bin count is not positive, explicit edges do not
    ///   increase monotonically, `range` has its ends swapped or not finite, the data's own
    ///   range is not finite (NaN or inf with no `range`), `a` is complex, or `weights` is
    ///   not shaped like `a`; `.unsupportedDType` for complex weights.
    public static func histogram(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil, density: Bool = false, weights: NDArray? = nil) throws -> (hist: NDArray, binEdges: NDArray) {
        let (edges, uniform) = try binEdges(a, bins: bins, range: range)
        let flat = a.isCContiguous ? a.ravel() : a.ravel().copy(order: .c)
        if let weights {
            guard weights.shape == a.shape else {
                throw TesseraError(.valueError, "histogram: weights should have the same shape as a (a \(a.shape), weights \(weights.shape))")
            }
            guard !weights.dtype.isComplex else {
                throw TesseraError(.unsupportedDType, "histogram: complex weights are not supported; histogram the real and imaginary parts separately")
            }
            let hist = try weightedHistogram(flat, weights: weights.ravel(), edges: edges, uniform: uniform)
            guard density else { return (hist, edges) }
            // NumPy's `n / db / n.sum()` with `db` the edges' differences as float64.
            let widths = try diff(edges).astype(.float64)
            return (try UFunc.divide(UFunc.divide(hist, widths), hist.sum()), edges)
        }
        var counts = [Int64](repeating: 0, count: edges.size - 1)
        if let uniform {
            countUniform(flat, edges: edges, first: uniform.first, last: uniform.last, into: &counts)
        } else {
            // NumPy's cumulative path: searchsorted of the edges in the sorted data.
            let sorted = flat.sorted(axis: 0)
            let left = try searchsorted(sorted, edges, side: .left).toArray(Int64.self)
            let right = try searchsorted(sorted, edges, side: .right).toArray(Int64.self)
            var cumulative = left
            cumulative[cumulative.count - 1] = right[right.count - 1]
            for i in counts.indices { counts[i] = cumulative[i + 1] - cumulative[i] }
        }
        let hist = NDArray(counts)
        guard density else { return (hist, edges) }
        // NumPy's `n / db / n.sum()`, `db` the edges' differences (in their dtype) as float64.
        let widths = try diff(edges).astype(.float64)
        return (try UFunc.divide(UFunc.divide(hist, widths), hist.sum()), edges)
    }

    /// Throwing form of ``histogramBinEdges(_:bins:range:)``.
    public static func histogramBinEdges(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil) throws -> NDArray {
        try binEdges(a, bins: bins, range: range).edges
    }

    /// NumPy's `_get_bin_edges`: the edges, and for equal bins their outer edges (which the
    /// fast counting path compares against) in the dtype of the edges' computation.
    static func binEdges(_ a: NDArray, bins: HistogramBins, range: (Double, Double)?) throws -> (edges: NDArray, uniform: (first: Double, last: Double)?) {
        guard !a.dtype.isComplex else {
            throw TesseraError(.valueError, "histogram: complex data has no order; pass the real or imaginary part")
        }
        switch bins {
        case .edges(let edges):
            guard edges.ndim == 1, edges.size >= 1 else {
                throw TesseraError(.valueError, "histogram: `bins` must be 1d, when an array (got shape \(edges.shape))")
            }
            let values = edges.toArray(Double.self)
            for i in values.indices.dropLast() where values[i] > values[i + 1] {
                throw TesseraError(.valueError, "histogram: `bins` must increase monotonically, when an array")
            }
            return (edges.copy(), nil)
        case .count(let count):
            guard count >= 1 else {
                throw TesseraError(.valueError, "histogram: `bins` must be positive, when an integer (got \(count))")
            }
            // The edges' arithmetic type (NumPy's linspace `dt`) and final type (`bin_type`).
            let dataFloat = a.dtype.isFloatingPoint
            let binType: DType = dataFloat ? a.dtype : .float64
            var computeType: DType = .float64
            var first: Double, last: Double
            if let range {
                (first, last) = range
                guard first <= last else {
                    throw TesseraError(.valueError, "histogram: max must be larger than min in range parameter (got \(range))")
                }
                guard first.isFinite && last.isFinite else {
                    throw TesseraError(.valueError, "histogram: supplied range of [\(first), \(last)] is not finite")
                }
            } else if a.size == 0 {
                (first, last) = (0, 1)
            } else if a.dtype == .float64 && a.isCContiguous, let found = extremes(a.baseAddress.assumingMemoryBound(to: Double.self), a.size) {
                (first, last) = found
                guard first.isFinite && last.isFinite else {
                    throw TesseraError(.valueError, "histogram: autodetected range of [\(first), \(last)] is not finite")
                }
                computeType = .float64
            } else {
                first = try UFunc.minimum.reduce(a, axes: nil).item(Double.self)
                last = try UFunc.maximum.reduce(a, axes: nil).item(Double.self)
                guard first.isFinite && last.isFinite else {
                    throw TesseraError(.valueError, "histogram: autodetected range of [\(first), \(last)] is not finite")
                }
                if dataFloat { computeType = a.dtype }
            }
            if first == last {
                first = roundTo(computeType, first - 0.5)
                last = roundTo(computeType, last + 0.5)
            }
            let edges: NDArray
            switch computeType {
            case .float32: edges = NDArray(linspaceEdges(Float(first), Float(last), count)).astype(binType)
            case .float16: edges = NDArray(linspaceEdges(Float16(first), Float16(last), count)).astype(binType)
            default: edges = NDArray(linspaceEdges(first, last, count)).astype(binType)
            }
            let values = edges.toArray(Double.self)
            for i in values.indices.dropLast() where !(values[i] < values[i + 1]) {
                throw TesseraError(.valueError, "histogram: too many bins for data range. Cannot create \(count) finite-sized bins.")
            }
            return (edges, (first, last))
        }
    }

    /// NumPy's fast path for equal bins: a guess from the scaled position, corrected by
    /// comparing with the edges, so each value lands exactly where the edges put it
    /// (the last bin includes its right edge; NaN and values outside are dropped).
    static func countUniform(_ flat: NDArray, edges: NDArray, first: Double, last: Double, into counts: inout [Int64]) {
        if flat.dtype == .float64 && edges.dtype == .float64 {
            // The common case without intermediate arrays.
            let x = flat.baseAddress.assumingMemoryBound(to: Double.self)
            let e = edges.baseAddress.assumingMemoryBound(to: Double.self)
            countUniform(x, count: flat.size, edges: e, first: first, last: last, into: &counts)
            return
        }
        let values = flat.astype(edges.dtype).toArray(Double.self)
        let original = flat.dtype.isFloatingPoint ? values : flat.toArray(Double.self)
        let e = edges.toArray(Double.self)
        e.withUnsafeBufferPointer { e in
            for i in values.indices where original[i] >= first && original[i] <= last {
                counts[binIndex(values[i], edges: e.baseAddress!, first: first, last: last, bins: counts.count)] += 1
            }
        }
    }

    /// The float64 loop: NumPy's bin of every value (``UniformBins``), found by one
    /// multiplication except within a few units in the last place of an edge, where
    /// NumPy's division and edge corrections are done. Four interleaved count arrays keep
    /// repeated bins from waiting on each other's increments.
    static func countUniform(_ values: UnsafePointer<Double>, count: Int, edges e: UnsafePointer<Double>, first: Double, last: Double, into counts: inout [Int64]) {
        let bins = counts.count
        let uniform = UniformBins(first: first, last: last, bins: bins)
        var spread = [Int64](repeating: 0, count: 4 * bins)
        spread.withUnsafeMutableBufferPointer { spread in
            let tally = spread.baseAddress!
            for i in 0..<count {
                let x = values[i]
                guard x >= first && x <= last else { continue }
                tally[4 * uniform.bin(of: x, edges: e) + (i & 3)] &+= 1
            }
        }
        for b in 0..<bins { counts[b] += spread[4 * b] + spread[4 * b + 1] + spread[4 * b + 2] + spread[4 * b + 3] }
    }

    /// NumPy's weighted counting, block by block of 65 536 elements as NumPy's (whose
    /// per-block sums are cast to the weights' dtype before they are added): `bincount`
    /// with weights for equal bins, the cumulative sums of the sorted block's weights at
    /// the edges otherwise. The result has the weights' dtype.
    static func weightedHistogram(_ flat: NDArray, weights: NDArray, edges: NDArray, uniform: (first: Double, last: Double)?) throws -> NDArray {
        let ntype = weights.dtype
        let count = flat.size
        let block = 65_536
        let binCount = edges.size - 1
        if let uniform {
            let bins = binsOfValues(flat, edges: edges, first: uniform.first, last: uniform.last)
            var n = NDArray.zeros([binCount], dtype: ntype)
            var start = 0
            while start < count {
                let end = Swift.min(start + block, count)
                var positions: [Int64] = [], kept: [Int64] = []
                for i in start..<end where bins[i] >= 0 {
                    positions.append(Int64(bins[i]))
                    kept.append(Int64(i))
                }
                let w = try weights.take(checked: NDArray(kept))
                let summed = try bincount(NDArray(positions), weights: w, minlength: binCount).astype(ntype)
                n = try UFunc.add.call([n, summed], dtype: ntype, casting: .unsafe)[0]
                start = end
            }
            return n
        }
        var cumulative = NDArray.zeros(edges.shape, dtype: ntype)
        var start = 0
        let inner = edges.rawView(shape: [binCount], strides: edges.strides)
        let last = edges.rawView(shape: [1], strides: edges.strides, byteOffset: binCount * edges.axisStride(0))
        while start < count {
            let end = Swift.min(start + block, count)
            let part = flat.rawView(shape: [end - start], strides: flat.strides, byteOffset: start * flat.axisStride(0))
            let partWeights = weights.rawView(shape: [end - start], strides: weights.strides, byteOffset: start * weights.axisStride(0))
            let order = part.argsort(axis: 0, kind: .stable)
            let sortedPart = try part.take(checked: order), sortedWeights = try partWeights.take(checked: order)
            let running = try concatenate([NDArray.zeros([1], dtype: ntype), sortedWeights.cumsum()])
            let index = try concatenate([searchsorted(sortedPart, inner, side: .left), searchsorted(sortedPart, last, side: .right)])
            cumulative = try UFunc.add.call([cumulative, running.take(checked: index)], dtype: ntype, casting: .unsafe)[0]
            start = end
        }
        return try diff(cumulative)
    }

    /// The bin of every element of `flat` for equal bins, -1 where it is not counted.
    static func binsOfValues(_ flat: NDArray, edges: NDArray, first: Double, last: Double) -> [Int] {
        let bins = edges.size - 1
        if flat.dtype == .float64 && edges.dtype == .float64 {
            let x = flat.baseAddress.assumingMemoryBound(to: Double.self)
            let e = edges.baseAddress.assumingMemoryBound(to: Double.self)
            let uniform = UniformBins(first: first, last: last, bins: bins)
            return (0..<flat.size).map { i in
                let v = x[i]
                return v >= first && v <= last ? uniform.bin(of: v, edges: e) : -1
            }
        }
        let values = flat.astype(edges.dtype).toArray(Double.self)
        let original = flat.dtype.isFloatingPoint ? values : flat.toArray(Double.self)
        let e = edges.toArray(Double.self)
        return e.withUnsafeBufferPointer { e in
            values.indices.map { i in
                original[i] >= first && original[i] <= last ? binIndex(values[i], edges: e.baseAddress!, first: first, last: last, bins: bins) : -1
            }
        }
    }

    /// The bin of an in-range value: the scaled guess, moved by one where the edges say so.
    @inline(__always)
    static func binIndex(_ x: Double, edges e: UnsafePointer<Double>, first: Double, last: Double, bins: Int) -> Int {
        var index = Int((x - first) / (last - first) * Double(bins))
        index = Swift.min(Swift.max(index, 0), bins - 1)
        if x < e[index] && index > 0 { index -= 1 }
        if x >= e[index + 1] && index != bins - 1 { index += 1 }
        return index
    }
}

/// NumPy's bin of an in-range float64 value among equal bins (see
/// ``NDArray/countUniform(_:count:edges:first:last:into:)``).
///
/// The position `(x - first) · bins / (last - first)` computed by one multiplication is
/// within 4 units in the last place (of `bins`) of the exact one, and NumPy's linspace
/// edges lie within `bins · 4u + max(|first|, |last|) · u · bins / (last - first)` bins of
/// the whole numbers (u = 2⁻⁵³). A position whose fraction clears both margins is in the
/// bin its whole part says, which is where NumPy's guess and corrections put it too; a
/// position closer to a whole number takes NumPy's own steps (division, then one bin
/// down or up against the edges).
struct UniformBins {
    let first: Double
    let denominator: Double
    let scale: Double
    /// Fractions within this of 0 or 1 take NumPy's steps.
    let margin: Double
    let bins: Int

    init(first: Double, last: Double, bins: Int) {
        self.first = first
        denominator = last - first
        scale = Double(bins) / denominator
        let magnitude = Swift.max(Swift.abs(first), Swift.abs(last))
        let u = 0x1p-53
        // Twice the bound, and never below the multiplication's own error.
        margin = Swift.min(0.5, 2 * Double(bins) * u * (8 + 2 * magnitude / denominator))
        self.bins = bins
    }

    @inline(__always)
    func bin(of x: Double, edges e: UnsafePointer<Double>) -> Int {
        let offset = x - first
        let scaled = offset * scale
        let guess = Int(scaled)
        let fraction = scaled - Double(guess)
        if fraction > margin && fraction < 1 - margin {
            return Swift.min(guess, bins - 1)
        }
        // NumPy's steps.
        var index = Int(offset / denominator * Double(bins))
        index = Swift.min(Swift.max(index, 0), bins - 1)
        index -= x < e[index] && index > 0 ? 1 : 0
        index += x >= e[index + 1] && index != bins - 1 ? 1 : 0
        return index
    }
}

/// NumPy's `(a.min(), a.max())` of float64 data in one pass; NaN for both when any element
/// is NaN (which the caller reports as a range that is not finite). nil when an extreme is
/// a zero, whose sign NumPy's reductions decide (the caller then uses them).
private func extremes(_ x: UnsafePointer<Double>, _ count: Int) -> (Double, Double)? {
    var smallest = x[0], largest = x[0]
    var nans = 0
    for i in 0..<count {
        let v = x[i]
        smallest = v < smallest ? v : smallest
        largest = v > largest ? v : largest
        nans |= v != v ? 1 : 0
    }
    if nans != 0 { return (.nan, .nan) }
    return smallest == 0 || largest == 0 ? nil : (smallest, largest)
}

/// Rounds a float64 value to `dtype`'s precision (as NumPy's scalar arithmetic would).
private func roundTo(_ dtype: DType, _ value: Double) -> Double {
    switch dtype {
    case .float32: Double(Float(value))
    case .float16: Double(Float16(value))
    default: value
    }
}

/// NumPy's `linspace(first, last, count + 1)` in the type `T`: `first + i·step` with
/// `step = (last - first) / count` (or `i / count · delta` when the step underflows to
/// zero), and the last edge exactly `last`.
private func linspaceEdges<T: BinaryFloatingPoint & NDArrayElement>(_ first: T, _ last: T, _ count: Int) -> [T] {
    let delta = last - first
    let step = delta / T(count)
    var edges = (0...count).map { i -> T in
        step == 0 ? T(i) / T(count) * delta + first : T(i) * step + first
    }
    edges[count] = last
    return edges
}

/// NumPy's `np.histogram(a, bins, range, density)`: the counts (int64) of the flattened
/// data in each bin, and the bin edges. Bins are half-open `[e[i], e[i+1])` except the
/// last, which includes its right edge; values outside the bins and NaNs are not counted.
/// With `bins: 10` (a count) the edges are NumPy's `linspace` over the data's range (or
/// `range`) in the data's float dtype (float64 for integers); with `.edges(array)` they
/// are the array. `density: true` gives float64 densities that integrate to 1. `weights`
/// (shaped like `a`, real) sums each value's weight instead of counting it: the result
/// has the weights' dtype, summed in NumPy's blocks of 65 536 elements.
/// Bad arguments are programmer errors; see ``NDArray/histogram(_:bins:range:density:)``.
public func histogram(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil, density: Bool = false, weights: NDArray? = nil) -> (hist: NDArray, binEdges: NDArray) {
    a.stopOnSortError("histogram") { try NDArray.histogram(a, bins: bins, range: range, density: density, weights: weights) }
}

/// NumPy's `np.histogram_bin_edges(a, bins, range)`: the edges ``histogram(_:bins:range:density:)`` uses.
public func histogramBinEdges(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil) -> NDArray {
    a.stopOnSortError("histogramBinEdges") { try NDArray.histogramBinEdges(a, bins: bins, range: range) }
}
