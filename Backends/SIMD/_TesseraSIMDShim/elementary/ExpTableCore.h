// The table-driven float64 e^x of exp.
//
// x = (16 n + j) ln2/16 + r with k = 16 n + j = round(16 x / ln2) and |r| <= ln2/32,
// so e^x = 2^n 2^(j/16) e^r. 2^(j/16) comes from a 16-entry table as a double hi and
// its relative rounding error rel (together exact to about 2^-106), e^r - 1 is
// r + r^2 (c2 + c3 r + ... + c7 r^5) (error below 2^-64), and e^x = s + s tmp with
// s = 2^n hi and tmp = rel + (e^r - 1) (rel (e^r - 1) is below 2^-58 of the result and
// left out), rounded once by the fused multiply-add. Thirteen floating-point
// operations, two table lookups and two integer ones per element, against about thirty
// for a polynomial on |r| <= ln2/2. Sixteen entries make each column of the table two
// AVX-512 registers, so that there a lookup is one two-source permute (an 8-lane
// gather is several times slower on Zen 4); at AVX2 the compiler's gathers still beat
// the longer polynomial. Both compute the same operations.
#ifndef TESSERA_EXP_TABLE_CORE_H
#define TESSERA_EXP_TABLE_CORE_H

#include <immintrin.h>
#include "ElementaryCommon.h"
#include "ElementaryExpTable.h"

#define TE_EXP_TABLE_MASK ((1 << TE_EXP_TABLE_BITS) - 1)
static const uint64_t te_exp_table_hi[1 << TE_EXP_TABLE_BITS] __attribute__((aligned(64))) = {TE_EXP_TABLE_HI};
static const double te_exp_table_rel[1 << TE_EXP_TABLE_BITS] __attribute__((aligned(64))) = {TE_EXP_TABLE_REL};

// 2^(k/16) e^r from the reduced argument r (|r| within about ln2/32) and kd's bits, whose
// low 20 bits hold k = 16 n + j: tmp = rel_j + (e^r - 1), then hi_j + hi_j tmp scaled by
// 2^n. With `full` = 0, 2^n and the result must be normal, and s = 2^n hi_j is formed
// directly. Otherwise 2^n is applied as two factors after the rounding, so that overflow
// happens only in the last multiply, and a subnormal result is rounded once from the
// unrounded hi_j + hi_j tmp (te_subnormal_round); on normal results both give the same
// bits. exp and, at SSE2, exp2 (Exp2.c) end here.
TE_INLINE double te_exp_table_scale(double r, uint64_t ki, const int full) {
    uint64_t j = ki & TE_EXP_TABLE_MASK;
    double r2 = r * r;
    double a = te_mla(TE_EXP_T_C3, r, TE_EXP_T_C2);
    double b = te_mla(TE_EXP_T_C5, r, TE_EXP_T_C4);
    double c = te_mla(TE_EXP_T_C7, r, TE_EXP_T_C6);
    double p = te_mla(te_mla(c, r2, b), r2, a);
    double tmp = te_mla(p, r2, r + te_exp_table_rel[j]);
#ifndef TE_SSE2_UNIT
    if (!full) {
        double s = te_double(te_exp_table_hi[j] + (ki << (52 - TE_EXP_TABLE_BITS)));
        return te_mla(s, tmp, s);
    }
#endif
    // k from the low 20 bits of kd's significand (|k| < 2^15), n = floor(k / 16).
    int64_t ni = (int64_t)(ki << 44) >> (44 + TE_EXP_TABLE_BITS);
    double hi = te_double(te_exp_table_hi[j] + (j << (52 - TE_EXP_TABLE_BITS)));
    double pv = te_mla(hi, tmp, hi);
#ifdef TE_SSE2_UNIT
    // Without a fused multiply-add, s tmp with s = 2^n hi rounds in the subnormal range
    // when s is below about 2^-1015 (results near e^-705), so the lean kernel applies 2^n
    // after the rounding too: one exact multiply (2^n and the result are normal), the
    // full kernel's bits.
    if (!full) return pv * te_double((uint64_t)(ni + 1023) << 52);
#endif
    int64_t n1 = ni >> 1, n2 = ni - n1;
    double s1 = te_double((uint64_t)(n1 + 1023) << 52);
    double s2 = te_double((uint64_t)(n2 + 1023) << 52);
    double res = pv * s1 * s2;
    // Results below 2^-1022 (n <= -1022): hi 2^(n + 1022) (1 + tmp) = y + e, with e the
    // fused multiply-add's rounding error, rounded once at the subnormal spacing.
    int64_t nt = ni < -1100 ? -1100 : ni; // keeps the scale's exponent field in range
    double sh = hi * te_double((uint64_t)(nt + 1022 + 1023) << 52);
    double y = te_mla(sh, tmp, sh);
    double e = te_fma(sh, tmp, sh - y);
    return (ni <= -1022 && y < 1.0) ? te_subnormal_round(y, e) : res;
}

