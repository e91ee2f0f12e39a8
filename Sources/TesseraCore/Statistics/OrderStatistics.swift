/// The quantile levels of a call: NumPy's `q`, either a Python number (a weak scalar: the
/// result keeps a float32 input's dtype) or an array (its shape leads the result's).
struct QuantileLevels {
    var values: [Double]
    /// nil for a scalar level.
    var shape: [Int]?
    var isWeak: Bool
    /// The levels' float dtype (NumPy compares a weighted CDF in it); float64 for numbers.
    var dtype: DType = .float64
    /// Integer levels (0 or 1) with the linear method take data points (NumPy's integer
    /// virtual indices): the result keeps the data's dtype.
    var isInteger = false
}

extension NDArray {
    /// A view of column `k` of C-contiguous rows (shape `outer + [n]`): shape `outer`.
    func column(_ k: Int) -> NDArray {
        let outer = Array(shape.dropLast())
        return rawView(shape: outer, strides: Array(strides.dropLast()), byteOffset: k * itemSize)
    }

    /// Copies of columns `ks` of C-contiguous rows, stacked: shape `[ks.count] + outer`.
    func stackedColumns(_ ks: [Int]) -> NDArray {
        let outer = Array(shape.dropLast())
        let result = NDArray(uninitializedShape: [ks.count] + outer, dtype: dtype)
        let block = outer.reduce(1, *) * itemSize
        for (i, k) in ks.enumerated() {
            let target = result.rawView(shape: outer, strides: NDArray.contiguousStrides(shape: outer, itemSize: itemSize), byteOffset: i * block)
            NDArray.writeElements(from: column(k), through: target)
        }
        return result
    }

    /// Inserts the reduced axes back as length 1 after `leading` axes (NumPy's keepdims).
    func keepingDims(_ reduced: Int?, originalNDim: Int, leading: Int) -> NDArray {
        var newShape = shape
        if let reduced {
            newShape.insert(1, at: leading + reduced)
        } else {
            newShape = Array(shape.prefix(leading)) + Array(repeating: 1, count: originalNDim)
        }
        return reshaped(newShape)
    }

    /// Partitions every lane of `lanes` so that each position of `kth` is in place.
    static func partitionLanes(_ lanes: inout SortLanes, kth: [Int], dtype: DType, _ function: String) throws {
        let positions = Array(Set(kth)).sorted()
        guard lanes.length > 1, !positions.isEmpty else { return }
        let loop = try Backends.active.sortLoops.partitionLoop(dtype, function)
        let base = lanes.rows.makeUniqueForWriting()
        let rowBytes = lanes.length * dtype.itemSize
        for row in 0..<lanes.count { loop.partition(base + row * rowBytes, lanes.length, positions) }
    }

    /// NumPy's `np.median(a, axis)` (throwing form): the middle element of each sorted lane,
    /// or the mean of the two middle ones (``mean(axis:keepdims:dtype:)``'s dtype rules:
    /// float64 for integers and bool, float16 stays float16). A lane holding NaN gives NaN;
    /// an empty lane gives NaN, as NumPy's (which warns).
    /// - Throws: `.axisError` for a bad axis.
    public static func median(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        let n = axis == nil ? a.size : a.axisLength(try normalizeAxis(axis!, ndim: a.ndim))
        var kth = n % 2 == 0 ? [n / 2 - 1, n / 2] : [(n - 1) / 2]
        let nanAware = a.dtype.isInexact
        if n == 0 { kth = [] } else if nanAware { kth.append(n - 1) }
        let selected = try SelectedRanks(a, axis: axis, kth: kth, "median")
        let rows = selected.rows
        let outer = Array(rows.shape.dropLast())
        let middleCount = n == 0 ? 0 : (n % 2 == 0 ? 2 : 1)
        let start = n == 0 ? 0 : selected.column[n % 2 == 0 ? n / 2 - 1 : n / 2]!
        // The middle ranks are adjacent columns: their mean is NumPy's `mean(part[indexer])`.
        let middle = rows.rawView(shape: outer + [middleCount], strides: rows.strides, byteOffset: start * a.itemSize)
        var result = middle.mean(axis: -1)
        if nanAware && n > 0 {
            let last = selected.values(n - 1)
            result = `where`(UFunc.isnan.callOrStop([last], "median"), last, result)
        }
        return keepdims ? result.keepingDims(selected.axisForKeepdims(axis), originalNDim: a.ndim, leading: 0) : result
    }

