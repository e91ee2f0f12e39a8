// exp2 for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// k = round(16 x) = 16 n + j, r = x - k/16 (exact, |r| <= 1/32), and
//   2^x = 2^n (T + T (2^r - 1)), T = 2^(j/16) = hi + lo,
// with hi and lo from 16-entry tables (one permute each at AVX-512, two and a blend at
// AVX2) and 2^r - 1 = r (C1 + C2 r + C3 r^2) from fit_exp2_f32.py. The sum hi + (hi r q +
// lo) rounds once at the result's scale; the term added to hi is at most 2.2% of it, so its
// own roundings and the polynomial's error stay below 0.03 ULP. Integer x gives 2^x exactly.
//
// Ordinary operands (|x| < 125: 2^n and the result normal) put n into the exponent field
// of hi + (...) by an integer add. A vector with any other operand (NaN, inf, |x| >= 125)
// takes the full form for all its lanes: x clamped to [-151, 129] (NaN kept), 2^n applied
// as two factors so that overflow happens only in the last multiply, and results below
// 2^-126 rounded once from hi 2^(n + 126) + (...) 2^(n + 126), as exp float32 does
// (te_subnormal_roundf); on ordinary lanes both forms give the same bits. Every operation
// is one IEEE operation on each lane, the same at both widths, so the AVX2 and AVX-512
// loops give the same bits. (SSE2 keeps Exp2.c's evaluation in double.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "Exp2F32Table.h"

#define TE_EXP2F_MAGIC 0x1.8p23f // adding it rounds a float below 2^22 to an integer
#define TE_EXP2F_MAGIC_BITS 0x4b400000

static const float te_exp2_f32_hi[16] __attribute__((aligned(64))) = TE_F32_EXP2_HI;
static const float te_exp2_f32_lo[16] __attribute__((aligned(64))) = TE_F32_EXP2_LO;

// ---- AVX-512 ----

#define C16(v) _mm512_set1_ps(v)
#define I16(v) _mm512_set1_epi32(v)
#define TE_V16 static TE_TARGET_AVX512 inline __attribute__((always_inline))
typedef struct { __m512 hi, lo; } te_exp2_tables16;

// hi + (hi r q + lo) for the operand x, and the pieces the full form needs.
typedef struct { __m512i kb; __m512 hi, t, v; } te_exp2_parts16;
TE_V16 te_exp2_parts16 te_exp2_f32_parts16(__m512 x, const te_exp2_tables16 *T) {
    te_exp2_parts16 p;
    __m512 kd = _mm512_fmadd_ps(x, C16(16.0f), C16(TE_EXP2F_MAGIC)); // 16 x is exact
    __m512 k = _mm512_sub_ps(kd, C16(TE_EXP2F_MAGIC));
    __m512 r = _mm512_fnmadd_ps(k, C16(1.0f / 16.0f), x); // exact
    p.kb = _mm512_castps_si512(kd);
    // The permutes read the index's low four bits, j.
    p.hi = _mm512_permutexvar_ps(p.kb, T->hi);
    __m512 lo = _mm512_permutexvar_ps(p.kb, T->lo);
    __m512 q = _mm512_fmadd_ps(_mm512_fmadd_ps(C16(TE_F32_EXP2_C3), r, C16(TE_F32_EXP2_C2)), r, C16(TE_F32_EXP2_C1));
    p.t = _mm512_fmadd_ps(_mm512_mul_ps(p.hi, r), q, lo);
    p.v = _mm512_add_ps(p.hi, p.t);
    return p;
}

