// Pairwise sums (see PairwiseSum.h), one function per element type and level.
#include "PairwiseSum.h"

#define TS_PAIRWISE(TAG, T, ACC, LEVEL) \
    TS_ATTR_##LEVEL ACC tessera_simd_pairwise_##TAG##_##LEVEL(const char *p, intptr_t n, intptr_t s) { \
        typedef ACC acc8 __attribute__((vector_size(8 * sizeof(ACC)))); \
        typedef T elt8 __attribute__((vector_size(8 * sizeof(T)))); \
        if (n < 8) { \
            ACC r = -(ACC)0; \
            for (intptr_t i = 0; i < n; i++) r += (ACC)*(const T *)(p + i * s); \
            return r; \
        } \
        if (n <= 128) { \
            const intptr_t end = n - n % 8; \
            acc8 r; \
            intptr_t i = 8; \
            if (s == (intptr_t)sizeof(T)) { \
                elt8 e; \
                memcpy(&e, p, sizeof e); \
                r = __builtin_convertvector(e, acc8); \
                for (; i < end; i += 8) { \
                    memcpy(&e, p + i * s, sizeof e); \
                    r += __builtin_convertvector(e, acc8); \
                } \
            } else { \
                _Pragma("clang loop unroll(disable)") \
                for (intptr_t k = 0; k < 8; k++) r[k] = (ACC)*(const T *)(p + k * s); \
                for (; i < end; i += 8) { \
                    acc8 e; \
                    for (intptr_t k = 0; k < 8; k++) e[k] = (ACC)*(const T *)(p + (i + k) * s); \
                    r += e; \
                } \
            } \
            ACC result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++) result += (ACC)*(const T *)(p + i * s); \
            return result; \
        } \
        intptr_t half = n / 2; \
        half -= half % 8; \
        return tessera_simd_pairwise_##TAG##_##LEVEL(p, half, s) \
            + tessera_simd_pairwise_##TAG##_##LEVEL(p + half * s, n - half, s); \
    }

#define TS_PAIRWISE_LEVELS(TAG, T, ACC) \
    TS_PAIRWISE(TAG, T, ACC, sse2) TS_PAIRWISE(TAG, T, ACC, avx2) TS_PAIRWISE(TAG, T, ACC, avx512)

TS_PAIRWISE_LEVELS(f64, double, double)
TS_PAIRWISE_LEVELS(f32, float, float)
TS_PAIRWISE_LEVELS(f16, _Float16, float)
