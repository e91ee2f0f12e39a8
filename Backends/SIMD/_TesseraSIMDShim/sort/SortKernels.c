// The sorting family's kernels per dtype: each maps its elements to signed integer keys
// whose order is NumPy's, sorts the keys with the vectorised quicksort (QuickSort.c) and
// maps them back.
//
// - Signed integers are their own keys; unsigned ones flip the sign bit.
// - Floats: each number's bits become a key by flipping every bit but the sign of
//   negative numbers, a map that is its own inverse, so `sort` restores the very bits it
//   sorted; the same pass looks for NaNs, whose keys are then swapped to the end (their
//   payloads kept). −0.0 and +0.0 get different keys there (−0.0 first), which an
//   unstable sort may do: NumPy treats them as equal and either order is a correct result
//   (the core's TieOrder then fixes one). At AVX2 float64 is sorted as floats instead,
//   after the NaNs are swapped to the end: AVX2 has a float64 minimum and maximum but no
//   int64 ones, and the two passes of the key map are saved (float32 measured slower
//   that way: 6.0 against 5.5 ms for 10⁶, its integer keys have vpminsd/vpmaxsd).
// - `argsort` sorts a copy of 64-bit keys together with the indices: NaN gets the largest
//   key and −0.0 the key of +0.0; ties (equal keys) are then put in ascending index order,
//   Tessera's rule for every backend (the core's TieOrder).
//
// At SSE2 there is no kernel (the scalar backend's sort stays).
#include <stdlib.h>
#include "../common/Kernels.h"
#include "QuickSort.h"
#include "TesseraSIMDSort.h"

enum { KEY_SIGNED, KEY_UNSIGNED, KEY_FLOAT };

TS_INLINE void ts_sort64(int64_t *a, intptr_t n, int level) {
    if (level == TESSERA_SIMD_AVX512) ts_quicksort64_avx512(a, n); else ts_quicksort64_avx2(a, n);
}
TS_INLINE void ts_sort32(int32_t *a, intptr_t n, int level) {
    if (level == TESSERA_SIMD_AVX512) ts_quicksort32_avx512(a, n); else ts_quicksort32_avx2(a, n);
}

/// Maps a float run's bits to keys in one pass (each number's bits with every bit but the
/// sign flipped when negative: a map that is its own inverse), then, only if the pass saw
/// a NaN (magnitude above `inf`), swaps the NaNs' keys to the end of the run; `ordered`
/// is the count of the other elements.
#define TS_FLOAT_KEYS(S, a, n, SHIFT, MAGNITUDE, INF)                                       \
    intptr_t ordered = n;                                                                   \
    {                                                                                       \
        S any = 0;                                                                          \
        for (intptr_t i = 0; i < n; i++) {                                                  \
            S b = a[i];                                                                     \
            any |= (S)((b & MAGNITUDE) > INF);                                              \
            a[i] = b ^ ((b >> SHIFT) & MAGNITUDE);                                          \
        }                                                                                   \
        if (any) {                                                                          \
            for (intptr_t i = 0; i < ordered;) {                                            \
                S b = a[i] ^ ((a[i] >> SHIFT) & MAGNITUDE);                                 \
                if ((b & MAGNITUDE) > INF) {                                                \
                    S t = a[i]; a[i] = a[--ordered]; a[ordered] = t;                        \
                } else {                                                                    \
                    i++;                                                                    \
                }                                                                           \
            }                                                                               \
        }                                                                                   \
    }

/// Swaps the NaNs of a float run (bits with magnitude above `inf`) to its end after one
/// read-only pass finds any; `ordered` is the count of the other elements.
#define TS_NANS_LAST(S, a, n, MAGNITUDE, INF)                                   \
    intptr_t ordered = n;                                                       \
    {                                                                           \
        S any = 0;                                                              \
        for (intptr_t i = 0; i < n; i++) any |= (S)((a[i] & MAGNITUDE) > INF);  \
        if (any) {                                                              \
            for (intptr_t i = 0; i < ordered;) {                                \
                if ((a[i] & MAGNITUDE) > INF) {                                 \
                    S t = a[i]; a[i] = a[--ordered]; a[ordered] = t;            \
                } else {                                                        \
                    i++;                                                        \
                }                                                               \
            }                                                                   \
        }                                                                       \
    }

