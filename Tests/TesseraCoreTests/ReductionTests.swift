import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Reductions against NumPy, bitwise: every axis combination of 0-d to 4-d inputs,
/// keepdims, initial, where, empty axes, integer upcasting; accumulate, outer, reduceat;
/// and the NDArray methods built on them.
@Suite struct ReductionTests {
    static func allAxisSets(_ ndim: Int) -> [[Int]?] {
        var sets: [[Int]?] = [nil]
        for mask in 0..<(1 << ndim) {
            sets.append((0..<ndim).filter { mask & (1 << $0) != 0 })
        }
        if ndim > 0 { sets.append([-1]) }
        return sets
    }

    static func python(_ axes: [Int]?) -> String {
        guard let axes else { return "None" }
        return "(" + axes.map(String.init).joined(separator: ",") + (axes.count == 1 ? ",)" : ")")
    }

    static let shapes: [[Int]] = [[], [7], [0], [3, 5], [4, 0], [2, 3, 4], [2, 1, 3, 5]]
    static let cases: [(String, DType)] = [
        ("add", .float64), ("add", .float32), ("add", .float16), ("add", .int8), ("add", .uint16), ("add", .bool),
        ("add", .complex64), ("multiply", .int32), ("multiply", .float64), ("maximum", .float64), ("minimum", .int16),
        ("fmax", .float32), ("logical_and", .float64), ("logical_or", .int8), ("bitwise_xor", .uint8),
    ]

