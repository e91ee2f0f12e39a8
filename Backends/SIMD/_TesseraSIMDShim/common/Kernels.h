// The templates every elementwise family of the SIMD shim instantiates (private to the shim).
//
// A kernel is written once as a C expression over scalars and compiled three times, into
// functions with the target attribute of each level; Clang's loop vectoriser turns the
// contiguous and broadcast runs into SSE2, AVX2 or AVX-512 code. Results are the scalar
// backend's bit for bit: each element is computed by the same IEEE operations in the same
// order, with no contraction into FMA (which the AVX2 and AVX-512 targets would allow).
#ifndef TESSERA_SIMD_KERNELS_H
#define TESSERA_SIMD_KERNELS_H

#pragma STDC FP_CONTRACT OFF

#include <stdint.h>
#include <string.h>
#include "TesseraSIMDLoops.h"

#define TS_ATTR_sse2
#define TS_ATTR_avx2 __attribute__((target("avx2,fma,f16c")))
#define TS_ATTR_avx512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c")))
#define TS_INLINE static inline __attribute__((always_inline))

// Each element is read before its result is written and no element depends on another,
// which holds for the runs that reach these loops (see ts_may_vectorize).
#define TS_VECTORIZE _Pragma("clang loop vectorize(assume_safety) interleave(enable)")
// The same with vectors of at most 256 bits of the widest operand (WIDEST bytes per
// element): on the Zen 4 machine measured, a float32 add of 10⁶ elements (data in L3)
// took 165 µs with 512-bit vectors and 155 µs with 256-bit ones inside the same AVX-512
// function (median of 200 calls); arithmetic throughput per element is the same there,
// since 512-bit operations are executed as two 256-bit halves.
#define TS_PRAGMA_(text) _Pragma(#text)
#define TS_PRAGMA(text) TS_PRAGMA_(text)
#define TS_VECTORIZE_256(WIDEST) TS_PRAGMA(clang loop vectorize(assume_safety) interleave(enable) vectorize_width(32 / (WIDEST)))
#define TS_MAX_SIZE(A, B) (sizeof(A) > sizeof(B) ? sizeof(A) : sizeof(B))

#define TS_LOOP_PARAMS void *const *args, intptr_t n, const intptr_t *steps, void *data

/// Whether byte ranges [a, a + an) and [b, b + bn) are disjoint.
TS_INLINE int ts_apart(const char *a, intptr_t an, const char *b, intptr_t bn) {
    return a + an <= b || b + bn <= a;
}

/// Whether a contiguous output of `n` elements of `osize` bytes at `o` may be computed with
/// vector code from an input at `i` with stride `s` and element size `isize`: the input is
/// contiguous and either disjoint from the output or exactly the output (in place, same
/// element size), or it is a broadcast scalar outside the output. Anything else (partial
/// overlap) takes the element-by-element loop, which reads each element just before
/// writing its result, as the scalar backend does.
TS_INLINE int ts_may_vectorize(const char *o, intptr_t osize, const char *i, intptr_t s, intptr_t isize, intptr_t n) {
    if (s == isize) return (i == o && isize == osize) || ts_apart(o, n * osize, i, n * isize);
    if (s == 0) return ts_apart(o, n * osize, i, isize);
    return 0;
}

/// Whether a run's stride puts every element on a cache line of its own (more than two
/// lines apart), as when a transposed 2-D operand is walked along its long-stride axis.
TS_INLINE int ts_far_stride(intptr_t s) {
    return s > 128 || s < -128;
}

