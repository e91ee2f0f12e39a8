// tanh for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// a = |x|. Below 5/8, tanh a = a + a z P(z) with z = a^2: the a z P term is at most 13%
// of the result, so its roundings stay far below the final one. From 5/8 on, a (capped
// at 9.1, beyond which tanh rounds to 1) falls in one of 16 intervals, four per binade
// of [5/8, 8) and [8, 9.1]: L = a with all but its top two mantissa bits cleared, and
// bits 21..24 of a (the low two exponent bits and those two mantissa bits) index 16-entry
// tables, read by one permute per constant (AVX-512; two and a blend at AVX2). With
// d = a - L (exact), tanh a = C0 + (C0L + d Q(d)), where C0 + C0L is tanh(L) to 48 bits
// and Q a degree-5 polynomial: the term in parentheses is at most a tenth of the result,
// so besides the last addition only its own small roundings reach the result. The fits
// are within 0.07 ULP (fit_tanh_f32.py). The sign of x is put back (tanh(-0) = -0); NaN
// propagates through the cap (min returns its second operand, a, for NaN); inf gives 1.
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits.
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "TanhF32Table.h"

static const float te_tanh_f32_c0[16] = TE_F32_TANH_C0;
static const float te_tanh_f32_c0l[16] = TE_F32_TANH_C0L;
static const float te_tanh_f32_q[TE_F32_TANH_Q_DEGREE + 1][16] = {
    TE_F32_TANH_Q0, TE_F32_TANH_Q1, TE_F32_TANH_Q2, TE_F32_TANH_Q3, TE_F32_TANH_Q4, TE_F32_TANH_Q5,
};
_Static_assert(TE_F32_TANH_Q_DEGREE == 5, "the table rows above list Q0...Q5");
#define TE_TANH_TABLES (TE_F32_TANH_Q_DEGREE + 3)

// ---- AVX-512 ----

typedef struct { __m512 t[TE_TANH_TABLES]; } te_tanh_tables16;

static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_tanh_tables16 te_tanh_load16(void) {
    te_tanh_tables16 T;
    T.t[0] = _mm512_loadu_ps(te_tanh_f32_c0);
    T.t[1] = _mm512_loadu_ps(te_tanh_f32_c0l);
    for (int j = 0; j <= TE_F32_TANH_Q_DEGREE; j++) T.t[2 + j] = _mm512_loadu_ps(te_tanh_f32_q[j]);
    return T;
}

static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_tanh_f32_v16(__m512 x, const te_tanh_tables16 *T) {
    __m512 a = _mm512_abs_ps(x);
    __m512 ac = _mm512_min_ps(_mm512_set1_ps(TE_F32_TANH_LAST), a);
    __m512i idx = _mm512_srli_epi32(_mm512_castps_si512(ac), 21); // the permutes read bits 0..3
    __m512 d = _mm512_sub_ps(ac, _mm512_and_ps(ac, _mm512_castsi512_ps(_mm512_set1_epi32((int)0xffe00000u))));
    __m512 q = _mm512_permutexvar_ps(idx, T->t[2 + TE_F32_TANH_Q_DEGREE]);
    for (int j = TE_F32_TANH_Q_DEGREE - 1; j >= 0; j--) q = _mm512_fmadd_ps(q, d, _mm512_permutexvar_ps(idx, T->t[2 + j]));
    __m512 big = _mm512_add_ps(_mm512_permutexvar_ps(idx, T->t[0]), _mm512_fmadd_ps(d, q, _mm512_permutexvar_ps(idx, T->t[1])));
    __m512 z = _mm512_mul_ps(a, a);
    __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(TE_F32_TANH_SMALL_C5), z, _mm512_set1_ps(TE_F32_TANH_SMALL_C4));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(TE_F32_TANH_SMALL_C3));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(TE_F32_TANH_SMALL_C2));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(TE_F32_TANH_SMALL_C1));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(TE_F32_TANH_SMALL_C0));
    __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(a, z), p, a);
    __mmask16 is_small = _mm512_cmp_ps_mask(a, _mm512_set1_ps(0.625f), _CMP_LT_OQ);
    __m512 r = _mm512_mask_blend_ps(is_small, big, small);
    // r | (x & sign)
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(r), _mm512_castps_si512(x),
                                                         _mm512_set1_epi32((int)0x80000000u), 0xf8));
}

