import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// The small-call path (`UFunc+FastPath.swift`) must give what the general path gives —
/// the same values bit for bit, dtype, shape and strides — and what NumPy gives, for every
/// spelling that reaches it: operators, free functions, `try ufunc(a, b)`, `call`.
@Suite("Small calls: the fast path agrees with the general path and with NumPy")
struct SmallCallPathTests {
    /// One call: inputs, a NumPy expression over `x0, x1`, and the Tessera ufunc.
    struct Case {
        let ufunc: UFunc
        let inputs: [any UFuncOperand]
        let numpy: String
        let label: String
    }

    static func cases() throws -> [Case] {
        var rng = SeededGenerator(seed: 0x5EED_CA11)
        func random(_ shape: [Int], _ dtype: DType) -> NDArray {
            let count = shape.reduce(1, *)
            let values = (0..<count).map { _ in Double(Int.random(in: -40...40, using: &rng)) / 4 + 0.125 }
            return NDArray(values, shape: shape).astype(dtype)
        }
        var cases: [Case] = []
        func add(_ name: String, _ inputs: [any UFuncOperand], _ numpy: String, _ label: String) throws {
            cases.append(Case(ufunc: try UFunc.named(name), inputs: inputs, numpy: numpy, label: "\(name) \(label)"))
        }
        for name in ["add", "subtract", "multiply", "divide", "less", "maximum", "arctan2", "floor_divide"] {
            let expression = "np.\(name)(x0, x1)"
            for dtype in [DType.float64, .float32, .int32, .int8, .uint16] where !(name == "arctan2" && !dtype.isInexact) {
                for n in [0, 1, 7, 300] {
                    try add(name, [random([n], dtype), random([n], dtype)], expression, "\(dtype)[\(n)] contiguous")
                }
                // Small broadcasts and non-contiguous layouts (the broadcasting branch).
                try add(name, [random([4, 1], dtype), random([1, 2], dtype)], expression, "\(dtype) (4,1)+(1,2)")
                try add(name, [random([3], dtype), random([2, 3], dtype)], expression, "\(dtype) (3,)+(2,3)")
                try add(name, [random([], dtype), random([5], dtype)], expression, "\(dtype) 0-d + (5,)")
                try add(name, [random([3, 4], dtype).transposed(), random([4, 3], dtype)], expression, "\(dtype) transposed + C")
                try add(name, [random([3, 4], dtype).transposed(), random([3, 4], dtype).transposed()], expression, "\(dtype) both Fortran-ordered")
                try add(name, [random([9], dtype)[.slice(nil, nil, -2)], random([5], dtype)], expression, "\(dtype) reversed stride 2")
                try add(name, [random([2, 0], dtype), random([1, 0], dtype)], expression, "\(dtype) empty broadcast")
            }
            // Weak Swift scalars meet arrays of every kind (NEP 50), and operands that need
            // casts to the loop (chunked through stack buffers: 1000 > the 256-element chunk).
            try add(name, [random([6], .int8), 3], "np.\(name)(x0, 3)", "int8 with Swift Int")
            try add(name, [2.5, random([6], .float32)], "np.\(name)(2.5, x0)", "Swift Double with float32")
            try add(name, [random([1000], .int32), random([1000], .int32)], expression, "int32[1000] (casts for divide)")
            try add(name, [random([1000], .int8), random([1000], .float32)], expression, "int8 + float32 [1000]")
            try add(name, [random([], .int16), random([600], .float64)], expression, "0-d int16 + float64[600]")
        }
        for name in ["exp", "sqrt", "negative", "absolute", "isnan"] {
            for dtype in [DType.float64, .float32, .int64, .int16] where !(name == "isnan" && !dtype.isInexact) {
                for n in [0, 1, 9, 700] {
                    try add(name, [random([n], dtype)], "np.\(name)(x0)", "\(dtype)[\(n)]")
                }
                try add(name, [random([4, 5], dtype).transposed()], "np.\(name)(x0)", "\(dtype) transposed")
                try add(name, [random([], dtype)], "np.\(name)(x0)", "\(dtype) 0-d")
            }
        }
        return cases
    }