/// In a run where some operand has a far stride, asked for each operand's element: the
/// cache line after it (into L2), which holds the elements the next few outer steps read
/// when the outer axis is the far operand's contiguous one — the transposed operand of
/// `a + b.T` (for a contiguous operand it is a line the run reads soon anyway). The hardware
/// prefetchers do not follow such a walk: each element of a run misses its own line, and
/// only every eighth run (float64) misses at all, in one burst. On the Zen 4 machine
/// measured, the float64 `add` loop called once per output row of a 2000 × 2000 `a + b.T`
/// took 8.5 ms without and 5.8 ms with this (CPU time, best of 15; NumPy 8.5–8.9 ms);
/// with the outer axis running the other way it stayed at 8.5 ms; cache-blocked (tiled)
/// orders of 8 rows by 64–1000 columns, tried instead in the core, took 8.5–9.1 ms. A
/// prefetch never faults, so the line may lie past the array.
TS_INLINE void ts_prefetch_neighbour(const char *p) {
    __builtin_prefetch(p + 64, 0, 2);
}

/// Whether a binary call is a reduction (NumPy's IS_BINARY_REDUCE): the first input is the
/// output, both with stride 0, and the second input is the run being folded into it.
TS_INLINE int ts_is_reduce(void *const *args, const intptr_t *steps) {
    return args[0] == args[2] && steps[0] == 0 && steps[2] == 0;
}

/// The three per-level functions of a kernel whose body is NAME##_body.
#define TS_LEVELS(NAME) \
    TS_ATTR_sse2 static void NAME##_sse2(TS_LOOP_PARAMS) { (void)data; NAME##_body(args, n, steps, TESSERA_SIMD_SSE2); } \
    TS_ATTR_avx2 static void NAME##_avx2(TS_LOOP_PARAMS) { (void)data; NAME##_body(args, n, steps, TESSERA_SIMD_AVX2); } \
    TS_ATTR_avx512 static void NAME##_avx512(TS_LOOP_PARAMS) { (void)data; NAME##_body(args, n, steps, TESSERA_SIMD_AVX512); }

