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
        let reference = try #require(MathReference.byName[name])
        let (x, y) = SLEEFInputs.make(name, single: single, arity: arity, count: Self.sampleCount, seed: name.utf8.reduce(UInt64(single ? 1 : 2)) { $0 &* 31 &+ UInt64($1) })
        #expect(x.count >= 1_000_000)
        let signature = LoopSignature(inputs: Array(repeating: dtype, count: arity), outputs: [dtype])

        // The exact values, once for every instruction set.
        var exact32: [Double] = [], exact64: [Float80] = []
        if single {
            exact32 = (0..<x.count).map { reference.double(x[$0], arity == 2 ? y[$0] : 0) }
        } else {
            exact64 = (0..<x.count).map { reference.longDouble(Float80(x[$0]), arity == 2 ? Float80(y[$0]) : 0) }
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

    /// sqrt is correctly rounded, as in NumPy and the scalar backend: bitwise equal to
    /// `squareRoot()` (SLEEF's u05 iteration was not, for float64 at SSE2).
    @Test("sqrt is correctly rounded, every instruction set", arguments: [DType.float32, .float64])
    func sqrtCorrectlyRounded(dtype: DType) throws {
        var generator = SplitMix(seed: 0x5127)
        var x = (0..<1_000_000).map { _ in 0.01 + 99.99 * Double(generator.next() >> 11) * 0x1p-53 }
        x += (0..<200_000).map { _ in Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) }  // any positive finite value
        let signature = LoopSignature(inputs: [dtype], outputs: [dtype])
        for isa in SLEEFRegistries.supported {
            let registry = try #require(SLEEFRegistries.byInstructionSet[isa])
            let loop = try #require(registry.loop(for: .sqrt, signature: signature))
            #expect(loop.backend == "sleef")
            if dtype == .float32 {
                let input = x.map { Float($0) }
                let result = try Backends.withRegistry(registry) { try UFunc.sqrt(NDArray(input)) }.toArray(Float.self)
                let wrong = input.indices.filter { result[$0].bitPattern != input[$0].squareRoot().bitPattern }
                #expect(wrong.isEmpty, "float32 \(isa.rawValue): \(wrong.count) results differ, e.g. sqrt(\(wrong.first.map { input[$0] } ?? 0))")
            } else {
                let result = try Backends.withRegistry(registry) { try UFunc.sqrt(NDArray(x)) }.toArray(Double.self)
                let wrong = x.indices.filter { result[$0].bitPattern != x[$0].squareRoot().bitPattern }
                #expect(wrong.isEmpty, "float64 \(isa.rawValue): \(wrong.count) results differ, e.g. sqrt(\(wrong.first.map { x[$0] } ?? 0))")
            }
        }
    }
}

/// SplitMix64, for reproducible test inputs.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