    /// NumPy's `np.quantile(a, q, axis, method)` (throwing form) for one level `q` in
    /// [0, 1] given as a number (NumPy's weak Python float: a float32 input gives float32).
    /// - Throws: `.valueError` when `q` is outside [0, 1] or `a` is complex, `.indexError`
    ///   when a lane is empty, `.axisError` for a bad axis.
    ///
    /// `weights` (NumPy 2's, method ``QuantileMethod/invertedCDF`` only): one non-negative
    /// weight per element (`a`'s shape, or the axis's length with `axis`); the result is the
    /// first sorted element whose normalised cumulative weight reaches `q`.
    public static func quantile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) throws -> NDArray {
        try quantile(a, levels: QuantileLevels(values: [q], shape: nil, isWeak: true), axis: axis, method: method, keepdims: keepdims, weights: weights, "quantile")
    }

    /// NumPy's `np.quantile(a, q)` for a Python integer `q` (0 or 1): with the linear
    /// method NumPy's virtual index is then an integer and the result is the data point
    /// itself, in `a`'s dtype (`np.quantile([1, 2, 3], 1)` is the int64 3, not 3.0).
    public static func quantile(_ a: NDArray, _ q: Int, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) throws -> NDArray {
        try quantile(a, levels: QuantileLevels(values: [Double(q)], shape: nil, isWeak: true, dtype: .int64, isInteger: true), axis: axis, method: method, keepdims: keepdims, weights: weights, "quantile")
    }

    /// NumPy's `np.quantile(a, q, axis, method)` (throwing form) for an array of levels
    /// (cast to float64): the result's leading axes are `q`'s.
    /// Integer levels (0 or 1) take data points with the linear method, as NumPy's.
    public static func quantile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) throws -> NDArray {
        guard q.ndim <= 1 else {
            throw TesseraError(.valueError, "quantile: q must be a scalar or 1d, not of shape \(q.shape)")
        }
        let levels = QuantileLevels(values: q.toArray(Double.self), shape: q.shape, isWeak: false, dtype: q.dtype.isFloatingPoint ? q.dtype : .float64, isInteger: q.dtype.isInteger || q.dtype == .bool)
        return try quantile(a, levels: levels, axis: axis, method: method, keepdims: keepdims, weights: weights, "quantile")
    }

    /// NumPy's `np.percentile(a, q, axis, method)` (throwing form): ``quantile(_:_:axis:method:keepdims:)``
    /// of `q / 100`, `q` in [0, 100].
    public static func percentile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) throws -> NDArray {
        try quantile(a, levels: QuantileLevels(values: [q / 100], shape: nil, isWeak: true), axis: axis, method: method, keepdims: keepdims, weights: weights, "percentile")
    }

    /// ``percentile(_:_:axis:method:keepdims:)`` for an array of levels in [0, 100].
    public static func percentile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) throws -> NDArray {
        guard q.ndim <= 1 else {
            throw TesseraError(.valueError, "percentile: q must be a scalar or 1d, not of shape \(q.shape)")
        }
        // NumPy's `q / 100` (true division: float64 for integers, a float dtype kept).
        let scaled = try UFunc.divide(q, 100.0)
        let levels = QuantileLevels(values: scaled.toArray(Double.self), shape: q.shape, isWeak: false, dtype: scaled.dtype)
        return try quantile(a, levels: levels, axis: axis, method: method, keepdims: keepdims, weights: weights, "percentile")
    }

    static func quantile(_ a: NDArray, levels: QuantileLevels, axis: Int?, method: QuantileMethod, keepdims: Bool, weights: NDArray? = nil, _ function: String) throws -> NDArray {
        guard !a.dtype.isComplex else {
            throw TesseraError(.valueError, "\(function): a must be an array of real numbers, not \(a.dtype)")
        }
        guard levels.values.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw TesseraError(.valueError, function == "percentile" ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]")
        }
        let n = axis == nil ? a.size : a.axisLength(try normalizeAxis(axis!, ndim: a.ndim))
        guard n > 0 else {
            throw TesseraError(.indexError, "\(function): cannot take a quantile of an empty lane (axis length 0)")
        }
        if let weights {
            return try weightedQuantile(a, levels: levels, axis: axis, method: method, keepdims: keepdims, weights: weights, function)
        }
        let nanAware = a.dtype.isFloatingPoint
        var result: NDArray
        let selected: SelectedRanks
        if method.isDiscrete || (levels.isInteger && method == .linear) {
            let indices = levels.values.map { levels.isInteger && method == .linear ? (n - 1) * Int($0) : method.discreteIndex(n, $0) }
            selected = try SelectedRanks(a, axis: axis, kth: indices + (nanAware ? [n - 1] : []), function)
            result = selected.stacked(indices)
        } else {
            var previous: [Int] = [], next: [Int] = [], gammas: [Double] = []
            for q in levels.values {
                let index = method.virtualIndex(n, q)
                var p: Int, x: Int
                if index >= Double(n - 1) {
                    p = -1; x = -1
                } else if index < 0 {
                    p = 0; x = 0
                } else {
                    p = Int(index.rounded(.down)); x = p + 1
                }
                // NumPy's gamma is taken against the clipped previous index.
                gammas.append(method.fixedGamma(index - Double(p), index))
                if p < 0 { p += n }
                if x < 0 { x += n }
                previous.append(p); next.append(x)
            }
            selected = try SelectedRanks(a, axis: axis, kth: [0, n - 1] + previous + next, function)
            let below = selected.stacked(previous), above = selected.stacked(next)
            result = lerp(below, above, gammas, weak: levels.isWeak, function)
        }
        if levels.shape == nil { result = result.reshaped(Array(result.shape.dropFirst())) }
        if nanAware {
            let last = selected.values(n - 1)
            result = `where`(UFunc.isnan.callOrStop([last], function), last.astype(result.dtype), result)
        }
        let leading = levels.shape?.count ?? 0
        return keepdims ? result.keepingDims(selected.axisForKeepdims(axis), originalNDim: a.ndim, leading: leading) : result
    }

    /// NumPy's `_lerp(a, b, t)`: `a + (b - a)·t`, or `b - (b - a)·(1 - t)` where t ≥ 0.5,
    /// with NumPy's dtypes (a weak `t` keeps a float32 input float32).
    static func lerp(_ a: NDArray, _ b: NDArray, _ gammas: [Double], weak: Bool, _ function: String) -> NDArray {
        let difference = UFunc.subtract.callOrStop([b, a], function)
        if weak {
            let t = gammas[0]
            let low = UFunc.add.callOrStop([a, UFunc.multiply.callOrStop([difference, t], function)], function)
            guard t >= 0.5 else { return low }
            let scaled = UFunc.multiply.callOrStop([difference, 1 - t], function)
            return UFunc.subtract.callOrStop([b.astype(low.dtype), scaled.astype(low.dtype)], function)
        }
        let t = NDArray(gammas, shape: [gammas.count] + Array(repeating: 1, count: a.ndim - 1))
        let low = UFunc.add.callOrStop([a, UFunc.multiply.callOrStop([difference, t], function)], function)
        let oneMinus = UFunc.subtract.callOrStop([1.0, t], function)
        let scaled = UFunc.multiply.callOrStop([difference, oneMinus], function)
        let high = UFunc.subtract.callOrStop([b.astype(low.dtype), scaled.astype(low.dtype)], function)
        return `where`(UFunc.greaterEqual.callOrStop([t, 0.5], function), high, low)
    }
}

