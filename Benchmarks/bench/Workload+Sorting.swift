import BenchmarkKit
import Tessera

/// The inputs and call of a sorting or statistics case; outputs are compared with the
/// scalar configuration exactly.
struct SortingWorkload {
    let run: () throws -> NDArray
    let elements: Int
    let bytes: Int

    /// Sorting and statistics cases (NumPy peer: the `SORTING` section of `numpy_peer.py`).
    ///
    /// Inputs: floats uniform in ±100 and integers over the dtype's whole range, so that
    /// ties (whose order an unstable argsort may choose differently per backend) are
    /// practically absent; `unique` draws integers in 0..<100 000, as the issue asks.
    init(_ id: CaseID, rng: inout SeededGenerator) throws {
        let dtype = try Workload.dtype(id.dtype)
        let n = id.n
        func values(_ count: Int) -> NDArray {
            if dtype.isInteger {
                let raw = (0..<count).map { _ in Int64(bitPattern: rng.next()) }
                return NDArray(raw).astype(dtype)
            }
            return Layouts.random([count], dtype: dtype, domain: Domain(low: 0.001, high: 100, signed: true), rng: &rng)
        }
        let size = n * dtype.itemSize
        switch (id.op, id.layout) {
        case ("sort", "contiguous"):
            let a = values(n)
            (run, elements, bytes) = ({ try NDArray.sort(a) }, n, 2 * size)
        case ("argsort", "contiguous"), ("argsort", "stable"):
            let a = values(n)
            let kind: SortKind = id.layout == "stable" ? .stable : .quicksort
            (run, elements, bytes) = ({ try NDArray.argsort(a, kind: kind) }, n, size + 8 * n)
        case ("unique", "contiguous"):
            let a = NDArray((0..<n).map { _ in Int64(rng.next() % 100_000) }).astype(dtype)
            (run, elements, bytes) = ({ unique(a) }, n, size)
        case ("median", "contiguous"):
            let a = values(n)
            (run, elements, bytes) = ({ try NDArray.median(a) }, n, size)
        case ("percentile", "axis0"):
            let side = Int(Double(n).squareRoot().rounded())
            guard side * side == n else { throw Unavailable("percentile/axis0 needs a square element count, not \(n)") }
            let a = values(n).reshaped([side, side])
            (run, elements, bytes) = ({ try NDArray.percentile(a, 90, axis: 0) }, n, size)
        case ("histogram", "contiguous"):
            let a = values(n)
            (run, elements, bytes) = ({ try NDArray.histogram(a, bins: .count(100)).hist }, n, size)
        default:
            throw Unavailable("the harness has no `\(id.op)` case with layout `\(id.layout)`")
        }
    }
}
