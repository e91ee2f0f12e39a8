// The vectorised quicksort of signed integer keys (private to the shim's sort family).
#ifndef TESSERA_SIMD_QUICKSORT_H
#define TESSERA_SIMD_QUICKSORT_H
#include <stdint.h>

/// Fills the AVX2 permutation tables (once per process); call before any AVX2 sort.
void ts_quicksort_init(void);
void ts_quicksort64_avx2(int64_t *a, intptr_t n);
void ts_quicksort32_avx2(int32_t *a, intptr_t n);
/// Sorts float64 without NaNs as floats (−0.0 and +0.0 in either order).
void ts_quicksortf64_avx2(double *a, intptr_t n);
/// Sorts keys `a` and applies the same permutation to `x`.
void ts_argquicksort64_avx2(int64_t *a, int64_t *x, intptr_t n);
void ts_quicksort64_avx512(int64_t *a, intptr_t n);
void ts_quicksort32_avx512(int32_t *a, intptr_t n);
void ts_argquicksort64_avx512(int64_t *a, int64_t *x, intptr_t n);
#endif
