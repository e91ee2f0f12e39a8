// expm1 for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// x = n ln2 + rh + rl with n = round(x / ln2): rh = x - n LN2_HI is exact (one fused
// multiply-add; n LN2_HI has at most 32 bits and the difference is a multiple of x's or
// LN2_HI's last bit below 1/2), rl = -n LN2_LO at most 2.4e-7. With S = 2^(n-1),
//   expm1(x) / 2 = (S - 1/2) + S rh + S rh^2/2 + S (rh^3/2) Q(rh) + S rl e^rh,
// Q from fit_expm1_f32.py. The three large terms are exact floats or carry their error:
// A = S - 1/2 (exact for n <= 24; beyond, rounded to S, eA = -1/2), S rh (exact, inside
// a fused multiply-add), S rh^2/2 = S/2 (r2 + r2l) with r2l the rounding error of rh^2;
// they are summed by two fast two-sums (|A| >= |S rh| and the partial sum >= S r2/2 for
// every n), so that only the small terms (at most 3.5% of the result) and the last
// addition round at the result's scale. The sum is doubled at the end (exact), so that
// n = 128, x just below the overflow threshold, needs no 2^128.
//
// x is clamped to [-17.5, 88.8] (beyond, the result is -1 or inf) and n at -24, where
// S - 1/2 is still exact: for x in [-17.5, -16.6] the result is -1 + 2^-24 or -1,
// decided by e^rh against 1/2 with rh in [-0.87, -0.35], where Q's error (1e-4) is far
// below the margin. |x| < 2^-125 returns x (expm1 rounds to x there; S rh = x/2 would
// lose a subnormal's last bit), which keeps -0. NaN propagates through the clamps (min
// and max return their second operand, x, for NaN).
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits. (SSE2 keeps Expm1.c's evaluation in
// double.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "Expm1F32Coefficients.h"

#define TE_EXPM1_MAGIC 0x1.8p23f // adding it rounds a float below 2^22 to an integer

// ---- AVX-512 ----

#define C16(v) _mm512_set1_ps(v)
static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_expm1_f32_v16(__m512 x) {
    __m512 xc = _mm512_max_ps(C16(-17.5f), _mm512_min_ps(C16(88.8f), x));
    __m512 kd = _mm512_fmadd_ps(xc, C16(TE_F32_EXPM1_INV_LN2), C16(TE_EXPM1_MAGIC));
    kd = _mm512_max_ps(C16(TE_EXPM1_MAGIC - 24.0f), kd);
    __m512 n = _mm512_sub_ps(kd, C16(TE_EXPM1_MAGIC));
    __m512 rh = _mm512_fnmadd_ps(n, C16(TE_F32_EXPM1_LN2_HI), xc);
    __m512 rl = _mm512_mul_ps(n, C16(-TE_F32_EXPM1_LN2_LO));
    // n sits in kd's low bits: shifted to the exponent field, the magic's bits fall off.
    __m512i sbits = _mm512_add_epi32(_mm512_slli_epi32(_mm512_castps_si512(kd), 23), _mm512_set1_epi32(126 << 23));
    __m512 s = _mm512_castsi512_ps(sbits);                                                  // 2^(n-1)
    __m512 sh = _mm512_castsi512_ps(_mm512_sub_epi32(sbits, _mm512_set1_epi32(1 << 23)));  // 2^(n-2)
    __m512 a = _mm512_sub_ps(s, C16(0.5f));
    __m512 ea = _mm512_sub_ps(_mm512_sub_ps(s, a), C16(0.5f));
    __m512 s1 = _mm512_fmadd_ps(s, rh, a);
    __m512 e1 = _mm512_fmadd_ps(s, rh, _mm512_sub_ps(a, s1));
    __m512 r2 = _mm512_mul_ps(rh, rh);
    __m512 r2l = _mm512_fmsub_ps(rh, rh, r2);
    __m512 s2 = _mm512_fmadd_ps(sh, r2, s1);
    __m512 e2 = _mm512_fmadd_ps(sh, r2, _mm512_sub_ps(s1, s2));
    __m512 q = _mm512_fmadd_ps(C16(TE_F32_EXPM1_Q4), rh, C16(TE_F32_EXPM1_Q3));
    q = _mm512_fmadd_ps(q, rh, C16(TE_F32_EXPM1_Q2));
    q = _mm512_fmadd_ps(q, rh, C16(TE_F32_EXPM1_Q1));
    q = _mm512_fmadd_ps(q, rh, C16(TE_F32_EXPM1_Q0));
    __m512 d = _mm512_fmadd_ps(_mm512_mul_ps(r2, rh), q, r2l);
    __m512 lo = _mm512_fmadd_ps(sh, d, _mm512_add_ps(_mm512_add_ps(e1, e2), ea));
    lo = _mm512_fmadd_ps(rl, _mm512_add_ps(s2, C16(0.5f)), lo); // S rl e^rh
    __m512 y = _mm512_add_ps(s2, lo);
    __mmask16 big = _mm512_cmp_ps_mask(_mm512_abs_ps(x), C16(0x1p-125f), _CMP_NLT_UQ);
    return _mm512_mask_add_ps(x, big, y, y);
}

TE_F32_BLOCK_AVX512(expm1_f32, , te_expm1_f32_v16)

// ---- AVX2: the same operations on eight lanes ----

#define C8(v) _mm256_set1_ps(v)
static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_expm1_f32_v8(__m256 x) {
    __m256 xc = _mm256_max_ps(C8(-17.5f), _mm256_min_ps(C8(88.8f), x));
    __m256 kd = _mm256_fmadd_ps(xc, C8(TE_F32_EXPM1_INV_LN2), C8(TE_EXPM1_MAGIC));
    kd = _mm256_max_ps(C8(TE_EXPM1_MAGIC - 24.0f), kd);
    __m256 n = _mm256_sub_ps(kd, C8(TE_EXPM1_MAGIC));
    __m256 rh = _mm256_fnmadd_ps(n, C8(TE_F32_EXPM1_LN2_HI), xc);
    __m256 rl = _mm256_mul_ps(n, C8(-TE_F32_EXPM1_LN2_LO));
    __m256i sbits = _mm256_add_epi32(_mm256_slli_epi32(_mm256_castps_si256(kd), 23), _mm256_set1_epi32(126 << 23));
    __m256 s = _mm256_castsi256_ps(sbits);
    __m256 sh = _mm256_castsi256_ps(_mm256_sub_epi32(sbits, _mm256_set1_epi32(1 << 23)));
    __m256 a = _mm256_sub_ps(s, C8(0.5f));
    __m256 ea = _mm256_sub_ps(_mm256_sub_ps(s, a), C8(0.5f));
    __m256 s1 = _mm256_fmadd_ps(s, rh, a);
    __m256 e1 = _mm256_fmadd_ps(s, rh, _mm256_sub_ps(a, s1));
    __m256 r2 = _mm256_mul_ps(rh, rh);
    __m256 r2l = _mm256_fmsub_ps(rh, rh, r2);
    __m256 s2 = _mm256_fmadd_ps(sh, r2, s1);
    __m256 e2 = _mm256_fmadd_ps(sh, r2, _mm256_sub_ps(s1, s2));
    __m256 q = _mm256_fmadd_ps(C8(TE_F32_EXPM1_Q4), rh, C8(TE_F32_EXPM1_Q3));
    q = _mm256_fmadd_ps(q, rh, C8(TE_F32_EXPM1_Q2));
    q = _mm256_fmadd_ps(q, rh, C8(TE_F32_EXPM1_Q1));
    q = _mm256_fmadd_ps(q, rh, C8(TE_F32_EXPM1_Q0));
    __m256 d = _mm256_fmadd_ps(_mm256_mul_ps(r2, rh), q, r2l);
    __m256 lo = _mm256_fmadd_ps(sh, d, _mm256_add_ps(_mm256_add_ps(e1, e2), ea));
    lo = _mm256_fmadd_ps(rl, _mm256_add_ps(s2, C8(0.5f)), lo);
    __m256 y = _mm256_add_ps(s2, lo);
    __m256 ax = _mm256_andnot_ps(C8(-0.0f), x);
    __m256 tiny = _mm256_cmp_ps(ax, C8(0x1p-125f), _CMP_LT_OQ);
    return _mm256_blendv_ps(_mm256_add_ps(y, y), x, tiny);
}

static TE_TARGET_AVX2 void te_expm1_f32_block_avx2(const float *in, float *out, intptr_t n) {
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) {
            float buffer[8] = {in[i]};
            _mm256_storeu_ps(buffer, te_expm1_f32_v8(_mm256_loadu_ps(buffer)));
            out[i] = buffer[0];
        }
        return;
    }
    intptr_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256 u = te_expm1_f32_v8(_mm256_loadu_ps(in + i));
        __m256 v = te_expm1_f32_v8(_mm256_loadu_ps(in + i + 8));
        _mm256_storeu_ps(out + i, u);
        _mm256_storeu_ps(out + i + 8, v);
    }
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, te_expm1_f32_v8(_mm256_loadu_ps(in + i)));
    if (i < n) {
        float buffer[8] = {0};
        memcpy(buffer, in + i, (size_t)(n - i) * sizeof(float));
        _mm256_storeu_ps(buffer, te_expm1_f32_v8(_mm256_loadu_ps(buffer)));
        memcpy(out + i, buffer, (size_t)(n - i) * sizeof(float));
    }
}

TE_STRIDED_LOOP(expm1_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(expm1_f32, float, avx512, TE_TARGET_AVX512)