TS_INLINE int ts_sort_body64(void *values, intptr_t n, int kind, int level) {
    int64_t *a = values;
    if (kind == KEY_SIGNED) { ts_sort64(a, n, level); return 0; }
    if (kind == KEY_UNSIGNED) {
        for (intptr_t i = 0; i < n; i++) a[i] ^= INT64_MIN;
        ts_sort64(a, n, level);
        for (intptr_t i = 0; i < n; i++) a[i] ^= INT64_MIN;
        return 0;
    }
    if (level == TESSERA_SIMD_AVX2) {
        TS_NANS_LAST(int64_t, a, n, INT64_MAX, 0x7ff0000000000000ll)
        ts_quicksortf64_avx2(values, ordered);
        return 0;
    }
    TS_FLOAT_KEYS(int64_t, a, n, 63, INT64_MAX, 0x7ff0000000000000ll)
    ts_sort64(a, ordered, level);
    for (intptr_t i = 0; i < n; i++) a[i] ^= (a[i] >> 63) & INT64_MAX;
    return 0;
}

TS_INLINE int ts_sort_body32(void *values, intptr_t n, int kind, int level) {
    int32_t *a = values;
    if (kind == KEY_SIGNED) { ts_sort32(a, n, level); return 0; }
    if (kind == KEY_UNSIGNED) {
        for (intptr_t i = 0; i < n; i++) a[i] ^= INT32_MIN;
        ts_sort32(a, n, level);
        for (intptr_t i = 0; i < n; i++) a[i] ^= INT32_MIN;
        return 0;
    }
    TS_FLOAT_KEYS(int32_t, a, n, 31, INT32_MAX, 0x7f800000)
    ts_sort32(a, ordered, level);
    for (intptr_t i = 0; i < n; i++) a[i] ^= (a[i] >> 31) & INT32_MAX;
    return 0;
}

/// The argsort key of element `i`: NumPy's order, ties exactly where NumPy has them.
TS_INLINE int64_t ts_arg_key(const void *values, intptr_t i, int width, int kind) {
    if (width == 8) {
        int64_t b = ((const int64_t *)values)[i];
        if (kind == KEY_SIGNED) return b;
        if (kind == KEY_UNSIGNED) return b ^ INT64_MIN;
        int64_t magnitude = b & INT64_MAX;
        if (magnitude > 0x7ff0000000000000ll) return INT64_MAX;
        if (magnitude == 0) return 0;
        return b ^ ((b >> 63) & INT64_MAX);
    }
    int32_t b = ((const int32_t *)values)[i];
    if (kind == KEY_SIGNED) return b;
    if (kind == KEY_UNSIGNED) return (int64_t)(uint32_t)b;
    int32_t magnitude = b & INT32_MAX;
    if (magnitude > 0x7f800000) return INT64_MAX;
    if (magnitude == 0) return 0;
    return b ^ ((b >> 31) & INT32_MAX);
}