/// Calls the per-level function PREFIX##_sse2/_avx2/_avx512 of the body's `level` (a
/// constant once the body is inlined into its level's function).
#define TS_AT_LEVEL(PREFIX, ...) \
    (level == TESSERA_SIMD_AVX512 ? PREFIX##_avx512(__VA_ARGS__) \
     : level == TESSERA_SIMD_AVX2 ? PREFIX##_avx2(__VA_ARGS__) : PREFIX##_sse2(__VA_ARGS__))

#include "StreamingStores.h"

/// A table entry for a kernel instantiated with TS_LEVELS.
#define TS_ENTRY(UFUNC, SIGNATURE, NAME, COST) { UFUNC, SIGNATURE, NAME##_sse2, NAME##_avx2, NAME##_avx512, COST }
/// TS_ENTRY for a float add whose reduction call sums the run in NumPy's pairwise order.
#define TS_PAIRWISE_SUM_ENTRY(UFUNC, SIGNATURE, NAME, COST) { UFUNC, SIGNATURE, NAME##_sse2, NAME##_avx2, NAME##_avx512, COST, 1 }

/// An elementwise binary kernel: `EXPR` computes the output from `x` (TA) and `y` (TB).
/// Vector code for contiguous operands and for one broadcast operand; anything else
/// (other strides, partial overlap, a reduction's stride-0 output) element by element.
#define TS_BINARY(NAME, TA, TB, TO, EXPR) TS_BINARY_R(NAME, TA, TB, TO, EXPR, )

/// TS_BINARY with a statement run first on a reduction call (see ts_is_reduce); it sees
/// `args`, `n`, `steps`, `pa`, `pb`, `po`, `sb`, and returns if it handled the call.
#define TS_BINARY_R(NAME, TA, TB, TO, EXPR, REDUCE) TS_BINARY_RS(NAME, TA, TB, TO, EXPR, REDUCE, )

/// TS_BINARY_R with a statement run before the element-by-element loop, for strided runs
/// the contiguous and broadcast paths did not take (see TS_EVERY_SECOND); it sees `n`,
/// `pa`, `pb`, `po`, `sa`, `sb`, `so`, and returns if it handled the call.
#define TS_BINARY_RS(NAME, TA, TB, TO, EXPR, REDUCE, STRIDED) \
    TS_INLINE void NAME##_body(void *const *args, intptr_t n, const intptr_t *steps, const int level) { \
        (void)level; \
        char *pa = (char *)args[0], *pb = (char *)args[1], *po = (char *)args[2]; \
        intptr_t sa = steps[0], sb = steps[1], so = steps[2]; \
        if (ts_is_reduce(args, steps)) { REDUCE } \
        /* Every operand reversed (or broadcast): the same elements, visited from the far */ \
        /* end, form contiguous runs; each element's result does not depend on the order. */ \
        /* Only when the vector path then applies: the element loop keeps the call's order, */ \
        /* which matters when operands overlap partly. */ \
        if (n > 1 && so == -(intptr_t)sizeof(TO) && (sa == -(intptr_t)sizeof(TA) || sa == 0) \
            && (sb == -(intptr_t)sizeof(TB) || sb == 0) && (sa | sb) != 0) { \
            char *const qo = po + (n - 1) * so, *const qa = sa ? pa + (n - 1) * sa : pa, *const qb = sb ? pb + (n - 1) * sb : pb; \
            if (ts_may_vectorize(qo, sizeof(TO), qa, -sa, sizeof(TA), n) && ts_may_vectorize(qo, sizeof(TO), qb, -sb, sizeof(TB), n)) { \
                po = qo; pa = qa; pb = qb; so = -so; sa = -sa; sb = -sb; \
            } \
        } \
        if (so == (intptr_t)sizeof(TO) && ts_may_vectorize(po, sizeof(TO), pa, sa, sizeof(TA), n) \
            && ts_may_vectorize(po, sizeof(TO), pb, sb, sizeof(TB), n)) { \
            TO *o = (TO *)po; \
            if (sa != 0 && sb != 0) { \
                const TA *a = (const TA *)pa; const TB *b = (const TB *)pb; \
                TS_OUTPUT_PIECES(TO, o, n, ts_stream_output(po, sizeof(TO), pa, sizeof(TA), pb, sizeof(TB), n), \
                    TS_VECTORIZE_256(TS_MAX_SIZE(TA, TO)) for (intptr_t i = 0; i < ts_count; i++) { \
                        const TA x = a[ts_start + i]; const TB y = b[ts_start + i]; ts_dst[i] = (EXPR); \
                    }) \
                return; \
            } \
            if (sa == 0 && sb != 0) { \
                const TA x = *(const TA *)pa; const TB *b = (const TB *)pb; \
                TS_OUTPUT_PIECES(TO, o, n, ts_stream_output(po, sizeof(TO), NULL, 0, pb, sizeof(TB), n), \
                    TS_VECTORIZE_256(TS_MAX_SIZE(TB, TO)) for (intptr_t i = 0; i < ts_count; i++) { \
                        const TB y = b[ts_start + i]; ts_dst[i] = (EXPR); \
                    }) \
                return; \
            } \
            if (sa != 0 && sb == 0) { \
                const TA *a = (const TA *)pa; const TB y = *(const TB *)pb; \
                TS_OUTPUT_PIECES(TO, o, n, ts_stream_output(po, sizeof(TO), pa, sizeof(TA), NULL, 0, n), \
                    TS_VECTORIZE_256(TS_MAX_SIZE(TA, TO)) for (intptr_t i = 0; i < ts_count; i++) { \
                        const TA x = a[ts_start + i]; ts_dst[i] = (EXPR); \
                    }) \
                return; \
            } \
        } \
        STRIDED \
        if (ts_far_stride(sa) || ts_far_stride(sb)) { \
            for (intptr_t i = 0; i < n; i++) { \
                ts_prefetch_neighbour(pa + i * sa); ts_prefetch_neighbour(pb + i * sb); \
                const TA x = *(const TA *)(pa + i * sa); const TB y = *(const TB *)(pb + i * sb); \
                *(TO *)(po + i * so) = (EXPR); \
            } \
            return; \
        } \
        for (intptr_t i = 0; i < n; i++) { \
            const TA x = *(const TA *)(pa + i * sa); const TB y = *(const TB *)(pb + i * sb); \
            *(TO *)(po + i * so) = (EXPR); \
        } \
    } \
    TS_LEVELS(NAME)

