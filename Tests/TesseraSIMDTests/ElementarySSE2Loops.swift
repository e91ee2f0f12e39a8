import TesseraCore

/// Which elementary loops the SIMD backend has at SSE2 (the others leave the scalar
/// backend's loop in place there: their SSE2 code measured slower than it, above the
/// bound, or was not measured), for the accuracy tests' expectations at that level.
enum ElementarySSE2Loops {
    static let loops: Set<String> = [
        "exp f", "exp d", "log f", "log d", "sin f", "sin d", "cos f", "cos d",
        "tanh d", "arctan f", "arctan d", "tan f", "tan d", "arctan2 f",
        "expm1 f", "expm1 d", "log1p f", "log1p d", "arcsin f", "arcsin d", "arccos f", "arccos d",
        "sinh f", "sinh d", "hypot f", "hypot d", "log10 d", "arctanh d", "exp2 f", "log2 f",
        "tanh f", "arctan2 d", "log10 f", "cosh f", "arcsinh f", "arccosh f", "arctanh f", "cbrt f",
        "exp2 d", "cbrt d", "cosh d",
        "power f", "power d", "log2 d", "arcsinh d", "arccosh d",
    ]

    /// Whether `ufunc` on `dtype` has an SSE2 loop.
    static func has(_ ufunc: UFunc, _ dtype: DType) -> Bool {
        loops.contains("\(ufunc.name) \(dtype == .float64 ? "d" : "f")")
    }

    /// The backend that serves `ufunc` on `dtype` at `level`.
    static func backend(_ ufunc: UFunc, _ dtype: DType, at level: InstructionSetLevel) -> String {
        level != .sse2 || has(ufunc, dtype) ? "simd" : "scalar"
    }
}
