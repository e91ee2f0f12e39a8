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
        let report = try Backends.withRegistry(Self.scalar) { try compareWithNumPy(cases) }
        #expect(report.lines.isEmpty, "\(report.lines.count) of \(cases.count) cases differ from NumPy:\n\(report)")
    }

    static func matmulCase(_ a: NDArray, _ b: NDArray, layouts: [OperandLayout] = [.c, .c]) -> MatrixProductCase {
        let k = a.shape.last ?? 1
        return MatrixProductCase("matmul \(a.dtype) \(a.shape)×\(b.dtype) \(b.shape) \(layouts.map(\.rawValue))", [a, b], layouts: layouts, numpy: "np.matmul(a0, a1)", reduction: k) {
            try GUFunc.matmul($0[0], $0[1])
        }
    }

    static let matmulShapes: [([Int], [Int])] = [
        ([3, 4], [4, 5]), ([1, 7], [7, 1]), ([7, 1], [1, 6]), ([2, 0], [0, 3]), ([0, 3], [3, 2]), ([3, 2], [2, 0]),
        ([5], [5, 3]), ([4, 5], [5]), ([6], [6]), ([0], [0]), ([2, 1, 3, 4], [3, 4, 2]), ([3, 3, 2], [1, 2, 4]),
        ([2, 3, 5], [5]), ([5], [4, 5, 2]), ([9, 17], [17, 33]),
    ]

    @Test(arguments: DType.allCases)
    func matmulMatchesNumPyForEveryDType(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 6 + UInt64(dtype.rawValue))
        let cases = Self.matmulShapes.map { shapes in
            Self.matmulCase(randomArray(dtype, shapes.0, &rng), randomArray(dtype, shapes.1, &rng))
        }
        try expectMatchesNumPy(cases)
    }

    @Test func matmulShapesFrom0To257() throws {
        var rng = SeededGenerator(seed: 257)
        let sizes: [(Int, Int, Int)] = [
            (0, 0, 0), (1, 1, 1), (2, 3, 4), (4, 4, 4), (5, 7, 9), (8, 8, 8), (1, 257, 1), (257, 1, 257), (1, 64, 200),
            (200, 64, 1), (33, 65, 17), (64, 256, 64), (129, 130, 131), (257, 257, 257), (3, 0, 257), (257, 300, 5),
        ]
        var cases: [MatrixProductCase] = []
        for dtype in [DType.float64, .float32] {
            for (n, k, m) in sizes {
                cases.append(Self.matmulCase(randomArray(dtype, [n, k], &rng), randomArray(dtype, [k, m], &rng)))
            }
        }
        for dtype in [DType.complex128, .int32, .float16] {
            for (n, k, m) in [(1, 65, 1), (65, 1, 63), (33, 65, 17), (64, 64, 64)] {
                cases.append(Self.matmulCase(randomArray(dtype, [n, k], &rng), randomArray(dtype, [k, m], &rng)))
            }
        }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: [DType.float64, .float32, .complex64, .complex128, .float16, .int64, .bool])
    func matmulEveryLayoutCombination(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 49 + UInt64(dtype.rawValue))
        let a = randomArray(dtype, [9, 13], &rng), b = randomArray(dtype, [13, 11], &rng)
        let batchA = randomArray(dtype, [2, 5, 6], &rng), batchB = randomArray(dtype, [1, 6, 7], &rng)
        let vector = randomArray(dtype, [13], &rng)
        var cases: [MatrixProductCase] = []
        for left in OperandLayout.allCases {
            for right in OperandLayout.allCases {
                cases.append(Self.matmulCase(a, b, layouts: [left, right]))
                cases.append(Self.matmulCase(batchA, batchB, layouts: [left, right]))
            }
            cases.append(Self.matmulCase(a, vector, layouts: [left, .strided]))
            cases.append(Self.matmulCase(vector, b, layouts: [.reversedRows, left]))
        }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: [DType.float64, .float32, .float16])
    func nanAndInfinityPropagateLikeNumPy(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 11)
        var a = randomArray(.float64, [6, 5], &rng), b = randomArray(.float64, [5, 7], &rng)
        a.setItem(Double.nan, at: [0, 0])
        a.setItem(Double.infinity, at: [2, 3])
        b.setItem(-Double.infinity, at: [1, 4])
        b.setItem(Double.infinity, at: [3, 6])
        try expectMatchesNumPy([
            Self.matmulCase(a.astype(dtype), b.astype(dtype)),
            Self.matmulCase(a.astype(dtype), b.astype(dtype), layouts: [.fortran, .reversedRows]),
        ])
    }

    @Test func matmulPromotesLikeNumPy() throws {
        var rng = SeededGenerator(seed: 3)
        let pairs: [(DType, DType)] = [(.int32, .float32), (.bool, .int8), (.uint8, .int8), (.float16, .float32), (.int64, .complex64), (.uint64, .int64), (.float32, .complex64)]
        let cases = pairs.map { Self.matmulCase(randomArray($0.0, [3, 4], &rng), randomArray($0.1, [4, 2], &rng)) }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: DType.allCases)
    func vectorProductsMatchNumPy(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 99 + UInt64(dtype.rawValue))
        func product(_ name: String, _ gufunc: GUFunc, _ a: [Int], _ b: [Int], _ k: Int, layouts: [OperandLayout] = [.c, .c]) -> MatrixProductCase {
            MatrixProductCase("\(name) \(dtype) \(a)·\(b) \(layouts.map(\.rawValue))", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: layouts, numpy: "np.\(name)(a0, a1)", reduction: k) {
                try gufunc($0[0], $0[1])
            }
        }
        let cases = [
            product("vecdot", .vecdot, [5], [5], 5), product("vecdot", .vecdot, [3, 5], [5], 5), product("vecdot", .vecdot, [2, 1, 5], [4, 5], 5),
            product("vecdot", .vecdot, [0], [0], 0), product("vecdot", .vecdot, [4, 7], [4, 7], 7, layouts: [.fortran, .reversedColumns]),
            product("matvec", .matvec, [3, 5], [5], 5), product("matvec", .matvec, [2, 3, 5], [5], 5), product("matvec", .matvec, [3, 5], [4, 5], 5),
            product("matvec", .matvec, [6, 5], [5], 5, layouts: [.fortran, .strided]), product("matvec", .matvec, [3, 0], [0], 0),
            product("vecmat", .vecmat, [5], [5, 3], 5), product("vecmat", .vecmat, [4, 5], [5, 3], 5), product("vecmat", .vecmat, [5], [2, 5, 3], 5),
            product("vecmat", .vecmat, [5], [5, 6], 5, layouts: [.reversedRows, .fortranPadded]),
        ]
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: [DType.float64, .int32, .complex64, .bool])
    func dotInnerOuterTensordotMatchNumPy(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 7 + UInt64(dtype.rawValue))
        func make(_ name: String, _ numpy: String, _ a: [Int], _ b: [Int], _ k: Int, _ call: @escaping (NDArray, NDArray) throws -> NDArray) -> MatrixProductCase {
            MatrixProductCase("\(name) \(dtype) \(a)·\(b)", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: [.fortran, .strided], numpy: numpy, reduction: k) {
                try call($0[0], $0[1])
            }
        }
        let cases = [
            make("dot", "np.dot(a0, a1)", [3], [3], 3, NDArray.dot), make("dot", "np.dot(a0, a1)", [2, 3], [3], 3, NDArray.dot),
            make("dot", "np.dot(a0, a1)", [3], [3, 4], 3, NDArray.dot), make("dot", "np.dot(a0, a1)", [2, 3], [3, 4], 3, NDArray.dot),
            make("dot", "np.dot(a0, a1)", [2, 3, 4], [4], 4, NDArray.dot), make("dot", "np.dot(a0, a1)", [2, 3, 4], [5, 4, 6], 4, NDArray.dot),
            make("dot", "np.dot(a0, a1)", [], [3, 4], 1, NDArray.dot), make("dot", "np.dot(a0, a1)", [2, 0], [0, 3], 0, NDArray.dot),
            make("inner", "np.inner(a0, a1)", [2, 3], [4, 3], 3, NDArray.inner), make("inner", "np.inner(a0, a1)", [3], [3], 3, NDArray.inner),
            make("inner", "np.inner(a0, a1)", [2, 5, 3], [3], 3, NDArray.inner), make("inner", "np.inner(a0, a1)", [4], [], 1, NDArray.inner),
            make("outer", "np.outer(a0, a1)", [3], [4], 1, NDArray.outer), make("outer", "np.outer(a0, a1)", [2, 2], [3], 1, NDArray.outer),
            make("tensordot", "np.tensordot(a0, a1)", [3, 4, 5], [4, 5, 6], 20) { try NDArray.tensordot($0, $1, axes: 2) },
            make("tensordot", "np.tensordot(a0, a1, axes=0)", [2, 3], [4], 1) { try NDArray.tensordot($0, $1, axes: 0) },
            make("tensordot", "np.tensordot(a0, a1, axes=([1,0],[1,2]))", [3, 4, 5], [5, 4, 3], 12) { try NDArray.tensordot($0, $1, axes: ([1, 0], [1, 2])) },
        ]
        try expectMatchesNumPy(cases)
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
        let report = try Backends.withRegistry(Self.scalar) { try compareWithNumPy(cases) }
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
