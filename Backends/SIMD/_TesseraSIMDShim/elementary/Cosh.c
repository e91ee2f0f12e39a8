// cosh for float32 and float64.
//
// cosh is even: computed for a = |x|, as (e^a + e^-a) / 2, which has no cancellation
// anywhere. Arguments beyond the overflow threshold give inf (NumPy's, also at ±inf),
// cosh(±0) = 1, NaN stays NaN.
#include "ElementaryDerivedCommon.h"
#include "ExpTableCore.h"

// float32, evaluated in double (the SSE2 loop; AVX2 and AVX-512 evaluate float32 in
// float32 lanes, CoshF32.c): E = e^a from the float32 expm1 kernel (relative error near
// 1e-10), cosh a = (E + 1/E) / 2.
TE_INLINE float te_cosh_f32(float xf) {
    double a = __builtin_fabs((double)xf);
    a = a > 90.0 ? 90.0 : a; // cosh 90 overflows float32
    double e = te_expm1_f32_core(a) + 1.0;
    return (float)(0.5 * (e + 1.0 / e));
}

#ifdef TE_SSE2_UNIT
TE_UNARY(cosh_f32, float, te_cosh_f32)
#endif
// float64: e^a and e^-a both from exp's table (ExpTableCore.h), no division.
// a = k ln2/16 + r with k = 16 n + j and |r| <= ln2/32 as in exp; -a = -k ln2/16 - r with
// -k = 16 n' + j'. So 2 cosh a = 2^n (X (1 + t+) + Y (1 + t-)) with X = 2^(j/16),
// Y = 2^(n'-n) 2^(j'/16) (exact powers of two times the table's hi, Y = 0 once below
// 2^-60 of X: k > 480), t+ = rel_j + (e^r - 1), t- = rel_j' + (e^-r - 1); e^±r - 1 share
// the even and odd halves of exp's table polynomial. X + Y is summed with its rounding
// error kept (X >= Y), the rest (|t±| <= 0.03) is small, so the last addition is the only
// rounding of size. 2^(n-1) is applied as two factors, so that overflow happens in the
// last multiply only (a is clamped at 711, beyond the threshold).
// With `full` = 0 (|x| < 708: the result and every intermediate normal), X and Y carry
// 2^n and 2^n' themselves (k's bits shifted into the exponent field, as in exp's lean
// kernel) and the sum is halved: every operation is the full form's scaled by 2^n, exactly,
// so both give the same bits.
TE_INLINE double te_cosh_f64_table(double x, const int full) {
    double a = __builtin_fabs(x);
    if (full) a = a > 711.0 ? 711.0 : a;
    double kd = te_mla(a, TE_EXP_N_OVER_LN2, TE_ROUND_MAGIC);
    double k = kd - TE_ROUND_MAGIC;
    double r = te_mla(-k, TE_EXP_LN2_N_HI, a); // exact: k ln2_hi/16 has at most 52 bits
    r = te_mla(-k, TE_EXP_LN2_N_LO, r);
    uint64_t ki = te_bits(kd), mi = te_bits(TE_ROUND_MAGIC - k); // -k in the low bits
    uint64_t j = ki & TE_EXP_TABLE_MASK, jm = mi & TE_EXP_TABLE_MASK;
    double r2 = r * r;
    double even = te_mla(te_mla(TE_EXP_T_C6, r2, TE_EXP_T_C4), r2, TE_EXP_T_C2);
    double odd = te_mla(te_mla(TE_EXP_T_C7, r2, TE_EXP_T_C5), r2, TE_EXP_T_C3) * r;
    double tp = te_mla(r2, even + odd, r + te_exp_table_rel[j]);
    double tm = te_mla(r2, even - odd, te_exp_table_rel[jm] - r);
    if (!full) {
        double X = te_double(te_exp_table_hi[j] + (ki << (52 - TE_EXP_TABLE_BITS)));
        double Y = te_double(te_exp_table_hi[jm] + (mi << (52 - TE_EXP_TABLE_BITS)));
        Y = k > 480.0 ? 0.0 : Y;
        double lo = te_mla(X, tp, Y * tm);
        double A = X + Y;
        double Ae = (X - A) + Y;
        return (A + (Ae + lo)) * 0.5;
    }
    int64_t n = (int64_t)(ki << 44) >> (44 + TE_EXP_TABLE_BITS);  // floor(k / 16), 0...1025
    int64_t nm = (int64_t)(mi << 44) >> (44 + TE_EXP_TABLE_BITS); // floor(-k / 16)
    double X = te_double(te_exp_table_hi[j] + (j << (52 - TE_EXP_TABLE_BITS)));
    double Y = te_double(te_exp_table_hi[jm] + (jm << (52 - TE_EXP_TABLE_BITS)) + ((uint64_t)(nm - n) << 52));
    Y = k > 480.0 ? 0.0 : Y; // n' - n < -60
    double lo = te_mla(X, tp, Y * tm);
    double A = X + Y;
    double Ae = (X - A) + Y;
    double v = A + (Ae + lo);
    int64_t h = n - 1, h1 = h >> 1, h2 = h - h1; // h in [-1, 1024]
    return v * te_double((uint64_t)(h1 + 1023) << 52) * te_double((uint64_t)(h2 + 1023) << 52);
}
// Ordinary: |x| < 708, as exp's; NaN is not.
#define TE_COSH_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x4086200000000000ULL)
#ifdef TE_SSE2_UNIT
// At SSE2 (no fused multiply-add: the polynomial steps are a multiply and an add) the full
// form everywhere.
TE_INLINE double te_cosh_f64_table_full(double x) { return te_cosh_f64_table(x, 1); }
TE_UNARY(cosh_f64, double, te_cosh_f64_table_full)
#else
TE_CHECKED_BLOCK(cosh_f64, double, te_cosh_f64_table, TE_COSH_F64_ORDINARY, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(cosh_f64, double, avx2, TE_TARGET_AVX2)

// At AVX-512 the lean form is written with intrinsics, for the permute lookups (as exp's,
// ExpTableCore.h), and each vector is checked on its own: one with a special operand
// takes the compiler-vectorized full form. The rounding constant is 1.5 * 2^52 - 16, so
// that kd's low bits hold k - 16 (and those of magic - k, -k - 16): X and Y come out
// halved, which is the lean form's last multiply, exactly.
static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512d te_cosh_f64_lean_v8(__m512d a, te_exp_table_v8 t) {
    const __m512d magic = _mm512_set1_pd(TE_ROUND_MAGIC - 16.0);
    __m512d kd = _mm512_fmadd_pd(a, _mm512_set1_pd(TE_EXP_N_OVER_LN2), magic);
    __m512d k = _mm512_sub_pd(kd, magic);
    __m512d r = _mm512_fnmadd_pd(k, _mm512_set1_pd(TE_EXP_LN2_N_HI), a);
    r = _mm512_fnmadd_pd(k, _mm512_set1_pd(TE_EXP_LN2_N_LO), r);
    __m512i ki = _mm512_castpd_si512(kd), mi = _mm512_castpd_si512(_mm512_sub_pd(magic, k));
    __m512d relp = _mm512_permutex2var_pd(t.rel0, ki, t.rel1);
    __m512d relm = _mm512_permutex2var_pd(t.rel0, mi, t.rel1);
    __m512i hip = _mm512_permutex2var_epi64(t.hi0, ki, t.hi1);
    __m512i him = _mm512_permutex2var_epi64(t.hi0, mi, t.hi1);
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d even = _mm512_fmadd_pd(_mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C6), r2, _mm512_set1_pd(TE_EXP_T_C4)), r2, _mm512_set1_pd(TE_EXP_T_C2));
    __m512d odd = _mm512_mul_pd(_mm512_fmadd_pd(_mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C7), r2, _mm512_set1_pd(TE_EXP_T_C5)), r2, _mm512_set1_pd(TE_EXP_T_C3)), r);
    __m512d tp = _mm512_fmadd_pd(r2, _mm512_add_pd(even, odd), _mm512_add_pd(r, relp));
    __m512d tm = _mm512_fmadd_pd(r2, _mm512_sub_pd(even, odd), _mm512_sub_pd(relm, r));
    __m512d X = _mm512_castsi512_pd(_mm512_add_epi64(hip, _mm512_slli_epi64(ki, 52 - TE_EXP_TABLE_BITS)));
    // Y = 0 where k > 480, as in the full form.
    __mmask8 keep = _mm512_cmp_pd_mask(k, _mm512_set1_pd(480.0), _CMP_LE_OQ);
    __m512d Y = _mm512_castsi512_pd(_mm512_maskz_add_epi64(keep, him, _mm512_slli_epi64(mi, 52 - TE_EXP_TABLE_BITS)));
    __m512d lo = _mm512_fmadd_pd(X, tp, _mm512_mul_pd(Y, tm));
    __m512d A = _mm512_add_pd(X, Y);
    __m512d Ae = _mm512_add_pd(_mm512_sub_pd(X, A), Y);
    return _mm512_add_pd(A, _mm512_add_pd(Ae, lo));
}
static TE_TARGET_AVX512 void te_cosh_f64_full8_avx512(const double *in, double *out) {
    TE_ASSUME_SAFETY for (intptr_t i = 0; i < 8; i++) out[i] = te_cosh_f64_table(in[i], 1);
}
static TE_TARGET_AVX512 inline __attribute__((always_inline)) void te_cosh_f64_block_avx512(const double *in, double *out, intptr_t n) {
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) out[i] = te_cosh_f64_table(in[i], 1);
        return;
    }
    const te_exp_table_v8 t = te_exp_table_load_v8();
    intptr_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512d a = _mm512_abs_pd(_mm512_loadu_pd(in + i));
        if (__builtin_expect(_mm512_cmp_pd_mask(a, _mm512_set1_pd(708.0), _CMP_LT_OQ) != 0xff, 0)) {
            te_cosh_f64_full8_avx512(in + i, out + i);
        } else {
            _mm512_storeu_pd(out + i, te_cosh_f64_lean_v8(a, t));
        }
    }
    for (; i < n; i++) out[i] = te_cosh_f64_table(in[i], 1);
}
TE_BLOCK2_BUFFERED(cosh_f64, double, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP_2(cosh_f64, double, avx512, TE_TARGET_AVX512)
#endif
