// What float32 log1p (Log1pF32.c) and the float32 inverse hyperbolics
// (InverseHyperbolicF32.c) share: the logarithm of u = 2^k z from the bits of u, with
// Log1pF32Table.h's 16 subintervals of z (invc, 1/c with 5 significant bits, and logc =
// -log(invc) as logc_hi + logc_lo, read by one permute each at AVX-512, two and a blend at
// AVX2), and the sum k ln2 + logc + log(1 + r) + e (1 - r + r^2) for r = z invc - 1 and a
// small correction e that each caller forms from its own low part. See Log1pF32.c for the
// error analysis.
#ifndef TESSERA_LOG1P_F32_CORE_H
#define TESSERA_LOG1P_F32_CORE_H

#include <immintrin.h>
#include "ElementaryCommon.h"
#include "Log1pF32Table.h"

static const float te_log1pf_invc[16] = TE_F32_LOG1P_INVC;
static const float te_log1pf_logc_hi[16] = TE_F32_LOG1P_LOGC_HI;
static const float te_log1pf_logc_lo[16] = TE_F32_LOG1P_LOGC_LO;
_Static_assert(TE_F32_LOG1P_P_DEGREE == 3, "the kernels evaluate P0...P3");

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define TE_AVX2_INLINE static TE_TARGET_AVX2 inline __attribute__((always_inline))

// ---- AVX-512 ----

typedef struct { __m512 invc, logc_hi, logc_lo; } te_log1pf_tables16;

TE_AVX512_INLINE te_log1pf_tables16 te_log1pf_load16(void) {
    te_log1pf_tables16 T;
    T.invc = _mm512_loadu_ps(te_log1pf_invc);
    T.logc_hi = _mm512_loadu_ps(te_log1pf_logc_hi);
    T.logc_lo = _mm512_loadu_ps(te_log1pf_logc_lo);
    return T;
}

// u = 2^k z split by its bits: tmp = bits(u) - bits(0.6992), kbits = k's bits in place,
// kf = k, the subinterval's entries, and whether it is the central one (which holds 1).
typedef struct {
    __m512i tmp, kbits;
    __m512 z, kf, invc, logc_hi, logc_lo;
    __mmask16 central;
} te_log1pf_reduced16;

TE_AVX512_INLINE te_log1pf_reduced16 te_log1pf_reduce16(__m512i ub, const te_log1pf_tables16 *T) {
    te_log1pf_reduced16 R;
    R.tmp = _mm512_sub_epi32(ub, _mm512_set1_epi32((int)TE_F32_LOG1P_OFF));
    __m512i idx = _mm512_srli_epi32(R.tmp, 19); // the permutes read bits 0..3
    R.kbits = _mm512_and_si512(R.tmp, _mm512_set1_epi32((int)0xff800000u));
    R.z = _mm512_castsi512_ps(_mm512_sub_epi32(ub, R.kbits));
    R.kf = _mm512_cvtepi32_ps(_mm512_srai_epi32(R.tmp, 23));
    R.invc = _mm512_permutexvar_ps(idx, T->invc);
    R.logc_hi = _mm512_permutexvar_ps(idx, T->logc_hi);
    R.logc_lo = _mm512_permutexvar_ps(idx, T->logc_lo);
    // idx (all of tmp >> 19) is CENTRAL only for k = 0 in that subinterval.
    R.central = _mm512_cmpeq_epi32_mask(idx, _mm512_set1_epi32(TE_F32_LOG1P_CENTRAL));
    return R;
}

// k ln2 + logc + log(1 + r) + e (1 - r + r^2): logc + k ln2's high part plus r by a fast
// two-sum, the rest (r^3 P(r), e's term, the low parts) added to its error, -r^2/2 last,
// its product exact inside the fused multiply-add (-r/2 is exact).
TE_AVX512_INLINE __m512 te_log1pf_sum16(__m512 r, __m512 e, __m512 kf, __m512 logc_hi, __m512 logc_lo) {
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
    small = _mm512_fmadd_ps(_mm512_mul_ps(r, _mm512_set1_ps(-0.5f)), r, small);
    return _mm512_add_ps(S, small);
}

// ---- AVX2: the same operations on 8 lanes (the same bits) ----

typedef struct { __m256 lo[3], hi[3]; } te_log1pf_tables8;

TE_AVX2_INLINE te_log1pf_tables8 te_log1pf_load8(void) {
    te_log1pf_tables8 T;
    const float *rows[3] = {te_log1pf_invc, te_log1pf_logc_hi, te_log1pf_logc_lo};
    for (int j = 0; j < 3; j++) {
        T.lo[j] = _mm256_loadu_ps(rows[j]);
        T.hi[j] = _mm256_loadu_ps(rows[j] + 8);
    }
    return T;
}

// Entry idx (0..15) of table j: the two halves permuted, bit 3 of idx (moved to the sign
// bit) picks one.
#define TE_LOG1PF_LOOKUP8(T, j, idx, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[j], idx), _mm256_permutevar8x32_ps((T)->hi[j], idx), sel)

// As te_log1pf_reduced16; `central` all ones or all zeros per lane.
typedef struct {
    __m256i tmp, kbits;
    __m256 z, kf, invc, logc_hi, logc_lo, central;
} te_log1pf_reduced8;

TE_AVX2_INLINE te_log1pf_reduced8 te_log1pf_reduce8(__m256i ub, const te_log1pf_tables8 *T) {
    te_log1pf_reduced8 R;
    R.tmp = _mm256_sub_epi32(ub, _mm256_set1_epi32((int)TE_F32_LOG1P_OFF));
    __m256i idx = _mm256_srli_epi32(R.tmp, 19); // the permutes read bits 0..2
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(R.tmp, 9)); // bit 22 (idx bit 3) to the sign
    R.kbits = _mm256_and_si256(R.tmp, _mm256_set1_epi32((int)0xff800000u));
    R.z = _mm256_castsi256_ps(_mm256_sub_epi32(ub, R.kbits));
    R.kf = _mm256_cvtepi32_ps(_mm256_srai_epi32(R.tmp, 23));
    R.invc = TE_LOG1PF_LOOKUP8(T, 0, idx, sel);
    R.logc_hi = TE_LOG1PF_LOOKUP8(T, 1, idx, sel);
    R.logc_lo = TE_LOG1PF_LOOKUP8(T, 2, idx, sel);
    R.central = _mm256_castsi256_ps(_mm256_cmpeq_epi32(idx, _mm256_set1_epi32(TE_F32_LOG1P_CENTRAL)));
    return R;
}

TE_AVX2_INLINE __m256 te_log1pf_sum8(__m256 r, __m256 e, __m256 kf, __m256 logc_hi, __m256 logc_lo) {
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
    small = _mm256_fmadd_ps(_mm256_mul_ps(r, _mm256_set1_ps(-0.5f)), r, small);
    return _mm256_add_ps(S, small);
}

#endif