extension SortLanes {
    /// The reduced axis for keepdims: nil when the whole array was flattened.
    func axisForKeepdims(_ requested: Int?) -> Int? { requested == nil ? nil : axis }
}

/// NumPy's `np.median(a, axis)`; see ``NDArray/median(_:axis:keepdims:)``. A bad axis is a
/// programmer error.
public func median(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("median") { try NDArray.median(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.quantile(a, q, axis, method, weights=)` for one level; see
/// ``NDArray/quantile(_:_:axis:method:keepdims:weights:)-(_,Double,_,_,_,_)``.
public func quantile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("quantile") { try NDArray.quantile(a, q, axis: axis, method: method, keepdims: keepdims, weights: weights) }
}

/// NumPy's `np.quantile(a, q)` for a Python integer level (0 or 1): with the linear method
/// the data point itself, in `a`'s dtype, as NumPy's integer virtual index gives.
public func quantile(_ a: NDArray, _ q: Int, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("quantile") { try NDArray.quantile(a, q, axis: axis, method: method, keepdims: keepdims, weights: weights) }
}

/// NumPy's `np.quantile(a, q, axis, method, weights=)` for an array of levels.
public func quantile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("quantile") { try NDArray.quantile(a, q, axis: axis, method: method, keepdims: keepdims, weights: weights) }
}

/// NumPy's `np.percentile(a, q, axis, method, weights=)` for one level in [0, 100].
public func percentile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("percentile") { try NDArray.percentile(a, q, axis: axis, method: method, keepdims: keepdims, weights: weights) }
}

/// NumPy's `np.percentile(a, q, axis, method, weights=)` for an array of levels in [0, 100].
public func percentile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("percentile") { try NDArray.percentile(a, q, axis: axis, method: method, keepdims: keepdims, weights: weights) }
}
