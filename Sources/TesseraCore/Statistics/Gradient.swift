/// The sample spacing along one axis of ``NDArray/gradient(_:spacing:axes:edgeOrder:)``
/// (NumPy's `*varargs`): a distance between neighbours, or the coordinates of the samples.
public enum GradientSpacing: Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// One distance for the whole axis (a Python number: a weak scalar, so a float32 array
    /// is differentiated in float32).
    case distance(Double)
    /// The coordinate of every sample along the axis (1-D, the axis's length; integers
    /// are taken as float64). Equally spaced coordinates act as their common distance (a
    /// NumPy scalar of their dtype), others give NumPy's second-order non-uniform formula.
    case coordinates(NDArray)

    public init(floatLiteral value: Double) { self = .distance(value) }
    public init(integerLiteral value: Int) { self = .distance(Double(value)) }
}

extension NDArray {
    /// Throwing form of ``gradient(_:spacing:axes:edgeOrder:)``.
    /// - Throws: `.valueError` when `edgeOrder` is not 1 or 2, an axis is shorter than
    ///   `edgeOrder + 1`, the number of spacings is neither 0, 1 nor the number of axes,
    ///   coordinates are not 1-D or do not match the axis's length; `.axisError` for a bad
    ///   or repeated axis; `.noLoop` for bool data (NumPy cannot subtract booleans).
    public static func gradient(_ f: NDArray, spacing: [GradientSpacing] = [], axes requested: [Int]? = nil, edgeOrder: Int = 1) throws -> [NDArray] {
        let axes = try (requested ?? Array(0..<f.ndim)).map { try normalizeAxis($0, ndim: f.ndim) }
        guard Set(axes).count == axes.count else {
            throw TesseraError(.axisError, "gradient: repeated axis in \(requested ?? [])")
        }
        guard edgeOrder == 1 || edgeOrder == 2 else {
            throw TesseraError(.valueError, "gradient: 'edge_order' must be 1 or 2, not \(edgeOrder)")
        }
        let distances: [GradientSpacing]
        switch spacing.count {
        case 0: distances = Array(repeating: .distance(1), count: axes.count)
        case 1 where axes.count != 1:
            guard case .distance = spacing[0] else {
                throw TesseraError(.valueError, "gradient: one spacing for \(axes.count) axes must be a distance, not coordinates")
            }
            distances = Array(repeating: spacing[0], count: axes.count)
        case axes.count: distances = spacing
        default:
            throw TesseraError(.valueError, "gradient: invalid number of spacings (\(spacing.count)); give none, one distance, or one per axis (\(axes.count))")
        }
        // NumPy's output dtype: integers are differentiated in float64, floats in their own.
        let data = f.dtype.isInteger ? f.astype(.float64) : f
        if f.dtype == .bool {
            throw TesseraError(.noLoop, "gradient: NumPy's boolean subtract is not supported; convert the array with astype first")
        }
        var results: [NDArray] = []
        for (axis, distance) in zip(axes, distances) {
            let length = data.axisLength(axis)
            guard length >= edgeOrder + 1 else {
                throw TesseraError(.valueError, "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required (axis \(axis) has \(length))")
            }
            let step = try GradientStep(distance, length: length)
            results.append(try gradient(data, axis: axis, step: step, edgeOrder: edgeOrder))
        }
        return results
    }

