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

    /// The error bound a loop states in its metadata at `precision`: SLEEF's documented
    /// bound for the tier, which the accuracy tests check over ≥ 10⁶ inputs per loop.
    func maxULPError(_ precision: SLEEFBackend.Precision) -> Double? {
        switch tier(precision) {
        case "u05": 0.5
        case "u10": 1.0
        case "u35": 3.5
        default: nil
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
        // Roots and norms
        SLEEFFunction(ufunc: .cbrt, sleefName: "cbrt", defaultTier: "u10", fastTier: "u35"),
        SLEEFFunction(ufunc: .hypot, sleefName: "hypot", defaultTier: "u05", fastTier: "u35"),
    ]
}
