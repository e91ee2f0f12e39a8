import ComplexModule
import Foundation
import Testing
@testable import TesseraCore
@testable import TesseraOpenBLAS
import TesseraScalar
import _TesseraTestSupport

/// NumPy 2's `linalg` namespace functions (`matmul`, `vecdot`, `tensordot`, `outer`,
/// `cross`, `diagonal`, `trace`, `matrix_transpose`, `matrix_norm`, `vector_norm`), `svd`'s
/// `compute_uv`/`hermitian`, `pinv`'s `hermitian`/`rtol`, and QR of non-square matrices
/// (LAPACK `geqrf`/`orgqr` under OpenBLAS), against NumPy under both backends.
@Suite struct LinalgArrayAPITests {
    typealias Case = (expression: String, inputs: [NDArray], body: () throws -> [NDArray])

    /// Compares outputs with NumPy's: dtype and shape exactly; values exactly for integer
    /// and bool results, otherwise within 1e3·ε of the result's precision relative to
    /// max(‖NumPy's‖, 1) (Frobenius).
    static func compare(_ cases: [Case], backends: [(String, LoopRegistry)] = LinalgTests.backends) throws {
        let batch = NumPyBatch()
        let references = cases.map { batch.add($0.expression, $0.inputs) }
        let expected = try batch.run()
        for (backend, registry) in backends {
            try Backends.withRegistry(registry) {
                for (index, testCase) in cases.enumerated() {
                    let label = "\(backend) \(testCase.expression) \(testCase.inputs.map { "\($0.dtype)\($0.shape)" })"
                    let outputs: [NDArray]
                    do { outputs = try testCase.body() } catch {
                        Issue.record("\(label): threw \(error)")
                        continue
                    }
                    let reference = try expected[references[index]].map(LinalgTests.array)
                    #expect(outputs.count == reference.count, "\(label): \(outputs.count) outputs")
                    for (output, numpy) in zip(outputs, reference) {
                        #expect(output.dtype == numpy.dtype && output.shape == numpy.shape, "\(label): \(output.dtype)\(output.shape) vs NumPy \(numpy.dtype)\(numpy.shape)")
                        guard output.dtype == numpy.dtype, output.shape == numpy.shape, output.size > 0 else { continue }
                        if !output.dtype.isInexact {
                            #expect(output.astype(.int64).toArray(Int64.self) == numpy.astype(.int64).toArray(Int64.self), "\(label): values")
                            continue
                        }
                        let mine = LinalgTests.matrix(output.reshaped([output.size])), theirs = LinalgTests.matrix(numpy.reshaped([numpy.size]))
                        if mine.values == theirs.values { continue }
                        let difference = (mine - theirs).norm / Swift.max(theirs.norm, 1)
                        #expect(difference < 1e3 * LinalgTests.epsilon(output.dtype), "\(label): differs from NumPy by \(difference)")
                    }
                }
            }
        }
    }

    static func random(_ shape: [Int], _ dtype: DType, seed: UInt64) -> NDArray {
        let count = shape.reduce(1, *)
        if dtype.isInexact { return LinalgTests.random(1, count, dtype: dtype, seed: seed).reshaped(shape) }
        // Small integers (exact products and sums).
        let values = LinalgTests.random(1, count, dtype: .float64, seed: seed).toArray(Double.self).map { Int64(($0 * 10).rounded()) }
        return NDArray(values, shape: shape).astype(dtype)
    }

    // MARK: Namespace functions

