// Shared pieces of the elementary-function kernels: bit casts, the rounding trick, and
// the array-loop templates that turn a per-element kernel into contiguous and strided
// loops for one instruction set.
//
// The kernels are written per element, branch-free (special cases are selects), and
// inlined into loops compiled for AVX2+FMA or AVX-512 with per-function target
// attributes; the compiler turns those loops into vector code at that width. Only the
// loop functions carry the target, so nothing here runs on a CPU without it.
#ifndef TESSERA_ELEMENTARY_COMMON_H
#define TESSERA_ELEMENTARY_COMMON_H

// Every fused multiply-add is written out; no other contraction, so that the debug and
// release builds, the ULP sweep and every level compute the same operations.
#pragma STDC FP_CONTRACT OFF

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ElementaryCoefficients.h"

#define TE_INLINE static inline __attribute__((always_inline))

TE_INLINE uint64_t te_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
TE_INLINE double te_double(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
TE_INLINE uint32_t te_bits32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
TE_INLINE float te_float(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }

// Adding 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer, which then
// sits in the low mantissa bits; subtracting it back gives the integer as a double.
// Unlike a conversion instruction this is defined for NaN (which stays NaN).
#define TE_ROUND_MAGIC 0x1.8p52

// A block of a strided operand is gathered into a stack buffer, computed contiguously
// and scattered back.
#ifndef TE_BLOCK
#define TE_BLOCK 512
#endif

#define TE_TARGET_AVX2 __attribute__((target("avx2,fma")))
#define TE_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")))
// SSE2 is the x86-64 baseline the whole file is compiled for: no attribute needed.
#define TE_TARGET_SSE2

// The instruction sets a kernel file's loops are instantiated for: `M(ARGS..., ISA, ATTR)`
// once per set. A kernel file is compiled twice: as itself, for AVX2 and AVX-512, and
// included by its twin in `elementary/sse2/` with TE_SSE2_UNIT defined, for SSE2 (where
// the multiply-add primitives below differ, which a target attribute cannot express).
#ifdef TE_SSE2_UNIT
#define TE_EACH_ISA(M, ...) M(__VA_ARGS__, sse2, TE_TARGET_SSE2)
#else
#define TE_EACH_ISA(M, ...) M(__VA_ARGS__, avx2, TE_TARGET_AVX2) M(__VA_ARGS__, avx512, TE_TARGET_AVX512)
#endif

// The multiply-adds. At AVX2 and AVX-512 all are the hardware's fused multiply-add. SSE2
// has none (`__builtin_fma` there is a library call that stops vectorisation), so:
// - te_fma / te_fmaf: where the algorithm needs the single rounding (an exact remainder
//   such as fma(-q, d, e) or the error of a product fma(a, b, -a*b), a reduction
//   x - n c whose product is not exact). At SSE2 te_fma is Dekker's exact product
//   (Veltkamp splitting) plus an exact sum: a*b + c to within a few units of 2^-106
//   relative before the final rounding, exactly when the result is representable and
//   the operands are not near overflow (then it falls back to the plain a*b + c, which
//   keeps inf and NaN as fma does); a zero result keeps the sign a*b + c gives.
//   te_fmaf computes in double: the product of two floats is exact there, so the result
//   rounds once in double (exactly when it is representable, e.g. a float remainder) and
//   once to float.
// - te_mla / te_mlaf: a polynomial's Horner or Estrin step, or a product that is exact
//   anyway (n times a constant with trailing zeros), where the fused rounding only saves
//   time or a little error: at SSE2 a multiply and an add (two roundings; every SSE2
//   loop's error bound is measured with them).
#ifdef TE_SSE2_UNIT
TE_INLINE double te_fma(double a, double b, double c) {
    const double split = 0x1p27 + 1.0;
    double p = a * b;
    double ta = split * a, tb = split * b;
    double ah = ta - (ta - a), bh = tb - (tb - b);
    double al = a - ah, bl = b - bh;
    double pe = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a*b = p + pe exactly
    double s = p + c;
    double v = s - p;
    double se = (p - (s - v)) + (c - v); // p + c = s + se exactly
    double t = se + pe;
    // t = 0: s is the result, with its sign of zero (s + t would turn -0 into +0);
    // t not finite (inf or NaN operands, overflow in the split): s as well.
    return (t != 0.0 && t - t == 0.0) ? s + t : s;
}
TE_INLINE float te_fmaf(float a, float b, float c) { return (float)((double)a * (double)b + (double)c); }
TE_INLINE double te_mla(double a, double b, double c) { return a * b + c; }
TE_INLINE float te_mlaf(float a, float b, float c) { return a * b + c; }
// floor and trunc without SSE4.1's roundpd: adding and subtracting 2^52 rounds |x| < 2^52
// to an integer; one step down where that rounded up. Larger |x|, inf and NaN are kept.
TE_INLINE double te_trunc(double x) {
    double a = __builtin_fabs(x);
    double t = (a + 0x1p52) - 0x1p52;
    t = t > a ? t - 1.0 : t;
    return a < 0x1p52 ? __builtin_copysign(t, x) : x;
}
TE_INLINE double te_floor(double x) {
    double t = te_trunc(x);
    return x < t ? t - 1.0 : t;
}
#else
#define te_fma __builtin_fma
#define te_fmaf __builtin_fmaf
#define te_mla __builtin_fma
#define te_mlaf __builtin_fmaf
#define te_trunc __builtin_trunc
#define te_floor __builtin_floor
#endif

// 2^-1022 (y + e) rounded once, for y + e (|e| far below y's ULP) in [0, 2) whose scaled
// value may be subnormal: adding 1 places the rounding at 2^-52, which 2^-1022 turns into
// the subnormal spacing 2^-1074; the sum is kept exact (1 >= y) until one rounding, and
// subtracting 1 and the final scaling are exact. Applying 2^n to an already rounded
// double instead rounds twice in the top subnormal binades (up to 0.25 ULP more there).
TE_INLINE double te_subnormal_round(double y, double e) {
    double h = 1.0 + y;
    double l = ((1.0 - h) + y) + e;
    return ((h + l) - 1.0) * 0x1p-1022;
}
// The same for float32: 2^-126 (y + e), rounded once at 2^-149.
TE_INLINE float te_subnormal_roundf(float y, float e) {
    float h = 1.0f + y;
    float l = ((1.0f - h) + y) + e;
    return ((h + l) - 1.0f) * 0x1p-126f;
}

// The inner-loop convention: (args, count, steps, data) as NumPy's ufunc loops.
typedef void (*te_loop_fn)(void *const *args, intptr_t count, const intptr_t *steps, void *data);

// NumPy's rule for operands that share memory: an output that overlaps an input other
// than exactly (the same address and stride) is computed as if every input were read
// first: such an input is copied whole into a heap buffer and the loop runs on the copy.
// (The ufunc machinery already reads a partly overlapping input from a copy; this keeps
// the loops right on their own. Should the allocation fail, the operands go through the
// block buffers, which is right whenever the output does not run ahead of the input.)
TE_INLINE int te_overlaps_inexactly(const char *in, intptr_t is, const char *out, intptr_t os,
                                    intptr_t n, intptr_t size) {
    if (n <= 0 || (in == out && is == os)) return 0;
    const char *in_lo = in + (is < 0 ? (n - 1) * is : 0), *in_hi = in + (is > 0 ? (n - 1) * is : 0) + size;
    const char *out_lo = out + (os < 0 ? (n - 1) * os : 0), *out_hi = out + (os > 0 ? (n - 1) * os : 0) + size;
    return in_lo < out_hi && out_lo < in_hi;
}

// Copies in[0], in[2], ..., in[2 m - 2] to out[0..<m]: 64 bytes of pairs at a time,
// joined by one two-register shuffle that each level lowers to its own permutes. (The
// loop vectoriser keeps a scalar remainder of up to a whole unrolled iteration for
// `out[i] = in[2 i]`.) When `last` (the operand ends at in[2 m - 2]) the last vector's
// worth is copied one by one: a full vector there would read in[2 m - 1].
typedef float te_f32x16 __attribute__((vector_size(64)));
typedef double te_f64x8 __attribute__((vector_size(64)));
TE_INLINE void te_deinterleave_float(float *out, const float *in, intptr_t m, int last) {
    intptr_t i = 0;
    for (; i + 16 + (last != 0) <= m; i += 16) {
        te_f32x16 a, b;
        memcpy(&a, in + 2 * i, 64);
        memcpy(&b, in + 2 * i + 16, 64);
        te_f32x16 v = __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        memcpy(out + i, &v, 64);
    }
    for (; i < m; i++) out[i] = in[2 * i];
}
TE_INLINE void te_deinterleave_double(double *out, const double *in, intptr_t m, int last) {
    intptr_t i = 0;
    for (; i + 8 + (last != 0) <= m; i += 8) {
        te_f64x8 a, b;
        memcpy(&a, in + 2 * i, 64);
        memcpy(&b, in + 2 * i + 8, 64);
        te_f64x8 v = __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14);
        memcpy(out + i, &v, 64);
    }
    for (; i < m; i++) out[i] = in[2 * i];
}

