extension NDArray {
    /// How ``pad(_:_:mode:)`` fills the new elements (NumPy's `mode=`).
    public enum PadMode: Sendable {
        /// A constant, cast to the array's dtype (NumPy's `constant`, `constant_values`).
        case constant(Double)
        /// The edge element repeated (NumPy's `edge`).
        case edge
        /// The array mirrored about its edge elements, which are not repeated (NumPy's
        /// `reflect`), again and again for wide padding.
        case reflect
    }

    /// NumPy's `pad(a, pad_width, mode)`: `width[i].before` elements before and
    /// `width[i].after` after each axis `i`; a single pair applies to every axis.
    ///
    /// - Throws: `.valueError` for negative widths, a width list that is neither one pair
    ///   nor one per axis, or `edge`/`reflect` padding of an empty axis.
    public static func pad(_ a: NDArray, _ width: [(before: Int, after: Int)], mode: PadMode = .constant(0)) throws -> NDArray {
        guard width.count == 1 || width.count == a.ndim else {
            throw TesseraError(.valueError, "pad: \(width.count) widths for an array of \(a.ndim) axes")
        }
        let widths = width.count == 1 ? [(before: Int, after: Int)](repeating: width[0], count: a.ndim) : width
        guard widths.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            throw TesseraError(.valueError, "index can't contain negative values")
        }
        if case .constant(let value) = mode {
            let shape = (0..<a.ndim).map { a.axisLength($0) + widths[$0].before + widths[$0].after }
            var result = try NDArray(checkedShape: shape, dtype: a.dtype)
            result.fill(with: value)
            let center = (0..<a.ndim).map { NDIndex.slice(widths[$0].before, widths[$0].before + a.axisLength($0)) }
            try result.assign(a, at: center)
            return result
        }
        var result = a
        for axis in 0..<a.ndim where widths[axis].before > 0 || widths[axis].after > 0 {
            let length = a.axisLength(axis)
            guard length > 0 else {
                throw TesseraError(.valueError, "can't extend empty axis \(axis) using modes other than 'constant' or 'empty'")
            }
            let period = 2 * (length - 1)
            let positions = (-widths[axis].before..<(length + widths[axis].after)).map { p -> Int64 in
                if case .edge = mode { return Int64(Swift.min(Swift.max(p, 0), length - 1)) }
                if length == 1 { return 0 }
                var q = ((p % period) + period) % period
                if q >= length { q = period - q }
                return Int64(q)
            }
            result = try result.take(checked: NDArray(positions), axis: axis)
        }
        return result.isCContiguous && !result.sharesMemory(with: a) ? result : result.copy()
    }

    /// NumPy's `pad(a, n, mode)`: `n` elements on both sides of every axis.
    public static func pad(_ a: NDArray, _ width: Int, mode: PadMode = .constant(0)) throws -> NDArray {
        try pad(a, [(width, width)], mode: mode)
    }
}

/// NumPy's `pad(a, pad_width, mode)`. Bad widths stop the program; see ``NDArray/pad(_:_:mode:)-(_,[(Int,Int)],_)``.
public func pad(_ a: NDArray, _ width: [(before: Int, after: Int)], mode: NDArray.PadMode = .constant(0)) -> NDArray {
    stoppingOnError("pad") { try NDArray.pad(a, width, mode: mode) }
}

/// NumPy's `pad(a, n, mode)`: `n` elements on both sides of every axis.
public func pad(_ a: NDArray, _ width: Int, mode: NDArray.PadMode = .constant(0)) -> NDArray {
    stoppingOnError("pad") { try NDArray.pad(a, width, mode: mode) }
}
