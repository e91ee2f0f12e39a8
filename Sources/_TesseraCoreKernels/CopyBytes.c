#include "TesseraCoreKernels.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void copy_avx2(char *destination, const char *source, size_t count) {
    size_t i = 0;
    // Four 32-byte loads, then four stores: two cache lines per step.
    for (; i + 128 <= count; i += 128) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(source + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(source + i + 32));
        __m256i c = _mm256_loadu_si256((const __m256i *)(source + i + 64));
        __m256i d = _mm256_loadu_si256((const __m256i *)(source + i + 96));
        _mm256_storeu_si256((__m256i *)(destination + i), a);
        _mm256_storeu_si256((__m256i *)(destination + i + 32), b);
        _mm256_storeu_si256((__m256i *)(destination + i + 64), c);
        _mm256_storeu_si256((__m256i *)(destination + i + 96), d);
    }
    memcpy(destination + i, source + i, count - i);
}
#endif

void tessera_copy_bytes(void *destination, const void *source, size_t count, int allow_avx2) {
#if defined(__x86_64__)
    if (allow_avx2 && __builtin_cpu_supports("avx2")) {
        copy_avx2(destination, source, count);
        return;
    }
#endif
    memcpy(destination, source, count);
}