// Software prefetch of a float64 operand that the AVX-512 strided loop copies into its
// block buffer: before each block of TE_PREFETCH_BLOCK elements is copied, the cache
// lines TE_PREFETCH_AHEAD bytes further on are requested, so that the memory works while
// the kernel computes (copied 512 at a time without it, each copy waited for its lines
// and the kernel then ran with the memory idle: sin and cos float64 at twice the element
// stride took 1.35 times contiguous at 10^6 elements, 1.20-1.30 with it). Only up to
// `end`, the operand's last byte plus one. It measured slower for float32 operands, at
// AVX2 (whose slower kernels leave the hardware prefetcher time) and in the contiguous
// and pair loops, and is not used there.
#define TE_PREFETCH_BLOCK 256
#define TE_PREFETCH_AHEAD 4096
#define TE_PREFETCH_avx512 1
#define TE_PREFETCH_avx2 0
#define TE_PREFETCH_sse2 0
TE_INLINE void te_prefetch_ahead(const char *p, intptr_t bytes, const char *end) {
    uintptr_t q = (uintptr_t)p + TE_PREFETCH_AHEAD, stop = q + (uintptr_t)bytes;
    stop = stop < (uintptr_t)end ? stop : (uintptr_t)end;
    for (; q < stop; q += 64) __builtin_prefetch((const void *)q, 0, 3);
}

