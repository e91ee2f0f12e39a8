import BenchmarkKit
import Tessera

extension Workload {
    /// The random-number cases: `Random.Generator(seed: 0)` (NumPy's `default_rng(0)`) made
    /// per call, so every configuration must give the same values bit for bit; the large
    /// `random` and `integers` fills run in parallel when the OpenMP backend is active.
    init(randomCase id: CaseID) throws {
        guard id.layout == "contiguous" else { throw Unavailable("random cases are contiguous, not `\(id.layout)`") }
        let dtype = try Workload.dtype(id.dtype)
        let n = id.n
        switch id.op {
        case "random":
            run = { var g = Random.Generator(seed: 0); return try g.randomThrowing([n], dtype: dtype) }
        case "standard_normal":
            run = { var g = Random.Generator(seed: 0); return try g.standardNormalThrowing([n], dtype: dtype) }
        case "standard_exponential":
            run = { var g = Random.Generator(seed: 0); return try g.standardExponentialThrowing([n], dtype: dtype) }
        case "integers":
            run = { var g = Random.Generator(seed: 0); return try g.integersThrowing(0, 1000, shape: [n], dtype: dtype) }
        case "permutation":
            guard dtype == .int64 else { throw Unavailable("permutation gives int64, not \(dtype)") }
            run = { var g = Random.Generator(seed: 0); return g.permutation(n) }
        default:
            throw Unavailable("no random case `\(id.op)`")
        }
        self.id = id
        let run = self.run
        call = { try run().size }
        loop = { nil }
        tolerance = { .exact }
        elements = n
        bytes = n * dtype.itemSize
    }
}
