internal import _TesseraSIMDShim

extension SIMDBackend {
    /// The bytes an elementwise call must touch (its output plus the inputs it reads) for
    /// the loops to write its contiguous output with streaming stores, which skip the read
    /// of each output line a cached store makes first: half the size of the last-level
    /// cache, from CPUID (16 MiB when CPUID does not say). In-place calls never stream. Results
    /// are the same either way.
    public static var streamingStoreThreshold: Int { tessera_simd_stream_threshold() }

    /// Sets ``streamingStoreThreshold`` for the whole process (tests use a small one to take
    /// the streaming path on short runs); `nil` restores the one derived from the cache.
    package static func setStreamingStoreThreshold(_ bytes: Int?) {
        tessera_simd_set_stream_threshold(bytes.map { max($0, 0) } ?? -1)
    }
}
