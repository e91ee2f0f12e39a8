internal import _TesseraSIMDShim
import TesseraCore

/// The SIMD backend's elementary functions: NumPy's `exp`, `log`, `sin`, `cos`, `tanh`,
/// `arctan` and `power`, `expm1`, `log1p`, `arcsin`, `arccos`, `sinh`, `cbrt` and
/// `hypot`, and `tan` and `arctan2`, for float32 and float64, at most 1 ULP from the exact
/// result.
///
/// The kernels are written from the mathematics in the C shim (`elementary/`): range
/// reduction (x = n ln2 + r, x = 2^k m, x = n π + r, x = n π/2 + r), minimax polynomials
/// fitted by `Backends/SIMD/tools/fit_polynomials.py` (float64 `arctan`'s, and the table
/// of `power`, by `fit_core_tables.py`); float32 `sin`, `cos` and `power`
/// evaluated in float64 (the only rounding that shows is the final conversion); float32
/// `exp`, `log`, `arctan` and `tanh` in float32 (twice the lanes) with the parts that would round
/// visibly carried in two floats (`exp`: the reduced argument and 1 + r; `log`: r − r²/2
/// and k·ln2 + r − r²/2 for x = 2ᵏ(1 + r), 1 + r in [2/3, 4/3); `arctan`: the reduced
/// argument of three regions split at 1/2 and 2, and π/4 or π/2 plus it; `tanh`: tanh(L)
/// at the left end L of one of 16 intervals of [5/8, 9.1], read from tables by vector
/// permutes, plus a degree-5 polynomial in |x| − L, by `fit_tanh_f32.py`; an odd
/// polynomial below 5/8); float64 likewise
/// in two doubles. Arguments of `sin` and `cos` beyond 2²⁰ take an exact reduction (Payne–Hanek;
/// float32 with 128 bits of 2/π, float64 with a 192-bit window of 1280 bits), so
/// every finite argument gets a result within the bound. Special values are NumPy's:
/// `exp` gives inf and 0 past its overflow and underflow thresholds, `log` gives −inf
/// at ±0 and NaN below 0, `sin` and `cos` give NaN at ±inf, `tanh` gives ±1 and
/// `arctan` ±π/2 (rounded) at ±inf, both keep the sign of zero; NaN stays NaN; `power`
/// follows C99 `pow` (`x**±0 = 1`, `1**y = 1`, NaN for a negative base with a
/// non-integer exponent, the sign kept for odd integer exponents, 0 or inf by the sign
/// of `y·log|x|` for zeros and infinities). float64 `tanh` works from expm1(2|x|) as two
/// doubles, float64 `arctan` reduces to |t| ≤ tan(π/8) with one division, and `power`
/// is exp(y·log x): float32 as 2^(y·log2 x) in float64, with 16-entry tables for log2 x
/// and 2^(j/16) and polynomials cut to float32's need (`fit_power_f32_table.py`),
/// float64 with a 128-row logarithm table whose short 1/c make z/c − 1 exact
/// (`fit_power_table.py`), y·log x carried as two doubles, and at AVX2 and AVX-512 one
/// kernel in the compiler's vector extensions. float64 `exp` (and the
/// exponential of float64 `power`) is table-driven: eˣ = 2ⁿ·2^(j/16)·eʳ with
/// |r| ≤ ln2/32 (`fit_exp_table.py`); at AVX-512 its lookups are two-source permutes
/// and at AVX2 gathers, in intrinsics that compute the same operations as the
/// per-element kernel, so both levels agree bit for bit.
///
/// The second set (`elementary/Expm1.c`, `Log1p.c`, `Arcsin.c` with `arccos`, `Sinh.c`,
/// `Cbrt.c`, `Hypot.c`) has polynomials fitted by `fit_polynomials_extended.py` (and the
/// exp and log polynomials of `fit_polynomials.py`); float32 is evaluated in float64
/// (`arcsin` and `arccos` at AVX2 and AVX-512 in float32 arithmetic instead, with the
/// square root's correction and π/2 − 2s kept as for float64, `fit_arcsin_f32.py`), and
/// float64 carries in two doubles the parts that would otherwise round visibly: the
/// reduced argument and 2ⁿ − 1 of `expm1`, the rounding error of 1 + x in `log1p`,
/// √((1 − |x|)/2) and π/2 − 2s in `arcsin` (π/2 − x and π − 2s in `arccos`), eʳ in
/// `sinh`, the Newton residual y³ − x of `cbrt`, and x² + y² and its square root's
/// residual in `hypot`. Their special values are NumPy's: `expm1` gives −1 at −inf and
/// inf past its overflow threshold; `log1p` −inf at −1 and NaN below; `arcsin` and
/// `arccos` NaN beyond ±1; `sinh` ±inf past its threshold; `cbrt` keeps ±0 and ±inf;
/// `hypot` gives +inf when either operand is infinite (even with a NaN) and NaN for any
/// other NaN; odd functions keep the sign of zero; NaN stays NaN.
///
/// The functions derived from exp and log (`elementary/Exp2.c`, `Log2Log10.c`, `Cosh.c`,
/// `InverseHyperbolic.c` with `arcsinh`, `arccosh` and `arctanh`) reuse the exp and log
/// polynomials; their base-change constants come from `derived_constants.py`. float32 is
/// evaluated in float64 (except `log2` and `log10` at AVX-512: float32 lanes with a
/// 16-entry table, `Log2F32.c`; `exp2` as 2ⁿ e^(r ln2) with r = x − n exact, the inverse
/// hyperbolics as log(1 + w) with w formed without cancellation); float64 `exp2` carries
/// r ln2 in two doubles, `cosh` carries eʳ and e⁻ʳ in two doubles each, and `log2`,
/// `log10` and the inverse hyperbolics take a logarithm of an argument in two doubles
/// (a + √(a² + 1), x + √(x² − 1), (1 + a)/(1 − a)) that returns two doubles, rounded
/// once after the change of base. Their special values are NumPy's: `exp2` gives inf and
/// 0 past its thresholds and exact powers of two at integers; `log2` and `log10` −inf at
/// ±0 and NaN below 0; `cosh` inf at ±inf and past its threshold; `arcsinh` keeps ±0 and
/// ±inf; `arccosh` gives +0 at 1, NaN below 1; `arctanh` ±inf at ±1 and NaN beyond.
///
/// `tan` (`elementary/Tan.c`) reduces as `sin` and `cos` do, to x = n π/2 + r with
/// |r| ≤ π/4 (`TrigReduction.h`; every finite argument, beyond 2²⁰ by Payne–Hanek with
/// 1280 bits of 2/π, float64 included), and takes tan r or −cot r as one quotient: float32
/// in float64 from a [2/3] Padé approximant (`fit_trig.py`), float64 from sin r and cos r
/// carried in two doubles each with the quotient corrected by its remainder. `tan(±0)` is
/// ±0, `tan(±inf)` NaN. `arctan2` (`elementary/Arctan2.c`) is `arctan`'s cores on
/// min(|x|, |y|)/max(|x|, |y|) (float64: on the three regions of |y|/|x| with the quotient
/// kept in two doubles), with π − θ for a negative `x` (its sign bit) and the sign of `y`
/// copied on; its special values are C99's `atan2`, as NumPy's: ±0 or ±π for a zero `y`
/// by the sign of `x`, ±π/2 for a zero `x`, ±π/4 or ±3π/4 when both are infinite, ±0 or
/// ±π for an infinite `x`, ±π/2 for an infinite `y`, NaN for any NaN.
///
/// Each loop has code for AVX2 with FMA and for AVX-512, and most have code for SSE2 (the
/// x86-64 baseline: no fused multiply-add, no rounding instruction): the same kernels
/// compiled a second time (`elementary/sse2/`), with each fused multiply-add the
/// algorithm relies on for exactness (a remainder, a product's rounding error, a
/// reduction x − n·c whose product is not exact) emulated exactly (Dekker's product) and
/// the others (polynomial steps, products exact anyway) a multiply and an add, so their
/// results can differ from AVX2's in the last bit and their bounds are measured apart
/// (`measuredMaxULPSSE2`). A few SSE2 loops have kernels of their own: float32 `tanh` is
/// evaluated in float64 (`elementary/sse2/TanhF32SSE2.c`; the AVX kernel's table
/// permutes have no SSE2 form), float32 `arcsin` and `arccos` too (the AVX kernels'
/// fused multiply-adds would be emulated), float32 `expm1` and `sinh` too (`elementary/Expm1.c`,
/// `elementary/Sinh.c`; the AVX kernels work in float32 lanes, `elementary/Expm1F32.c`,
/// `elementary/SinhF32.c`), float64 `exp2` and `cosh` take exp's 2^(j/16) table,
/// float64 `cbrt` a correction series, and float64 `log2`, `arcsinh` and `arccosh` a
/// logarithm from `power`'s table whose short 1/c make z/c − 1 exact without a fused
/// multiply-add (`elementary/LogTableCore.h`, `fit_log_table_sse2.py`), so that none needs
/// an emulated product. A loop without an SSE2 bound leaves the scalar backend's
/// loop in place at SSE2. Every loop takes any stride (strided operands are gathered into blocks
/// of 512 elements; `hypot` and `arctan2` take a broadcast operand too).
enum ElementaryLoops {
    /// The measured maximum error in ULP of each loop, by ufunc and element type:
    /// float32 over all 2³² inputs, float64 over 10⁷ inputs spread over the domain
    /// (`power`: 10⁸ float32 and float64 pairs plus every pair of special values), all
    /// against a correctly rounded reference (`ci/ulp-sweep.sh`, table in
    /// `Backends/SIMD/tools/ulp-sweep.txt`), rounded up to two decimals. The AVX2 and
    /// AVX-512 kernels are the same sequence of IEEE operations, so one figure holds for
    /// both, except for the loops in `measuredMaxULPAVX512`.
    static let measuredMaxULP: [String: Double] = [
        // exp, exp2 and power: subnormal results are rounded once (te_subnormal_round);
        // rounded to full precision before 2^n was applied they measured up to 0.80, 0.80
        // and 0.75 in dense passes over that range (ulp-sweep.txt, 2026-12-06). float64
        // exp2 and cosh at AVX2 and AVX-512 now take exp's 2^(j/16) table, as at SSE2 but
        // with fused multiply-adds: 0.5386 and 0.5532 in the sweep and its dense passes
        // (cosh had measured 0.6797 just below overflow with its division).
        // tanh and arctanh float64: the harness's accuracy column found 0.92 and 0.67 on its
        // inputs, above the stated 0.89 and 0.65; dense passes (10^8 inputs in [-5, 5] and
        // [-1, 1]) give 0.9399 near x = 0.126 (n = 0 in expm1(2x), where e^r - 1 - r's
        // roundings count most) and 0.6646.
        "exp f": 0.71, "exp d": 0.54,
        "log f": 0.64, "log d": 0.84,
        // float32 sin/cos: the degree-4 sin(r)/r of fit_sin_f32.py (0.5004 with degree 5).
        "sin f": 0.61, "sin d": 0.80,
        "cos f": 0.61, "cos d": 0.83, // float64 sin/cos re-measured with the Payne–Hanek path (ulp-sweep.txt)
        "tanh f": 0.75, "arctan f": 0.63, // float32 tanh and arctan in float32 arithmetic (TanhF32.c, ArctanF32.c), re-measured
        "tanh d": 0.94, "arctan d": 0.69, "power f": 0.54, "power d": 0.55,
        // The second set (`ci/ulp-sweep-extended.sh`; `hypot` float32 over 2³² pairs).
        // float64 expm1 and sinh: the sweep's common range left few inputs below |x| = 1,
        // where the lean-kernel test found more (mpmath-checked); measured densely since
        // (ci/ulp-sweep-extended.sh, 10^8 inputs in [0.3, 0.4], [0.5, 1], [1, 1.5]):
        // expm1 0.6846 near ln2/2 (where the reduction changes n); sinh 0.8359 just above 1
        // (e^r - m, m up to 0.19 of the result); the odd series below 1 at most 0.7202 over
        // 5*10^7 inputs in [-1, 1] (it carries a^3 in two doubles since it measured 0.93).
        // float32 expm1 in float32 lanes (Expm1F32.c, 16 per AVX-512 register): 0.5804 over
        // all 2^32 inputs, at x = 0.347 (n = 1, where the terms beyond r^2/2, rounded in
        // float32, are 3.4% of the result); 0.5002 evaluated in double before.
        "expm1 f": 0.59, "expm1 d": 0.69,
        // float32 log1p in float32 arithmetic (Log1pF32.c; SSE2 keeps the double kernel):
        // 0.5195 at x = 0.02362, where the result is smallest against its tail.
        "log1p f": 0.52, "log1p d": 0.85,
        // float32 arcsin and arccos in float32 arithmetic (Arcsin.c): 0.6011 and 0.5883 over
        // all 2^32 inputs, near |x| = 0.52 (the t z P term's roundings and the 1/s estimate).
        "arcsin f": 0.61, "arcsin d": 0.67,
        "arccos f": 0.59, "arccos d": 0.64,
        // float32 sinh in float32 lanes (SinhF32.c): 0.5594 over all 2^32 inputs, below 1/2
        // (a + a^3 P, the a^3 P term rounded in float32); 0.5010 evaluated in double before.
        "sinh f": 0.56, "sinh d": 0.84,
        // cbrt: x^(-2/3) from a polynomial times 2^(-2n/3) (float64: refined once) and one
        // Newton step on x itself (CbrtF32.c, CbrtF64.c; SSE2 keeps Cbrt.c's kernels).
        // float64 measured 0.5000 over 10^7 inputs.
        "cbrt f": 0.52, "cbrt d": 0.51,
        "hypot f": 0.51, "hypot d": 0.51,
        // Derived from exp and log (`ci/ulp-sweep-extended.sh`). float32 exp2 in float32
        // lanes (Exp2F32.c: 2^(j/16) in two floats times 2^r, |r| <= 1/32): 0.5622 over all
        // 2^32 inputs; 0.5010 evaluated in double before.
        "exp2 f": 0.57, "exp2 d": 0.54,
        "log2 f": 0.51, "log2 d": 0.69,
        "log10 f": 0.51, "log10 d": 0.66,
        // float32 cosh in float32 lanes (CoshF32.c: sinh's tables, E + W with the two high
        // parts summed exactly): 0.5576 over all 2^32 inputs, just below overflow (r up to
        // ln2/16 where k is capped); 0.5010 evaluated in double before.
        "cosh f": 0.56, "cosh d": 0.56,
        // float32 arcsinh, arccosh, arctanh in float32 lanes (InverseHyperbolicF32.c): 0.5198,
        // 0.5159 and 0.5183 over all 2^32 inputs, where the logarithm's result is smallest
        // against its tail (just past its central subinterval); 0.5000 in double before.
        "arcsinh f": 0.52, "arcsinh d": 0.66,
        "arccosh f": 0.52, "arccosh d": 0.65,
        "arctanh f": 0.52, "arctanh d": 0.67,
        // tan and arctan2 (`ci/ulp-sweep.sh tan arctan2`; `arctan2`: 10⁸ float32 and 10⁷
        // float64 pairs plus every pair of special values). float64 `tan` reached 0.7163
        // in the sweep and 0.7510 on inputs near odd multiples of π/4 (results near 1, its
        // hardest case; see ulp-sweep.txt). float32 arctan2 in float32 lanes
        // (Arctan2F32Lanes.h): 0.5087 over the sweep's 10⁸ pairs and 0.5114 over 4·10⁸ more
        // (seed 2); 0.5009 evaluated in double before.
        "tan f": 0.51, "tan d": 0.76,
        "arctan2 f": 0.52, "arctan2 d": 0.75,
    ]

