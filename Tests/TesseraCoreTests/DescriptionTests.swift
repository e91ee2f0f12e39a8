import ComplexModule
import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

/// `description` against NumPy's `repr`. Known difference (not tested): when a float needs
/// more than 8 digits after the point, Tessera rounds with C's printf and NumPy with Dragon4,
/// which can disagree in the last digit for values exactly halfway.
@Suite struct DescriptionTests {
    static let cases: [(String, NDArray)] = [
        ("np.array([1., 2., 3.])", NDArray([1.0, 2.0, 3.0])),
        ("np.array([1, 2, 3])", NDArray([1, 2, 3] as [Int])),
        ("np.array([1, -2, 3], dtype=np.int32)", NDArray([1, -2, 3] as [Int32])),
        ("np.array([200, 3], dtype=np.uint8)", NDArray([200, 3] as [UInt8])),
        ("np.array([1.5, 0.1, 2.25, -3.])", NDArray([1.5, 0.1, 2.25, -3.0])),
        ("np.array([1e-05, 1.])", NDArray([1e-05, 1.0])),
        ("np.array([1.5e-05, 1., -2.])", NDArray([1.5e-05, 1.0, -2.0])),
        ("np.array([1e10, 1.])", NDArray([1e10, 1.0])),
        ("np.array([np.nan, 1., np.inf, -np.inf])", NDArray([.nan, 1.0, .infinity, -.infinity])),
        ("np.array([np.nan])", NDArray([Double.nan])),
        ("np.array([1/3, 2/3])", NDArray([1.0 / 3, 2.0 / 3])),
        ("np.array([0.1, 0.2], dtype=np.float32)", NDArray([0.1, 0.2] as [Float])),
        ("np.array([0.1, 0.2], dtype=np.float16)", NDArray([0.1, 0.2] as [Float16])),
        ("np.array([True, False])", NDArray([true, false])),
        ("np.array(True)", NDArray(scalar: true)),
        ("np.array(5, dtype=np.int8)", NDArray(scalar: Int8(5))),
        ("np.array(1.5)", NDArray(scalar: 1.5)),
        ("np.array([1+2j, 3-4.5j])", NDArray([Complex(1.0, 2.0), Complex(3.0, -4.5)])),
        ("np.array([1+2j], dtype=np.complex64)", NDArray([Complex<Float>(1, 2)])),
        ("np.arange(12).reshape(3, 4)", NDArray.arange(12).reshaped([3, 4])),
        ("np.arange(24.).reshape(2, 3, 4)", NDArray.arange(0.0, 24.0).reshaped([2, 3, 4])),
        ("np.arange(30.) * 1.1", NDArray.arange(0.0, 30.0) * 1.1),
        ("np.arange(2000)", NDArray.arange(2000)),
        ("np.arange(2000, dtype=np.int32)", NDArray.arange(2000, dtype: .int32)),
        ("np.arange(3000.).reshape(3, 1000)", NDArray.arange(0.0, 3000.0).reshaped([3, 1000])),
        ("np.arange(2000).reshape(10, 10, 20)", NDArray.arange(2000).reshaped([10, 10, 20])),
        ("np.zeros((0, 3))", NDArray.zeros([0, 3])),
        ("np.zeros(0, dtype=np.int32)", NDArray.zeros([0], dtype: .int32)),
        ("np.arange(100, dtype=np.int16)", NDArray.arange(100, dtype: .int16)),
        ("np.eye(3)", NDArray.eye(3)),
    ]

    @Test func reprMatchesNumPy() throws {
        let expected = try NumPyOracle.json([String].self, "print(json.dumps([repr(\(DescriptionTests.cases.map(\.0).joined(separator: "), repr("))) ]))")
        for ((label, array), numpy) in zip(DescriptionTests.cases, expected) {
            #expect(array.description == numpy, "\(label)")
        }
    }
}