/// A TS_BINARY_RS statement: both inputs read every second element (`a[::2] * b[::2]`,
/// the real or imaginary parts of complex data) into a contiguous output, computed with
/// vector code that loads two vectors of each input and keeps the even lanes. The
/// general alternatives were slower than the element-by-element loop on the Zen 4 machine
/// measured (float32 multiply of 10⁶, C level, thread CPU time, best of 300 on huge
/// pages): element loop 408–444 µs, this 255–306 µs, a `vgatherdps` gather by the run's
/// stride 1 626–1 757 µs, copying 256 elements of each input into a buffer and running the
/// contiguous loop on it 621–623 µs. The inputs must not overlap the output (each element
/// is read before its result is written only in the element loop).
#define TS_EVERY_SECOND(TA, TB, TO, EXPR) \
    if (so == (intptr_t)sizeof(TO) && sa == 2 * (intptr_t)sizeof(TA) && sb == 2 * (intptr_t)sizeof(TB) && n > 0 \
        && ts_apart(po, n * (intptr_t)sizeof(TO), pa, (n - 1) * sa + (intptr_t)sizeof(TA)) \
        && ts_apart(po, n * (intptr_t)sizeof(TO), pb, (n - 1) * sb + (intptr_t)sizeof(TB))) { \
        const TA *a = (const TA *)pa; const TB *b = (const TB *)pb; TO *o = (TO *)po; \
        TS_VECTORIZE_256(TS_MAX_SIZE(TA, TO)) for (intptr_t i = 0; i < n; i++) { const TA x = a[2 * i]; const TB y = b[2 * i]; o[i] = (EXPR); } \
        return; \
    }

/// A TS_BINARY_RS statement: both inputs run backwards into a forward contiguous output
/// (`a[::-1] * b[::-1]`, a new array from reversed views), which the reversal at the top of
/// TS_BINARY_R does not turn into a contiguous run (the output would have to run backwards
/// too). Vector code loads each input's vectors from the far end and reverses their lanes.
/// On the Zen 4 machine measured (float32 multiply of 10⁶, C level, best of 200 on huge
/// pages): element loop 308 µs, this 129 µs, the contiguous loop 125–130 µs. The inputs
/// must not overlap the output.
#define TS_BACKWARDS(TA, TB, TO, EXPR) \
    if (so == (intptr_t)sizeof(TO) && sa == -(intptr_t)sizeof(TA) && sb == -(intptr_t)sizeof(TB) && n > 0 \
        && ts_apart(po, n * (intptr_t)sizeof(TO), pa + (n - 1) * sa, n * (intptr_t)sizeof(TA)) \
        && ts_apart(po, n * (intptr_t)sizeof(TO), pb + (n - 1) * sb, n * (intptr_t)sizeof(TB))) { \
        const TA *a = (const TA *)pa; const TB *b = (const TB *)pb; TO *o = (TO *)po; \
        TS_VECTORIZE_256(TS_MAX_SIZE(TA, TO)) for (intptr_t i = 0; i < n; i++) { const TA x = a[-i]; const TB y = b[-i]; o[i] = (EXPR); } \
        return; \
    }

