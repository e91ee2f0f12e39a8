import ComplexModule
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// The gufunc machinery and the scalar matrix-product loops, against NumPy.
@Suite struct MatmulTests {
    /// A configuration with the scalar backend only, whatever `TESSERA_BACKEND` says.
    static let scalar: LoopRegistry = {
        let registry = LoopRegistry()
        do { try ScalarBackend().install(into: registry) } catch { fatalError("\(error)") }
        return registry
    }()

    func expectMatchesNumPy(_ cases: [MatrixProductCase]) throws {
        let report = try MatmulChecker(registry: Self.scalar).mismatches(cases)
        #expect(report.lines.isEmpty, "\(report.lines.count) of \(cases.count) cases differ from NumPy:\n\(report)")
    }

    @Test(arguments: DType.allCases)
    func matmulMatchesNumPyForEveryDType(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.stacked(dtype, seed: 6 + UInt64(dtype.rawValue)))
    }

    @Test func matmulShapesFrom0To257() throws {
        var cases = MatmulCases.sizes(.float64, MatmulCases.allSizes, seed: 257) + MatmulCases.sizes(.float32, MatmulCases.allSizes, seed: 258)
        for dtype in [DType.complex128, .int32, .float16] {
            cases += MatmulCases.sizes(dtype, MatmulCases.fewSizes, seed: 259 + UInt64(dtype.rawValue))
        }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: [DType.float64, .float32, .complex64, .complex128, .float16, .int64, .bool])
    func matmulEveryLayoutCombination(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.everyLayoutCombination(dtype, seed: 49 + UInt64(dtype.rawValue)))
    }

    @Test(arguments: [DType.float64, .float32, .float16])
    func nanAndInfinityPropagateLikeNumPy(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.nanAndInfinity(dtype, seed: 11))
    }

    @Test func matmulPromotesLikeNumPy() throws {
        var rng = SeededGenerator(seed: 3)
        let pairs: [(DType, DType)] = [(.int32, .float32), (.bool, .int8), (.uint8, .int8), (.float16, .float32), (.int64, .complex64), (.uint64, .int64), (.float32, .complex64)]
        let cases = pairs.map { MatmulCases.matmul(randomArray($0.0, [3, 4], &rng), randomArray($0.1, [4, 2], &rng)) }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: DType.allCases)
    func vectorProductsMatchNumPy(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.vectorProducts(dtype, seed: 99 + UInt64(dtype.rawValue)))
    }

    @Test(arguments: [DType.float64, .int32, .complex64, .bool])
    func dotInnerOuterTensordotMatchNumPy(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.dotInnerOuterTensordot(dtype, seed: 7 + UInt64(dtype.rawValue), layouts: [.fortran, .strided]))
    }

    @Test func shapeErrorsNameBothShapes() {
        Backends.withRegistry(Self.scalar) {
            let a = NDArray.zeros([2, 3]), b = NDArray.zeros([4, 5]), scalar = NDArray(scalar: 2.0)
            let batchA = NDArray.zeros([2, 3, 4]), batchB = NDArray.zeros([3, 4, 2])
            func message(_ body: () throws -> NDArray) -> String {
                do {
                    _ = try body()
                    return "no error"
                } catch let error as TesseraError {
                    #expect(error.code == .shapeMismatch)
                    return error.message
                } catch {
                    return "\(error)"
                }
            }
            let mismatch = message { try GUFunc.matmul(a, b) }
            #expect(mismatch.contains("(2,3)") && mismatch.contains("(4,5)") && mismatch.contains("core dimension"), "\(mismatch)")
            let zeroD = message { try GUFunc.matmul(scalar, a) }
            #expect(zeroD.contains("does not have enough dimensions") && zeroD.contains("()") && zeroD.contains("(2,3)"), "\(zeroD)")
            let batch = message { try GUFunc.matmul(batchA, batchB) }
            #expect(batch.contains("(2,3,4)") && batch.contains("(3,4,2)") && batch.contains("broadcast"), "\(batch)")
            let dot = message { try NDArray.dot(a, b) }
            #expect(dot == "shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)", "\(dot)")
            let inner = message { try NDArray.inner(a, b) }
            #expect(inner.contains("(2,3)") && inner.contains("(4,5)"), "\(inner)")
            let tensordot = message { try NDArray.tensordot(a, b, axes: 1) }
            #expect(tensordot.contains("(2,3)") && tensordot.contains("(4,5)"), "\(tensordot)")
            let vecdot = message { try GUFunc.vecdot(NDArray.zeros([3]), NDArray.zeros([4])) }
            #expect(vecdot.contains("(3,)") && vecdot.contains("(4,)"), "\(vecdot)")
        }
    }

    /// The comparison itself: a result off by far less than NumPy's own differences would
    /// be, or an integer off by one, must be reported.
    @Test func oracleReportsWrongResults() throws {
        var rng = SeededGenerator(seed: 1)
        let a = randomArray(.float64, [4, 13], &rng), b = randomArray(.float64, [13, 3], &rng)
        let i = randomArray(.int32, [4, 13], &rng), j = randomArray(.int32, [13, 3], &rng)
        let cases = [
            MatrixProductCase("float64 off by 1e-9", [a, b], numpy: "np.matmul(a0, a1) + 1e-9", reduction: 13) { try GUFunc.matmul($0[0], $0[1]) },
            MatrixProductCase("int32 off by one", [i, j], numpy: "np.matmul(a0, a1) + np.int32(1)", reduction: 13) { try GUFunc.matmul($0[0], $0[1]) },
            MatrixProductCase("wrong shape", [a, b], numpy: "np.matmul(a0, a1).T", reduction: 13) { try GUFunc.matmul($0[0], $0[1]) },
        ]
        let report = try MatmulChecker(registry: Self.scalar).mismatches(cases)
        #expect(report.lines.count == 3, "\(report)")
    }

    @Test func coreSignatureParsing() throws {
        let signature = try CoreSignature("(n?,k),(k,m?)->(n?,m?)")
        #expect(signature.description == "(n?,k),(k,m?)->(n?,m?)")
        #expect(signature.dimensionNames == ["n", "k", "m"])
        #expect(signature.coreAxisCount == 6)
        #expect(signature.inputs[0][0].isOptional && !signature.inputs[0][1].isOptional)
        let scalarOut = try CoreSignature("(n), (n) -> ()")
        #expect(scalarOut.outputs == [[]] && scalarOut.description == "(n),(n)->()")
        for bad in ["(n),(n)", "(n)->(m)", "(n?),(n)->()", "(1n)->()", "(n)(n)->()", "(n),->()"] {
            #expect(throws: TesseraError.self, "\(bad)") { try CoreSignature(bad) }
        }
        #expect(try GUFunc.named("matmul") === GUFunc.matmul)
        #expect(throws: TesseraError.self) { try GUFunc.named("matmult") }
    }

    @Test func scalarLoopsCoverEveryDType() {
        for gufunc in [GUFunc.matmul, .vecdot, .matvec, .vecmat] {
            let loops = Self.scalar.loops(for: gufunc)
            #expect(loops.map(\.signature.description) == DType.allCases.map { "\($0.character)\($0.character)->\($0.character)" })
            #expect(loops.allSatisfy { $0.backend == "scalar" })
        }
    }

    /// The core-loop contract: outer strides, then core strides, then core sizes.
    @Test func coreLoopReceivesStridesAndSizes() throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        let recorder: InnerLoopFunction = { _, count, steps, data in
            let record = data!.assumingMemoryBound(to: Int.self)
            record[0] = count
            for i in 0..<12 { record[1 + i] = steps![i] }
        }
        let record = UnsafeMutablePointer<Int>.allocate(capacity: 13)
        defer { record.deallocate() }
        try registry.replaceLoop(for: GUFunc.matmul, signature: LoopSignature("dd->d"), with: InnerLoop(signature: LoopSignature("dd->d"), function: recorder, data: UnsafeMutableRawPointer(record), backend: "test"))
        let a = laidOut(NDArray.zeros([4, 2, 3]), .fortran), b = NDArray.zeros([3, 5])
        let c = try Backends.withRegistry(registry) { try GUFunc.matmul(a, b) }
        #expect(c.shape == [4, 2, 5])
        // count 4; outer strides a, b (broadcast: 0), c; core strides a_n a_k b_k b_m c_n c_m; sizes n k m.
        #expect(Array(UnsafeBufferPointer(start: record, count: 13)) == [4, a.strides[0], 0, 80, 8, 16, 40, 8, 40, 8, 2, 3, 5])
        // A vector operand reaches the loop as a 1×k matrix (size 1, stride 0).
        _ = try Backends.withRegistry(registry) { try GUFunc.matmul(NDArray.zeros([3]), b) }
        #expect(Array(UnsafeBufferPointer(start: record + 1, count: 12)) == [0, 0, 0, 0, 8, 40, 8, 0, 8, 1, 3, 5])
    }

    @Test func freeFunctionsMatchThrowingForms() throws {
        let a = NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2])
        let d = Backends.withRegistry(Self.scalar) { matmul(a, a.permutedAxesView([1, 0])) }
        #expect(d.toArray(Double.self) == [5, 11, 11, 25])
        let v = NDArray([1.0, 1.0])
        #expect(Backends.withRegistry(Self.scalar) { dot(v, v) }.item(Double.self) == 2)
        #expect(Backends.withRegistry(Self.scalar) { vecdot(a, v) }.toArray(Double.self) == [3, 7])
        #expect(Backends.withRegistry(Self.scalar) { matvec(a, v) }.toArray(Double.self) == [3, 7])
        #expect(Backends.withRegistry(Self.scalar) { vecmat(v, a) }.toArray(Double.self) == [4, 6])
        #expect(Backends.withRegistry(Self.scalar) { outer(v, v) }.shape == [2, 2])
        #expect(Backends.withRegistry(Self.scalar) { inner(a, a) }.toArray(Double.self) == [5, 11, 11, 25])
        #expect(Backends.withRegistry(Self.scalar) { tensordot(a, a, axes: 2) }.item(Double.self) == 30)
    }
}
