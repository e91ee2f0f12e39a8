import Foundation

/// Robust summaries of timing samples and the Mann–Whitney U test that decides
/// whether two sets of samples differ (the test asv uses for `asv compare`).
public enum Statistics {
    /// The median; `nan` for no samples.
    public static func median(_ values: [Double]) -> Double {
        quantile(values, 0.5)
    }

    /// The `q`-quantile with linear interpolation between order statistics (NumPy's default).
    public static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = Swift.min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }

    /// The interquartile range, Q3 − Q1.
    public static func interquartileRange(_ values: [Double]) -> Double {
        quantile(values, 0.75) - quantile(values, 0.25)
    }

    /// A ratio of two backends' times on one case, with its spread across rounds.
    public struct RoundRatio: Sendable, Equatable {
        /// The median of the per-round ratios; without rounds, the ratio of the medians.
        public var value: Double
        /// The first and third quartiles of the per-round ratios (``quantile(_:_:)``);
        /// `nil` without rounds, where the ratio's spread is unknown.
        public var interquartile: ClosedRange<Double>?
        /// How many rounds the ratio is the median of (0: none recorded).
        public var rounds: Int

        /// Half the interquartile range relative to the value (`0.05` = ±5%), if known.
        public var relativeHalfSpread: Double? {
            interquartile.map { ($0.upperBound - $0.lowerBound) / 2 / value }
        }
    }

    /// `numerator / denominator` for one case measured in the same interleaved rounds.
    ///
    /// Round `k` of both results ran back to back, so the ratio of their round-`k` medians
    /// is free of whatever drift the machine had between rounds; the spread of those
    /// per-round ratios says how much the ratio itself moves. When either result has no
    /// usable rounds, or their round counts differ, this falls back to the ratio of the
    /// overall medians with no spread. `nil` when a median is not positive and finite.
    public static func roundRatio(_ numerator: CaseResult, over denominator: CaseResult) -> RoundRatio? {
        if let top = numerator.roundMedians, let bottom = denominator.roundMedians, top.count == bottom.count {
            let ratios = zip(top, bottom).map { $0 / $1 }
            guard ratios.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
            return RoundRatio(value: median(ratios), interquartile: quantile(ratios, 0.25)...quantile(ratios, 0.75), rounds: ratios.count)
        }
        let ratio = numerator.median_ns / denominator.median_ns
        guard ratio.isFinite, ratio > 0 else { return nil }
        return RoundRatio(value: ratio, interquartile: nil, rounds: 0)
    }

    /// The outcome of a two-sided Mann–Whitney U test.
    public struct MannWhitneyResult: Sendable, Equatable {
        /// U of the first sample (SciPy's `statistic`).
        public var u: Double
        /// Two-sided p-value.
        public var p: Double
    }

    /// The two-sided Mann–Whitney U test of `x` against `y`, computed as
    /// `scipy.stats.mannwhitneyu(x, y)` does by default: the exact distribution of U when
    /// one sample has at most 8 values and there are no ties, otherwise the normal
    /// approximation with tie correction and continuity correction.
    public static func mannWhitneyU(_ x: [Double], _ y: [Double]) -> MannWhitneyResult {
        let n1 = x.count, n2 = y.count
        guard n1 > 0, n2 > 0 else { return MannWhitneyResult(u: .nan, p: 1) }
        // Midranks of the pooled sample.
        let pooled = (x.map { ($0, 0) } + y.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        var ranks = [Double](repeating: 0, count: pooled.count)
        var tieTerm = 0.0  // Σ (t³ − t) over groups of ties
        var i = 0
        while i < pooled.count {
            var j = i
            while j + 1 < pooled.count && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[k] = rank }
            let t = Double(j - i + 1)
            tieTerm += t * t * t - t
            i = j + 1
        }
        let r1 = zip(pooled, ranks).filter { $0.0.1 == 0 }.map(\.1).reduce(0, +)
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let big = Swift.max(u1, u2)

        if (n1 <= 8 || n2 <= 8) && tieTerm == 0 {
            // Exact: P(U ≥ big) from the distribution of U under H0, doubled.
            let counts = exactUDistribution(n1, n2)
            let total = counts.reduce(0, +)
            let tail = counts[Int(big)...].reduce(0, +)
            return MannWhitneyResult(u: u1, p: Swift.min(1, 2 * tail / total))
        }
        let n = Double(n1 + n2)
        let mean = Double(n1 * n2) / 2
        let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return MannWhitneyResult(u: u1, p: 1) }
        let z = (big - mean - 0.5) / variance.squareRoot()
        let p = Swift.min(1, 2 * normalSurvival(z))
        return MannWhitneyResult(u: u1, p: p)
    }

    /// Number of arrangements giving each U = 0…n1·n2 (no ties): the coefficients of the
    /// Gaussian binomial ∏ₖ (1 − q^(N+k)) / (1 − q^k), k = 1…m, m = min(n1, n2), N = max.
    static func exactUDistribution(_ n1: Int, _ n2: Int) -> [Double] {
        let m = Swift.min(n1, n2), big = Swift.max(n1, n2)
        var poly = [Double](repeating: 0, count: m * big + 1)
        poly[0] = 1
        var degree = 0
        for k in stride(from: 1, through: m, by: 1) {
            // Multiply by (1 − q^(N+k)).
            let shift = big + k
            degree += shift
            for u in stride(from: Swift.min(degree, poly.count - 1), through: shift, by: -1) {
                poly[u] -= poly[u - shift]
            }
            // Divide by (1 − q^k): exact, so b[u] = a[u] + b[u − k].
            degree -= k
            for u in stride(from: k, to: poly.count, by: 1) {
                poly[u] += poly[u - k]
            }
        }
        return poly
    }

    /// P(Z > z) for a standard normal Z.
    static func normalSurvival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
