extension NDArray {
    /// Throwing form of ``average(_:axis:weights:)``, also returning the sum of the
    /// weights (NumPy's `returned=True`), broadcast to the average's shape.
    /// - Throws: `.shapeMismatch` when `weights` is neither shaped like `a` nor 1-D along
    ///   `axis` (which must then be given), `.valueError` when the weights sum to zero.
    public static func average(_ a: NDArray, axis: Int? = nil, weights: NDArray? = nil) throws -> (average: NDArray, sumOfWeights: NDArray) {
        guard var weights else {
            let mean = a.mean(axis: axis)
            let scale = NDArray.full(mean.shape, Double(a.size / Swift.max(mean.size, 1)), dtype: mean.dtype)
            return (mean, scale)
        }
        let resultType = a.dtype.isInteger || a.dtype == .bool
            ? DType.resultType([a.dtype, weights.dtype, .float64])!
            : DType.resultType([a.dtype, weights.dtype])!
        weights = try alignedWeights(weights, to: a, axis: axis, "average")
        let scale = weights.broadcastView(to: try broadcastShapes([weights.shape, a.shape])).sum(axis: axis, dtype: resultType)
        if scale.toArray(Double.self).contains(0) {
            throw TesseraError(.valueError, "average: weights sum to zero, can't be normalized")
        }
        let weighted = try UFunc.multiply.call([a, weights], dtype: resultType)
        let average = try UFunc.divide(weighted[0].sum(axis: axis), scale)
        return (average, scale.broadcastView(to: average.shape).copy())
    }

    /// Throwing form of ``cov(_:_:rowvar:bias:ddof:fweights:aweights:)``.
    /// - Throws: `.shapeMismatch` for more than two dimensions, `y` not matching, or
    ///   weights that are not 1-D with one weight per observation; `.valueError` for
    ///   negative weights or frequency weights that are not whole numbers.
    public static func cov(_ m: NDArray, _ y: NDArray? = nil, rowvar: Bool = true, bias: Bool = false, ddof: Int? = nil, fweights: NDArray? = nil, aweights: NDArray? = nil) throws -> NDArray {
        func observations(_ array: NDArray) throws -> NDArray {
            guard array.ndim <= 2 else {
                throw TesseraError(.shapeMismatch, "cov: m has more than 2 dimensions (shape \(array.shape))")
            }
            let type = DType.resultType([array.dtype, .float64])!
            var x = array.astype(type)
            if x.ndim < 2 { x = x.reshaped([1, x.size]) }
            if !rowvar && array.ndim != 1 { x = x.transposed() }
            return x
        }
        var x = try observations(m)
        if x.axisLength(0) == 0 { return NDArray.zeros([0, 0], dtype: x.dtype) }
        if let y {
            x = try joinedAlong([x, try observations(y)], axis: 0)
        }
        let ddof = ddof ?? (bias ? 0 : 1)
        /// NumPy's checks of one kind of weights, as float64.
        func observationWeights(_ weights: NDArray, _ name: String) throws -> [Double] {
            let values = weights.astype(.float64)
            guard values.ndim == 1 else {
                throw TesseraError(.shapeMismatch, "cov: cannot handle multidimensional \(name) (shape \(weights.shape)); give one weight per observation")
            }
            guard values.size == x.axisLength(1) else {
                throw TesseraError(.shapeMismatch, "cov: incompatible numbers of samples (\(x.axisLength(1))) and \(name) (\(values.size))")
            }
            let list = values.toArray(Double.self)
            if list.contains(where: { $0 < 0 }) {
                throw TesseraError(.valueError, "cov: \(name) cannot be negative")
            }
            return list
        }
        var w: [Double]? = nil
        var analytic: [Double]? = nil
        if let fweights {
            let values = fweights.astype(.float64).toArray(Double.self)
            guard values.allSatisfy({ $0 == $0.rounded(.toNearestOrEven) }) else {
                throw TesseraError(.valueError, "cov: fweights must be integer (whole numbers)")
            }
            w = try observationWeights(fweights, "fweights")
        }
        if let aweights {
            let values = try observationWeights(aweights, "aweights")
            analytic = values
            w = w.map { zip($0, values).map { $0 * $1 } } ?? values
        }
        if let w {
            let weights = NDArray(w)
            let (mean, sumOfWeights) = try average(x, axis: 1, weights: weights)
            let total = sumOfWeights.toArray(Double.self).first ?? 0
            let factor: Double
            if ddof == 0 {
                factor = total
            } else if let analytic {
                // Python's sum(): left to right.
                var s = 0.0
                for (a, b) in zip(w, analytic) { s += a * b }
                factor = total - Double(ddof) * s / total
            } else {
                factor = total - Double(ddof)
            }
            let centered = try UFunc.subtract(x, mean.reshaped([mean.size, 1]))
            let weighted = try UFunc.multiply(centered, weights)
            var c = try NDArray.dot(centered, try UFunc.conjugate(weighted.transposed()))
            c = try UFunc.multiply(c, 1.0 / (factor <= 0 ? 0.0 : factor))
            return c.squeezed()
        }
        let freedom = x.axisLength(1) - ddof
        let mean = x.mean(axis: 1, keepdims: true)
        let centered = try UFunc.subtract(x, mean)
        let conjugated = try UFunc.conjugate(centered.transposed())
        var c = try NDArray.dot(centered, conjugated)
        // NumPy multiplies by the reciprocal rather than dividing.
        c = try UFunc.multiply(c, 1.0 / Double(Swift.max(freedom, 0)))
        return c.squeezed()
    }

