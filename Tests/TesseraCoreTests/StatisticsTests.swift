import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Order statistics and NaN-aware reductions against live NumPy on random dtypes, shapes,
/// views and NaN/inf/±0 mixes. Equal up to the sign of zero (NumPy's selection algorithm
/// decides which of −0.0 and +0.0 lands in a position); the reductions that sum, whose
/// order Tessera's `sum` shares with NumPy's, equally.
@Suite struct StatisticsTests {
    static let types: [DType] = [.float64, .float32, .float16, .int64, .int32, .uint8, .bool, .int16, .float64, .float32]

    @Test func medianAndQuantilesAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1611)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<160 {
                let dtype = Self.types.randomElement(using: &inputs.rng)!
                let x = inputs.array(dtype, inputs.shape(allowEmpty: false))
                let axis = inputs.axis(x.ndim)
                let ax = pythonAxis(axis)
                let keepdims = Int.random(in: 0..<4, using: &inputs.rng) == 0
                let kd = keepdims ? "True" : "False"
                let label = "#\(n) \(dtype) \(x.shape) strides \(x.strides) axis \(ax) keepdims \(keepdims)"
                cases.expectSame("\(label) median", "np.median(x0, axis=\(ax), keepdims=\(kd))", [x]) {
                    try NDArray.median(x, axis: axis, keepdims: keepdims)
                }
                cases.expectSame("\(label) nanmedian", "np.nanmedian(x0, axis=\(ax), keepdims=\(kd))", [x]) {
                    try NDArray.nanmedian(x, axis: axis, keepdims: keepdims)
                }
                if dtype == .bool { continue }
                let method = QuantileMethod.allCases.randomElement(using: &inputs.rng)!
                let q = [0, 1, 0.5, 0.25, 0.9, 0.3333, 0.01].randomElement(using: &inputs.rng)!
                let m = "method='\(method.rawValue)'"
                cases.expectSame("\(label) quantile \(q) \(method)", "np.quantile(x0, \(q), axis=\(ax), \(m), keepdims=\(kd))", [x]) {
                    try NDArray.quantile(x, q, axis: axis, method: method, keepdims: keepdims)
                }
                cases.expectSame("\(label) percentile \(q * 100) \(method)", "np.percentile(x0, \(q * 100), axis=\(ax), \(m))", [x]) {
                    try NDArray.percentile(x, q * 100, axis: axis, method: method)
                }
                let levels = NDArray([0.1, q, 0.75, 1])
                cases.expectSame("\(label) quantile array \(method)", "np.quantile(x0, x1, axis=\(ax), \(m), keepdims=\(kd))", [x, levels]) {
                    try NDArray.quantile(x, levels, axis: axis, method: method, keepdims: keepdims)
                }
                cases.expectSame("\(label) nanquantile \(q) \(method)", "np.nanquantile(x0, \(q), axis=\(ax), \(m))", [x]) {
                    try NDArray.nanquantile(x, q, axis: axis, method: method)
                }
                cases.expectSame("\(label) nanpercentile array \(method)", "np.nanpercentile(x0, x1 * 100, axis=\(ax), \(m))", [x, levels]) {
                    try NDArray.nanpercentile(x, UFunc.multiply.callOrStop([levels, 100], "test"), axis: axis, method: method)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    @Test func nanReductionsAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1612)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<200 {
                let dtype = (Self.types + [.complex128, .complex64]).randomElement(using: &inputs.rng)!
                let x = inputs.array(dtype, inputs.shape())
                let axis = inputs.axis(x.ndim)
                let ax = pythonAxis(axis)
                let label = "#\(n) \(dtype) \(x.shape) strides \(x.strides) axis \(ax)"
                cases.expectSame("\(label) nansum", "np.nansum(x0, axis=\(ax))", [x]) { nansum(x, axis: axis) }
                // NumPy's complex multiply may fuse (FMA) depending on the CPU: a few ULP.
                let slack = dtype.isComplex ? 4 : 0
                cases.expectSame("\(label) nanprod", "np.nanprod(x0, axis=\(ax))", [x], ulps: slack) { nanprod(x, axis: axis) }
                cases.expectSame("\(label) nanmean", "np.nanmean(x0, axis=\(ax))", [x]) { nanmean(x, axis: axis) }
                let ddof = Int.random(in: 0...1, using: &inputs.rng)
                cases.expectSame("\(label) nanvar", "np.nanvar(x0, axis=\(ax), ddof=\(ddof))", [x], ulps: slack) { nanvar(x, axis: axis, ddof: ddof) }
                cases.expectSame("\(label) nanstd", "np.nanstd(x0, axis=\(ax), ddof=\(ddof))", [x], ulps: slack) { nanstd(x, axis: axis, ddof: ddof) }
                cases.expectSame("\(label) nanmin", "np.nanmin(x0, axis=\(ax))", [x]) { try NDArray.nanmin(x, axis: axis) }
                cases.expectSame("\(label) nanmax", "np.nanmax(x0, axis=\(ax))", [x]) { try NDArray.nanmax(x, axis: axis) }
                cases.expectSame("\(label) nanargmin", "np.nanargmin(x0, axis=\(ax))", [x]) { try NDArray.nanargmin(x, axis: axis) }
                cases.expectSame("\(label) nanargmax", "np.nanargmax(x0, axis=\(ax))", [x]) { try NDArray.nanargmax(x, axis: axis) }
                cases.expectSame("\(label) nancumsum", "np.nancumsum(x0, axis=\(ax))", [x]) { nancumsum(x, axis: axis) }
                cases.expectSame("\(label) nancumprod", "np.nancumprod(x0, axis=\(ax))", [x]) { nancumprod(x, axis: axis) }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }
}