// A place in `storage` (4096 bytes longer than the buffer) for a buffer that a kernel
// reads while it writes `out`: 256 bytes past `out` modulo 4 KiB, so that a load from the
// buffer never shares its address modulo 4 KiB with a recent store to `out` (4K
// aliasing: the load would wait for the store).
TE_INLINE void *te_place_after(char *storage, const void *out) {
    uintptr_t offset = ((uintptr_t)out + 256 - (uintptr_t)storage) & 4095 & ~(uintptr_t)63;
    return storage + offset;
}

// Copies m elements at byte stride s into a contiguous buffer (stride 2 by
// te_deinterleave; `last`: nothing of the operand follows the m elements), and back.
#define TE_GATHER(T, dst, src, s, m, last)                                                \
    do {                                                                                  \
        if ((s) == 2 * (intptr_t)sizeof(T)) {                                             \
            te_deinterleave_##T((dst), (const T *)(src), (m), (last));                    \
        } else {                                                                          \
            for (intptr_t i = 0; i < (m); i++) memcpy(&(dst)[i], (src) + i * (s), sizeof(T)); \
        }                                                                                 \
    } while (0)
#define TE_SCATTER(T, dst, src, s, m)                                                     \
    do {                                                                                  \
        if ((s) == 2 * (intptr_t)sizeof(T)) {                                             \
            for (intptr_t i = 0; i < (m); i++) ((T *)(dst))[2 * i] = (src)[i];            \
        } else {                                                                          \
            for (intptr_t i = 0; i < (m); i++) memcpy((dst) + i * (s), &(src)[i], sizeof(T)); \
        }                                                                                 \
    } while (0)

// `te_NAME_block_avx512(in, out, n)` around a 16-lane float32 kernel written with
// intrinsics: `KERNEL(v)` gives the results for the __m512 `v` (a macro, so that it may
// name what PREPARE, a statement run first, sets up: the kernel's tables). Two vectors
// per step, then one, then a masked vector for the last 15 at most; operands that
// overlap partly, one element at a time, each read before any later element is written.
#define TE_F32_BLOCK_AVX512(NAME, PREPARE, KERNEL)                                               \
    static TE_TARGET_AVX512 void te_##NAME##_block_avx512(const float *in, float *out, intptr_t n) { \
        PREPARE                                                                                  \
        if (!TE_VECTOR_SAFE(in, out, n)) {                                                       \
            for (intptr_t i = 0; i < n; i++) _mm512_mask_storeu_ps(out + i, 1, KERNEL(_mm512_maskz_loadu_ps(1, in + i))); \
            return;                                                                              \
        }                                                                                        \
        intptr_t i = 0;                                                                          \
        for (; i + 32 <= n; i += 32) {                                                           \
            __m512 u = KERNEL(_mm512_loadu_ps(in + i));                                          \
            __m512 v = KERNEL(_mm512_loadu_ps(in + i + 16));                                     \
            _mm512_storeu_ps(out + i, u);                                                        \
            _mm512_storeu_ps(out + i + 16, v);                                                   \
        }                                                                                        \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, KERNEL(_mm512_loadu_ps(in + i))); \
        if (i < n) {                                                                             \
            __mmask16 m = (__mmask16)((1u << (n - i)) - 1);                                      \
            _mm512_mask_storeu_ps(out + i, m, KERNEL(_mm512_maskz_loadu_ps(m, in + i)));         \
        }                                                                                        \
    }

