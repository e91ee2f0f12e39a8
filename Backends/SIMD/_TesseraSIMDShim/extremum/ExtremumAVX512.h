// The elementwise `maximum`, `minimum`, `fmax`, `fmin` of float32/float64 on two
// contiguous inputs, with 512-bit vectors: `o[i] = OP(a[i], b[i])`. Its main use is the
// in-place call `out = OP(out, row)` that a reduction along axis 0 of a C-contiguous
// array makes once per row.
//
// The choice is ExtremumPick.h's, written with mask registers: r = max(x, y) AND
// max(y, x) (min and OR for minimum/fmin) picks the larger value and +0.0 over −0.0,
// then two masked moves put back the NaN the rule picks (maximum/minimum: x if x is NaN,
// else y if y is NaN; fmax/fmin: x if y is NaN, else y if x is NaN). The result is the
// scalar backend's bit for bit, NaN payloads included.
//
// Why this is not the AVX-512 build of the generic C (which the loop vectoriser gives
// 256-bit vectors and compares into mask registers): on the Zen 4 machine measured, a
// standalone loop of 1999 in-place calls of 2000 float64 (the axis-0 `max` of a
// 2000 × 2000 array) took 1.36 ms with this form (4 vectors per step), 1.83 ms with the
// AVX2 build of the generic C, 1.49 ms with a compare-and-blend form of the same choice
// (take y where x is ordered and y >ᵤ x, then AND the equal zeros) (median of 15, best
// of 7 repeats, thread CPU time, machine shared); in another run, a form that tests for
// −0.0 with `vfpclasspd` took 1.47–2.00 ms against 1.26–1.57 for this one. Folding four
// rows into the output per pass (the output read and written once per four rows) took
// 1.67 ms against 1.44 ms row by row in the same run: the output row stays in L1 either
// way, and four input streams cost more than they save. In the harness (with the 4 KB
// prefetch of ExtremumPick.h), testing each step of four vectors for NaNs first and
// computing only max AND max when there is none (as ExtremumAVX2.h does) took 1.46–1.59
// ms against 1.58–1.66 ms for this form in the same three runs, NumPy 1.84–1.94 ms: no
// clear gain at this level, so the simpler form stays.
#ifndef TESSERA_SIMD_EXTREMUM_AVX512_H
#define TESSERA_SIMD_EXTREMUM_AVX512_H

#include <immintrin.h>
#include <stdint.h>
#include "ExtremumPick.h"

#define TS_X512_ATTR static inline __attribute__((always_inline, target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c")))

// maximum/minimum: y where y is NaN, then x where x is NaN (x wins when both are).
#define TS_X512_PICK_NAN_FIRST(OP, V, VT, MM, COMBINE) \
    TS_X512_ATTR VT ts_x512_##OP##_##V(VT x, VT y) { \
        VT r = _mm512_##COMBINE##_##V(_mm512_##MM##_##V(x, y), _mm512_##MM##_##V(y, x)); \
        r = _mm512_mask_mov_##V(r, _mm512_cmp_##V##_mask(y, y, _CMP_UNORD_Q), y); \
        return _mm512_mask_mov_##V(r, _mm512_cmp_##V##_mask(x, x, _CMP_UNORD_Q), x); \
    }
// fmax/fmin: y where x is NaN, then x where y is NaN (x when both are).
#define TS_X512_PICK_NAN_OTHER(OP, V, VT, MM, COMBINE) \
    TS_X512_ATTR VT ts_x512_##OP##_##V(VT x, VT y) { \
        VT r = _mm512_##COMBINE##_##V(_mm512_##MM##_##V(x, y), _mm512_##MM##_##V(y, x)); \
        r = _mm512_mask_mov_##V(r, _mm512_cmp_##V##_mask(x, x, _CMP_UNORD_Q), y); \
        return _mm512_mask_mov_##V(r, _mm512_cmp_##V##_mask(y, y, _CMP_UNORD_Q), x); \
    }

#define TS_X512_PICKS(V, VT) \
    TS_X512_PICK_NAN_FIRST(maximum, V, VT, max, and) \
    TS_X512_PICK_NAN_FIRST(minimum, V, VT, min, or) \
    TS_X512_PICK_NAN_OTHER(fmax, V, VT, max, and) \
    TS_X512_PICK_NAN_OTHER(fmin, V, VT, min, or)
TS_X512_PICKS(pd, __m512d)
TS_X512_PICKS(ps, __m512)

/// `o[i] = OP(a[i], b[i])` for i < n; each of `a`, `b` is either `o` itself or disjoint
/// from it (every vector is loaded before its result is stored). Four vectors per step,
/// then single vectors, then a masked vector for the last W − 1 elements at most.
#define TS_X512_KERNEL(OP, TAG, T, V, VT, K, W) \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c"))) \
    static void OP##_##TAG##_x512(T *o, const T *a, const T *b, intptr_t n) { \
        intptr_t i = 0; \
        const int prefetch = n <= TS_EXTREMUM_PREFETCH_MAX_BYTES / (intptr_t)sizeof(T); \
        for (; i + 4 * W <= n; i += 4 * W) { \
            if (prefetch) { \
                ts_extremum_prefetch(b + i, 4 * W * sizeof(T)); \
                if (a != o) ts_extremum_prefetch(a + i, 4 * W * sizeof(T)); \
            } \
            const VT x0 = _mm512_loadu_##V(a + i), x1 = _mm512_loadu_##V(a + i + W); \
            const VT x2 = _mm512_loadu_##V(a + i + 2 * W), x3 = _mm512_loadu_##V(a + i + 3 * W); \
            const VT y0 = _mm512_loadu_##V(b + i), y1 = _mm512_loadu_##V(b + i + W); \
            const VT y2 = _mm512_loadu_##V(b + i + 2 * W), y3 = _mm512_loadu_##V(b + i + 3 * W); \
            _mm512_storeu_##V(o + i, ts_x512_##OP##_##V(x0, y0)); \
            _mm512_storeu_##V(o + i + W, ts_x512_##OP##_##V(x1, y1)); \
            _mm512_storeu_##V(o + i + 2 * W, ts_x512_##OP##_##V(x2, y2)); \
            _mm512_storeu_##V(o + i + 3 * W, ts_x512_##OP##_##V(x3, y3)); \
        } \
        for (; i + W <= n; i += W) { \
            _mm512_storeu_##V(o + i, ts_x512_##OP##_##V(_mm512_loadu_##V(a + i), _mm512_loadu_##V(b + i))); \
        } \
        if (i < n) { \
            const K m = (K)((1u << (n - i)) - 1); \
            const VT x = _mm512_maskz_loadu_##V(m, a + i), y = _mm512_maskz_loadu_##V(m, b + i); \
            _mm512_mask_storeu_##V(o + i, m, ts_x512_##OP##_##V(x, y)); \
        } \
    }

#define TS_X512_KERNELS(OP) \
    TS_X512_KERNEL(OP, f64, double, pd, __m512d, __mmask8, 8) \
    TS_X512_KERNEL(OP, f32, float, ps, __m512, __mmask16, 16)
TS_X512_KERNELS(maximum) TS_X512_KERNELS(minimum) TS_X512_KERNELS(fmax) TS_X512_KERNELS(fmin)

#endif