    @Test func arrayAPIFunctionsMatchNumPy() throws {
        var cases: [Case] = []
        var seed: UInt64 = 1
        func next() -> UInt64 { seed += 1; return seed }
        for dtype in [DType.float64, .float32, .complex128, .int64, .int32] {
            let m = Self.random([2, 3, 4], dtype, seed: next()), square = Self.random([3, 4, 4], dtype, seed: next())
            let transposed = Self.random([4, 3], dtype, seed: next()).T, reversed = Self.random([5, 5], dtype, seed: next())[.slice(nil, nil, -1)]
            let empty = NDArray.zeros([2, 0, 3], dtype: dtype), zeroD = Self.random([], dtype, seed: next())
            let v3 = Self.random([3], dtype, seed: next()), stack3 = Self.random([4, 3], dtype, seed: next()), axis0 = Self.random([3, 2, 5], dtype, seed: next())
            for x in [m, square, transposed, reversed, empty] {
                for offset in [0, 1, -2] {
                    cases.append(("np.linalg.diagonal(x0, offset=\(offset))", [x], { [try Linalg.diagonal(x, offset: offset)] }))
                    cases.append(("np.linalg.trace(x0, offset=\(offset))", [x], { [try Linalg.trace(x, offset: offset)] }))
                }
                cases.append(("np.linalg.matrix_transpose(x0)", [x], { [try Linalg.matrixTranspose(x)] }))
                cases.append(("np.linalg.matmul(x0, np.linalg.matrix_transpose(x0))", [x], { [try Linalg.matmul(x, Linalg.matrixTranspose(x))] }))
                if dtype.isInexact || dtype == .int64 {
                    cases.append(("np.linalg.matrix_norm(x0)", [x], { [try Linalg.matrixNorm(x)] }))
                    cases.append(("np.linalg.matrix_norm(x0, ord=1, keepdims=True)", [x], { [try Linalg.matrixNorm(x, ord: .p(1), keepdims: true)] }))
                    cases.append(("np.linalg.vector_norm(x0)", [x], { [try Linalg.vectorNorm(x)] }))
                    cases.append(("np.linalg.vector_norm(x0, axis=(0, -1), keepdims=True, ord=np.inf)", [x], { [try Linalg.vectorNorm(x, axes: [0, -1], keepdims: true, ord: .infinity)] }))
                    cases.append(("np.linalg.vector_norm(x0, axis=-2, ord=1)", [x], { [try Linalg.vectorNorm(x, axis: -2, ord: .p(1))] }))
                }
            }
            if dtype.isInexact && dtype != .int64 {
                cases.append(("np.linalg.matrix_norm(x0, ord='nuc')", [square], { [try Linalg.matrixNorm(square, ord: .nuclear)] }))
                cases.append(("np.linalg.matrix_norm(x0, ord=2)", [m], { [try Linalg.matrixNorm(m, ord: .p(2))] }))
                cases.append(("np.linalg.vector_norm(x0, ord=3.5)", [m], { [try Linalg.vectorNorm(m, ord: .p(3.5))] }))
                cases.append(("np.linalg.vector_norm(x0, ord=0)", [zeroD], { [try Linalg.vectorNorm(zeroD, ord: .p(0))] }))
                cases.append(("np.linalg.svdvals(x0)", [m], { [try Linalg.svdvals(m)] }))
            }
            let v5 = Self.random([5], dtype, seed: next()), t342 = Self.random([3, 4, 2], dtype, seed: next()), t425 = Self.random([4, 2, 5], dtype, seed: next())
            cases.append(("np.linalg.outer(x0, x1)", [v3, v5], { [try Linalg.outer(v3, v5)] }))
            cases.append(("np.linalg.cross(x0, x1)", [v3, stack3], { [try Linalg.cross(v3, stack3)] }))
            cases.append(("np.linalg.cross(x0, x1, axis=0)", [axis0, v3.reshaped([3, 1, 1])], { [try Linalg.cross(axis0, v3.reshaped([3, 1, 1]), axis: 0)] }))
            cases.append(("np.linalg.vecdot(x0, x1)", [stack3, v3], { [try Linalg.vecdot(stack3, v3)] }))
            cases.append(("np.linalg.vecdot(x0, x1, axis=0)", [axis0, v3.reshaped([3, 1, 1])], { [try Linalg.vecdot(axis0, v3.reshaped([3, 1, 1]), axis: 0)] }))
            cases.append(("np.linalg.tensordot(x0, x1)", [m, t342], { [try Linalg.tensordot(m, t342)] }))
            cases.append(("np.linalg.tensordot(x0, x1, axes=([0, 2], [1, 0]))", [m, t425], { [try Linalg.tensordot(m, t425, axes: ([0, 2], [1, 0]))] }))
        }
        try Self.compare(cases)
    }