#define TE_TANH_V16(v) te_tanh_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(tanh_f32, const te_tanh_tables16 T = te_tanh_load16();, TE_TANH_V16)

// ---- AVX2 ----

typedef struct { __m256 lo[TE_TANH_TABLES], hi[TE_TANH_TABLES]; } te_tanh_tables8;

static TE_TARGET_AVX2 inline __attribute__((always_inline)) te_tanh_tables8 te_tanh_load8(void) {
    te_tanh_tables8 T;
    const float *rows[TE_TANH_TABLES] = {te_tanh_f32_c0, te_tanh_f32_c0l};
    for (int j = 0; j <= TE_F32_TANH_Q_DEGREE; j++) rows[2 + j] = te_tanh_f32_q[j];
    for (int j = 0; j < TE_TANH_TABLES; j++) {
        T.lo[j] = _mm256_loadu_ps(rows[j]);
        T.hi[j] = _mm256_loadu_ps(rows[j] + 8);
    }
    return T;
}

// Entry idx (0..15) of table j: the two halves permuted, bit 3 of idx (moved to the sign
// bit) picks one.
#define TE_TANH_LOOKUP8(T, j, idx, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[j], idx), _mm256_permutevar8x32_ps((T)->hi[j], idx), sel)

static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_tanh_f32_v8(__m256 x, const te_tanh_tables8 *T) {
    const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u));
    __m256 a = _mm256_andnot_ps(sign, x);
    __m256 ac = _mm256_min_ps(_mm256_set1_ps(TE_F32_TANH_LAST), a);
    __m256i idx = _mm256_srli_epi32(_mm256_castps_si256(ac), 21); // the permutes read bits 0..2
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(ac), 7)); // bit 24 (idx bit 3) to the sign
    __m256 d = _mm256_sub_ps(ac, _mm256_and_ps(ac, _mm256_castsi256_ps(_mm256_set1_epi32((int)0xffe00000u))));
    __m256 q = TE_TANH_LOOKUP8(T, 2 + TE_F32_TANH_Q_DEGREE, idx, sel);
    for (int j = TE_F32_TANH_Q_DEGREE - 1; j >= 0; j--) q = _mm256_fmadd_ps(q, d, TE_TANH_LOOKUP8(T, 2 + j, idx, sel));
    __m256 big = _mm256_add_ps(TE_TANH_LOOKUP8(T, 0, idx, sel), _mm256_fmadd_ps(d, q, TE_TANH_LOOKUP8(T, 1, idx, sel)));
    __m256 z = _mm256_mul_ps(a, a);
    __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(TE_F32_TANH_SMALL_C5), z, _mm256_set1_ps(TE_F32_TANH_SMALL_C4));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TE_F32_TANH_SMALL_C3));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TE_F32_TANH_SMALL_C2));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TE_F32_TANH_SMALL_C1));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(TE_F32_TANH_SMALL_C0));
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(a, z), p, a);
    __m256 is_small = _mm256_cmp_ps(a, _mm256_set1_ps(0.625f), _CMP_LT_OQ);
    __m256 r = _mm256_blendv_ps(big, small, is_small);
    return _mm256_or_ps(r, _mm256_and_ps(x, sign));
}

#define TE_TANH_V8(v) te_tanh_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(tanh_f32, const te_tanh_tables8 T = te_tanh_load8();, TE_TANH_V8)

TE_STRIDED_LOOP(tanh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(tanh_f32, float, avx512, TE_TARGET_AVX512)
