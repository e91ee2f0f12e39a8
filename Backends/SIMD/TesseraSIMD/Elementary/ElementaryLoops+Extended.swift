internal import _TesseraSIMDShim
import TesseraCore

/// The SIMD backend's second set of elementary functions: NumPy's `expm1`, `log1p`,
/// `arcsin`, `arccos`, `sinh`, `cbrt` and `hypot` for float32 and float64, at most 1 ULP
/// from the exact result.
///
/// The kernels are written from the mathematics in the C shim (`elementary/Expm1.c`,
/// `Log1p.c`, `Arcsin.c` (with `arccos`), `Sinh.c`, `Cbrt.c`, `Hypot.c`), with minimax polynomials fitted
/// by `Backends/SIMD/tools/fit_polynomials_extended.py` (and the exp and log polynomials of
/// `fit_polynomials.py`). float32 is evaluated in float64, so the only rounding that
/// shows is the final conversion. float64 carries the parts that would otherwise round
/// visibly in two doubles: the reduced argument and 2ⁿ − 1 of `expm1`, the rounding error
/// of 1 + x in `log1p`, √((1 − |x|)/2) and π/2 − 2s in `arcsin` (π/2 − x and π − 2s in
/// `arccos`), eʳ in `sinh`, the
/// Newton residual y³ − x of `cbrt` and x² + y² and its square root's residual in `hypot`.
///
/// Special values are NumPy's: `expm1` gives −1 at −inf and inf past its overflow
/// threshold; `log1p` −inf at −1 and NaN below; `arcsin` and `arccos` NaN beyond ±1;
/// `sinh` ±inf past
/// its threshold; `cbrt` keeps ±0 and ±inf; `hypot` gives +inf when either operand is
/// infinite (even with a NaN) and NaN for any other NaN; odd functions keep the sign of
/// zero; NaN stays NaN.
///
/// Each loop has code for AVX2 with FMA and for AVX-512; at SSE2 the scalar backend's
/// loop stays. Every loop takes any stride (strided operands are gathered into blocks of
/// 512 elements; `hypot` takes a broadcast operand too).
enum ExtendedElementaryLoops {
    /// The measured maximum error in ULP of each loop, by ufunc and element type:
    /// float32 over all 2³² inputs (`hypot`: 2³² pairs), float64 over 10⁷ inputs spread
    /// over the domain, against a correctly rounded reference
    /// (`ci/ulp-sweep-extended.sh`, table in `Backends/SIMD/tools/ulp-sweep.txt`), rounded
    /// up to two decimals. The AVX2 and AVX-512 kernels are the same sequence of IEEE
    /// operations, so one figure holds for both.
    static let measuredMaxULP: [String: Double] = [
        "expm1 f": 0.51, "expm1 d": 0.61,
        "log1p f": 0.51, "log1p d": 0.85,
        "arcsin f": 0.51, "arcsin d": 0.67,
        "arccos f": 0.51, "arccos d": 0.64,
        "sinh f": 0.51, "sinh d": 0.69,
        "cbrt f": 0.51, "cbrt d": 0.51,
        "hypot f": 0.51, "hypot d": 0.51,
    ]

    /// Registers (or replaces) these loops where they have code at or below `level`.
    static func install(into registry: LoopRegistry, at level: InstructionSetLevel) throws {
        try ElementaryLoops.install(loops(at: level), into: registry)
    }

    /// The loops at `level`: none at SSE2.
    static func loops(at level: InstructionSetLevel) throws -> [(ufunc: UFunc, loop: InnerLoop)] {
        try ElementaryLoops.loops(
            tessera_simd_elementary_extended_loops, bounds: measuredMaxULP, boundsName: "ExtendedElementaryLoops.measuredMaxULP", at: level)
    }
}
