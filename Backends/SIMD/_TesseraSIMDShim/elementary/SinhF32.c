// sinh for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// a = |x|, the sign of x put back at the end (sinh(-0) = -0).
//
// a >= 1/2: sinh a = E - W with SinhCoshF32Core.h's parts. E's and W's high parts,
// 2^(n-1) T and 2^(-n-1) U, are exact; their difference is taken by a fast two-sum, so
// that besides the last addition only the small parts (T p, the tables' low halves: a
// few percent of E) round, once, at the result's scale. E/W >= 2.7 from a = 1/2 on, so
// the subtraction magnifies those small errors at most 1.6 times.
//
// a < 1/2: sinh a = a + a^3 P(a^2), the a^3 P term at most 4.3% of the result.
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits. (SSE2 keeps Sinh.c's evaluation in double.)
#include "SinhCoshF32Core.h"

// ---- AVX-512 ----

static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_sinh_f32_v16(__m512 x, const te_sinhcosh_tables16 *T) {
    __m512 a = _mm512_abs_ps(x);
    const te_sinhcosh_parts16 P = te_sinhcosh_parts16_of(_mm512_min_ps(C16(89.5f), a), T);
    __m512 s = _mm512_sub_ps(P.e, P.w);
    __m512 es = _mm512_sub_ps(_mm512_sub_ps(P.e, s), P.w); // e - w = s + es exactly
    __m512 small_parts = _mm512_fmadd_ps(P.se, P.tlo, _mm512_fnmadd_ps(P.sw, P.fw, es));
    __m512 big = _mm512_add_ps(s, _mm512_fmadd_ps(P.e, P.p, small_parts));
    __m512 z = _mm512_mul_ps(a, a);
    __m512 Q = _mm512_fmadd_ps(_mm512_fmadd_ps(C16(TE_F32_SINH_SMALL2), z, C16(TE_F32_SINH_SMALL1)), z, C16(TE_F32_SINH_SMALL0));
    __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(a, z), Q, a);
    __m512 y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, C16(0.5f), _CMP_LT_OQ), big, small);
    // y | (x & sign)
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(y), _mm512_castps_si512(x), I16((int)0x80000000u), 0xf8));
}

#define TE_SINH_V16(v) te_sinh_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(sinh_f32, const te_sinhcosh_tables16 T = te_sinhcosh_load16();, TE_SINH_V16)

// ---- AVX2: the same operations on eight lanes ----

static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_sinh_f32_v8(__m256 x, const te_sinhcosh_tables8 *T) {
    const __m256 sign = _mm256_castsi256_ps(I8((int)0x80000000u));
    __m256 a = _mm256_andnot_ps(sign, x);
    const te_sinhcosh_parts8 P = te_sinhcosh_parts8_of(_mm256_min_ps(C8(89.5f), a), T);
    __m256 s = _mm256_sub_ps(P.e, P.w);
    __m256 es = _mm256_sub_ps(_mm256_sub_ps(P.e, s), P.w);
    __m256 small_parts = _mm256_fmadd_ps(P.se, P.tlo, _mm256_fnmadd_ps(P.sw, P.fw, es));
    __m256 big = _mm256_add_ps(s, _mm256_fmadd_ps(P.e, P.p, small_parts));
    __m256 z = _mm256_mul_ps(a, a);
    __m256 Q = _mm256_fmadd_ps(_mm256_fmadd_ps(C8(TE_F32_SINH_SMALL2), z, C8(TE_F32_SINH_SMALL1)), z, C8(TE_F32_SINH_SMALL0));
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(a, z), Q, a);
    __m256 y = _mm256_blendv_ps(big, small, _mm256_cmp_ps(a, C8(0.5f), _CMP_LT_OQ));
    return _mm256_or_ps(y, _mm256_and_ps(x, sign));
}

#define TE_SINH_V8(v) te_sinh_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(sinh_f32, const te_sinhcosh_tables8 T = te_sinhcosh_load8();, TE_SINH_V8)

TE_STRIDED_LOOP(sinh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(sinh_f32, float, avx512, TE_TARGET_AVX512)
