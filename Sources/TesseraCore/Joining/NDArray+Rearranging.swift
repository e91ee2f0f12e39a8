extension NDArray {
    /// NumPy's `moveaxis(a, source, destination)`: a view with the axes `source` moved to
    /// the positions `destination`, the others keeping their order.
    ///
    /// - Throws: `.axisError` for an axis out of range or repeated, `.valueError` when the
    ///   lists differ in length.
    public static func moveAxis(_ a: NDArray, _ source: [Int], _ destination: [Int]) throws -> NDArray {
        guard source.count == destination.count else {
            throw TesseraError(.valueError, "`source` and `destination` arguments must have the same number of elements")
        }
        let from = try normalizeAxes(source, ndim: a.ndim), to = try normalizeAxes(destination, ndim: a.ndim)
        var order = (0..<a.ndim).filter { !from.contains($0) }
        for (d, s) in zip(to, from).sorted(by: { $0.0 < $1.0 }) { order.insert(s, at: d) }
        return try a.transposed(checkedAxes: order)
    }

    /// NumPy's `moveaxis(a, source, destination)` for one axis: the throwing form of the
    /// free function `moveAxis(a, 0, -1)`.
    ///
    /// - Throws: `.axisError` for an axis out of range.
    public static func moveAxis(_ a: NDArray, _ source: Int, _ destination: Int) throws -> NDArray {
        try moveAxis(a, [source], [destination])
    }

    /// A view with new length-1 axes at the positions `axes` of the result (NumPy's
    /// `expand_dims` with a tuple of axes).
    ///
    /// - Throws: `.axisError` for an axis out of range of the result or repeated.
    public func expandedDims(axes: [Int]) throws -> NDArray {
        let resultAxes = try NDArray.normalizeAxes(axes, ndim: ndim + axes.count)
        var remaining = shape.makeIterator()
        let newShape = (0..<(ndim + axes.count)).map { resultAxes.contains($0) ? 1 : remaining.next()! }
        return try reshaped(checked: newShape)
    }

    /// NumPy's `broadcast_arrays(*arrays)`: views of every array with the common
    /// broadcast shape.
    ///
    /// - Throws: `.shapeMismatch` when the shapes do not broadcast.
    public static func broadcastArrays(_ arrays: [NDArray]) throws -> [NDArray] {
        let shape = try broadcastShapes(arrays.map(\.shape))
        return arrays.map { $0.broadcastView(to: shape) }
    }

    /// NumPy's `flip(a, axis)`: a view with the elements reversed along `axis` (every
    /// axis when `nil`; a 0-d array is returned as it is). No element is copied: the view
    /// has a negative stride along each flipped axis of non-zero length.
    ///
    /// - Throws: `.axisError` for an axis out of range.
    public static func flip(_ a: NDArray, axis: Int? = nil) throws -> NDArray {
        try flip(a, axes: axis.map { [$0] })
    }

    /// NumPy's `flip(a, axis=(i, j, ...))`: a view reversed along each of `axes` (every
    /// axis when `nil`).
    ///
    /// - Throws: `.axisError` for an axis out of range or repeated (as NumPy).
    public static func flip(_ a: NDArray, axes: [Int]?) throws -> NDArray {
        let resolved = try axes.map { try normalizeAxes($0, ndim: a.ndim) } ?? Array(0..<a.ndim)
        var strides = a.strides
        var firstElement = 0
        for axis in resolved where a.axisLength(axis) > 0 {
            firstElement += (a.axisLength(axis) - 1) * a.axisStride(axis)
            strides[axis] = -a.axisStride(axis)
        }
        return a.rawView(shape: a.shape, strides: strides, byteOffset: firstElement)
    }

    /// NumPy's `roll(a, shift, axis)` for one shift along one axis (the whole array,
    /// flattened and reshaped back, when `axis` is `nil`); the throwing form of
    /// ``roll(_:_:axis:)``.
    ///
    /// - Throws: `.axisError` for an axis out of range.
    public static func roll(_ a: NDArray, _ shift: Int, axis: Int? = nil) throws -> NDArray {
        try roll(a, [shift], axes: axis.map { [$0] })
    }

    /// NumPy's `roll(a, shift, axis)`: elements shifted by `shift` along each of `axes`
    /// (of the flattened array, reshaped back, when `axes` is `nil`), those leaving one
    /// end coming back at the other. Shifts and axes pair up (one of them may be a single
    /// value); a repeated axis adds its shifts. Always a new array.
    ///
    /// - Throws: `.axisError`, `.valueError` when the lists do not pair up.
    public static func roll(_ a: NDArray, _ shift: [Int], axes: [Int]? = nil) throws -> NDArray {
        guard let axes else {
            guard shift.count == 1 else { throw TesseraError(.valueError, "roll without axes takes a single shift, not \(shift)") }
            return try roll(a.ravel(), shift, axes: [0]).reshaped(a.shape)
        }
        let pairs = Swift.max(shift.count, axes.count)
        guard (shift.count == 1 || shift.count == pairs) && (axes.count == 1 || axes.count == pairs) else {
            throw TesseraError(.valueError, "shape mismatch: objects cannot be broadcast to a single shape: shift \(shift), axis \(axes)")
        }
        var total = [Int](repeating: 0, count: a.ndim)
        for i in 0..<pairs {
            let axis = try normalizeAxis(axes[axes.count == 1 ? 0 : i], ndim: a.ndim)
            total[axis] += shift[shift.count == 1 ? 0 : i]
        }
        var result = a.copy()
        for axis in 0..<a.ndim where a.axisLength(axis) > 0 {
            let length = a.axisLength(axis)
            let s = ((total[axis] % length) + length) % length
            if s == 0 { continue }
            let positions = NDArray((0..<length).map { Int64(($0 - s + length) % length) })
            result = try result.take(checked: positions, axis: axis)
        }
        return result
    }
}

