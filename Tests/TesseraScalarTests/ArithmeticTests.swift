import Foundation
import Testing
import Tessera
import _TesseraTestSupport

// The scalar backend's arithmetic loops against NumPy on the same inputs. Each loop gets
// every pair of its dtype's special values — zeros of both signs, ±1, ±inf, NaN,
// subnormals, the largest finite values, integer extremes, so that overflow, division by
// zero and `min // -1` all occur — followed by random pairs from `ArrayGenerators`.
// Results must equal NumPy's bitwise (any NaN equals any NaN); the one inexact family,
// float `power`, must stay within the loop's stated bound plus NumPy's own (its SIMD
// `power` promises ≤ 4 ULP). Complex `multiply` is left out: Tessera rounds each product
// (no FMA) on every CPU, while NumPy's result depends on whether its CPU fuses them.

let arithmeticUFuncNames = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power"]

/// Special operands for an integer dtype, as 64-bit patterns that `astype` wraps to the
/// dtype: small values of both signs, and the extremes with their neighbours.
func arithmeticIntegerSpecials(_ dtype: DType) -> [Int64] {
    let bits = dtype.itemSize * 8
    var values: [Int64] = [0, 1, 2, 3, 7, 100]
    if dtype.isSignedInteger {
        let max = Int64.max >> (64 - bits), min = Int64.min >> (64 - bits)
        values += [-1, -2, -3, -7, -100, max, max - 1, min, min + 1]
    } else {
        let max = Int64(bitPattern: UInt64.max >> (64 - bits))
        values += [max, Int64(bitPattern: UInt64(bitPattern: max) - 1), Int64(bitPattern: UInt64(bitPattern: max) / 2 + 1)]
    }
    return values
}

/// Special operands for a float dtype: the shared list plus values whose sums, products
/// and quotients overflow or round at the edge of the dtype.
func arithmeticFloatSpecials(_ dtype: DType) -> [Double] {
    ArrayGenerators.specialDoubles(for: dtype) + [0.1, -0.1, 1.0 / 3, 7, -0.75, 1e10, -1e-10, 65504, 2048, 4097]
}

/// Every ordered pair of `specials`, then `randomCount` random pairs: two input columns.
func arithmeticPairs(_ dtype: DType, randomCount: Int, seed: UInt64) -> (NDArray, NDArray) {
    let left = ArrayGenerators.values(dtype, count: randomCount, seed: seed)
    let right = ArrayGenerators.values(dtype, count: randomCount, seed: seed &+ 1)
    if dtype.isInteger || dtype == .bool {
        let specials = dtype == .bool ? [0, 1] : arithmeticIntegerSpecials(dtype)
        let a = specials.flatMap { x in specials.map { _ in x } } + left.astype(.int64).toArray(Int64.self)
        let b = specials.flatMap { _ in specials } + right.astype(.int64).toArray(Int64.self)
        return (NDArray(a).astype(dtype), NDArray(b).astype(dtype))
    }
    if dtype.isFloatingPoint {
        let specials = arithmeticFloatSpecials(dtype)
        let a = specials.flatMap { x in specials.map { _ in x } } + left.astype(.float64).toArray(Double.self)
        let b = specials.flatMap { _ in specials } + right.astype(.float64).toArray(Double.self)
        return (NDArray(a).astype(dtype), NDArray(b).astype(dtype))
    }
    // Complex: every combination of special real and imaginary parts, against the same
    // values in a shuffled order, then random pairs.
    var rng = SeededGenerator(seed: seed)
    let parts = ArrayGenerators.specialDoubles(for: dtype == .complex64 ? .float32 : .float64)
    let grid = parts.flatMap { re in parts.map { im in Complex(re, im) } }
    let a = grid + left.astype(.complex128).toArray(Complex<Double>.self)
    let b = grid.shuffled(using: &rng) + right.astype(.complex128).toArray(Complex<Double>.self)
    return (NDArray(a).astype(dtype), NDArray(b).astype(dtype))
}

