import Foundation
import Testing
import Tessera
import _TesseraTestSupport

// Bitwise parity with NumPy where its results depend on how a loop is called:
//
// - `maximum`, `minimum`, `fmax`, `fmin` on float32/float64 pick between +0.0 and −0.0 by
//   the path their loop takes and, on some paths, by an element's position within the
//   call (Backends/Scalar/Support/ExtremumLoops.swift);
// - complex `multiply`, `square` and `absolute` round differently on their vector (FMA)
//   and scalar paths, chosen by stride and overlap (ElementwiseLoops.swift);
// - which calls a loop gets — counts, strides, aliasing — is NumPy's iterator's
//   (Sources/TesseraCore/Iteration/UFuncExecution.swift).
//
// The loop tests call NumPy's own inner loops (`ufunc._get_strided_loop`) and Tessera's
// with the same memory, counts and strides; the call tests run the same ufunc calls on
// the same views through both libraries. Everything must agree bit for bit (any NaN
// equals any NaN).

/// Values that make ties between +0.0 and −0.0 common.
private func tieValues<T: BinaryFloatingPoint>(_ count: Int, _ rng: inout SeededGenerator, as _: T.Type) -> [T] {
    let pool: [T] = [0, -0.0, 0, -0.0, 0, -0.0, 1, -1, .nan, .infinity, -.infinity]
    return (0..<count).map { _ in pool.randomElement(using: &rng)! }
}

/// Values whose complex products round differently with and without FMA.
private func complexParts(_ count: Int, _ rng: inout SeededGenerator) -> [Double] {
    let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e308, -1e308, 1e-310, 3.4e38, 1e-40]
    return (0..<count).map { _ in
        if Int.random(in: 0..<12, using: &rng) == 0 { return specials.randomElement(using: &rng)! }
        return Double.random(in: -1...1, using: &rng) * Foundation.exp2(Double(Int.random(in: -8...8, using: &rng)))
    }
}

private func bytes<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }

/// The elements of two images that differ (as `T`, any NaN equal to any NaN).
private func differingElements<T: BinaryFloatingPoint>(_ a: Data, _ b: Data, as _: T.Type) -> [Int] {
    let x = a.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    let y = b.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    return x.indices.filter { i in
        !(x[i].isNaN && y[i].isNaN) && !(x[i] == y[i] && x[i].sign == y[i].sign)
    }
}

/// Runs `calls` on a 64-byte-aligned copy of `image` with the active registry's loops.
private func runTessera(_ image: Data, _ calls: [NumPyInnerLoops.Call], registry: LoopRegistry) throws -> Data {
    let memory = UnsafeMutableRawPointer.allocate(byteCount: image.count + 64, alignment: 64)
    defer { memory.deallocate() }
    image.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: image.count) }
    for call in calls {
        let ufunc = try UFunc.named(call.ufunc)
        let operands = call.types.map { Character($0) }
        let text = String(operands.prefix(ufunc.inputCount)) + "->" + String(operands.dropFirst(ufunc.inputCount))
        let loop = try #require(registry.loop(for: ufunc, signature: try LoopSignature(text)), "no loop \(text) for \(call.ufunc)")
        var args: [UnsafeMutableRawPointer?] = call.offsets.map { memory + $0 }
        var steps = call.steps
        args.withUnsafeMutableBufferPointer { args in
            steps.withUnsafeMutableBufferPointer { steps in
                loop.function(UnsafePointer(args.baseAddress!), call.count, UnsafePointer(steps.baseAddress!), loop.data)
            }
        }
    }
    return Data(bytes: memory, count: image.count)
}

/// Operand layouts in elements: input strides, output stride, and how the output aliases.
private struct LoopLayout: CustomStringConvertible {
    enum Alias { case separate, firstInput, secondInput, shiftedAfterFirst, shiftedBeforeFirst, reduction }
    let steps: [Int]
    let alias: Alias
    var description: String { "steps \(steps) \(alias)" }
}

