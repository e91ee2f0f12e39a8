// `argmax`/`argmin`: the index of the first largest (smallest) element, a NaN counting as
// the extreme (the first NaN wins), as TesseraCore's scan (Reduction/NDArray+ArgExtrema.swift).
//
// A contiguous run is scanned in blocks of up to 1024 elements: each block's extreme (and
// whether it holds a NaN) with four wide accumulators, keeping the first block whose
// extreme is strictly beyond the best so far; a block with a NaN ends the scan at its
// first NaN. The winning block is then searched for the first element equal to the
// extreme — the first occurrence overall, since an earlier block holding an equal value
// would have won. Zeros of both signs compare equal here, as in the scalar scan.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDArgExtremum.h"
#include <immintrin.h>

#define TS_ARG_BLOCK 1024

// The block scan of float32/float64 at AVX2 and AVX-512, written with intrinsics. The
// generic block below computes the same thing (x86's max(y, a) is `y > a ? y : a`, its
// min(y, a) `y < a ? y : a`: the same bits as the generic choice), but the compiler keeps
// its NaN flags, ORed compare results, as packed narrow masks, with two packs and an
// extract per vector. Here one unordered compare and one OR per vector. On the Zen 4
// machine (argmax along the rows of a 200 × 2000 float64 array in L3, thread CPU time,
// median of 21): 43 µs against 68 µs for the generic block at AVX2 and 45–49 µs at
// AVX-512. The 256-bit form serves both levels.
#define TS_ARG_BLOCK_X256(NAME, T, V, VT, W, MM, BEYOND) \
    __attribute__((target("avx2,fma"))) static T NAME##_block_x256(const T *x, intptr_t length, int *has_nan) { \
        VT a0 = _mm256_loadu_##V(x), a1 = _mm256_loadu_##V(x + W); \
        VT a2 = _mm256_loadu_##V(x + 2 * W), a3 = _mm256_loadu_##V(x + 3 * W); \
        VT nan = _mm256_or_##V(_mm256_or_##V(_mm256_cmp_##V(a0, a0, _CMP_UNORD_Q), _mm256_cmp_##V(a1, a1, _CMP_UNORD_Q)), \
                               _mm256_or_##V(_mm256_cmp_##V(a2, a2, _CMP_UNORD_Q), _mm256_cmp_##V(a3, a3, _CMP_UNORD_Q))); \
        for (intptr_t i = 4 * W; i < length; i += 4 * W) { \
            const VT y0 = _mm256_loadu_##V(x + i), y1 = _mm256_loadu_##V(x + i + W); \
            const VT y2 = _mm256_loadu_##V(x + i + 2 * W), y3 = _mm256_loadu_##V(x + i + 3 * W); \
            nan = _mm256_or_##V(nan, _mm256_or_##V( \
                _mm256_or_##V(_mm256_cmp_##V(y0, y0, _CMP_UNORD_Q), _mm256_cmp_##V(y1, y1, _CMP_UNORD_Q)), \
                _mm256_or_##V(_mm256_cmp_##V(y2, y2, _CMP_UNORD_Q), _mm256_cmp_##V(y3, y3, _CMP_UNORD_Q)))); \
            a0 = _mm256_##MM##_##V(y0, a0); a1 = _mm256_##MM##_##V(y1, a1); \
            a2 = _mm256_##MM##_##V(y2, a2); a3 = _mm256_##MM##_##V(y3, a3); \
        } \
        a0 = _mm256_##MM##_##V(a1, a0); a0 = _mm256_##MM##_##V(a2, a0); a0 = _mm256_##MM##_##V(a3, a0); \
        *has_nan = _mm256_movemask_##V(nan) != 0; \
        T lanes[W]; \
        _mm256_storeu_##V(lanes, a0); \
        T m = lanes[0]; \
        for (int k = 1; k < W; k++) if (BEYOND(lanes[k], m)) m = lanes[k]; \
        return m; \
    }

