// Pieces shared by the second set of elementary kernels (expm1, log1p, arcsin, sinh,
// cbrt, hypot): their coefficients, helpers several of them use, and the loop template
// for two-operand functions.
#ifndef TESSERA_ELEMENTARY_EXTENDED_COMMON_H
#define TESSERA_ELEMENTARY_EXTENDED_COMMON_H

#include "ElementaryCommon.h"
#include "ElementaryCoefficientsExtended.h"

#define TE_SIGN_BIT 0x8000000000000000ULL

TE_INLINE double te_copysign(double magnitude, double sign) {
    return te_double((te_bits(magnitude) & ~TE_SIGN_BIT) | (te_bits(sign) & TE_SIGN_BIT));
}

// 2^n for an integer-valued double n in [-1022, 1023], through the bits of n + 1.5 * 2^52
// (no conversion instruction, which AVX2 lacks for 64-bit integers).
TE_INLINE double te_pow2(double n) {
    return te_double((te_bits(n + TE_ROUND_MAGIC) + 1023) << 52);
}

// e^y - 1 for |y| <= 90 in double, relative error about 1e-10: enough for float32
// results. y = n ln2 + r, |r| <= ln2/2; e^r - 1 = r + r^2 q(r) has no cancellation,
// and for n != 0, |y| > ln2/2 and 2^n (e^r - 1) + (2^n - 1) loses at most two bits.
TE_INLINE double te_expm1_f32_core(double y) {
    double kd = __builtin_fma(y, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double r = __builtin_fma(-n, TE_LN2_FULL_HI, y);
    r = __builtin_fma(-n, TE_LN2_FULL_LO, r);
    double r2 = r * r, r4 = r2 * r2;
    double q01 = __builtin_fma(TE_F32_EXPM1_C1, r, TE_F32_EXPM1_C0);
    double q23 = __builtin_fma(TE_F32_EXPM1_C3, r, TE_F32_EXPM1_C2);
    double q45 = __builtin_fma(TE_F32_EXPM1_C5, r, TE_F32_EXPM1_C4);
    double q = __builtin_fma(__builtin_fma(TE_F32_EXPM1_C6, r2, q45), r4, __builtin_fma(q23, r2, q01));
    double small = __builtin_fma(r2, q, r);
    double scale = te_double((te_bits(kd) + 1023) << 52);
    return n == 0 ? small : __builtin_fma(scale, small, scale - 1.0);
}

// e^r - 1 - r for |r| <= ln2/2 (a little more), float64 accuracy (Estrin's scheme).
TE_INLINE double te_exp_f64_tail(double r) {
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double a2 = __builtin_fma(TE_F64_EXP_C3, r, TE_F64_EXP_C2);
    double a4 = __builtin_fma(TE_F64_EXP_C5, r, TE_F64_EXP_C4);
    double a6 = __builtin_fma(TE_F64_EXP_C7, r, TE_F64_EXP_C6);
    double a8 = __builtin_fma(TE_F64_EXP_C9, r, TE_F64_EXP_C8);
    double a10 = __builtin_fma(TE_F64_EXP_C11, r, TE_F64_EXP_C10);
    double a12 = __builtin_fma(TE_F64_EXP_C13, r, TE_F64_EXP_C12);
    double b2 = __builtin_fma(a4, r2, a2);
    double b6 = __builtin_fma(a8, r2, a6);
    double b10 = __builtin_fma(a12, r2, a10);
    double c2 = __builtin_fma(b6, r4, b2);
    return __builtin_fma(b10, r8, c2) * r2;
}

// e^r - 1 - r - r^2/2 = sum c_i r^i (i >= 3) of the same polynomial, for callers that
// add r^2/2 exactly.
TE_INLINE double te_exp_f64_tail3(double r) {
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double a3 = __builtin_fma(TE_F64_EXP_C4, r, TE_F64_EXP_C3);
    double a5 = __builtin_fma(TE_F64_EXP_C6, r, TE_F64_EXP_C5);
    double a7 = __builtin_fma(TE_F64_EXP_C8, r, TE_F64_EXP_C7);
    double a9 = __builtin_fma(TE_F64_EXP_C10, r, TE_F64_EXP_C9);
    double a11 = __builtin_fma(TE_F64_EXP_C12, r, TE_F64_EXP_C11);
    double b3 = __builtin_fma(a5, r2, a3);
    double b7 = __builtin_fma(a9, r2, a7);
    double b11 = __builtin_fma(TE_F64_EXP_C13, r2, a11);
    double c3 = __builtin_fma(b7, r4, b3);
    return __builtin_fma(b11, r8, c3) * (r2 * r);
}

// A contiguous kernel `te_NAME_block_ISA(a, b, out, n)` for a two-operand function and
// the loop around it for any strides (a stride of 0, a broadcast operand, included):
// strided operands are gathered block by block into stack buffers.
#define TE_BINARY_BLOCK(NAME, T, CORE, ISA, ATTR)                                              \
    static ATTR void te_##NAME##_block_##ISA(const T *a, const T *b, T *out, intptr_t n) {     \
        if (TE_VECTOR_SAFE(a, out, n) && TE_VECTOR_SAFE(b, out, n)) {                          \
            TE_ASSUME_SAFETY for (intptr_t i = 0; i < n; i++) out[i] = CORE(a[i], b[i]);       \
        } else {                                                                               \
            for (intptr_t i = 0; i < n; i++) out[i] = CORE(a[i], b[i]);                        \
        }                                                                                      \
    }