// `te_NAME_block_avx2(in, out, n)` around an 8-lane float32 kernel, as TE_F32_BLOCK_AVX512
// (`KERNEL(v)` for the __m256 `v`, after PREPARE): one vector per step, then the last 7 at
// most through a buffer; operands that overlap partly, one element at a time.
#define TE_F32_BLOCK_AVX2(NAME, PREPARE, KERNEL)                                                 \
    static TE_TARGET_AVX2 void te_##NAME##_block_avx2(const float *in, float *out, intptr_t n) { \
        PREPARE                                                                                  \
        if (!TE_VECTOR_SAFE(in, out, n)) {                                                       \
            for (intptr_t i = 0; i < n; i++) {                                                   \
                float buffer[8] = {in[i]};                                                       \
                _mm256_storeu_ps(buffer, KERNEL(_mm256_loadu_ps(buffer)));                       \
                out[i] = buffer[0];                                                              \
            }                                                                                    \
            return;                                                                              \
        }                                                                                        \
        intptr_t i = 0;                                                                          \
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, KERNEL(_mm256_loadu_ps(in + i)));   \
        if (i < n) {                                                                             \
            float buffer[8] = {0};                                                               \
            memcpy(buffer, in + i, (size_t)(n - i) * sizeof(float));                             \
            _mm256_storeu_ps(buffer, KERNEL(_mm256_loadu_ps(buffer)));                           \
            memcpy(out + i, buffer, (size_t)(n - i) * sizeof(float));                            \
        }                                                                                        \
    }

// A contiguous kernel `te_NAME_block_ISA(in, out, n)` plus the loop around it that
// handles any strides: a strided input is gathered block by block into a stack buffer,
// the kernel writes straight into a contiguous output or into a second buffer that is
// scattered.
#define TE_STRIDED_LOOP(NAME, T, ISA, ATTR) TE_STRIDED_LOOP_WITH(NAME, T, ISA, ATTR, )

// TE_STRIDED_LOOP for kernels that also have `te_NAME_block2_ISA(in, out, n)`, reading
// in[0], in[2], ..., in[2n - 2]: an input at twice the element stride into a
// contiguous output runs it directly. (Through the block buffer, the gathering loop and
// the kernel alternate, and the kernel's loads no longer keep the memory busy while it
// computes: strided2 took about 1.45 times contiguous at 10^6 float64 elements.)
#define TE_STRIDED_LOOP_2(NAME, T, ISA, ATTR)                                                  \
    TE_STRIDED_LOOP_WITH(NAME, T, ISA, ATTR,                                                   \
                         if (is == 2 * size && os == size && !inexact) {                       \
                             te_##NAME##_block2_##ISA((const T *)ip, (T *)op, n);              \
                             return;                                                           \
                         })

