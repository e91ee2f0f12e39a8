// What float32 sinh and cosh share (SinhF32.c, CoshF32.c): for a = |x| >= 0, capped at
// 89.5, k = round(a 16/ln2) = 16 n + j, r = a - k ln2/16 (the first fused multiply-add
// exact, ln2/16 in two floats), and the two terms
//   E = 2^(n-1) 2^(j/16) e^r,   W = 2^(-n-1) 2^(-j/16) e^-r
// (sinh a = E - W, cosh a = E + W), with 2^(±j/16) from SinhF32Table.h's 16-entry tables
// as two floats each and e^±r - 1 = p(±r) from the even and odd parts of one polynomial
// (fit_sinh_f32.py). Each caller sums the parts with its own sign. k is capped at
// 16 * 128 + 15, so that 2^(n-1) T never exceeds the float range (a just below the
// overflow threshold, 89.416, has r up to ln2/16 then); beyond, E overflows to inf. NaN
// propagates (the cap keeps it; r and every later operation too). Every operation is one
// IEEE operation on each lane, the same at both widths.
#ifndef TESSERA_SINH_COSH_F32_CORE_H
#define TESSERA_SINH_COSH_F32_CORE_H

#include <immintrin.h>
#include "ElementaryCommon.h"
#include "SinhF32Table.h"

#define TE_SINHCOSH_MAGIC 0x1.8p23f // adding it rounds a float below 2^22 to an integer
#define TE_SINHCOSH_K_MAX (16 * 128 + 15)

static const float te_sinhcosh_f32_up_hi[16] __attribute__((aligned(64))) = TE_F32_SINH_UP_HI;
static const float te_sinhcosh_f32_up_lo[16] __attribute__((aligned(64))) = TE_F32_SINH_UP_LO;
static const float te_sinhcosh_f32_down_hi[16] __attribute__((aligned(64))) = TE_F32_SINH_DOWN_HI;
static const float te_sinhcosh_f32_down_lo[16] __attribute__((aligned(64))) = TE_F32_SINH_DOWN_LO;

// E = e (1 + p) + se tlo and W = w + sw fw: the exact high parts e = 2^(n-1) T and
// w = 2^(-n-1) U, the scales se = 2^(n-1) and sw = 2^(-n-1), T's low half tlo, e^r - 1 = p,
// and fw = U (e^-r - 1) + U's low half.
typedef struct { __m512 e, w, se, sw, tlo, fw, p; } te_sinhcosh_parts16;
typedef struct { __m256 e, w, se, sw, tlo, fw, p; } te_sinhcosh_parts8;

// ---- AVX-512 ----

#define C16(v) _mm512_set1_ps(v)
#define I16(v) _mm512_set1_epi32(v)
typedef struct { __m512 up_hi, up_lo, down_hi, down_lo; } te_sinhcosh_tables16;
static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_sinhcosh_tables16 te_sinhcosh_load16(void) {
    const te_sinhcosh_tables16 T = {_mm512_load_ps(te_sinhcosh_f32_up_hi), _mm512_load_ps(te_sinhcosh_f32_up_lo),
                                    _mm512_load_ps(te_sinhcosh_f32_down_hi), _mm512_load_ps(te_sinhcosh_f32_down_lo)};
    return T;
}

// The parts for `ac` = min(89.5, |x|).
static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_sinhcosh_parts16 te_sinhcosh_parts16_of(__m512 ac, const te_sinhcosh_tables16 *T) {
    __m512 kd = _mm512_fmadd_ps(ac, C16(TE_F32_SINH_INV_STEP), C16(TE_SINHCOSH_MAGIC));
    __m512i kb = _mm512_min_epi32(_mm512_castps_si512(kd), _mm512_castps_si512(C16(TE_SINHCOSH_MAGIC + TE_SINHCOSH_K_MAX)));
    __m512 kf = _mm512_sub_ps(_mm512_castsi512_ps(kb), C16(TE_SINHCOSH_MAGIC));
    __m512 r = _mm512_fnmadd_ps(kf, C16(TE_F32_SINH_STEP_HI), ac);
    r = _mm512_fnmadd_ps(kf, C16(TE_F32_SINH_STEP_LO), r);
    // p(r) = e^r - 1 and p(-r) = e^-r - 1 from the even and odd parts of one polynomial.
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 even = _mm512_fmadd_ps(C16(TE_F32_SINH_E4), r2, C16(TE_F32_SINH_E2));
    __m512 q = _mm512_fmadd_ps(C16(TE_F32_SINH_E3), r, even);
    __m512 qm = _mm512_fnmadd_ps(C16(TE_F32_SINH_E3), r, even);
    te_sinhcosh_parts16 P;
    P.p = _mm512_fmadd_ps(q, r2, r);
    __m512 pm = _mm512_fmsub_ps(qm, r2, r);
    // The permutes read the index's low four bits, j; n sits in the bits above (the
    // magic's bits fall off the shifted exponent).
    __m512 thi = _mm512_permutexvar_ps(kb, T->up_hi);
    P.tlo = _mm512_permutexvar_ps(kb, T->up_lo);
    __m512 uhi = _mm512_permutexvar_ps(kb, T->down_hi);
    __m512 ulo = _mm512_permutexvar_ps(kb, T->down_lo);
    __m512i nb = _mm512_slli_epi32(_mm512_srli_epi32(kb, 4), 23);
    P.se = _mm512_castsi512_ps(_mm512_add_epi32(nb, I16(126 << 23)));                             // 2^(n-1)
    P.sw = _mm512_castsi512_ps(_mm512_sub_epi32(I16(126 << 23), _mm512_min_epi32(nb, I16(125 << 23)))); // 2^(-n-1), n <= 125
    P.e = _mm512_mul_ps(P.se, thi);
    P.w = _mm512_mul_ps(P.sw, uhi);
    P.fw = _mm512_fmadd_ps(uhi, pm, ulo);
    return P;
}