    /// One axis of NumPy's `np.gradient`, with its operations in its order and dtypes.
    private static func gradient(_ f: NDArray, axis: Int, step: GradientStep, edgeOrder: Int) throws -> NDArray {
        let n = f.axisLength(axis)
        var out = NDArray(uninitializedShape: f.shape, dtype: f.dtype)
        _ = out.makeUniqueForWriting()
        /// `f[start:start+count]` along the axis (likewise for `out`).
        func slice(_ a: NDArray, _ start: Int, _ count: Int) -> NDArray {
            var shape = a.shape
            shape[axis] = count
            return a.rawView(shape: shape, strides: a.strides, byteOffset: start * a.axisStride(axis))
        }
        func store(_ value: NDArray, _ start: Int, _ count: Int) {
            writeElements(from: value.astype(f.dtype), through: slice(out, start, count))
        }
        let sub = UFunc.subtract, mul = UFunc.multiply, div = UFunc.divide, add = UFunc.add
        // Interior: central differences.
        if n > 2 {
            switch step {
            case .scalar(let dx):
                store(try div(sub(slice(f, 2, n - 2), slice(f, 0, n - 2)), GradientStep.op(mul, 2.0, dx)), 1, n - 2)
            case .nonuniform(let dx):
                let dx1 = dx.rawView(shape: [n - 2], strides: dx.strides), dx2 = dx.rawView(shape: [n - 2], strides: dx.strides, byteOffset: dx.axisStride(0))
                var a = try div(UFunc.negative(dx2), mul(dx1, add(dx1, dx2)))
                var b = try div(sub(dx2, dx1), mul(dx1, dx2))
                var c = try div(dx1, mul(dx2, add(dx1, dx2)))
                var shape = Array(repeating: 1, count: f.ndim)
                shape[axis] = n - 2
                (a, b, c) = (a.reshaped(shape), b.reshaped(shape), c.reshaped(shape))
                store(try add(add(mul(a, slice(f, 0, n - 2)), mul(b, slice(f, 1, n - 2))), mul(c, slice(f, 2, n - 2))), 1, n - 2)
            }
        }
        if edgeOrder == 1 {
            store(try div(sub(slice(f, 1, 1), slice(f, 0, 1)), step.first), 0, 1)
            store(try div(sub(slice(f, n - 1, 1), slice(f, n - 2, 1)), step.last), n - 1, 1)
        } else {
            let (a0, b0, c0) = try step.startCoefficients()
            store(try add(add(mul(slice(f, 0, 1), a0), mul(slice(f, 1, 1), b0)), mul(slice(f, 2, 1), c0)), 0, 1)
            let (a1, b1, c1) = try step.endCoefficients()
            store(try add(add(mul(slice(f, n - 3, 1), a1), mul(slice(f, n - 2, 1), b1)), mul(slice(f, n - 1, 1), c1)), n - 1, 1)
        }
        return out
    }
}

/// The spacing of one axis as NumPy's `gradient` computes with it: a scalar (a Python
/// float, weak; or a NumPy scalar from equally spaced coordinates, strong) or the
/// differences of the coordinates.
private enum GradientStep {
    case scalar(any UFuncOperand)
    case nonuniform(NDArray)

    init(_ spacing: GradientSpacing, length: Int) throws {
        switch spacing {
        case .distance(let d):
            self = .scalar(d)
        case .coordinates(let coordinates):
            guard coordinates.ndim == 1 else {
                if coordinates.ndim == 0 { self = .scalar(coordinates); return }
                throw TesseraError(.valueError, "gradient: distances must be either scalars or 1d (got shape \(coordinates.shape))")
            }
            guard coordinates.size == length else {
                throw TesseraError(.valueError, "gradient: when 1d, distances must match the length of the corresponding dimension (\(coordinates.size) for \(length))")
            }
            let values = coordinates.dtype.isInteger || coordinates.dtype == .bool ? coordinates.astype(.float64) : coordinates
            let differences = try NDArray.diff(values)
            let first = differences.rawView(shape: [], strides: [])
            if try UFunc.equal(differences, first).toArray(Bool.self).allSatisfy({ $0 }) {
                self = .scalar(first.copy())
            } else {
                self = .nonuniform(differences.copy())
            }
        }
    }

    /// `x op y` as Python would: two Python floats in float64, else the ufunc.
    static func op(_ ufunc: UFunc, _ x: any UFuncOperand, _ y: any UFuncOperand) throws -> any UFuncOperand {
        if let x = x as? Double, let y = y as? Double {
            switch ufunc.name {
            case "add": return x + y
            case "subtract": return x - y
            case "multiply": return x * y
            default: return x / y
            }
        }
        return try ufunc.call([x, y])[0]
    }