#define TE_STRIDED_LOOP_WITH(NAME, T, ISA, ATTR, PAIR_CASE)                                   \
    ATTR void tessera_simd_##NAME##_##ISA(void *const *args, intptr_t n, const intptr_t *steps, \
                                          void *data) {                                        \
        (void)data;                                                                            \
        const char *ip = (const char *)args[0];                                                \
        char *op = (char *)args[1];                                                            \
        const intptr_t size = (intptr_t)sizeof(T), is = steps[0], os = steps[1];               \
        const int inexact = te_overlaps_inexactly(ip, is, op, os, n, size);                    \
        T *copy = inexact ? (T *)malloc((size_t)n * sizeof(T)) : NULL;                         \
        if (copy) {                                                                            \
            TE_GATHER(T, copy, ip, is, n, 1);                                                  \
            void *copy_args[2] = {copy, op};                                                   \
            const intptr_t copy_steps[2] = {size, os};                                         \
            tessera_simd_##NAME##_##ISA(copy_args, n, copy_steps, data);                       \
            free(copy);                                                                        \
            return;                                                                            \
        }                                                                                      \
        if (is == size && os == size && !inexact) {                                            \
            te_##NAME##_block_##ISA((const T *)ip, (T *)op, n);                                \
            return;                                                                            \
        }                                                                                      \
        PAIR_CASE                                                                              \
        /* One array, the output buffer first and the input 64 bytes past its end: a store    \
           to out_buffer[i] then shares its address modulo 4 KiB only with inputs already     \
           read. (Input 4 KiB before output made each store falsely hold up the loads of     \
           the next iterations: 4K aliasing.) */                                              \
        T buffers[2 * TE_BLOCK + 64 / sizeof(T)];                                              \
        T *out_buffer = buffers, *in_buffer = buffers + TE_BLOCK + 64 / sizeof(T);             \
        /* A float64 input at one or two elements' stride: te_prefetch_ahead. */              \
        const int prefetch = TE_PREFETCH_##ISA && size == 8 && is > 0 && is <= 2 * size;       \
        const char *in_end = ip + n * is;                                                      \
        while (n > 0) {                                                                        \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                          \
            if (prefetch) {                                                                    \
                m = n < TE_PREFETCH_BLOCK ? n : TE_PREFETCH_BLOCK;                             \
                te_prefetch_ahead(ip, m * is, in_end);                                         \
            }                                                                                  \
            const T *src = (const T *)ip;                                                      \
            if (is != size || inexact) {                                                       \
                TE_GATHER(T, in_buffer, ip, is, m, m == n);                                    \
                src = in_buffer;                                                               \
            }                                                                                  \
            if (os == size && !inexact) {                                                      \
                te_##NAME##_block_##ISA(src, (T *)op, m);                                      \
            } else {                                                                           \
                te_##NAME##_block_##ISA(src, out_buffer, m);                                   \
                TE_SCATTER(T, op, out_buffer, os, m);                                          \
            }                                                                                  \
            ip += m * is;                                                                      \
            op += m * os;                                                                      \
            n -= m;                                                                            \
        }                                                                                      \
    }

// The loop around a two-operand block kernel `te_NAME_block_ISA(a, b, out, n)`, for any
// strides (a stride of 0, a broadcast operand, included), by the same rules as
// TE_STRIDED_LOOP: contiguous operands are passed straight through, others gathered
// block by block into stack buffers laid out ahead of the output buffer.
#define TE_BINARY_LOOP(NAME, T, ISA, ATTR) TE_BINARY_LOOP_WITH(NAME, T, ISA, ATTR, )

// TE_BINARY_LOOP for kernels that also have `te_NAME_block2_ISA(a, b, out, n)`, reading
// a[2 i] and b[2 i]: both inputs at twice the element stride into a contiguous output
// run it directly (as TE_STRIDED_LOOP_2).
#define TE_BINARY_LOOP_2(NAME, T, ISA, ATTR)                                                     \
    TE_BINARY_LOOP_WITH(NAME, T, ISA, ATTR,                                                      \
                        if (as == 2 * size && bs == 2 * size && os == size && !inexact) {        \
                            te_##NAME##_block2_##ISA((const T *)ap, (const T *)bp, (T *)op, n);  \
                            return;                                                              \
                        })

