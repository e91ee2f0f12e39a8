import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

@Suite struct RangesTests {
    static let cases: [(String, NDArray)] = [
        ("np.arange(5)", NDArray.arange(5)),
        ("np.arange(0)", NDArray.arange(0)),
        ("np.arange(-3)", NDArray.arange(-3)),
        ("np.arange(2, 11, 3)", NDArray.arange(2, 11, 3)),
        ("np.arange(10, -3, -4)", NDArray.arange(10, -3, -4)),
        ("np.arange(5, dtype=np.float32)", NDArray.arange(5, dtype: .float32)),
        ("np.arange(5, dtype=np.uint8)", NDArray.arange(5, dtype: .uint8)),
        ("np.arange(0.0, 1.0, 0.1)", NDArray.arange(0.0, 1.0, 0.1)),
        ("np.arange(1.5, -2.0, -0.3)", NDArray.arange(1.5, -2.0, -0.3)),
        ("np.arange(0.0, 1.0, 0.1, dtype=np.float32)", NDArray.arange(0.0, 1.0, 0.1, dtype: .float32)),
        ("np.arange(0.5, 7.0, 1.5, dtype=np.int32)", NDArray.arange(0.5, 7.0, 1.5, dtype: .int32)),
        ("np.arange(0.0, 3.0, 0.7, dtype=np.float16)", NDArray.arange(0.0, 3.0, 0.7, dtype: .float16)),
        ("np.linspace(0, 1)", NDArray.linspace(0, 1)),
        ("np.linspace(0, 1, 7)", NDArray.linspace(0, 1, num: 7)),
        ("np.linspace(-2.5, 10, 13, endpoint=False)", NDArray.linspace(-2.5, 10, num: 13, endpoint: false)),
        ("np.linspace(3, 3, 4)", NDArray.linspace(3, 3, num: 4)),
        ("np.linspace(0, 1, 1)", NDArray.linspace(0, 1, num: 1)),
        ("np.linspace(0, 1, 0)", NDArray.linspace(0, 1, num: 0)),
        ("np.linspace(-1, 10, 9, dtype=np.int64)", NDArray.linspace(-1, 10, num: 9, dtype: .int64)),
        ("np.linspace(0, 1, 5, dtype=np.float32)", NDArray.linspace(0, 1, num: 5, dtype: .float32)),
        ("np.eye(3)", NDArray.eye(3)),
        ("np.eye(3, 5, k=1)", NDArray.eye(3, 5, k: 1)),
        ("np.eye(4, 2, k=-1, dtype=np.int32)", NDArray.eye(4, 2, k: -1, dtype: .int32)),
        ("np.eye(2, k=5, dtype=bool)", NDArray.eye(2, k: 5, dtype: .bool)),
    ]

    @Test func rangesMatchNumPy() throws {
        let expected = try NumPyArray.evaluate(RangesTests.cases.map(\.0), setup: "")
        for ((label, array), numpy) in zip(RangesTests.cases, expected) {
            numpy.check(array, label)
        }
    }
}
