import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

@Suite struct ViewsTests {
    static let base = NDArray.arange(24).reshaped([2, 3, 4])

    // (NumPy expression, Tessera result, whether NumPy's result is a view of `a`)
    static let cases: [(String, NDArray)] = [
        ("a.reshape(6, 4)", base.reshaped([6, 4])),
        ("a.reshape(-1)", base.reshaped([-1])),
        ("a.reshape(4, -1, 2)", base.reshaped([4, -1, 2])),
        ("a.reshape(1, 24, 1)", base.reshaped([1, 24, 1])),
        ("a.T", base.T),
        ("a.transpose()", base.transposed()),
        ("a.transpose(1, 0, 2)", base.transposed(axes: [1, 0, 2])),
        ("a.transpose(-1, 0, 1)", base.transposed(axes: [-1, 0, 1])),
        ("a.swapaxes(0, 2)", base.swappedAxes(0, 2)),
        ("np.expand_dims(a, 1)", base.expandedDims(axis: 1)),
        ("np.expand_dims(a, -1)", base.expandedDims(axis: -1)),
        ("a[:, :1].squeeze()", base[.all, ..<1].squeezed()),
        ("a[:, :1].squeeze(1)", base[.all, ..<1].squeezed(axis: 1)),
        ("np.flip(a)", base.flipped()),
        ("np.flip(a, 1)", base.flipped(axis: 1)),
        ("np.flip(a, -1)", base.flipped(axis: -1)),
        ("a.ravel()", base.ravel()),
        ("a.T.ravel()", base.T.ravel()),
        ("a[:, ::2].ravel()", base[.all, .slice(nil, nil, 2)].ravel()),
        ("a.flatten()", base.flatten()),
        ("a.T.reshape(24)", base.T.reshaped([24])),
        ("a.T.reshape(4, 6)", base.T.reshaped([4, 6])),
        ("a[:, 1:].reshape(2, 2, 2, 2)", base[.all, 1...].reshaped([2, 2, 2, 2])),
        ("a[:, :, ::2].reshape(6, 2)", base[.all, .all, .slice(nil, nil, 2)].reshaped([6, 2])),
        ("a[:, :, ::2].reshape(2, 6)", base[.all, .all, .slice(nil, nil, 2)].reshaped([2, 6])),
        ("a.T.reshape(2, 2, 3, 2)", base.T.reshaped([2, 2, 3, 2])),
    ]

    @Test func viewsMatchNumPy() throws {
        let expressions = ViewsTests.cases.map(\.0)
        let expected = try NumPyArray.evaluate(expressions, setup: "a = np.arange(24).reshape(2, 3, 4)")
        let sharing = try NumPyOracle.json([Bool].self, """
        a = np.arange(24).reshape(2, 3, 4)
        print(json.dumps([bool(np.shares_memory(eval(e), a)) for e in \(expressions)]))
        """)
        for (((label, array), numpy), shares) in zip(zip(ViewsTests.cases, expected), sharing) {
            // Copies are C-contiguous in both; views must have NumPy's strides.
            numpy.check(array, label)
            #expect(array.sharesMemory(with: ViewsTests.base) == shares, "\(label): view or copy as in NumPy")
        }
    }

    @Test func reshapeErrors() {
        #expect(throws: TesseraError.self) { try ViewsTests.base.reshaped(checked: [5, 5]) }
        #expect(throws: TesseraError.self) { try ViewsTests.base.reshaped(checked: [-1, -1]) }
        #expect(throws: TesseraError.self) { try ViewsTests.base.reshaped(checked: [7, -1]) }
        #expect(throws: TesseraError.self) { try ViewsTests.base.transposed(checkedAxes: [0, 0, 1]) }
        #expect(throws: TesseraError.self) { try ViewsTests.base.transposed(checkedAxes: [0, 1]) }
    }

    @Test func mutatingAReshapedViewLeavesTheBase() {
        let base = NDArray.arange(6)
        var view = base.reshaped([2, 3])
        #expect(view.sharesMemory(with: base))
        view[0, 0] = 100
        #expect(base.toArray(Int.self) == [0, 1, 2, 3, 4, 5])
        #expect(view.toArray(Int.self) == [100, 1, 2, 3, 4, 5])
    }

    @Test func equalityAndAllClose() throws {
        let a = NDArray([1.0, 2.0, .nan])
        #expect(a != a)  // NaN != NaN, as in np.array_equal
        #expect(NDArray([1.0, 2.0]) == NDArray([1.0, 2.0]))
        #expect(NDArray([1.0, 2.0]) != NDArray([1.0, 2.0], shape: [2, 1]).reshaped([1, 2]))
        #expect(NDArray([1.0, 2.0]) != NDArray([1.0, 2.0] as [Float]))
        #expect(NDArray([0.0]) == NDArray([-0.0]))
        #expect(ViewsTests.base.T.T == ViewsTests.base)
        #expect(ViewsTests.base.flipped() == NDArray(Array((0..<24).reversed()), shape: [2, 3, 4]))

        let pairs: [([Double], [Double], Double, Double, Bool)] = [
            ([1, 2, 3], [1, 2, 3.00001], 1e-5, 1e-8, false),
            ([1, 2, 3], [1, 2, 3.0001], 1e-5, 1e-8, false),
            ([1e-9, 0], [0, 1e-9], 1e-5, 1e-8, false),
            ([.nan, 1], [.nan, 1], 1e-5, 1e-8, false),
            ([.nan, 1], [.nan, 1], 1e-5, 1e-8, true),
            ([.infinity, 1], [.infinity, 1], 1e-5, 1e-8, false),
            ([.infinity], [-.infinity], 1e-5, 1e-8, false),
            ([100], [101], 0.01, 0, false),
            ([101], [100], 0.01, 0, false),
        ]
        let script = pairs.map { p in
            "np.allclose(np.array([\(p.0.map { "float('\($0)')" }.joined(separator: ","))]), np.array([\(p.1.map { "float('\($0)')" }.joined(separator: ","))]), rtol=\(p.2), atol=\(p.3), equal_nan=\(p.4 ? "True" : "False"))"
        }
        let expected = try NumPyOracle.json([Bool].self, "print(json.dumps([bool(x) for x in [\(script.joined(separator: ", "))]]))")
        for (pair, numpy) in zip(pairs, expected) {
            #expect(NDArray(pair.0).allClose(NDArray(pair.1), rtol: pair.2, atol: pair.3, equalNaN: pair.4) == numpy, "\(pair)")
        }
        #expect(NDArray([1.0, 1.0]).allClose(NDArray(scalar: 1.0)))
    }
}
