/// A stable case id, `<op>/<dtype>/<layout>/<n>`: `exp/float64/contiguous/1000000`.
///
/// - `dtype` is one dtype name, `a+b` for mixed inputs (`add/int32+float64/…`) or
///   `a->b` for casts (`astype/float64->float32/…`).
/// - `layout` is `contiguous`, `strided2`, `broadcast`, `transposed` or `reversed`; for
///   reductions also `axis0` and `axis1` (along one axis of a square array); `scalar` for
///   element access (`getitem`).
/// - `n` is the element count; for `matmul` the matrix side.
public struct CaseID: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var op: String
    public var dtype: String
    public var layout: String
    public var n: Int

    public init(_ op: String, _ dtype: String, _ layout: String, _ n: Int) {
        self.op = op
        self.dtype = dtype
        self.layout = layout
        self.n = n
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty, let n = Int(parts[3]), n > 0 else { return nil }
        self.init(parts[0], parts[1], parts[2], n)
    }

    public var description: String { "\(op)/\(dtype)/\(layout)/\(n)" }

    /// The family a case is reported under.
    public var family: Family { Family(op: op, dtype: dtype) }

    /// Families order tables and charts; cases sort by family, then op, dtype, layout, n.
    public static func < (a: CaseID, b: CaseID) -> Bool {
        (a.family.rawValue, a.op, a.dtype, a.layout, a.n) < (b.family.rawValue, b.op, b.dtype, b.layout, b.n)
    }

    public enum Family: Int, CaseIterable, Sendable, CustomStringConvertible {
        case arithmetic, comparison, math, reduction, matmul, linalg, cast, sorting, random, multiarray, other

        init(op: String, dtype: String) {
            switch op {
            case "add", "subtract", "multiply", "divide", "floor_divide": self = .arithmetic
            case "equal", "not_equal", "less", "less_equal", "greater", "greater_equal": self = .comparison
            case "sum", "max", "min", "argmax", "argmin", "mean", "prod", "any", "all": self = .reduction
            case "matmul": self = .matmul
            case "solve", "inv", "det", "eigh", "svd", "lstsq", "cholesky": self = .linalg
            case "astype": self = .cast
            case "sort", "argsort", "unique", "median", "percentile", "histogram": self = .sorting
            case "random", "integers", "standard_normal", "standard_exponential", "permutation": self = .random
            case "concatenate", "take", "getmask", "setmask", "nonzero": self = .multiarray
            case "sqrt", "exp", "log", "sin", "cos", "tan", "tanh", "arctan", "power", "exp2", "log2", "log10",
                 "expm1", "log1p", "arcsin", "arccos", "sinh", "cosh", "arctan2", "hypot", "cbrt",
                 "arcsinh", "arccosh", "arctanh":
                self = .math
            default: self = .other
            }
        }

        public var description: String {
            switch self {
            case .arithmetic: "Arithmetic"
            case .comparison: "Comparisons"
            case .math: "Unary math"
            case .reduction: "Reductions"
            case .matmul: "Matrix product"
            case .linalg: "Linear algebra"
            case .cast: "Casts"
            case .sorting: "Sorting and statistics"
            case .random: "Random numbers"
            case .multiarray: "Joining and indexing"
            case .other: "Other"
            }
        }
    }
}
