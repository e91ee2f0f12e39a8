import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Every loop of the arithmetic, comparison, logical and bitwise families against
/// NumPy, bitwise (within ``NumPyPathSlack`` where NumPy's result depends on its CPU), on
/// every dtype and layout (contiguous, strided, negative stride,
/// broadcast, transposed, 0-d, empty, `where:` with `out:`).
@Suite struct UFuncLoopTests {
    static let families = [
        "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "fmod", "divmod",
        "negative", "positive", "absolute", "sign", "square", "reciprocal",
        "maximum", "minimum", "fmax", "fmin",
        "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
        "logical_and", "logical_or", "logical_xor", "logical_not",
        "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift",
    ]

    /// Views with the same values in NumPy: (Tessera view, Python expression of the view).
    static func layouts(_ base: NDArray, name: String, second: Bool) -> [(String, NDArray, String)] {
        let item = base.itemSize
        let n = base.size  // 60
        var result: [(String, NDArray, String)] = []
        result.append(("contiguous", base.rawView(shape: [37], strides: [item]), "\(name)[:37]"))
        result.append(("strided", base.rawView(shape: [30], strides: [2 * item]), "\(name)[::2]"))
        result.append(("reversed", base.rawView(shape: [n], strides: [-item], byteOffset: (n - 1) * item), "\(name)[::-1]"))
        result.append(("transposed", base.rawView(shape: [6, 10], strides: [item, 6 * item]), "\(name).reshape(10, 6).T"))
        result.append(("zero-d", base.rawView(shape: [], strides: [], byteOffset: 3 * item), "\(name)[3]"))
        result.append(("empty", base.rawView(shape: [0, 4], strides: [4 * item, item]), "\(name)[:0].reshape(0, 4)"))
        if second {
            result.append(("broadcast", base.rawView(shape: [1, 7], strides: [0, item]), "\(name)[:7].reshape(1, 7)"))
        } else {
            result.append(("broadcast", base.rawView(shape: [5, 1], strides: [item, 0]), "\(name)[:5].reshape(5, 1)"))
        }
        return result
    }

    @Test(arguments: families)
    func loopsAgreeWithNumPy(_ name: String) throws {
        let registry = try scalarRegistry()
        let ufunc = try UFunc.named(name)
        let loops = registry.loops(for: ufunc)
        #expect(!loops.isEmpty, "no scalar loops for \(name)")
        let batch = NumPyBatch()
        var pending: [(String, [NDArray], Int)] = []
        for loop in loops {
            let types = loop.signature.inputs
            let isShift = name.hasSuffix("_shift")
            let bases = types.enumerated().map { index, type in
                ArrayGenerators.values(type, count: 60, seed: UInt64(index + 1), shiftAmounts: isShift && index == 1)
            }
            let layoutSets = types.indices.map { Self.layouts(bases[$0], name: "x\($0)", second: $0 == 1) }
            for layoutIndex in layoutSets[0].indices {
                let (layoutName, _, _) = layoutSets[0][layoutIndex]
                let operands = types.indices.map { layoutSets[$0][layoutIndex].1 }
                let expressions = types.indices.map { layoutSets[$0][layoutIndex].2 }
                let sig = "'\(loop.signature)'"
                let index = batch.add("np.\(name)(\(expressions.joined(separator: ", ")), signature=\(sig))", bases)
                pending.append(("\(loop.signature) \(layoutName)", operands, index))
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        try Backends.withRegistry(registry) {
            for (label, operands, index) in pending {
                let outputs: [NDArray]
                do {
                    outputs = try ufunc.call(operands, signature: String(label.split(separator: " ")[0]))
                } catch {
                    if expected[index].first?.error == nil { failures.append("\(label): Tessera threw \(error)") }
                    continue
                }
                // Bitwise, but where NumPy's own result depends on its CPU path (Tessera
                // keeps one rule there, checked exactly in CPUIndependentRulesTests).
                let signature = try LoopSignature(String(label.split(separator: " ")[0]))
                let slack = NumPyPathSlack.forUFunc(name, input: signature.inputs[0])
                for (output, reference) in zip(outputs, expected[index]) {
                    if let difference = differenceFromNumPy(output, reference, slack: slack) {
                        failures.append("\(name) \(label): \(difference)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(8).joined(separator: "\n"))")
    }
}
