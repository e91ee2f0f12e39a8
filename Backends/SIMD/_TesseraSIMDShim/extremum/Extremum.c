// `maximum`, `minimum`, `fmax`, `fmin` for every non-complex type, with their reductions.
//
// Floats follow Tessera's rule (IEEE 754-2019): `maximum`/`minimum` propagate NaN,
// `fmax`/`fmin` ignore a NaN unless both are NaN, and −0.0 < +0.0. The choice of x or y
// is the scalar backend's exactly (Backends/Scalar/TesseraScalar/Support/ExtremumLoops.swift), written
// as one mask so that it vectorises: maximum picks x when x > y, or x == y and y is −0.0,
// or x is NaN; fmax the same with "y is NaN" instead of "x is NaN"; minimum and fmin
// mirror them. The elementwise loops of float32/float64 compute the same choice from
// the CPU's max/min instructions (ExtremumPick.h), which vectorise to fewer operations.
//
// Reductions: the order of folding changes nothing but which NaN comes out when NaNs
// with different payloads meet, so a reduction folds with wide vectors in any order and,
// only if the run holds a NaN or its extreme is a zero, folds again in the scalar
// backend's order (eight interleaved accumulators, combined as a tree) to return the
// same NaN and the rule's zero.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDExtremum.h"
#include "ExtremumPick.h"
#include "ExtremumAVX2.h"
#include "ExtremumAVX512.h"

// "Pick x" of each operation, on values compared after V (float16 → float32) with the
// sign test SIGN of the element type.
#define TS_SEL_maximum(x, y, V, SIGN) (V(x) > V(y) || (V(x) == V(y) && SIGN(y)) || V(x) != V(x))
#define TS_SEL_fmax(x, y, V, SIGN) (V(x) > V(y) || (V(x) == V(y) && SIGN(y)) || V(y) != V(y))
#define TS_SEL_minimum(x, y, V, SIGN) (V(x) < V(y) || (V(x) == V(y) && SIGN(x)) || V(x) != V(x))
#define TS_SEL_fmin(x, y, V, SIGN) (V(x) < V(y) || (V(x) == V(y) && SIGN(x)) || V(y) != V(y))

// The same masks on vectors (lanes of M, the integer type of the element's width).
#define TS_VSEL_maximum(x, y, M) ((x > y) | ((x == y) & ((M)y < 0)) | (x != x))
#define TS_VSEL_fmax(x, y, M) ((x > y) | ((x == y) & ((M)y < 0)) | (y != y))
#define TS_VSEL_minimum(x, y, M) ((x < y) | ((x == y) & ((M)x < 0)) | (x != x))
#define TS_VSEL_fmin(x, y, M) ((x < y) | ((x == y) & ((M)x < 0)) | (y != y))

/// The scalar backend's reduction order: for n ≥ 16, eight accumulators over the first
/// n − n % 8 elements, combined as ((0,1),(2,3)),((4,5),(6,7)) and into `result`; then the
/// rest in order.
#define TS_EXTREMUM_EXACT(OP, TAG, T, V, SIGN) \
    TS_INLINE T OP##_exact_##TAG(T result, const char *p, intptr_t n, intptr_t s) { \
        intptr_t i = 0; \
        if (n >= 16) { \
            T m[8]; \
            for (int k = 0; k < 8; k++) m[k] = *(const T *)(p + k * s); \
            for (i = 8; i + 8 <= n; i += 8) \
                for (int k = 0; k < 8; k++) { \
                    const T y = *(const T *)(p + (i + k) * s); \
                    m[k] = TS_SEL_##OP(m[k], y, V, SIGN) ? m[k] : y; \
                } \
            for (int k = 0; k < 8; k += 2) m[k] = TS_SEL_##OP(m[k], m[k + 1], V, SIGN) ? m[k] : m[k + 1]; \
            m[0] = TS_SEL_##OP(m[0], m[2], V, SIGN) ? m[0] : m[2]; \
            m[4] = TS_SEL_##OP(m[4], m[6], V, SIGN) ? m[4] : m[6]; \
            m[0] = TS_SEL_##OP(m[0], m[4], V, SIGN) ? m[0] : m[4]; \
            result = TS_SEL_##OP(result, m[0], V, SIGN) ? result : m[0]; \
        } \
        for (; i < n; i++) { \
            const T y = *(const T *)(p + i * s); \
            result = TS_SEL_##OP(result, y, V, SIGN) ? result : y; \
        } \
        return result; \
    }

