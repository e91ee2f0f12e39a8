// log1p for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// u = 1 + x rounded, and c its rounding error, exactly: min(x, 1) - (u - max(x, 1)).
// u = 2^k z, z in [0.6992, 1.3984) from the bits; bits 19..22 of bits(u) - bits(0.6992)
// pick one of 16 subintervals of z, whose invc (1/c with 5 significant bits) and
// logc = -log(invc) (logc_hi, a multiple of 2^-17, plus logc_lo) are read by one permute
// each (AVX-512; two and a blend at AVX2). Then
//   log(1 + x) = k ln2 + logc + log(1 + r + e),  r = z invc - 1,  e = c 2^-k invc,
// where r is exact (one fused multiply-add: z invc has at most 29 significant bits and
// |r| < 1/16) and |e| < 2^-23, so log(1 + r + e) = log(1 + r) + e (1 - r + r^2) to far
// below the result's ULP. log(1 + r) = r - r^2/2 + r^3 P(r), P of degree 3
// (fit_log1p_f32.py: relative error 2^-34 for |r| <= 0.044), with -r^2/2 added last by
// a fused multiply-add of the exact -r/2 and r (through a rounded r^2 it measured 0.53
// ULP; with that and e (1 - r), 0.60). B = k ln2_hi + logc_hi is exact (multiples of
// 2^-17 below 2^7), S = B + r is split exactly into S + Se (|B| > |r| whenever B is not
// 0), and everything else, at most 5% of the result, is summed into one small term
// added last: only that addition rounds at the result's scale (0.5185 ULP measured over
// all inputs, at x = 0.02384, where the result is smallest against its tail). In the
// subinterval that holds 1 (invc = 1, logc = 0, k = 0) r is x itself and e = 0, so
// results near 0 keep their relative accuracy (with r = u - 1 and e = c there, 0.75 ULP
// at x = 2^-24). For k >= 120 e is left out (invc 2^-k would not be normal): it is below
// 2^-24 there, against a result above 83.
//
// Special operands (x <= -1, +inf, NaN, -0) are found per vector (AVX-512: by the class
// of u and of x; AVX2: by compares); a vector holding one takes NumPy's values in those
// lanes (-inf at -1, NaN below -1 and for NaN, inf at inf, -0 at -0) and keeps the
// kernel's in the others, so blocks with and without special operands agree bit for bit
// on ordinary ones.
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits. (SSE2 evaluates in double: Log1p.c.)
#include "Log1pF32Core.h"

// ---- AVX-512 ----

TE_AVX512_INLINE __m512 te_log1p_f32_v16(__m512 x, const te_log1pf_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 u = _mm512_add_ps(x, one);
    __m512 c = _mm512_sub_ps(_mm512_min_ps(x, one), _mm512_sub_ps(u, _mm512_max_ps(x, one)));
    const te_log1pf_reduced16 R = te_log1pf_reduce16(_mm512_castps_si512(u), T);
    __mmask16 scaled = _mm512_mask_cmplt_epi32_mask((__mmask16)~R.central, R.tmp, _mm512_set1_epi32(120 << 23));
    __m512 r = _mm512_mask_mov_ps(_mm512_fmsub_ps(R.z, R.invc, one), R.central, x);
    // invc 2^-k from the bits (normal for -24 <= k < 120).
    __m512 scale = _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(R.invc), R.kbits));
    __m512 e = _mm512_maskz_mul_ps(scaled, c, scale);
    __m512 y = te_log1pf_sum16(r, e, R.kf, R.logc_hi, R.logc_lo);
    // Special: x <= -1, +inf or NaN (u zero, negative, infinite or NaN: 0xdf, every class
    // but subnormal), or x = -0.
    __mmask16 special = _mm512_fpclass_ps_mask(u, 0xdf) | _mm512_fpclass_ps_mask(x, 0x04);
    if (__builtin_expect(special != 0, 0)) {
        // x + x: inf, NaN (quieted) and -0 themselves; then NaN below -1, -inf at -1.
        __m512 s = _mm512_add_ps(x, x);
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x, _mm512_set1_ps(-1.0f), _CMP_LT_OQ), _mm512_set1_ps(__builtin_nanf("")));
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x, _mm512_set1_ps(-1.0f), _CMP_EQ_OQ), _mm512_set1_ps(-__builtin_inff()));
        y = _mm512_mask_mov_ps(y, special, s);
    }
    return y;
}

#define TE_LOG1P_V16(v) te_log1p_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(log1p_f32, const te_log1pf_tables16 T = te_log1pf_load16();, TE_LOG1P_V16)

// ---- AVX2 ----

TE_AVX2_INLINE __m256 te_log1p_f32_v8(__m256 x, const te_log1pf_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 u = _mm256_add_ps(x, one);
    __m256 c = _mm256_sub_ps(_mm256_min_ps(x, one), _mm256_sub_ps(u, _mm256_max_ps(x, one)));
    const te_log1pf_reduced8 R = te_log1pf_reduce8(_mm256_castps_si256(u), T);
    __m256 scaled = _mm256_andnot_ps(R.central, _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(120 << 23), R.tmp)));
    __m256 r = _mm256_blendv_ps(_mm256_fmsub_ps(R.z, R.invc, one), x, R.central);
    __m256 scale = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(R.invc), R.kbits));
    __m256 e = _mm256_and_ps(_mm256_mul_ps(c, scale), scaled);
    __m256 y = te_log1pf_sum8(r, e, R.kf, R.logc_hi, R.logc_lo);
    __m256 ordinary = _mm256_and_ps(_mm256_cmp_ps(x, _mm256_set1_ps(-1.0f), _CMP_GT_OQ),
                                    _mm256_cmp_ps(x, _mm256_set1_ps(__builtin_inff()), _CMP_LT_OQ));
    ordinary = _mm256_andnot_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_castps_si256(x), _mm256_set1_epi32((int)0x80000000u))), ordinary);
    if (__builtin_expect(_mm256_movemask_ps(ordinary) != 0xff, 0)) {
        __m256 s = _mm256_add_ps(x, x);
        s = _mm256_blendv_ps(s, _mm256_set1_ps(__builtin_nanf("")), _mm256_cmp_ps(x, _mm256_set1_ps(-1.0f), _CMP_LT_OQ));
        s = _mm256_blendv_ps(s, _mm256_set1_ps(-__builtin_inff()), _mm256_cmp_ps(x, _mm256_set1_ps(-1.0f), _CMP_EQ_OQ));
        y = _mm256_blendv_ps(s, y, ordinary);
    }
    return y;
}

#define TE_LOG1P_V8(v) te_log1p_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(log1p_f32, const te_log1pf_tables8 T = te_log1pf_load8();, TE_LOG1P_V8)

TE_STRIDED_LOOP(log1p_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(log1p_f32, float, avx512, TE_TARGET_AVX512)
