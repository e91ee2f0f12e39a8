import ComplexModule
import Foundation
@testable import TesseraCore

/// Where NumPy's own result depends on the code path its dispatch takes (the CPU, the
/// strides, the position in a call), Tessera follows one rule of its own
/// (Docs/NumPy.md, "Tessera's rules where NumPy depends on the CPU"). Comparing with a live
/// NumPy, a test accepts NumPy's result within this slack; the rule itself is checked
/// exactly against an independent reference (Tests/TesseraScalarTests/CPUIndependentRulesTests.swift).
public enum NumPyPathSlack: Sendable {
    /// `maximum`/`minimum`/`fmax`/`fmin` on floats: the value is NumPy's, the sign of a
    /// zero chosen from a +0.0/−0.0 pair may differ (Tessera: −0.0 < +0.0).
    case signOfZero
    /// Complex `multiply`/`square`: NumPy fuses the products on some paths (FMA), Tessera
    /// rounds each. Each part within 2 ULP of the result's magnitude (max(|re|, |im|)) per
    /// complex product in the result (`products`, more than one for a reduction); where an
    /// intermediate product overflows, both results must be non-finite.
    case complexProduct(products: Int)
    /// Complex `absolute`: NumPy's vector kernel scales and takes a square root, its scalar
    /// path and Tessera call C's `hypot`; within 2 ULP, non-finite results identical.
    case complexMagnitude

    /// The slack NumPy's result needs for `ufunc` (a NumPy name) computing in the loop
    /// input type `input`, or nil where NumPy's result is the same on every CPU (and must
    /// match bitwise).
    public static func forUFunc(_ ufunc: String, input: DType) -> NumPyPathSlack? {
        switch ufunc {
        case "maximum", "minimum", "fmax", "fmin":
            return input.isFloatingPoint ? .signOfZero : nil
        case "multiply", "square":
            return input.isComplex ? .complexProduct(products: 1) : nil
        case "absolute":
            return input.isComplex ? .complexMagnitude : nil
        default:
            return nil
        }
    }
}

/// Like ``differenceFromNumPy(_:_:)``, with the elements that differ bitwise accepted
/// within `slack` (nil: bitwise only).
public func differenceFromNumPy(_ array: NDArray, _ expected: NumPyBatch.Output, slack: NumPyPathSlack?) -> String? {
    guard let difference = differenceFromNumPy(array, expected) else { return nil }
    guard let slack, let expectedType = try? DType(parsing: expected.dtype), expectedType == array.dtype,
          array.shape == expected.shape, array.dtype.isInexact
    else { return difference }
    let numpy = NDArray(uninitializedShape: array.shape, dtype: array.dtype)
    if numpy.nbytes > 0 {
        expected.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
    }
    let part: DType = array.dtype == .complex64 ? .float32 : array.dtype == .complex128 ? .float64 : array.dtype
    let epsilon = part == .float16 ? Double(Float16.ulpOfOne) : part == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    func same(_ x: Double, _ y: Double) -> Bool { (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign) }
    if array.dtype.isComplex {
        let actual = array.astype(.complex128).toArray(Complex<Double>.self)
        let reference = numpy.astype(.complex128).toArray(Complex<Double>.self)
        for i in actual.indices {
            let a = actual[i].rawStorage, e = reference[i].rawStorage
            if same(a.x, e.x) && same(a.y, e.y) { continue }
            let accepted: Bool
            switch slack {
            case .complexProduct(let products):
                if [a.x, a.y, e.x, e.y].allSatisfy(\.isFinite) {
                    // Relative to the magnitude, with one subnormal spacing per product as a floor.
                    let tiny = part == .float32 ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude
                    let bound = 2 * Double(Swift.max(products, 1)) * (epsilon * Swift.max(Swift.abs(e.x), Swift.abs(e.y)) + tiny)
                    accepted = Swift.abs(a.x - e.x) <= bound && Swift.abs(a.y - e.y) <= bound
                } else {
                    accepted = !(a.x.isFinite && a.y.isFinite) && !(e.x.isFinite && e.y.isFinite)
                }
            case .signOfZero, .complexMagnitude:
                accepted = false
            }
            if !accepted { return "element \(i): Tessera \(a) vs NumPy \(e) (beyond \(slack))" }
        }
        return nil
    }
    let actual = array.astype(.float64).toArray(Double.self)
    let reference = numpy.astype(.float64).toArray(Double.self)
    for i in actual.indices where !same(actual[i], reference[i]) {
        let accepted: Bool
        switch slack {
        case .signOfZero:
            accepted = actual[i] == reference[i]
        case .complexMagnitude:
            accepted = actual[i].isFinite && reference[i].isFinite && ulpDistance(actual[i], reference[i], in: part) <= 2
        case .complexProduct:
            accepted = false
        }
        if !accepted { return "element \(i): Tessera \(actual[i]) vs NumPy \(reference[i]) (beyond \(slack))" }
    }
    return nil
}