/// The fast fold of a contiguous run: four accumulators of 64 bytes each, keeping the
/// larger (smaller) value by a plain comparison and noting NaNs. It answers only when the
/// run holds no NaN and its extreme is not a zero (whose sign a plain comparison does not
/// choose by the rule); then the extreme is unique, and the rule's pick of it and the
/// initial value is the result. Otherwise it asks for the exact fold (`*exact` = 1).
/// This generic form serves the SSE2 level; AVX2 and AVX-512 have the intrinsic folds
/// below. Asking for the lines ahead of it (ExtremumPick.h's ts_extremum_prefetch, each
/// step's 256 bytes) made `max` of 10⁷ float64 slower in the harness on the Zen 4 machine
/// (thread CPU time, two runs each: 2.09 ms without, 2.79–2.86 ms 1 KB ahead, 2.46–2.48
/// ms 4 KB ahead; NumPy 2.00–2.44 ms).
#define TS_VBEYOND_maximum(y, a) ((y) > (a))
#define TS_VBEYOND_fmax(y, a) ((y) > (a))
#define TS_VBEYOND_minimum(y, a) ((y) < (a))
#define TS_VBEYOND_fmin(y, a) ((y) < (a))
/// The end of a fast fold (`x` the run, `i` where its vector steps stopped, `r` their
/// extreme, `any_nan` whether they met a NaN): the remaining elements one by one, then the
/// answer, or the request for the exact fold.
#define TS_FAST_FOLD_FINISH(OP, TAG, T) \
        for (; i < n; i++) { \
            const T v = x[i]; \
            any_nan |= v != v; \
            if (TS_VBEYOND_##OP(v, r)) r = v; \
        } \
        *exact = any_nan || r == 0; \
        return TS_SEL_##OP(initial, r, TS_SAME, ts_sign_##TAG) ? initial : r;
#define TS_EXTREMUM_FAST(OP, TAG, T, M) \
    TS_INLINE T OP##_fast_##TAG(T initial, const char *p, intptr_t n, int *exact) { \
        typedef T vec __attribute__((vector_size(64))); \
        typedef M mask __attribute__((vector_size(64))); \
        enum { W = 64 / sizeof(T) }; \
        vec a[4], y; \
        mask nan = {0}; \
        memcpy(a, p, sizeof a); \
        for (int k = 0; k < 4; k++) nan |= a[k] != a[k]; \
        intptr_t i = 4 * W; \
        for (; i + 4 * W <= n; i += 4 * W) { \
            for (int k = 0; k < 4; k++) { \
                memcpy(&y, p + (i + k * W) * sizeof(T), sizeof y); \
                nan |= y != y; \
                const mask take = TS_VBEYOND_##OP(y, a[k]); \
                a[k] = (vec)((take & (mask)y) | (~take & (mask)a[k])); \
            } \
        } \
        for (int k = 1; k < 4; k++) { \
            const mask take = TS_VBEYOND_##OP(a[k], a[0]); \
            a[0] = (vec)((take & (mask)a[k]) | (~take & (mask)a[0])); \
        } \
        int any_nan = 0; \
        for (int k = 0; k < W; k++) any_nan |= nan[k] != 0; \
        T r = a[0][0]; \
        for (int k = 1; k < W; k++) if (TS_VBEYOND_##OP(a[0][k], r)) r = a[0][k]; \
        const T *x = (const T *)p; \
        TS_FAST_FOLD_FINISH(OP, TAG, T) \
    }

#define TS_FLOAT_EXTREMUM(OP, TAG, T, M) \
    TS_EXTREMUM_EXACT(OP, TAG, T, TS_SAME, ts_sign_##TAG) \
    TS_EXTREMUM_FAST(OP, TAG, T, M) \
    TS_BINARY_R(OP##_##TAG, T, T, T, TS_PICK_##OP(x, y, TAG), \
        if (ts_apart(po, sizeof(T), pb, n * (intptr_t)sizeof(T))) { \
            const T initial = *(T *)po; \
            T r; \
            int exact = 1; \
            if (sb == (intptr_t)sizeof(T) && n >= 8 * (intptr_t)(64 / sizeof(T))) { \
                r = OP##_fast_##TAG(initial, pb, n, &exact); \
            } \
            if (exact) { \
                r = OP##_exact_##TAG(initial, pb, n, sb); \
            } \
            *(T *)po = r; \
            return; \
        })

#define TS_FLOAT_EXTREMA(TAG, T, M) \
    TS_FLOAT_EXTREMUM(maximum, TAG, T, M) TS_FLOAT_EXTREMUM(minimum, TAG, T, M) \
    TS_FLOAT_EXTREMUM(fmax, TAG, T, M) TS_FLOAT_EXTREMUM(fmin, TAG, T, M)
TS_FLOAT_EXTREMA(f64, double, int64_t)
TS_FLOAT_EXTREMA(f32, float, int32_t)

#define TS_HALF_EXTREMUM(OP) \
    TS_EXTREMUM_EXACT(OP, f16, ts_half, TS_WIDEN, ts_sign_f16) \
    TS_BINARY_R(OP##_f16, ts_half, ts_half, ts_half, TS_SEL_##OP(x, y, TS_WIDEN, ts_sign_f16) ? x : y, \
        if (ts_apart(po, 2, pb, n * 2)) { *(ts_half *)po = OP##_exact_f16(*(ts_half *)po, pb, n, sb); return; })
TS_HALF_EXTREMUM(maximum) TS_HALF_EXTREMUM(minimum) TS_HALF_EXTREMUM(fmax) TS_HALF_EXTREMUM(fmin)

// Integers and bool: the larger or smaller value (no ties to tell apart); fmax is maximum.
#define TS_INT_EXTREMA(TAG, T, C, V) \
    TS_BINARY_R(maximum_##TAG, T, T, T, x > y ? x : y, TS_FOLD(T, x > y ? x : y)) \
    TS_BINARY_R(minimum_##TAG, T, T, T, x < y ? x : y, TS_FOLD(T, x < y ? x : y))
TS_INT_EXTREMA(bool, ts_bool, "?", TS_SAME)
TS_ALL_INTEGERS(TS_INT_EXTREMA)

#define TS_INT_EXTREMUM_ENTRIES(TAG, T, C, V) \
    TS_ENTRY("maximum", C C "->" C, maximum_##TAG, 0.3), \
    TS_ENTRY("minimum", C C "->" C, minimum_##TAG, 0.3), \
    TS_ENTRY("fmax", C C "->" C, maximum_##TAG, 0.3), \
    TS_ENTRY("fmin", C C "->" C, minimum_##TAG, 0.3),
// float32/float64 at the AVX2 and AVX-512 levels: the kernels of ExtremumAVX2.h and
// ExtremumAVX512.h for two contiguous inputs into a contiguous output (each input the
// output itself or apart from it), the AVX2 build of the generic C for every other call.
// The AVX-512 build of the generic C is not used: in the harness on the Zen 4 machine,
// `max` along axis 0 of a 2000×2000 float64 array (1999 in-place elementwise calls of
// 2000) took 6.1 ms with it (256-bit vectors, compares into mask registers, masks
// spilled to the stack) and 2.1–2.2 ms with the AVX2 build, NumPy 2.2 ms.
// At the AVX-512 level, calls longer than TS_EXTREMUM_PREFETCH_MAX_BYTES per operand
// take the AVX2 kernel: standalone on the Zen 4 machine (huge pages, thread CPU time,
// median of 15, two runs), `maximum` of two 10⁷ float64 arrays into a third took
// 7.6–8.2 ms with 512-bit vectors and 6.7–6.9 ms with the AVX2 kernel (the AVX2 build of
// the generic C 6.8–6.9 ms), in place 4.9–6.0 against 4.6–4.7 ms; the short row calls of
// an axis-0 reduction keep the 512-bit kernel (see ExtremumAVX512.h).
/// TS_EXTREMUM_FAST with 512-bit vectors, for the short reduction calls of the AVX-512
/// level (the rows of an axis-1 reduction; longer runs take TS_X256_FAST_FOLD): the
/// CPU's max (min), which for operands that are not NaN keeps the larger
/// (smaller) value, and the NaN flags gathered in a mask register. Its answer, and when
/// it asks for the exact fold, are those of TS_EXTREMUM_FAST. The generic fold compiles
/// to 256-bit vectors whose NaN flags are narrowed with packs and extracts, about 45
/// instructions per 256 bytes against 12 here. In the harness on the Zen 4 machine
/// (thread CPU time, three alternated runs), `max` along axis 1 of a 2000 × 2000 float64
/// array took 770–837 µs with it against 879–934 µs (NumPy 923–1030 µs); `max` of 10⁷
/// contiguous float64 took 2.99–3.09 ms with it against 2.46–2.62 ms, so runs longer than
/// TS_EXTREMUM_PREFETCH_MAX_BYTES keep 256-bit vectors, as the elementwise kernels do
/// (ExtremumAVX512.h: long streams of 512-bit loads measured slower on this machine).
#define TS_X512_FAST_FOLD(OP, TAG, T, V, VT, MM, W) \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c"))) \
    static T OP##_fast512_##TAG(T initial, const char *p, intptr_t n, int *exact) { \
        const T *x = (const T *)p; \
        VT a0 = _mm512_loadu_##V(x), a1 = _mm512_loadu_##V(x + W); \
        VT a2 = _mm512_loadu_##V(x + 2 * W), a3 = _mm512_loadu_##V(x + 3 * W); \
        unsigned nan = (unsigned)(_mm512_cmp_##V##_mask(a0, a1, _CMP_UNORD_Q) | _mm512_cmp_##V##_mask(a2, a3, _CMP_UNORD_Q)); \
        intptr_t i = 4 * W; \
        for (; i + 4 * W <= n; i += 4 * W) { \
            const VT y0 = _mm512_loadu_##V(x + i), y1 = _mm512_loadu_##V(x + i + W); \
            const VT y2 = _mm512_loadu_##V(x + i + 2 * W), y3 = _mm512_loadu_##V(x + i + 3 * W); \
            nan |= (unsigned)(_mm512_cmp_##V##_mask(y0, y1, _CMP_UNORD_Q) | _mm512_cmp_##V##_mask(y2, y3, _CMP_UNORD_Q)); \
            a0 = _mm512_##MM##_##V(y0, a0); a1 = _mm512_##MM##_##V(y1, a1); \
            a2 = _mm512_##MM##_##V(y2, a2); a3 = _mm512_##MM##_##V(y3, a3); \
        } \
        T r = _mm512_reduce_##MM##_##V(_mm512_##MM##_##V(_mm512_##MM##_##V(a0, a1), _mm512_##MM##_##V(a2, a3))); \
        int any_nan = nan != 0; \
        TS_FAST_FOLD_FINISH(OP, TAG, T) \
    }
#define TS_X512_FAST_FOLDS(OP, MM) \
    TS_X512_FAST_FOLD(OP, f64, double, pd, __m512d, MM, 8) TS_X512_FAST_FOLD(OP, f32, float, ps, __m512, MM, 16)
TS_X512_FAST_FOLDS(maximum, max) TS_X512_FAST_FOLDS(fmax, max) TS_X512_FAST_FOLDS(minimum, min) TS_X512_FAST_FOLDS(fmin, min)

/// TS_X512_FAST_FOLD with 256-bit vectors, for the long runs of the AVX-512 level and
/// every run of the AVX2 level: the same answer, and the same cases sent to the exact
/// fold, as TS_EXTREMUM_FAST, whose NaN flags the compiler narrows with packs and
/// extracts on every vector (with a spilled accumulator). Here two unordered compares and
/// two ORs per four vectors. On the Zen 4 machine (C level, `maximum` float64 reduction
/// calls, thread CPU time, median of 21, three rounds, machine loaded): 100 calls of
/// 400 000 elements in L3 took 3.30–3.45 ms against 5.99–6.21 ms for the generic fold at
/// both levels; one call of 10⁷ from memory 2.57–2.89 ms against 2.62–3.04 ms.
#define TS_X256_FAST_FOLD(OP, TAG, T, V, VT, MM, W) \
    __attribute__((target("avx2,fma,f16c"))) \
    static T OP##_fast256_##TAG(T initial, const char *p, intptr_t n, int *exact) { \
        const T *x = (const T *)p; \
        VT a0 = _mm256_loadu_##V(x), a1 = _mm256_loadu_##V(x + W); \
        VT a2 = _mm256_loadu_##V(x + 2 * W), a3 = _mm256_loadu_##V(x + 3 * W); \
        VT nan = _mm256_or_##V(_mm256_cmp_##V(a0, a1, _CMP_UNORD_Q), _mm256_cmp_##V(a2, a3, _CMP_UNORD_Q)); \
        intptr_t i = 4 * W; \
        for (; i + 4 * W <= n; i += 4 * W) { \
            const VT y0 = _mm256_loadu_##V(x + i), y1 = _mm256_loadu_##V(x + i + W); \
            const VT y2 = _mm256_loadu_##V(x + i + 2 * W), y3 = _mm256_loadu_##V(x + i + 3 * W); \
            nan = _mm256_or_##V(nan, _mm256_or_##V(_mm256_cmp_##V(y0, y1, _CMP_UNORD_Q), _mm256_cmp_##V(y2, y3, _CMP_UNORD_Q))); \
            a0 = _mm256_##MM##_##V(y0, a0); a1 = _mm256_##MM##_##V(y1, a1); \
            a2 = _mm256_##MM##_##V(y2, a2); a3 = _mm256_##MM##_##V(y3, a3); \
        } \
        a0 = _mm256_##MM##_##V(_mm256_##MM##_##V(a0, a1), _mm256_##MM##_##V(a2, a3)); \
        T lanes[W]; \
        _mm256_storeu_##V(lanes, a0); \
        T r = lanes[0]; \
        for (int k = 1; k < W; k++) if (TS_VBEYOND_##OP(lanes[k], r)) r = lanes[k]; \
        int any_nan = _mm256_movemask_##V(nan) != 0; \
        TS_FAST_FOLD_FINISH(OP, TAG, T) \
    }
#define TS_X256_FAST_FOLDS(OP, MM) \
    TS_X256_FAST_FOLD(OP, f64, double, pd, __m256d, MM, 4) TS_X256_FAST_FOLD(OP, f32, float, ps, __m256, MM, 8)
TS_X256_FAST_FOLDS(maximum, max) TS_X256_FAST_FOLDS(fmax, max) TS_X256_FAST_FOLDS(minimum, min) TS_X256_FAST_FOLDS(fmin, min)

// The reduction call of a float32/float64 kernel at the AVX2 and AVX-512 levels: a fast
// fold of a contiguous run apart from the output (TS_X512_FAST_FOLD for runs of at most
// TS_EXTREMUM_PREFETCH_MAX_BYTES at the AVX-512 level, TS_X256_FAST_FOLD otherwise), then
// the exact fold when it asks; returns when it handled the call.
#define TS_FAST_REDUCE(OP, TAG, T, SHORT_FOLD) \
    if (ts_is_reduce(args, steps) && steps[1] == (intptr_t)sizeof(T) && n >= 8 * (intptr_t)(64 / sizeof(T)) \
        && ts_apart(po, sizeof(T), pb, n * (intptr_t)sizeof(T))) { \
        const T initial = *(T *)po; \
        int exact = 1; \
        T r = n <= TS_EXTREMUM_PREFETCH_MAX_BYTES / (intptr_t)sizeof(T) ? OP##_##SHORT_FOLD##_##TAG(initial, pb, n, &exact) \
                                                                         : OP##_fast256_##TAG(initial, pb, n, &exact); \
        if (exact) r = OP##_exact_##TAG(initial, pb, n, steps[1]); \
        *(T *)po = r; \
        return; \
    }
#define TS_FAST_REDUCE_avx512(OP, TAG, T) TS_FAST_REDUCE(OP, TAG, T, fast512)
#define TS_FAST_REDUCE_avx2(OP, TAG, T) TS_FAST_REDUCE(OP, TAG, T, fast256)

#define TS_FLOAT_EXTREMUM_LEVEL(OP, TAG, T, LEVEL, KERNEL, LONG_KERNEL) \
    TS_ATTR_##LEVEL static void OP##_##TAG##_##KERNEL##_level(TS_LOOP_PARAMS) { \
        char *pa = (char *)args[0], *pb = (char *)args[1], *po = (char *)args[2]; \
        const intptr_t s = (intptr_t)sizeof(T); \
        TS_FAST_REDUCE_##LEVEL(OP, TAG, T) \
        if (steps[0] == s && steps[1] == s && steps[2] == s \
            && ts_may_vectorize(po, s, pa, s, s, n) && ts_may_vectorize(po, s, pb, s, s, n)) { \
            if (n <= TS_EXTREMUM_PREFETCH_MAX_BYTES / s) { \
                OP##_##TAG##_##KERNEL((T *)po, (const T *)pa, (const T *)pb, n); \
            } else { \
                OP##_##TAG##_##LONG_KERNEL((T *)po, (const T *)pa, (const T *)pb, n); \
            } \
            return; \
        } \
        OP##_##TAG##_avx2(args, n, steps, data); \
    }
#define TS_FLOAT_EXTREMUM_LEVELS(OP, TAG, T) \
    TS_FLOAT_EXTREMUM_LEVEL(OP, TAG, T, avx2, x256, x256) TS_FLOAT_EXTREMUM_LEVEL(OP, TAG, T, avx512, x512, x256)
#define TS_FLOAT_EXTREMA_LEVELS(TAG, T) \
    TS_FLOAT_EXTREMUM_LEVELS(maximum, TAG, T) TS_FLOAT_EXTREMUM_LEVELS(minimum, TAG, T) \
    TS_FLOAT_EXTREMUM_LEVELS(fmax, TAG, T) TS_FLOAT_EXTREMUM_LEVELS(fmin, TAG, T)
TS_FLOAT_EXTREMA_LEVELS(f64, double)
TS_FLOAT_EXTREMA_LEVELS(f32, float)

// float16 runs its AVX2 code at the AVX-512 level too (no AVX-512 entry).
#define TS_ENTRY_AVX2_TOP(UFUNC, SIGNATURE, NAME, COST) { UFUNC, SIGNATURE, NAME##_sse2, NAME##_avx2, NULL, COST }
#define TS_ENTRY_HAND(UFUNC, SIGNATURE, NAME, COST) { UFUNC, SIGNATURE, NAME##_sse2, NAME##_x256_level, NAME##_x512_level, COST }
#define TS_FLOAT_EXTREMUM_ENTRIES(TAG, C, ENTRY) \
    ENTRY("maximum", C C "->" C, maximum_##TAG, 0.3), \
    ENTRY("minimum", C C "->" C, minimum_##TAG, 0.3), \
    ENTRY("fmax", C C "->" C, fmax_##TAG, 0.3), \
    ENTRY("fmin", C C "->" C, fmin_##TAG, 0.3),

static const tessera_simd_loop table[] = {
    TS_INT_EXTREMUM_ENTRIES(bool, ts_bool, "?", TS_SAME)
    TS_ALL_INTEGERS(TS_INT_EXTREMUM_ENTRIES)
    TS_FLOAT_EXTREMUM_ENTRIES(f16, "e", TS_ENTRY_AVX2_TOP)
    TS_FLOAT_EXTREMUM_ENTRIES(f32, "f", TS_ENTRY_HAND)
    TS_FLOAT_EXTREMUM_ENTRIES(f64, "d", TS_ENTRY_HAND)
};

TS_TABLE(tessera_simd_extremum_loops, table)
