import BenchmarkKit
import Tessera

// Linear-algebra cases: `<op>/float64/contiguous/<n>` on one n×n matrix (lstsq: n×(n/5),
// the 1000×200 least-squares problem), and `inv/float64/batched/<n>`: 1000 stacked
// matrices of n elements each (n = 64: 8×8), the small-matrix case. Inputs are well
// conditioned (random entries scaled by 1/√n plus 2·I for square systems; a·aᵀ + n·I for
// Cholesky; a + aᵀ for eigh). Verification against the scalar configuration uses
// outputs that do not depend on the backend's choice of signs: eigenvalues for `eigh`,
// singular values for `svd`.

extension Workload {
    struct LinalgParts {
        let elements: Int
        let bytes: Int
        let run: () throws -> NDArray
        let tolerance: Tolerance
    }

    static let linalgOps: Set<String> = ["solve", "inv", "det", "eigh", "svd", "lstsq", "cholesky"]

    static func linalg(_ id: CaseID, rng: inout SeededGenerator) throws -> LinalgParts {
        guard id.dtype == "float64" else { throw Unavailable("linalg cases are float64") }
        let n = id.n
        let unit = Domain(low: 0.5, high: 1, signed: true)
        func square(_ side: Int, stack: [Int] = []) throws -> NDArray {
            let a = Layouts.random(stack + [side, side], dtype: .float64, domain: unit, rng: &rng)
            let scaled = try UFunc.multiply(a, NDArray(scalar: 1 / Double(side).squareRoot()))
            return try UFunc.add(scaled, UFunc.multiply(NDArray.eye(side), NDArray(scalar: 2.0)))
        }
        // Inputs are well conditioned (κ ≲ 10³): results agree to ~κ·n·ε.
        let close = Tolerance.relative(1e-8)
        switch (id.op, id.layout) {
        case ("solve", "contiguous"):
            let a = try square(n), b = Layouts.random([n], dtype: .float64, domain: unit, rng: &rng)
            return LinalgParts(elements: n * n, bytes: 8 * (n * n + 2 * n), run: { try Linalg.solve(a, b) }, tolerance: close)
        case ("inv", "contiguous"):
            let a = try square(n)
            return LinalgParts(elements: n * n, bytes: 16 * n * n, run: { try Linalg.inv(a) }, tolerance: close)
        case ("inv", "batched"):
            let side = try Layouts.squareSide(n)
            let a = try square(side, stack: [1_000])
            return LinalgParts(elements: 1_000 * n, bytes: 16 * 1_000 * n, run: { try Linalg.inv(a) }, tolerance: close)
        case ("det", "contiguous"):
            let a = try square(n)
            return LinalgParts(elements: n * n, bytes: 8 * n * n, run: { try Linalg.det(a) }, tolerance: close)
        case ("eigh", "contiguous"):
            let r = Layouts.random([n, n], dtype: .float64, domain: unit, rng: &rng)
            let a = try UFunc.add(r, r.T)
            return LinalgParts(elements: n * n, bytes: 16 * n * n, run: { try Linalg.eigh(a).eigenvalues }, tolerance: close)
        case ("svd", "contiguous"):
            let a = Layouts.random([n, n], dtype: .float64, domain: unit, rng: &rng)
            return LinalgParts(elements: n * n, bytes: 24 * n * n, run: { try Linalg.svd(a).s }, tolerance: close)
        case ("lstsq", "contiguous"):
            let columns = n / 5
            let a = Layouts.random([n, columns], dtype: .float64, domain: unit, rng: &rng)
            let b = Layouts.random([n], dtype: .float64, domain: unit, rng: &rng)
            return LinalgParts(elements: n * columns, bytes: 8 * (n * columns + n + columns), run: { try Linalg.lstsq(a, b).solution }, tolerance: close)
        case ("cholesky", "contiguous"):
            let r = Layouts.random([n, n], dtype: .float64, domain: unit, rng: &rng)
            let a = try UFunc.add(GUFunc.matmul(r, r.T), UFunc.multiply(NDArray.eye(n), NDArray(scalar: Double(n))))
            return LinalgParts(elements: n * n, bytes: 16 * n * n, run: { try Linalg.cholesky(a) }, tolerance: close)
        default:
            throw Unavailable("no linalg workload for `\(id)`")
        }
    }
}
