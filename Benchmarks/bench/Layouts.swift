import BenchmarkKit
import Tessera

/// Builds the inputs of each layout from public API only.
///
/// `contiguous`, `broadcast` (an m×1000 array with a 1000-element row; below 1000
/// elements a (n/2, 1) array with a (1, 2) one), `transposed`
/// (an s×s array with the transpose of another: `a + b.T`), `strided2` (every second
/// element of a 2n array) and `reversed` (a negative-stride view) — the same layouts the
/// NumPy peer builds.
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
            if n < broadcastRow {
                // A small outer broadcast, (n/2, 1) + (1, 2): the broadcasting machinery's
                // own cost, for n = 8 a (4, 1) + (1, 2).
                guard n % 2 == 0 else { throw Unavailable("small broadcast cases need an even n") }
                return random(index == 0 ? [n / 2, 1] : [1, 2], dtype: dtype, domain: domain, rng: &rng)
            }
            guard n % broadcastRow == 0 else { throw Unavailable("broadcast cases need n divisible by \(broadcastRow)") }
            return index == 0
                ? random([n / broadcastRow, broadcastRow], dtype: dtype, domain: domain, rng: &rng)
                : random([broadcastRow], dtype: dtype, domain: domain, rng: &rng)
        case "transposed":
            let side = try squareSide(n)
            let array = random([side, side], dtype: dtype, domain: domain, rng: &rng)
            // The last input is the transposed one; a binary op's first stays C-ordered.
            return index == count - 1 ? array.transposed() : array
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

/// Strided and reversed views (no copies: the loops see the real strides).
enum Views {
    static func everySecond(_ base: NDArray) throws -> NDArray {
        base[.slice(nil, nil, 2)]
    }

    static func reversed(_ base: NDArray) throws -> NDArray {
        base[.slice(nil, nil, -1)]
    }
}

/// Reductions: the NDArray methods, over all elements (`axis` nil) or one axis.
enum Operations {
    static func reduce(_ op: String, _ array: NDArray, axis: Int?) throws -> NDArray {
        switch op {
        case "sum": return array.sum(axis: axis)
        case "max": return array.max(axis: axis)
        case "argmax": return array.argmax(axis: axis)
        case "mean": return array.mean(axis: axis)
        default:
            throw Unavailable("reduction `\(op)` is not in this build")
        }
    }
}