#define TE_BINARY_LOOP_WITH(NAME, T, ISA, ATTR, PAIR_CASE)                                      \
    ATTR void tessera_simd_##NAME##_##ISA(void *const *args, intptr_t n, const intptr_t *steps,  \
                                          void *data) {                                         \
        (void)data;                                                                             \
        const char *ap = (const char *)args[0], *bp = (const char *)args[1];                    \
        char *op = (char *)args[2];                                                             \
        const intptr_t size = (intptr_t)sizeof(T), as = steps[0], bs = steps[1], os = steps[2]; \
        const int a_inexact = te_overlaps_inexactly(ap, as, op, os, n, size);                   \
        const int b_inexact = te_overlaps_inexactly(bp, bs, op, os, n, size);                   \
        const int inexact = a_inexact || b_inexact;                                             \
        T *copy = inexact ? (T *)malloc((size_t)n * sizeof(T) * (size_t)(a_inexact + b_inexact)) : NULL; \
        if (copy) {                                                                             \
            T *a_copy = copy, *b_copy = copy + (a_inexact ? n : 0);                             \
            if (a_inexact) TE_GATHER(T, a_copy, ap, as, n, 1);                                  \
            if (b_inexact) TE_GATHER(T, b_copy, bp, bs, n, 1);                                  \
            void *copy_args[3] = {a_inexact ? (void *)a_copy : (void *)ap,                      \
                                  b_inexact ? (void *)b_copy : (void *)bp, op};                 \
            const intptr_t copy_steps[3] = {a_inexact ? size : as, b_inexact ? size : bs, os};  \
            tessera_simd_##NAME##_##ISA(copy_args, n, copy_steps, data);                        \
            free(copy);                                                                         \
            return;                                                                             \
        }                                                                                       \
        if (as == size && bs == size && os == size && !inexact) {                               \
            te_##NAME##_block_##ISA((const T *)ap, (const T *)bp, (T *)op, n);                  \
            return;                                                                             \
        }                                                                                       \
        PAIR_CASE                                                                               \
        T buffers[3 * TE_BLOCK + 2 * 64 / sizeof(T)];                                           \
        T *out_buffer = buffers, *a_buffer = buffers + TE_BLOCK + 64 / sizeof(T);               \
        T *b_buffer = a_buffer + TE_BLOCK + 64 / sizeof(T);                                     \
        while (n > 0) {                                                                         \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                           \
            const T *a = (const T *)ap, *b = (const T *)bp;                                     \
            if (as != size || inexact) {                                                        \
                TE_GATHER(T, a_buffer, ap, as, m, m == n);                                      \
                a = a_buffer;                                                                   \
            }                                                                                   \
            if (bs != size || inexact) {                                                        \
                TE_GATHER(T, b_buffer, bp, bs, m, m == n);                                      \
                b = b_buffer;                                                                   \
            }                                                                                   \
            if (os == size && !inexact) {                                                       \
                te_##NAME##_block_##ISA(a, b, (T *)op, m);                                      \
            } else {                                                                            \
                te_##NAME##_block_##ISA(a, b, out_buffer, m);                                   \
                TE_SCATTER(T, op, out_buffer, os, m);                                           \
            }                                                                                   \
            ap += m * as;                                                                       \
            bp += m * bs;                                                                       \
            op += m * os;                                                                       \
            n -= m;                                                                             \
        }                                                                                       \
    }

// Whether element i of the output may be written before element j > i of the input
// is read: the operands are the same array (each element is read just before its own
// result is written) or do not overlap. Partially overlapping operands take the
// element-by-element loop.
#define TE_VECTOR_SAFE(in, out, n) \
    ((const void *)(in) == (const void *)(out) || (const void *)((in) + (n)) <= (const void *)(out) || \
     (const void *)((out) + (n)) <= (const void *)(in))
#define TE_ASSUME_SAFETY _Pragma("clang loop vectorize(assume_safety) interleave(enable)")

// Applies CORE to in[0..<n] into out, in vector code when the operands allow it.
#define TE_APPLY(in, out, n, CORE_CALL)                                                   \
    do {                                                                                  \
        if (TE_VECTOR_SAFE(in, out, n)) {                                                 \
            TE_ASSUME_SAFETY for (intptr_t i = 0; i < (n); i++) (out)[i] = CORE_CALL;     \
        } else {                                                                          \
            for (intptr_t i = 0; i < (n); i++) (out)[i] = CORE_CALL;                      \
        }                                                                                 \
    } while (0)

// `te_NAME_block2_ISA(in, out, n)` for TE_CHECKED_BLOCK's kernels: the kernel on in[0],
// in[2], ..., in[2 n - 2], for operands that do not overlap. The pairs are copied 256 at
// a time into a stack buffer (te_deinterleave) and the contiguous kernel runs from
// there. Run straight on in[2 i], the pre-scan read the strided operand on its own and
// the vectoriser left each block's last unrolled iteration (up to 64 of 512 float32
// elements) to narrow and scalar code: at 10^6 elements (AVX-512) exp float32 took 1.43
// times contiguous (1.19-1.28 this way), log float32 1.33 (1.17-1.25) and log float64
// 1.44 (1.26-1.29). (TE_SIMPLE_BLOCK's kernels, without a pre-scan, run straight on
// in[2 i]: through the buffer, arcsin and expm1 float32 measured slower.)
#define TE_BLOCK2_BUFFERED(NAME, T, ISA, ATTR)                                          \
    static ATTR void te_##NAME##_block2_##ISA(const T *in, T *out, intptr_t n) {        \
        _Alignas(64) char storage[256 * sizeof(T) + 4096];                              \
        while (n > 0) {                                                                 \
            intptr_t m = n < 256 ? n : 256;                                             \
            T *buffer = (T *)te_place_after(storage, out);                              \
            te_deinterleave_##T(buffer, in, m, m == n);                                 \
            te_##NAME##_block_##ISA(buffer, out, m);                                    \
            in += 2 * m;                                                                \
            out += m;                                                                   \
            n -= m;                                                                     \
        }                                                                               \
    }

