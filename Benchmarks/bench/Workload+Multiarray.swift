import BenchmarkKit
import Tessera

extension Workload {
    /// Joining and indexing cases: the same work as `numpy_peer_multiarray.py`.
    static func multiarray(_ id: CaseID, rng: inout SeededGenerator) throws -> (run: () throws -> NDArray, elements: Int, bytes: Int) {
        guard id.layout == "contiguous" else { throw Unavailable("`\(id.op)` takes layout contiguous, not `\(id.layout)`") }
        let n = id.n
        let dtype = try Workload.dtype(id.dtype)
        let signed = Domain(low: 0.5, high: 100, signed: true)
        switch id.op {
        case "concatenate":
            // Two halves of n/2 elements, 1000 rows each, joined along axis 0.
            let half = [1000, n / 2000]
            let a = Layouts.random(half, dtype: dtype, domain: signed, rng: &rng)
            let b = Layouts.random(half, dtype: dtype, domain: signed, rng: &rng)
            return ({ concatenate([a, b], axis: 0) }, n, 2 * n * dtype.itemSize)
        case "take":
            let a = Layouts.random([n], dtype: dtype, domain: signed, rng: &rng)
            let positions = NDArray((0..<n).map { _ in Int64.random(in: 0..<Int64(n), using: &rng) })
            return ({ a.take(positions) }, n, n * (2 * dtype.itemSize + 8))
        case "getmask":
            // Signed values: about half are positive, like NumPy's normals.
            let a = Layouts.random([n], dtype: dtype, domain: signed, rng: &rng)
            return ({ a[a .> 0] }, n, n * (dtype.itemSize + 1) + n / 2 * dtype.itemSize)
        case "setmask":
            // The mask is computed once: after one `a[a > 0] = 0` nothing is positive any more.
            var a = Layouts.random([n], dtype: dtype, domain: signed, rng: &rng)
            let mask = a .> 0
            return ({ a[mask] = 0.0; return a }, n, n * (dtype.itemSize + 1))
        case "nonzero":
            let mask = Layouts.random([n], dtype: .float64, domain: signed, rng: &rng) .> 0
            return ({ nonzero(mask)[0] }, n, n + n / 2 * 8)
        default:
            throw Unavailable("multiarray op `\(id.op)` is not in this build")
        }
    }
}
