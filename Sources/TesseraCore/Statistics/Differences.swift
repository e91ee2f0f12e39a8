extension NDArray {
    /// Throwing form of ``diff(_:n:axis:prepend:append:)``.
    /// - Throws: `.valueError` for a 0-d array or negative `n`, `.axisError` for a bad
    ///   axis, `.shapeMismatch` when `prepend`/`append` do not fit the other axes.
    public static func diff(_ a: NDArray, n: Int = 1, axis: Int = -1, prepend: NDArray? = nil, append: NDArray? = nil) throws -> NDArray {
        guard n >= 0 else {
            throw TesseraError(.valueError, "diff: order must be non-negative but got \(n)")
        }
        if n == 0 { return a }
        guard a.ndim > 0 else {
            throw TesseraError(.valueError, "diff requires input that is at least one dimensional")
        }
        let axis = try normalizeAxis(axis, ndim: a.ndim)
        var parts: [NDArray] = []
        for (extra, isPrepend) in [(prepend, true), (append, false)] {
            guard var extra else { continue }
            if extra.ndim == 0 {
                var shape = a.shape
                shape[axis] = 1
                extra = extra.broadcastView(to: shape)
            }
            if isPrepend { parts.insert(extra, at: 0) } else { parts.append(extra) }
        }
        var current = a
        if !parts.isEmpty {
            let before = prepend == nil ? [] : [parts[0]]
            let after = append == nil ? [] : [parts[parts.count - 1]]
            current = try joinedAlong(before + [a] + after, axis: axis)
        }
        let ufunc = current.dtype == .bool ? UFunc.notEqual : UFunc.subtract
        for _ in 0..<n {
            let length = Swift.max(current.axisLength(axis) - 1, 0)
            var shape = current.shape
            shape[axis] = length
            let later = current.rawView(shape: shape, strides: current.strides, byteOffset: length > 0 ? current.axisStride(axis) : 0)
            let earlier = current.rawView(shape: shape, strides: current.strides)
            current = try ufunc(later, earlier)
        }
        return current
    }

    /// The arrays joined along `axis` in their promoted dtype (the other axes must match).
    static func joinedAlong(_ arrays: [NDArray], axis: Int) throws -> NDArray {
        let type = DType.resultType(arrays.map(\.dtype))!
        var shape = arrays[0].shape
        for array in arrays.dropFirst() {
            guard array.ndim == shape.count, zip(array.shape, shape).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 == $0.element.1 }) else {
                throw TesseraError(.shapeMismatch, "all the input array dimensions except for the concatenation axis must match exactly (\(arrays.map(\.shape)), axis \(axis))")
            }
        }
        shape[axis] = arrays.reduce(0) { $0 + $1.axisLength(axis) }
        let result = try NDArray(checkedShape: shape, dtype: type)
        var start = 0
        for array in arrays {
            let part = result.rawView(shape: array.shape, strides: result.strides, byteOffset: start * result.axisStride(axis))
            if array.size > 0 { writeElements(from: array, through: part) }
            start += array.axisLength(axis)
        }
        return result
    }

    /// Throwing form of ``ptp(_:axis:keepdims:)``.
    /// - Throws: `.valueError` for an empty reduction, `.noLoop` for bool (no subtraction).
    public static func ptp(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        let axes = axis.map { [$0] }
        let high = try UFunc.maximum.reduce(a, axes: axes, keepdims: keepdims)
        let low = try UFunc.minimum.reduce(a, axes: axes, keepdims: keepdims)
        return try UFunc.subtract(high, low)
    }
}

/// NumPy's `np.diff(a, n, axis, prepend, append)`: the `n`-th discrete difference along
/// `axis`, `a[1:] - a[:-1]` applied `n` times (`!=` for bool). Integer differences wrap.
/// `prepend`/`append` (a scalar array broadcasts) are joined to `a` first.
/// Bad input is a programmer error; see ``NDArray/diff(_:n:axis:prepend:append:)``.
public func diff(_ a: NDArray, n: Int = 1, axis: Int = -1, prepend: NDArray? = nil, append: NDArray? = nil) -> NDArray {
    a.stopOnSortError("diff") { try NDArray.diff(a, n: n, axis: axis, prepend: prepend, append: append) }
}

/// NumPy's `np.ptp(a, axis)` ("peak to peak"): `max - min` along `axis` (all when nil),
/// in the array's dtype (integers wrap); NaN propagates.
public func ptp(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) -> NDArray {
    a.stopOnSortError("ptp") { try NDArray.ptp(a, axis: axis, keepdims: keepdims) }
}
