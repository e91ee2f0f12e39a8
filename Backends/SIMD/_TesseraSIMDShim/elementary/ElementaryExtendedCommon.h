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

#endif