/// NumPy's `moveaxis(a, source, destination)` for one axis. Bad axes stop the program;
/// see ``NDArray/moveAxis(_:_:_:)``.
public func moveAxis(_ a: NDArray, _ source: Int, _ destination: Int) -> NDArray {
    stoppingOnError("moveAxis") { try NDArray.moveAxis(a, source, destination) }
}

/// NumPy's `moveaxis(a, source, destination)` for several axes. See ``NDArray/moveAxis(_:_:_:)``.
public func moveAxis(_ a: NDArray, _ source: [Int], _ destination: [Int]) -> NDArray {
    stoppingOnError("moveAxis") { try NDArray.moveAxis(a, source, destination) }
}

/// NumPy's `broadcast_arrays(*arrays)`. See ``NDArray/broadcastArrays(_:)``.
public func broadcastArrays(_ arrays: [NDArray]) -> [NDArray] {
    stoppingOnError("broadcastArrays") { try NDArray.broadcastArrays(arrays) }
}

/// NumPy's `flip(a, axis)`: a view with the elements reversed along `axis` (every axis
/// when `nil`). A bad axis stops the program; see ``NDArray/flip(_:axis:)``.
public func flip(_ a: NDArray, axis: Int? = nil) -> NDArray {
    stoppingOnError("flip") { try NDArray.flip(a, axis: axis) }
}

/// NumPy's `flip(a, axis=(i, j, ...))`: a view reversed along each of `axes`. Bad or
/// repeated axes stop the program; see ``NDArray/flip(_:axes:)``.
public func flip(_ a: NDArray, axes: [Int]?) -> NDArray {
    stoppingOnError("flip") { try NDArray.flip(a, axes: axes) }
}

/// NumPy's `roll(a, shift, axis)` for one shift. A bad axis stops the program; see
/// ``NDArray/roll(_:_:axis:)``.
public func roll(_ a: NDArray, _ shift: Int, axis: Int? = nil) -> NDArray {
    stoppingOnError("roll") { try NDArray.roll(a, shift, axis: axis) }
}
