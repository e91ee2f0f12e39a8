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
    /// ¹ Re-measured after float32 `exp`, `log` and `arctan` moved to float32 arithmetic:
    /// harness medians (`bench run --backends simd,sleef`), 10⁶ elements, one run per
    /// level on the shared machine.
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
    ]
    /// The loops marked bold in the AVX2 column of ``outranksSLEEF(_:_:)``.
    static let fasterThanSLEEFAtAVX2: Set<String> = [
        "exp f", "log f", "sin f", "cos f", "tanh f", "arctan f", "power f",
        "exp d", "log d", "sin d", "cos d", "tanh d", "arctan d", "power d",
    ]
}
