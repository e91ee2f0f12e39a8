// Streaming stores for large outputs: when to use them (half the last-level cache)
// and the copy of a computed block to memory with them.
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>
#include "Kernels.h"
#include "TesseraSIMDStreaming.h"

// −1 until first asked for.
TS_HIDDEN _Atomic intptr_t ts_stream_threshold_bytes = -1;

/// The size of the largest data or unified cache CPUID's deterministic cache parameters
/// describe (leaf 0x8000001D on AMD, leaf 4 on Intel; the other vendor's leaf is absent
/// or reads as no cache), or 0. The older leaf 0x80000006 and glibc's
/// sysconf(_SC_LEVEL3_CACHE_SIZE), which reads it on AMD, are not used: under the KVM of
/// the Zen 4 machine measured they report 320 MiB (the host's L3 over all its dies),
/// where the L3 the guest's cores share is 32 MiB (leaf 0x8000001D, and Linux's
/// /sys/devices/system/cpu/cpu0/cache/index3).
static intptr_t ts_last_level_cache_bytes(void) {
    const unsigned leaves[2] = {0x8000001Du, 4u};
    intptr_t largest = 0;
    for (int l = 0; l < 2 && largest == 0; l++) {
        const unsigned leaf = leaves[l];
        if (__get_cpuid_max(leaf & 0x80000000u, 0) < leaf) continue;
        for (unsigned index = 0; index < 16; index++) {
            unsigned a, b, c, d;
            __cpuid_count(leaf, index, a, b, c, d);
            const unsigned type = a & 31;  // 0: no more caches; 1 data, 2 instruction, 3 unified
            if (type == 0) break;
            if (type == 2) continue;
            const intptr_t ways = (intptr_t)(b >> 22) + 1, partitions = (intptr_t)((b >> 12) & 0x3FF) + 1;
            const intptr_t line = (intptr_t)(b & 0xFFF) + 1, sets = (intptr_t)c + 1;
            const intptr_t bytes = ways * partitions * line * sets;
            if (bytes > largest) largest = bytes;
        }
    }
    return largest;
}

TS_HIDDEN intptr_t ts_stream_threshold_slow(void) {
    intptr_t bytes = ts_last_level_cache_bytes();
    // Without CPUID's figure: the L3 of the Zen 4 machine measured (a core complex's).
    if (bytes < (1 << 20)) bytes = 32 << 20;
    bytes /= 2;
    atomic_store_explicit(&ts_stream_threshold_bytes, bytes, memory_order_relaxed);
    return bytes;
}

intptr_t tessera_simd_stream_threshold(void) { return ts_stream_threshold(); }

void tessera_simd_set_stream_threshold(intptr_t bytes) {
    if (bytes < 0) {
        ts_stream_threshold_slow();
    } else {
        atomic_store_explicit(&ts_stream_threshold_bytes, bytes, memory_order_relaxed);
    }
}

// Whole 64-byte lines from a 64-byte aligned block to a 64-byte aligned destination.
TS_ATTR_avx512 TS_HIDDEN void ts_stream_copy_avx512(char *destination, const char *block, intptr_t bytes) {
    for (intptr_t i = 0; i < bytes; i += 64) _mm512_stream_si512((void *)(destination + i), _mm512_load_si512(block + i));
}

TS_ATTR_avx2 TS_HIDDEN void ts_stream_copy_avx2(char *destination, const char *block, intptr_t bytes) {
    for (intptr_t i = 0; i < bytes; i += 64) {
        _mm256_stream_si256((__m256i *)(destination + i), _mm256_load_si256((const __m256i *)(block + i)));
        _mm256_stream_si256((__m256i *)(destination + i + 32), _mm256_load_si256((const __m256i *)(block + i + 32)));
    }
}

TS_HIDDEN void ts_stream_copy_sse2(char *destination, const char *block, intptr_t bytes) {
    for (intptr_t i = 0; i < bytes; i += 64) {
        for (int k = 0; k < 64; k += 16) _mm_stream_si128((__m128i *)(destination + i + k), _mm_load_si128((const __m128i *)(block + i + k)));
    }
}
