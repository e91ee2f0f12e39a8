import Foundation
import Tessera
@testable import TesseraCore
import _TesseraTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Whether Tessera's outcome for a case agrees with NumPy's: both reject it, or both give
/// outputs of the same dtype and shape whose elements are bitwise equal (NaN == NaN) —
/// or, for loops that state a ULP bound, within that bound, and where NumPy's own result
/// depends on its CPU path, within ``NumPyPathSlack``.
enum DifferentialJudge {
    /// NumPy's float results within this many ULP of Tessera's are accepted for a loop with
    /// bound `b` only after checking Tessera against a Float80 reference: NumPy's own
    /// vector loops (SVML on AVX-512) may be up to 4 ULP off.
    static let referenceSlack = 0.01

    /// nil when they agree, otherwise what differs.
    static func judge(_ c: DifferentialCase, _ outcome: Result<[NDArray], any Error>, _ expected: [NumPyBatch.Output]) -> String? {
        let numpyError = expected.first?.error
        switch (outcome, numpyError) {
        case (.failure, _?):
            return nil
        case (.success, let error?):
            // Deliberate difference (Docs/NumPy.md): integer power by a negative exponent gives 0.
            if c.ufunc == .power, error.contains("negative integer powers") { return nil }
            return "NumPy raised \(error); Tessera returned a result"
        case (.failure(let error), nil):
            // Deliberate difference: an out-of-range Swift integer in a comparison throws.
            if comparisons.contains(c.ufunc.name), "\(error)".contains("out of bounds") { return nil }
            return "Tessera threw \(error); NumPy returned \(expected.first.map { "\($0.dtype) \($0.shape)" } ?? "nothing")"
        case (.success(let outputs), nil):
            guard outputs.count == expected.count else { return "\(outputs.count) outputs; NumPy has \(expected.count)" }
            // Where NumPy's own result depends on its CPU path, Tessera's rule is checked
            // exactly elsewhere (CPUIndependentRulesTests); NumPy is accepted within the slack.
            let slack = NumPyPathSlack.forUFunc(c.ufunc.name, input: c.resolvedLoop?.signature.inputs[0] ?? outputs[0].dtype)
            for (index, (output, reference)) in zip(outputs, expected).enumerated() {
                guard let difference = differenceFromNumPy(output, reference, slack: slack) else { continue }
                if output.dtype.isInexact, c.reduction == nil,
                   let loop = c.resolvedLoop, let bound = loop.maxULPError,
                   output.dtype == (try? DType(parsing: reference.dtype)), output.shape == reference.shape
                {
                    if let problem = withinBound(c, output: index, output, reference, loopType: loop.signature.outputs[index], bound: bound) {
                        return "output \(index) (loop \(loop), bound \(bound) ULP): \(problem)"
                    }
                    continue
                }
                return "output \(index): \(difference)"
            }
            return nil
        }
    }

    /// Library bugs this test found that are not fixed yet (reported to the lead): a
    /// disagreement they explain is recorded as a known issue, so that every other
    /// disagreement still fails the test.
    static func knownIssue(_ c: DifferentialCase, _ message: String) -> String? {
        // None at present: every disagreement fails the test. Add an entry here (with the
        // seed and case that show it) only for a bug that is reported and not yet fixed.
        nil
    }

    static let comparisons: Set<String> = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]

    /// Checks every element within the loop's bound (nil when all are).
    static func withinBound(_ c: DifferentialCase, output index: Int, _ output: NDArray, _ reference: NumPyBatch.Output, loopType: DType, bound: Double) -> String? {
        let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
        if numpy.nbytes > 0 {
            reference.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
        }
        if output.dtype.isComplex {
            // A real loop writing into a complex `out:` is measured in the loop's precision.
            let part: DType = loopType.isComplex ? (loopType == .complex64 || output.dtype == .complex64 ? .float32 : .float64) : loopType
            return complexWithinBound(output, numpy, part: part, bound: bound)
        }
        // Measure in the loop's precision when the output is wider (an exact cast), in the
        // output's precision (1 ULP for the final rounding) when it is narrower.
        let measure = loopType.itemSize <= output.dtype.itemSize && loopType.isFloatingPoint ? loopType : output.dtype
        let tolerance = measure == loopType ? bound : 1
        let actual = output.astype(.float64).toArray(Double.self)
        let expected = numpy.astype(.float64).toArray(Double.self)
        var inputs: [[Double]]?
        for i in actual.indices {
            let distance = ulps(actual[i], expected[i], measure)
            if distance <= tolerance { continue }
            // NumPy may be the one that is off: check Tessera against a Float80 reference.
            if inputs == nil { inputs = c.inputValues(at: output.shape) }
            if let inputs, let f = reference80[c.ufunc.name] {
                let exact = f(inputs.map { Float80($0[i]) })
                let error = ulpError(actual[i], exact: exact, measure)
                if error <= tolerance + referenceSlack { continue }
                return "element \(i): Tessera \(actual[i]) vs NumPy \(expected[i]) (\(distance) ULP apart); Tessera is \(error) ULP from the exact \(exact) at inputs \(inputs.map { $0[i] })"
            }
            return "element \(i): Tessera \(actual[i]) vs NumPy \(expected[i]) (\(distance) ULP apart, no reference)"
        }
        return nil
    }

    /// Complex results: each part within the bound in ULP, or within (bound + 4) ULP of the
    /// result's magnitude (complex bounds are normwise); non-finite parts must match exactly.
    static func complexWithinBound(_ output: NDArray, _ numpy: NDArray, part: DType, bound: Double) -> String? {
        let epsilon = part == .float16 ? Double(Float16.ulpOfOne) : part == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let actual = output.astype(.complex128).toArray(Complex<Double>.self)
        let expected = numpy.astype(.complex128).toArray(Complex<Double>.self)
        for i in actual.indices {
            let a = actual[i].rawStorage, e = expected[i].rawStorage
            let magnitude = Swift.max(Swift.abs(e.x), Swift.abs(e.y))
            for (x, y) in [(a.x, e.x), (a.y, e.y)] {
                if x.isNaN && y.isNaN { continue }
                if !x.isFinite || !y.isFinite {
                    if x == y { continue }
                    return "element \(i): Tessera \(a) vs NumPy \(e)"
                }
                if ulps(x, y, part) <= bound { continue }
                if Swift.abs(x - y) <= (bound + 4) * epsilon * magnitude { continue }
                return "element \(i): Tessera \(a) vs NumPy \(e) (\(ulps(x, y, part)) ULP apart in a part)"
            }
        }
        return nil
    }

    /// Distance in ULP of `dtype` between two values of that dtype (0 for two NaNs).
    static func ulps(_ a: Double, _ b: Double, _ dtype: DType) -> Double { ulpDistance(a, b, in: dtype) }

    /// Error of `result` (a value of `dtype`) in ULP of the exact value.
    static func ulpError(_ result: Double, exact: Float80, _ dtype: DType) -> Double {
        _TesseraTestSupport.ulpError(result, exact: exact, in: FloatFormat(dtype))
    }

    /// Long-double references for the functions whose loops state a ULP bound.
    static let reference80: [String: @Sendable ([Float80]) -> Float80] = MathReference.byName.mapValues { reference in
        { @Sendable inputs in reference.longDouble(inputs[0], inputs.count > 1 ? inputs[1] : 0) }
    }
}