#define TE_BINARY_LOOP(NAME, T, ISA, ATTR)                                                     \
    ATTR void tessera_simd_##NAME##_##ISA(void *const *args, intptr_t n, const intptr_t *steps, \
                                          void *data) {                                        \
        (void)data;                                                                            \
        const char *ap = (const char *)args[0], *bp = (const char *)args[1];                   \
        char *op = (char *)args[2];                                                            \
        const intptr_t size = (intptr_t)sizeof(T), as = steps[0], bs = steps[1], os = steps[2]; \
        if (as == size && bs == size && os == size) {                                          \
            te_##NAME##_block_##ISA((const T *)ap, (const T *)bp, (T *)op, n);                 \
            return;                                                                            \
        }                                                                                      \
        T a_buffer[TE_BLOCK], b_buffer[TE_BLOCK], out_buffer[TE_BLOCK];                        \
        while (n > 0) {                                                                        \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                          \
            const T *a = (const T *)ap, *b = (const T *)bp;                                    \
            if (as != size) {                                                                  \
                for (intptr_t i = 0; i < m; i++) memcpy(&a_buffer[i], ap + i * as, sizeof(T)); \
                a = a_buffer;                                                                  \
            }                                                                                  \
            if (bs != size) {                                                                  \
                for (intptr_t i = 0; i < m; i++) memcpy(&b_buffer[i], bp + i * bs, sizeof(T)); \
                b = b_buffer;                                                                  \
            }                                                                                  \
            if (os == size) {                                                                  \
                te_##NAME##_block_##ISA(a, b, (T *)op, m);                                     \
            } else {                                                                           \
                te_##NAME##_block_##ISA(a, b, out_buffer, m);                                  \
                for (intptr_t i = 0; i < m; i++) memcpy(op + i * os, &out_buffer[i], sizeof(T)); \
            }                                                                                  \
            ap += m * as;                                                                      \
            bp += m * bs;                                                                      \
            op += m * os;                                                                      \
            n -= m;                                                                            \
        }                                                                                      \
    }

#define TE_BINARY(NAME, T, CORE)                           \
    TE_BINARY_BLOCK(NAME, T, CORE, avx2, TE_TARGET_AVX2)     \
    TE_BINARY_BLOCK(NAME, T, CORE, avx512, TE_TARGET_AVX512) \
    TE_BINARY_LOOP(NAME, T, avx2, TE_TARGET_AVX2)            \
    TE_BINARY_LOOP(NAME, T, avx512, TE_TARGET_AVX512)

#endif