@Suite("Arithmetic ufuncs against NumPy")
struct ArithmeticTests {
    @Test("every arithmetic ufunc registers exactly NumPy's signatures")
    func signaturesMatchNumPy() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") {
            let numpy = try NumPyOracle.loopTypes(arithmeticUFuncNames)
            for name in arithmeticUFuncNames {
                let ufunc = try UFunc.named(name)
                let expected = try #require(numpy[name], "NumPy has no ufunc \(name)")
                #expect(Set(ufunc.types) == Set(expected), "\(name): ours \(ufunc.types), NumPy \(expected)")
                #expect(ufunc.loops.allSatisfy { $0.backend == "scalar" }, "\(name): \(ufunc.loops)")
            }
        }
    }

    @Test("every arithmetic loop agrees with NumPy on special and random operands", arguments: arithmeticUFuncNames)
    func loopsAgreeWithNumPy(name: String) throws {
        try Backends.withBackends("scalar") {
            let ufunc = try UFunc.named(name)
            let batch = NumPyBatch()
            var checks: [(signature: String, result: NDArray, bound: Double?)] = []
            for loop in ufunc.loops {
                let signature = loop.signature.description
                let dtype = loop.signature.inputs[0]
                if name == "multiply" && dtype.isComplex { continue }
                #expect(loop.signature.inputs.allSatisfy { $0 == dtype } && loop.signature.outputs.count == 1, "\(name) \(signature)")
                let (a, b) = arithmeticPairs(dtype, randomCount: 3000, seed: UInt64(checks.count + 1) &* 0x51ED)
                let result = try ufunc.call([a, b], signature: signature)[0]
                if name == "power" && dtype.isSignedInteger {
                    // NumPy raises for a negative integer exponent; Tessera's loops cannot
                    // throw and give 0 there (documented in `UFunc.power`). NumPy computes
                    // the other elements.
                    batch.add("np.power(x0, np.maximum(x1, 0), signature='\(signature)') * (x1 >= 0)", [a, b])
                } else {
                    batch.add("np.\(name)(x0, x1, signature='\(signature)')", [a, b])
                }
                checks.append((signature, result, loop.maxULPError))
            }
            #expect(!checks.isEmpty, "\(name) has no loops")
            let outputs = try batch.run()
            for (check, output) in zip(checks, outputs) {
                let expected = try #require(output.first)
                let code = try #require(check.signature.last)
                if let bound = check.bound, "efd".contains(code) {
                    // Float power: within the stated bound of both libraries.
                    #expect(expected.error == nil, "\(name) \(check.signature): NumPy raised \(expected.error ?? "")")
                    let tolerance = bound + numpyULPBound
                    let (worst, bad) = compareMath(mathBytes(check.result, code), expected.bytes, code: code, exact: false, tolerance: tolerance)
                    #expect(bad == nil, "\(name) \(check.signature): element \(bad ?? -1) is \(worst) ULP from NumPy (tolerance \(tolerance))")
                } else {
                    let difference = differenceFromNumPy(check.result, expected)
                    #expect(difference == nil, "\(name) \(check.signature): \(difference ?? "")")
                }
            }
        }
    }

    @Test("calls without a signature pick NumPy's loop and result dtype", arguments: arithmeticUFuncNames)
    func typeResolutionMatchesNumPy(name: String) throws {
        // `divide` of integers runs in float64 (inf and NaN for a zero divisor); every other
        // ufunc keeps the operands' dtype.
        try Backends.withBackends("scalar") {
            let ufunc = try UFunc.named(name)
            let batch = NumPyBatch()
            var results: [(dtype: DType, result: NDArray)] = []
            for dtype in DType.allCases where dtype.isInteger || dtype.isFloatingPoint {
                var (a, b) = arithmeticPairs(dtype, randomCount: 200, seed: 0xA417 &+ UInt64(results.count))
                if name == "power" && dtype.isSignedInteger {
                    // NumPy raises for negative integer exponents; the loop test covers them.
                    b = NDArray(b.astype(.int64).toArray(Int64.self).map { Swift.max($0, 0) }).astype(dtype)
                }
                results.append((dtype, try ufunc(a, b)))
                batch.add("np.\(name)(x0, x1)", [a, b])
            }
            for (check, output) in zip(results, try batch.run()) {
                let expected = try #require(output.first)
                if name == "power" && check.dtype.isFloatingPoint {
                    // Inexact: within the loop's stated bound plus NumPy's own.
                    #expect(check.result.dtype.typeString == expected.dtype, "\(name) \(check.dtype): \(check.result.dtype) vs NumPy \(expected.dtype)")
                    let loop = try #require(ufunc.loops.first { $0.signature.inputs[0] == check.dtype })
                    let tolerance = (loop.maxULPError ?? 0) + numpyULPBound
                    let (worst, bad) = compareMath(mathBytes(check.result, check.dtype.character), expected.bytes, code: check.dtype.character, exact: false, tolerance: tolerance)
                    #expect(bad == nil, "\(name) on \(check.dtype): element \(bad ?? -1) is \(worst) ULP from NumPy (tolerance \(tolerance))")
                    continue
                }
                let difference = differenceFromNumPy(check.result, expected)
                #expect(difference == nil, "\(name) on \(check.dtype): \(difference ?? "")")
            }
        }
    }

    @Test("integer arithmetic never traps: it wraps, and division by zero gives 0", arguments: [DType.int8, .int16, .int32, .int64])
    func signedIntegerEdgeCases(dtype: DType) throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try signedIntegerEdgeCasesBody(dtype: dtype) }
    }

    private func signedIntegerEdgeCasesBody(dtype: DType) throws {
        let bits = dtype.itemSize * 8
        let max = Int64.max >> (64 - bits), min = Int64.min >> (64 - bits)
        func run(_ name: String, _ a: [Int64], _ b: [Int64]) throws -> [Int64] {
            let result = try UFunc.named(name)(NDArray(a).astype(dtype), NDArray(b).astype(dtype))
            #expect(result.dtype == dtype, "\(name) on \(dtype) gave \(result.dtype)")
            return result.astype(.int64).toArray(Int64.self)
        }
        #expect(try run("add", [max, min], [1, -1]) == [min, max])
        #expect(try run("subtract", [min, max], [1, -1]) == [max, min])
        #expect(try run("multiply", [max, min, min], [2, -1, 2]) == [-2, min, 0])
        #expect(try run("floor_divide", [7, -7, 0, min, max], [0, 0, 0, 0, 0]) == [0, 0, 0, 0, 0])
        #expect(try run("remainder", [7, -7, 0, min, max], [0, 0, 0, 0, 0]) == [0, 0, 0, 0, 0])
        // min // -1 overflows: NumPy wraps to min (with a warning), and min % -1 is 0.
        #expect(try run("floor_divide", [min, 7, -7], [-1, -2, 2]) == [min, -4, -4])
        #expect(try run("remainder", [min, 7, -7], [-1, -2, 2]) == [0, -1, 1])
        // Negative integer exponents give 0 (NumPy raises instead); the rest wraps.
        #expect(try run("power", [2, 3, -1, 1], [Int64(bits), -1, -1, -5]) == [0, 0, 0, 0])
    }

    @Test("unsigned arithmetic wraps modulo 2^bits; division by zero gives 0", arguments: [DType.uint8, .uint16, .uint32, .uint64])
    func unsignedIntegerEdgeCases(dtype: DType) throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try unsignedIntegerEdgeCasesBody(dtype: dtype) }
    }

    private func unsignedIntegerEdgeCasesBody(dtype: DType) throws {
        let max = UInt64.max >> (64 - dtype.itemSize * 8)
        func run(_ name: String, _ a: [UInt64], _ b: [UInt64]) throws -> [UInt64] {
            let result = try UFunc.named(name)(NDArray(a).astype(dtype), NDArray(b).astype(dtype))
            #expect(result.dtype == dtype, "\(name) on \(dtype) gave \(result.dtype)")
            return result.astype(.uint64).toArray(UInt64.self)
        }
        #expect(try run("add", [max], [1]) == [0])
        #expect(try run("subtract", [0], [1]) == [max])
        #expect(try run("multiply", [max], [max]) == [1])
        #expect(try run("floor_divide", [7, 0, max], [0, 0, 0]) == [0, 0, 0])
        #expect(try run("remainder", [7, 0, max], [0, 0, 0]) == [0, 0, 0])
    }

    @Test("floats: NaN, ±inf and −0.0 as IEEE 754 and NumPy's floor_divide/remainder", arguments: [DType.float16, .float32, .float64])
    func floatSpecialValues(dtype: DType) throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try floatSpecialValuesBody(dtype: dtype) }
    }

    private func floatSpecialValuesBody(dtype: DType) throws {
        func run(_ name: String, _ a: [Double], _ b: [Double]) throws -> [Double] {
            let result = try UFunc.named(name)(NDArray(a).astype(dtype), NDArray(b).astype(dtype))
            #expect(result.dtype == dtype, "\(name) on \(dtype) gave \(result.dtype)")
            return result.astype(.float64).toArray(Double.self)
        }
        func same(_ ours: [Double], _ expected: [Double]) -> Bool {
            ours.count == expected.count && zip(ours, expected).allSatisfy { x, y in
                (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
            }
        }
        let inf = Double.infinity, nan = Double.nan
        var r = try run("add", [-0.0, -0.0, inf, inf], [-0.0, 0.0, -inf, 1])
        #expect(same(r, [-0.0, 0.0, nan, inf]), "add: \(r)")
        r = try run("subtract", [0.0, -0.0, inf], [0.0, 0.0, inf])
        #expect(same(r, [0.0, -0.0, nan]), "subtract: \(r)")
        r = try run("multiply", [-0.0, inf, -inf, nan], [1, 0, -2, 0])
        #expect(same(r, [-0.0, nan, inf, nan]), "multiply: \(r)")
        r = try run("divide", [1, 1, 0, -1, inf], [0.0, -0.0, 0, inf, inf])
        #expect(same(r, [inf, -inf, nan, -0.0, nan]), "divide: \(r)")
        r = try run("floor_divide", [1, -1, 0, -0.0, 7, -7, nan], [0, 0, 0, 1, 2, 2, 1])
        #expect(same(r, [inf, -inf, nan, -0.0, 3, -4, nan]), "floor_divide: \(r)")
        // The remainder takes the divisor's sign, zeros included (Python's %).
        r = try run("remainder", [1, -1, inf, -0.0, 1, 7, -7], [0, inf, 1, 1, -1, -2, 2])
        #expect(same(r, [nan, inf, nan, 0.0, -0.0, -1, 1]), "remainder: \(r)")
        r = try run("power", [0, -0.0, nan, 1, -8], [0, -1, 0, nan, 0.5])
        #expect(same(r, [1, -inf, 1, 1, nan]), "power: \(r)")
    }
}