private let binaryLayouts: [LoopLayout] = [
    .init(steps: [1, 1, 1], alias: .separate), .init(steps: [0, 1, 1], alias: .separate), .init(steps: [1, 0, 1], alias: .separate),
    .init(steps: [0, 0, 1], alias: .separate), .init(steps: [2, 1, 1], alias: .separate), .init(steps: [1, 3, 1], alias: .separate),
    .init(steps: [1, 1, 2], alias: .separate), .init(steps: [1, -1, 1], alias: .separate), .init(steps: [-1, 1, 1], alias: .separate),
    .init(steps: [1, 1, -1], alias: .separate), .init(steps: [-2, -2, -2], alias: .separate), .init(steps: [0, -1, 1], alias: .separate),
    .init(steps: [1, 1, 0], alias: .separate),
    .init(steps: [1, 1, 1], alias: .firstInput), .init(steps: [1, 1, 1], alias: .secondInput), .init(steps: [2, 1, 2], alias: .firstInput),
    .init(steps: [1, 1, 1], alias: .shiftedAfterFirst), .init(steps: [1, 1, 1], alias: .shiftedBeforeFirst),
    .init(steps: [0, 1, 0], alias: .reduction), .init(steps: [0, 2, 0], alias: .reduction), .init(steps: [0, -1, 0], alias: .reduction),
    .init(steps: [0, 0, 0], alias: .reduction),
]

/// Byte offsets of three operand regions (each `span` elements, with room for negative
/// strides) and the call for `layout`.
private func binaryCall(_ ufunc: String, types: [String], itemSizes: [Int], count: Int, layout: LoopLayout, region: Int) -> NumPyInnerLoops.Call {
    func start(_ base: Int, _ step: Int, _ itemSize: Int) -> Int { base + (step < 0 ? -step * itemSize * (count - 1) : 0) }
    let regions = [64, 64 + region, 64 + 2 * region]
    var offsets = (0..<3).map { start(regions[$0], layout.steps[$0], itemSizes[$0]) }
    switch layout.alias {
    case .separate: break
    case .firstInput, .reduction: offsets[2] = offsets[0]
    case .secondInput: offsets[2] = offsets[1]
    case .shiftedAfterFirst: offsets[2] = offsets[0] + itemSizes[0]
    case .shiftedBeforeFirst: offsets[2] = offsets[0] - itemSizes[0]
    }
    return NumPyInnerLoops.Call(ufunc: ufunc, types: types, count: count, offsets: offsets, steps: zip(layout.steps, itemSizes).map { $0 * $1 })
}

@Suite("Signed zeros and FMA paths: NumPy's results on every layout", .serialized)
struct SignedZeroAndFMAPathTests {
    static let lengths = Array(1...70) + [127, 128, 129, 255, 256, 257, 1000]

    // MARK: Loops

    @Test("exactly the loops whose results depend on their calls say so, through the OpenMP wrapper too")
    func callLayoutFlags() throws {
        let sensitive: Set<String> = ["fmax ff->f", "fmax dd->d", "fmin ff->f", "fmin dd->d", "multiply FF->F", "multiply DD->D",
                                      "square F->F", "square D->D", "absolute F->f", "absolute D->d"]
        for configuration in ["scalar", "all"] {
            let registry = try Backends.makeRegistry(configuration)
            var flagged: Set<String> = []
            for name in registry.ufuncNames {
                guard let ufunc = try? UFunc.named(name), ufunc.name == name else { continue }
                for loop in registry.loops(for: ufunc) where loop.dependsOnCallLayout { flagged.insert("\(name) \(loop.signature)") }
            }
            #expect(flagged == sensitive, "\(configuration): \(flagged.symmetricDifference(sensitive).sorted())")
        }
    }

