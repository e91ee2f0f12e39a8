// Pieces shared by the second set of elementary kernels (expm1, log1p, arcsin, sinh,
// cbrt, hypot): their coefficients and helpers several of them use; and the loops with
// several vectors in flight, which log, tanh, arctan, sin and cos use too.
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

// TE_UNARY with two vectors in flight per iteration of the vectorised loop (interleave
// count 2), for kernels whose one long dependency chain leaves the out-of-order window
// short of independent work: the results are the same, element by element.
#define TE_INTERLEAVE_2 _Pragma("clang loop vectorize(assume_safety) interleave_count(2)")
#define TE_SIMPLE_BLOCK_2(NAME, T, CORE, ISA, ATTR)                                     \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {          \
        if (TE_VECTOR_SAFE(in, out, n)) {                                                \
            TE_INTERLEAVE_2 for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[i]);       \
        } else {                                                                         \
            for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[i]);                       \
        }                                                                                \
    }                                                                                    \
    static ATTR void te_##NAME##_block2_##ISA(const T *in, T *out, intptr_t n) {         \
        TE_INTERLEAVE_2 for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[2 * i]);       \
    }
#define TE_UNARY_INTERLEAVED(NAME, T, CORE)            \
    TE_EACH_ISA(TE_SIMPLE_BLOCK_2, NAME, T, CORE)      \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)
// The same at SSE2 and AVX2 only: kernels whose AVX-512 loop measured 1-3% slower with
// it (log1p, float64 sinh) while the narrower ones gained 5-10%.
#define TE_SIMPLE_BLOCK_2_NARROW(NAME, T, CORE, ISA, ATTR) TE_SIMPLE_BLOCK_2_NARROW_##ISA(NAME, T, CORE, ISA, ATTR)
#define TE_SIMPLE_BLOCK_2_NARROW_sse2 TE_SIMPLE_BLOCK_2
#define TE_SIMPLE_BLOCK_2_NARROW_avx2 TE_SIMPLE_BLOCK_2
#define TE_SIMPLE_BLOCK_2_NARROW_avx512 TE_SIMPLE_BLOCK
#define TE_UNARY_INTERLEAVED_NARROW(NAME, T, CORE)         \
    TE_EACH_ISA(TE_SIMPLE_BLOCK_2_NARROW, NAME, T, CORE)   \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)

// The interleave count chosen per instruction set: `TE_UNARY_INTERLEAVED_BY(NAME, T, CORE,
// N_SSE2, N_AVX2, N_AVX512)` and its TE_UNARY_CHECKED counterpart, each N 1, 2 or 4
// (1: the plain TE_SIMPLE_BLOCK / TE_CHECKED_BLOCK loop, the compiler's own choice). What
// pays depends on the kernel and the width: the narrower loops have registers to spare
// for more vectors in flight, while at AVX-512 the wider kernels spill.
#define TE_INTERLEAVE_N(N) _Pragma(TE_PRAGMA_TEXT(clang loop vectorize(assume_safety) interleave_count(N)))
#define TE_PRAGMA_TEXT(...) #__VA_ARGS__
#define TE_PASTE(a, b) TE_PASTE_(a, b)
#define TE_PASTE_(a, b) a##b
#define TE_PICK_sse2(s, a, b) s
#define TE_PICK_avx2(s, a, b) a
#define TE_PICK_avx512(s, a, b) b

#define TE_SIMPLE_BLOCK_N(NAME, T, CORE, N, ISA, ATTR)                                   \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {          \
        if (TE_VECTOR_SAFE(in, out, n)) {                                                \
            TE_INTERLEAVE_N(N) for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[i]);    \
        } else {                                                                         \
            for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[i]);                       \
        }                                                                                \
    }                                                                                    \
    static ATTR void te_##NAME##_block2_##ISA(const T *in, T *out, intptr_t n) {         \
        TE_INTERLEAVE_N(N) for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[2 * i]);    \
    }
