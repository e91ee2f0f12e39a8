import Foundation
import ComplexModule
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// Shapes and strides are held inline up to four axes and in an array above
/// (`AxisList`): every rank on both sides of that boundary, and views that cross it,
/// must behave exactly as NumPy's arrays do.
@Suite("Inline shapes and strides")
struct InlineAxesTests {
    /// `AxisList` against `[Int]` as the model, through random edits that cross the
    /// inline capacity in both directions.
    @Test func axisListBehavesAsAnArray() {
        var rng = SeededGenerator(seed: 0xA7E5_0001)
        for _ in 0..<400 {
            var model = (0..<Int.random(in: 0...7, using: &rng)).map { _ in Int.random(in: -9...9, using: &rng) }
            var list = AxisList(model)
            for _ in 0..<12 {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0:
                    let value = Int.random(in: -9...9, using: &rng)
                    model.append(value); list.append(value)
                case 1 where !model.isEmpty:
                    let position = Int.random(in: 0..<model.count, using: &rng)
                    #expect(model.remove(at: position) == list.remove(at: position))
                case 2:
                    let position = Int.random(in: 0...model.count, using: &rng)
                    model.insert(7, at: position); list.insert(7, at: position)
                case 3 where !model.isEmpty:
                    let position = Int.random(in: 0..<model.count, using: &rng)
                    model[position] = -model[position] + 1; list[position] = -list[position] + 1
                default:
                    let count = Int.random(in: 0...6, using: &rng)
                    model = [Int](repeating: count, count: count); list = AxisList(repeating: count, count: count)
                }
                #expect(list.array == model && Array(list) == model && list.count == model.count, "\(list) vs \(model)")
                #expect(list == AxisList(model) && list == model && list.hashValue == AxisList(model).hashValue)
                #expect(list.product == model.reduce(1, *) && list.description == model.description)
                #expect(AxisList(model.lazy.map { $0 }) == list, "from a sequence")
            }
            let other = AxisList(model + [1])
            #expect(other != list && !(other == model))
        }
    }

    /// Random arrays of rank 0 to 7, walked through chains of views (transposes, reversed
    /// and stepped slices, integer indices, new and squeezed axes, reshapes): shape,
    /// strides and values of each view, an elementwise call, a broadcast call, sums and
    /// element reads, all against NumPy.
    @Test func viewsOfEveryRankMatchNumPy() throws {
        var rng = SeededGenerator(seed: 0xA7E5_0002)
        let batch = NumPyBatch()
        var checks: [(label: String, index: Int, actual: NDArray)] = []
        func check(_ label: String, _ expression: String, _ base: NDArray, _ actual: NDArray) {
            checks.append((label, batch.add(expression, [base]), actual))
        }
        var reads: [(label: String, index: Int, value: Double)] = []

        for trial in 0..<160 {
            let rank = Int.random(in: 0...7, using: &rng)
            let shape = (0..<rank).map { _ in Int.random(in: 0..<20, using: &rng) == 0 ? 0 : Int.random(in: 1...3, using: &rng) }
            let dtype = [DType.float64, .int32, .int8, .complex128][Int.random(in: 0..<4, using: &rng)]
            let count = shape.reduce(1, *)
            let values = (0..<count).map { _ in Double(Int.random(in: -9...9, using: &rng)) }
            let base = NDArray(values, shape: shape).astype(dtype)
            var view = base
            var expression = "x0"
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let ndim = view.ndim
                switch Int.random(in: 0..<6, using: &rng) {
                case 0 where ndim > 0:
                    let axes = Array(0..<ndim).shuffled(using: &rng)
                    view = view.transposed(axes: axes)
                    expression = "\(expression).transpose(\(axes))"
                case 1 where ndim > 0:
                    let axis = Int.random(in: 0..<ndim, using: &rng)
                    let step = [-1, 2, -2][Int.random(in: 0..<3, using: &rng)]
                    var indices = [NDIndex](repeating: .all, count: axis)
                    indices.append(.slice(nil, nil, step))
                    view = try view.indexed(indices)
                    expression = "\(expression)[\(String(repeating: ":, ", count: axis))::\(step)]"
                case 2 where ndim > 0 && view.shape[0] > 0:
                    let position = -Int.random(in: 1...view.shape[0], using: &rng)
                    view = try view.indexed([.index(position)])
                    expression = "\(expression)[\(position)]"
                case 3:
                    let axis = Int.random(in: 0...ndim, using: &rng)
                    view = view.expandedDims(axis: axis)
                    expression = "np.expand_dims(\(expression), \(axis))"
                case 4:
                    view = view.squeezed()
                    expression = "\(expression).squeeze()"
                default:
                    view = view.reshaped([-1])
                    expression = "\(expression).reshape(-1)"
                }
            }
            let label = "trial \(trial): \(dtype) \(shape) -> \(expression) \(view.shape)"
            check(label, expression, base, view)
            // NumPy 2.4 gives empty arrays zero strides (`np.zeros((0, 3)).strides == (0, 0)`),
            // Tessera C-order ones: a difference that predates inline storage.
            if view.size > 0 {
                check("\(label) strides", "np.array(\(expression).strides, dtype=np.int64)", base, NDArray(view.strides.map(Int64.init)))
            }
            check("\(label) + itself", "\(expression) + \(expression)", base, view + view)
            check("\(label) sum", "np.sum(\(expression))", base, view.sum())
            if view.ndim > 0 {
                let axis = Int.random(in: 0..<view.ndim, using: &rng)
                check("\(label) sum axis \(axis)", "np.sum(\(expression), axis=\(axis))", base, view.sum(axis: axis))
                // A broadcast against the view's first column.
                let column = try view.indexed([.ellipsis, .slice(nil, 1, nil)])
                check("\(label) broadcast", "\(expression) * \(expression)[..., :1]", base, view * column)
                if view.size > 0 {
                    let index = view.shape.map { Int.random(in: 0..<$0, using: &rng) }
                    let value: Double = dtype == .complex128 ? view.item(at: index, as: Complex<Double>.self).real : view.item(at: index, as: Double.self)
                    reads.append(("\(label) item \(index)", batch.add("np.float64(np.real(\(expression)[\(index.map(String.init).joined(separator: ", "))]))", [base]), value))
                    if view.ndim == 2 {
                        let element: Double = dtype == .complex128 ? (view[index[0], index[1]] as Complex<Double>).real : view[index[0], index[1]]
                        reads.append(("\(label) [i, j]", reads.last!.index, element))
                    }
                }
            }
        }
        let outputs = try batch.run()
        for (label, index, actual) in checks {
            #expect(differenceFromNumPy(actual, outputs[index][0]) == nil, "\(label): \(differenceFromNumPy(actual, outputs[index][0]) ?? "")")
        }
        for (label, index, value) in reads {
            let output = outputs[index][0]
            let expected = output.bytes.withUnsafeBytes { $0.loadUnaligned(as: Double.self) }
            #expect(output.error == nil && value == expected, "\(label): \(value) vs NumPy \(expected) \(output.error ?? "")")
        }
    }

    /// A view's shape and strides can be set past the inline capacity and back.
    @Test func settingShapeAndStridesAcrossTheInlineCapacity() throws {
        var array = NDArray.zeros([2, 3])
        for rank in [0, 1, 4, 5, 7, 4, 2] {
            array.shapeList = AxisList([Int](repeating: 1, count: rank))
            array.strideList = AxisList([Int](repeating: 8, count: rank))
            #expect(array.shape == [Int](repeating: 1, count: rank) && array.strides == [Int](repeating: 8, count: rank))
            #expect(array.ndim == rank && array.size == 1)
        }
    }
}
