// Pieces shared by the second set of elementary kernels (expm1, log1p, arcsin, sinh,
// cbrt, hypot): their coefficients and helpers several of them use.
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

#endif