// The plain contiguous kernel for a per-element function `CORE(T) -> T`.
#define TE_SIMPLE_BLOCK(NAME, T, CORE, ISA, ATTR)                                   \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {     \
        TE_APPLY(in, out, n, CORE(in[i]));                                          \
    }                                                                               \
    static ATTR void te_##NAME##_block2_##ISA(const T *in, T *out, intptr_t n) {    \
        TE_ASSUME_SAFETY for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[2 * i]); \
    }

// A contiguous kernel that checks each block of 512 once for special operands
// (`ORDINARY(x)` false for any element) and runs `CORE(x, 0)`, the kernel without its
// special-value selects, when there are none; `CORE(x, 1)` otherwise. The two must agree
// on ordinary operands. (Writing the lean results while checking, and recomputing a
// block with a special operand, measured no faster at AVX-512 and slower at AVX2.)
#define TE_CHECKED_BLOCK(NAME, T, CORE, ORDINARY, ISA, ATTR)                             \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {          \
        while (n > 0) {                                                                  \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                    \
            int special = 0;                                                             \
            for (intptr_t i = 0; i < m; i++) special |= !ORDINARY(in[i]);                \
            if (special) {                                                               \
                TE_APPLY(in, out, m, CORE(in[i], 1));                                    \
            } else {                                                                     \
                TE_APPLY(in, out, m, CORE(in[i], 0));                                    \
            }                                                                            \
            in += m;                                                                     \
            out += m;                                                                    \
            n -= m;                                                                      \
        }                                                                                \
    }                                                                                    \
    TE_BLOCK2_BUFFERED(NAME, T, ISA, ATTR)

#define TE_UNARY_CHECKED(NAME, T, CORE, ORDINARY)              \
    TE_EACH_ISA(TE_CHECKED_BLOCK, NAME, T, CORE, ORDINARY)     \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)

#define TE_UNARY(NAME, T, CORE)                     \
    TE_EACH_ISA(TE_SIMPLE_BLOCK, NAME, T, CORE)     \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)

// The plain contiguous kernel for a two-operand function `CORE(T, T) -> T`. The loop
// hands it only operands that are the same as the output or do not overlap it.
#define TE_BINARY_BLOCK(NAME, T, CORE, ISA, ATTR)                                              \
    static ATTR void te_##NAME##_block_##ISA(const T *a, const T *b, T *out, intptr_t n) {     \
        TE_ASSUME_SAFETY for (intptr_t i = 0; i < n; i++) out[i] = CORE(a[i], b[i]);           \
    }

#define TE_BINARY(NAME, T, CORE)                    \
    TE_EACH_ISA(TE_BINARY_BLOCK, NAME, T, CORE)     \
    TE_EACH_ISA(TE_BINARY_LOOP, NAME, T)

