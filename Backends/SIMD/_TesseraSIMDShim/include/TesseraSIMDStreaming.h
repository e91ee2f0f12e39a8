#ifndef TESSERA_SIMD_STREAMING_H
#define TESSERA_SIMD_STREAMING_H

#include <stdint.h>

/// The bytes an elementwise call must touch (its output and the inputs it reads, see
/// Kernels.h) for its contiguous output to be written with streaming (non-temporal)
/// stores: half the size of the last-level cache, read once from CPUID.
intptr_t tessera_simd_stream_threshold(void);

/// Sets that threshold (tests use a small one to take the streaming path on short runs);
/// a negative value restores the one derived from the cache.
void tessera_simd_set_stream_threshold(intptr_t bytes);

#endif
