extension NDArray {
    /// NumPy's `arange(stop)`: `0, 1, …, stop - 1` as `int64` (or `dtype`).
    public static func arange(_ stop: Int, dtype: DType = .int64) -> NDArray {
        arange(0, stop, 1, dtype: dtype)
    }

    /// NumPy's `arange(start, stop, step)` for integers: `int64` unless `dtype` says otherwise.
    /// A zero step is a programmer error.
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1, dtype: DType = .int64) -> NDArray {
        require(step != 0, "arange: step must not be zero")
        let span = step > 0 ? stop - start : start - stop
        let count = span > 0 ? (span - 1) / Swift.abs(step) + 1 : 0
        if dtype.isInteger || dtype == .bool {
            // Integer fill wraps in the target type, as NumPy's `fill` does.
            let values = (0..<count).map { start &+ $0 &* step }
            return NDArray(values).astype(dtype)
        }
        return filled(first: Double(start), second: Double(start &+ step), count: count, dtype: dtype)
    }

    /// NumPy's `arange(start, stop, step)` for floating-point bounds: `float64` unless
    /// `dtype` says otherwise. The length is `ceil((stop - start) / step)` and element `i`
    /// is `start + i * ((start + step) - start)`, computed as NumPy does.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1, dtype: DType = .float64) -> NDArray {
        require(step != 0 && step.isFinite, "arange: step must be finite and non-zero")
        let length = ((stop - start) / step).rounded(.up)
        require(!length.isNaN && length < Double(Int.max), "arange: cannot compute length of arange(\(start), \(stop), \(step))")
        let count = Swift.max(Int(Swift.max(length, 0)), 0)
        return filled(first: start, second: start + step, count: count, dtype: dtype)
    }

    /// NumPy's `fill` of a range: the first two values are cast to `dtype`, and element
    /// `i` is `first + i * (second - first)` in the dtype's own arithmetic.
    private static func filled(first: Double, second: Double, count: Int, dtype: DType) -> NDArray {
        switch dtype {
        case .float32:
            let a = Float(first), delta = Float(second) - a
            return NDArray((0..<count).map { i in i == 0 ? a : i == 1 ? Float(second) : a + Float(i) * delta })
        case .float16:
            // NumPy's HALF_fill works in float32 and rounds each element to half.
            let a = Float(Float16(first)), delta = Float(Float16(second)) - a
            return NDArray((0..<count).map { i in Float16(i == 0 ? a : a + Float(i) * delta) })
        case .complex64, .complex128, .float64:
            let delta = second - first
            return NDArray((0..<count).map { i in i == 0 ? first : i == 1 ? second : first + Double(i) * delta }).astype(dtype)
        default:
            // Integer dtypes: cast the first two values, then step in integers.
            let pair = NDArray([first, second]).astype(.int64).toArray(Int64.self)
            let delta = pair[1] &- pair[0]
            return NDArray((0..<count).map { pair[0] &+ Int64($0) &* delta }).astype(dtype)
        }
    }

    /// NumPy's `linspace(start, stop, num, endpoint:, dtype:)`: `num` evenly spaced values,
    /// computed as NumPy does (`start + i * step`, the last one exactly `stop` when
    /// `endpoint`). Integer dtypes take the floor, as NumPy 2 does.
    public static func linspace(_ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, dtype: DType = .float64) -> NDArray {
        require(num >= 0, "linspace: number of samples, \(num), must be non-negative")
        let divisions = endpoint ? num - 1 : num
        let delta = stop - start
        var values = (0..<num).map(Double.init)
        if divisions > 0 {
            let step = delta / Double(divisions)
            if step == 0 {
                values = values.map { $0 / Double(divisions) * delta }
            } else {
                values = values.map { $0 * step }
            }
        } else {
            values = values.map { $0 * delta }
        }
        values = values.map { $0 + start }
        if endpoint && num > 1 { values[num - 1] = stop }
        if dtype.isInteger { values = values.map { $0.rounded(.down) } }
        return NDArray(values).astype(dtype)
    }

    /// NumPy's `eye(N, M, k, dtype)`: ones on diagonal `k` (positive: above the main one).
    public static func eye(_ rows: Int, _ columns: Int? = nil, k: Int = 0, dtype: DType = .float64) -> NDArray {
        let columns = columns ?? rows
        var result = NDArray.zeros([rows, columns], dtype: dtype)
        let one = NDArray(scalar: true).astype(dtype)
        let base = result.makeUniqueForWriting()
        for row in 0..<rows {
            let column = row + k
            guard column >= 0 && column < columns else { continue }
            (base + row * result.axisStride(0) + column * result.axisStride(1)).copyMemory(from: one.baseAddress, byteCount: dtype.itemSize)
        }
        return result
    }
}
