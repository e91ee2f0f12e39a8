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

/// Histograms, binning, differences and the moment statistics against live NumPy.
@Suite struct BinningTests {
    @Test func histogramBincountDigitizeAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1621)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<250 {
                let dtype = [DType.float64, .float32, .float16, .int64, .int32, .uint8, .int8, .bool].randomElement(using: &inputs.rng)!
                let x = inputs.array(dtype, inputs.shape(), pool: [3, 12, 200].randomElement(using: &inputs.rng)!)
                let label = "#\(n) \(dtype) \(x.shape)"
                let bins = [1, 2, 5, 10, 100].randomElement(using: &inputs.rng)!
                let useRange = Bool.random(using: &inputs.rng)
                let range = (Double(Int.random(in: -20...0, using: &inputs.rng)) / 4, Double(Int.random(in: 0...20, using: &inputs.rng)) / 3)
                let r = useRange ? ", range=(\(range.0), \(range.1))" : ""
                let density = Int.random(in: 0..<4, using: &inputs.rng) == 0
                let d = density ? ", density=True" : ""
                cases.expectSame("\(label) histogram \(bins)\(r)\(d) counts", "np.histogram(x0, bins=\(bins)\(r)\(d))[0]", [x]) {
                    try NDArray.histogram(x, bins: .count(bins), range: useRange ? range : nil, density: density).hist
                }
                cases.expectSame("\(label) histogram \(bins)\(r) edges", "np.histogram_bin_edges(x0, bins=\(bins)\(r))", [x]) {
                    try NDArray.histogramBinEdges(x, bins: .count(bins), range: useRange ? range : nil)
                }
                let edges = NDArray([-3.0, -0.5, 0, 0, 1, 2.5, 7]).astype(Bool.random(using: &inputs.rng) ? .float64 : .float32)
                cases.expectSame("\(label) histogram edges \(edges.dtype)", "np.histogram(x0, bins=x1)[0]", [x, edges]) {
                    try NDArray.histogram(x, bins: .edges(edges)).hist
                }
                let right = Bool.random(using: &inputs.rng)
                let digitBins = Bool.random(using: &inputs.rng) ? edges : edges.flipped(axis: 0)
                cases.expectSame("\(label) digitize right \(right)", "np.digitize(x0, x1, right=\(right ? "True" : "False"))", [x, digitBins]) {
                    try NDArray.digitize(x, bins: digitBins, right: right)
                }
                // bincount of small non-negative integers, with weights sometimes.
                let counts = NDArray((0..<Int.random(in: 0...30, using: &inputs.rng)).map { _ in Int64.random(in: 0...9, using: &inputs.rng) })
                let minlength = Int.random(in: 0...12, using: &inputs.rng)
                cases.expectSame("#\(n) bincount minlength \(minlength)", "np.bincount(x0, minlength=\(minlength))", [counts]) {
                    try NDArray.bincount(counts, minlength: minlength)
                }
                let weights = inputs.array(.float64, [counts.size], pool: 200)
                cases.expectSame("#\(n) bincount weights", "np.bincount(x0, weights=x1)", [counts, weights]) {
                    try NDArray.bincount(counts, weights: weights)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    @Test func diffPtpAverageCovAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1622)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<200 {
                let dtype = [DType.float64, .float32, .float16, .int64, .int16, .uint8, .bool, .complex128].randomElement(using: &inputs.rng)!
                let x = inputs.array(dtype, inputs.shape(allowEmpty: false))
                let label = "#\(n) \(dtype) \(x.shape) strides \(x.strides)"
                let axis = inputs.axis(x.ndim, allowNil: false) ?? 0
                let order = Int.random(in: 0...3, using: &inputs.rng)
                cases.expectSame("\(label) diff n \(order) axis \(axis)", "np.diff(x0, n=\(order), axis=\(axis))", [x]) {
                    try NDArray.diff(x, n: order, axis: axis)
                }
                if x.ndim > 0 {
                    let edge = NDArray(scalar: 1.5).astype(dtype)
                    cases.expectSame("\(label) diff prepend/append axis \(axis)", "np.diff(x0, axis=\(axis), prepend=x1, append=x1)", [x, edge]) {
                        try NDArray.diff(x, axis: axis, prepend: edge, append: edge)
                    }
                }
                let reduceAxis = inputs.axis(x.ndim)
                let ax = pythonAxis(reduceAxis)
                cases.expectSame("\(label) ptp axis \(ax)", "np.ptp(x0, axis=\(ax))", [x]) { try NDArray.ptp(x, axis: reduceAxis) }
                // Tessera's `mean` (which average is) sums some strided float32 and int64 lanes
                // in another order than NumPy's: a few ULP.
                cases.expectSame("\(label) average axis \(ax)", "np.average(x0, axis=\(ax))", [x], ulps: 4) { try NDArray.average(x, axis: reduceAxis).average }
                let w = inputs.array(.float64, x.shape, pool: 3)
                cases.expectSame("\(label) average weights axis \(ax)", "np.average(x0, axis=\(ax), weights=x1, returned=True)[0]", [x, w], ulps: 4) {
                    try NDArray.average(x, axis: reduceAxis, weights: w).average
                }
            }
            // cov/corrcoef on finite data: matrix products sum in another order than
            // NumPy's BLAS, so within a few ULP of NumPy's (scaled to the largest term).
            for n in 0..<60 {
                let dtype = [DType.float64, .float32, .int32].randomElement(using: &inputs.rng)!
                let rows = Int.random(in: 1...4, using: &inputs.rng), columns = Int.random(in: 2...12, using: &inputs.rng)
                let values = (0..<(rows * columns)).map { _ in Double(Int.random(in: -40...40, using: &inputs.rng)) / 8 }
                let x = NDArray(values, shape: [rows, columns]).astype(dtype)
                let rowvar = Bool.random(using: &inputs.rng)
                let rv = rowvar ? "True" : "False"
                cases.expectSame("#\(n) cov \(dtype) \(x.shape) rowvar \(rowvar)", "np.cov(x0, rowvar=\(rv))", [x], ulps: 8, scaled: true) {
                    try NDArray.cov(x, rowvar: rowvar)
                }
                cases.expectSame("#\(n) cov bias \(dtype) \(x.shape)", "np.cov(x0, bias=True)", [x], ulps: 8, scaled: true) { try NDArray.cov(x, bias: true) }
                cases.expectSame("#\(n) corrcoef \(dtype) \(x.shape) rowvar \(rowvar)", "np.corrcoef(x0, rowvar=\(rv))", [x], ulps: 8, scaled: true) {
                    try NDArray.corrcoef(x, rowvar: rowvar)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }
}
