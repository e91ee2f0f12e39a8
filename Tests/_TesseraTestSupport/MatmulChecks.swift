// The matrix-product checks shared by TesseraScalarTests and TesseraOpenBLASTests: the
// same cases, parametrised by dtype (and seed), run against NumPy in the registry under
// test (`MatmulChecker`). A backend's suite picks the dtypes it has loops for.
import Foundation
@testable import TesseraCore

/// Runs matrix-product cases against NumPy in one registry.
public struct MatmulChecker {
    public let registry: LoopRegistry

    public init(registry: LoopRegistry) {
        self.registry = registry
    }

    /// The mismatches of `cases` in this registry (empty when every case agrees with NumPy).
    public func mismatches(_ cases: [MatrixProductCase]) throws -> MismatchReport {
        try Backends.withRegistry(registry) { try compareWithNumPy(cases) }
    }
}

/// The case families, each a function of the dtype and a seed.
public enum MatmulCases {
    /// `matmul(a, b)` on views of `a` and `b` laid out as `layouts`.
    public static func matmul(_ a: NDArray, _ b: NDArray, layouts: [OperandLayout] = [.c, .c]) -> MatrixProductCase {
        MatrixProductCase("matmul \(a.dtype) \(a.shape)×\(b.dtype) \(b.shape) \(layouts.map(\.rawValue))", [a, b], layouts: layouts, numpy: "np.matmul(a0, a1)", reduction: a.shape.last ?? 1) {
            try GUFunc.matmul($0[0], $0[1])
        }
    }

    /// n×k by k×m from empty to 257, across blocking edges (1, 8, 64, 128, 256 ± 1).
    public static let allSizes: [(Int, Int, Int)] = [
        (0, 0, 0), (1, 1, 1), (2, 3, 4), (4, 4, 4), (5, 7, 9), (8, 8, 8), (1, 257, 1), (257, 1, 257), (1, 64, 200),
        (200, 64, 1), (33, 65, 17), (64, 64, 64), (64, 256, 64), (129, 130, 131), (257, 257, 257), (3, 0, 257),
        (0, 4, 4), (257, 300, 5),
    ]

    /// A few sizes for dtypes whose loops share the code of those checked with ``allSizes``.
    public static let fewSizes: [(Int, Int, Int)] = [(1, 65, 1), (65, 1, 63), (33, 65, 17), (64, 64, 64)]

    /// Vectors, stacks and broadcasting batches.
    public static let stackedShapes: [([Int], [Int])] = [
        ([3, 4], [4, 5]), ([1, 7], [7, 1]), ([7, 1], [1, 6]), ([2, 0], [0, 3]), ([0, 3], [3, 2]), ([3, 2], [2, 0]),
        ([5], [5, 3]), ([4, 5], [5]), ([6], [6]), ([0], [0]), ([2, 1, 3, 4], [3, 4, 2]), ([3, 3, 2], [1, 2, 4]),
        ([2, 3, 5], [5]), ([5], [4, 5, 2]), ([9, 17], [17, 33]), ([4, 33, 17], [17, 9]), ([3, 2, 8, 5], [5, 6]),
    ]

