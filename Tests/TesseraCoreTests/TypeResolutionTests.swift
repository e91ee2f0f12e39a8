import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Type resolution, weak scalars (NEP 50), mixed-dtype buffering and the call options
/// (`dtype:`, `signature:`, `casting:`, `out:`, `where:`), against NumPy.
@Suite struct TypeResolutionTests {
    @Test func mixedDTypePairsAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        let batch = NumPyBatch()
        var pending: [(String, NDArray, NDArray, String, Int)] = []
        for name in ["add", "multiply", "divide", "maximum", "less", "floor_divide"] {
            for a in DType.allCases {
                for b in DType.allCases {
                    if name == "floor_divide" && (a.isComplex || b.isComplex) { continue }
                    // 9000 elements: more than one 8192-element buffer, so chunked casting is exercised.
                    let x = ArrayGenerators.values(a, count: 9000, seed: 1)
                    let y = ArrayGenerators.values(b, count: 9000, seed: 2)
                    let index = batch.add("np.\(name)(x0, x1)", [x, y])
                    pending.append(("\(name)(\(a), \(b))", x, y, name, index))
                }
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        try Backends.withRegistry(registry) {
            for (label, x, y, name, index) in pending {
                let reference = expected[index][0]
                do {
                    let result = try UFunc.named(name)(x, y)
                    // Within the slack where NumPy's result depends on its CPU path.
                    let slack = NumPyPathSlack.forUFunc(name, input: result.dtype)
                    if let difference = differenceFromNumPy(result, reference, slack: slack) { failures.append("\(label): \(difference)") }
                } catch {
                    if reference.error == nil { failures.append("\(label): Tessera threw \(error)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(pending.count) mismatches:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func weakScalarsFollowNEP50() throws {
        let registry = try scalarRegistry()
        let batch = NumPyBatch()
        var pending: [(String, () throws -> NDArray, Int)] = []
        let scalars: [(String, any UFuncOperand)] = [("1", 1), ("-3", -3), ("2.5", 2.5), ("True", true), ("1e300", 1e300), ("200", 200)]
        for dtype in DType.allCases {
            let x = ArrayGenerators.values(dtype, count: 10, seed: 3)
            for (text, scalar) in scalars {
                for name in ["add", "multiply", "less"] {
                    let index = batch.add("np.\(name)(x0, \(text))", [x])
                    pending.append(("\(name)(\(dtype), \(text))", { try UFunc.named(name)(x, scalar) }, index))
                }
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        Backends.withRegistry(registry) {
            for (label, compute, index) in pending {
                let reference = expected[index][0]
                do {
                    let result = try compute()
                    if let error = reference.error {
                        // NumPy 2 compares out-of-range Swift-like integers specially; we raise instead.
                        if !label.hasPrefix("less") { failures.append("\(label): NumPy raised \(error) but Tessera returned \(result.dtype)") }
                    } else if let difference = differenceFromNumPy(result, reference) {
                        failures.append("\(label): \(difference)")
                    }
                } catch {
                    if reference.error == nil && !label.hasPrefix("less") { failures.append("\(label): Tessera threw \(error)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(pending.count) mismatches:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func specExamples() throws {
        try Backends.withRegistry(scalarRegistry()) { () throws in
            let int8 = NDArray([1, 2, 3] as [Int8])
            #expect((int8 + 1).dtype == .int8)
            let float32 = NDArray([1, 2] as [Float])
            #expect((float32 * 2.0).dtype == .float32)
            #expect(throws: TesseraError.self) { try UFunc.add(NDArray([1] as [UInt8]), 300) }
            #expect(try UFunc.add(NDArray([1] as [Int64]), NDArray([1] as [UInt64])).dtype == .float64)
            #expect(try UFunc.divide(NDArray([1, 2] as [Int32]), NDArray([2, 2] as [Int32])).toArray(Double.self) == [0.5, 1])
        }
    }

    @Test func callOptions() throws {
        try Backends.withRegistry(scalarRegistry()) { () throws in
            let a = NDArray([1.5, 2.5, -3.5, 4.5])
            // dtype: computes in the requested dtype.
            #expect(try UFunc.add(a, a, dtype: .float32).dtype == .float32)
            // signature: names the loop.
            #expect(try UFunc.add(a, a, signature: "ff->f").dtype == .float32)
            #expect { try UFunc.add(a, a, signature: "qq->zz") } throws: { ($0 as? TesseraError)?.code == .invalidLoopSignature }
            // out: must accept the loop's output under `casting`.
            var intOut = NDArray.zeros([4], dtype: .int64)
            #expect(throws: TesseraError.self) { try UFunc.add(a, a, out: &intOut) }
            try UFunc.add(a, a, out: &intOut, casting: .unsafe)
            #expect(intOut.toArray(Int64.self) == [3, 5, -7, 9])
            // where: leaves out untouched where false.
            var out = NDArray([10.0, 20, 30, 40])
            try UFunc.multiply(a, 2, out: &out, where: NDArray([true, false, true, false]))
            #expect(out.toArray(Double.self) == [3, 20, -7, 40])
            // broadcasting errors name both shapes.
            do {
                _ = try UFunc.add(NDArray.zeros([2, 3]), NDArray.zeros([4]))
                Issue.record("expected a broadcast error")
            } catch let error as TesseraError {
                #expect(error.code == .shapeMismatch)
                #expect(error.message.contains("(2,3)") && error.message.contains("(4)"))
            }
            // out: of the wrong shape.
            var small = NDArray.zeros([3])
            #expect(throws: TesseraError.self) { try UFunc.add(a, a, out: &small) }
            // unknown ufunc names suggest the closest.
            do {
                _ = try UFunc.named("arctna2")
                Issue.record("expected an unknown-ufunc error")
            } catch let error as TesseraError {
                #expect(error.message.contains("arctan2"))
            }
            // A gufunc asked for as a ufunc names where it lives.
            do {
                _ = try UFunc.named("matmul")
                Issue.record("expected a gufunc error")
            } catch let error as TesseraError {
                #expect(error.message.contains("GUFunc.named(\"matmul\")"), "\(error.message)")
            }
            // No loop: bitwise ops on floats.
            #expect(throws: TesseraError.self) { try UFunc.bitwiseAnd(a, a) }
        }
    }

    @Test func boolOperandsAreRefusedWhereNumPyRefusesThem() throws {
        try Backends.withRegistry(scalarRegistry()) { () throws in
            let b = NDArray([true, false])
            for name in ["subtract", "negative", "positive", "sign", "gcd", "lcm"] {
                let ufunc = try UFunc.named(name)
                let operands: [any UFuncOperand] = ufunc.inputCount == 2 ? [b, b] : [b]
                #expect(throws: TesseraError.self, "\(name) on bool") { try ufunc.call(operands) }
            }
            // Mixed with an integer, or other ufuncs on bool, still compute (as in NumPy).
            #expect(try UFunc.subtract(b, NDArray([1, 1] as [Int8])).dtype == .int8)
            #expect(try UFunc.square(b).dtype == .int8)
        }
    }

    @Test func swiftScalarsInLogicalUFuncsAndLdexp() throws {
        try Backends.withRegistry(scalarRegistry()) { () throws in
            // NumPy: np.logical_xor(-7, np.uint8([1])) -> [False]; np.logical_and(np.float16([1]), 5e-324) -> [True]
            #expect(try UFunc.logicalXor(-7, NDArray([1] as [UInt8])).toArray(Bool.self) == [false])
            #expect(try UFunc.logicalAnd(NDArray([1] as [Float16]), 5e-324).toArray(Bool.self) == [true])
            #expect(try UFunc.logicalOr(NDArray([0, 0] as [Int8]), Double.nan).toArray(Bool.self) == [true, true])
            // NumPy: np.ldexp(np.float16([1]), 3) -> float16 [8.]
            let scaled = try UFunc.ldexp(NDArray([1] as [Float16]), 3)
            #expect(scaled.dtype == .float16)
            #expect(scaled.toArray(Double.self) == [8])
        }
    }

    /// NumPy's loop search lets a Python scalar meet a loop input of its kind or a higher
    /// one, and reads a Python bool as a strong `np.bool_`: `ldexp` with a Swift scalar on
    /// each side, against every array dtype, resolves to NumPy's dtype (or fails where it does).
    @Test func ldexpWithSwiftScalarsResolvesLikeNumPy() throws {
        let codes = ["?", "b", "B", "h", "H", "i", "I", "l", "L", "e", "f", "d"]
        let numpy = try NumPyOracle.json([String: String].self, """
            out = {}
            for c in \(codes):
                a = np.array([1, 2], dtype=c)
                for tag, f in [('4,a', lambda: np.ldexp(4, a)), ('4.0,a', lambda: np.ldexp(4.0, a)),
                               ('a,3', lambda: np.ldexp(a, 3)), ('a,True', lambda: np.ldexp(a, True))]:
                    try:
                        out[c + ' ' + tag] = f().dtype.char
                    except TypeError:
                        out[c + ' ' + tag] = 'error'
            print(json.dumps(out))
            """)
        try Backends.withRegistry(scalarRegistry()) { () throws in
            for code in codes {
                let dtype = try DType(parsing: code)
                let a = try NDArray([1, 2] as [Int8]).astype(dtype)
                let calls: [(String, () throws -> NDArray)] = [
                    ("4,a", { try UFunc.ldexp(4, a) }), ("4.0,a", { try UFunc.ldexp(4.0, a) }),
                    ("a,3", { try UFunc.ldexp(a, 3) }), ("a,True", { try UFunc.ldexp(a, true) }),
                ]
                for (tag, call) in calls {
                    let ours = (try? call()).map { String($0.dtype.character) } ?? "error"
                    #expect(ours == numpy["\(code) \(tag)"], "np.ldexp(\(tag)) with a = \(dtype)")
                }
            }
        }
    }

    @Test func inPlaceOperatorsAndOverlapMatchNumPy() throws {
        try Backends.withRegistry(scalarRegistry()) { () throws in
            var a = NDArray([1.0, 2, 3, 4, 5])
            let reversedView = a.rawView(shape: [5], strides: [-8], byteOffset: 32)
            a += reversedView  // NumPy: np.add(a, a[::-1], out=a) → [6, 6, 6, 6, 6]
            #expect(a.toArray(Double.self) == [6, 6, 6, 6, 6])
            #expect(reversedView.toArray(Double.self) == [5, 4, 3, 2, 1], "a view keeps its values after the base is written (copy-on-write)")
            var b = NDArray([1, 2, 3] as [Int32])
            let copy = b
            b *= 3
            #expect(b.toArray(Int32.self) == [3, 6, 9])
            #expect(copy.toArray(Int32.self) == [1, 2, 3])
        }
    }
}
