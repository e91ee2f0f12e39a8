import ComplexModule
import Testing
@testable import TesseraCore
@testable import TesseraOpenBLAS
import TesseraScalar
import _TesseraTestSupport

/// The OpenBLAS loops against NumPy, in a configuration of scalar + OpenBLAS.
@Suite struct OpenBLASMatmulTests {
    static var openBLAS: LoopRegistry { scalarAndOpenBLAS }

    static let blasTypes: [DType] = [.float32, .float64, .complex64, .complex128]

    func expectMatchesNumPy(_ cases: [MatrixProductCase]) throws {
        let report = try Backends.withRegistry(Self.openBLAS) { try compareWithNumPy(cases) }
        #expect(report.lines.isEmpty, "\(report.lines.count) of \(cases.count) cases differ from NumPy:\n\(report)")
    }

    static func matmulCase(_ a: NDArray, _ b: NDArray, layouts: [OperandLayout] = [.c, .c]) -> MatrixProductCase {
        MatrixProductCase("matmul \(a.dtype) \(a.shape)×\(b.shape) \(layouts.map(\.rawValue))", [a, b], layouts: layouts, numpy: "np.matmul(a0, a1)", reduction: a.shape.last ?? 1) {
            try GUFunc.matmul($0[0], $0[1])
        }
    }

    @Test func probeAndRuntimeReport() {
        #expect(OpenBLASBackend().probe() == .available)
        let info = Dictionary(uniqueKeysWithValues: OpenBLASBackend().runtimeInfo().map { ($0.key, $0.value) })
        #expect(info["version"]?.hasPrefix("OpenBLAS ") == true, "\(info)")
        #expect(info["core"]?.isEmpty == false)
        #expect(info["threads"].flatMap { Int($0.prefix { $0.isNumber }) }.map { $0 >= 1 } == true, "\(info)")
        #expect(info["library"]?.contains("openblas") == true, "\(info)")
    }

    @Test func missingLibraryIsReportedWithThePackageToInstall() {
        guard case .failure(let error) = OpenBLASLibrary.load(soname: "libopenblas-missing.so.0") else {
            Issue.record("a missing library loaded")
            return
        }
        #expect(error.reason.contains("libopenblas-missing.so.0") && error.reason.contains("libopenblas0") && error.reason.contains("libopenblas-dev"), "\(error.reason)")
    }

    @Test func loopsAreReplacedForBLASTypesOnly() {
        for gufunc in [GUFunc.matmul, .vecdot, .matvec, .vecmat] {
            for loop in Self.openBLAS.loops(for: gufunc) {
                let code = loop.signature.inputs[0].character
                #expect(loop.backend == ("fdFD".contains(code) ? "openblas" : "scalar"), "\(gufunc.name) \(loop)")
            }
        }
    }

