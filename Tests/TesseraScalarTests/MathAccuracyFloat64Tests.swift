import Foundation
import Glibc
import Testing
import Tessera
import _TesseraTestSupport

// Measured ULP error of the scalar float64 loops against long double (Float80) libm,
// whose 64-bit significand makes it exact at float64 scale for these functions. Each
// loop's stated `maxULPError` must cover the measured maximum; the table is printed.

nonisolated(unsafe) private let float64Functions: [(String, (Float80) -> Float80, ClosedRange<Double>)] = [
    ("exp", expl, -745...709), ("exp2", exp2l, -1074...1023), ("expm1", expm1l, -40...709),
    ("log", logl, 0...1e300), ("log2", log2l, 0...1e300), ("log10", log10l, 0...1e300),
    ("log1p", log1pl, -1...1e300), ("sin", sinl, -1e6...1e6), ("cos", cosl, -1e6...1e6),
    ("tan", tanl, -1e6...1e6), ("arcsin", asinl, -1...1), ("arccos", acosl, -1...1),
    ("arctan", atanl, -1e12...1e12), ("sinh", sinhl, -709...709), ("cosh", coshl, -709...709),
    ("tanh", tanhl, -20...20), ("arcsinh", asinhl, -1e12...1e12), ("arccosh", acoshl, 1...1e12),
    ("arctanh", atanhl, -1...1), ("cbrt", cbrtl, -1e12...1e12),
]

/// Error of `value` in ULP of float64 at the reference (fractional).
private func ulpError(_ value: Double, _ reference: Float80) -> Double {
    if value.isNaN || reference.isNaN { return value.isNaN && reference.isNaN ? 0 : .infinity }
    let rounded = Double(reference)
    if rounded.isInfinite || value.isInfinite { return rounded == value ? 0 : .infinity }
    let ulp = rounded.ulp == 0 ? Double.leastNonzeroMagnitude : rounded.ulp
    return Double(abs(Float80(value) - reference) / Float80(ulp))
}

@Suite("Math loop accuracy, float64")
struct MathAccuracyFloat64Tests {
    @Test("float64 loops stay within their stated ULP bound (10^5 inputs each, against Float80 libm)")
    func float64() throws {
        try Backends.withBackends("scalar") {
            var rng = SeededGenerator(seed: 64)
            var table: [String] = []
            for (name, reference, domain) in float64Functions {
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
                    let error = ulpError(y, reference(Float80(x)))
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