    /// AVX-512 loops with a kernel of their own (results not those of AVX2), measured as
    /// above. float32 `power`: float32 lanes with w = y log2 x in two floats (PowerF32.c),
    /// 0.5891 at y log2 x = 126.8 (the logarithm's relative error near 1, times |w|).
    /// float32 `log2` and `log10`: float32 lanes with a 16-entry table (Log2F32.c).
    static let measuredMaxULPAVX512: [String: Double] = [
        "power f": 0.59,
        // float32 log2 and log10 in float32 lanes (Log2F32.c): 0.5262 and 0.5256 over all
        // 2^32 inputs, just above 1 (where the subinterval next to the central one leaves
        // the smallest results against r P(r)); 0.5001 evaluated in double at AVX2 and SSE2.
        "log2 f": 0.53, "log10 f": 0.53,
    ]

    /// The measured maximum error in ULP of the SSE2 loops (rows `sse2` and
    /// `sse2-vs-avx2` of `ulp-sweep.txt`), rounded up to two decimals, and never below the
    /// AVX figure above. float32: all 2³² inputs through the SSE2 and the AVX2 loop, the
    /// correctly rounded reference evaluated where the two differ (0 to 900 000 inputs);
    /// elsewhere the AVX2 loop's exhaustive figure holds. float64: 10⁷ inputs as for the
    /// AVX loops. Functions missing here have no SSE2 loop registered (the scalar
    /// backend's loop serves).
    static let measuredMaxULPSSE2: [String: Double] = [
        "exp f": 0.73, "exp d": 0.56,
        "log f": 0.65, "log d": 0.84,
        "sin f": 0.61, "sin d": 0.85,
        "cos f": 0.61, "cos d": 0.88,
        "tanh f": 0.75, "tanh d": 0.94, // float32 tanh at SSE2 in double (sse2/TanhF32SSE2.c)
        "arctan f": 0.80, "arctan d": 0.69,
        // float64 tan: 0.7778 in the sweep (at 2^768, the Payne–Hanek path), 0.8091 on the
        // accuracy test's inputs (at 1.34e42).
        "tan f": 0.51, "tan d": 0.81,
        // float64 arctan2 at SSE2 scales operands down from 2^992 (not 2^1000), so the
        // emulated product's splitting of the divisor cannot overflow. float32 arctan2 at
        // SSE2: the kernel in double (0.5009), stated at the AVX figure.
        "arctan2 f": 0.52, "arctan2 d": 0.75,
        // float64 expm1 and sinh measured densely as above: 0.6846, and 0.8340 just above 1
        // (the odd series at most 0.7202; it measured 0.98 before carrying a^3 in two doubles).
        // float32 expm1 at SSE2: Expm1.c's evaluation in double (0.5002), stated at the AVX
        // figure.
        "expm1 f": 0.59, "expm1 d": 0.69,
        // float32 log1p at SSE2: Log1p.c's evaluation in double (0.5001), stated at the AVX
        // figure.
        "log1p f": 0.52, "log1p d": 0.85,
        // float32 arcsin and arccos at SSE2: the double kernel (sse2/ArcsinSSE2.c), measured
        // on its own over all 2^32 inputs (0.5003 and 0.5002), stated at the AVX figures.
        "arcsin f": 0.61, "arcsin d": 0.70,
        "arccos f": 0.59, "arccos d": 0.66,
        // float32 sinh at SSE2: Sinh.c's evaluation in double (0.5010), stated at the AVX
        // figure.
        "sinh f": 0.56, "sinh d": 0.84,
        "hypot f": 0.51, "hypot d": 0.75,
        // float32 cosh, arcsinh, arccosh and arctanh at SSE2: Cosh.c's and
        // InverseHyperbolic.c's evaluation in double, stated at the AVX figures.
        "log10 f": 0.51, "log10 d": 0.66, "arctanh f": 0.52, "arctanh d": 0.67,
        "cosh f": 0.56, "cosh d": 0.68, "arcsinh f": 0.52, "arccosh f": 0.52,
        "log2 f": 0.51,
        // float64 exp2 and cosh at SSE2: the AVX kernels (exp's 2^(j/16) table) without
        // fused multiply-adds; cbrt has its own SSE2 kernel (Cbrt.c: a correction series
        // instead of the Newton step's exact products).
        // float32 exp2 at SSE2: Exp2.c's evaluation in double, stated at the AVX figure.
        "exp2 f": 0.57, "exp2 d": 0.69,
        // float32 cbrt at SSE2: Cbrt.c's kernel (0.5001), stated at the AVX figure.
        "cbrt f": 0.52, "cbrt d": 0.51,
        // float64 power: the per-element kernel with split operands instead of fused
        // multiply-adds (1.3x glibc's pow on Zen 4; 10^8 pairs). float32 power: PowerF32.c's
        // operations on two double lanes, in two passes per block (1.25x glibc's powf;
        // 10^8 pairs, the same bits as AVX2 on every one).
        "power f": 0.54, "power d": 0.57,
        // float64 log2, arcsinh and arccosh: kernels of their own at SSE2, a table-driven
        // logarithm without fused multiply-adds (LogTableCore.h, Log2Log10.c) and split
        // operands for the exact squares (the AVX kernels' te_log_dd with Dekker's
        // products measured 0.57x, 0.42x and 0.28x glibc). Measured 0.5063, 0.5142 and
        // 0.5010 at SSE2 (10^7 inputs, full and lean kernels); stated at the AVX figures.
        "log2 d": 0.69, "arcsinh d": 0.66, "arccosh d": 0.65,
    ]

