import Foundation
import Testing
@testable import TesseraCore
import _TesseraTestSupport

/// SPEC section 5.1's joining, indexing and selection lines, compiled as written and
/// checked against NumPy on the same data.
@Suite("Multiarray spellings")
struct MultiarraySpellingTests {
    @Test("SPEC 5.1 joining, indexing and selection lines compile and agree with NumPy")
    func specLines() throws {
        let a = NDArray([1.0, 2.0, 3.0, 4.0], shape: [2, 2])
        // exp is inexact (its last bit depends on the backend and TESSERA_MAX_ISA): NumPy
        // joins Tessera's values, not its own exp.
        let b = exp(a) + 1
        // The spellings, exactly as SPEC 5.1 writes them.
        let j = concatenate([a, b], axis: 0)          // axis: nil flattens first
        let st = stack([a, b], axis: 1)
        let parts: [NDArray] = split(a, sections: 2, axis: 0)
        let parts2: [NDArray] = split(a, at: [1, 3], axis: 1)
        let t = tile(a, [2, 1]);  let r = a.repeated(3, axis: 0)
        let m = moveAxis(a, 0, -1)                    // np.moveaxis
        let pos = a[a .> 2]                           // np: a[a > 2]
        let rows = a[NDArray([1, 0, 1] as [Int64])]   // np: a[[1, 0, 1]]
        let mixed = a[NDArray([1, 0] as [Int64]), 1...]      // mixed advanced + basic, NumPy's rules
        var w = a; w[w .> 2] = 0.0                    // assignment through a mask or index array
        let sel = try a.indexed([.array(NDArray([0, 1] as [Int64])), .all])   // throwing form
        let tk = a.take(NDArray([0, 1] as [Int64]), axis: 1)
        let ta = takeAlongAxis(a, a.argsort(axis: 1), axis: 1)
        let nz: [NDArray] = nonzero(a .> 2);  let aw = argwhere(a .> 2)
        let dg = a.diagonal(offset: 0);  let up = triu(a, k: 0);  let lo = tril(a, k: -1)

        let expressions: [(String, [NDArray], [NDArray])] = [
            ("np.concatenate([x0, x1], axis=0)", [a, b], [j]),
            ("np.stack([x0, x1], axis=1)", [a, b], [st]),
            ("tuple(np.split(x0, 2, axis=0))", [a], parts),
            ("tuple(np.split(x0, [1, 3], axis=1))", [a], parts2),
            ("np.tile(x0, [2, 1])", [a], [t]),
            ("x0.repeat(3, axis=0)", [a], [r]),
            ("np.moveaxis(x0, 0, -1)", [a], [m]),
            ("x0[x0 > 2]", [a], [pos]),
            ("x0[[1, 0, 1]]", [a], [rows]),
            ("x0[[1, 0], 1:]", [a], [mixed]),
            ("setitem(x0, x0 > 2, 0.0)", [a], [w]),
            ("x0[[0, 1], :]", [a], [sel]),
            ("x0.take([0, 1], axis=1)", [a], [tk]),
            ("np.take_along_axis(x0, x0.argsort(axis=1), axis=1)", [a], [ta]),
            ("np.nonzero(x0 > 2)", [a], nz),
            ("np.argwhere(x0 > 2)", [a], [aw]),
            ("x0.diagonal(offset=0)", [a], [dg]),
            ("np.triu(x0, k=0)", [a], [up]),
            ("np.tril(x0, k=-1)", [a], [lo]),
        ]
        let preamble = "def setitem(a, i, v):\n    a = a.copy(); a[i] = v; return a\n"
        let oracle = NumPyBatch(preamble: preamble)
        for (expression, inputs, _) in expressions { oracle.add(expression, inputs) }
        let outputs = try oracle.run()
        for ((expression, _, results), expected) in zip(expressions, outputs) {
            #expect(results.count == expected.count, "\(expression): \(results.count) results, NumPy \(expected.count)")
            for (result, output) in zip(results, expected) {
                let difference = differenceFromNumPy(result, output)
                #expect(difference == nil, "\(expression): \(difference ?? "")")
            }
        }
        // Basic indexing stays a view; advanced indexing copies.
        #expect(a[0...].sharesMemory(with: a))
        #expect(!rows.sharesMemory(with: a))
        #expect(a.toArray(Double.self) == [1, 2, 3, 4], "assignment through w must not change a")
    }