#define TE_SIMPLE_BLOCK_BY_1(NAME, T, CORE, ISA, ATTR) TE_SIMPLE_BLOCK(NAME, T, CORE, ISA, ATTR)
#define TE_SIMPLE_BLOCK_BY_2(NAME, T, CORE, ISA, ATTR) TE_SIMPLE_BLOCK_N(NAME, T, CORE, 2, ISA, ATTR)
#define TE_SIMPLE_BLOCK_BY_4(NAME, T, CORE, ISA, ATTR) TE_SIMPLE_BLOCK_N(NAME, T, CORE, 4, ISA, ATTR)
#define TE_SIMPLE_BLOCK_BY(NAME, T, CORE, NS, NA, NB, ISA, ATTR) \
    TE_PASTE(TE_SIMPLE_BLOCK_BY_, TE_PICK_##ISA(NS, NA, NB))(NAME, T, CORE, ISA, ATTR)
#define TE_UNARY_INTERLEAVED_BY(NAME, T, CORE, N_SSE2, N_AVX2, N_AVX512)         \
    TE_EACH_ISA(TE_SIMPLE_BLOCK_BY, NAME, T, CORE, N_SSE2, N_AVX2, N_AVX512)    \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)

// TE_CHECKED_BLOCK with N vectors in flight in both vectorised loops (the lean one and
// the full one); the pre-scan is as there.
#define TE_CHECKED_BLOCK_N(NAME, T, CORE, ORDINARY, N, ISA, ATTR)                         \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {            \
        while (n > 0) {                                                                    \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                      \
            int special = 0;                                                               \
            for (intptr_t i = 0; i < m; i++) special |= !ORDINARY(in[i]);                  \
            if (!TE_VECTOR_SAFE(in, out, m)) {                                             \
                for (intptr_t i = 0; i < m; i++) out[i] = CORE(in[i], 1);                  \
            } else if (special) {                                                          \
                TE_INTERLEAVE_N(N) for (intptr_t i = 0; i < m; i++) out[i] = CORE(in[i], 1); \
            } else {                                                                       \
                TE_INTERLEAVE_N(N) for (intptr_t i = 0; i < m; i++) out[i] = CORE(in[i], 0); \
            }                                                                              \
            in += m;                                                                       \
            out += m;                                                                      \
            n -= m;                                                                        \
        }                                                                                  \
    }                                                                                      \
    TE_BLOCK2_BUFFERED(NAME, T, ISA, ATTR)
#define TE_CHECKED_BLOCK_BY_1(NAME, T, CORE, ORDINARY, ISA, ATTR) TE_CHECKED_BLOCK(NAME, T, CORE, ORDINARY, ISA, ATTR)
#define TE_CHECKED_BLOCK_BY_2(NAME, T, CORE, ORDINARY, ISA, ATTR) TE_CHECKED_BLOCK_N(NAME, T, CORE, ORDINARY, 2, ISA, ATTR)
#define TE_CHECKED_BLOCK_BY_4(NAME, T, CORE, ORDINARY, ISA, ATTR) TE_CHECKED_BLOCK_N(NAME, T, CORE, ORDINARY, 4, ISA, ATTR)
#define TE_CHECKED_BLOCK_BY(NAME, T, CORE, ORDINARY, NS, NA, NB, ISA, ATTR) \
    TE_PASTE(TE_CHECKED_BLOCK_BY_, TE_PICK_##ISA(NS, NA, NB))(NAME, T, CORE, ORDINARY, ISA, ATTR)
#define TE_UNARY_CHECKED_INTERLEAVED_BY(NAME, T, CORE, ORDINARY, N_SSE2, N_AVX2, N_AVX512)   \
    TE_EACH_ISA(TE_CHECKED_BLOCK_BY, NAME, T, CORE, ORDINARY, N_SSE2, N_AVX2, N_AVX512)     \
    TE_EACH_ISA(TE_STRIDED_LOOP_2, NAME, T)

#endif
