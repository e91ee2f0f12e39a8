import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// Maximum ULP error of every loop over ≥ 10⁶ inputs spread over its domain plus special
/// values, against float64 libm (float32 loops) or Float80 libm (float64 loops).
@Suite("SLEEF accuracy")
struct SLEEFAccuracyTests {
    static let sampleCount = 1_000_000

    @Test("max ULP ≤ the loop's stated bound, every instruction set", arguments: SLEEFFunction.all, [DType.float32, .float64])
    func accuracy(function: SLEEFFunction, dtype: DType) throws {
        let name = function.ufunc.name
        let arity = function.ufunc.inputCount
        let single = dtype == .float32
        let reference = try #require(Reference.byName[name])
        let (x, y) = SLEEFInputs.make(name, single: single, arity: arity, count: Self.sampleCount, seed: name.utf8.reduce(UInt64(single ? 1 : 2)) { $0 &* 31 &+ UInt64($1) })
        #expect(x.count >= 1_000_000)
        let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])

        // The exact values, once for every instruction set.
        var exact32: [Double] = [], exact64: [Float80] = []
        if single {
            exact32 = (0..<x.count).map { reference.single(x[$0], arity == 2 ? y[$0] : 0) }
        } else {
            exact64 = (0..<x.count).map { reference.double(Float80(x[$0]), arity == 2 ? Float80(y[$0]) : 0) }
        }
        let a = single ? NDArray(x.map { Float($0) }) : NDArray(x)
        let b = arity == 2 ? (single ? NDArray(y.map { Float($0) }) : NDArray(y)) : nil

        for isa in SLEEFRegistries.supported {
            let registry = try #require(SLEEFRegistries.byInstructionSet[isa])
            let loop = try #require(registry.loop(for: function.ufunc, signature: signature))
            #expect(loop.backend == "sleef" && loop.instructionSet == isa.rawValue)
            let bound = try #require(loop.maxULPError)
            let result = try Backends.withRegistry(registry) {
                arity == 1 ? try function.ufunc(a) : try function.ufunc(a, b!)
            }
            var worst = 0.0, worstIndex = 0
            if single {
                let values = result.toArray(Float.self)
                for i in values.indices {
                    let error = ulpError(values[i], exact: exact32[i])
                    if error > worst { worst = error; worstIndex = i }
                }
            } else {
                let values = result.toArray(Double.self)
                for i in values.indices {
                    let error = ulpError(values[i], exact: exact64[i])
                    if error > worst { worst = error; worstIndex = i }
                }
            }
            let at = arity == 1 ? "x=\(x[worstIndex])" : "x=\(x[worstIndex]), y=\(y[worstIndex])"
            print("sleef \(name) \(dtype) \(isa.rawValue): max \(String(format: "%.3f", worst)) ULP at \(at) (bound \(bound), \(x.count) inputs)")
            #expect(worst <= bound, "\(name) \(dtype) \(isa.rawValue): \(worst) ULP at \(at) exceeds \(bound)")
        }
    }
}
