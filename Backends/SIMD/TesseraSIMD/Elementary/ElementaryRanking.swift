import TesseraCore

extension SIMDBackend {
    /// Whether an installed loop is one of the SIMD backend's elementary loops that runs
    /// faster than SLEEF's `u10` loop for the same ufunc and type, at the same
    /// instruction-set level, with at least its accuracy (every SIMD elementary loop is
    /// ≤ 1 ULP by measurement, as SLEEF's `u10` tier is by its documentation). In `all`
    /// the SLEEF backend, which ranks above SIMD, leaves these loops in place
    /// (``SLEEFBackend/keepsInstalledLoop``); SLEEF stays available as its own backend.
    ///
    /// The choice is per loop and level, from one measurement on an AMD EPYC (Zen 4),
    /// one thread, 2·10⁴ elements in cache, minimum of 301 runs, ns per element, SIMD
    /// against SLEEF 3.5 `u10` (a loop is listed where SIMD is faster by more than the
    /// noise, about 3 %):
    ///
    /// | loop | AVX-512 simd / sleef | AVX2 simd / sleef |
    /// |---|---|---|
    /// | exp f32 | **0.28 / 0.35** ¹ | **0.38 / 0.62** ¹ |
    /// | log f32 | **0.38 / 0.54** ¹ | **0.53 / 1.03** ¹ |
    /// | sin f32 | 0.57 / 0.55 | **0.70 / 0.95** |
    /// | cos f32 | **0.60 / 0.70** | **0.77 / 1.23** |
    /// | tanh f32 | **0.81 / 1.48** | **1.32 / 2.32** |
    /// | arctan f32 | **0.49 / 0.91** ¹ | **0.71 / 1.42** ¹ |
    /// | power f32 | **1.42 / 2.36** | **2.27 / 4.08** |
    /// | exp f64 | **0.87 / 1.04** | **1.47 / 1.61** |
    /// | log f64 | **0.75 / 1.25** | **1.21 / 2.94** |
    /// | sin f64 | 1.35 / 1.27 | **1.99 / 2.11** |
    /// | cos f64 | **1.33 / 1.47** | **1.90 / 2.58** |
    /// | tanh f64 | **1.43 / 3.29** | **2.30 / 5.06** |
    /// | arctan f64 | **1.26 / 2.30** | **2.06 / 3.51** |
    /// | power f64 | **3.63 / 5.12** | **5.07 / 9.21** |
    ///
    /// The functions derived from exp and log, measured the same way in a second run
    /// (the machine shared with other builds; SLEEF's `u10` vector functions called
    /// directly in a loop over the block, without the SLEEF backend's range patches, so
    /// its figures are if anything low):
    ///
    /// | loop | AVX-512 simd / sleef | AVX2 simd / sleef |
    /// |---|---|---|
    /// | exp2 f32 | **0.17 / 0.22** ⁴ | **0.26 / 0.39** ⁴ |
    /// | log2 f32 | **0.24 / 0.58** ⁶ | **0.77 / 1.28** |
    /// | log10 f32 | **0.25 / 0.54** ⁶ | **0.83 / 1.20** |
    /// | cosh f32 | **0.40 / 1.34** ⁴ | **0.65 / 1.89** ⁴ |
    /// | arcsinh f32 | **0.80 / 2.41** ³ | **1.33 / 4.12** ³ |
    /// | arccosh f32 | **0.73 / 2.27** ³ | **1.29 / 3.46** ³ |
    /// | arctanh f32 | **0.65 / 1.25** ³ | **1.10 / 1.92** ³ |
    /// | exp2 f64 | **0.55 / 0.83** ⁴ | **1.05 / 1.15** ⁴ |
    /// | log2 f64 | **1.06 / 1.36** | **1.79 / 3.27** |
    /// | log10 f64 | **1.06 / 1.31** | **1.79 / 3.02** |
    /// | cosh f64 | **0.85 / 2.77** ⁴ | **2.01 / 3.76** ⁴ |
    /// | arcsinh f64 | **2.39 / 5.96** | **4.08 / 10.50** |
    /// | arccosh f64 | **2.67 / 5.38** | **4.62 / 8.54** |
    /// | arctanh f64 | **1.99 / 3.32** | **3.46 / 5.31** |
    ///
    /// `tan` and `arctan2` from the harness instead (one thread, 10⁶ elements, median of
    /// five rounds, ms per call, two runs each on the shared machine; a loop is listed
    /// where SIMD was faster in both):
    ///
    /// | loop | AVX-512 simd / sleef | AVX2 simd / sleef |
    /// |---|---|---|
    /// | tan f32 | **0.67 / 2.98, 0.67 / 1.02** | **0.91 / 1.59, 0.82 / 1.59** |
    /// | tan f64 | **1.99 / 3.60, 2.27 / 2.91** | 10.7 / 10.8, 6.70 / 6.80 |
    /// | arctan2 f32 | **0.79 / 1.34, 0.80 / 1.31** ⁵ | **1.63 / 10.1, 1.60 / 3.93** |
    /// | arctan2 f64 | **1.96 / 12.4, 1.90 / 3.78** | **10.9 / 13.0, 6.82 / 8.67** |
    ///
    /// The second set, from the harness the same way (one thread, thread CPU time, 10⁶
    /// elements, ms per call, two runs per level, 2026-12-06, the machine shared at load
    /// 3–4). SIMD was faster in both runs at both levels for all fourteen. `hypot` is
    /// nevertheless left to SLEEF: its `u05` function is documented at ≤ 0.5 ULP and the
    /// SIMD loop's measured 0.5001 is stated as 0.51, not equal or better.
    ///
    /// | loop | AVX-512 simd / sleef | AVX2 simd / sleef |
    /// |---|---|---|
    /// | expm1 f32 | **0.41 / 1.19** ² | **0.69 / 1.67** ² |
    /// | expm1 f64 | **1.55 / 2.46, 1.55 / 2.45** | **2.31 / 3.40, 2.33 / 3.43** |
    /// | log1p f32 | **0.43 / 0.81** ² | **0.69 / 1.16** ² |
    /// | log1p f64 | **1.10 / 2.07, 1.10 / 2.07** | **1.67 / 3.16, 1.72 / 3.21** |
    /// | arcsin f32 | **0.33 / 0.72** ² | **0.49 / 1.00** ² |
    /// | arcsin f64 | **1.07 / 1.73, 1.07 / 1.73** | **1.54 / 2.51, 1.55 / 2.54** |
    /// | arccos f32 | **0.35 / 0.90** ² | **0.54 / 1.30** ² |
    /// | arccos f64 | **1.15 / 2.17, 1.16 / 2.19** | **1.72 / 3.12, 1.73 / 3.12** |
    /// | sinh f32 | **0.52 / 1.35** ² | **0.80 / 1.99** ² |
    /// | sinh f64 | **1.88 / 2.77, 1.88 / 2.78** | **2.61 / 3.90, 2.60 / 3.91** |
    /// | cbrt f32 | **0.31 / 1.46** ² | **0.47 / 2.46** ² |
    /// | cbrt f64 | **0.87 / 3.26** ² | **1.57 / 5.83** ² |
    /// | hypot f32 | 0.56 / 1.00, 0.56 / 1.01 | 0.64 / 1.52, 0.64 / 1.52 |
    /// | hypot f64 | 1.07 / 2.25, 1.05 / 2.23 | 1.60 / 3.40, 1.60 / 3.38 |
    ///
    /// ¹ Re-measured after float32 `exp`, `log` and `arctan` moved to float32 arithmetic:
    /// harness medians (`bench run --backends simd,sleef`), 10⁶ elements, one run per
    /// level on the shared machine.
    /// ² Re-measured after float32 `expm1`, `log1p`, `arcsin`, `arccos`, `sinh`, `cbrt`
    /// and float64 `cbrt` got new kernels (float32 lanes; `cbrt` float64 a polynomial for
    /// x^(−2/3) and a Newton step on x): the same way, one run per level, 2026-12-06, load
    /// about 1.
    /// ³ Re-measured after float32 `arcsinh`, `arccosh` and `arctanh` moved to float32 lanes
    /// (InverseHyperbolicF32.c): harness medians (`bench run --backends simd,sleef --clock
    /// thread-cpu`), 10⁶ elements, one run per level, 2026-12-06, load about 20 on 2 vCPUs.
    /// float32 `arctanh` at AVX2 was within the noise of SLEEF's before (1.92 / 1.98).
    /// ⁴ Re-measured after float32 `exp2` and `cosh` moved to float32 lanes and float64
    /// `exp2` and `cosh` to exp's 2^(j/16) table: the same way, one run per level,
    /// 2026-12-06, machine shared with three other builds and sweeps (load about 12).
    /// ⁵ Re-measured after float32 `arctan2` moved to float32 lanes (Arctan2F32Lanes.h):
    /// two runs at AVX-512, thread CPU time, 2026-12-06, load about 16 (0.93–1.80 ms in
    /// double before).
    /// ⁶ Re-measured after float32 `log2` and `log10` moved to float32 lanes at AVX-512
    /// (Log2F32.c): harness medians (`bench run --backends simd,sleef --clock thread-cpu`),
    /// 10⁶ elements, 2026-12-06 18:16, machine quiet (load about 1).
    @Sendable public static func outranksSLEEF(_ ufunc: UFunc, _ loop: InnerLoop) -> Bool {
        guard loop.backend == "simd", loop.signature.inputs.allSatisfy({ $0 == loop.signature.outputs[0] }) else { return false }
        let type = loop.signature.outputs[0] == .float32 ? "f" : (loop.signature.outputs[0] == .float64 ? "d" : "")
        let key = "\(ufunc.name) \(type)"
        switch loop.instructionSet {
        case InstructionSetLevel.avx512.rawValue: return fasterThanSLEEFAtAVX512.contains(key)
        case InstructionSetLevel.avx2.rawValue: return fasterThanSLEEFAtAVX2.contains(key)
        default: return false
        }
    }