    /// `-x` as Python would.
    static func negative(_ x: any UFuncOperand) throws -> any UFuncOperand {
        if let x = x as? Double { return -x }
        return try UFunc.negative.call([x])[0]
    }

    func element(_ i: Int) -> any UFuncOperand {
        switch self {
        case .scalar(let dx): return dx
        case .nonuniform(let dx):
            let index = i < 0 ? dx.size + i : i
            return dx.rawView(shape: [], strides: [], byteOffset: index * dx.axisStride(0)).copy()
        }
    }

    var first: any UFuncOperand { element(0) }
    var last: any UFuncOperand { element(-1) }

    /// NumPy's second-order one-sided coefficients at the start.
    func startCoefficients() throws -> (any UFuncOperand, any UFuncOperand, any UFuncOperand) {
        let (add, mul, div) = (UFunc.add, UFunc.multiply, UFunc.divide)
        switch self {
        case .scalar(let dx):
            return (try Self.op(div, -1.5, dx), try Self.op(div, 2.0, dx), try Self.op(div, -0.5, dx))
        case .nonuniform:
            let dx1 = element(0), dx2 = element(1)
            let sum = try Self.op(add, dx1, dx2)
            let a = try Self.op(div, Self.negative(Self.op(add, Self.op(mul, 2.0, dx1), dx2)), Self.op(mul, dx1, sum))
            let b = try Self.op(div, sum, Self.op(mul, dx1, dx2))
            let c = try Self.op(div, Self.negative(dx1), Self.op(mul, dx2, sum))
            return (a, b, c)
        }
    }

    /// NumPy's second-order one-sided coefficients at the end.
    func endCoefficients() throws -> (any UFuncOperand, any UFuncOperand, any UFuncOperand) {
        let (add, mul, div) = (UFunc.add, UFunc.multiply, UFunc.divide)
        switch self {
        case .scalar(let dx):
            return (try Self.op(div, 0.5, dx), try Self.op(div, -2.0, dx), try Self.op(div, 1.5, dx))
        case .nonuniform:
            let dx1 = element(-2), dx2 = element(-1)
            let a = try Self.op(div, dx2, Self.op(mul, dx1, Self.op(add, dx1, dx2)))
            let b = try Self.op(div, Self.negative(Self.op(add, dx2, dx1)), Self.op(mul, dx1, dx2))
            let c = try Self.op(div, Self.op(add, Self.op(mul, 2.0, dx2), dx1), Self.op(mul, dx2, Self.op(add, dx1, dx2)))
            return (a, b, c)
        }
    }
}

/// NumPy's `np.gradient(f, *varargs, axis, edge_order)`: the derivative of sampled data
/// along each axis in `axes` (all when nil), one array per axis. Central differences
/// inside, `(f[i+1] - f[i-1]) / 2h` for a distance `h` (second-order accurate for uneven
/// coordinates too); one-sided differences at the ends, first order (`edgeOrder: 1`) or
/// second (`edgeOrder: 2`). `spacing` holds nothing (distance 1), one distance for every
/// axis, or one ``GradientSpacing`` per axis. Integers are differentiated in float64,
/// floats in their own dtype (a float32 array with a `Double` distance stays float32, as
/// NumPy with a Python float). Each axis needs `edgeOrder + 1` samples. NumPy returns a
/// single array for a single axis; this returns a one-element array then.
/// Bad arguments are programmer errors; see ``NDArray/gradient(_:spacing:axes:edgeOrder:)``.
public func gradient(_ f: NDArray, spacing: [GradientSpacing] = [], axes: [Int]? = nil, edgeOrder: Int = 1) -> [NDArray] {
    f.stopOnSortError("gradient") { try NDArray.gradient(f, spacing: spacing, axes: axes, edgeOrder: edgeOrder) }
}
