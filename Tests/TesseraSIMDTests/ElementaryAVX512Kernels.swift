import TesseraCore

/// Which elementary loops have an AVX-512 kernel of their own (results not those of the
/// AVX2 loop, `ElementaryLoops.measuredMaxULPAVX512`), for the accuracy tests, which
/// otherwise expect the AVX2 and AVX-512 loops to agree bit for bit. (float32 `power` has
/// its own tests, PowerFloat32Tests.)
enum ElementaryAVX512Kernels {
    static let loops: Set<String> = ["tan f"]

    /// Whether `ufunc` on `dtype` has its own AVX-512 kernel.
    static func has(_ ufunc: UFunc, _ dtype: DType) -> Bool {
        loops.contains("\(ufunc.name) \(dtype == .float64 ? "d" : "f")")
    }
}