    /// The loops marked bold in the AVX-512 column of ``outranksSLEEF(_:_:)``.
    static let fasterThanSLEEFAtAVX512: Set<String> = [
        "exp f", "log f", "cos f", "tanh f", "arctan f", "power f", "exp d", "log d", "cos d", "tanh d", "arctan d", "power d",
        "log2 f", "log10 f", "cosh f", "arcsinh f", "arccosh f", "arctanh f",
        "exp2 d", "log2 d", "log10 d", "cosh d", "arcsinh d", "arccosh d", "arctanh d",
        "tan f", "tan d", "arctan2 f", "arctan2 d",
        "expm1 f", "expm1 d", "log1p f", "log1p d", "arcsin f", "arcsin d", "arccos f", "arccos d",
        "sinh f", "sinh d", "cbrt f", "cbrt d",
        "exp2 f",
    ]
    /// The loops marked bold in the AVX2 column of ``outranksSLEEF(_:_:)``.
    static let fasterThanSLEEFAtAVX2: Set<String> = [
        "exp f", "log f", "sin f", "cos f", "tanh f", "arctan f", "power f",
        "exp d", "log d", "sin d", "cos d", "tanh d", "arctan d", "power d",
        "log2 f", "log10 f", "cosh f", "arcsinh f", "arccosh f", "arctanh f",
        "log2 d", "log10 d", "cosh d", "arcsinh d", "arccosh d", "arctanh d",
        "tan f", "arctan2 f", "arctan2 d",
        "expm1 f", "expm1 d", "log1p f", "log1p d", "arcsin f", "arcsin d", "arccos f", "arccos d",
        "sinh f", "sinh d", "cbrt f", "cbrt d",
        "exp2 f", "exp2 d",
    ]
}