    @Test func reduceAgreesWithNumPyOnEveryAxisCombination() throws {
        let registry = try scalarRegistry()
        let batch = NumPyBatch()
        var pending: [(String, () throws -> NDArray, Int)] = []
        for (name, dtype) in Self.cases {
            let ufunc = try UFunc.named(name)
            for (s, shape) in Self.shapes.enumerated() {
                let size = shape.reduce(1, *)
                let base = ArrayGenerators.values(dtype, count: Swift.max(size, 1), seed: UInt64(s + 11))
                let x = base.rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: dtype.itemSize))
                for axes in Self.allAxisSets(shape.count) {
                    for keepdims in [false, true] {
                        let expression = "np.\(name).reduce(x0, axis=\(Self.python(axes)), keepdims=\(keepdims ? "True" : "False"))"
                        let index = batch.add(expression, [x])
                        pending.append(("\(name) \(dtype) \(shape) axes \(String(describing: axes)) keepdims \(keepdims)", {
                            try ufunc.reduce(x, axes: axes, keepdims: keepdims)
                        }, index))
                    }
                }
                // initial and where.
                if !shape.isEmpty && size > 0 {
                    let mask = ArrayGenerators.values(.bool, count: size, seed: 99).rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: 1))
                    let expression = "np.\(name).reduce(x0, axis=0, initial=1, where=x1)"
                    let index = batch.add(expression, [x, mask])
                    pending.append(("\(name) \(dtype) \(shape) initial 1 where", {
                        try ufunc.reduce(x, axes: [0], initial: 1, where: mask)
                    }, index))
                }
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        Backends.withRegistry(registry) {
            for (label, compute, index) in pending {
                do {
                    let result = try compute()
                    if let difference = differenceFromNumPy(result, expected[index][0]) {
                        failures.append("\(label): \(difference)")
                    }
                } catch {
                    if expected[index][0].error == nil {
                        failures.append("\(label): Tessera threw \(error) but NumPy did not")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(pending.count) mismatches:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func emptyReductionWithoutIdentityIsAnError() throws {
        try Backends.withRegistry(scalarRegistry()) {
            let empty = NDArray.zeros([0], dtype: .float64)
            #expect(throws: TesseraError.self) { try UFunc.maximum.reduce(empty) }
            let withInitial = try UFunc.maximum.reduce(empty, initial: -5)
            #expect(withInitial.item(Double.self) == -5)
            #expect(try UFunc.add.reduce(empty).item(Double.self) == 0)
            #expect(throws: TesseraError.self) { try UFunc.add.reduce(NDArray.zeros([2, 2]), axes: [0, 0]) }
            #expect(throws: TesseraError.self) { try UFunc.subtract.reduce(NDArray.zeros([2, 2]), axes: [0, 1]) }
            #expect(throws: TesseraError.self) { try UFunc.add.reduce(NDArray.zeros([2, 2]), axis: 2) }
        }
    }

    @Test func accumulateOuterAndReduceatAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        let batch = NumPyBatch()
        var pending: [(String, () throws -> NDArray, Int)] = []
        for (name, dtype) in [("add", DType.float64), ("add", .int8), ("multiply", .float32), ("maximum", .float64), ("subtract", .int32), ("add", .bool)] {
            let ufunc = try UFunc.named(name)
            let x = ArrayGenerators.values(dtype, count: 24, seed: 5).rawView(shape: [2, 3, 4], strides: NDArray.contiguousStrides(shape: [2, 3, 4], itemSize: dtype.itemSize))
            for axis in [0, 1, 2, -1] {
                pending.append(("\(name).accumulate \(dtype) axis \(axis)", { try ufunc.accumulate(x, axis: axis) }, batch.add("np.\(name).accumulate(x0, axis=\(axis))", [x])))
            }
            let y = ArrayGenerators.values(dtype, count: 5, seed: 6)
            let v = ArrayGenerators.values(dtype, count: 3, seed: 7)
            pending.append(("\(name).outer \(dtype)", { try ufunc.outer(v, y) }, batch.add("np.\(name).outer(x0, x1)", [v, y])))
            let flat = ArrayGenerators.values(dtype, count: 10, seed: 8)
            pending.append(("\(name).reduceat \(dtype)", { try ufunc.reduceat(flat, indices: [0, 4, 1, 5, 9]) }, batch.add("np.\(name).reduceat(x0, [0, 4, 1, 5, 9])", [flat])))
        }
        let expected = try batch.run()
        var failures: [String] = []
        Backends.withRegistry(registry) {
            for (label, compute, index) in pending {
                do {
                    if let difference = differenceFromNumPy(try compute(), expected[index][0]) { failures.append("\(label): \(difference)") }
                } catch {
                    failures.append("\(label): threw \(error); NumPy: \(expected[index][0].error ?? "ok")")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func methodsAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        let batch = NumPyBatch()
        var pending: [(String, () -> NDArray, Int)] = []
        for dtype in [DType.float64, .float32, .float16, .int16, .uint8, .bool, .complex128] {
            let x = ArrayGenerators.values(dtype, count: 60, seed: 3).rawView(shape: [3, 4, 5], strides: NDArray.contiguousStrides(shape: [3, 4, 5], itemSize: dtype.itemSize))
            for axis in [nil, 0, 2] as [Int?] {
                let a = axis.map(String.init) ?? "None"
                pending.append(("sum \(dtype) \(a)", { x.sum(axis: axis) }, batch.add("x0.sum(axis=\(a))", [x])))
                pending.append(("prod \(dtype) \(a)", { x.prod(axis: axis) }, batch.add("x0.prod(axis=\(a))", [x])))
                pending.append(("mean \(dtype) \(a)", { x.mean(axis: axis) }, batch.add("x0.mean(axis=\(a))", [x])))
                pending.append(("any \(dtype) \(a)", { x.any(axis: axis) }, batch.add("np.asarray(x0.any(axis=\(a)))", [x])))
                pending.append(("all \(dtype) \(a)", { x.all(axis: axis) }, batch.add("np.asarray(x0.all(axis=\(a)))", [x])))
                pending.append(("cumsum \(dtype) \(a)", { x.cumsum(axis: axis) }, batch.add("x0.cumsum(axis=\(a))", [x])))
                if dtype != .complex128 {
                    pending.append(("max \(dtype) \(a)", { x.max(axis: axis) }, batch.add("x0.max(axis=\(a))", [x])))
                    pending.append(("min \(dtype) \(a)", { x.min(axis: axis) }, batch.add("x0.min(axis=\(a))", [x])))
                }
                pending.append(("argmax \(dtype) \(a)", { x.argmax(axis: axis) }, batch.add("np.asarray(x0.argmax(axis=\(a)))", [x])))
                pending.append(("argmin \(dtype) \(a)", { x.argmin(axis: axis) }, batch.add("np.asarray(x0.argmin(axis=\(a)))", [x])))
            }
            pending.append(("clip \(dtype)", { x.clip(min: 0, max: 2) }, batch.add("np.clip(x0, 0, 2)", [x])))
            if dtype.isFloatingPoint {
                // Ties between signed zeros: NumPy's clip keeps the element at the lower bound.
                pending.append(("clip \(dtype) -0.0 0.0", { x.clip(min: -0.0, max: 0.0) }, batch.add("np.clip(x0, -0.0, 0.0)", [x])))
                pending.append(("clip \(dtype) 0.0 -0.0", { x.clip(min: 0.0, max: -0.0) }, batch.add("np.clip(x0, 0.0, -0.0)", [x])))
                pending.append(("clip \(dtype) nan", { x.clip(min: -1.0, max: Double.nan) }, batch.add("np.clip(x0, -1.0, np.nan)", [x])))
                // With array bounds NumPy's float32/float64 clip returns the upper bound on a tie
                // (its scalar-bound path keeps the element): compared within the zero-sign slack.
                let bounds = NDArray.zeros([5], dtype: dtype), negativeZeros = NDArray([Double](repeating: -0.0, count: 5)).astype(dtype)
                pending.append(("clip-array \(dtype)", { x.clip(min: negativeZeros, max: bounds) }, batch.add("np.clip(x0, -np.zeros(5, x0.dtype), np.zeros(5, x0.dtype))", [x])))
            }
            let condition = ArrayGenerators.values(.bool, count: 60, seed: 4).rawView(shape: [3, 4, 5], strides: NDArray.contiguousStrides(shape: [3, 4, 5], itemSize: 1))
            pending.append(("where \(dtype)", { `where`(condition, x, 7) }, batch.add("np.where(x1, x0, 7)", [x, condition])))
        }
        let expected = try batch.run()
        var failures: [String] = []
        Backends.withRegistry(registry) {
            for (label, compute, index) in pending {
                // max/min and complex prod reduce with ufuncs whose NumPy results depend on
                // its CPU path (Tessera's rules are checked exactly in CPUIndependentRulesTests).
                let result = compute()
                let ufunc = ["max": "maximum", "min": "minimum", "prod": "multiply", "clip-array": "maximum"][String(label.split(separator: " ")[0])] ?? ""
                var slack = NumPyPathSlack.forUFunc(ufunc, input: result.dtype)
                if case .complexProduct = slack { slack = .complexProduct(products: 60) }
                if let difference = differenceFromNumPy(result, expected[index][0], slack: slack) { failures.append("\(label): \(difference)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(pending.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }
}