    @Test(arguments: blasTypes)
    func matmulShapesFrom0To257(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 600 + UInt64(dtype.rawValue))
        let sizes: [(Int, Int, Int)] = [
            (0, 0, 0), (1, 1, 1), (2, 3, 4), (5, 7, 9), (1, 257, 1), (257, 1, 257), (1, 64, 200), (200, 64, 1),
            (33, 65, 17), (64, 64, 64), (129, 130, 131), (257, 257, 257), (3, 0, 257), (0, 4, 4),
        ]
        var cases = sizes.map { n, k, m in Self.matmulCase(randomArray(dtype, [n, k], &rng), randomArray(dtype, [k, m], &rng)) }
        let vectorShapes: [([Int], [Int])] = [([4, 33, 17], [17, 9]), ([3, 2, 8, 5], [5, 6]), ([5], [5, 3]), ([4, 5], [5]), ([6], [6]), ([0], [0]), ([2, 1, 3, 4], [3, 4, 2]), ([3, 3, 2], [1, 2, 4]), ([2, 3, 5], [5]), ([5], [4, 5, 2])]
        cases += vectorShapes.map { Self.matmulCase(randomArray(dtype, $0.0, &rng), randomArray(dtype, $0.1, &rng)) }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: blasTypes)
    func matmulEveryLayoutCombination(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 700 + UInt64(dtype.rawValue))
        let a = randomArray(dtype, [9, 13], &rng), b = randomArray(dtype, [13, 11], &rng)
        let batchA = randomArray(dtype, [2, 5, 6], &rng), batchB = randomArray(dtype, [1, 6, 7], &rng)
        let vector = randomArray(dtype, [13], &rng)
        var cases: [MatrixProductCase] = []
        for left in OperandLayout.allCases {
            for right in OperandLayout.allCases {
                cases.append(Self.matmulCase(a, b, layouts: [left, right]))
                cases.append(Self.matmulCase(batchA, batchB, layouts: [left, right]))
            }
            for vectorLayout in [OperandLayout.c, .strided, .reversedRows] {
                cases.append(Self.matmulCase(a, vector, layouts: [left, vectorLayout]))
                cases.append(Self.matmulCase(vector, b, layouts: [vectorLayout, left]))
            }
        }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: blasTypes)
    func vectorProductsMatchNumPy(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 800 + UInt64(dtype.rawValue))
        func product(_ name: String, _ gufunc: GUFunc, _ a: [Int], _ b: [Int], _ k: Int, layouts: [OperandLayout] = [.c, .c]) -> MatrixProductCase {
            MatrixProductCase("\(name) \(dtype) \(a)·\(b) \(layouts.map(\.rawValue))", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: layouts, numpy: "np.\(name)(a0, a1)", reduction: k) {
                try gufunc($0[0], $0[1])
            }
        }
        var cases: [MatrixProductCase] = []
        for layouts in [[OperandLayout.c, .c], [.fortran, .strided], [.reversedColumns, .reversedRows], [.fortranPadded, .paddedRows]] {
            cases += [
                product("vecdot", .vecdot, [5], [5], 5, layouts: layouts), product("vecdot", .vecdot, [2, 1, 5], [4, 5], 5, layouts: layouts),
                product("vecdot", .vecdot, [0], [0], 0, layouts: layouts),
                product("matvec", .matvec, [3, 5], [5], 5, layouts: layouts), product("matvec", .matvec, [3, 5], [4, 5], 5, layouts: layouts),
                product("matvec", .matvec, [1, 5], [5], 5, layouts: layouts), product("matvec", .matvec, [3, 0], [0], 0, layouts: layouts),
                product("vecmat", .vecmat, [5], [5, 3], 5, layouts: layouts), product("vecmat", .vecmat, [4, 5], [5, 3], 5, layouts: layouts),
                product("vecmat", .vecmat, [5], [5, 1], 5, layouts: layouts),
            ]
        }
        try expectMatchesNumPy(cases)
    }

    @Test(arguments: blasTypes)
    func dotAndTensordotRunOnBLAS(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 900 + UInt64(dtype.rawValue))
        func make(_ numpy: String, _ a: [Int], _ b: [Int], _ k: Int, _ call: @escaping (NDArray, NDArray) throws -> NDArray) -> MatrixProductCase {
            MatrixProductCase("\(numpy) \(dtype) \(a)·\(b)", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: [.fortran, .c], numpy: numpy, reduction: k) {
                try call($0[0], $0[1])
            }
        }
        try expectMatchesNumPy([
            make("np.dot(a0, a1)", [64], [64], 64, NDArray.dot), make("np.dot(a0, a1)", [30, 40], [40, 20], 40, NDArray.dot),
            make("np.dot(a0, a1)", [2, 3, 4], [5, 4, 6], 4, NDArray.dot), make("np.inner(a0, a1)", [7, 9], [8, 9], 9, NDArray.inner),
            make("np.tensordot(a0, a1)", [3, 4, 5], [4, 5, 6], 20) { try NDArray.tensordot($0, $1, axes: 2) },
        ])
    }

    @Test(arguments: blasTypes)
    func nanAndInfinityPropagateLikeNumPy(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 12)
        var a = randomArray(.float64, [6, 5], &rng), b = randomArray(.float64, [5, 7], &rng), v = randomArray(.float64, [5], &rng)
        a.setItem(Double.nan, at: [0, 0])
        a.setItem(Double.infinity, at: [2, 3])
        b.setItem(-Double.infinity, at: [1, 4])
        b.setItem(Double.infinity, at: [3, 6])
        v.setItem(Double.infinity, at: [2])
        // Complex infinities depend on the order of the partial products; real inputs keep them comparable.
        let cases = dtype.isComplex
            ? [Self.matmulCase(a.astype(dtype), v.astype(dtype))]
            : [Self.matmulCase(a.astype(dtype), b.astype(dtype)), Self.matmulCase(a.astype(dtype), v.astype(dtype)), Self.matmulCase(v.astype(dtype), b.astype(dtype))]
        try expectMatchesNumPy(cases)
    }

    /// Both configurations give the same answer within the bound, on the same strided input.
    @Test func agreesWithTheScalarLoops() throws {
        var rng = SeededGenerator(seed: 1000)
        let a = laidOut(randomArray(.float64, [3, 50, 40], &rng), .fortranPadded), b = laidOut(randomArray(.float64, [40, 30], &rng), .reversedRows)
        let scalar = LoopRegistry()
        try ScalarBackend().install(into: scalar)
        let reference = try Backends.withRegistry(scalar) { try GUFunc.matmul(a, b) }.toArray(Double.self)
        let blas = try Backends.withRegistry(Self.openBLAS) { try GUFunc.matmul(a, b) }.toArray(Double.self)
        let tolerance = 2 * 42 * Double.ulpOfOne * 40
        #expect(zip(reference, blas).allSatisfy { abs($0 - $1) <= tolerance })
    }
}
