import Foundation
import Glibc
import Testing
import Tessera
import _TesseraTestSupport

// Measured ULP error of the scalar float64 loops against long double (Float80) libm,
// whose 64-bit significand makes it exact at float64 scale for these functions. Each
// loop's stated `maxULPError` must cover the measured maximum; the table is printed.

/// Each function's reference is `MathReference`'s long-double one; the domains are where inputs are drawn.
private let float64Functions: [(String, ClosedRange<Double>)] = [
    ("exp", -745...709), ("exp2", -1074...1023), ("expm1", -40...709), ("log", 0...1e300),
    ("log2", 0...1e300), ("log10", 0...1e300), ("log1p", -1...1e300), ("sin", -1e6...1e6),
    ("cos", -1e6...1e6), ("tan", -1e6...1e6), ("arcsin", -1...1), ("arccos", -1...1),
    ("arctan", -1e12...1e12), ("sinh", -709...709), ("cosh", -709...709), ("tanh", -20...20),
    ("arcsinh", -1e12...1e12), ("arccosh", 1...1e12), ("arctanh", -1...1), ("cbrt", -1e12...1e12),
]

@Suite("Math loop accuracy, float64")
struct MathAccuracyFloat64Tests {
    @Test("float64 loops stay within their stated ULP bound (10^5 inputs each, against Float80 libm)")
    func float64() throws {
        try Backends.withBackends("scalar") {
            var rng = SeededGenerator(seed: 64)
            var table: [String] = []
            for (name, domain) in float64Functions {
                let reference = MathReference.named(name)
                var inputs: [Double] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, .leastNormalMagnitude, domain.lowerBound, domain.upperBound]
                while inputs.count < 100_000 {
                    if inputs.count % 2 == 0 {
                        inputs.append(Double.random(in: domain, using: &rng))
                    } else {  // small magnitudes, where relative accuracy is hardest
                        let x = Foundation.exp2(Double.random(in: -60...3, using: &rng))
                        inputs.append(domain.lowerBound < 0 && Bool.random(using: &rng) ? -x : x)
                    }
                }
                let ufunc = try UFunc.named(name)
                let out = try ufunc.call([NDArray(inputs)], signature: "d->d")[0].toArray(Double.self)
                var worst = 0.0, worstAt = 0.0
                for (x, y) in zip(inputs, out) where domain.contains(x) {
                    let error = ulpError(y, exact: reference.longDouble(Float80(x), 0))
                    if error > worst { worst = error; worstAt = x }
                }
                let bound = ufunc.loops.first { $0.signature.description == "d->d" }?.maxULPError ?? 0
                table.append("\(name) d->d: \(String(format: "%.3f", worst)) ULP at \(worstAt) (stated \(bound))")
                #expect(worst <= bound, "\(name) d->d: measured \(worst) ULP at x = \(worstAt) > stated \(bound)")
            }
            print("float64 accuracy against Float80 libm:\n  " + table.joined(separator: "\n  "))
        }
    }
}
