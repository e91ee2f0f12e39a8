// NumPy's pairwise summation, the order the scalar backend's float `add` reductions use
// (Backends/Scalar/TesseraScalar/Support/PairwiseSummation.swift): runs under 8 add in order from −0.0;
// runs up to 128 use eight interleaved accumulators, which are exactly the eight lanes of
// one vector here; longer runs split in halves at a multiple of 8. Each lane sees the
// same additions in the same order as the scalar accumulator it stands for, so the sums
// are equal bit for bit.
#ifndef TESSERA_SIMD_PAIRWISE_SUM_H
#define TESSERA_SIMD_PAIRWISE_SUM_H

#include "../common/Kernels.h"

#define TS_PAIRWISE_DECLARE(TAG, ACC) \
    TS_ATTR_sse2 ACC tessera_simd_pairwise_##TAG##_sse2(const char *p, intptr_t n, intptr_t s); \
    TS_ATTR_avx2 ACC tessera_simd_pairwise_##TAG##_avx2(const char *p, intptr_t n, intptr_t s); \
    TS_ATTR_avx512 ACC tessera_simd_pairwise_##TAG##_avx512(const char *p, intptr_t n, intptr_t s);

TS_PAIRWISE_DECLARE(f64, double)
TS_PAIRWISE_DECLARE(f32, float)
// float16 elements, accumulated in float32 (as NumPy and the scalar backend do).
TS_PAIRWISE_DECLARE(f16, float)

#endif