    /// Throwing form of ``corrcoef(_:_:rowvar:)``.
    public static func corrcoef(_ x: NDArray, _ y: NDArray? = nil, rowvar: Bool = true) throws -> NDArray {
        let c = try cov(x, y, rowvar: rowvar)
        if c.ndim == 0 { return try UFunc.divide(c, c) }
        let n = c.axisLength(0)
        let diagonal = c.rawView(shape: [n], strides: [c.axisStride(0) + c.axisStride(1)])
        let deviation = try UFunc.sqrt(diagonal.dtype.isComplex ? diagonal.componentView(imaginary: false) : diagonal)
        var r = try UFunc.divide(c, deviation.reshaped([n, 1]))
        r = try UFunc.divide(r, deviation.reshaped([1, n]))
        if r.dtype.isComplex {
            let re = r.componentView(imaginary: false).clip(min: -1.0, max: 1.0)
            let im = r.componentView(imaginary: true).clip(min: -1.0, max: 1.0)
            let joined = r.copy()
            writeElements(from: re, through: joined.componentView(imaginary: false))
            writeElements(from: im, through: joined.componentView(imaginary: true))
            return joined
        }
        return r.clip(min: -1.0, max: 1.0)
    }
}

/// NumPy's `np.average(a, axis, weights)`: the mean, or with `weights` (shaped like `a`,
/// or 1-D along `axis`) `sum(a·w) / sum(w)`, in float64 for integer and bool data.
/// Bad weights are a programmer error; see ``NDArray/average(_:axis:weights:)``.
public func average(_ a: NDArray, axis: Int? = nil, weights: NDArray? = nil) -> NDArray {
    a.stopOnSortError("average") { try NDArray.average(a, axis: axis, weights: weights).average }
}

/// NumPy's `np.cov(m, y, rowvar, bias, ddof, fweights, aweights)`: the covariance matrix
/// of the variables in the rows of `m` (columns with `rowvar: false`), observations along
/// the other axis; normalised by `N - 1` (`N` with `bias: true`, `N - ddof` with `ddof`);
/// squeezed like NumPy's (one variable gives a 0-d array). float64 for integer data.
/// `fweights` (whole-number repeat counts) and `aweights` (relative importance), one per
/// observation, weight the mean and the products; the normaliser is then NumPy's
/// `Σw - ddof` (`Σw - ddof·Σ(w·a)/Σw` with `aweights`; `Σw` for `ddof` 0), and a
/// non-positive normaliser gives inf/NaN as NumPy's (which warns). The products are
/// summed by ``dot(_:_:)`` (BLAS in NumPy), so elements agree to rounding, not bitwise.
public func cov(_ m: NDArray, _ y: NDArray? = nil, rowvar: Bool = true, bias: Bool = false, ddof: Int? = nil, fweights: NDArray? = nil, aweights: NDArray? = nil) -> NDArray {
    m.stopOnSortError("cov") { try NDArray.cov(m, y, rowvar: rowvar, bias: bias, ddof: ddof, fweights: fweights, aweights: aweights) }
}

/// NumPy's `np.corrcoef(x, y, rowvar)`: Pearson correlation coefficients,
/// `cov[i, j] / sqrt(cov[i, i] · cov[j, j])` (computed as NumPy does, by dividing by each
/// standard deviation in turn), clipped to [-1, 1].
public func corrcoef(_ x: NDArray, _ y: NDArray? = nil, rowvar: Bool = true) -> NDArray {
    x.stopOnSortError("corrcoef") { try NDArray.corrcoef(x, y, rowvar: rowvar) }
}