// ---- AVX2: the same operations on eight lanes ----

#define C8(v) _mm256_set1_ps(v)
#define I8(v) _mm256_set1_epi32(v)
typedef struct { __m256 lo[4], hi[4]; } te_sinhcosh_tables8;
static TE_TARGET_AVX2 inline __attribute__((always_inline)) te_sinhcosh_tables8 te_sinhcosh_load8(void) {
    te_sinhcosh_tables8 T;
    const float *rows[4] = {te_sinhcosh_f32_up_hi, te_sinhcosh_f32_up_lo, te_sinhcosh_f32_down_hi, te_sinhcosh_f32_down_lo};
    for (int t = 0; t < 4; t++) {
        T.lo[t] = _mm256_load_ps(rows[t]);
        T.hi[t] = _mm256_load_ps(rows[t] + 8);
    }
    return T;
}

// Entry j (0..15) of table t: both halves permuted by j's low three bits, bit 3 (moved to
// the sign bit) picks one.
#define TE_SINHCOSH_LOOKUP8(T, t, idx, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[t], idx), _mm256_permutevar8x32_ps((T)->hi[t], idx), sel)

static TE_TARGET_AVX2 inline __attribute__((always_inline)) te_sinhcosh_parts8 te_sinhcosh_parts8_of(__m256 ac, const te_sinhcosh_tables8 *T) {
    __m256 kd = _mm256_fmadd_ps(ac, C8(TE_F32_SINH_INV_STEP), C8(TE_SINHCOSH_MAGIC));
    __m256i kb = _mm256_min_epi32(_mm256_castps_si256(kd), _mm256_castps_si256(C8(TE_SINHCOSH_MAGIC + TE_SINHCOSH_K_MAX)));
    __m256 kf = _mm256_sub_ps(_mm256_castsi256_ps(kb), C8(TE_SINHCOSH_MAGIC));
    __m256 r = _mm256_fnmadd_ps(kf, C8(TE_F32_SINH_STEP_HI), ac);
    r = _mm256_fnmadd_ps(kf, C8(TE_F32_SINH_STEP_LO), r);
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 even = _mm256_fmadd_ps(C8(TE_F32_SINH_E4), r2, C8(TE_F32_SINH_E2));
    __m256 q = _mm256_fmadd_ps(C8(TE_F32_SINH_E3), r, even);
    __m256 qm = _mm256_fnmadd_ps(C8(TE_F32_SINH_E3), r, even);
    te_sinhcosh_parts8 P;
    P.p = _mm256_fmadd_ps(q, r2, r);
    __m256 pm = _mm256_fmsub_ps(qm, r2, r);
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(kb, 28)); // bit 3 of j to the sign
    __m256 thi = TE_SINHCOSH_LOOKUP8(T, 0, kb, sel);
    P.tlo = TE_SINHCOSH_LOOKUP8(T, 1, kb, sel);
    __m256 uhi = TE_SINHCOSH_LOOKUP8(T, 2, kb, sel);
    __m256 ulo = TE_SINHCOSH_LOOKUP8(T, 3, kb, sel);
    __m256i nb = _mm256_slli_epi32(_mm256_srli_epi32(kb, 4), 23);
    P.se = _mm256_castsi256_ps(_mm256_add_epi32(nb, I8(126 << 23)));
    P.sw = _mm256_castsi256_ps(_mm256_sub_epi32(I8(126 << 23), _mm256_min_epi32(nb, I8(125 << 23))));
    P.e = _mm256_mul_ps(P.se, thi);
    P.w = _mm256_mul_ps(P.sw, uhi);
    P.fw = _mm256_fmadd_ps(uhi, pm, ulo);
    return P;
}

#endif
