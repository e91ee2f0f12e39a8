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
        let report = try MatmulChecker(registry: Self.openBLAS).mismatches(cases)
        #expect(report.lines.isEmpty, "\(report.lines.count) of \(cases.count) cases differ from NumPy:\n\(report)")
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
        let seed = 600 + UInt64(dtype.rawValue)
        try expectMatchesNumPy(MatmulCases.sizes(dtype, MatmulCases.allSizes, seed: seed) + MatmulCases.stacked(dtype, seed: seed + 50))
    }

    @Test(arguments: blasTypes)
    func matmulEveryLayoutCombination(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.everyLayoutCombination(dtype, seed: 700 + UInt64(dtype.rawValue)))
    }

    @Test(arguments: blasTypes)
    func vectorProductsMatchNumPy(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.vectorProducts(dtype, seed: 800 + UInt64(dtype.rawValue)))
    }

    @Test(arguments: blasTypes)
    func dotAndTensordotRunOnBLAS(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.dotInnerOuterTensordot(dtype, seed: 900 + UInt64(dtype.rawValue), layouts: [.fortran, .c]))
    }

    @Test(arguments: blasTypes)
    func nanAndInfinityPropagateLikeNumPy(_ dtype: DType) throws {
        try expectMatchesNumPy(MatmulCases.nanAndInfinity(dtype, seed: 12))
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
