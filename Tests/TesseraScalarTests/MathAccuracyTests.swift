import Foundation
import RealModule
import Testing
import Tessera
import _TesseraTestSupport

// Measured ULP error of the float32 and float16 loops against a higher-precision
// reference: float32 against float64 libm (≤ 1 ULP of float64, i.e. exact at float32
// scale), float16 exhaustively against float32 rounded once. Each loop's stated
// `maxULPError` must cover the measured maximum; the table is printed.

/// Each function's reference is `MathReference`'s double-precision one; the domains are where inputs are drawn.
private let accuracyFunctions: [(String, ClosedRange<Double>)] = [
    ("exp", -103...88), ("exp2", -149...127), ("expm1", -20...88), ("log", 0...1e30),
    ("log2", 0...1e30), ("log10", 0...1e30), ("log1p", -1...1e10), ("sin", -1e4...1e4),
    ("cos", -1e4...1e4), ("tan", -1e4...1e4), ("arcsin", -1...1), ("arccos", -1...1),
    ("arctan", -1e6...1e6), ("sinh", -89...89), ("cosh", -89...89), ("tanh", -10...10),
    ("arcsinh", -1e6...1e6), ("arccosh", 1...1e6), ("arctanh", -1...1), ("cbrt", -1e6...1e6),
]

@Suite("Math loop accuracy")
struct MathAccuracyTests {
    @Test("float32 loops stay within their stated ULP bound (10^5 inputs each)")
    func float32() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try float32Body() }
    }

    private func float32Body() throws {
        var rng = SeededGenerator(seed: 42)
        var table: [String] = []
        for (name, domain) in accuracyFunctions {
            let reference = MathReference.named(name)
            var inputs: [Float] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, .leastNormalMagnitude, Float(domain.lowerBound), Float(domain.upperBound)]
            while inputs.count < 100_000 {
                if inputs.count % 2 == 0 {
                    inputs.append(Float(Double.random(in: domain, using: &rng)))
                } else {  // small magnitudes, where relative accuracy is hardest
                    let x = Float(Foundation.exp2(Double.random(in: -40...3, using: &rng)))
                    inputs.append(domain.lowerBound < 0 && Bool.random(using: &rng) ? -x : x)
                }
            }
            let ufunc = try UFunc.named(name)
            let out = try ufunc.call([NDArray(inputs, shape: [inputs.count])], signature: "f->f")[0].toArray(Float.self)
            var worst = 0.0
            for (x, y) in zip(inputs, out) where domain.contains(Double(x)) {
                worst = max(worst, ulpError(y, exact: reference.double(Double(x), 0)))
            }
            let bound = ufunc.loops.first { $0.signature.description == "f->f" }?.maxULPError ?? 0
            table.append("\(name) f->f: \(String(format: "%.3f", worst)) ULP (stated \(bound))")
            #expect(worst <= bound, "\(name) f->f: measured \(worst) ULP > stated \(bound)")
        }
        print("float32 accuracy against float64 libm:\n  " + table.joined(separator: "\n  "))
    }

    @Test("float16 loops: every float16 input, within the stated bound")
    func float16() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try float16Body() }
    }

    private func float16Body() throws {
        let inputs = (0...UInt16.max).map { Float16(bitPattern: $0) }
        var table: [String] = []
        for (name, domain) in accuracyFunctions {
            let reference = MathReference.named(name)
            let ufunc = try UFunc.named(name)
            let out = try ufunc.call([NDArray(inputs, shape: [inputs.count])], signature: "e->e")[0].toArray(Float16.self)
            var worst = 0.0
            for (x, y) in zip(inputs, out) where domain.contains(Double(x)) {
                worst = max(worst, ulpError(Double(y), exact: Float80(reference.double(Double(x), 0)), in: .float16))
            }
            let bound = ufunc.loops.first { $0.signature.description == "e->e" }?.maxULPError ?? 0
            table.append("\(name) e->e: \(String(format: "%.3f", worst)) ULP (stated \(bound))")
            #expect(worst <= bound, "\(name) e->e: measured \(worst) ULP > stated \(bound)")
        }
        print("float16 accuracy (exhaustive):\n  " + table.joined(separator: "\n  "))
    }
}