    @Test("maximum/minimum/fmax/fmin loops agree with NumPy's on every path and length", arguments: ["e", "f", "d", "F", "D"])
    func extremumLoops(_ type: String) throws {
        var rng = SeededGenerator(seed: 11 + UInt64(type.unicodeScalars.first!.value))
        let itemSize = ["e": 2, "f": 4, "d": 8, "F": 8, "D": 16][type]!
        let oracle = NumPyInnerLoops()
        var images: [(label: String, image: Data, calls: [NumPyInnerLoops.Call])] = []
        func image(_ byteCount: Int) -> Data {
            switch type {
            case "e": return bytes(tieValues(byteCount / 2, &rng, as: Float16.self))
            case "f", "F": return bytes(tieValues(byteCount / 4, &rng, as: Float.self))
            default: return bytes(tieValues(byteCount / 8, &rng, as: Double.self))
            }
        }
        // float16 and complex loops are plain element-by-element loops in NumPy: a few
        // lengths suffice; float32/float64 lengths cover the vector widths and tails.
        let lengths = type == "f" || type == "d" ? Self.lengths : [1, 2, 3, 5, 8, 17, 33, 70]
        for ufunc in ["maximum", "minimum", "fmax", "fmin"] {
            for layout in binaryLayouts {
                for count in lengths {
                    let region = (3 * count + 8) * itemSize
                    let data = image(64 + 3 * region + 64)
                    let call = binaryCall(ufunc, types: [type, type, type], itemSizes: [itemSize, itemSize, itemSize], count: count, layout: layout, region: region)
                    images.append(("\(ufunc) \(type) n=\(count) \(layout)", data, [call]))
                    oracle.add(image: data, calls: [call])
                }
            }
        }
        let expected = try oracle.run()
        let registry = try Backends.makeRegistry("scalar")
        var failures: [String] = []
        for (index, item) in images.enumerated() {
            let actual = try runTessera(item.image, item.calls, registry: registry)
            let bad: [Int]
            switch type {
            case "e": bad = differingElements(actual, expected[index], as: Float16.self)
            case "f", "F": bad = differingElements(actual, expected[index], as: Float.self)
            default: bad = differingElements(actual, expected[index], as: Double.self)
            }
            if !bad.isEmpty { failures.append("\(item.label): elements \(bad.prefix(8))") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(images.count) calls differ from NumPy's loop:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("complex multiply/square/absolute loops take NumPy's FMA or scalar path on every layout", arguments: ["F", "D"])
    func complexLoops(_ type: String) throws {
        var rng = SeededGenerator(seed: type == "F" ? 21 : 22)
        let item = type == "F" ? 8 : 16, part = item / 2
        let real = type == "F" ? "f" : "d"
        let oracle = NumPyInnerLoops()
        var images: [(label: String, image: Data, calls: [NumPyInnerLoops.Call])] = []
        let unaryLayouts: [[Int]] = [[1, 1], [0, 1], [2, 1], [1, 2], [-1, 1], [1, -1], [-2, -2], [0, -1], [1, 0], [2, 2], [3, 1]]
        func image(_ bytesCount: Int) -> Data {
            let parts = complexParts(bytesCount / part + 1, &rng)
            return type == "F" ? bytes(parts.map { Float($0) }) : bytes(parts)
        }
        for count in [1, 2, 3, 5, 8, 9, 17, 33, 64] {
            for layout in binaryLayouts {
                let region = (3 * count + 8) * item
                let call = binaryCall("multiply", types: [type, type, type], itemSizes: [item, item, item], count: count, layout: layout, region: region)
                let data = image(64 + 3 * region + 64)
                images.append(("multiply \(type) n=\(count) \(layout)", data, [call]))
                oracle.add(image: data, calls: [call])
            }
            for (ufunc, outputItem, outputType) in [("square", item, type), ("absolute", part, real)] {
                for steps in unaryLayouts {
                    for inPlace in [false, true] where !inPlace || (ufunc == "square" && steps[0] == steps[1] && steps[0] != 0) {
                        let region = (3 * count + 8) * item
                        let input = 64 + (steps[0] < 0 ? -steps[0] * item * (count - 1) : 0)
                        let output = inPlace ? input : 64 + region + (steps[1] < 0 ? -steps[1] * outputItem * (count - 1) : 0)
                        let call = NumPyInnerLoops.Call(ufunc: ufunc, types: [type, outputType], count: count, offsets: [input, output], steps: [steps[0] * item, steps[1] * outputItem])
                        let data = image(64 + 2 * region + 64)
                        images.append(("\(ufunc) \(type) n=\(count) steps \(steps)\(inPlace ? " in place" : "")", data, [call]))
                        oracle.add(image: data, calls: [call])
                    }
                }
            }
        }
        let expected = try oracle.run()
        let registry = try Backends.makeRegistry("scalar")
        var failures: [String] = []
        for (index, item) in images.enumerated() {
            let actual = try runTessera(item.image, item.calls, registry: registry)
            let bad = type == "F" ? differingElements(actual, expected[index], as: Float.self) : differingElements(actual, expected[index], as: Double.self)
            if !bad.isEmpty { failures.append("\(item.label): parts \(bad.prefix(8))") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(images.count) calls differ from NumPy's loop:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    // MARK: Calls

    /// One ufunc call in both libraries: a NumPy expression over `x0, x1, …` and the same in Swift.
    struct CallCase {
        let numpy: String
        let inputs: [NDArray]
        let swift: ([NDArray]) throws -> NDArray
    }

    static func signedZeros(_ dtype: DType, _ shape: [Int], _ rng: inout SeededGenerator) -> NDArray {
        let count = shape.reduce(1, *)
        switch dtype {
        case .float16: return NDArray(tieValues(count, &rng, as: Float16.self), shape: shape)
        case .float32: return NDArray(tieValues(count, &rng, as: Float.self), shape: shape)
        case .float64: return NDArray(tieValues(count, &rng, as: Double.self), shape: shape)
        case .int16: return NDArray((0..<count).map { _ in Int16.random(in: -1...1, using: &rng) }, shape: shape)
        case .complex64, .complex128:
            let parts = complexParts(2 * count, &rng)
            let values = (0..<count).map { Complex<Double>(parts[2 * $0], parts[2 * $0 + 1]) }
            return NDArray(values, shape: shape).astype(dtype)
        default: preconditionFailure("no generator for \(dtype)")
        }
    }

    /// Compares every case under each configuration; returns the failures.
    static func check(_ cases: [CallCase], configurations: [String]) throws -> [String] {
        let batch = NumPyBatch()
        for c in cases { batch.add("np.asarray(\(c.numpy))", c.inputs) }
        let expected = try batch.run()
        var failures: [String] = []
        for configuration in configurations {
            let registry = try Backends.makeRegistry(configuration)
            Backends.withRegistry(registry) {
                for (c, reference) in zip(cases, expected) {
                    do {
                        let result = try c.swift(c.inputs)
                        if let difference = differenceFromNumPy(result, reference[0]) {
                            failures.append("[\(configuration)] \(c.numpy) \(c.inputs.map { "\($0.dtype)\($0.shape)" }): \(difference)")
                        }
                    } catch {
                        failures.append("[\(configuration)] \(c.numpy): Tessera threw \(error)")
                    }
                }
            }
        }
        return failures
    }

    @Test("fmax/fmin/maximum/minimum calls on every layout give NumPy's signed zeros", arguments: [DType.float16, .float32, .float64])
    func extremumCalls(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 31 + UInt64(dtype.itemSize))
        var cases: [CallCase] = []
        let s = Int?.none
        for name in ["fmax", "fmin", "maximum", "minimum"] {
            let f = try UFunc.named(name)
            for n in 1...70 {
                let a = Self.signedZeros(dtype, [2 * n], &rng), b = Self.signedZeros(dtype, [2 * n], &rng)
                let m = NDArray((0..<(2 * n)).map { _ in Bool.random(using: &rng) }, shape: [2 * n])
                let ints = Self.signedZeros(.int16, [n], &rng)
                let first = try a.indexed([.slice(0, n)]), second = try b.indexed([.slice(0, n)])
                cases += [
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[:\(n)])", inputs: [a, b]) { _ in try f(first, second) },
                    CallCase(numpy: "np.\(name)(x0[::2], x1[::2])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, 2)]), x[1].indexed([.slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name)(x0[::-2], x1[:\(n)])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, -2)]), second) },
                    CallCase(numpy: "np.\(name)(x0[\(n):0:-1], x1[:\(n)])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(n, 0, -1)]), second) },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], -0.0)", inputs: [a]) { _ in try f(first, -0.0) },
                    CallCase(numpy: "np.\(name)(0.0, x0[:\(n)])", inputs: [a]) { _ in try f(0.0, first) },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[\(n)])", inputs: [a, b]) { x in try f(first, x[1].indexed([.index(n)])) },
                    CallCase(numpy: "np.\(name)(x0, x1, out=x0)", inputs: [a, b]) { x in try f.call([x[0], x[1]], out: [x[0]])[0] },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[:\(n)], out=x1[\(n)::-1][:\(n)])", inputs: [a, b]) { x in
                        try f.call([first, second], out: [x[1].indexed([.slice(n, s, -1)]).indexed([.slice(s, n)])])[0]
                    },
                    CallCase(numpy: "np.\(name)(x0, x1, out=x1.copy(), where=x2)", inputs: [a, b, m]) { x in try f.call([x[0], x[1]], out: [x[1].copy()], where: x[2])[0] },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1)", inputs: [a, ints]) { x in try f(first, x[1]) },
                    CallCase(numpy: "np.\(name).reduce(x0[:\(n)])", inputs: [a]) { _ in try f.reduce(first) },
                    CallCase(numpy: "np.\(name).reduce(x0[::2])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name).reduce(x0[::-1])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, -1)])) },
                    CallCase(numpy: "np.\(name).accumulate(x0[:\(n)])", inputs: [a]) { _ in try f.accumulate(first) },
                ]
            }
            // Two dimensions: transposes, reversed axes, broadcasting, reductions along each axis.
            for (rows, columns) in [(3, 5), (4, 17), (7, 9), (2, 33), (16, 16), (1, 40), (40, 1)] {
                let a = Self.signedZeros(dtype, [rows, columns], &rng), b = Self.signedZeros(dtype, [columns, rows], &rng)
                let row = Self.signedZeros(dtype, [1, columns], &rng), column = Self.signedZeros(dtype, [rows, 1], &rng)
                cases += [
                    CallCase(numpy: "np.\(name)(x0, x1.T)", inputs: [a, b]) { x in try f(x[0], x[1].transposed()) },
                    CallCase(numpy: "np.\(name)(x0.T, x1)", inputs: [a, b]) { x in try f(x[0].transposed(), x[1]) },
                    CallCase(numpy: "np.\(name)(x0[::-1, ::-1], x1.T[:, ::-1])", inputs: [a, b]) { x in
                        try f(x[0].indexed([.slice(s, s, -1), .slice(s, s, -1)]), x[1].transposed().indexed([.all, .slice(s, s, -1)]))
                    },
                    CallCase(numpy: "np.\(name)(x0, x1)", inputs: [row, column]) { x in try f(x[0], x[1]) },
                    CallCase(numpy: "np.\(name)(x0[:, ::2], x1[:, ::2])", inputs: [a, row]) { x in try f(x[0].indexed([.all, .slice(s, s, 2)]), x[1].indexed([.all, .slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name).reduce(x0, axis=0)", inputs: [a]) { x in try f.reduce(x[0], axis: 0) },
                    CallCase(numpy: "np.\(name).reduce(x0, axis=1)", inputs: [a]) { x in try f.reduce(x[0], axis: 1) },
                    CallCase(numpy: "np.\(name).reduce(x0.T, axis=1)", inputs: [a]) { x in try f.reduce(x[0].transposed(), axis: 1) },
                    CallCase(numpy: "np.\(name).accumulate(x0, axis=1)", inputs: [a]) { x in try f.accumulate(x[0], axis: 1) },
                    CallCase(numpy: "np.\(name).accumulate(x0[::-1], axis=0)", inputs: [a]) { x in try f.accumulate(x[0].indexed([.slice(s, s, -1)]), axis: 0) },
                ]
            }
        }
        let failures = try Self.check(cases, configurations: ["scalar"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    /// A random view of a fresh base array: strided and reversed axes, maybe transposed.
    struct RandomView {
        let base: NDArray
        let slices: [(start: Int, stop: Int?, step: Int)]
        let perm: [Int]?

        /// A view of exactly `shape` (after its transpose).
        init(_ dtype: DType, shape: [Int], _ rng: inout SeededGenerator) {
            let perm = shape.count > 1 && Bool.random(using: &rng) ? Array(0..<shape.count).shuffled(using: &rng) : nil
            var sliced = shape
            if let perm { for i in perm.indices { sliced[perm[i]] = shape[i] } }
            var baseShape: [Int] = [], slices: [(Int, Int?, Int)] = []
            for n in sliced {
                let step = [1, 1, 2, -1, -2, 3].randomElement(using: &rng)!
                let pad = Int.random(in: 0...2, using: &rng)
                let length = n * Swift.abs(step) + pad
                baseShape.append(length)
                if step > 0 {
                    let start = Int.random(in: 0...pad, using: &rng)
                    slices.append((start, start + n * step, step))
                } else {
                    let start = (n - 1) * -step + Int.random(in: 0..<(-step), using: &rng) + Int.random(in: 0...pad, using: &rng) / 2
                    let stop = start + n * step
                    slices.append((start, stop < 0 ? nil : stop, step))
                }
            }
            base = SignedZeroAndFMAPathTests.signedZeros(dtype, baseShape, &rng)
            self.slices = slices
            self.perm = perm
        }

        init(base: NDArray, slices: [(start: Int, stop: Int?, step: Int)], perm: [Int]?) {
            self.base = base
            self.slices = slices
            self.perm = perm
        }

        func python(_ name: String) -> String {
            if slices.isEmpty { return name }
            let text = slices.map { "\($0.start):\($0.stop.map(String.init) ?? ""):\($0.step)" }.joined(separator: ", ")
            return "\(name)[\(text)]" + (perm.map { ".transpose(\($0.map(String.init).joined(separator: ", ")))" } ?? "")
        }

        func view(_ array: NDArray) throws -> NDArray {
            if slices.isEmpty { return array }
            let v = try array.indexed(slices.map { .slice($0.start, $0.stop, $0.step) })
            return perm.map { v.transposed(axes: $0) } ?? v
        }

        /// The shape before `perm` is applied (what `shape:` asked for).
        var shape: [Int] {
            let sliced = slices.map { s -> Int in
                let stop = s.stop ?? -1
                return s.step > 0 ? (stop - s.start + s.step - 1) / s.step : (s.start - stop + (-s.step) - 1) / -s.step
            }
            return perm.map { p in p.map { sliced[$0] } } ?? sliced
        }
    }

    @Test("fmax/fmin/maximum on random views, broadcasts, casts, out: and where: call their loops as NumPy does")
    func randomLayouts() throws {
        var rng = SeededGenerator(seed: 61)
        var cases: [CallCase] = []
        for index in 0..<800 {
            let name = ["fmax", "fmin", "fmax", "maximum"].randomElement(using: &rng)!
            let f = try UFunc.named(name)
            let ndim = [1, 2, 2, 3, 3, 4].randomElement(using: &rng)!
            let shape = (0..<ndim).map { _ in [1, 2, 3, 5, 8, 9, 17].randomElement(using: &rng)! }
            let types: [DType] = [.float64, .float64, .float32, .float32, .float16, .int16]
            let first = RandomView(types.randomElement(using: &rng)!, shape: shape, &rng)
            // The second operand broadcasts: a suffix of the shape, some axes 1.
            var second = first.shape
            if Bool.random(using: &rng) {
                second = second.map { Int.random(in: 0..<4, using: &rng) == 0 ? 1 : $0 }
                second = Array(second.suffix(Int.random(in: 0...second.count, using: &rng)))
            }
            let other = RandomView(types.randomElement(using: &rng)!, shape: second, &rng)
            let resultShape = first.shape.count >= second.count ? first.shape : second
            var inputs = [first.base, other.base]
            var expression = "np.\(name)(\(first.python("x0")), \(other.python("x1"))"
            var out: RandomView? = nil, mask: RandomView? = nil
            if index % 4 == 1 {
                out = RandomView([.float64, .float32].randomElement(using: &rng)!, shape: resultShape, &rng)
                inputs.append(out!.base)
                expression += ", out=\(out!.python("x2"))"
            }
            if index % 8 == 3 {
                let maskView = RandomView(.int16, shape: resultShape, &rng)
                let maskBase = NDArray((0..<maskView.base.size).map { _ in Bool.random(using: &rng) }, shape: maskView.base.shape)
                mask = RandomView(base: maskBase, slices: maskView.slices, perm: maskView.perm)
                out = out ?? RandomView(.float64, shape: resultShape, &rng)
                if inputs.count == 2 {
                    inputs.append(out!.base)
                    expression += ", out=\(out!.python("x2"))"
                }
                inputs.append(maskBase)
                expression += ", where=\(mask!.python("x3"))"
            }
            expression += ")"
            let (firstView, otherView, outView, maskViewCopy) = (first, other, out, mask)
            cases.append(CallCase(numpy: expression, inputs: inputs) { x in
                let a = try firstView.view(x[0]), b = try otherView.view(x[1])
                let o = try outView.map { try $0.view(x[2]) }
                let m = try maskViewCopy.map { try $0.view(x[3]) }
                return try f.call([a, b], out: o.map { [$0] }, where: m)[0]
            })
        }
        let failures = try Self.check(cases, configurations: ["scalar", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test("large fmax/fmin/maximum calls split across threads keep NumPy's signed zeros")
    func largeExtremumCalls() throws {
        var rng = SeededGenerator(seed: 41)
        var cases: [CallCase] = []
        let s = Int?.none
        for dtype in [DType.float32, .float64] {
            for name in ["fmax", "fmin", "maximum"] {
                let f = try UFunc.named(name)
                for n in [16_385, 20_001, 40_007] {
                    let a = Self.signedZeros(dtype, [2 * n], &rng), b = Self.signedZeros(dtype, [2 * n], &rng)
                    let first = try a.indexed([.slice(3, 3 + n)]), second = try b.indexed([.slice(1, 1 + n)])
                    cases += [
                        CallCase(numpy: "np.\(name)(x0[3:\(3 + n)], x1[1:\(1 + n)])", inputs: [a, b]) { _ in try f(first, second) },
                        CallCase(numpy: "np.\(name)(x0[::2], x1[1::2])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, 2)]), x[1].indexed([.slice(1, s, 2)])) },
                        CallCase(numpy: "np.\(name)(x0[3:\(3 + n)], -0.0)", inputs: [a]) { _ in try f(first, -0.0) },
                        CallCase(numpy: "np.\(name).reduce(x0)", inputs: [a]) { x in try f.reduce(x[0]) },
                        CallCase(numpy: "np.\(name).reduce(x0[::3])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, 3)])) },
                    ]
                }
            }
        }
        // Reductions whose result is a zero: which zero wins depends on the order of the ties.
        for dtype in [DType.float16, .float32, .float64] {
            for (name, sign) in [("maximum", -1.0), ("fmax", -1.0), ("minimum", 1.0), ("fmin", 1.0)] {
                let f = try UFunc.named(name)
                let n = 40_000
                let values = (0..<n).map { _ in [0.0, -0.0, sign, .nan].randomElement(using: &rng)! }
                let clean = values.map { $0.isNaN ? -0.0 : $0 }
                for data in [clean, values] where name.hasPrefix("f") || data == clean {
                    let a = NDArray(data, shape: [n]).astype(dtype)
                    cases.append(CallCase(numpy: "np.\(name).reduce(x0)", inputs: [a]) { x in try f.reduce(x[0]) })
                    cases.append(CallCase(numpy: "np.\(name).reduce(x0[::-1])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, -1)])) })
                }
            }
        }
        let failures = try Self.check(cases, configurations: ["scalar", "openmp", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test("complex multiply/square/absolute calls on strided, reversed and permuted views round as NumPy's", arguments: [DType.complex64, .complex128])
    func complexCalls(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 51 + UInt64(dtype.itemSize))
        var cases: [CallCase] = []
        let s = Int?.none
        let x = Self.signedZeros(dtype, [8, 4, 4, 6], &rng), y = Self.signedZeros(dtype, [8, 4, 4, 6], &rng)
        // The views as NumPy slices and as Tessera indices.
        let views: [(String, (NDArray) throws -> NDArray)] = [
            ("[7:0:-2, 2:4:1, 0:4:1, 4:1:-2]", { try $0.indexed([.slice(7, 0, -2), .slice(2, 4, 1), .slice(0, 4, 1), .slice(4, 1, -2)]) }),
            ("[::-1]", { try $0.indexed([.slice(s, s, -1)]) }),
            ("[:, ::-1, :, ::2]", { try $0.indexed([.all, .slice(s, s, -1), .all, .slice(s, s, 2)]) }),
            ("[::-1, ::-1, ::-1, ::-1]", { try $0.indexed([.slice(s, s, -1), .slice(s, s, -1), .slice(s, s, -1), .slice(s, s, -1)]) }),
            (".transpose(3, 1, 0, 2)", { $0.transposed(axes: [3, 1, 0, 2]) }),
            ("[1, :, ::-1, 3]", { try $0.indexed([.index(1), .all, .slice(s, s, -1), .index(3)]) }),
            ("[2, 1, :, ::-1]", { try $0.indexed([.index(2), .index(1), .all, .slice(s, s, -1)]) }),
            ("[::3, 0, 0, :]", { try $0.indexed([.slice(s, s, 3), .index(0), .index(0), .all]) }),
            ("[:, :, :, :]", { $0 }),
        ]
        for (text, view) in views {
            cases += [
                CallCase(numpy: "np.absolute(x0\(text))", inputs: [x]) { a in try UFunc.absolute(view(a[0])) },
                CallCase(numpy: "np.square(x0\(text))", inputs: [x]) { a in try UFunc.square(view(a[0])) },
                CallCase(numpy: "np.multiply(x0\(text), x1\(text))", inputs: [x, y]) { a in try UFunc.multiply(view(a[0]), view(a[1])) },
                CallCase(numpy: "np.multiply(x0\(text), x1[0, 0, 0, 0])", inputs: [x, y]) { a in try UFunc.multiply(view(a[0]), a[1].indexed([.index(0), .index(0), .index(0), .index(0)])) },
                CallCase(numpy: "np.multiply(x0\(text), x0\(text), out=x0\(text))", inputs: [x]) { a in
                    let v = try view(a[0])
                    return try UFunc.multiply.call([v, v], out: [v])[0]
                },
                CallCase(numpy: "np.square(x0\(text), out=x0\(text))", inputs: [x]) { a in
                    let v = try view(a[0])
                    return try UFunc.square.call([v], out: [v])[0]
                },
            ]
        }
        // One-element reversed views: NumPy's single call passes the 1-D stride as it is.
        let line = Self.signedZeros(dtype, [3], &rng)
        cases += [
            CallCase(numpy: "np.absolute(x0[1:0:-1])", inputs: [line]) { a in try UFunc.absolute(a[0].indexed([.slice(1, 0, -1)])) },
            CallCase(numpy: "np.square(x0[2:0:-2])", inputs: [line]) { a in try UFunc.square(a[0].indexed([.slice(2, 0, -2)])) },
            CallCase(numpy: "np.multiply(x0[1:0:-1], x0[:1])", inputs: [line]) { a in try UFunc.multiply(a[0].indexed([.slice(1, 0, -1)]), a[0].indexed([.slice(s, 1)])) },
        ]
        for axis in 0..<4 {
            cases.append(CallCase(numpy: "np.multiply.reduce(x0, axis=\(axis))", inputs: [x]) { a in try UFunc.multiply.reduce(a[0], axis: axis) })
            cases.append(CallCase(numpy: "np.multiply.reduce(x0[::-1, :, ::2], axis=\(axis))", inputs: [x]) { a in
                try UFunc.multiply.reduce(a[0].indexed([.slice(s, s, -1), .all, .slice(s, s, 2)]), axis: axis)
            })
        }
        cases.append(CallCase(numpy: "np.multiply.accumulate(x0, axis=3)", inputs: [x]) { a in try UFunc.multiply.accumulate(a[0], axis: 3) })
        let failures = try Self.check(cases, configurations: ["scalar", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }
}
