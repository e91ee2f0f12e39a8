/// How `quantile`/`percentile` pick or interpolate between order statistics (NumPy's
/// `method=`): the nine sample-quantile definitions of Hyndman & Fan (1996) that NumPy 2
/// names, plus NumPy's older `lower`, `higher`, `midpoint` and `nearest`.
public enum QuantileMethod: String, Sendable, CaseIterable {
    /// H&F 1: the inverse of the empirical distribution function (a data point).
    case invertedCDF = "inverted_cdf"
    /// H&F 2: like ``invertedCDF``, averaging at discontinuities.
    case averagedInvertedCDF = "averaged_inverted_cdf"
    /// H&F 3: the nearest even order statistic (a data point).
    case closestObservation = "closest_observation"
    /// H&F 4: linear interpolation of the empirical distribution function.
    case interpolatedInvertedCDF = "interpolated_inverted_cdf"
    /// H&F 5: piecewise linear, with knots at the midpoints of the data.
    case hazen
    /// H&F 6: `p(k) = k / (n + 1)`.
    case weibull
    /// H&F 7, the default: `p(k) = (k - 1) / (n - 1)`.
    case linear
    /// H&F 8: approximately median-unbiased whatever the distribution.
    case medianUnbiased = "median_unbiased"
    /// H&F 9: approximately unbiased for normally distributed data.
    case normalUnbiased = "normal_unbiased"
    /// The order statistic below (a data point).
    case lower
    /// The order statistic above (a data point).
    case higher
    /// The mean of ``lower`` and ``higher``.
    case midpoint
    /// The nearest order statistic, ties to the even index (a data point).
    case nearest

    /// Whether the method returns data points (NumPy's integer virtual indices).
    var isDiscrete: Bool {
        switch self {
        case .invertedCDF, .closestObservation, .lower, .higher, .nearest: true
        default: false
        }
    }

    /// NumPy's `get_virtual_index(n, q)` for the interpolating methods, evaluated in the
    /// same order of float64 operations.
    func virtualIndex(_ n: Int, _ q: Double) -> Double {
        let count = Double(n)
        func hf(_ alpha: Double, _ beta: Double) -> Double {
            count * q + (alpha + q * (1 - alpha - beta)) - 1
        }
        switch self {
        case .averagedInvertedCDF: return count * q - 1
        case .interpolatedInvertedCDF: return hf(0, 1)
        case .hazen: return hf(0.5, 0.5)
        case .weibull: return hf(0, 0)
        case .linear: return (count - 1) * q
        case .medianUnbiased: return hf(1 / 3.0, 1 / 3.0)
        case .normalUnbiased: return hf(3 / 8.0, 3 / 8.0)
        case .midpoint: return 0.5 * (((count - 1) * q).rounded(.down) + ((count - 1) * q).rounded(.up))
        default: fatalError("virtualIndex of a discrete method")
        }
    }

    /// NumPy's integer index for the discrete methods (before `-1` wraps to the end).
    func discreteIndex(_ n: Int, _ q: Double) -> Int {
        let count = Double(n)
        func boundary(_ index: Double, _ takePrevious: (Double, Double) -> Bool) -> Int {
            let previous = index.rounded(.down)
            let gamma = index - previous
            let chosen = takePrevious(gamma, index) ? previous : previous + 1
            return Swift.max(Int(chosen), 0)
        }
        switch self {
        case .invertedCDF:
            return boundary(count * q - 1) { gamma, _ in gamma == 0 }
        case .closestObservation:
            return boundary(count * q - 1 - 0.5) { gamma, index in
                // Python's floored `%`: floor(index) % 2 == 1 picks odd positions.
                let floor = index.rounded(.down)
                return gamma == 0 && floor - 2 * (floor / 2).rounded(.down) == 1
            }
        case .lower: return Int(((count - 1) * q).rounded(.down))
        case .higher: return Int(((count - 1) * q).rounded(.up))
        case .nearest: return Int(((count - 1) * q).rounded(.toNearestOrEven))
        default: fatalError("discreteIndex of an interpolating method")
        }
    }

    /// NumPy's `fix_gamma`.
    func fixedGamma(_ gamma: Double, _ index: Double) -> Double {
        switch self {
        case .averagedInvertedCDF: return gamma == 0 ? 0.5 : 1
        case .midpoint: return index.truncatingRemainder(dividingBy: 1) == 0 ? 0 : 0.5
        default: return gamma
        }
    }
}
