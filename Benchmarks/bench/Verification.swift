import BenchmarkKit
import Tessera

/// Compares a configuration's output with the scalar configuration's on the same input.
enum Verification {
    struct Check {
        /// Largest element-wise distance in ULP (0 for identical outputs, integers and bools).
        var maxULP: Double
        /// Why the outputs disagree, or `nil`.
        var failure: String?
    }

    static func check(_ output: NDArray, against reference: NDArray, tolerance: Tolerance) -> Check {
        guard output.shape == reference.shape, output.dtype == reference.dtype else {
            return Check(maxULP: .infinity, failure: "output is \(output.dtype) \(output.shape), scalar gives \(reference.dtype) \(reference.shape)")
        }
        switch output.dtype {
        case .float64:
            return compare(output.toArray(Double.self), reference.toArray(Double.self), tolerance: tolerance) { ulpDistance($0, $1) }
        case .float32:
            return compare(output.toArray(Float.self), reference.toArray(Float.self), tolerance: tolerance) { ulpDistance($0, $1) }
        default:
            let a = output.toArray(Int64.self), b = reference.toArray(Int64.self)
            if let index = a.indices.first(where: { a[$0] != b[$0] }) {
                return Check(maxULP: .infinity, failure: "element \(index) is \(a[index]), scalar gives \(b[index])")
            }
            return Check(maxULP: 0, failure: nil)
        }
    }

    private static func compare<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], tolerance: Tolerance, ulp: (T, T) -> Double) -> Check {
        var worst = 0.0, worstIndex = 0
        for i in a.indices {
            let d = ulp(a[i], b[i])
            if d > worst { worst = d; worstIndex = i }
        }
        var failure: String?
        switch tolerance {
        case .exact:
            if worst > 0 { failure = "element \(worstIndex) is \(a[worstIndex]), scalar gives \(b[worstIndex]) (exact result required)" }
        case .ulp(let bound):
            if worst > bound { failure = "element \(worstIndex) is \(a[worstIndex]), scalar gives \(b[worstIndex]): \(Format.format3(worst)) ULP > bound \(Format.format3(bound))" }
        case .relative(let bound):
            let scale = b.map { Double($0).magnitude }.max() ?? 0
            if let i = a.indices.first(where: { (Double(a[$0]) - Double(b[$0])).magnitude > bound * scale || a[$0].isNaN != b[$0].isNaN }) {
                failure = "element \(i) is \(a[i]), scalar gives \(b[i]), beyond relative \(bound)"
            }
        }
        return Check(maxULP: worst, failure: failure)
    }

    /// Distance in units in the last place, through the ordered integer image of the bits.
    static func ulpDistance(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : .infinity }
        func ordered(_ v: Double) -> Int64 {
            let bits = Int64(bitPattern: v.bitPattern)
            return bits < 0 ? Int64.min &- bits : bits
        }
        return Double(ordered(x).subtractingReportingOverflow(ordered(y)).partialValue.magnitude)
    }

    static func ulpDistance(_ x: Float, _ y: Float) -> Double {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : .infinity }
        func ordered(_ v: Float) -> Int64 {
            let bits = Int64(Int32(bitPattern: v.bitPattern))
            return bits < 0 ? Int64(Int32.min) - bits : bits
        }
        return Double((ordered(x) - ordered(y)).magnitude)
    }
}