/// Tessera's tie rule for argsort (every backend gives the same indices): equal keys end
/// with their indices ascending. The keys are sorted, so ties are neighbours; runs are
/// short for most data (insertion sort), long ones take qsort.
static int ts_compare_indices(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

TS_INLINE void ts_indices_ascending_within_ties(const int64_t *keys, int64_t *indices, intptr_t n) {
    intptr_t start = 0;
    while (start < n) {
        intptr_t end = start + 1;
        while (end < n && keys[end] == keys[start]) end++;
        intptr_t length = end - start;
        if (length > 32) {
            qsort(indices + start, (size_t)length, sizeof *indices, ts_compare_indices);
        } else {
            for (intptr_t i = start + 1; i < end; i++) {
                int64_t value = indices[i];
                intptr_t j = i;
                while (j > start && indices[j - 1] > value) { indices[j] = indices[j - 1]; j--; }
                indices[j] = value;
            }
        }
        start = end;
    }
}

TS_INLINE int ts_argsort_body(const void *values, int64_t *indices, intptr_t n, int width, int kind, int level) {
    if (n < 1) return 0;
    int64_t *keys = malloc((size_t)n * sizeof *keys);
    if (!keys) return -1;
    for (intptr_t i = 0; i < n; i++) {
        keys[i] = ts_arg_key(values, i, width, kind);
        indices[i] = i;
    }
    if (level == TESSERA_SIMD_AVX512) ts_argquicksort64_avx512(keys, indices, n);
    else ts_argquicksort64_avx2(keys, indices, n);
    ts_indices_ascending_within_ties(keys, indices, n);
    free(keys);
    return 0;
}

#define TS_SORT_LEVELS(NAME, BODY)                                                               \
    TS_ATTR_avx2 static int NAME##_avx2(void *v, intptr_t n) {                                   \
        const int level = TESSERA_SIMD_AVX2; return BODY;                                        \
    }                                                                                            \
    TS_ATTR_avx512 static int NAME##_avx512(void *v, intptr_t n) {                               \
        const int level = TESSERA_SIMD_AVX512; return BODY;                                      \
    }
#define TS_ARGSORT_LEVELS(NAME, BODY)                                                            \
    TS_ATTR_avx2 static int NAME##_avx2(const void *v, int64_t *ix, intptr_t n) {                \
        const int level = TESSERA_SIMD_AVX2; return BODY;                                        \
    }                                                                                            \
    TS_ATTR_avx512 static int NAME##_avx512(const void *v, int64_t *ix, intptr_t n) {            \
        const int level = TESSERA_SIMD_AVX512; return BODY;                                      \
    }

TS_SORT_LEVELS(ts_sort_i32, ts_sort_body32(v, n, KEY_SIGNED, level))
TS_SORT_LEVELS(ts_sort_u32, ts_sort_body32(v, n, KEY_UNSIGNED, level))
TS_SORT_LEVELS(ts_sort_f32, ts_sort_body32(v, n, KEY_FLOAT, level))
TS_SORT_LEVELS(ts_sort_i64, ts_sort_body64(v, n, KEY_SIGNED, level))
TS_SORT_LEVELS(ts_sort_u64, ts_sort_body64(v, n, KEY_UNSIGNED, level))
TS_SORT_LEVELS(ts_sort_f64, ts_sort_body64(v, n, KEY_FLOAT, level))
TS_ARGSORT_LEVELS(ts_argsort_i32, ts_argsort_body(v, ix, n, 4, KEY_SIGNED, level))
TS_ARGSORT_LEVELS(ts_argsort_u32, ts_argsort_body(v, ix, n, 4, KEY_UNSIGNED, level))
TS_ARGSORT_LEVELS(ts_argsort_f32, ts_argsort_body(v, ix, n, 4, KEY_FLOAT, level))
TS_ARGSORT_LEVELS(ts_argsort_i64, ts_argsort_body(v, ix, n, 8, KEY_SIGNED, level))
TS_ARGSORT_LEVELS(ts_argsort_u64, ts_argsort_body(v, ix, n, 8, KEY_UNSIGNED, level))
TS_ARGSORT_LEVELS(ts_argsort_f64, ts_argsort_body(v, ix, n, 8, KEY_FLOAT, level))

#define TS_SORT_ENTRY(CODE, T)                                                                   \
    { CODE, { NULL, ts_sort_##T##_avx2, ts_sort_##T##_avx512 },                                  \
      { NULL, ts_argsort_##T##_avx2, ts_argsort_##T##_avx512 } }

static const tessera_simd_sort_entry ts_sort_entries[] = {
    TS_SORT_ENTRY('i', i32), TS_SORT_ENTRY('I', u32), TS_SORT_ENTRY('f', f32),
    TS_SORT_ENTRY('l', i64), TS_SORT_ENTRY('L', u64), TS_SORT_ENTRY('d', f64),
};

const tessera_simd_sort_entry *tessera_simd_sort_kernels(intptr_t *count) {
    ts_quicksort_init();
    *count = sizeof ts_sort_entries / sizeof ts_sort_entries[0];
    return ts_sort_entries;
}