/// TS_EVERY_SECOND for a unary kernel (TS_UNARY_S): `a[::2].astype(...)`.
#define TS_EVERY_SECOND_UNARY(TI, TO, EXPR) \
    if (so == (intptr_t)sizeof(TO) && si == 2 * (intptr_t)sizeof(TI) && n > 0 \
        && ts_apart(po, n * (intptr_t)sizeof(TO), pi, (n - 1) * si + (intptr_t)sizeof(TI))) { \
        const TI *a = (const TI *)pi; TO *o = (TO *)po; \
        TS_VECTORIZE_256(TS_MAX_SIZE(TI, TO)) for (intptr_t i = 0; i < n; i++) { const TI x = a[2 * i]; o[i] = (EXPR); } \
        return; \
    }

/// An elementwise unary kernel: `EXPR` computes the output from `x` (TI).
#define TS_UNARY(NAME, TI, TO, EXPR) TS_UNARY_S(NAME, TI, TO, EXPR, , )

/// TS_UNARY with two statements that may handle the call and return: CONTIGUOUS first on
/// the contiguous path (it sees `pi`, `po`, `n`, `level`), for a kernel with a faster form
/// than the element expression's; STRIDED before the element-by-element loop, for strided
/// runs the contiguous path did not take (see TS_EVERY_SECOND_UNARY; it sees `n`, `pi`,
/// `po`, `si`, `so`).
#define TS_UNARY_S(NAME, TI, TO, EXPR, CONTIGUOUS, STRIDED) \
    TS_INLINE void NAME##_body(void *const *args, intptr_t n, const intptr_t *steps, const int level) { \
        (void)level; \
        char *pi = (char *)args[0], *po = (char *)args[1]; \
        intptr_t si = steps[0], so = steps[1]; \
        if (n > 1 && so == -(intptr_t)sizeof(TO) && si == -(intptr_t)sizeof(TI) \
            && ts_may_vectorize(po + (n - 1) * so, sizeof(TO), pi + (n - 1) * si, -si, sizeof(TI), n)) { \
            po += (n - 1) * so; so = -so; \
            pi += (n - 1) * si; si = -si; \
        } \
        if (so == (intptr_t)sizeof(TO) && si == (intptr_t)sizeof(TI) && ts_may_vectorize(po, sizeof(TO), pi, si, sizeof(TI), n)) { \
            CONTIGUOUS \
            const TI *a = (const TI *)pi; \
            TS_OUTPUT_PIECES(TO, (TO *)po, n, ts_stream_output(po, sizeof(TO), pi, sizeof(TI), NULL, 0, n), \
                TS_VECTORIZE_256(TS_MAX_SIZE(TI, TO)) for (intptr_t i = 0; i < ts_count; i++) { \
                    const TI x = a[ts_start + i]; ts_dst[i] = (EXPR); \
                }) \
            return; \
        } \
        STRIDED \
        if (ts_far_stride(si)) { \
            for (intptr_t i = 0; i < n; i++) { \
                ts_prefetch_neighbour(pi + i * si); \
                const TI x = *(const TI *)(pi + i * si); \
                *(TO *)(po + i * so) = (EXPR); \
            } \
            return; \
        } \
        for (intptr_t i = 0; i < n; i++) { \
            const TI x = *(const TI *)(pi + i * si); \
            *(TO *)(po + i * so) = (EXPR); \
        } \
    } \
    TS_LEVELS(NAME)

/// A reduction statement for TS_BINARY_R when EXPR is associative and commutative on TO
/// bit for bit (wrapping integer arithmetic, bitwise operations, integer extrema): folds a
/// contiguous run in any order the vectoriser likes, strided runs in order.
#define TS_FOLD(TO, EXPR) \
    if (sb == (intptr_t)sizeof(TO) && ts_apart(po, sizeof(TO), pb, n * (intptr_t)sizeof(TO))) { \
        TO x = *(TO *)po; const TO *b = (const TO *)pb; \
        for (intptr_t i = 0; i < n; i++) { const TO y = b[i]; x = (EXPR); } \
        *(TO *)po = x; \
        return; \
    }

#endif
