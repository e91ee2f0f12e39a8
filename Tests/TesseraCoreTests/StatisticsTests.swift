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

    /// Lanes long enough for the sampled selection (1024 elements on, a larger sample from
    /// 65 536): distinct
    /// values, a small pool with NaN/inf/±0 duplicates (the sample's bounds then hold most
    /// of the lane), an already sorted lane, reversed and strided lanes, and more levels
    /// than the sampled pass takes at once.
    @Test func longLaneOrderStatisticsAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1614)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<20 {
                let dtype = [DType.float64, .float32, .float16, .int64, .int32, .uint16, .float64][n % 7]
                let length = n % 2 == 0 ? Int.random(in: 65_536...120_000, using: &inputs.rng) : Int.random(in: 1024...9000, using: &inputs.rng)
                var x: NDArray
                switch n % 4 {
                case 0:
                    x = NDArray((0..<length).map { _ in Double.random(in: -1000...1000, using: &inputs.rng) }).astype(dtype)
                case 1:
                    x = inputs.array(dtype, [length], pool: [3, 200].randomElement(using: &inputs.rng)!)
                case 2:
                    x = NDArray((0..<length).map { Double($0 % 30_000) - 5000 }).astype(dtype).sorted().flipped(axis: 0)
                default:
                    var values = (0..<length).map { _ in Double.random(in: -1e6...1e6, using: &inputs.rng) }
                    if dtype.isFloatingPoint { values[Int.random(in: 0..<length, using: &inputs.rng)] = .nan }
                    x = NDArray(values).astype(dtype)
                }
                var axis: Int? = nil
                if n % 5 == 3 {
                    // A lane along axis 0 of a 2-column array: read with a stride.
                    x = x[0..<(length / 2 * 2)].reshaped([length / 2, 2])
                    axis = 0
                }
                let ax = pythonAxis(axis)
                let label = "long #\(n) \(dtype) \(x.shape) strides \(x.strides) axis \(ax)"
                cases.expectSame("\(label) median", "np.median(x0, axis=\(ax))", [x]) { try NDArray.median(x, axis: axis) }
                let method = [QuantileMethod.linear, .nearest, .invertedCDF, .hazen].randomElement(using: &inputs.rng)!
                let m = "method='\(method.rawValue)'"
                let q = [0.5, 0.9, 0.001, 0.999, 0.3333].randomElement(using: &inputs.rng)!
                cases.expectSame("\(label) quantile \(q) \(method)", "np.quantile(x0, \(q), axis=\(ax), \(m))", [x]) {
                    try NDArray.quantile(x, q, axis: axis, method: method)
                }
                let levels = NDArray(n % 2 == 0 ? [0.1, 0.5, 0.9] : [0.01, 0.2, 0.35, 0.5, 0.65, 0.8, 0.99])
                cases.expectSame("\(label) percentile array \(method)", "np.percentile(x0, x1 * 100, axis=\(ax), \(m))", [x, levels]) {
                    try NDArray.percentile(x, UFunc.multiply.callOrStop([levels, 100], "test"), axis: axis, method: method)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    /// NumPy 2's `weights=` (inverted_cdf only): full-shape and per-axis weights, zero
    /// weights (leading zeros take NumPy's -1 rule), float32 levels, NaN lanes, the errors
    /// (another method, negative weights, all-zero lanes); and NumPy's integer
    /// `q` path (a data point in the data's dtype with the linear method).
    @Test func weightedAndIntegerQuantilesAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1615)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<120 {
                let dtype = Self.types.filter { $0 != .bool }.randomElement(using: &inputs.rng)!
                let x = inputs.array(dtype, inputs.shape(allowEmpty: false))
                let axis = inputs.axis(x.ndim)
                let ax = pythonAxis(axis)
                let label = "#\(n) \(dtype) \(x.shape) strides \(x.strides) axis \(ax)"
                let perAxis = axis != nil && Bool.random(using: &inputs.rng)
                let wShape = perAxis ? [x.shape[(axis! + x.ndim) % x.ndim]] : x.shape
                var w = NDArray((0..<wShape.reduce(1, *)).map { _ in Double(Int.random(in: 0...3, using: &inputs.rng)) }, shape: wShape)
                if n % 3 == 0 { w = w.astype(.int64) }
                let q = [0, 1, 0.5, 0.25, 0.9, 0.3333, 0.01].randomElement(using: &inputs.rng)!
                let method = n % 10 == 9 ? QuantileMethod.linear : .invertedCDF
                let m = "method='\(method.rawValue)'"
                cases.expectSame("\(label) weighted quantile \(q) \(method) w \(w.shape)", "np.quantile(x0, \(q), axis=\(ax), \(m), weights=x1)", [x, w]) {
                    try NDArray.quantile(x, q, axis: axis, method: method, weights: w)
                }
                let levels = NDArray([0.0, 0.2, q, 1]).astype(n % 2 == 0 ? .float32 : .float64)
                cases.expectSame("\(label) weighted percentile array \(levels.dtype) w \(w.shape)", "np.percentile(x0, x2 * 100, axis=\(ax), \(m), weights=x1, keepdims=True)", [x, w, levels]) {
                    try NDArray.percentile(x, UFunc.multiply.callOrStop([levels, 100], "test"), axis: axis, method: method, keepdims: true, weights: w)
                }
                if n % 7 == 0 {
                    let negative = UFunc.subtract.callOrStop([w, 1], "test")
                    cases.expectSame("\(label) negative weights", "np.quantile(x0, 0.5, axis=\(ax), method='inverted_cdf', weights=x1)", [x, negative]) {
                        try NDArray.quantile(x, 0.5, axis: axis, method: .invertedCDF, weights: negative)
                    }
                }
                let k = n % 2
                cases.expectSame("\(label) integer q \(k)", "np.quantile(x0, \(k), axis=\(ax))", [x]) {
                    try NDArray.quantile(x, k, axis: axis)
                }
                let integerLevels = NDArray([Int64(1), 0, 1])
                cases.expectSame("\(label) integer q array", "np.quantile(x0, x1, axis=\(ax))", [x, integerLevels]) {
                    try NDArray.quantile(x, integerLevels, axis: axis)
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
                // Weights (NumPy sums them per 65 536-element block, in the weights' dtype;
                // explicit edges sum a sorted block's weights, whose order among equal
                // values may differ: a few ULP of the largest bin).
                let wType = [DType.float64, .float32, .int64, .int32].randomElement(using: &inputs.rng)!
                let w = inputs.array(.float64, x.shape, pool: 12).astype(wType)
                let wOK = !w.dtype.isFloatingPoint || UFunc.isfinite.callOrStop([w], "test").toArray(Bool.self).allSatisfy { $0 }
                if wOK {
                    cases.expectSame("\(label) weighted histogram \(bins)\(r)\(d) \(wType)", "np.histogram(x0, bins=\(bins)\(r)\(d), weights=x1)[0]", [x, w], ulps: 4, scaled: true) {
                        try NDArray.histogram(x, bins: .count(bins), range: useRange ? range : nil, density: density, weights: w).hist
                    }
                }
                let edges = NDArray([-3.0, -0.5, 0, 0, 1, 2.5, 7]).astype(Bool.random(using: &inputs.rng) ? .float64 : .float32)
                cases.expectSame("\(label) histogram edges \(edges.dtype)", "np.histogram(x0, bins=x1)[0]", [x, edges]) {
                    try NDArray.histogram(x, bins: .edges(edges)).hist
                }
                // Whole-number weights: the cumulative sums are exact whichever order ties
                // are summed in (NumPy's unstable argsort decides it), so counts are bitwise.
                let wholeWeights = NDArray((0..<x.size).map { _ in Double(Int.random(in: -5...9, using: &inputs.rng)) }, shape: x.shape).astype(wType)
                cases.expectSame("\(label) weighted histogram edges \(edges.dtype) \(wType)", "np.histogram(x0, bins=x2, weights=x1)[0]", [x, wholeWeights, edges]) {
                    try NDArray.histogram(x, bins: .edges(edges), weights: wholeWeights).hist
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

    /// Equal-width bins counted by multiplication must put every value where NumPy's
    /// division and edge corrections put it: data on the edges and one ULP either side,
    /// many bins, a given range and the data's own, contiguous and strided float64.
    @Test func histogramCountsOnEdgesAgreeWithNumPy() throws {
        let registry = try scalarRegistry()
        var rng = SeededGenerator(seed: 1623)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<12 {
                let bins = [7, 100, 1000, 12_345, 3][n % 5]
                let low = Double.random(in: -50...10, using: &rng), high = low + Double.random(in: 1e-3...300, using: &rng)
                var values: [Double] = []
                for i in 0...bins {
                    let edge = low + Double(i) * ((high - low) / Double(bins))
                    values += [edge, edge.nextUp, edge.nextDown]
                }
                values += (0..<20_000).map { _ in Double.random(in: (low - 1)...(high + 1), using: &rng) }
                values.shuffle(using: &rng)
                var x = NDArray(values)
                if n % 3 == 2 { x = x.rawView(shape: [values.count / 2], strides: [16]) }
                let useRange = n % 2 == 0
                let r = useRange ? ", range=(\(low), \(high))" : ""
                let label = "edges #\(n) bins \(bins) \(x.shape) strides \(x.strides)\(r)"
                cases.expectSame("\(label) counts", "np.histogram(x0, bins=\(bins)\(r))[0]", [x]) {
                    try NDArray.histogram(x, bins: .count(bins), range: useRange ? (low, high) : nil).hist
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
                // Frequency and analytic weights, one per observation.
                let observations = rowvar ? columns : rows
                let fw = NDArray((0..<observations).map { _ in Int64.random(in: 0...3, using: &inputs.rng) })
                let aw = NDArray((0..<observations).map { _ in Double(Int.random(in: 1...8, using: &inputs.rng)) / 4 })
                let d = Int.random(in: 0...2, using: &inputs.rng)
                cases.expectSame("#\(n) cov fweights \(dtype) \(x.shape) rowvar \(rowvar)", "np.cov(x0, rowvar=\(rv), fweights=x1)", [x, fw], ulps: 8, scaled: true) {
                    try NDArray.cov(x, rowvar: rowvar, fweights: fw)
                }
                cases.expectSame("#\(n) cov aweights ddof \(d) \(dtype) \(x.shape)", "np.cov(x0, rowvar=\(rv), aweights=x1, ddof=\(d))", [x, aw], ulps: 8, scaled: true) {
                    try NDArray.cov(x, rowvar: rowvar, ddof: d, aweights: aw)
                }
                cases.expectSame("#\(n) cov both weights \(dtype) \(x.shape)", "np.cov(x0, rowvar=\(rv), fweights=x1, aweights=x2)", [x, fw, aw], ulps: 8, scaled: true) {
                    try NDArray.cov(x, rowvar: rowvar, fweights: fw, aweights: aw)
                }
                cases.expectSame("#\(n) corrcoef \(dtype) \(x.shape) rowvar \(rowvar)", "np.corrcoef(x0, rowvar=\(rv))", [x], ulps: 8, scaled: true) {
                    try NDArray.corrcoef(x, rowvar: rowvar)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }
}

/// `gradient` against NumPy's: every spacing form (none, one distance, a distance or
/// coordinates per axis, equally and unequally spaced, float32 and integer coordinates),
/// both edge orders, all axes or some, views, and the errors for short axes.
@Suite struct GradientTests {
    @Test func gradientAgreesWithNumPy() throws {
        let registry = try scalarRegistry()
        var inputs = SortingInputs(seed: 1631)
        var cases = OracleCases()
        Backends.withRegistry(registry) {
            for n in 0..<120 {
                let dtype = [DType.float64, .float32, .float16, .int64, .int32, .uint8][n % 6]
                var shape = inputs.shape(maxRank: 3, allowEmpty: false)
                if shape.isEmpty { shape = [4] }
                let x = inputs.array(dtype, shape, pool: 200)
                let edgeOrder = Int.random(in: 1...2, using: &inputs.rng)
                let useAxes = x.ndim > 1 && Bool.random(using: &inputs.rng)
                let axes: [Int]? = useAxes ? [Int.random(in: 0..<x.ndim, using: &inputs.rng) - (Bool.random(using: &inputs.rng) ? x.ndim : 0)] : nil
                let chosen = axes ?? Array(0..<x.ndim)
                var spacing: [GradientSpacing] = []
                var python: [String] = []
                var extra: [NDArray] = []
                switch n % 4 {
                case 0: break
                case 1:
                    let d = [0.5, 2.0, 3.0, 0.1].randomElement(using: &inputs.rng)!
                    spacing = [.distance(d)]
                    python = ["\(d)"]
                default:
                    for axis in chosen {
                        let length = x.shape[axis < 0 ? axis + x.ndim : axis]
                        switch Int.random(in: 0..<4, using: &inputs.rng) {
                        case 0:
                            let d = Double(Int.random(in: 1...9, using: &inputs.rng)) / 4
                            spacing.append(.distance(d))
                            python.append("\(d)")
                        case 1:
                            // Equally spaced coordinates: their distance as a NumPy scalar.
                            let c = NDArray((0..<length).map { Double($0) * 0.3 + 1 }).astype(Bool.random(using: &inputs.rng) ? .float32 : .float64)
                            spacing.append(.coordinates(c))
                            python.append("x\(1 + extra.count)")
                            extra.append(c)
                        case 2:
                            var t = 0.0
                            let c = NDArray((0..<length).map { _ in t += Double.random(in: 0.1...2, using: &inputs.rng); return t })
                            spacing.append(.coordinates(c))
                            python.append("x\(1 + extra.count)")
                            extra.append(c)
                        default:
                            let c = NDArray((0..<length).map { Int64($0 * $0) })
                            spacing.append(.coordinates(c))
                            python.append("x\(1 + extra.count)")
                            extra.append(c)
                        }
                    }
                }
                let args = (python.isEmpty ? "" : ", " + python.joined(separator: ", ")) + (axes.map { ", axis=\($0[0])" } ?? "") + ", edge_order=\(edgeOrder)"
                let label = "#\(n) \(dtype) \(x.shape) strides \(x.strides)\(args)"
                // NumPy returns a list for several axes and an array for one.
                do {
                    let results = try NDArray.gradient(x, spacing: spacing, axes: axes, edgeOrder: edgeOrder)
                    for (i, result) in results.enumerated() {
                        let pick = chosen.count == 1 ? "" : "[\(i)]"
                        cases.expectSame("\(label) axis \(i)", "np.gradient(x0\(args))\(pick)", [x] + extra) { result }
                    }
                } catch {
                    cases.expectTrue("\(label) (Tessera threw \(error))", "raises(lambda: np.gradient(x0\(args)))", [x] + extra)
                }
            }
        }
        let failures = try cases.run()
        #expect(failures.isEmpty, "\(failures.count) of \(cases.checks.count) mismatches:\n\(failures.prefix(12).joined(separator: "\n"))")
    }
}
