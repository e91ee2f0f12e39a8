import BenchmarkKit
import Tessera

/// Builds the inputs of each layout from public API only.
///
/// `contiguous`, `broadcast` (an m×1000 array with a 1000-element row) and `transposed`
/// (a C-ordered s×s array with a Fortran-ordered one: the memory walk of `a + a.T`) need
/// nothing beyond creation and `copy(order:)`. `strided2` and `reversed` need views; they
/// go through ``Views``, which reports them unavailable until `NDArray+Views` exists.
enum Layouts {
    /// Width of the broadcast row.
    static let broadcastRow = 1_000

    static func operand(index: Int, of count: Int, layout: String, n: Int, dtype: DType, domain: Domain, rng: inout SeededGenerator) throws -> NDArray {
        switch layout {
        case "contiguous":
            return random([n], dtype: dtype, domain: domain, rng: &rng)
        case "strided2":
            return try Views.everySecond(random([2 * n], dtype: dtype, domain: domain, rng: &rng))
        case "reversed":
            return try Views.reversed(random([n], dtype: dtype, domain: domain, rng: &rng))
        case "broadcast":
            guard count == 2 else { throw Unavailable("the broadcast layout needs two inputs") }
            guard n % broadcastRow == 0 else { throw Unavailable("broadcast cases need n divisible by \(broadcastRow)") }
            return index == 0
                ? random([n / broadcastRow, broadcastRow], dtype: dtype, domain: domain, rng: &rng)
                : random([broadcastRow], dtype: dtype, domain: domain, rng: &rng)
        case "transposed":
            let side = try squareSide(n)
            let array = random([side, side], dtype: dtype, domain: domain, rng: &rng)
            // The last input is the "transposed" one; a binary op's first stays C-ordered.
            return index == count - 1 ? array.copy(order: .fortran) : array
        default:
            throw Unavailable("unknown layout `\(layout)`")
        }
    }

    /// The input of a reduction and its axis (`nil`: over all elements).
    static func reductionInput(layout: String, n: Int, dtype: DType, rng: inout SeededGenerator) throws -> (NDArray, Int?) {
        let domain = Domain(low: 0.5, high: 100, signed: false)
        switch layout {
        case "contiguous": return (random([n], dtype: dtype, domain: domain, rng: &rng), nil)
        case "axis0", "axis1":
            let side = try squareSide(n)
            return (random([side, side], dtype: dtype, domain: domain, rng: &rng), layout == "axis0" ? 0 : 1)
        default: throw Unavailable("reductions take layouts contiguous, axis0, axis1, not `\(layout)`")
        }
    }

    static func squareSide(_ n: Int) throws -> Int {
        let side = Int(Double(n).squareRoot().rounded())
        guard side * side == n else { throw Unavailable("\(n) is not a square number of elements") }
        return side
    }

    /// Random values of `dtype` in `domain`; integers are rounded magnitudes of at least 1.
    static func random(_ shape: [Int], dtype: DType, domain: Domain, rng: inout SeededGenerator) -> NDArray {
        let count = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        let span = domain.high - domain.low
        for i in 0..<count {
            let bits = rng.next()
            let magnitude = domain.low + span * (Double(bits >> 11) * 0x1p-53)
            values[i] = domain.signed && bits & 1 == 1 ? -magnitude : magnitude
        }
        switch dtype {
        case .float64: return NDArray(values, shape: shape)
        case .float32: return NDArray(values.map { Float($0) }, shape: shape)
        case .int32: return NDArray(values.map { Int32(($0 < 0 ? -1 : 1) * max(1, $0.magnitude.rounded(.down))) }, shape: shape)
        case .int64: return NDArray(values.map { Int64(($0 < 0 ? -1 : 1) * max(1, $0.magnitude.rounded(.down))) }, shape: shape)
        default: return NDArray(values, shape: shape).astype(dtype)
        }
    }
}

/// Strided and reversed views. The NDArray view API (`NDArray+Views`) is being written
/// on another branch; until it is merged these layouts are reported unavailable. When it
/// lands, each body becomes one line, e.g. `base[stride: 2]` and `base.reversed()`.
enum Views {
    static func everySecond(_ base: NDArray) throws -> NDArray {
        throw Unavailable("strided views need NDArray+Views, not in this build")
    }

    static func reversed(_ base: NDArray) throws -> NDArray {
        throw Unavailable("reversed views need NDArray+Views, not in this build")
    }
}

/// Reductions (`sum`, `max`, `argmax`, `mean` — NDArray methods from the reductions issue).
/// Until they are merged, reduction cases are reported unavailable; then each op is one
/// line here, e.g. `case "sum": return try array.sum(axis: axis)`.
enum Operations {
    static func reduce(_ op: String, _ array: NDArray, axis: Int?) throws -> NDArray {
        switch op {
        default:
            throw Unavailable("reduction `\(op)` is not in this build")
        }
    }
}
