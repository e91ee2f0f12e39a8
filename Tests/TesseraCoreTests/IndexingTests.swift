import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

/// What NumPy says an expression evaluates to.
struct NumPyArray: Decodable {
    let shape: [Int]
    let strides: [Int]
    let dtype: String
    let values: [Double]

    /// Evaluates `expression` (which may use `a`, defined by `setup`).
    static func evaluate(_ expressions: [String], setup: String) throws -> [NumPyArray] {
        try NumPyOracle.json([NumPyArray].self, """
        \(setup)
        def describe(r):
            r = np.asarray(r)
            return dict(shape=list(r.shape), strides=list(r.strides), dtype=str(r.dtype), values=[float(x) for x in r.ravel()])
        print(json.dumps([describe(eval(e)) for e in \(expressions)]))
        """)
    }

    func check(_ array: NDArray, strides checkStrides: Bool = true, _ label: String) {
        #expect(array.shape == shape, "\(label): shape")
        #expect(array.dtype.name == dtype, "\(label): dtype")
        #expect(array.toArray(Double.self) == values, "\(label): values")
        // Strides of empty arrays are arbitrary (NumPy gives some of them 0).
        if checkStrides && !values.isEmpty { #expect(array.strides == strides, "\(label): strides") }
    }
}

@Suite struct IndexingTests {
    static let base = NDArray.arange(60).reshaped([3, 4, 5])

    static let cases: [(String, NDArray)] = [
        ("a[0]", base[0]),
        ("a[-1]", base[-1]),
        ("a[1, 2]", base[1, 2]),
        ("a[1, 2, 3]", base[1, 2, 3]),
        ("a[-1, -2, -3]", base[-1, -2, -3]),
        ("a[:, 1:3]", base[.all, 1..<3]),
        ("a[1:]", base[1...]),
        ("a[:2]", base[..<2]),
        ("a[:, 1:3, ::2]", base[.all, 1..<3, .slice(nil, nil, 2)]),
        ("a[::-1]", base[.slice(nil, nil, -1)]),
        ("a[2:0:-1, ::-2]", base[.slice(2, 0, -1), .slice(nil, nil, -2)]),
        ("a[..., 1]", base[.ellipsis, 1]),
        ("a[..., None]", base[.ellipsis, .newAxis]),
        ("a[None, 1, ..., ::3]", base[.newAxis, 1, .ellipsis, .slice(nil, nil, 3)]),
        ("a[1, ..., 2]", base[1, .ellipsis, 2]),
        ("a[5:10]", base[.slice(5, 10)]),
        ("a[-10:2]", base[.slice(-10, 2)]),
        ("a[:, -100:100:7]", base[.all, .slice(-100, 100, 7)]),
        ("a[:, 3:1]", base[.all, .slice(3, 1)]),
        ("a[0:2, 1:4][1, ::-1]", base[.slice(0, 2), 1..<4][1, .slice(nil, nil, -1)]),
        ("a[1, 1:3, 1:4:2]", base[1, 1...2, .slice(1, 4, 2)]),
        ("a[..., :-1]", base[.ellipsis, .slice(nil, -1)]),
    ]

    @Test func basicIndexingMatchesNumPy() throws {
        let expected = try NumPyArray.evaluate(IndexingTests.cases.map(\.0), setup: "a = np.arange(60).reshape(3, 4, 5)")
        for ((label, array), numpy) in zip(IndexingTests.cases, expected) {
            numpy.check(array, label)
            #expect(array.sharesMemory(with: IndexingTests.base), "\(label) is a view")
        }
    }

    @Test func scalarSubscriptReadsAnElement() {
        let a = NDArray([1.5, 2.5, 3.5, 4.5], shape: [2, 2])
        let x: Double = a[1, 0]
        let y: Int32 = a[-1, -1]
        #expect(x == 3.5)
        #expect(y == 4)
    }

    @Test func throwingFormReportsAxisIndexAndSize() {
        let a = NDArray.zeros([3, 4])
        #expect(throws: TesseraError.self) { try a.indexed([.index(0), .index(4)]) }
        do {
            _ = try a.indexed([.index(0), .index(4)])
        } catch let error as TesseraError {
            #expect(error.code == .indexError)
            #expect(error.message == "index 4 is out of bounds for axis 1 with size 4")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: TesseraError.self) { try a.indexed([.index(0), .index(0), .index(0)]) }
        #expect(throws: TesseraError.self) { try a.indexed([.ellipsis, .ellipsis]) }
        #expect(throws: TesseraError.self) { try a.indexed([.slice(nil, nil, 0)]) }
        #expect(throws: TesseraError.self) { try a.indexed([.index(-4)]) }
    }

    @Test func assignmentMatchesNumPy() throws {
        var a = NDArray.zeros([3, 4])
        a[0] = NDArray([1.0, 2.0, 3.0, 4.0])
        a[1, .slice(nil, nil, -2)] = 7.5
        a[.all, 3] = NDArray([9, 8, 7] as [Int32])
        a[2, 0] = 2.9 as Float
        try a.assign(NDArray([5.0]), at: [.index(2), .slice(1, 3)])
        let expected = try NumPyArray.evaluate(["a"], setup: """
        a = np.zeros((3, 4))
        a[0] = [1.0, 2.0, 3.0, 4.0]
        a[1, ::-2] = 7.5
        a[:, 3] = np.array([9, 8, 7], dtype=np.int32)
        a[2, 0] = np.float32(2.9)
        a[2, 1:3] = [5.0]
        """)
        expected[0].check(a, "assignment")
        var b = NDArray.zeros([2, 2], dtype: .int16)
        b[0] = -3.7
        #expect(b.toArray(Int16.self) == [-3, -3, 0, 0])
        #expect(throws: TesseraError.self) { try b.assign(NDArray([1.0, 2.0, 3.0]), at: [.index(0)]) }
    }

    @Test func writingThroughAViewCopiesOnWrite() {
        // Tessera differs from NumPy here on purpose: views share storage only until one side
        // is written, so writing to a view never changes its base (value semantics).
        let base = NDArray([1.0, 2.0, 3.0, 4.0])
        var view = base[1..<3]
        #expect(view.sharesMemory(with: base))
        view[0] = 10.0
        #expect(view.toArray(Double.self) == [10, 3])
        #expect(base.toArray(Double.self) == [1, 2, 3, 4])
        #expect(!view.sharesMemory(with: base))

        var original = NDArray([1.0, 2.0, 3.0])
        let copy = original
        original[0] = 5.0
        #expect(copy.toArray(Double.self) == [1, 2, 3])
        #expect(original.toArray(Double.self) == [5, 2, 3])

        // Assigning an overlapping view of itself reads the old values (NumPy does too).
        var c = NDArray([1.0, 2.0, 3.0, 4.0])
        c[1...] = c[..<3]
        #expect(c.toArray(Double.self) == [1, 1, 2, 3])
    }
}