// BEYOND(a, b): a is strictly beyond b (a > b for argmax). VECTOR_BLOCK: the block scan
// at AVX2 and AVX-512 (NAME##_block, or NAME##_block_x256 for the float types).
#define TS_ARG_KERNEL(NAME, T, IS_FLOAT, BEYOND, VECTOR_BLOCK) \
    TS_INLINE intptr_t NAME##_strided(const char *p, intptr_t n, intptr_t s) { \
        intptr_t best = 0; \
        T current = *(const T *)p; \
        if (IS_FLOAT && current != current) return 0; \
        for (intptr_t i = 1; i < n; i++) { \
            const T y = *(const T *)(p + i * s); \
            if (IS_FLOAT && y != y) return i; \
            if (BEYOND(y, current)) { current = y; best = i; } \
        } \
        return best; \
    } \
    /* The extreme of a full block, or a NaN flag. */ \
    TS_INLINE T NAME##_block(const T *x, intptr_t length, int *has_nan) { \
        typedef T vec __attribute__((vector_size(64))); \
        typedef __typeof__((vec){0} > (vec){0}) mask; \
        enum { W = 64 / sizeof(T) }; \
        vec a[4], y; \
        mask nan = {0}; \
        memcpy(a, x, sizeof a); \
        if (IS_FLOAT) for (int k = 0; k < 4; k++) nan |= a[k] != a[k]; \
        for (intptr_t i = 4 * W; i < length; i += 4 * W) \
            for (int k = 0; k < 4; k++) { \
                memcpy(&y, x + i + k * W, sizeof y); \
                if (IS_FLOAT) nan |= y != y; \
                const mask take = BEYOND(y, a[k]); \
                a[k] = (vec)((take & (mask)y) | (~take & (mask)a[k])); \
            } \
        for (int k = 1; k < 4; k++) { \
            const mask take = BEYOND(a[k], a[0]); \
            a[0] = (vec)((take & (mask)a[k]) | (~take & (mask)a[0])); \
        } \
        int any = 0; \
        for (int k = 0; k < W; k++) any |= nan[k] != 0; \
        *has_nan = any; \
        T m = a[0][0]; \
        for (int k = 1; k < W; k++) if (BEYOND(a[0][k], m)) m = a[0][k]; \
        return m; \
    } \
    /* The index of the first element equal to `value` in a block known to hold it */ \
    /* (whole vectors, no NaN): a vector compare per step, as the block's scan. */ \
    TS_INLINE intptr_t NAME##_find(const T *x, T value) { \
        typedef T vec __attribute__((vector_size(64))); \
        typedef __typeof__((vec){0} > (vec){0}) mask; \
        enum { W = 64 / sizeof(T) }; \
        const vec target = (vec){0} + value; \
        for (intptr_t i = 0;; i += W) { \
            vec y; \
            memcpy(&y, x + i, sizeof y); \
            const mask equal = y == target; \
            if (__builtin_reduce_or(equal)) { \
                for (int k = 0; k < W; k++) if (equal[k]) return i + k; \
            } \
        } \
    } \
    TS_INLINE void NAME##_body(void *const *args, intptr_t n, const intptr_t *steps, const int level) { \
        (void)level; \
        const char *p = (const char *)args[0]; \
        int64_t *result = (int64_t *)args[1]; \
        enum { QUAD = 4 * 64 / sizeof(T) }; \
        if (steps[0] != (intptr_t)sizeof(T) || n < 2 * QUAD) { \
            *result = NAME##_strided(p, n, steps[0]); \
            return; \
        } \
        const T *x = (const T *)p; \
        T best = 0; \
        intptr_t best_start = -1, start = 0, length; \
        /* Blocks of TS_ARG_BLOCK elements, the last one shortened to a multiple of four vectors. */ \
        for (; (length = (n - start < TS_ARG_BLOCK ? n - start : TS_ARG_BLOCK) / QUAD * QUAD) > 0; start += length) { \
            int has_nan = 0; \
            const T m = level == TESSERA_SIMD_SSE2 ? NAME##_block(x + start, length, &has_nan) \
                                                   : VECTOR_BLOCK(x + start, length, &has_nan); \
            if (has_nan) { \
                intptr_t i = start; \
                while (x[i] == x[i]) i++; \
                *result = i; \
                return; \
            } \
            if (best_start < 0 || BEYOND(m, best)) { best = m; best_start = start; } \
        } \
        /* The tail, element by element; it wins only when strictly beyond. */ \
        intptr_t tail_best = -1; \
        for (intptr_t i = start; i < n; i++) { \
            const T y = x[i]; \
            if (IS_FLOAT && y != y) { *result = i; return; } \
            if (BEYOND(y, best)) { best = y; tail_best = i; } \
        } \
        if (tail_best >= 0) { *result = tail_best; return; } \
        *result = best_start + NAME##_find(x + best_start, best); \
    } \
    TS_LEVELS(NAME)

#define TS_GREATER(a, b) ((a) > (b))
#define TS_LESS(a, b) ((a) < (b))
#define TS_ARG_KERNELS(TAG, T) \
    TS_ARG_KERNEL(argmax_##TAG, T, 0, TS_GREATER, argmax_##TAG##_block) \
    TS_ARG_KERNEL(argmin_##TAG, T, 0, TS_LESS, argmin_##TAG##_block)
TS_ARG_KERNELS(i8, int8_t) TS_ARG_KERNELS(i16, int16_t) TS_ARG_KERNELS(i32, int32_t) TS_ARG_KERNELS(i64, int64_t)
TS_ARG_KERNELS(u8, uint8_t) TS_ARG_KERNELS(u16, uint16_t) TS_ARG_KERNELS(u32, uint32_t) TS_ARG_KERNELS(u64, uint64_t)
#define TS_ARG_FLOAT_KERNELS(TAG, T, V, VT, W) \
    TS_ARG_BLOCK_X256(argmax_##TAG, T, V, VT, W, max, TS_GREATER) \
    TS_ARG_BLOCK_X256(argmin_##TAG, T, V, VT, W, min, TS_LESS) \
    TS_ARG_KERNEL(argmax_##TAG, T, 1, TS_GREATER, argmax_##TAG##_block_x256) \
    TS_ARG_KERNEL(argmin_##TAG, T, 1, TS_LESS, argmin_##TAG##_block_x256)
TS_ARG_FLOAT_KERNELS(f32, float, ps, __m256, 8) TS_ARG_FLOAT_KERNELS(f64, double, pd, __m256d, 4)

#define TS_ARG_ENTRIES(TAG, C) \
    TS_ENTRY("argmax", C "->l", argmax_##TAG, 0.2), \
    TS_ENTRY("argmin", C "->l", argmin_##TAG, 0.2),

static const tessera_simd_loop table[] = {
    TS_ARG_ENTRIES(i8, "b") TS_ARG_ENTRIES(i16, "h") TS_ARG_ENTRIES(i32, "i") TS_ARG_ENTRIES(i64, "l")
    TS_ARG_ENTRIES(u8, "B") TS_ARG_ENTRIES(u16, "H") TS_ARG_ENTRIES(u32, "I") TS_ARG_ENTRIES(u64, "L")
    TS_ARG_ENTRIES(f32, "f") TS_ARG_ENTRIES(f64, "d")
};

TS_TABLE(tessera_simd_arg_extremum_loops, table)