TE_V16 __m512 te_exp2_f32_full16(__m512 x, const te_exp2_tables16 *T) {
    // max and min return their second operand when either is NaN: NaN is kept.
    __m512 xc = _mm512_min_ps(C16(129.0f), _mm512_max_ps(C16(-151.0f), x));
    te_exp2_parts16 p = te_exp2_f32_parts16(xc, T);
    __m512i ni = _mm512_srai_epi32(_mm512_sub_epi32(p.kb, I16(TE_EXP2F_MAGIC_BITS)), 4); // n in [-151, 129]
    __m512i n1 = _mm512_srai_epi32(ni, 1), n2 = _mm512_sub_epi32(ni, n1);
    __m512 s1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n1, I16(127)), 23));
    __m512 s2 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n2, I16(127)), 23));
    __m512 res = _mm512_mul_ps(_mm512_mul_ps(p.v, s1), s2);
    // Results below 2^-126: hi 2^(n + 126) + t 2^(n + 126) = y + e exactly (both products
    // exact, |hi| >= |t|), rounded once at the subnormal spacing.
    __m512i nt = _mm512_max_epi32(ni, I16(-160));
    __m512 sc = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(nt, I16(126 + 127)), 23));
    __m512 sh = _mm512_mul_ps(p.hi, sc), st = _mm512_mul_ps(p.t, sc);
    __m512 y = _mm512_add_ps(sh, st);
    __m512 e = _mm512_add_ps(_mm512_sub_ps(sh, y), st);
    __m512 h = _mm512_add_ps(C16(1.0f), y);
    __m512 l = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(C16(1.0f), h), y), e);
    __m512 sub = _mm512_mul_ps(_mm512_sub_ps(_mm512_add_ps(h, l), C16(1.0f)), C16(0x1p-126f));
    __mmask16 tiny = _mm512_cmp_epi32_mask(ni, I16(-126), _MM_CMPINT_LE) & _mm512_cmp_ps_mask(y, C16(1.0f), _CMP_LT_OQ);
    return _mm512_mask_blend_ps(tiny, res, sub);
}

TE_V16 __m512 te_exp2_f32_v16(__m512 x, const te_exp2_tables16 *T) {
    __mmask16 ordinary = _mm512_cmp_ps_mask(_mm512_abs_ps(x), C16(125.0f), _CMP_LT_OQ);
    if (__builtin_expect(ordinary != 0xffff, 0)) return te_exp2_f32_full16(x, T);
    te_exp2_parts16 p = te_exp2_f32_parts16(x, T);
    // n << 23 from k's bits: the magic's bits fall off the shifted exponent.
    __m512i nb = _mm512_slli_epi32(_mm512_srli_epi32(p.kb, 4), 23);
    return _mm512_castsi512_ps(_mm512_add_epi32(_mm512_castps_si512(p.v), nb));
}

TE_V16 te_exp2_tables16 te_exp2_load16(void) {
    const te_exp2_tables16 T = {_mm512_load_ps(te_exp2_f32_hi), _mm512_load_ps(te_exp2_f32_lo)};
    return T;
}
#define TE_EXP2_V16(v) te_exp2_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(exp2_f32, const te_exp2_tables16 T = te_exp2_load16();, TE_EXP2_V16)

// ---- AVX2: the same operations on eight lanes ----

#define C8(v) _mm256_set1_ps(v)
#define I8(v) _mm256_set1_epi32(v)
#define TE_V8 static TE_TARGET_AVX2 inline __attribute__((always_inline))
typedef struct { __m256 hi0, hi1, lo0, lo1; } te_exp2_tables8;

// Entry j (0..15): both halves permuted by j's low three bits, bit 3 (moved to the sign
// bit) picks one.
#define TE_EXP2_LOOKUP8(a, b, idx, sel) _mm256_blendv_ps(_mm256_permutevar8x32_ps(a, idx), _mm256_permutevar8x32_ps(b, idx), sel)

