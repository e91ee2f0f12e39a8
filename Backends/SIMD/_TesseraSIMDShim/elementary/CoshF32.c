// cosh for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// cosh a = E + W with SinhCoshF32Core.h's parts (a = |x|). E's and W's high parts,
// 2^(n-1) T and 2^(-n-1) U, are exact (E's >= W's, as n >= 0); their sum is taken by a
// fast two-sum, so that besides the last addition only the small parts (T p, U p, the
// tables' low halves: a few percent of the result) round, once, at the result's scale.
// Both terms are positive: nothing cancels. Beyond the overflow threshold E overflows to
// inf, as at a = inf.
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits. (SSE2 keeps Cosh.c's evaluation in double.)
#include "SinhCoshF32Core.h"

// ---- AVX-512 ----

static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_cosh_f32_v16(__m512 x, const te_sinhcosh_tables16 *T) {
    // min returns its second operand, NaN, when either is
    const te_sinhcosh_parts16 P = te_sinhcosh_parts16_of(_mm512_min_ps(C16(89.5f), _mm512_abs_ps(x)), T);
    __m512 s = _mm512_add_ps(P.e, P.w);
    __m512 es = _mm512_add_ps(_mm512_sub_ps(P.e, s), P.w); // e + w = s + es exactly
    __m512 small_parts = _mm512_fmadd_ps(P.se, P.tlo, _mm512_fmadd_ps(P.sw, P.fw, es));
    return _mm512_add_ps(s, _mm512_fmadd_ps(P.e, P.p, small_parts));
}

#define TE_COSH_V16(v) te_cosh_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(cosh_f32, const te_sinhcosh_tables16 T = te_sinhcosh_load16();, TE_COSH_V16)

// ---- AVX2: the same operations on eight lanes ----

static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_cosh_f32_v8(__m256 x, const te_sinhcosh_tables8 *T) {
    __m256 a = _mm256_andnot_ps(_mm256_castsi256_ps(I8((int)0x80000000u)), x);
    const te_sinhcosh_parts8 P = te_sinhcosh_parts8_of(_mm256_min_ps(C8(89.5f), a), T);
    __m256 s = _mm256_add_ps(P.e, P.w);
    __m256 es = _mm256_add_ps(_mm256_sub_ps(P.e, s), P.w);
    __m256 small_parts = _mm256_fmadd_ps(P.se, P.tlo, _mm256_fmadd_ps(P.sw, P.fw, es));
    return _mm256_add_ps(s, _mm256_fmadd_ps(P.e, P.p, small_parts));
}

#define TE_COSH_V8(v) te_cosh_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(cosh_f32, const te_sinhcosh_tables8 T = te_sinhcosh_load8();, TE_COSH_V8)

TE_STRIDED_LOOP(cosh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(cosh_f32, float, avx512, TE_TARGET_AVX512)
