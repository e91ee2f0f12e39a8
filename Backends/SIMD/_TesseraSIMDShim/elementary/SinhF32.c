// sinh for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// a = |x|, the sign of x put back at the end (sinh(-0) = -0).
//
// a >= 1/2: k = round(a 16/ln2) = 16 n + j, r = a - k ln2/16 (the first fused
// multiply-add exact, LN2/16 in two floats), and
//   sinh a = 2^(n-1) 2^(j/16) e^r - 2^(-n-1) 2^(-j/16) e^-r = E - W,
// with 2^(±j/16) from 16-entry tables as two floats (one permute each at AVX-512, two and
// a blend at AVX2) and e^±r - 1 = p(±r) from fit_sinh_f32.py. E's and W's high parts,
// 2^(n-1) T and 2^(-n-1) U, are exact; their difference is taken by a fast two-sum, so
// that besides the last addition only the small parts (T p, the tables' low halves: a
// few percent of E) round, once, at the result's scale. E/W >= 2.7 from a = 1/2 on, so
// the subtraction magnifies those small errors at most 1.6 times. k is capped at
// 16 * 128 + 15, so that 2^(n-1) T never exceeds the float range (a just below the
// overflow threshold, 89.416, has r up to ln2/16 then); beyond, E overflows to inf.
//
// a < 1/2: sinh a = a + a^3 P(a^2), the a^3 P term at most 4.3% of the result.
//
// NaN propagates (the cap on a keeps NaN; every later operation too). Every operation is
// one IEEE operation on each lane, the same at both widths, so the AVX2 and AVX-512
// loops give the same bits. (SSE2 keeps Sinh.c's evaluation in double.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "SinhF32Table.h"

#define TE_SINH_MAGIC 0x1.8p23f // adding it rounds a float below 2^22 to an integer
#define TE_SINH_K_MAX (16 * 128 + 15)

static const float te_sinh_f32_up_hi[16] = TE_F32_SINH_UP_HI;
static const float te_sinh_f32_up_lo[16] = TE_F32_SINH_UP_LO;
static const float te_sinh_f32_down_hi[16] = TE_F32_SINH_DOWN_HI;
static const float te_sinh_f32_down_lo[16] = TE_F32_SINH_DOWN_LO;

// ---- AVX-512 ----

#define C16(v) _mm512_set1_ps(v)
#define I16(v) _mm512_set1_epi32(v)
typedef struct { __m512 up_hi, up_lo, down_hi, down_lo; } te_sinh_tables16;
static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_sinh_tables16 te_sinh_load16(void) {
    const te_sinh_tables16 T = {_mm512_loadu_ps(te_sinh_f32_up_hi), _mm512_loadu_ps(te_sinh_f32_up_lo),
                                _mm512_loadu_ps(te_sinh_f32_down_hi), _mm512_loadu_ps(te_sinh_f32_down_lo)};
    return T;
}

static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_sinh_f32_v16(__m512 x, const te_sinh_tables16 *T) {
    __m512 a = _mm512_abs_ps(x);
    __m512 ac = _mm512_min_ps(C16(89.5f), a);
    __m512 kd = _mm512_fmadd_ps(ac, C16(TE_F32_SINH_INV_STEP), C16(TE_SINH_MAGIC));
    __m512i kb = _mm512_min_epi32(_mm512_castps_si512(kd), _mm512_castps_si512(C16(TE_SINH_MAGIC + TE_SINH_K_MAX)));
    __m512 kf = _mm512_sub_ps(_mm512_castsi512_ps(kb), C16(TE_SINH_MAGIC));
    __m512 r = _mm512_fnmadd_ps(kf, C16(TE_F32_SINH_STEP_HI), ac);
    r = _mm512_fnmadd_ps(kf, C16(TE_F32_SINH_STEP_LO), r);
    // p(r) = e^r - 1 and p(-r) = e^-r - 1 from the even and odd parts of one polynomial.
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 even = _mm512_fmadd_ps(C16(TE_F32_SINH_E4), r2, C16(TE_F32_SINH_E2));
    __m512 q = _mm512_fmadd_ps(C16(TE_F32_SINH_E3), r, even);
    __m512 qm = _mm512_fnmadd_ps(C16(TE_F32_SINH_E3), r, even);
    __m512 p = _mm512_fmadd_ps(q, r2, r);
    __m512 pm = _mm512_fmsub_ps(qm, r2, r);
    // The permutes read the index's low four bits, j; n sits in the bits above (the
    // magic's bits fall off the shifted exponent).
    __m512 thi = _mm512_permutexvar_ps(kb, T->up_hi);
    __m512 tlo = _mm512_permutexvar_ps(kb, T->up_lo);
    __m512 uhi = _mm512_permutexvar_ps(kb, T->down_hi);
    __m512 ulo = _mm512_permutexvar_ps(kb, T->down_lo);
    __m512i nb = _mm512_slli_epi32(_mm512_srli_epi32(kb, 4), 23);
    __m512 se = _mm512_castsi512_ps(_mm512_add_epi32(nb, I16(126 << 23)));                             // 2^(n-1)
    __m512 sw = _mm512_castsi512_ps(_mm512_sub_epi32(I16(126 << 23), _mm512_min_epi32(nb, I16(125 << 23)))); // 2^(-n-1), n <= 125
    __m512 e = _mm512_mul_ps(se, thi);
    __m512 w = _mm512_mul_ps(sw, uhi);
    __m512 s = _mm512_sub_ps(e, w);
    __m512 es = _mm512_sub_ps(_mm512_sub_ps(e, s), w); // e - w = s + es exactly
    __m512 fw = _mm512_fmadd_ps(uhi, pm, ulo);
    __m512 small_parts = _mm512_fmadd_ps(se, tlo, _mm512_fnmadd_ps(sw, fw, es));
    __m512 big = _mm512_add_ps(s, _mm512_fmadd_ps(e, p, small_parts));
    __m512 z = _mm512_mul_ps(a, a);
    __m512 P = _mm512_fmadd_ps(_mm512_fmadd_ps(C16(TE_F32_SINH_SMALL2), z, C16(TE_F32_SINH_SMALL1)), z, C16(TE_F32_SINH_SMALL0));
    __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(a, z), P, a);
    __m512 y = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, C16(0.5f), _CMP_LT_OQ), big, small);
    // y | (x & sign)
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(y), _mm512_castps_si512(x), I16((int)0x80000000u), 0xf8));
}

