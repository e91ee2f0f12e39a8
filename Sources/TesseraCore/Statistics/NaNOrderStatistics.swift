extension NDArray {
    /// Applies `statistic` to the non-NaN elements of every lane along `axis` (NumPy's
    /// `_nanmedian1d`/`_nanquantile_1d` over `apply_along_axis`). `statistic` maps a 1-D
    /// array to an array of a fixed shape (the levels' shape); an all-NaN lane gives NaN.
    /// The result's shape is that shape followed by the lanes' shape.
    static func nanLaneStatistic(_ a: NDArray, axis: Int?, keepdims: Bool, leadingShape: [Int], _ function: String, _ statistic: (NDArray) throws -> NDArray) throws -> NDArray {
        let lanes = try SortLanes(a, axis: axis, copy: false)
        let n = lanes.length
        let outer = Array(lanes.rows.shape.dropLast())
        let outerCount = outer.reduce(1, *)
        // The dtype a lane's statistic has, from a one-element lane.
        let probe = try statistic(NDArray.zeros([1], dtype: a.dtype))
        let type = probe.dtype
        let perLane = leadingShape.reduce(1, *)
        var result = NDArray(uninitializedShape: leadingShape + outer, dtype: type)
        let target = result.makeUniqueForWriting()
        let item = type.itemSize
        let nan = NDArray(scalar: Double.nan).astype(type)
        let flat = lanes.rows.reshaped([-1])
        let missing = n == 0 ? [] : UFunc.isnan.callOrStop([flat], function).toArray(Bool.self)
        for row in 0..<outerCount {
            let kept = (0..<n).map { row * n + $0 }.filter { !missing[$0] }
            let value: NDArray
            if kept.isEmpty {
                value = nan.broadcastView(to: leadingShape).copy()
            } else {
                value = try statistic(gather(flat, kept)).astype(type).copy(order: .c)
            }
            for j in 0..<perLane {
                (target + (j * outerCount + row) * item).copyMemory(from: value.baseAddress + j * item, byteCount: item)
            }
        }
        let leading = leadingShape.count
        return keepdims ? result.keepingDims(lanes.axisForKeepdims(axis), originalNDim: a.ndim, leading: leading) : result
    }

    /// Throwing form of ``nanmedian(_:axis:keepdims:)``.
    public static func nanmedian(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        guard a.dtype.isInexact else { return try median(a, axis: axis, keepdims: keepdims) }
        // NumPy takes lanes shorter than 600 of a multi-axis array through its masked-array
        // median, which averages as (low + high) / 2 in the array's dtype (with low = high
        // for an odd count, so a huge lone value overflows to inf); the rest through median.
        let length = axis.map { a.axisLength($0 < 0 ? $0 + a.ndim : $0) } ?? a.size
        let maskedPath = axis != nil && a.ndim > 1 && length < 600
        return try nanLaneStatistic(a, axis: axis, keepdims: keepdims, leadingShape: [], "nanmedian") { lane in
            guard maskedPath else { return try median(lane) }
            let sorted = try sort(lane, axis: 0)
            let count = sorted.size, high = count / 2
            let low = count % 2 == 1 ? high : high - 1
            let pair = UFunc.add.callOrStop([sorted.column(low), sorted.column(high)], "nanmedian")
            return UFunc.divide.callOrStop([pair, 2.0], "nanmedian")
        }
    }

    /// Throwing form of ``nanquantile(_:_:axis:method:keepdims:)-(_,Double,_,_,_)``.
    public static func nanquantile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) throws -> NDArray {
        guard a.dtype.isFloatingPoint else { return try quantile(a, q, axis: axis, method: method, keepdims: keepdims) }
        return try nanLaneStatistic(a, axis: axis, keepdims: keepdims, leadingShape: [], "nanquantile") { try quantile($0, q, method: method) }
    }

    /// Throwing form of ``nanquantile(_:_:axis:method:keepdims:)-(_,NDArray,_,_,_)``.
    public static func nanquantile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) throws -> NDArray {
        guard a.dtype.isFloatingPoint else { return try quantile(a, q, axis: axis, method: method, keepdims: keepdims) }
        return try nanLaneStatistic(a, axis: axis, keepdims: keepdims, leadingShape: q.shape, "nanquantile") { try quantile($0, q, method: method) }
    }

    /// Throwing form of ``nanpercentile(_:_:axis:method:keepdims:)-(_,Double,_,_,_)``.
    public static func nanpercentile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) throws -> NDArray {
        guard a.dtype.isFloatingPoint else { return try percentile(a, q, axis: axis, method: method, keepdims: keepdims) }
        return try nanLaneStatistic(a, axis: axis, keepdims: keepdims, leadingShape: [], "nanpercentile") { try percentile($0, q, method: method) }
    }

    /// Throwing form of ``nanpercentile(_:_:axis:method:keepdims:)-(_,NDArray,_,_,_)``.
    public static func nanpercentile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) throws -> NDArray {
        guard a.dtype.isFloatingPoint else { return try percentile(a, q, axis: axis, method: method, keepdims: keepdims) }
        return try nanLaneStatistic(a, axis: axis, keepdims: keepdims, leadingShape: q.shape, "nanpercentile") { try percentile($0, q, method: method) }
    }
}

/// NumPy's `np.nanmedian(a, axis)`: the median of the non-NaN elements of each lane; NaN
/// for an all-NaN lane (NumPy warns).
public func nanmedian(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanmedian") { try NDArray.nanmedian(a, axis: axis, keepdims: keepdims) }
}

/// NumPy's `np.nanquantile(a, q, axis, method)`: ``quantile(_:_:axis:method:keepdims:)-(_,Double,_,_,_)``
/// of the non-NaN elements of each lane; NaN for an all-NaN lane.
public func nanquantile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanquantile") { try NDArray.nanquantile(a, q, axis: axis, method: method, keepdims: keepdims) }
}

/// NumPy's `np.nanquantile` for an array of levels.
public func nanquantile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanquantile") { try NDArray.nanquantile(a, q, axis: axis, method: method, keepdims: keepdims) }
}

/// NumPy's `np.nanpercentile(a, q, axis, method)`: levels in [0, 100].
public func nanpercentile(_ a: NDArray, _ q: Double, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanpercentile") { try NDArray.nanpercentile(a, q, axis: axis, method: method, keepdims: keepdims) }
}

/// NumPy's `np.nanpercentile` for an array of levels.
public func nanpercentile(_ a: NDArray, _ q: NDArray, axis: Int? = nil, method: QuantileMethod = .linear, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("nanpercentile") { try NDArray.nanpercentile(a, q, axis: axis, method: method, keepdims: keepdims) }
}