    public static func sizes(_ dtype: DType, _ sizes: [(Int, Int, Int)], seed: UInt64) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        return sizes.map { n, k, m in matmul(randomArray(dtype, [n, k], &rng), randomArray(dtype, [k, m], &rng)) }
    }

    public static func stacked(_ dtype: DType, seed: UInt64) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        return stackedShapes.map { matmul(randomArray(dtype, $0.0, &rng), randomArray(dtype, $0.1, &rng)) }
    }

    /// Every pair of operand layouts, for a matrix, a batch and a vector on either side.
    public static func everyLayoutCombination(_ dtype: DType, seed: UInt64) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        let a = randomArray(dtype, [9, 13], &rng), b = randomArray(dtype, [13, 11], &rng)
        let batchA = randomArray(dtype, [2, 5, 6], &rng), batchB = randomArray(dtype, [1, 6, 7], &rng)
        let vector = randomArray(dtype, [13], &rng)
        var cases: [MatrixProductCase] = []
        for left in OperandLayout.allCases {
            for right in OperandLayout.allCases {
                cases.append(matmul(a, b, layouts: [left, right]))
                cases.append(matmul(batchA, batchB, layouts: [left, right]))
            }
            for vectorLayout in [OperandLayout.c, .strided, .reversedRows] {
                cases.append(matmul(a, vector, layouts: [left, vectorLayout]))
                cases.append(matmul(vector, b, layouts: [vectorLayout, left]))
            }
        }
        return cases
    }

    /// `vecdot`, `matvec` and `vecmat` on vectors, stacks, empty cores and four layout pairs.
    public static func vectorProducts(_ dtype: DType, seed: UInt64) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        func product(_ name: String, _ gufunc: GUFunc, _ a: [Int], _ b: [Int], _ k: Int, _ layouts: [OperandLayout]) -> MatrixProductCase {
            MatrixProductCase("\(name) \(dtype) \(a)·\(b) \(layouts.map(\.rawValue))", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: layouts, numpy: "np.\(name)(a0, a1)", reduction: k) {
                try gufunc($0[0], $0[1])
            }
        }
        var cases: [MatrixProductCase] = []
        for layouts in [[OperandLayout.c, .c], [.fortran, .strided], [.reversedColumns, .reversedRows], [.fortranPadded, .paddedRows]] {
            cases += [
                product("vecdot", .vecdot, [5], [5], 5, layouts), product("vecdot", .vecdot, [3, 5], [5], 5, layouts),
                product("vecdot", .vecdot, [2, 1, 5], [4, 5], 5, layouts), product("vecdot", .vecdot, [0], [0], 0, layouts),
                product("matvec", .matvec, [3, 5], [5], 5, layouts), product("matvec", .matvec, [2, 3, 5], [5], 5, layouts),
                product("matvec", .matvec, [3, 5], [4, 5], 5, layouts), product("matvec", .matvec, [1, 5], [5], 5, layouts),
                product("matvec", .matvec, [3, 0], [0], 0, layouts),
                product("vecmat", .vecmat, [5], [5, 3], 5, layouts), product("vecmat", .vecmat, [4, 5], [5, 3], 5, layouts),
                product("vecmat", .vecmat, [5], [2, 5, 3], 5, layouts), product("vecmat", .vecmat, [5], [5, 1], 5, layouts),
            ]
        }
        return cases
    }

    /// `dot`, `inner`, `outer` and `tensordot` (0-d, empty and stacked operands) on views laid out as `layouts`.
    public static func dotInnerOuterTensordot(_ dtype: DType, seed: UInt64, layouts: [OperandLayout]) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        func make(_ numpy: String, _ a: [Int], _ b: [Int], _ k: Int, _ call: @escaping (NDArray, NDArray) throws -> NDArray) -> MatrixProductCase {
            MatrixProductCase("\(numpy) \(dtype) \(a)·\(b) \(layouts.map(\.rawValue))", [randomArray(dtype, a, &rng), randomArray(dtype, b, &rng)], layouts: layouts, numpy: numpy, reduction: k) {
                try call($0[0], $0[1])
            }
        }
        return [
            make("np.dot(a0, a1)", [3], [3], 3, NDArray.dot), make("np.dot(a0, a1)", [64], [64], 64, NDArray.dot),
            make("np.dot(a0, a1)", [2, 3], [3], 3, NDArray.dot), make("np.dot(a0, a1)", [3], [3, 4], 3, NDArray.dot),
            make("np.dot(a0, a1)", [2, 3], [3, 4], 3, NDArray.dot), make("np.dot(a0, a1)", [30, 40], [40, 20], 40, NDArray.dot),
            make("np.dot(a0, a1)", [2, 3, 4], [4], 4, NDArray.dot), make("np.dot(a0, a1)", [2, 3, 4], [5, 4, 6], 4, NDArray.dot),
            make("np.dot(a0, a1)", [], [3, 4], 1, NDArray.dot), make("np.dot(a0, a1)", [2, 0], [0, 3], 0, NDArray.dot),
            make("np.inner(a0, a1)", [2, 3], [4, 3], 3, NDArray.inner), make("np.inner(a0, a1)", [3], [3], 3, NDArray.inner),
            make("np.inner(a0, a1)", [7, 9], [8, 9], 9, NDArray.inner),
            make("np.inner(a0, a1)", [2, 5, 3], [3], 3, NDArray.inner), make("np.inner(a0, a1)", [4], [], 1, NDArray.inner),
            make("np.outer(a0, a1)", [3], [4], 1, NDArray.outer), make("np.outer(a0, a1)", [2, 2], [3], 1, NDArray.outer),
            make("np.tensordot(a0, a1)", [3, 4, 5], [4, 5, 6], 20) { try NDArray.tensordot($0, $1, axes: 2) },
            make("np.tensordot(a0, a1, axes=0)", [2, 3], [4], 1) { try NDArray.tensordot($0, $1, axes: 0) },
            make("np.tensordot(a0, a1, axes=([1,0],[1,2]))", [3, 4, 5], [5, 4, 3], 12) { try NDArray.tensordot($0, $1, axes: ([1, 0], [1, 2])) },
        ]
    }

    /// NaN and infinities in the operands, in two layouts and against a vector. Complex
    /// infinities depend on the order of the partial products, so complex dtypes get the
    /// matrix-vector case only, with real parts.
    public static func nanAndInfinity(_ dtype: DType, seed: UInt64) -> [MatrixProductCase] {
        var rng = SeededGenerator(seed: seed)
        var a = randomArray(.float64, [6, 5], &rng), b = randomArray(.float64, [5, 7], &rng), v = randomArray(.float64, [5], &rng)
        a.setItem(Double.nan, at: [0, 0])
        a.setItem(Double.infinity, at: [2, 3])
        b.setItem(-Double.infinity, at: [1, 4])
        b.setItem(Double.infinity, at: [3, 6])
        v.setItem(Double.infinity, at: [2])
        let (a1, b1, v1) = (a.astype(dtype), b.astype(dtype), v.astype(dtype))
        if dtype.isComplex { return [matmul(a1, v1)] }
        return [matmul(a1, b1), matmul(a1, b1, layouts: [.fortran, .reversedRows]), matmul(a1, v1), matmul(v1, b1)]
    }
}