    @Test func arrayAPIFunctionsRejectAsNumPy() throws {
        let m = NDArray.zeros([2, 3]), v = NDArray([1.0, 2, 3])
        func expectThrows(_ label: String, _ body: () throws -> Void) {
            #expect(throws: (any Error).self, "\(label)") { try body() }
        }
        expectThrows("outer 2-D") { _ = try Linalg.outer(m, v) }
        expectThrows("cross length 2") { _ = try Linalg.cross(NDArray([1.0, 2]), NDArray([1.0, 2])) }
        expectThrows("diagonal 1-D") { _ = try Linalg.diagonal(v) }
        expectThrows("trace 1-D") { _ = try Linalg.trace(v) }
        expectThrows("matrix_transpose 1-D") { _ = try Linalg.matrixTranspose(v) }
        expectThrows("matrix_norm 1-D") { _ = try Linalg.matrixNorm(v) }
        expectThrows("vector_norm fro") { _ = try Linalg.vectorNorm(v, ord: .frobenius) }
        expectThrows("vecdot mismatch") { _ = try Linalg.vecdot(m, NDArray([1.0, 2])) }
        expectThrows("vector_norm axis") { _ = try Linalg.vectorNorm(m, axis: 2) }
        do {
            _ = try Linalg.cross(NDArray([1.0, 2]), v)
        } catch let error as LinalgError {
            #expect(error.message.hasPrefix("Both input arrays must be (arrays of) 3-dimensional vectors, but they are 2 and 3 dimensional instead."))
        }
    }

    // MARK: svd(computeUV:hermitian:), pinv(hermitian:, rtol:)

    static func hermitian(_ n: Int, _ dtype: DType, seed: UInt64, rank: Int? = nil) throws -> NDArray {
        let b = LinalgTests.random(n, rank ?? n, dtype: dtype, seed: seed)
        let product = try GUFunc.matmul(b, UFunc.conjugate(b.T))
        // Indefinite: subtract a multiple of I so eigenvalues of both signs occur.
        return rank == nil ? try UFunc.subtract(product, UFunc.multiply(NDArray.eye(n, dtype: dtype), NDArray.full([], Double(n) / 3))).astype(dtype) : product
    }

    /// `pinv`'s `rcond`/`rtol` and `matrix_rank`'s `tol`/`rtol` as arrays: one cutoff per
    /// matrix of the stack, broadcast as NumPy's `cutoff[..., newaxis]`; and an empty
    /// integer `pinv`, which keeps its dtype.
    @Test func perMatrixCutoffsMatchNumPy() throws {
        let stack = try NDArray.stack((0..<3).map { try Self.hermitian(5, .float64, seed: UInt64(60 + $0)) }, axis: 0)
        let wide = try NDArray.stack([stack, stack], axis: 0)  // (2, 3, 5, 5)
        let cutoffs: NDArray = [0.05, 0.5, 1e-15]
        let tolerances: NDArray = [0.5, 2.0, 0.0]
        let cases: [Case] = [
            ("np.linalg.pinv(x0, rcond=x1)", [stack, cutoffs], { [try Linalg.pinv(stack, rcond: cutoffs)] }),
            ("np.linalg.pinv(x0, rtol=x1)", [wide, cutoffs], { [try Linalg.pinv(wide, rtol: cutoffs)] }),
            ("np.linalg.matrix_rank(x0, rtol=x1)", [stack, cutoffs], { [try Linalg.matrixRank(stack, rtol: cutoffs)] }),
            ("np.linalg.matrix_rank(x0, tol=x1)", [wide, tolerances], { [try Linalg.matrixRank(wide, tol: tolerances)] }),
            ("np.linalg.matrix_rank(x0, tol=x1, hermitian=True)", [stack, tolerances], { [try Linalg.matrixRank(stack, tol: tolerances, hermitian: true)] }),
            ("np.linalg.pinv(x0)", [NDArray.zeros([2, 0, 3], dtype: .int64)], { [try Linalg.pinv(NDArray.zeros([2, 0, 3], dtype: .int64))] }),
            ("np.linalg.pinv(x0)", [NDArray.zeros([0, 4], dtype: .int32)], { [try Linalg.pinv(NDArray.zeros([0, 4], dtype: .int32))] }),
        ]
        try Self.compare(cases)
        // A cutoff array that does not broadcast against the stack is an error, not a crash.
        #expect(throws: (any Error).self) { try Linalg.pinv(stack, rcond: [0.1, 0.2] as NDArray) }
        #expect(throws: (any Error).self) { try Linalg.matrixRank(stack, rtol: [0.1, 0.2] as NDArray) }
    }

