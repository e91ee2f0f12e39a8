// exp2 (2^x) for float32 and float64.
//
// 2^x = 2^n 2^r with n = round(x) (float64: round(16 x) / 16) and r = x - n, which is
// exact; 2^r = e^(r ln2) with exp's polynomial, and 2^n goes into the exponent field.
// Integer x gives 2^x exactly. (float32 at AVX2 and AVX-512: Exp2F32.c.) Inputs are
// clamped just outside the range where the result is finite and nonzero, so overflow and
// underflow come out of the final multiply as NumPy's inf and 0; NaN passes through every
// step.
#include "ElementaryDerivedCommon.h"
#include "ExpTableCore.h"

// float32, evaluated in double (the SSE2 loop; AVX2 and AVX-512 evaluate float32 in
// float32 lanes, Exp2F32.c): r ln2 rounded once, e^y by the float32 exp polynomial
// (relative error near 1e-10), 2^n exact in double for every float32 result (subnormal
// ones included), so the only rounding that shows is the conversion.
TE_INLINE float te_exp2_f32(float xf) {
    double x = xf;
    x = x > 130.0 ? 130.0 : x;   // 2^128 overflows float32
    x = x < -160.0 ? -160.0 : x; // 2^-151 rounds to 0
    double kd = x + TE_ROUND_MAGIC;
    double n = kd - TE_ROUND_MAGIC;
    double y = (x - n) * TE_LN2_FULL_HI;
    double y2 = y * y, y4 = y2 * y2;
    double p01 = te_mla(TE_F32_EXP_C1, y, TE_F32_EXP_C0);
    double p23 = te_mla(TE_F32_EXP_C3, y, TE_F32_EXP_C2);
    double p45 = te_mla(TE_F32_EXP_C5, y, TE_F32_EXP_C4);
    double p67 = te_mla(TE_F32_EXP_C7, y, TE_F32_EXP_C6);
    double p = te_mla(te_mla(p67, y2, p45), y4, te_mla(p23, y2, p01));
    double scale = te_double((te_bits(kd) + 1023) << 52); // 2^n, n in [-160, 130]
    return (float)(p * scale);
}

#ifdef TE_SSE2_UNIT
TE_UNARY(exp2_f32, float, te_exp2_f32)
#endif
// Ordinary: |x| < 1020 (2^n and 2^x normal and finite); NaN is not. Blocks (at AVX-512,
// vectors) of them take the kernel's lean form (no clamps, 2^n as one factor, no
// subnormal rounding).
#define TE_EXP2_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x408fe00000000000ULL)
// float64: exp's table (ExpTableCore.h). 2^x = 2^n 2^(j/16) e^y with k = 16 n + j =
// round(16 x), r = x - k/16 exact and within ±1/32, and y = r ln2 rounded once: |y| <=
// ln2/32, so that rounding is at most 0.011 ULP of the result and no exact product is
// needed (which SSE2, without a fused multiply-add, could not form cheaply). e^y - 1 is
// exp's table polynomial, and 2^x = 2^n (hi_j + hi_j tmp) with tmp = rel_j + (e^y - 1),
// exp's own ending (te_exp_table_scale). Operands where 2^x may be subnormal or overflow
// (|x| >= 1020), inf and NaN take the clamps and apply 2^n as two factors after the
// rounding (subnormal results rounded once).
TE_INLINE double te_exp2_f64_table(double x, const int full) {
    if (full) {
        x = x > 1025.0 ? 1025.0 : x;
        x = x < -1080.0 ? -1080.0 : x;
    }
    double kd = te_mla(x, 16.0, TE_ROUND_MAGIC); // 16 x is exact
    double k = kd - TE_ROUND_MAGIC;
    double r = te_mla(k, -1.0 / 16.0, x);        // exact
    double y = te_mla(r, TE_LN2_FULL_HI, r * TE_LN2_FULL_LO);
    return te_exp_table_scale(y, te_bits(kd), full);
}
#ifdef TE_SSE2_UNIT
TE_UNARY_CHECKED(exp2_f64, double, te_exp2_f64_table, TE_EXP2_F64_ORDINARY)
#else
TE_CHECKED_BLOCK(exp2_f64, double, te_exp2_f64_table, TE_EXP2_F64_ORDINARY, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(exp2_f64, double, avx2, TE_TARGET_AVX2)

// At AVX-512 the lean form is written with intrinsics, for the permute lookups (the
// operations of te_exp_f64_lean_v8 from y on), and each vector is checked on its own:
// one with a special operand takes the compiler-vectorized full form.
static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512d te_exp2_f64_lean_v8(__m512d x, te_exp_table_v8 t) {
    const __m512d magic = _mm512_set1_pd(TE_ROUND_MAGIC);
    __m512d kd = _mm512_fmadd_pd(x, _mm512_set1_pd(16.0), magic);
    __m512d k = _mm512_sub_pd(kd, magic);
    __m512d r = _mm512_fmadd_pd(k, _mm512_set1_pd(-1.0 / 16.0), x);
    __m512d y = _mm512_fmadd_pd(r, _mm512_set1_pd(TE_LN2_FULL_HI), _mm512_mul_pd(r, _mm512_set1_pd(TE_LN2_FULL_LO)));
    __m512i ki = _mm512_castpd_si512(kd);
    __m512d rel = _mm512_permutex2var_pd(t.rel0, ki, t.rel1);
    __m512i hi = _mm512_permutex2var_epi64(t.hi0, ki, t.hi1);
    __m512d y2 = _mm512_mul_pd(y, y);
    __m512d a = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C3), y, _mm512_set1_pd(TE_EXP_T_C2));
    __m512d b = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C5), y, _mm512_set1_pd(TE_EXP_T_C4));
    __m512d c = _mm512_fmadd_pd(_mm512_set1_pd(TE_EXP_T_C7), y, _mm512_set1_pd(TE_EXP_T_C6));
    __m512d p = _mm512_fmadd_pd(_mm512_fmadd_pd(c, y2, b), y2, a);
    __m512d tmp = _mm512_fmadd_pd(p, y2, _mm512_add_pd(y, rel));
    __m512d s = _mm512_castsi512_pd(_mm512_add_epi64(hi, _mm512_slli_epi64(ki, 52 - TE_EXP_TABLE_BITS)));
    return _mm512_fmadd_pd(s, tmp, s);
}
static TE_TARGET_AVX512 void te_exp2_f64_full8_avx512(const double *in, double *out) {
    TE_ASSUME_SAFETY for (intptr_t i = 0; i < 8; i++) out[i] = te_exp2_f64_table(in[i], 1);
}
static TE_TARGET_AVX512 inline __attribute__((always_inline)) void te_exp2_f64_block_avx512(const double *in, double *out, intptr_t n) {
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) out[i] = te_exp2_f64_table(in[i], 1);
        return;
    }
    const te_exp_table_v8 t = te_exp_table_load_v8();
    intptr_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m512d x = _mm512_loadu_pd(in + i);
        __m512d a = _mm512_abs_pd(x);
        if (__builtin_expect(_mm512_cmp_pd_mask(a, _mm512_set1_pd(1020.0), _CMP_LT_OQ) != 0xff, 0)) {
            te_exp2_f64_full8_avx512(in + i, out + i);
        } else {
            _mm512_storeu_pd(out + i, te_exp2_f64_lean_v8(x, t));
        }
    }
    for (; i < n; i++) out[i] = te_exp2_f64_table(in[i], 1);
}
TE_BLOCK2_BUFFERED(exp2_f64, double, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP_2(exp2_f64, double, avx512, TE_TARGET_AVX512)
#endif
