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
#include <string.h>
#include "ElementaryCoefficients.h"

#define TE_INLINE static inline __attribute__((always_inline))

TE_INLINE uint64_t te_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
TE_INLINE double te_double(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }
TE_INLINE uint32_t te_bits32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }

// Adding 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer, which then
// sits in the low mantissa bits; subtracting it back gives the integer as a double.
// Unlike a conversion instruction this is defined for NaN (which stays NaN).
#define TE_ROUND_MAGIC 0x1.8p52

// A block of a strided operand is gathered into a stack buffer, computed contiguously
// and scattered back.
#define TE_BLOCK 512

#define TE_TARGET_AVX2 __attribute__((target("avx2,fma")))
#define TE_TARGET_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")))

// The inner-loop convention: (args, count, steps, data) as NumPy's ufunc loops.
typedef void (*te_loop_fn)(void *const *args, intptr_t count, const intptr_t *steps, void *data);

// A contiguous kernel `te_NAME_block_ISA(in, out, n)` plus the loop around it that
// handles any strides.
#define TE_STRIDED_LOOP(NAME, T, ISA, ATTR)                                                   \
    ATTR void tessera_simd_##NAME##_##ISA(void *const *args, intptr_t n, const intptr_t *steps, \
                                          void *data) {                                        \
        (void)data;                                                                            \
        const char *ip = (const char *)args[0];                                                \
        char *op = (char *)args[1];                                                            \
        intptr_t is = steps[0], os = steps[1];                                                 \
        if (is == (intptr_t)sizeof(T) && os == (intptr_t)sizeof(T)) {                         \
            te_##NAME##_block_##ISA((const T *)ip, (T *)op, n);                                \
            return;                                                                            \
        }                                                                                      \
        T buffer[TE_BLOCK];                                                                    \
        while (n > 0) {                                                                        \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                          \
            for (intptr_t i = 0; i < m; i++) memcpy(&buffer[i], ip + i * is, sizeof(T));       \
            te_##NAME##_block_##ISA(buffer, buffer, m);                                        \
            for (intptr_t i = 0; i < m; i++) memcpy(op + i * os, &buffer[i], sizeof(T));       \
            ip += m * is;                                                                      \
            op += m * os;                                                                      \
            n -= m;                                                                            \
        }                                                                                      \
    }

// The plain contiguous kernel for a per-element function `CORE(T) -> T`.
#define TE_SIMPLE_BLOCK(NAME, T, CORE, ISA, ATTR)                                   \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {     \
        for (intptr_t i = 0; i < n; i++) out[i] = CORE(in[i]);                     \
    }

#define TE_UNARY(NAME, T, CORE)                        \
    TE_SIMPLE_BLOCK(NAME, T, CORE, avx2, TE_TARGET_AVX2)   \
    TE_SIMPLE_BLOCK(NAME, T, CORE, avx512, TE_TARGET_AVX512) \
    TE_STRIDED_LOOP(NAME, T, avx2, TE_TARGET_AVX2)         \
    TE_STRIDED_LOOP(NAME, T, avx512, TE_TARGET_AVX512)

#endif
