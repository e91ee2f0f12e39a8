import Foundation
import ComplexModule
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// Shapes and strides are held inline up to four axes (`InlineAxes`) and in one spilled
/// object above (`SpilledAxes`): every rank on both sides of that boundary, and views
/// that cross it, must behave exactly as NumPy's arrays do.
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
                switch Int.random(in: 0..<8, using: &rng) {
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
                case 5:
                    // Another rank for the same elements: across the inline capacity either way.
                    let newShape = InlineAxesTests.randomShape(size: view.size, rank: Int.random(in: 0...7, using: &rng), using: &rng)
                    view = view.reshaped(newShape)
                    expression = "\(expression).reshape(\(newShape))"
                case 6 where ndim < 7:
                    // New leading axes by broadcasting (zero strides).
                    let lead = (0..<Int.random(in: 1...(7 - ndim), using: &rng)).map { _ in Int.random(in: 1...2, using: &rng) }
                    let target = lead + view.shape
                    view = try view.broadcast(to: target)
                    expression = "np.broadcast_to(\(expression), \(target))"
                default:
                    view = view.reshaped([-1])
                    expression = "\(expression).reshape(-1)"
                }
            }
            let label = "trial \(trial): \(dtype) \(shape) -> \(expression) \(view.shape)"
            check(label, expression, base, view)
            // NumPy 2.4 gives empty arrays zero strides (`np.zeros((0, 3)).strides == (0, 0)`),
            // Tessera C-order ones: a difference that predates inline storage.
            // Strides of length-1 axes are never used, and NumPy's reshape leaves them as
            // it happens to compute them: compare the others.
            if view.size > 0 {
                let used = zip(view.strides, view.shape).filter { $0.1 != 1 }.map { Int64($0.0) }
                check("\(label) strides", "np.array([s for s, n in zip(\(expression).strides, \(expression).shape) if n != 1], dtype=np.int64)", base, NDArray(used))
            }
            check("\(label) + itself", "\(expression) + \(expression)", base, view + view)
            check("\(label) sum", "np.sum(\(expression))", base, view.sum())
            check("\(label) sum keepdims", "np.sum(\(expression), keepdims=True)", base, view.sum(keepdims: true))
            // Same shape, judged inline or spilled, against the shapes as arrays.
            let other = base.reshaped(InlineAxesTests.randomShape(size: base.size, rank: Int.random(in: 0...7, using: &rng), using: &rng))
            #expect(view.hasSameShape(as: other) == (view.shape == other.shape), "\(label) vs \(other.shape)")
            #expect(view.hasSameShape(as: view.copy()) && view.ndim == view.shape.count && view.size == view.shape.reduce(1, *))
            if view.ndim > 0 {
                let axis = Int.random(in: 0..<view.ndim, using: &rng)
                check("\(label) sum axis \(axis)", "np.sum(\(expression), axis=\(axis))", base, view.sum(axis: axis))
                check("\(label) sum axis \(axis) keepdims", "np.sum(\(expression), axis=\(axis), keepdims=True)", base, view.sum(axis: axis, keepdims: true))
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

    /// A rank-4 array reshaped to five axes and back to three, with the views, calls and
    /// reductions of each step, against NumPy (the boundary crossed on purpose, not by chance).
    @Test func reshapesAcrossTheInlineCapacity() throws {
        let batch = NumPyBatch()
        var checks: [(label: String, index: Int, actual: NDArray)] = []
        let base = NDArray((0..<120).map(Double.init), shape: [2, 3, 4, 5])
        func check(_ expression: String, _ actual: NDArray) {
            checks.append((expression, batch.add(expression, [base]), actual))
        }
        let five = base.reshaped([2, 3, 2, 2, 5])
        let three = five.reshaped([6, 4, 5])
        check("x0.reshape(2, 3, 2, 2, 5)", five)
        check("x0.reshape(2, 3, 2, 2, 5).reshape(6, 4, 5)", three)
        check("x0.reshape(2, 3, 2, 2, 5).transpose()", five.transposed())
        check("x0.reshape(2, 3, 2, 2, 5).transpose().reshape(5, 24)", five.transposed().reshaped([5, 24]))
        check("np.expand_dims(x0, 2)", base.expandedDims(axis: 2))
        check("np.expand_dims(x0, 2).squeeze()", base.expandedDims(axis: 2).squeezed())
        check("x0.reshape(2, 3, 2, 2, 5)[1, :, ::-1]", try five.indexed([.index(1), .all, .slice(nil, nil, -1)]))
        check("x0.reshape(2, 3, 2, 2, 5)[..., 0]", try five.indexed([.ellipsis, .index(0)]))
        check("x0.reshape(2, 3, 2, 2, 5) + x0.reshape(2, 3, 2, 2, 5)", five + five)
        check("x0.reshape(2, 3, 2, 2, 5) * x0.reshape(6, 4, 5)[:1, :1]", five * (try three.indexed([.slice(nil, 1, nil), .slice(nil, 1, nil)])))
        check("np.sum(x0.reshape(2, 3, 2, 2, 5), axis=(1, 3), keepdims=True)", five.sum(axes: [1, 3], keepdims: true))
        check("np.sum(x0.reshape(2, 3, 2, 2, 5), axis=(1, 3))", five.sum(axes: [1, 3]))
        check("np.sum(x0.reshape(2, 3, 2, 2, 5), keepdims=True)", five.sum(keepdims: true))
        check("np.cumsum(x0.reshape(2, 3, 2, 2, 5), axis=4)", five.cumsum(axis: 4))
        check("np.broadcast_to(x0, (1, 2, 2, 3, 4, 5))", try base.broadcast(to: [1, 2, 2, 3, 4, 5]))
        let outputs = try batch.run()
        for (label, index, actual) in checks {
            #expect(differenceFromNumPy(actual, outputs[index][0]) == nil, "\(label): \(differenceFromNumPy(actual, outputs[index][0]) ?? "")")
        }
        // Copies of a spilled array share its one spill object until the axes change.
        let copy = five
        #expect(copy.spilledAxes != nil && copy.spilledAxes === five.spilledAxes && three.spilledAxes == nil)
    }

    /// Setting shape and strides past the inline capacity and back keeps the unused
    /// inline slots zero (which comparing shapes relies on).
    @Test func settingAxesAcrossTheInlineCapacity() throws {
        var array = NDArray.zeros([2, 3])
        for rank in [0, 1, 4, 5, 7, 4, 2, 3] {
            array.setAxes(shape: AxisList([Int](repeating: 1, count: rank)), strides: AxisList([Int](repeating: 8, count: rank)))
            #expect(array.shape == [Int](repeating: 1, count: rank) && array.strides == [Int](repeating: 8, count: rank))
            #expect(array.ndim == rank && array.size == 1 && (array.spilledAxes != nil) == (rank > 4))
            let fresh = NDArray.zeros([Int](repeating: 1, count: rank))
            #expect(array.hasSameShape(as: fresh) && (rank > 4 || array.axes.sameShape(as: fresh.axes)))
        }
        array.strideList = AxisList([16, 8, 8])
        #expect(array.strides == [16, 8, 8] && array.shape == [1, 1, 1])
    }

    /// A shape of `rank` axes whose product is `size`.
    static func randomShape(size: Int, rank: Int, using rng: inout SeededGenerator) -> [Int] {
        if rank == 0 { return size == 1 ? [] : [size] }
        var shape = [Int](repeating: 1, count: rank)
        var rest = size
        for axis in 0..<(rank - 1) where rest > 1 {
            let divisors = (1...rest).filter { rest % $0 == 0 }
            let length = divisors[Int.random(in: 0..<divisors.count, using: &rng)]
            shape[axis] = length
            rest /= length
        }
        shape[rank - 1] = rest
        if size == 0 { shape[Int.random(in: 0..<rank, using: &rng)] = 0 }
        return shape.shuffled(using: &rng)
    }
}