    /// Registers (or replaces) the family's loops that have code at or below `level`.
    static func install(into registry: LoopRegistry, at level: InstructionSetLevel) throws {
        for (ufunc, loop) in try loops(at: level) {
            if registry.loop(for: ufunc, signature: loop.signature) != nil {
                try registry.replaceLoop(for: ufunc, signature: loop.signature, with: loop)
            } else {
                try registry.register(loop, for: ufunc)
            }
        }
    }

    /// The family's loops at `level`. Each states its measured bound; an AVX loop without
    /// one is an error, so no loop is installed with an unmeasured bound; an SSE2 loop
    /// without one is left out.
    static func loops(at level: InstructionSetLevel) throws -> [(ufunc: UFunc, loop: InnerLoop)] {
        var count = 0
        let entries = tessera_simd_elementary_loops(&count)
        var result: [(ufunc: UFunc, loop: InnerLoop)] = []
        for entry in UnsafeBufferPointer(start: entries, count: count) {
            guard let (function, used) = SIMDBackend.function(of: entry, at: level) else { continue }
            let ufuncName = String(cString: entry.ufunc)
            let signature = try LoopSignature(String(cString: entry.signature))
            let key = "\(ufuncName) \(signature.inputs[0] == .float64 ? "d" : "f")"
            if used == .sse2 && measuredMaxULPSSE2[key] == nil { continue }
            let measured = used == .avx512 ? measuredMaxULPAVX512[key] ?? measuredMaxULP[key] : measuredMaxULP[key]
            guard let bound = used == .sse2 ? measuredMaxULPSSE2[key] : measured else {
                throw TesseraError(.backendUnavailable, "simd: no measured error bound for the elementary loop \(ufuncName) \(signature); add it to ElementaryLoops.measuredMaxULP")
            }
            let loop = InnerLoop(
                signature: signature,
                function: unsafeBitCast(function, to: InnerLoopFunction.self),
                backend: "simd",
                instructionSet: used.rawValue,
                stridePolicy: .anyStride,
                maxULPError: bound,
                costPerElement: entry.cost
            )
            result.append((try UFunc.named(ufuncName), loop))
        }
        return result
    }
}
