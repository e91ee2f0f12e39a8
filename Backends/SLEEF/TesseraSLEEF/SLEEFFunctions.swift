import TesseraCore

/// The ufuncs the SLEEF backend provides, and the SLEEF functions behind them.
///
/// Each ufunc maps to one SLEEF function family (`exp` → `Sleef_expd8_u10avx512f`,
/// `Sleef_expf16_u10avx512f`, …). The default tier is SLEEF's 1.0-ULP `u10` (`u05` for
/// `hypot`, which has no `u10`); ``SLEEFBackend/Precision/u35`` chooses the faster
/// 3.5-ULP functions where SLEEF has them.
public struct SLEEFFunction: Sendable, CustomStringConvertible {
    /// The ufunc whose float32 and float64 loops this provides.
    public let ufunc: UFunc
    /// SLEEF's name for the function (`asin` for `arcsin`, `pow` for `power`).
    public let sleefName: String
    /// SLEEF's accuracy tier suffix for the default precision (`u10`, `u05`, or empty for
    /// correctly rounded functions).
    let defaultTier: String
    /// The tier for ``SLEEFBackend/Precision/u35``, when SLEEF has one.
    let fastTier: String?

    public var description: String { "\(ufunc.name) (Sleef_\(sleefName))" }

    /// The tier used at `precision`.
    func tier(_ precision: SLEEFBackend.Precision) -> String {
        precision == .u35 ? (fastTier ?? defaultTier) : defaultTier
    }

    /// Whether SLEEF's function is accurate only on part of the domain, so that the loop
    /// recomputes those elements with the C library: larger arguments (asinh and acosh
    /// square x; log1p, exp, sinh and cosh overflow before the result does) or, for pow,
    /// results that overflowed from finite inputs (its threshold is a little early too).
    var needsRangePatch: Bool { ["asinh", "acosh", "log1p", "exp", "sinh", "cosh", "pow"].contains(sleefName) }

    /// The error bound a loop states in its metadata: SLEEF's documented bound for the
    /// tier, raised where the accuracy tests (≥ 10⁶ inputs per loop) measured more.
    func maxULPError(_ precision: SLEEFBackend.Precision, instructionSet: SLEEFBackend.InstructionSet) -> Double? {
        let tier = tier(precision)
        switch (sleefName, tier) {
        // Measured 1.83 ULP (float32) and 1.53 ULP (float64) without FMA, for y/x near
        // the overflow range; 0.98 with FMA.
        case ("atan2", "u10") where instructionSet == .sse2: return 2.0
        // Measured up to 1.0005 ULP for tiny x (a result one ULP below x where the exact
        // value lies a hair under x).
        case ("atanh", "u10"), ("tanh", "u10"), ("asinh", "u10"): return 1.01
        // SLEEF states 0.5001; measured 0.92 with subnormal operands.
        case ("hypot", "u05"): return 1.0
        default: break
        }
        switch tier {
        // The untiered functions are correctly rounded (sqrt: the hardware instruction).
        case "u05", "": return 0.5
        case "u10": return 1.0
        case "u35": return 3.5
        default: return nil
        }
    }

    /// The exported symbol for one element type and instruction set, e.g.
    /// `Sleef_expd8_u10avx512f`.
    func symbol(dtype: DType, instructionSet: SLEEFBackend.InstructionSet, precision: SLEEFBackend.Precision) -> String {
        let isDouble = dtype == .float64
        let lanes = instructionSet.vectorBytes / (isDouble ? 8 : 4)
        let tierSuffix = tier(precision)
        return "Sleef_\(sleefName)\(isDouble ? "d" : "f")\(lanes)_\(tierSuffix)\(instructionSet.rawValue)"
    }

    /// Every function the backend registers, in catalogue order.
    public static let all: [SLEEFFunction] = [
        // Exponents and logarithms
        SLEEFFunction(ufunc: .exp, sleefName: "exp", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .exp2, sleefName: "exp2", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .expm1, sleefName: "expm1", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .log, sleefName: "log", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .log2, sleefName: "log2", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .log10, sleefName: "log10", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .log1p, sleefName: "log1p", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .power, sleefName: "pow", defaultTier: "u10", fastTier: nil),
        // Trigonometric
        SLEEFFunction(ufunc: .sin, sleefName: "sin", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .cos, sleefName: "cos", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .tan, sleefName: "tan", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .arcsin, sleefName: "asin", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .arccos, sleefName: "acos", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .arctan, sleefName: "atan", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .arctan2, sleefName: "atan2", defaultTier: "u10", fastTier: "u35"),
        // Hyperbolic
        SLEEFFunction(ufunc: .sinh, sleefName: "sinh", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .cosh, sleefName: "cosh", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .tanh, sleefName: "tanh", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .arcsinh, sleefName: "asinh", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .arccosh, sleefName: "acosh", defaultTier: "u10", fastTier: nil),
        SLEEFFunction(ufunc: .arctanh, sleefName: "atanh", defaultTier: "u10", fastTier: nil),
        // Roots and norms. Swift's `squareRoot()` keeps a libm fallback for errno and so
        // never vectorises. SLEEF's untiered sqrt (`Sleef_sqrtd8_avx512f`, …) is the
        // hardware instruction in every ISA, correctly rounded like NumPy's and the scalar
        // backend's. Its u05 sqrt is a Newton iteration within 0.5001 ULP, not always
        // correctly rounded (float64 SSE2: one ULP from the scalar result on inputs in
        // [0.01, 100]); it was also slower for float32 (AVX-512, 10⁶ elements: 395 µs
        // against 330 µs) and a little faster for float64 (880 µs against 970 µs).
        SLEEFFunction(ufunc: .sqrt, sleefName: "sqrt", defaultTier: "", fastTier: nil),
        SLEEFFunction(ufunc: .cbrt, sleefName: "cbrt", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .hypot, sleefName: "hypot", defaultTier: "u05", fastTier: "u35"),
    ]
}