    @Test("index errors name the axis, the index and the size")
    func errors() throws {
        let a = NDArray.zeros([2, 3])
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { _ = try a.indexed([.all, .array(NDArray([0, 3] as [Int64]))]) }.contains("index 3 is out of bounds for axis 1 with size 3"))
        #expect(message { _ = try a.indexed([.array(NDArray([-3] as [Int64]))]) }.contains("index -3 is out of bounds for axis 0 with size 2"))
        #expect(message { _ = try a.indexed([.array(NDArray([true, false, true]))]) }.contains("boolean index did not match indexed array along axis 0; size of axis is 2 but size of corresponding boolean axis is 3"))
        #expect(message { _ = try a.indexed([.array(NDArray([0.0]))]) }.contains("integer (or boolean)"))
        #expect(message { _ = try a.indexed([.array(NDArray([0, 1] as [Int64])), .array(NDArray([0, 1, 2] as [Int64]))]) }.contains("could not be broadcast"))
        var b = a
        #expect(message { try b.assign(NDArray.zeros([4]), at: [.array(NDArray([0, 1] as [Int64]))]) }.contains("could not be broadcast to indexing result of shape [2, 3]"))
        #expect(message { _ = try NDArray.concatenate([a, NDArray.zeros([2, 2])], axis: 0) }.contains("along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2"))
        #expect(message { _ = try NDArray.concatenate([a], axis: 2) }.contains("axis 2 is out of bounds"))
        // The throwing forms of the functions whose free forms stop on a bad axis.
        #expect(message { _ = try NDArray.flip(a, axis: 2) }.contains("axis 2 is out of bounds for array of dimension 2"))
        #expect(message { _ = try NDArray.flip(a, axes: [0, -2]) }.contains("appears more than once"))
        #expect(message { _ = try NDArray.roll(a, 1, axis: -3) }.contains("axis -3 is out of bounds for array of dimension 2"))
        #expect(message { _ = try NDArray.moveAxis(a, 0, 2) }.contains("axis 2 is out of bounds for array of dimension 2"))
        #expect(try NDArray.flip(a, axes: [0, 1]).shape == [2, 3])
        #expect(try NDArray.roll(NDArray.arange(4), 1).toArray(Int64.self) == [3, 0, 1, 2])
        #expect(try NDArray.moveAxis(NDArray.zeros([2, 3, 4]), 0, -1).shape == [3, 4, 2])
    }

    @Test("separated advanced indices put the index shape first; repeated positions keep the last write")
    func placementAndRepeats() throws {
        let a = NDArray.arange(60).reshaped([3, 4, 5])
        let i = NDArray([0, 2] as [Int64])
        #expect(try a.indexed([.array(i), .all, .array(i)]).shape == [2, 4])
        #expect(try a.indexed([.all, .array(i), .array(i)]).shape == [3, 2])
        #expect(try a.indexed([.index(0), .all, .array(i)]).shape == [2, 4])
        #expect(try a.indexed([.all, .newAxis, .array(i)]).shape == [3, 1, 2, 5])
        // Assignment to a uniquely referenced array writes in place (no copy of the storage).
        var u = NDArray.zeros([1000])
        let address = u.baseAddress
        u[3] = 1.0
        u[u .> 0] = 2.0
        u[NDArray([5] as [Int64])] = NDArray([3.0])
        #expect(u.baseAddress == address)
        #expect(u.toArray(Double.self)[3...5] == [2, 0, 3])
        var v = NDArray.zeros([4])
        v[NDArray([1, 1, 1] as [Int64])] = NDArray([7.0, 8.0, 9.0])
        #expect(v.toArray(Double.self) == [0, 9, 0, 0])
    }
}