#define TE_SINH_V16(v) te_sinh_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(sinh_f32, const te_sinh_tables16 T = te_sinh_load16();, TE_SINH_V16)

// ---- AVX2: the same operations on eight lanes ----

#define C8(v) _mm256_set1_ps(v)
#define I8(v) _mm256_set1_epi32(v)
typedef struct { __m256 lo[4], hi[4]; } te_sinh_tables8;
static TE_TARGET_AVX2 inline __attribute__((always_inline)) te_sinh_tables8 te_sinh_load8(void) {
    te_sinh_tables8 T;
    const float *rows[4] = {te_sinh_f32_up_hi, te_sinh_f32_up_lo, te_sinh_f32_down_hi, te_sinh_f32_down_lo};
    for (int t = 0; t < 4; t++) {
        T.lo[t] = _mm256_loadu_ps(rows[t]);
        T.hi[t] = _mm256_loadu_ps(rows[t] + 8);
    }
    return T;
}

// Entry j (0..15) of table t: both halves permuted by j's low three bits, bit 3 (moved to
// the sign bit) picks one.
#define TE_SINH_LOOKUP8(T, t, idx, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[t], idx), _mm256_permutevar8x32_ps((T)->hi[t], idx), sel)

static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_sinh_f32_v8(__m256 x, const te_sinh_tables8 *T) {
    const __m256 sign = _mm256_castsi256_ps(I8((int)0x80000000u));
    __m256 a = _mm256_andnot_ps(sign, x);
    __m256 ac = _mm256_min_ps(C8(89.5f), a);
    __m256 kd = _mm256_fmadd_ps(ac, C8(TE_F32_SINH_INV_STEP), C8(TE_SINH_MAGIC));
    __m256i kb = _mm256_min_epi32(_mm256_castps_si256(kd), _mm256_castps_si256(C8(TE_SINH_MAGIC + TE_SINH_K_MAX)));
    __m256 kf = _mm256_sub_ps(_mm256_castsi256_ps(kb), C8(TE_SINH_MAGIC));
    __m256 r = _mm256_fnmadd_ps(kf, C8(TE_F32_SINH_STEP_HI), ac);
    r = _mm256_fnmadd_ps(kf, C8(TE_F32_SINH_STEP_LO), r);
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 even = _mm256_fmadd_ps(C8(TE_F32_SINH_E4), r2, C8(TE_F32_SINH_E2));
    __m256 q = _mm256_fmadd_ps(C8(TE_F32_SINH_E3), r, even);
    __m256 qm = _mm256_fnmadd_ps(C8(TE_F32_SINH_E3), r, even);
    __m256 p = _mm256_fmadd_ps(q, r2, r);
    __m256 pm = _mm256_fmsub_ps(qm, r2, r);
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(kb, 28)); // bit 3 of j to the sign
    __m256 thi = TE_SINH_LOOKUP8(T, 0, kb, sel);
    __m256 tlo = TE_SINH_LOOKUP8(T, 1, kb, sel);
    __m256 uhi = TE_SINH_LOOKUP8(T, 2, kb, sel);
    __m256 ulo = TE_SINH_LOOKUP8(T, 3, kb, sel);
    __m256i nb = _mm256_slli_epi32(_mm256_srli_epi32(kb, 4), 23);
    __m256 se = _mm256_castsi256_ps(_mm256_add_epi32(nb, I8(126 << 23)));
    __m256 sw = _mm256_castsi256_ps(_mm256_sub_epi32(I8(126 << 23), _mm256_min_epi32(nb, I8(125 << 23))));
    __m256 e = _mm256_mul_ps(se, thi);
    __m256 w = _mm256_mul_ps(sw, uhi);
    __m256 s = _mm256_sub_ps(e, w);
    __m256 es = _mm256_sub_ps(_mm256_sub_ps(e, s), w);
    __m256 fw = _mm256_fmadd_ps(uhi, pm, ulo);
    __m256 small_parts = _mm256_fmadd_ps(se, tlo, _mm256_fnmadd_ps(sw, fw, es));
    __m256 big = _mm256_add_ps(s, _mm256_fmadd_ps(e, p, small_parts));
    __m256 z = _mm256_mul_ps(a, a);
    __m256 P = _mm256_fmadd_ps(_mm256_fmadd_ps(C8(TE_F32_SINH_SMALL2), z, C8(TE_F32_SINH_SMALL1)), z, C8(TE_F32_SINH_SMALL0));
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(a, z), P, a);
    __m256 y = _mm256_blendv_ps(big, small, _mm256_cmp_ps(a, C8(0.5f), _CMP_LT_OQ));
    return _mm256_or_ps(y, _mm256_and_ps(x, sign));
}

#define TE_SINH_V8(v) te_sinh_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(sinh_f32, const te_sinh_tables8 T = te_sinh_load8();, TE_SINH_V8)

TE_STRIDED_LOOP(sinh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(sinh_f32, float, avx512, TE_TARGET_AVX512)
