import ComplexModule
import Foundation
import Testing
@testable import TesseraCore
@testable import TesseraOpenBLAS
import TesseraScalar
import _TesseraTestSupport

/// `Linalg` under the scalar reference and under OpenBLAS's LAPACK, against NumPy.
///
/// Accuracy is checked with scale-free measures, each divided by ε (float64's, or
/// float32's for single-precision results) and the order n, and bounded by 50 unless a
/// test says otherwise (a backward-stable algorithm gives O(1) values; a wrong result
/// gives 1/(nε) ≈ 10¹³):
/// - backward error of solve: ‖A·x − b‖ / (‖A‖·‖x‖·n·ε)
/// - inverse: ‖A·X − I‖ / (‖A‖·‖X‖·n·ε)
/// - reconstruction: ‖A − factors‖ / (‖A‖·n·ε) (Cholesky, QR, SVD, eigh)
/// - orthogonality: ‖QᴴQ − I‖ / (n·ε) (Q, U, V, eigenvectors)
/// - eigen-residual: ‖A·V − V·Λ‖ / (‖A‖·n·ε)
/// - values against NumPy's (eigenvalues, singular values, slogdet): |Δ| / (‖A‖·n·ε)
/// Norms are Frobenius. Matrices: random (uniform in [−1, 1)), Hilbert (cond ≈ 10¹³ at
/// n = 10), rank-deficient products, 1×1, and 0-size; all four dtypes.
@Suite struct LinalgTests {
    static var openBLAS: LoopRegistry { scalarAndOpenBLAS }

    static let scalar: LoopRegistry = {
        do { return try scalarRegistry() } catch { fatalError("\(error)") }
    }()

    static let backends: [(String, LoopRegistry)] = [("scalar", scalar), ("openblas", openBLAS)]

    // MARK: Matrices