    @Test("bitwise the general path's result, NumPy's values")
    func agreesWithGeneralPathAndNumPy() throws {
        let registry = try scalarRegistry()
        try Backends.withRegistry(registry) {
            let cases = try Self.cases()
            let batch = NumPyBatch()
            var arrays: [[NDArray]] = []
            for item in cases {
                let inputs = item.inputs.compactMap { $0 as? NDArray }
                arrays.append(inputs)
                _ = batch.add(item.numpy, inputs)
            }
            let expected = try batch.run()
            var failures: [String] = []
            for (index, item) in cases.enumerated() {
                let fast = try item.ufunc.call(item.inputs)[0]
                // The general path: a `where:` that selects everything.
                let shape = try broadcastShapes(arrays[index].map(\.shape))
                let everything = NDArray(Array(repeating: true, count: shape.reduce(1, *)), shape: shape)
                let general = try item.ufunc.call(item.inputs, where: everything)[0]
                if fast.dtype != general.dtype || fast.shape != general.shape || fast.strides != general.strides
                    || fast.cOrderBytes != general.cOrderBytes
                {
                    failures.append("\(item.label): fast \(fast.dtype) \(fast.shape) strides \(fast.strides) vs general \(general.dtype) \(general.shape) strides \(general.strides)")
                    continue
                }
                // The spellings without an array of operands take the same path.
                if item.inputs.count == 2, let x = item.inputs[0] as? NDArray, let y = item.inputs[1] as? NDArray {
                    let direct = try item.ufunc(x, y)
                    if direct.cOrderBytes != fast.cOrderBytes || direct.strides != fast.strides { failures.append("\(item.label): try ufunc(x, y) differs") }
                }
                if item.inputs.count == 1, let x = item.inputs[0] as? NDArray {
                    let direct = try item.ufunc(x)
                    if direct.cOrderBytes != fast.cOrderBytes { failures.append("\(item.label): try ufunc(x) differs") }
                }
                // NumPy's vector exp and arctan2 may differ from glibc's in the last bit;
                // their values are checked by the loop tests, the path's equality above.
                if !["exp", "arctan2"].contains(item.ufunc.name), let difference = differenceFromNumPy(fast, expected[index][0]) {
                    failures.append("\(item.label): \(difference)")
                }
            }
            #expect(cases.count > 500)
            #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(cases.count) cases:\n" + failures.prefix(20).joined(separator: "\n")))
        }
    }

    @Test("whole-array reductions: bitwise the general walk's result, NumPy's values")
    func smallFullReductions() throws {
        try Backends.withRegistry(try scalarRegistry()) {
            var rng = SeededGenerator(seed: 0xAD0)
            let batch = NumPyBatch()
            var checks: [(NDArray, String, NDArray)] = []
            var failures: [String] = []
            for dtype in [DType.float64, .float32, .int64, .complex128] {
                // Above 8192 elements the one call spans several of the walk's buffers.
                for shape in [[1], [2], [8], [300], [4, 5], [2, 3, 7], [8192], [8193], [3, 7001], [100_003]] {
                    let count = shape.reduce(1, *)
                    let values = (0..<count).map { _ in Double.random(in: -1...1, using: &rng) * 1e3 }
                    let array = NDArray(values, shape: shape).astype(dtype)
                    let everything = NDArray(Array(repeating: true, count: count), shape: shape)
                    for (ufunc, numpy) in [(UFunc.add, "np.add.reduce(x0, axis=None)"), (UFunc.multiply, "np.multiply.reduce(x0, axis=None)"), (UFunc.maximum, "np.maximum.reduce(x0, axis=None)")] {
                        if ufunc === UFunc.maximum && dtype == .complex128 { continue }
                        let fast = try ufunc.reduce(array, axes: nil)
                        let kept = try ufunc.reduce(array, axes: nil, keepdims: true)
                        // The general walk: a mask selecting everything (an identity is needed),
                        // or a reversed view for `maximum`, whose selection does not depend on order.
                        if ufunc !== UFunc.maximum {
                            let general = try ufunc.reduce(array, axes: nil, where: everything)
                            if fast.cOrderBytes != general.cOrderBytes || fast.shape != general.shape || fast.dtype != general.dtype {
                                failures.append("\(ufunc.name) \(dtype) \(shape): fast \(fast) vs general \(general)")
                            }
                        }
                        if kept.shape != [Int](repeating: 1, count: shape.count) || kept.cOrderBytes != fast.cOrderBytes {
                            failures.append("\(ufunc.name) \(dtype) \(shape) keepdims: \(kept.shape)")
                        }
                        checks.append((fast, "\(ufunc.name) \(dtype) \(shape)", array))
                        _ = batch.add(numpy, [array])
                    }
                }
            }
            let expected = try batch.run()
            for (index, check) in checks.enumerated() {
                // Products and sums of 10^3-sized floats: NumPy's pairwise order is the same, so bitwise.
                if let difference = differenceFromNumPy(check.0, expected[index][0]) { failures.append("\(check.1): \(difference)") }
            }
            #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
        }
    }

