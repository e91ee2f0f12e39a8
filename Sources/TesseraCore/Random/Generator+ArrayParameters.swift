#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The distributions with array parameters: NumPy broadcasts the parameter arrays together
/// (and to `size` when it is given: the parameters must broadcast to exactly `size`) and
/// draws one value per output element in C order, each from its own parameters, with the
/// same algorithm and draws as the scalar form. Parameters are taken as float64 (NumPy's
/// `PyArray_FROM_OTF(…, NPY_DOUBLE)`) and checked whole before anything is drawn.
extension Random.Generator {
    /// A shape in NumPy's tuple spelling: `(3,)`, `(2, 3)`, `()`.
    static func tupleText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// NumPy's `np.broadcast` of the shapes, with its message naming the first two that
    /// disagree.
    static func broadcastParameterShapes(_ shapes: [[Int]]) throws -> [Int] {
        let ndim = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: ndim)
        var setter = [Int](repeating: -1, count: ndim)
        for (argument, shape) in shapes.enumerated() {
            for (offset, size) in shape.enumerated() {
                let axis = ndim - shape.count + offset
                if size == 1 { continue }
                if result[axis] == 1 {
                    result[axis] = size
                    setter[axis] = argument
                } else if result[axis] != size {
                    let first = setter[axis]
                    throw valueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg \(first) with shape \(tupleText(shapes[first])) and arg \(argument) with shape \(tupleText(shape)).")
                }
            }
        }
        return result
    }

    /// The output shape of a call with array parameters: their broadcast, or `shape`, which
    /// the parameters must broadcast to exactly (NumPy's `validate_output_shape`).
    static func parameterShape(_ parameters: [NDArray], _ shape: [Int]?) throws -> [Int] {
        guard let shape else { return try broadcastParameterShapes(parameters.map(\.shape)) }
        _ = try checkedShape(shape)
        let all = try broadcastParameterShapes([shape] + parameters.map(\.shape))
        if all != shape {
            throw valueError("Output size \(tupleText(shape)) is not compatible with broadcast dimensions of inputs \(tupleText(all)).")
        }
        return shape
    }

    /// The parameters as float64 values broadcast to `shape`, in C order.
    static func broadcastDoubles(_ parameter: NDArray, _ shape: [Int]) throws -> [Double] {
        try parameter.astype(.float64).broadcast(to: shape).toArray(Double.self)
    }

    /// NumPy's `CONS_NON_NEGATIVE` on an array: an element with its sign bit set (NaN aside).
    static func checkNonNegative(_ values: NDArray, _ name: String) throws {
        if values.toArray(Double.self).contains(where: { !$0.isNaN && $0.sign == .minus }) {
            throw valueError("\(name) < 0")
        }
    }

    /// Fills a float64 output of `shape` with `draw(bits, a[i], b[i])` in C order.
    @inline(__always)
    mutating func fillDoubles(_ shape: [Int], _ a: [Double], _ b: [Double], _ draw: (inout Bits, Double, Double) -> Double) throws -> NDArray {
        let out = try Self.output(shape, .float64)
        let pointer = out.baseAddress.assumingMemoryBound(to: Double.self)
        var bits = bitGenerator
        for i in 0..<out.size { pointer[i] = draw(&bits, a[i], b[i]) }
        bitGenerator = bits
        return out
    }

    // MARK: normal

    /// NumPy's `Generator.normal(loc, scale, size)` with array parameters: `loc[i] +
    /// scale[i] · Z` per output element (broadcast; see the type's notes).
    /// - Precondition: no `scale` is negative and the shapes broadcast; see
    ///   ``normalThrowing(loc:scale:shape:)-(NDArray,NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func normal(loc: NDArray, scale: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try normalThrowing(loc: loc, scale: scale, shape: shape) }
    }

    /// ``normal(loc:scale:shape:)-(NDArray,NDArray,_)`` that throws NumPy's `scale < 0` and
    /// its shape errors.
    @_specialize(where Bits == Random.PCG64)
    public mutating func normalThrowing(loc: NDArray, scale: NDArray, shape: [Int]? = nil) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        let target = try Self.parameterShape([loc, scale], shape)
        let tables = Ziggurat.normalTables
        return try fillDoubles(target, Self.broadcastDoubles(loc, target), Self.broadcastDoubles(scale, target)) {
            $1 + $2 * Ziggurat.standardNormal(&$0, tables)
        }
    }

    // MARK: uniform

    /// NumPy's `Generator.uniform(low, high, size)` with array parameters: `low[i] +
    /// (high[i] − low[i]) · U` per output element.
    /// - Precondition: every range is finite and not negative; see
    ///   ``uniformThrowing(low:high:shape:)-(NDArray,NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func uniform(low: NDArray, high: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try uniformThrowing(low: low, high: high, shape: shape) }
    }

    /// ``uniform(low:high:shape:)-(NDArray,NDArray,_)`` that throws NumPy's `Range exceeds
    /// valid bounds` (an infinite or NaN range; NumPy's `OverflowError`), `high - low < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func uniformThrowing(low: NDArray, high: NDArray, shape: [Int]? = nil) throws -> NDArray {
        let pair = try Self.broadcastParameterShapes([low.shape, high.shape])
        let lows = try Self.broadcastDoubles(low, pair), highs = try Self.broadcastDoubles(high, pair)
        let ranges = zip(highs, lows).map { $0 - $1 }
        if ranges.contains(where: { !$0.isFinite }) { throw Self.valueError("Range exceeds valid bounds") }
        let range = NDArray(ranges, shape: pair)
        try Self.checkNonNegative(range, "high - low")
        let target = try Self.parameterShape([low, range], shape)
        return try fillDoubles(target, Self.broadcastDoubles(low, target), Self.broadcastDoubles(range, target)) {
            $1 + $2 * $0.nextDouble()
        }
    }

    // MARK: exponential

    /// NumPy's `Generator.exponential(scale, size)` with an array `scale`: `scale[i] · E`.
    /// - Precondition: no `scale` is negative; see ``exponentialThrowing(scale:shape:)-(NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func exponential(scale: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try exponentialThrowing(scale: scale, shape: shape) }
    }

    /// ``exponential(scale:shape:)-(NDArray,_)`` that throws NumPy's `scale < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func exponentialThrowing(scale: NDArray, shape: [Int]? = nil) throws -> NDArray {
        try Self.checkNonNegative(scale, "scale")
        let target = try Self.parameterShape([scale], shape)
        let scales = try Self.broadcastDoubles(scale, target)
        let tables = Ziggurat.exponentialTables
        return try fillDoubles(target, scales, scales) { bits, scale, _ in scale * Ziggurat.standardExponential(&bits, tables) }
    }

    // MARK: gamma

    /// NumPy's `Generator.standard_gamma(shape, size)` with an array of shape parameters `k`.
    /// - Precondition: no `k` is negative; see ``standardGammaThrowing(_:shape:)-(NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardGamma(_ k: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try standardGammaThrowing(k, shape: shape) }
    }

    /// ``standardGamma(_:shape:)-(NDArray,_)`` that throws NumPy's `shape < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func standardGammaThrowing(_ k: NDArray, shape: [Int]? = nil) throws -> NDArray {
        try Self.checkNonNegative(k, "shape")
        let target = try Self.parameterShape([k], shape)
        let ks = try Self.broadcastDoubles(k, target)
        return try fillDoubles(target, ks, ks) { bits, k, _ in Continuous.standardGamma(&bits, k) }
    }

    /// NumPy's `Generator.gamma(shape, scale, size)` with array parameters: `scale[i]` · a
    /// standard gamma of `k[i]`.
    /// - Precondition: no `k` or `scale` is negative; see ``gammaThrowing(_:scale:shape:)-(NDArray,NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func gamma(_ k: NDArray, scale: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try gammaThrowing(k, scale: scale, shape: shape) }
    }

    /// ``gamma(_:scale:shape:)-(NDArray,NDArray,_)`` that throws NumPy's `shape < 0`, `scale < 0`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func gammaThrowing(_ k: NDArray, scale: NDArray, shape: [Int]? = nil) throws -> NDArray {
        try Self.checkNonNegative(k, "shape")
        try Self.checkNonNegative(scale, "scale")
        let target = try Self.parameterShape([k, scale], shape)
        return try fillDoubles(target, Self.broadcastDoubles(k, target), Self.broadcastDoubles(scale, target)) {
            $2 * Continuous.standardGamma(&$0, $1)
        }
    }

    // MARK: poisson

    /// NumPy's `Generator.poisson(lam, size)` with an array `lam` (int64 output).
    /// - Precondition: every `lam` is in [0, NumPy's `POISSON_LAM_MAX`]; see
    ///   ``poissonThrowing(_:shape:)-(NDArray,_)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func poisson(_ lam: NDArray, shape: [Int]? = nil) -> NDArray {
        orStop { try poissonThrowing(lam, shape: shape) }
    }

    /// ``poisson(_:shape:)-(NDArray,_)`` that throws NumPy's `lam value too large` (NaN
    /// included, as NumPy's array check), `lam < 0 or lam contains NaNs`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func poissonThrowing(_ lam: NDArray, shape: [Int]? = nil) throws -> NDArray {
        let values = lam.toArray(Double.self)
        let limit = Double(Int64.max) - Double(Int64.max).squareRoot() * 10
        if !values.allSatisfy({ $0 <= limit }) { throw Self.valueError("lam value too large") }
        if !values.allSatisfy({ $0 >= 0 }) { throw Self.valueError("lam < 0 or lam contains NaNs") }
        let target = try Self.parameterShape([lam], shape)
        let lams = try Self.broadcastDoubles(lam, target)
        let out = try Self.output(target, .int64)
        let pointer = out.baseAddress.assumingMemoryBound(to: Int64.self)
        var bits = bitGenerator
        for i in 0..<out.size { pointer[i] = Discrete.poisson(&bits, lams[i]) }
        bitGenerator = bits
        return out
    }
}
