extension Random.Generator {
    /// NumPy's `Generator.permuted(x, axis)`: a copy of `x` with each 1-d slice along
    /// `axis` shuffled independently (slices taken in C order of the other axes), or with
    /// `axis: nil` all elements shuffled as one flat sequence (in C order, in F order when
    /// `x` is F-contiguous but not C-contiguous, as NumPy's `ravel(order='A')` of its copy).
    /// Unlike ``permutation(_:axis:)``, slices do not move as wholes.
    /// - Precondition: `axis` is valid for `x`; see ``permutedThrowing(_:axis:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func permuted(_ x: NDArray, axis: Int? = nil) -> NDArray {
        orStop { try permutedThrowing(x, axis: axis) }
    }

    /// ``permuted(_:axis:)`` that throws NumPy's `AxisError` for a bad axis.
    @_specialize(where Bits == Random.PCG64)
    public mutating func permutedThrowing(_ x: NDArray, axis: Int? = nil) throws -> NDArray {
        guard let requestedAxis = axis else {
            let fortran = x.ndim > 1 && x.isFContiguous && !x.isCContiguous
            // The elements in the order NumPy shuffles them, as a C-contiguous 1-d array.
            let flat = (fortran ? x.transposed() : x).copy(order: .c).reshaped([x.size])
            shuffleContiguous(flat)
            let shaped = flat.reshaped(fortran ? Array(x.shape.reversed()) : x.shape)
            return fortran ? shaped.transposed().copy(order: .fortran) : shaped
        }
        let axis = try NDArray.normalizeAxis(requestedAxis, ndim: x.ndim)
        // The axis last, the others in C order: each row is one slice.
        let order = (0..<x.ndim).filter { $0 != axis } + [axis]
        let moved = x.transposed(axes: order).copy(order: .c)
        let n = x.axisLength(axis)
        if moved.size > 0 && n > 1 {
            let itemSize = x.itemSize
            var bits = bitGenerator
            let base = moved.baseAddress
            for row in 0..<(moved.size / n) {
                Self.shuffleItems(&bits, base + row * n * itemSize, count: n, stride: itemSize, itemSize: itemSize)
            }
            bitGenerator = bits
        }
        var inverse = [Int](repeating: 0, count: x.ndim)
        for (position, source) in order.enumerated() { inverse[source] = position }
        return moved.transposed(axes: inverse).copy(order: .c)
    }

    /// NumPy's `Generator.permuted(x, axis, out)`: shuffles as ``permuted(_:axis:)`` and
    /// writes the result into `out`, which must have `x`'s shape (and a dtype `x` casts to
    /// safely).
    @_specialize(where Bits == Random.PCG64)
    public mutating func permuted(_ x: NDArray, axis: Int? = nil, out: inout NDArray) {
        orStop { try permutedThrowing(x, axis: axis, out: &out) }
    }

    /// ``permuted(_:axis:out:)`` that throws NumPy's `out must have the same shape as x`, its
    /// casting error, or `AxisError`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func permutedThrowing(_ x: NDArray, axis: Int? = nil, out: inout NDArray) throws {
        if out.shape != x.shape { throw Self.valueError("out must have the same shape as x") }
        let converted = try x.astype(out.dtype, casting: .safe)
        let result = try permutedThrowing(converted.copy(order: out.isFContiguous && !out.isCContiguous ? .fortran : .c), axis: axis)
        out = result.copy(order: out.isFContiguous && !out.isCContiguous ? .fortran : .c)
    }

    /// Shuffles a 1-d C-contiguous array in place (its storage is this function's own copy).
    mutating func shuffleContiguous(_ flat: NDArray) {
        var bits = bitGenerator
        defer { bitGenerator = bits }
        Self.shuffleItems(&bits, flat.baseAddress, count: flat.size, stride: flat.itemSize, itemSize: flat.itemSize)
    }
}
