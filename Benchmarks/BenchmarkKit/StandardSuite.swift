/// The standard suite. A new op or size is one line here; the harness
/// reports cases whose operation this build lacks as unavailable.
public enum StandardSuite {
    static let floats = ["float32", "float64"]
    static let numeric = ["float32", "float64", "int32", "int64"]
    static let mathOps = ["sqrt", "exp", "log", "sin", "cos", "tanh", "arctan", "power"]

    /// Every case, in report order.
    public static let cases: [CaseID] = {
        var c: [CaseID] = []
        // Binary arithmetic: dispatch overhead (8, 1000), in cache (1e5, 1e6), memory bound (1e7).
        for op in ["add", "multiply"] {
            for n in [8, 1_000, 100_000, 1_000_000, 10_000_000] { c.append(CaseID(op, "float64", "contiguous", n)) }
        }
        for op in ["add", "multiply", "divide"] {
            for dtype in numeric where !(dtype == "float64" && op != "divide") {
                for n in [1_000, 1_000_000] { c.append(CaseID(op, dtype, "contiguous", n)) }
            }
        }
        c.append(CaseID("divide", "float64", "contiguous", 10_000_000))
        for layout in ["strided2", "broadcast", "reversed"] {
            c.append(CaseID("add", "float64", layout, 1_000_000))
            c.append(CaseID("multiply", "float32", layout, 1_000_000))
        }
        c.append(CaseID("add", "float64", "transposed", 4_000_000))
        c.append(CaseID("add", "float64", "broadcast", 8))
        c.append(CaseID("add", "int32+float64", "contiguous", 1_000_000))
        // Comparisons.
        for op in ["less", "equal"] {
            for dtype in ["float64", "int32"] { c.append(CaseID(op, dtype, "contiguous", 1_000_000)) }
        }
        c.append(CaseID("greater", "float32", "strided2", 1_000_000))
        // Unary math.
        for op in mathOps {
            for dtype in floats {
                for layout in ["contiguous", "strided2"] { c.append(CaseID(op, dtype, layout, 1_000_000)) }
            }
        }
        for op in ["expm1", "log1p", "arcsin", "arccos", "sinh", "cbrt", "hypot", "tan", "arctan2"] {
            for dtype in floats { c.append(CaseID(op, dtype, "contiguous", 1_000_000)) }
        }
        for op in ["exp2", "log2", "log10", "cosh", "arcsinh", "arccosh", "arctanh"] {
            for dtype in floats { c.append(CaseID(op, dtype, "contiguous", 1_000_000)) }
        }
        for n in [8, 1_000] { c.append(CaseID("exp", "float64", "contiguous", n)) }
        c.append(CaseID("exp", "float64", "reversed", 1_000_000))
        c.append(CaseID("sin", "float32", "transposed", 4_000_000))
        // Reductions: full and along each axis of a 2000×2000 array.
        for op in ["sum", "max", "argmax", "mean"] {
            c.append(CaseID(op, "float64", "contiguous", 10_000_000))
            for layout in ["axis0", "axis1"] { c.append(CaseID(op, "float64", layout, 4_000_000)) }
        }
        c.append(CaseID("sum", "float32", "contiguous", 1_000_000))
        c.append(CaseID("sum", "float64", "contiguous", 8))
        // Matrix product (n is the side).
        for dtype in floats {
            for n in [64, 256, 1_024] { c.append(CaseID("matmul", dtype, "contiguous", n)) }
        }
        // Linear algebra (n is the side; lstsq is n×(n/5); batched is 1000 matrices of n elements).
        for (op, n) in [("solve", 512), ("inv", 512), ("det", 512), ("eigh", 512), ("svd", 512), ("lstsq", 1_000), ("cholesky", 1_024)] {
            c.append(CaseID(op, "float64", "contiguous", n))
        }
        c.append(CaseID("inv", "float64", "batched", 64))
        // Casts.
        for dtype in ["float64->float32", "int32->float64"] {
            c.append(CaseID("astype", dtype, "contiguous", 1_000_000))
            c.append(CaseID("astype", dtype, "strided2", 1_000_000))
        }
        c += sortingCases
        // Element access: `a[i, j]` read as a Swift value (NumPy: a NumPy scalar).
        c.append(CaseID("getitem", "float64", "scalar", 1))
        // Random numbers (np.random.Generator, PCG64): bulk fills and a shuffle.
        for op in ["random", "standard_normal", "standard_exponential"] { c.append(CaseID(op, "float64", "contiguous", 10_000_000)) }
        c.append(CaseID("integers", "int64", "contiguous", 10_000_000))
        c.append(CaseID("permutation", "int64", "contiguous", 1_000_000))
        // Joining and indexing (see Benchmarks/bench/Workload+Multiarray.swift).
        c.append(CaseID("concatenate", "float64", "contiguous", 1_000_000))
        c.append(CaseID("take", "float64", "contiguous", 1_000_000))
        c.append(CaseID("getmask", "float64", "contiguous", 1_000_000))
        c.append(CaseID("setmask", "float64", "contiguous", 1_000_000))
        c.append(CaseID("nonzero", "bool", "contiguous", 1_000_000))
        // Vector-kernel cases: casts the SIMD backend registers, integer floor division, and
        // the reductions with early exit or index results.
        for dtype in ["float32->float64", "int64->float32", "float64->int32", "float16->float32"] {
            c.append(CaseID("astype", dtype, "contiguous", 1_000_000))
        }
        c.append(CaseID("floor_divide", "int64", "contiguous", 1_000_000))
        c.append(CaseID("argmin", "float32", "contiguous", 10_000_000))
        c.append(CaseID("any", "bool", "contiguous", 10_000_000))
        return c
    }()

    /// The `--quick` subset: one or two representatives per family, no 10⁷ cases.
    public static let quick: [CaseID] = cases.filter { id in
        switch id.family {
        case .arithmetic: return id.op == "add" && (id.dtype == "float64" || id.dtype == "int32+float64") && id.n <= 4_000_000
        case .comparison: return id.op == "less" && id.dtype == "float64"
        case .math: return ["exp", "sin", "sqrt"].contains(id.op) && id.layout == "contiguous" && id.n == 1_000_000
        case .reduction: return id.n <= 4_000_000 && id.op != "max"
        case .matmul: return id.n <= 256
        case .linalg: return id.op == "solve" || id.layout == "batched"
        case .cast: return id.layout == "contiguous"
        case .sorting: return sortingQuick.contains(id)
        case .random: return id.op == "permutation"
        case .multiarray: return true
        case .other: return false
        }
    }
}
