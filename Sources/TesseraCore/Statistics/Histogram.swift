/// The bins of a histogram (NumPy's `bins=`): a count of equal-width bins over the data's
/// range (or `range`), or explicit monotonically increasing edges.
public enum HistogramBins: Sendable, ExpressibleByIntegerLiteral {
    case count(Int)
    case edges(NDArray)

    public init(integerLiteral value: Int) { self = .count(value) }
}

extension NDArray {
    /// Throwing form of ``histogram(_:bins:range:density:)``.
    /// - Throws: `.valueError` when the bin count is not positive, explicit edges do not
    ///   increase monotonically, `range` has its ends swapped or not finite, the data's own
    ///   range is not finite (NaN or inf with no `range`), or `a` is complex.
    public static func histogram(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil, density: Bool = false) throws -> (hist: NDArray, binEdges: NDArray) {
        let (edges, uniform) = try binEdges(a, bins: bins, range: range)
        let flat = a.ravel().copy(order: .c)
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
        guard density else { return (NDArray(counts), edges) }
        let widths = edges.toArray(Double.self)
        let total = Double(counts.reduce(0, +))
        let densities = counts.indices.map { Double(counts[$0]) / (widths[$0 + 1] - widths[$0]) / total }
        return (NDArray(densities), edges)
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
            countUniform(count: flat.size, value: { x[$0] }, edges: e, first: first, last: last, into: &counts)
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

    @inline(__always)
    static func countUniform(count: Int, value: (Int) -> Double, edges: UnsafePointer<Double>, first: Double, last: Double, into counts: inout [Int64]) {
        let bins = counts.count
        counts.withUnsafeMutableBufferPointer { counts in
            for i in 0..<count {
                let x = value(i)
                guard x >= first && x <= last else { continue }
                counts[binIndex(x, edges: edges, first: first, last: last, bins: bins)] += 1
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
/// are the array. `density: true` gives float64 densities that integrate to 1.
/// Bad arguments are programmer errors; see ``NDArray/histogram(_:bins:range:density:)``.
public func histogram(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil, density: Bool = false) -> (hist: NDArray, binEdges: NDArray) {
    a.stopOnSortError("histogram") { try NDArray.histogram(a, bins: bins, range: range, density: density) }
}

/// NumPy's `np.histogram_bin_edges(a, bins, range)`: the edges ``histogram(_:bins:range:density:)`` uses.
public func histogramBinEdges(_ a: NDArray, bins: HistogramBins = 10, range: (Double, Double)? = nil) -> NDArray {
    a.stopOnSortError("histogramBinEdges") { try NDArray.histogramBinEdges(a, bins: bins, range: range) }
}