    @Test func svdComputeUVAndHermitianMatchNumPy() throws {
        var matrices: [(String, NDArray)] = []
        for dtype in [DType.float64, .complex128, .float32, .complex64] {
            for (index, n) in [1, 4, 9].enumerated() {
                matrices.append(("indefinite \(n) \(dtype)", try Self.hermitian(n, dtype, seed: UInt64(40 + index))))
            }
        }
        matrices.append(("rank 2 of 6", try Self.hermitian(6, .float64, seed: 50, rank: 2)))
        matrices.append(("stack", try NDArray.stack([Self.hermitian(5, .float64, seed: 51), Self.hermitian(5, .float64, seed: 52)], axis: 0)))
        matrices.append(("0×0 stack", NDArray.zeros([2, 0, 0])))
        var cases: [Case] = []
        for (_, a) in matrices {
            cases.append(("np.linalg.svd(x0, compute_uv=False, hermitian=True)", [a], { [try Linalg.svd(a, computeUV: false, hermitian: true).s] }))
            cases.append(("np.linalg.svd(x0, compute_uv=False)", [a], { [try Linalg.svd(a, computeUV: false).s] }))
            cases.append(("np.linalg.svd(x0, hermitian=True).S", [a], { [try Linalg.svd(a, hermitian: true).s] }))
            cases.append(("np.linalg.pinv(x0, hermitian=True)", [a], { [try Linalg.pinv(a, hermitian: true)] }))
            cases.append(("np.linalg.pinv(x0)", [a], { [try Linalg.pinv(a)] }))
            cases.append(("np.linalg.pinv(x0, rtol=None)", [a], { [try Linalg.pinv(a, rtol: nil)] }))
            cases.append(("np.linalg.pinv(x0, rtol=0.2)", [a], { [try Linalg.pinv(a, rtol: 0.2)] }))
            cases.append(("np.linalg.matrix_rank(x0, hermitian=True)", [a], { [try Linalg.matrixRank(a, hermitian: true)] }))
            cases.append(("np.linalg.matrix_rank(x0, rtol=0.3)", [a], { [try Linalg.matrixRank(a, rtol: 0.3)] }))
        }
        try Self.compare(cases)
        // The factors: a = u·diag(s)·vh, u unitary, s descending ≥ 0; computeUV: true is the tuple form.
        for (backend, registry) in LinalgTests.backends {
            try Backends.withRegistry(registry) {
                for (name, a) in matrices where a.ndim == 2 {
                    let n = a.shape[0], am = LinalgTests.matrix(a), eps = LinalgTests.epsilon(a.dtype)
                    let (u, s, vh) = try Linalg.svd(a, hermitian: true)
                    #expect(u.dtype == a.dtype && vh.dtype == a.dtype && s.dtype == Linalg.realType(a.dtype), "\(backend) \(name): dtypes")
                    let um = LinalgTests.matrix(u), vm = LinalgTests.matrix(vh), sv = s.astype(.float64).toArray(Double.self)
                    #expect(zip(sv, sv.dropFirst()).allSatisfy { $0 >= $1 } && sv.allSatisfy { $0 >= 0 }, "\(backend) \(name): s descending, non-negative")
                    #expect((um.scaledColumns(sv) * vm - am).norm / (Swift.max(am.norm, 1) * Double(n) * eps) < 50, "\(backend) \(name): reconstruction")
                    #expect((um.adjoint * um - LinalgTests.Matrix.identity(n)).norm / (Double(n) * eps) < 50, "\(backend) \(name): U unitary")
                    let full = try Linalg.svd(a, computeUV: true, hermitian: true)
                    #expect(full.u != nil && full.vh != nil && full.s.shape == [n], "\(backend) \(name): computeUV true")
                    let valuesOnly = try Linalg.svd(a, computeUV: false)
                    #expect(valuesOnly.u == nil && valuesOnly.vh == nil, "\(backend) \(name): computeUV false")
                }
            }
        }
    }

    // MARK: SVD across the Jacobi kernel's column blocks