typedef struct { __m256i kb; __m256 hi, t, v; } te_exp2_parts8;
TE_V8 te_exp2_parts8 te_exp2_f32_parts8(__m256 x, const te_exp2_tables8 *T) {
    te_exp2_parts8 p;
    __m256 kd = _mm256_fmadd_ps(x, C8(16.0f), C8(TE_EXP2F_MAGIC));
    __m256 k = _mm256_sub_ps(kd, C8(TE_EXP2F_MAGIC));
    __m256 r = _mm256_fnmadd_ps(k, C8(1.0f / 16.0f), x);
    p.kb = _mm256_castps_si256(kd);
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(p.kb, 28));
    p.hi = TE_EXP2_LOOKUP8(T->hi0, T->hi1, p.kb, sel);
    __m256 lo = TE_EXP2_LOOKUP8(T->lo0, T->lo1, p.kb, sel);
    __m256 q = _mm256_fmadd_ps(_mm256_fmadd_ps(C8(TE_F32_EXP2_C3), r, C8(TE_F32_EXP2_C2)), r, C8(TE_F32_EXP2_C1));
    p.t = _mm256_fmadd_ps(_mm256_mul_ps(p.hi, r), q, lo);
    p.v = _mm256_add_ps(p.hi, p.t);
    return p;
}

TE_V8 __m256 te_exp2_f32_full8(__m256 x, const te_exp2_tables8 *T) {
    __m256 xc = _mm256_min_ps(C8(129.0f), _mm256_max_ps(C8(-151.0f), x));
    te_exp2_parts8 p = te_exp2_f32_parts8(xc, T);
    __m256i ni = _mm256_srai_epi32(_mm256_sub_epi32(p.kb, I8(TE_EXP2F_MAGIC_BITS)), 4);
    __m256i n1 = _mm256_srai_epi32(ni, 1), n2 = _mm256_sub_epi32(ni, n1);
    __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, I8(127)), 23));
    __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n2, I8(127)), 23));
    __m256 res = _mm256_mul_ps(_mm256_mul_ps(p.v, s1), s2);
    __m256i nt = _mm256_max_epi32(ni, I8(-160));
    __m256 sc = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(nt, I8(126 + 127)), 23));
    __m256 sh = _mm256_mul_ps(p.hi, sc), st = _mm256_mul_ps(p.t, sc);
    __m256 y = _mm256_add_ps(sh, st);
    __m256 e = _mm256_add_ps(_mm256_sub_ps(sh, y), st);
    __m256 h = _mm256_add_ps(C8(1.0f), y);
    __m256 l = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(C8(1.0f), h), y), e);
    __m256 sub = _mm256_mul_ps(_mm256_sub_ps(_mm256_add_ps(h, l), C8(1.0f)), C8(0x1p-126f));
    __m256 tiny = _mm256_and_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(I8(-125), ni)), _mm256_cmp_ps(y, C8(1.0f), _CMP_LT_OQ));
    return _mm256_blendv_ps(res, sub, tiny);
}

TE_V8 __m256 te_exp2_f32_v8(__m256 x, const te_exp2_tables8 *T) {
    __m256 a = _mm256_andnot_ps(_mm256_castsi256_ps(I8((int)0x80000000u)), x);
    int ordinary = _mm256_movemask_ps(_mm256_cmp_ps(a, C8(125.0f), _CMP_LT_OQ));
    if (__builtin_expect(ordinary != 0xff, 0)) return te_exp2_f32_full8(x, T);
    te_exp2_parts8 p = te_exp2_f32_parts8(x, T);
    __m256i nb = _mm256_slli_epi32(_mm256_srli_epi32(p.kb, 4), 23);
    return _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p.v), nb));
}

TE_V8 te_exp2_tables8 te_exp2_load8(void) {
    const te_exp2_tables8 T = {_mm256_load_ps(te_exp2_f32_hi), _mm256_load_ps(te_exp2_f32_hi + 8),
                               _mm256_load_ps(te_exp2_f32_lo), _mm256_load_ps(te_exp2_f32_lo + 8)};
    return T;
}
#define TE_EXP2_V8(v) te_exp2_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(exp2_f32, const te_exp2_tables8 T = te_exp2_load8();, TE_EXP2_V8)

TE_STRIDED_LOOP(exp2_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(exp2_f32, float, avx512, TE_TARGET_AVX512)