    @Test("any and all of long contiguous arrays: one call with its early exit, NumPy's values")
    func wholeLogicalReductions() throws {
        try Backends.withRegistry(try scalarRegistry()) {
            let batch = NumPyBatch()
            var checks: [(NDArray, String)] = []
            for count in [8193, 20_000, 1_000_003] {
                // The one differing element at the start, in the middle, at the end, or none.
                for position in [0, count / 2, count - 1, -1] {
                    for base in [false, true] {
                        var values = [Bool](repeating: base, count: count)
                        if position >= 0 { values[position] = !base }
                        let array = NDArray(values, shape: [count])
                        let label = "\(count) \(base) at \(position)"
                        checks.append((array.any(), "any " + label))
                        _ = batch.add("np.any(x0)", [array])
                        checks.append((array.all(), "all " + label))
                        _ = batch.add("np.all(x0)", [array])
                        let general = try UFunc.logicalOr.reduce(array, axes: nil, where: NDArray(Array(repeating: true, count: count), shape: [count]))
                        #expect(general.cOrderBytes == array.any().cOrderBytes, "any \(label): the general walk differs")
                    }
                }
            }
            let expected = try batch.run()
            var failures: [String] = []
            for (index, check) in checks.enumerated() {
                if let difference = differenceFromNumPy(check.0, expected[index][0]) { failures.append("\(check.1): \(difference)") }
            }
            #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
        }
    }

    @Test("the small-call path only takes calls a threading backend would never split")
    func limitsStayBelowTheSplitThreshold() {
        for limit in [UFunc.fastCastLimit, UFunc.fastBroadcastLimit, UFunc.fastReduceLimit] {
            #expect(limit < Threading.minimumSplitCount)
        }
        #expect(UFunc.fastReduceLimit < Threading.minimumReductionSplitCount)
    }

    @Test("a resolution cached for one registry is not served to another, nor after a loop is replaced")
    func resolutionCacheFollowsTheRegistry() throws {
        let first = try scalarRegistry()
        let second = try scalarRegistry()
        let a = NDArray([1.0, 2.0, 3.0])
        let original = try Backends.withRegistry(first) { try UFunc.add(a, a) }
        #expect(original.toArray(Double.self) == [2, 4, 6])
        // Replace `add dd->d` in the second registry by a loop that writes 42.
        let signature = try LoopSignature("dd->d")
        let constant = InnerLoop(signature: signature, function: { args, count, steps, _ in
            let out = args![2]!
            for index in 0..<count { (out + index * steps![2]).storeBytes(of: 42.0, as: Double.self) }
        }, backend: "test")
        try second.replaceLoop(for: .add, signature: signature, with: constant)
        #expect(try Backends.withRegistry(second) { try UFunc.add(a, a) }.toArray(Double.self) == [42, 42, 42])
        #expect(try Backends.withRegistry(first) { try UFunc.add(a, a) }.toArray(Double.self) == [2, 4, 6])
        // Restoring bumps the generation: the cached replacement is not used again.
        try second.restore(for: .add, signature: signature)
        #expect(try Backends.withRegistry(second) { try UFunc.add(a, a) }.toArray(Double.self) == [2, 4, 6])
    }

    @Test("a Swift integer that does not fit the array's dtype is an error, even for an empty result")
    func weakScalarCheckedOnEmptyResults() throws {
        func check() throws {
            for shape in [[0], [1, 0], [3, 0, 2]] {
                let empty = NDArray.zeros(shape, dtype: .uint8)
                #expect(throws: TesseraError.self) { try UFunc.bitwiseOr(-2, empty) }
                #expect(throws: TesseraError.self) { try UFunc.add(empty, -300) }
                let fine = try UFunc.add(empty, 3)
                #expect(fine.shape == shape)
            }
            // The broadcasting branch too.
            #expect(throws: TesseraError.self) { try UFunc.add(NDArray.zeros([2, 0], dtype: .uint8), -1) }
        }
        try Backends.withRegistry(try scalarRegistry()) { try check() }
    }

    @Test("element access by integers reads the element the general subscript selects")
    func integerSubscripts() throws {
        let values = (0..<60).map { Double($0) * 1.5 - 7 }
        let cube = NDArray(values, shape: [3, 4, 5])
        let matrix = cube[1]
        let vector = matrix[2]
        let column = matrix[.all, 3]  // strided 1-D view
        for i in -3..<3 { for j in -4..<4 { for k in -5..<5 {
            let expected = values[((i + 3) % 3) * 20 + ((j + 4) % 4) * 5 + (k + 5) % 5]
            #expect(cube[i, j, k] as Double == expected)
        } } }
        for i in -4..<4 { for j in -5..<5 { #expect(matrix[i, j] as Double == values[20 + ((i + 4) % 4) * 5 + (j + 5) % 5]) } }
        for i in -5..<5 { #expect(vector[i] as Double == values[30 + (i + 5) % 5]) }
        for i in 0..<4 { #expect(column[i] as Double == values[20 + i * 5 + 3]) }
        // Cast with NumPy's rules, as `item`: float64 -> Int32 truncates.
        #expect(matrix[0, 1] as Int32 == Int32(values[21]))
        // A different number of integers than axes: the general subscript's answer.
        #expect(NDArray([5.0], shape: [1, 1])[0] as Double == 5.0)
    }
}

extension NDArray {
    /// The elements' bytes in C order.
    fileprivate var cOrderBytes: Data {
        let contiguous = copy(order: .c)
        return contiguous.nbytes == 0 ? Data() : Data(bytes: contiguous.baseAddress, count: contiguous.nbytes)
    }
}