    /// Sizes past the real Jacobi kernel's 16-column blocks and 4-lane runs (37×33, 40×40,
    /// 50×35), both real precisions: singular values against NumPy's, reconstruction and
    /// orthogonality bounded as in ``LinalgTests``.
    @Test func svdOfLargerRealMatricesMatchesNumPy() throws {
        var matrices: [NDArray] = []
        for dtype in [DType.float64, .float32] {
            for (index, (m, n)) in [(37, 33), (40, 40), (50, 35), (33, 37)].enumerated() {
                matrices.append(LinalgTests.random(m, n, dtype: dtype, seed: UInt64(80 + index)))
            }
        }
        // A graded matrix: columns scaled over ten orders of magnitude.
        let graded = try UFunc.multiply(LinalgTests.random(40, 40, dtype: .float64, seed: 90), UFunc.power(NDArray(scalar: 10.0), NDArray((0..<40).map { -Double($0) / 4 })))
        matrices.append(graded)
        try Self.compare(matrices.map { a in ("np.linalg.svd(x0, compute_uv=False)", [a], { [try Linalg.svdvals(a)] }) })
        for (backend, registry) in LinalgTests.backends {
            try Backends.withRegistry(registry) {
                for a in matrices {
                    let m = a.shape[0], n = a.shape[1], k = Swift.min(m, n)
                    let (u, s, vh) = try Linalg.svd(a, fullMatrices: false)
                    let am = LinalgTests.matrix(a), um = LinalgTests.matrix(u), vm = LinalgTests.matrix(vh)
                    let eps = LinalgTests.epsilon(a.dtype), size = Double(Swift.max(m, n))
                    let sv = s.astype(.float64).toArray(Double.self)
                    #expect((um.scaledColumns(sv) * vm - am).norm / (am.norm * size * eps) < 50, "\(backend) \(a.dtype)\(a.shape): reconstruction")
                    #expect((um.adjoint * um - LinalgTests.Matrix.identity(k)).norm / (size * eps) < 50, "\(backend) \(a.dtype)\(a.shape): U orthogonal")
                    #expect((vm * vm.adjoint - LinalgTests.Matrix.identity(k)).norm / (size * eps) < 50, "\(backend) \(a.dtype)\(a.shape): V orthogonal")
                }
            }
        }
    }

    // MARK: QR of non-square matrices

    @Test func qrModesOfNonSquareMatricesMatchNumPy() throws {
        var cases: [Case] = []
        for dtype in [DType.float64, .complex128, .float32, .complex64] {
            for (index, shape) in [[7, 3], [3, 7], [1, 5], [5, 1], [2, 6, 4], [4, 4]].enumerated() {
                let a = Self.random(shape, dtype, seed: UInt64(60 + index))
                // R and raw's (h, tau) are unique under geqrf's convention (NumPy's); Q follows from R.
                cases.append(("np.linalg.qr(x0)", [a], { let r = try Linalg.qr(a); return [r.q, r.r] }))
                cases.append(("np.linalg.qr(x0, mode='complete')", [a], { let r = try Linalg.qr(a, mode: .complete); return [r.q, r.r] }))
                cases.append(("np.linalg.qr(x0, mode='r')", [a], { [try Linalg.qrR(a)] }))
                if a.ndim == 2 {
                    cases.append(("np.linalg.qr(x0, mode='raw')", [a], { let r = try Linalg.qrRaw(a); return [r.h, r.tau] }))
                }
            }
        }
        let transposed = Self.random([6, 4], .float64, seed: 70).T
        cases.append(("np.linalg.qr(x0)", [transposed], { let r = try Linalg.qr(transposed); return [r.q, r.r] }))
        for shape in [[0, 3], [3, 0], [2, 0, 0]] {
            let empty = NDArray.zeros(shape)
            cases.append(("np.linalg.qr(x0, mode='complete')", [empty], { let r = try Linalg.qr(empty, mode: .complete); return [r.q, r.r] }))
            cases.append(("np.linalg.qr(x0)", [empty], { let r = try Linalg.qr(empty); return [r.q, r.r] }))
        }
        try Self.compare(cases)
        // The OpenBLAS backend's QR loops are LAPACK's, not the scalar reference's.
        for gufunc in [GUFunc.qrRaw, .qrReduced, .qrComplete] {
            for signature in ["d->dd", "D->DD"] {
                let loop = LinalgTests.openBLAS.loop(for: gufunc, signature: try LoopSignature(signature))
                #expect(loop?.backend == "openblas", "\(gufunc.name) \(signature): \(loop?.backend ?? "none")")
            }
        }
    }
}