    /// A deterministic uniform generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// A row-major complex matrix: the test's own arithmetic, independent of Tessera.
    struct Matrix {
        var rows: Int, columns: Int
        var values: [Complex<Double>]
        subscript(i: Int, j: Int) -> Complex<Double> {
            get { values[i * columns + j] }
            set { values[i * columns + j] = newValue }
        }
        static func identity(_ n: Int) -> Matrix {
            var m = Matrix(rows: n, columns: n, values: Array(repeating: .zero, count: n * n))
            for i in 0..<n { m[i, i] = .one }
            return m
        }
        static func * (a: Matrix, b: Matrix) -> Matrix {
            var c = Matrix(rows: a.rows, columns: b.columns, values: Array(repeating: .zero, count: a.rows * b.columns))
            for i in 0..<a.rows { for k in 0..<a.columns { let x = a[i, k]; for j in 0..<b.columns { c[i, j] = c[i, j] + x * b[k, j] } } }
            return c
        }
        static func - (a: Matrix, b: Matrix) -> Matrix {
            Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 - $1 })
        }
        var adjoint: Matrix {
            var t = Matrix(rows: columns, columns: rows, values: values)
            for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j].conjugate } }
            return t
        }
        var norm: Double { values.reduce(0) { $0 + $1.lengthSquared }.squareRoot() }
        func scaledColumns(_ d: [Double]) -> Matrix {
            var r = self
            for i in 0..<rows { for j in 0..<columns { r[i, j] = self[i, j] * Complex(d[j]) } }
            return r
        }
    }

    /// The last two axes of `a` (which has no stack) as a matrix.
    static func matrix(_ a: NDArray) -> Matrix {
        let values = a.astype(.complex128).toArray(Complex<Double>.self)
        if a.ndim == 0 { return Matrix(rows: 1, columns: 1, values: values) }
        if a.ndim == 1 { return Matrix(rows: a.shape[0], columns: 1, values: values) }
        return Matrix(rows: a.shape[a.ndim - 2], columns: a.shape[a.ndim - 1], values: values)
    }

    static func random(_ rows: Int, _ columns: Int, dtype: DType, seed: UInt64) -> NDArray {
        var generator = Generator(state: seed)
        let count = rows * columns
        switch dtype {
        case .complex64, .complex128:
            let values = (0..<count).map { _ in Complex(generator.next(), generator.next()) }
            return NDArray(values, shape: [rows, columns]).astype(dtype)
        default:
            return NDArray((0..<count).map { _ in generator.next() }, shape: [rows, columns]).astype(dtype)
        }
    }

    static func hilbert(_ n: Int) -> NDArray {
        NDArray((0..<(n * n)).map { 1.0 / Double($0 / n + $0 % n + 1) }, shape: [n, n])
    }

    /// A Hermitian positive definite matrix B·Bᴴ + n·I.
    static func positiveDefinite(_ n: Int, dtype: DType, seed: UInt64) throws -> NDArray {
        let b = random(n, n, dtype: dtype, seed: seed)
        let bh = try UFunc.conjugate(b.T)
        return try UFunc.add(GUFunc.matmul(b, bh), UFunc.multiply(NDArray.eye(n, dtype: dtype), NDArray.full([], Double(n)))).astype(dtype)
    }

    static func epsilon(_ dtype: DType) -> Double {
        dtype == .float32 || dtype == .complex64 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    }

    /// NumPy's output as an array.
    static func array(_ output: NumPyBatch.Output) throws -> NDArray {
        if let error = output.error { throw TesseraError(.valueError, "NumPy raised \(error)") }
        let dtype = try DType(parsing: output.dtype)
        let result = NDArray.zeros(output.shape, dtype: dtype)
        if !output.bytes.isEmpty {
            output.bytes.withUnsafeBytes { result.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        return result
    }

    // MARK: Accuracy, both backends

    static let squareCases: [(String, NDArray)] = {
        var cases: [(String, NDArray)] = []
        for dtype in [DType.float64, .complex128, .float32, .complex64] {
            for (index, n) in [1, 2, 5, 17, 40].enumerated() {
                cases.append(("random \(n)×\(n) \(dtype)", random(n, n, dtype: dtype, seed: UInt64(100 * index + n))))
            }
        }
        cases.append(("hilbert 10×10", hilbert(10)))
        cases.append(("integer 3×3", NDArray([4, 1, 2, 1, 5, 3, 2, 3, 6] as [Int64], shape: [3, 3])))
        return cases
    }()

    @Test func solveInvDetSlogdetAgainstNumPy() throws {
        let batch = NumPyBatch()
        var references: [(Int, Int, Int)] = []
        let rightHandSides = Self.squareCases.enumerated().map { index, item in
            Self.random(item.1.shape[0], 3, dtype: item.1.dtype == .int64 ? .float64 : item.1.dtype, seed: UInt64(7 + index))
        }
        for (index, (_, a)) in Self.squareCases.enumerated() {
            references.append((
                batch.add("np.linalg.solve(x0, x1)", [a, rightHandSides[index]]),
                batch.add("np.linalg.slogdet(x0)", [a]),
                batch.add("np.linalg.det(x0)", [a])
            ))
        }
        let expected = try batch.run()
        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                for (index, (name, a)) in Self.squareCases.enumerated() {
                    let b = rightHandSides[index]
                    let n = a.shape[0]
                    let x = try Linalg.solve(a, b)
                    let numpyX = try Self.array(expected[references[index].0][0])
                    #expect(x.dtype == numpyX.dtype && x.shape == numpyX.shape, "\(backend) \(name)")
                    let eps = Self.epsilon(x.dtype)
                    let am = Self.matrix(a), xm = Self.matrix(x), bm = Self.matrix(b)
                    let backward = (am * xm - bm).norm / (am.norm * xm.norm * Double(n) * eps)
                    #expect(backward < 50, "\(backend) \(name): solve backward error \(backward)")

                    let inverse = try Linalg.inv(a)
                    let im = Self.matrix(inverse)
                    let inverseError = (am * im - Matrix.identity(n)).norm / (am.norm * im.norm * Double(n) * eps)
                    // Hilbert: ‖A·X − I‖ grows with cond(A) for any backward-stable inverse.
                    let bound = name.hasPrefix("hilbert") ? 1e6 : 50
                    #expect(inverseError < bound, "\(backend) \(name): inverse residual \(inverseError)")

                    let (sign, logdet) = try Linalg.slogdet(a)
                    let numpySign = try Self.array(expected[references[index].1][0]), numpyLog = try Self.array(expected[references[index].1][1])
                    #expect(sign.dtype == numpySign.dtype && logdet.dtype == numpyLog.dtype, "\(backend) \(name) slogdet dtypes")
                    // Perturbation theory: det's relative error is O(κ(A)·n·ε); κ(H₁₀) ≈ 1.6·10¹³.
                    let condition = name.hasPrefix("hilbert") ? 1.6e13 : 1
                    let signDifference = (Self.matrix(sign).values[0] - Self.matrix(numpySign).values[0]).length
                    let logDifference = abs(logdet.astype(.float64).item(Double.self) - numpyLog.astype(.float64).item(Double.self))
                    #expect(signDifference < 1e-6 && logDifference < Double(n) * 1e3 * eps * condition, "\(backend) \(name): slogdet Δsign \(signDifference) Δlog \(logDifference)")

                    let det = try Linalg.det(a)
                    let numpyDet = try Self.array(expected[references[index].2][0])
                    #expect(det.dtype == numpyDet.dtype)
                    let dv = Self.matrix(det).values[0], nv = Self.matrix(numpyDet).values[0]
                    #expect((dv - nv).length <= 1e3 * Double(n) * eps * condition * Swift.max(nv.length, 1e-300), "\(backend) \(name): det \(dv) vs \(nv)")
                }
            }
        }
    }

    @Test func choleskyEighSVDQRAgainstNumPy() throws {
        var cases: [(String, NDArray)] = []
        for dtype in [DType.float64, .complex128, .float32, .complex64] {
            for n in [1, 3, 12, 30] { cases.append(("spd \(n) \(dtype)", try Self.positiveDefinite(n, dtype: dtype, seed: UInt64(n * 31)))) }
        }
        let batch = NumPyBatch()
        var references: [(Int, Int, Int)] = []
        for (_, a) in cases {
            references.append((batch.add("np.linalg.cholesky(x0)", [a]), batch.add("np.linalg.eigvalsh(x0)", [a]), batch.add("np.linalg.qr(x0)[1]", [a])))
        }
        var svdCases: [(String, NDArray)] = []
        for dtype in [DType.float64, .complex128, .float32] {
            for (m, n) in [(1, 1), (6, 4), (4, 6), (25, 10)] {
                svdCases.append(("random \(m)×\(n) \(dtype)", Self.random(m, n, dtype: dtype, seed: UInt64(m * 13 + n))))
            }
        }
        // Rank 2 of 8×6, and the Hilbert matrix (singular values down to 1e-13).
        svdCases.append(("rank-deficient 8×6", try GUFunc.matmul(Self.random(8, 2, dtype: .float64, seed: 5), Self.random(2, 6, dtype: .float64, seed: 6))))
        svdCases.append(("hilbert 10", Self.hilbert(10)))
        let svdReferences = svdCases.map { batch.add("np.linalg.svd(x0, compute_uv=False)", [$0.1]) }
        let expected = try batch.run()

        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                for (index, (name, a)) in cases.enumerated() {
                    let n = a.shape[0], am = Self.matrix(a)
                    let eps = Self.epsilon(a.dtype)
                    // Cholesky: lower, reconstructs, matches NumPy's (unique) factor.
                    let l = try Linalg.cholesky(a)
                    let lm = Self.matrix(l)
                    #expect((0..<n).allSatisfy { i in (i + 1..<n).allSatisfy { lm[i, $0] == .zero } }, "\(backend) \(name): L not lower")
                    #expect((lm * lm.adjoint - am).norm / (am.norm * Double(n) * eps) < 50, "\(backend) \(name): L·Lᴴ")
                    let numpyL = try Self.array(expected[references[index].0][0])
                    #expect(l.dtype == numpyL.dtype)
                    #expect((lm - Self.matrix(numpyL)).norm / lm.norm < 1e3 * Double(n) * eps, "\(backend) \(name): L vs NumPy")
                    let u = try Linalg.cholesky(a, upper: true)
                    #expect((Self.matrix(u) - lm.adjoint).norm / lm.norm < 1e3 * Double(n) * eps, "\(backend) \(name): upper")

                    // eigh: residual, orthogonality, values vs NumPy.
                    let (w, v) = try Linalg.eigh(a)
                    let numpyW = try Self.array(expected[references[index].1][0])
                    #expect(w.dtype == numpyW.dtype && v.dtype == a.dtype, "\(backend) \(name): eigh dtypes \(w.dtype) \(v.dtype)")
                    let vm = Self.matrix(v), wv = w.astype(.float64).toArray(Double.self)
                    #expect((am * vm - vm.scaledColumns(wv)).norm / (am.norm * Double(n) * eps) < 50, "\(backend) \(name): eigen-residual")
                    #expect((vm.adjoint * vm - Matrix.identity(n)).norm / (Double(n) * eps) < 50, "\(backend) \(name): eigenvectors orthogonal")
                    let reference = numpyW.astype(.float64).toArray(Double.self)
                    let valueError = zip(wv, reference).map { abs($0 - $1) }.max() ?? 0
                    #expect(valueError / (am.norm * Double(n) * eps) < 50, "\(backend) \(name): eigenvalues vs NumPy \(valueError)")
                    let upperValues = try Linalg.eigvalsh(a, uplo: .upper).astype(.float64).toArray(Double.self)
                    #expect(zip(upperValues, reference).allSatisfy { abs($0 - $1) / (am.norm * Double(n) * eps) < 50 }, "\(backend) \(name): eigvalsh upper")

                    // QR: reconstruction, orthogonality, R as NumPy's (same reflector convention).
                    let (q, r) = try Linalg.qr(a)
                    let qm = Self.matrix(q), rm = Self.matrix(r)
                    #expect((qm * rm - am).norm / (am.norm * Double(n) * eps) < 50, "\(backend) \(name): Q·R")
                    #expect((qm.adjoint * qm - Matrix.identity(n)).norm / (Double(n) * eps) < 50, "\(backend) \(name): Q orthogonal")
                    #expect((rm - Self.matrix(try Self.array(expected[references[index].2][0]))).norm / rm.norm < 1e3 * Double(n) * eps, "\(backend) \(name): R vs NumPy")
                }
                for (index, (name, a)) in svdCases.enumerated() {
                    let m = a.shape[0], n = a.shape[1], k = Swift.min(m, n)
                    let am = Self.matrix(a), eps = Self.epsilon(a.dtype), size = Double(Swift.max(m, n))
                    for full in [false, true] {
                        let (u, s, vh) = try Linalg.svd(a, fullMatrices: full)
                        #expect(u.shape == [m, full ? m : k] && s.shape == [k] && vh.shape == [full ? n : k, n], "\(backend) \(name) shapes")
                        let um = Self.matrix(u), vm = Self.matrix(vh)
                        let sv = s.astype(.float64).toArray(Double.self)
                        var sigma = Matrix(rows: u.shape[1], columns: vh.shape[0], values: Array(repeating: .zero, count: u.shape[1] * vh.shape[0]))
                        for i in 0..<k { sigma[i, i] = Complex(sv[i]) }
                        #expect((um * sigma * vm - am).norm / (am.norm * size * eps) < 50, "\(backend) \(name) full=\(full): reconstruction")
                        #expect((um.adjoint * um - Matrix.identity(um.columns)).norm / (size * eps) < 50, "\(backend) \(name) full=\(full): U orthogonal")
                        #expect((vm * vm.adjoint - Matrix.identity(vm.rows)).norm / (size * eps) < 50, "\(backend) \(name) full=\(full): V orthogonal")
                        let reference = try Self.array(expected[svdReferences[index]][0]).astype(.float64).toArray(Double.self)
                        let error = zip(sv, reference).map { abs($0 - $1) }.max() ?? 0
                        #expect(error / (am.norm * size * eps) < 50, "\(backend) \(name): singular values vs NumPy \(error)")
                        #expect(zip(sv, sv.dropFirst()).allSatisfy { $0 >= $1 }, "\(backend) \(name): descending")
                    }
                }
            }
        }
    }

    /// Hermitian eigenproblems that stress deflation and scaling: repeated eigenvalues,
    /// zero and diagonal matrices, a Wilkinson-type tridiagonal, extreme magnitudes.
    @Test func eighAdversarialAgainstNumPy() throws {
        let n = 7
        var wilkinson = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            wilkinson[i * n + i] = Double(abs(i - n / 2))
            if i + 1 < n { wilkinson[i * n + i + 1] = 1; wilkinson[(i + 1) * n + i] = 1 }
        }
        let clustered = try UFunc.add(NDArray.eye(6), UFunc.multiply(Self.positiveDefinite(6, dtype: .float64, seed: 3), NDArray(scalar: 1e-12)))
        let hermitian = try Self.positiveDefinite(9, dtype: .complex128, seed: 4)
        let cases: [(String, NDArray)] = [
            ("identity", NDArray.eye(5)), ("zero", NDArray.zeros([4, 4])),
            ("diagonal with repeats", NDArray([2.0, 0, 0, 0, -1, 0, 0, 0, 2], shape: [3, 3])),
            ("wilkinson", NDArray(wilkinson, shape: [n, n])), ("cluster", clustered),
            ("huge", try UFunc.multiply(Self.positiveDefinite(5, dtype: .float64, seed: 5), NDArray(scalar: 1e150))),
            ("tiny", try UFunc.multiply(Self.positiveDefinite(5, dtype: .float64, seed: 6), NDArray(scalar: 1e-150))),
            ("hermitian 9, negated", try UFunc.negative(hermitian)),
        ]
        let batch = NumPyBatch()
        let references = cases.map { batch.add("np.linalg.eigvalsh(x0)", [$0.1]) }
        let expected = try batch.run()
        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                for (index, (name, a)) in cases.enumerated() {
                    let (w, v) = try Linalg.eigh(a)
                    let m = a.shape[0], am = Self.matrix(a), vm = Self.matrix(v), wv = w.toArray(Double.self)
                    let scale = Swift.max(am.norm, Double.leastNormalMagnitude) * Double(m) * Double.ulpOfOne
                    #expect((am * vm - vm.scaledColumns(wv)).norm / scale < 50, "\(backend) \(name): eigen-residual")
                    #expect((vm.adjoint * vm - Matrix.identity(m)).norm / (Double(m) * Double.ulpOfOne) < 50, "\(backend) \(name): orthogonality")
                    let reference = try Self.array(expected[references[index]][0]).toArray(Double.self)
                    #expect(zip(wv, reference).allSatisfy { abs($0 - $1) / scale < 50 }, "\(backend) \(name): \(wv) vs NumPy \(reference)")
                }
            }
        }
    }

    @Test func lstsqAgainstNumPy() throws {
        let cases: [(String, NDArray, NDArray)] = [
            ("overdetermined 30×5", Self.random(30, 5, dtype: .float64, seed: 1), Self.random(30, 2, dtype: .float64, seed: 2)),
            ("underdetermined 4×9", Self.random(4, 9, dtype: .float64, seed: 3), Self.random(4, 1, dtype: .float64, seed: 4).reshaped([4])),
            ("rank 2 of 12×6", try GUFunc.matmul(Self.random(12, 2, dtype: .float64, seed: 5), Self.random(2, 6, dtype: .float64, seed: 6)), Self.random(12, 3, dtype: .float64, seed: 7)),
            ("complex 10×4", Self.random(10, 4, dtype: .complex128, seed: 8), Self.random(10, 2, dtype: .complex128, seed: 9)),
            ("float32 8×3", Self.random(8, 3, dtype: .float32, seed: 10), Self.random(8, 1, dtype: .float32, seed: 11).reshaped([8])),
        ]
        let batch = NumPyBatch()
        let references = cases.map { batch.add("np.linalg.lstsq(x0, x1)", [$0.1, $0.2]) }
        let expected = try batch.run()
        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                for (index, (name, a, b)) in cases.enumerated() {
                    let result = try Linalg.lstsq(a, b)
                    let reference = try expected[references[index]].map(Self.array)
                    let eps = Self.epsilon(a.dtype)
                    #expect(result.rank == Int(reference[2].astype(.int64).item(Int64.self)), "\(backend) \(name): rank")
                    #expect(result.solution.dtype == reference[0].dtype && result.solution.shape == reference[0].shape, "\(backend) \(name): solution \(result.solution.dtype) \(result.solution.shape)")
                    #expect(result.residuals.shape == reference[1].shape && result.residuals.dtype == reference[1].dtype, "\(backend) \(name): residuals \(result.residuals.shape)")
                    // The minimum-norm solution is unique: compare with NumPy's, relative to cond·ε.
                    let x = Self.matrix(result.solution), nx = Self.matrix(reference[0])
                    let s = result.singularValues.astype(.float64).toArray(Double.self)
                    let positive = s.filter { $0 > s[0] * 1e-10 }
                    let condition = s[0] / positive.last!
                    #expect((x - nx).norm / nx.norm < 100 * condition * eps * Double(a.shape[0]), "\(backend) \(name): solution vs NumPy \((x - nx).norm / nx.norm)")
                    if result.residuals.size > 0 {
                        let r = result.residuals.astype(.float64).toArray(Double.self), nr = reference[1].astype(.float64).toArray(Double.self)
                        #expect(zip(r, nr).allSatisfy { abs($0 - $1) <= 1e3 * eps * Swift.max($1, 1) }, "\(backend) \(name): residuals \(r) vs \(nr)")
                    }
                }
            }
        }
    }

    // MARK: Shapes, dtypes, stacks, empties

    @Test func stacksEmptiesAndDtypesMatchNumPy() throws {
        let stackValues: [Double] = (0..<18).map { (i: Int) -> Double in Double((i * 7) % 11 - 5 + (i % 4 == 0 ? 6 : 0)) }
        let stackA = NDArray(stackValues, shape: [2, 1, 3, 3])
        let stackB = Self.random(12, 2, dtype: .float64, seed: 3).reshaped([4, 3, 2])
        let emptyStack = NDArray.zeros([3, 0, 0])
        let wide = NDArray.zeros([0, 3]), tall = NDArray.zeros([3, 0])
        let int32 = NDArray([2, 1, 1, 3] as [Int32], shape: [2, 2])
        let cases: [(String, [NDArray], () throws -> [NDArray])] = [
            ("np.linalg.solve(x0, x1)", [stackA, stackB], { [try Linalg.solve(stackA, stackB)] }),
            ("np.linalg.inv(x0)", [stackA], { [try Linalg.inv(stackA)] }),
            ("np.linalg.det(x0)", [stackA], { [try Linalg.det(stackA)] }),
            ("np.linalg.inv(x0)", [emptyStack], { [try Linalg.inv(emptyStack)] }),
            ("np.linalg.det(x0)", [emptyStack], { [try Linalg.det(emptyStack)] }),
            ("np.linalg.slogdet(x0)", [emptyStack], { let r = try Linalg.slogdet(emptyStack); return [r.sign, r.logabsdet] }),
            ("np.linalg.eigh(x0)", [emptyStack], { let r = try Linalg.eigh(emptyStack); return [r.eigenvalues, r.eigenvectors] }),
            ("np.linalg.svd(x0)", [wide], { let r = try Linalg.svd(wide); return [r.u, r.s, r.vh] }),
            ("np.linalg.svd(x0)", [tall], { let r = try Linalg.svd(tall); return [r.u, r.s, r.vh] }),
            ("np.linalg.svd(x0, full_matrices=False)", [tall], { let r = try Linalg.svd(tall, fullMatrices: false); return [r.u, r.s, r.vh] }),
            ("np.linalg.qr(x0, mode='complete')", [tall], { let r = try Linalg.qr(tall, mode: .complete); return [r.q, r.r] }),
            ("np.linalg.qr(x0)", [wide], { let r = try Linalg.qr(wide); return [r.q, r.r] }),
            ("np.linalg.inv(x0)", [int32], { [try Linalg.inv(int32)] }),
            ("np.linalg.det(x0)", [int32.astype(.float32)], { [try Linalg.det(int32.astype(.float32))] }),
            ("np.linalg.inv(x0)", [int32.astype(.complex64)], { [try Linalg.inv(int32.astype(.complex64))] }),
            ("np.linalg.matrix_rank(x0)", [stackA], { [try Linalg.matrixRank(stackA)] }),
            ("np.linalg.pinv(x0)", [Self.random(5, 3, dtype: .float64, seed: 9)], { [try Linalg.pinv(Self.random(5, 3, dtype: .float64, seed: 9))] }),
            ("np.linalg.norm(x0)", [stackB], { [try Linalg.norm(stackB)] }),
            ("np.linalg.norm(x0, axis=1)", [stackB], { [try Linalg.norm(stackB, axis: 1)] }),
            ("np.linalg.qr(x0, mode='raw')", [Self.random(5, 3, dtype: .float64, seed: 2)], { let r = try Linalg.qrRaw(Self.random(5, 3, dtype: .float64, seed: 2)); return [r.h, r.tau] }),
        ]
        let batch = NumPyBatch()
        let references = cases.map { batch.add($0.0, $0.1) }
        let more = Self.compositeCases()
        let moreReferences = more.map { batch.add($0.0, $0.1) }
        let expected = try batch.run()
        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                for (index, (expression, inputs, body)) in (cases + more).enumerated() {
                    let outputs = try body()
                    let reference = try expected[(references + moreReferences)[index]].map(Self.array)
                    #expect(outputs.count == reference.count, "\(backend) \(expression)")
                    for (output, numpy) in zip(outputs, reference) {
                        #expect(output.dtype == numpy.dtype && output.shape == numpy.shape, "\(backend) \(expression) \(inputs.map(\.shape)): \(output.dtype)\(output.shape) vs NumPy \(numpy.dtype)\(numpy.shape)")
                        guard output.shape == numpy.shape, output.size > 0 else { continue }
                        // Equal values (the infinities of cond on a singular matrix) need no scale.
                        if Self.matrix(output.reshaped([output.size])).values == Self.matrix(numpy.reshaped([numpy.size])).values { continue }
                        let difference = (Self.matrix(output.reshaped([output.size])) - Self.matrix(numpy.reshaped([numpy.size]))).norm
                        let scale = Swift.max(Self.matrix(numpy.reshaped([numpy.size])).norm, 1)
                        #expect(difference / scale < 1e3 * Self.epsilon(output.dtype), "\(backend) \(expression): differs from NumPy by \(difference / scale)")
                    }
                }
            }
        }
    }

    /// norm with `ord`, cond, matrix_power, multi_dot, tensorinv, tensorsolve.
    static func compositeCases() -> [(String, [NDArray], () throws -> [NDArray])] {
        let m = random(4, 4, dtype: .float64, seed: 21), stack = random(12, 3, dtype: .float64, seed: 22).reshaped([2, 6, 3])
        let z = random(3, 3, dtype: .complex128, seed: 23), v = random(5, 1, dtype: .float32, seed: 24).reshaped([5])
        let singular = NDArray([1.0, 2, 2, 4], shape: [2, 2])
        let a = random(2, 3, dtype: .float64, seed: 25), b = random(3, 7, dtype: .float64, seed: 26), c = random(7, 2, dtype: .float64, seed: 27)
        let row = random(1, 2, dtype: .float64, seed: 28).reshaped([2])
        let t = try! UFunc.add(random(6, 6, dtype: .float64, seed: 30), UFunc.multiply(NDArray.eye(6), NDArray(scalar: 3.0))).reshaped([6, 2, 3])
        let tb = random(6, 1, dtype: .float64, seed: 31).reshaped([6])
        let integer = NDArray([1, 1, 1, 0] as [Int64], shape: [2, 2])
        var cases: [(String, [NDArray], () throws -> [NDArray])] = []
        for (ord, text) in [(Linalg.NormOrder.infinity, "np.inf"), (.negativeInfinity, "-np.inf"), (.p(0), "0"), (.p(1), "1"), (.p(2), "2"), (.p(3.5), "3.5")] {
            cases.append(("np.linalg.norm(x0, \(text))", [v], { [try Linalg.norm(v, ord: ord)] }))
            cases.append(("np.linalg.norm(x0, \(text), axis=1, keepdims=True)", [stack], { [try Linalg.norm(stack, ord: ord, axis: 1, keepdims: true)] }))
        }
        for (ord, text) in [(Linalg.NormOrder.frobenius, "'fro'"), (.nuclear, "'nuc'"), (.infinity, "np.inf"), (.negativeInfinity, "-np.inf"), (.p(1), "1"), (.p(-1), "-1"), (.p(2), "2"), (.p(-2), "-2")] {
            cases.append(("np.linalg.norm(x0, \(text))", [m], { [try Linalg.norm(m, ord: ord)] }))
            cases.append(("np.linalg.norm(x0, \(text), axis=(2, 1))", [stack], { [try Linalg.norm(stack, ord: ord, axes: (2, 1))] }))
            cases.append(("np.linalg.norm(x0, \(text))", [z], { [try Linalg.norm(z, ord: ord)] }))
        }
        for (ord, text) in [(Linalg.NormOrder?.none, "None"), (.p(-2), "-2"), (.frobenius, "'fro'"), (.p(1), "1"), (.infinity, "np.inf")] {
            cases.append(("np.linalg.cond(x0, \(text))", [m], { [try Linalg.cond(m, p: ord)] }))
        }
        cases.append(("np.linalg.cond(x0, 1)", [singular], { [try Linalg.cond(singular, p: .p(1))] }))
        for n in [0, 1, 2, 5, -3] {
            cases.append(("np.linalg.matrix_power(x0, \(n))", [m], { [try Linalg.matrixPower(m, n)] }))
        }
        cases.append(("np.linalg.matrix_power(x0, 6)", [integer], { [try Linalg.matrixPower(integer, 6)] }))
        cases.append(("np.linalg.multi_dot([x0, x1, x2])", [a, b, c], { [try Linalg.multiDot([a, b, c])] }))
        cases.append(("np.linalg.multi_dot([x0, x1, x2, x3])", [row, a, b, c], { [try Linalg.multiDot([row, a, b, c])] }))
        let column3 = random(1, 3, dtype: .float64, seed: 32).reshaped([3])
        cases.append(("np.linalg.multi_dot([x0, x1, x2])", [row, a, column3], { [try Linalg.multiDot([row, a, column3])] }))
        // Transposed (Fortran-ordered) and reversed views: the loops read any strides.
        let big = try! UFunc.add(random(20, 20, dtype: .float64, seed: 33), UFunc.multiply(NDArray.eye(20), NDArray(scalar: 4.0)))
        let spd = try! positiveDefinite(20, dtype: .complex128, seed: 34)
        let reversed = big[.slice(nil, nil, -1)]
        for (label, view) in [("transposed", big.T), ("reversed", reversed)] {
            cases.append(("np.linalg.inv(x0)", [view], { [try Linalg.inv(view)] }))
            cases.append(("np.linalg.slogdet(x0)", [view], { let r = try Linalg.slogdet(view); return [r.sign, r.logabsdet] }))
            cases.append(("np.linalg.solve(x0, x1)", [view, big[0]], { [try Linalg.solve(view, big[0])] }))
            _ = label
        }
        for upper in [false, true] {
            cases.append(("np.linalg.cholesky(x0, upper=\(upper ? "True" : "False"))", [spd.T], { [try Linalg.cholesky(spd.T, upper: upper)] }))
            cases.append(("np.linalg.cholesky(x0, upper=\(upper ? "True" : "False"))", [spd], { [try Linalg.cholesky(spd, upper: upper)] }))
        }
        cases.append(("np.linalg.tensorinv(x0, ind=1)", [t], { [try Linalg.tensorinv(t, ind: 1)] }))
        cases.append(("np.linalg.tensorsolve(x0, x1)", [t, tb], { [try Linalg.tensorsolve(t, tb)] }))
        return cases
    }

    // MARK: Errors

    @Test func errorsAreThrownWithNumPysMessages() throws {
        let singular = NDArray([1.0, 2, 2, 4], shape: [2, 2])
        let stackWithOneSingular = NDArray([1.0, 0, 0, 1, 1, 2, 2, 4], shape: [2, 2, 2])
        let indefinite = NDArray([1.0, 2, 2, 1], shape: [2, 2])
        for (backend, registry) in Self.backends {
            try Backends.withRegistry(registry) {
                func expectError(_ kind: LinalgError.Kind, _ message: String, _ label: String, _ body: () throws -> Void) {
                    do {
                        try body()
                        Issue.record("\(backend) \(label): no error")
                    } catch let error as LinalgError {
                        #expect(error.kind == kind && error.message.hasPrefix(message), "\(backend) \(label): \(error)")
                    } catch {
                        Issue.record("\(backend) \(label): \(error)")
                    }
                }
                expectError(.singularMatrix, "Singular matrix", "inv") { _ = try Linalg.inv(singular) }
                expectError(.singularMatrix, "Singular matrix", "solve") { _ = try Linalg.solve(singular, NDArray([1.0, 2])) }
                expectError(.singularMatrix, "Singular matrix", "stack") { _ = try Linalg.inv(stackWithOneSingular) }
                expectError(.notPositiveDefinite, "Matrix is not positive definite", "cholesky") { _ = try Linalg.cholesky(indefinite) }
                expectError(.notSquare, "Last 2 dimensions of the array must be square", "non-square") { _ = try Linalg.inv(NDArray.zeros([2, 3])) }
                expectError(.dimensions, "1-dimensional array given", "1-D") { _ = try Linalg.det(NDArray([1.0, 2])) }
                expectError(.unsupportedDType, "array type float16", "float16") { _ = try Linalg.inv(NDArray.eye(2).astype(.float16)) }
                // Not errors: a singular matrix has det 0 and slogdet (0, −inf), as NumPy.
                #expect(try Linalg.det(singular).item(Double.self) == 0)
                let (sign, logdet) = try Linalg.slogdet(singular)
                #expect(sign.item(Double.self) == 0 && logdet.item(Double.self) == -.infinity)
                // The raw gufunc marks only the failed matrix (NaN), as NumPy's gufunc does.
                LinalgLoopStatus.reset()
                let raw = try GUFunc.inv(stackWithOneSingular)
                LinalgLoopStatus.reset()
                #expect(raw.toArray(Double.self)[0..<4] == [1, 0, 0, 1] && raw.toArray(Double.self)[4...].allSatisfy(\.isNaN), "\(backend) raw gufunc: \(raw.toArray(Double.self))")
            }
        }
        // General eigenproblems need LAPACK: the scalar reference says which backend to enable.
        try Backends.withRegistry(Self.scalar) {
            do {
                _ = try Linalg.eig(NDArray.eye(2))
                Issue.record("scalar eig did not throw")
            } catch let error as LinalgError {
                #expect(error.kind == .unsupportedBackend && error.message.contains("openblas"), "\(error)")
            }
        }
    }

    @Test func eigUnderOpenBLASAgainstNumPy() throws {
        let rotation = NDArray([0.0, -1, 1, 0], shape: [2, 2])
        let cases = [Self.random(6, 6, dtype: .float64, seed: 4), Self.random(5, 5, dtype: .complex128, seed: 5), NDArray([2.0, 1, 0, 3], shape: [2, 2]), rotation]
        let batch = NumPyBatch()
        let references = cases.map { batch.add("np.linalg.eig(x0)", [$0]) }
        let expected = try batch.run()
        try Backends.withRegistry(Self.openBLAS) {
            for (index, a) in cases.enumerated() {
                let (w, v) = try Linalg.eig(a)
                let reference = try expected[references[index]].map(Self.array)
                #expect(w.dtype == reference[0].dtype && v.dtype == reference[1].dtype, "eig dtypes \(w.dtype) \(v.dtype) vs \(reference[0].dtype)")
                let am = Self.matrix(a), vm = Self.matrix(v), wm = Self.matrix(w).values
                var scaled = vm
                for i in 0..<vm.rows { for j in 0..<vm.columns { scaled[i, j] = vm[i, j] * wm[j] } }
                let n = a.shape[0]
                #expect((am * vm - scaled).norm / (am.norm * Double(n) * Double.ulpOfOne) < 50, "eig residual")
                // Same routine (geev), so the same order; compare values.
                #expect((Matrix(rows: n, columns: 1, values: wm) - Self.matrix(reference[0])).norm / am.norm < 1e-12, "eig values vs NumPy")
            }
        }
    }

    /// Every `numpy.linalg` spelling of SPEC section 5.1 compiles as written.
    @Test func specSpellingsCompile() throws {
        try Backends.withRegistry(Self.openBLAS) {
            let a = NDArray([4.0, 1, 2, 1, 5, 3, 2, 3, 6], shape: [3, 3]), b = NDArray([1.0, 2, 3])
            let spd = a
            let inv = try Linalg.inv(a);  let x = try Linalg.solve(a, b)
            let det = try Linalg.det(a);  let (sign, logdet) = try Linalg.slogdet(a)
            let L = try Linalg.cholesky(spd);  let (qm, rm) = try Linalg.qr(a)
            let (evals, evecs) = try Linalg.eigh(spd);  let (ew, ev) = try Linalg.eig(a)
            let (u2, s2, vh) = try Linalg.svd(a, fullMatrices: false)
            let ls = try Linalg.lstsq(a, b)               // .solution, .residuals, .rank, .singularValues
            let pv = try Linalg.pinv(a);  let rk = try Linalg.matrixRank(a);  let nrm = try Linalg.norm(a)
            _ = (inv, x, det, sign, logdet, L, qm, rm, evals, evecs, ew, ev, u2, s2, vh, ls.solution, ls.residuals, ls.rank, ls.singularValues, pv, rk, nrm)
            #expect(rk.item(Int64.self) == 3)
        }
    }
}
