import Testing
import Tessera

/// The README's second example, as written there: it must keep compiling and doing what
/// its comments say.
@Suite struct ReadmeExampleTests {
    @Test("the README's multiarray/sorting/linalg/random example")
    func multiarrayExample() throws {
        var rng = Random.Generator(seed: 42)                     // == np.random.default_rng(42)
        let X = rng.standardNormal([100, 3])
        let positive = X[X .> 0]                                 // a mask: a copy, as NumPy
        let order = X.argsort(axis: 0)                           // sorting loops by dtype
        let both = concatenate([X, X], axis: 0)
        let med = median(X, axis: 0)
        let inverse = try Linalg.inv(matmul(X.transposed(), X)) // LinalgError when singular

        let values = X.toArray(Double.self)
        #expect(positive.toArray(Double.self) == values.filter { $0 > 0 })
        #expect(order.shape == [100, 3] && order.dtype == .int64)
        #expect(both.shape == [200, 3])
        #expect(med.shape == [3])
        // X has full column rank: XᵀX · inverse is the identity to rounding.
        let identity = matmul(matmul(X.transposed(), X), inverse).toArray(Double.self)
        for row in 0..<3 { for column in 0..<3 { #expect(abs(identity[row * 3 + column] - (row == column ? 1 : 0)) < 1e-10) } }
    }
}
