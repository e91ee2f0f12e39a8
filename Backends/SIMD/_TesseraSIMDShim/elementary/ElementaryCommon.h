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
// handles any strides: a strided input is gathered block by block into a stack buffer
// (stride 2 with a loop the compiler turns into vector loads and shuffles), the kernel
// writes straight into a contiguous output or into a second buffer that is scattered.
#define TE_STRIDED_LOOP(NAME, T, ISA, ATTR)                                                   \
    ATTR void tessera_simd_##NAME##_##ISA(void *const *args, intptr_t n, const intptr_t *steps, \
                                          void *data) {                                        \
        (void)data;                                                                            \
        const char *ip = (const char *)args[0];                                                \
        char *op = (char *)args[1];                                                            \
        const intptr_t size = (intptr_t)sizeof(T), is = steps[0], os = steps[1];               \
        if (is == size && os == size) {                                                        \
            te_##NAME##_block_##ISA((const T *)ip, (T *)op, n);                                \
            return;                                                                            \
        }                                                                                      \
        /* One array, the output buffer first and the input 64 bytes past its end: a store    \
           to out_buffer[i] then shares its address modulo 4 KiB only with inputs already     \
           read. (Input 4 KiB before output made each store falsely hold up the loads of     \
           the next iterations: 4K aliasing.) */                                              \
        T buffers[2 * TE_BLOCK + 64 / sizeof(T)];                                              \
        T *out_buffer = buffers, *in_buffer = buffers + TE_BLOCK + 64 / sizeof(T);             \
        while (n > 0) {                                                                        \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                          \
            const T *src = (const T *)ip;                                                      \
            if (is == 2 * size) {                                                              \
                for (intptr_t i = 0; i < m; i++) in_buffer[i] = src[2 * i];                    \
                src = in_buffer;                                                               \
            } else if (is != size) {                                                           \
                for (intptr_t i = 0; i < m; i++) memcpy(&in_buffer[i], ip + i * is, sizeof(T)); \
                src = in_buffer;                                                               \
            }                                                                                  \
            if (os == size) {                                                                  \
                te_##NAME##_block_##ISA(src, (T *)op, m);                                      \
            } else {                                                                           \
                te_##NAME##_block_##ISA(src, out_buffer, m);                                   \
                if (os == 2 * size) {                                                          \
                    T *dst = (T *)op;                                                          \
                    for (intptr_t i = 0; i < m; i++) dst[2 * i] = out_buffer[i];               \
                } else {                                                                       \
                    for (intptr_t i = 0; i < m; i++) memcpy(op + i * os, &out_buffer[i], sizeof(T)); \
                }                                                                              \
            }                                                                                  \
            ip += m * is;                                                                      \
            op += m * os;                                                                      \
            n -= m;                                                                            \
        }                                                                                      \
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

// The plain contiguous kernel for a per-element function `CORE(T) -> T`.
#define TE_SIMPLE_BLOCK(NAME, T, CORE, ISA, ATTR)                                   \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {     \
        TE_APPLY(in, out, n, CORE(in[i]));                                          \
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
    }

#define TE_UNARY_CHECKED(NAME, T, CORE, ORDINARY)                         \
    TE_CHECKED_BLOCK(NAME, T, CORE, ORDINARY, avx2, TE_TARGET_AVX2)       \
    TE_CHECKED_BLOCK(NAME, T, CORE, ORDINARY, avx512, TE_TARGET_AVX512)   \
    TE_STRIDED_LOOP(NAME, T, avx2, TE_TARGET_AVX2)                        \
    TE_STRIDED_LOOP(NAME, T, avx512, TE_TARGET_AVX512)

#define TE_UNARY(NAME, T, CORE)                        \
    TE_SIMPLE_BLOCK(NAME, T, CORE, avx2, TE_TARGET_AVX2)   \
    TE_SIMPLE_BLOCK(NAME, T, CORE, avx512, TE_TARGET_AVX512) \
    TE_STRIDED_LOOP(NAME, T, avx2, TE_TARGET_AVX2)         \
    TE_STRIDED_LOOP(NAME, T, avx512, TE_TARGET_AVX512)

#endif
