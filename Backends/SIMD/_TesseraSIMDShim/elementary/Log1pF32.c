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
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "Log1pF32Table.h"

static const float te_log1p_f32_invc[16] = TE_F32_LOG1P_INVC;
static const float te_log1p_f32_logc_hi[16] = TE_F32_LOG1P_LOGC_HI;
static const float te_log1p_f32_logc_lo[16] = TE_F32_LOG1P_LOGC_LO;
_Static_assert(TE_F32_LOG1P_P_DEGREE == 3, "the kernels evaluate P0...P3");

// ---- AVX-512 ----

typedef struct { __m512 invc, logc_hi, logc_lo; } te_log1p_tables16;

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define TE_AVX2_INLINE static TE_TARGET_AVX2 inline __attribute__((always_inline))

TE_AVX512_INLINE te_log1p_tables16 te_log1p_load16(void) {
    te_log1p_tables16 T;
    T.invc = _mm512_loadu_ps(te_log1p_f32_invc);
    T.logc_hi = _mm512_loadu_ps(te_log1p_f32_logc_hi);
    T.logc_lo = _mm512_loadu_ps(te_log1p_f32_logc_lo);
    return T;
}

TE_AVX512_INLINE __m512 te_log1p_f32_v16(__m512 x, const te_log1p_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 u = _mm512_add_ps(x, one);
    __m512 c = _mm512_sub_ps(_mm512_min_ps(x, one), _mm512_sub_ps(u, _mm512_max_ps(x, one)));
    __m512i ub = _mm512_castps_si512(u);
    __m512i tmp = _mm512_sub_epi32(ub, _mm512_set1_epi32((int)TE_F32_LOG1P_OFF));
    __m512i idx = _mm512_srli_epi32(tmp, 19); // the permutes read bits 0..3
    __m512i kbits = _mm512_and_si512(tmp, _mm512_set1_epi32((int)0xff800000u));
    __m512 z = _mm512_castsi512_ps(_mm512_sub_epi32(ub, kbits));
    __m512 kf = _mm512_cvtepi32_ps(_mm512_srai_epi32(tmp, 23));
    __m512 invc = _mm512_permutexvar_ps(idx, T->invc);
    __m512 logc_hi = _mm512_permutexvar_ps(idx, T->logc_hi);
    __m512 logc_lo = _mm512_permutexvar_ps(idx, T->logc_lo);
    // idx (all of tmp >> 19) is CENTRAL only for k = 0 in that subinterval.
    __mmask16 central = _mm512_cmpeq_epi32_mask(idx, _mm512_set1_epi32(TE_F32_LOG1P_CENTRAL));
    __mmask16 scaled = _mm512_mask_cmplt_epi32_mask((__mmask16)~central, tmp, _mm512_set1_epi32(120 << 23));
    __m512 r = _mm512_mask_mov_ps(_mm512_fmsub_ps(z, invc, one), central, x);
    // invc 2^-k from the bits (normal for -24 <= k < 120).
    __m512 scale = _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(invc), kbits));
    __m512 e = _mm512_maskz_mul_ps(scaled, c, scale);
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(TE_F32_LOG1P_P3), r, _mm512_set1_ps(TE_F32_LOG1P_P2));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(TE_F32_LOG1P_P1));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(TE_F32_LOG1P_P0));
    __m512 pr = _mm512_mul_ps(p, r);
    __m512 e1 = _mm512_fnmadd_ps(e, _mm512_fnmadd_ps(r, r, r), e); // e (1 - r + r^2)
    __m512 B = _mm512_fmadd_ps(kf, _mm512_set1_ps(TE_F32_LOG1P_LN2_HI), logc_hi);
    __m512 S = _mm512_add_ps(B, r);
    __m512 Se = _mm512_add_ps(_mm512_sub_ps(B, S), r);
    __m512 lo = _mm512_fmadd_ps(kf, _mm512_set1_ps(TE_F32_LOG1P_LN2_LO), logc_lo);
    __m512 small = _mm512_fmadd_ps(pr, r2, _mm512_add_ps(_mm512_add_ps(lo, e1), Se));
    // -r^2/2 last, its product exact inside the fused multiply-add (-r/2 is exact).
    small = _mm512_fmadd_ps(_mm512_mul_ps(r, _mm512_set1_ps(-0.5f)), r, small);
    __m512 y = _mm512_add_ps(S, small);
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
TE_F32_BLOCK_AVX512(log1p_f32, const te_log1p_tables16 T = te_log1p_load16();, TE_LOG1P_V16)