// e^(x + xl) for x in [-746, 710] or NaN and |xl| below about 2^-14 |x| (none when
// `has_low` is 0: exp); k is rounded from x + xl, so that |r| stays within ln2/32 (plus
// rounding). With `full` = 0, x must lie where 2^n is normal (|x| < 708); see
// te_exp_table_scale.
TE_INLINE double te_exp_f64_table_core(double x, double xl, const int has_low, const int full) {
    double kd = te_mla(has_low ? x + xl : x, TE_EXP_N_OVER_LN2, TE_ROUND_MAGIC);
    double k = kd - TE_ROUND_MAGIC;
    double r = te_mla(-k, TE_EXP_LN2_N_HI, x); // exact: k ln2_hi/16 has at most 52 bits
    r = te_mla(-k, TE_EXP_LN2_N_LO, r);
    if (has_low) r = r + xl;
    return te_exp_table_scale(r, te_bits(kd), full);
}
TE_INLINE double te_exp_f64_table(double x, const int full) { return te_exp_f64_table_core(x, 0.0, 0, full); }
TE_INLINE double te_exp_f64_table_low(double x, double xl, const int full) {
    return te_exp_f64_table_core(x, xl, 1, full);
}

// The same operations as te_exp_f64_table_core(x, 0, 0, 0) on eight lanes, the table
// lookups as two-source permutes (which read the low four bits of kd's bits: k mod 16).
typedef struct { __m512i hi0, hi1; __m512d rel0, rel1; } te_exp_table_v8;
static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_exp_table_v8 te_exp_table_load_v8(void) {
    te_exp_table_v8 t;
    t.hi0 = _mm512_load_si512((const void *)te_exp_table_hi);
    t.hi1 = _mm512_load_si512((const void *)(te_exp_table_hi + 8));
    t.rel0 = _mm512_load_pd(te_exp_table_rel);
    t.rel1 = _mm512_load_pd(te_exp_table_rel + 8);
    return t;
}
#define TE_V8 static TE_TARGET_AVX512 inline __attribute__((always_inline))
TE_V8 __m512d te_exp_f64_lean_v8(__m512d x, te_exp_table_v8 t) {
    const __m512d magic = _mm512_set1_pd(TE_ROUND_MAGIC);
    __m512d kd = _mm512_fmadd_pd(x, _mm512_set1_pd(TE_EXP_N_OVER_LN2), magic);
    __m512d k = _mm512_sub_pd(kd, magic);
    __m512d r = _mm512_fnmadd_pd(k, _mm512_set1_pd(TE_EXP_LN2_N_HI), x);
    r = _mm512_fnmadd_pd(k, _mm512_set1_pd(TE_EXP_LN2_N_LO), r);
    __m512i ki = _mm512_castpd_si512(kd);
    __m512d rel = _mm512_permutex2var_pd(t.rel0, ki, t.rel1);
    __m512i hi = _mm512_permutex2var_epi64(t.hi0, ki, t.hi1);
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d a = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C3), r, _mm512_set1_pd(TE_EXP_T_C2));
    __m512d b = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C5), r, _mm512_set1_pd(TE_EXP_T_C4));
    __m512d c = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C7), r, _mm512_set1_pd(TE_EXP_T_C6));
    __m512d p = _mm512_fmadd_pd(_mm512_fmadd_pd(c, r2, b), r2, a);
    __m512d tmp = _mm512_fmadd_pd(p, r2, _mm512_add_pd(r, rel));
    __m512d s = _mm512_castsi512_pd(_mm512_add_epi64(hi, _mm512_slli_epi64(ki, 52 - TE_EXP_TABLE_BITS)));
    return _mm512_fmadd_pd(s, tmp, s);
}

#endif