// e^y - 1 for |y| <= 90 in double, relative error about 1e-10: enough for float32
// results. y = n ln2 + r, |r| <= ln2/2; e^r - 1 = r + r^2 q(r) has no cancellation,
// and for n != 0, |y| > ln2/2 and 2^n (e^r - 1) + (2^n - 1) loses at most two bits.
TE_INLINE double te_expm1_f32_core(double y) {
    double kd = te_mla(y, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double r = te_mla(-n, TE_LN2_FULL_HI, y);
    r = te_mla(-n, TE_LN2_FULL_LO, r);
    double r2 = r * r, r4 = r2 * r2;
    double q01 = te_mla(TE_F32_EXPM1_C1, r, TE_F32_EXPM1_C0);
    double q23 = te_mla(TE_F32_EXPM1_C3, r, TE_F32_EXPM1_C2);
    double q45 = te_mla(TE_F32_EXPM1_C5, r, TE_F32_EXPM1_C4);
    double q = te_mla(te_mla(TE_F32_EXPM1_C6, r2, q45), r4, te_mla(q23, r2, q01));
    double small = te_mla(r2, q, r);
    double scale = te_double((te_bits(kd) + 1023) << 52);
    return n == 0 ? small : te_mla(scale, small, scale - 1.0);
}

// The reduction of exp's argument: x = n ln2 + r + dr with n = round(x / ln2), for
// |x| below about 745. n ln2_hi has 42 significant bits, so x - n ln2_hi is exact, and
// r + dr = x - n ln2 to about 2^-106 relative. kd = n + 1.5 * 2^52 holds n in its low
// bits.
typedef struct { double kd, n, r, dr; } te_exp_reduction;
TE_INLINE te_exp_reduction te_exp_reduce_f64(double x) {
    te_exp_reduction e;
    e.kd = te_mla(x, TE_INV_LN2, TE_ROUND_MAGIC);
    e.n = e.kd - TE_ROUND_MAGIC;
    double rh = te_mla(-e.n, TE_LN2_HI, x);
    double rl = -e.n * TE_LN2_LO;
    e.r = rh + rl;
    e.dr = (rh - e.r) + rl;
    return e;
}

// R(z) = 2 atanh(s)/s - 2 for z = s^2, |s| <= (sqrt2 - 1)/(sqrt2 + 1): the part of
// log(1 + f) = f - (h - s (h + R)) beyond the terms log and log1p add exactly.
TE_INLINE double te_log_f64_series(double z) {
    double z2 = z * z;
    double z4 = z2 * z2;
    double a1 = te_mla(TE_F64_LOG_C2, z, TE_F64_LOG_C1);
    double a3 = te_mla(TE_F64_LOG_C4, z, TE_F64_LOG_C3);
    double a5 = te_mla(TE_F64_LOG_C6, z, TE_F64_LOG_C5);
    double b1 = te_mla(a3, z2, a1);
    double b5 = te_mla(TE_F64_LOG_C7, z2, a5);
    return te_mla(b5, z4, b1) * z;
}

// 2 atanh(s) with s = f / (2 + f), which is log(1 + f) for the float32 kernels evaluated in
// double (1 + f in [sqrt(1/2), sqrt(2))): s times a minimax polynomial in s^2, accurate
// to far beyond float32, so that only the final conversion rounds visibly.
TE_INLINE double te_log_f32_series(double f) {
    double s = f / (2.0 + f);
    double z = s * s;
    double z2 = z * z;
    double p01 = te_mla(TE_F32_LOG_C1, z, TE_F32_LOG_C0);
    double p23 = te_mla(TE_F32_LOG_C3, z, TE_F32_LOG_C2);
    double p = te_mla(te_mla(TE_F32_LOG_C4, z2, p23), z2, p01);
    return s * p;
}

// e^r - 1 - r for |r| <= ln2/2 (a little more), float64 accuracy (Estrin's scheme): the
// part of e^r beyond the terms exp, tanh, power, sinh and expm1 add exactly.
TE_INLINE double te_exp_f64_tail(double r) {
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double a2 = te_mla(TE_F64_EXP_C3, r, TE_F64_EXP_C2);
    double a4 = te_mla(TE_F64_EXP_C5, r, TE_F64_EXP_C4);
    double a6 = te_mla(TE_F64_EXP_C7, r, TE_F64_EXP_C6);
    double a8 = te_mla(TE_F64_EXP_C9, r, TE_F64_EXP_C8);
    double a10 = te_mla(TE_F64_EXP_C11, r, TE_F64_EXP_C10);
    double a12 = te_mla(TE_F64_EXP_C13, r, TE_F64_EXP_C12);
    double b2 = te_mla(a4, r2, a2);
    double b6 = te_mla(a8, r2, a6);
    double b10 = te_mla(a12, r2, a10);
    double c2 = te_mla(b6, r4, b2);
    return te_mla(b10, r8, c2) * r2;
}

// e^r - 1 - r - r^2/2 = sum c_i r^i (i >= 3) of the same polynomial, for callers that
// add r^2/2 exactly.
TE_INLINE double te_exp_f64_tail3(double r) {
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double a3 = te_mla(TE_F64_EXP_C4, r, TE_F64_EXP_C3);
    double a5 = te_mla(TE_F64_EXP_C6, r, TE_F64_EXP_C5);
    double a7 = te_mla(TE_F64_EXP_C8, r, TE_F64_EXP_C7);
    double a9 = te_mla(TE_F64_EXP_C10, r, TE_F64_EXP_C9);
    double a11 = te_mla(TE_F64_EXP_C12, r, TE_F64_EXP_C11);
    double b3 = te_mla(a5, r2, a3);
    double b7 = te_mla(a9, r2, a7);
    double b11 = te_mla(TE_F64_EXP_C13, r2, a11);
    double c3 = te_mla(b7, r4, b3);
    return te_mla(b11, r8, c3) * (r2 * r);
}

#endif