// ---- AVX2 ----

typedef struct { __m256 lo[3], hi[3]; } te_log1p_tables8;

TE_AVX2_INLINE te_log1p_tables8 te_log1p_load8(void) {
    te_log1p_tables8 T;
    const float *rows[3] = {te_log1p_f32_invc, te_log1p_f32_logc_hi, te_log1p_f32_logc_lo};
    for (int j = 0; j < 3; j++) {
        T.lo[j] = _mm256_loadu_ps(rows[j]);
        T.hi[j] = _mm256_loadu_ps(rows[j] + 8);
    }
    return T;
}

// Entry idx (0..15) of table j: the two halves permuted, bit 3 of idx (moved to the sign
// bit) picks one.
#define TE_LOG1P_LOOKUP8(T, j, idx, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[j], idx), _mm256_permutevar8x32_ps((T)->hi[j], idx), sel)

TE_AVX2_INLINE __m256 te_log1p_f32_v8(__m256 x, const te_log1p_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 u = _mm256_add_ps(x, one);
    __m256 c = _mm256_sub_ps(_mm256_min_ps(x, one), _mm256_sub_ps(u, _mm256_max_ps(x, one)));
    __m256i ub = _mm256_castps_si256(u);
    __m256i tmp = _mm256_sub_epi32(ub, _mm256_set1_epi32((int)TE_F32_LOG1P_OFF));
    __m256i idx = _mm256_srli_epi32(tmp, 19); // the permutes read bits 0..2
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(tmp, 9)); // bit 22 (idx bit 3) to the sign
    __m256i kbits = _mm256_and_si256(tmp, _mm256_set1_epi32((int)0xff800000u));
    __m256 z = _mm256_castsi256_ps(_mm256_sub_epi32(ub, kbits));
    __m256 kf = _mm256_cvtepi32_ps(_mm256_srai_epi32(tmp, 23));
    __m256 invc = TE_LOG1P_LOOKUP8(T, 0, idx, sel);
    __m256 logc_hi = TE_LOG1P_LOOKUP8(T, 1, idx, sel);
    __m256 logc_lo = TE_LOG1P_LOOKUP8(T, 2, idx, sel);
    __m256 central = _mm256_castsi256_ps(_mm256_cmpeq_epi32(idx, _mm256_set1_epi32(TE_F32_LOG1P_CENTRAL)));
    __m256 scaled = _mm256_andnot_ps(central, _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(120 << 23), tmp)));
    __m256 r = _mm256_blendv_ps(_mm256_fmsub_ps(z, invc, one), x, central);
    __m256 scale = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(invc), kbits));
    __m256 e = _mm256_and_ps(_mm256_mul_ps(c, scale), scaled);
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(TE_F32_LOG1P_P3), r, _mm256_set1_ps(TE_F32_LOG1P_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(TE_F32_LOG1P_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(TE_F32_LOG1P_P0));
    __m256 pr = _mm256_mul_ps(p, r);
    __m256 e1 = _mm256_fnmadd_ps(e, _mm256_fnmadd_ps(r, r, r), e); // e (1 - r + r^2)
    __m256 B = _mm256_fmadd_ps(kf, _mm256_set1_ps(TE_F32_LOG1P_LN2_HI), logc_hi);
    __m256 S = _mm256_add_ps(B, r);
    __m256 Se = _mm256_add_ps(_mm256_sub_ps(B, S), r);
    __m256 lo = _mm256_fmadd_ps(kf, _mm256_set1_ps(TE_F32_LOG1P_LN2_LO), logc_lo);
    __m256 small = _mm256_fmadd_ps(pr, r2, _mm256_add_ps(_mm256_add_ps(lo, e1), Se));
    // -r^2/2 last, its product exact inside the fused multiply-add (-r/2 is exact).
    small = _mm256_fmadd_ps(_mm256_mul_ps(r, _mm256_set1_ps(-0.5f)), r, small);
    __m256 y = _mm256_add_ps(S, small);
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
TE_F32_BLOCK_AVX2(log1p_f32, const te_log1p_tables8 T = te_log1p_load8();, TE_LOG1P_V8)

TE_STRIDED_LOOP(log1p_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(log1p_f32, float, avx512, TE_TARGET_AVX512)
