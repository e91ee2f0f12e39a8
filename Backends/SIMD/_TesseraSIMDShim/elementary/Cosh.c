// cosh for float32 and float64.
//
// cosh is even: computed for a = |x|, as (e^a + e^-a) / 2, which has no cancellation
// anywhere. Arguments beyond the overflow threshold give inf (NumPy's, also at ±inf),
// cosh(±0) = 1, NaN stays NaN.
#include "ElementaryDerivedCommon.h"
#include "ExpTableCore.h"

// float32, evaluated in double: E = e^a from the float32 expm1 kernel (relative error
// near 1e-10), cosh a = (E + 1/E) / 2.
TE_INLINE float te_cosh_f32(float xf) {
    double a = __builtin_fabs((double)xf);
    a = a > 90.0 ? 90.0 : a; // cosh 90 overflows float32
    double e = te_expm1_f32_core(a) + 1.0;
    return (float)(0.5 * (e + 1.0 / e));
}

// float64: a = n ln2 + r (r carried as r + dr, as in exp), cosh a = 2^(n-1) (e^r +
// 2^-2n e^-r). e^r is carried as ph + pl, its reciprocal as mh + ml (one division and a
// fused multiply-add residual), and their sum with its rounding error kept, so the only
// rounding of size is the last addition's. 2^(n-1) is applied as two factors, so that
// overflow happens in the last multiply only (a is clamped at 711, beyond the
// threshold); for n >= 60 the e^-r term is below any ULP and dropped.
TE_INLINE double te_cosh_f64(double x) {
    double a = __builtin_fabs(x);
    a = a > 711.0 ? 711.0 : a;
    te_exp_reduction e = te_exp_reduce_f64(a);
    double n = e.n, r = e.r, dr = e.dr;
    double hi = 1.0 + r;
    double tail = ((1.0 - hi) + r) + (te_exp_f64_tail(r) + te_mla(dr, r, dr));
    double ph = hi + tail;
    double pl = tail - (ph - hi); // e^r = ph + pl
    double mh0 = 1.0 / ph;
    double ml0 = (te_fma(-mh0, ph, 1.0) - mh0 * pl) * mh0; // e^-r = mh0 + ml0
    double w = n < 60.0 ? te_pow2(-2.0 * n) : 0.0;
    double mh = mh0 * w, ml = ml0 * w;
    double sh = ph + mh; // ph >= mh
    double v = sh + (((ph - sh) + mh) + (pl + ml));
    double h = n - 1.0;
    double h1 = te_floor(h * 0.5);
    return v * te_pow2(h1) * te_pow2(h - h1);
}

TE_UNARY(cosh_f32, float, te_cosh_f32)
#ifdef TE_SSE2_UNIT
// float64 at SSE2, where the residual's fused multiply-add above is Dekker's product and
// the division is slow: e^a and e^-a both from exp's table (ExpTableCore.h), no division.
// a = k ln2/16 + r with k = 16 n + j and |r| <= ln2/32 as in exp; -a = -k ln2/16 - r with
// -k = 16 n' + j'. So 2 cosh a = 2^n (X (1 + t+) + Y (1 + t-)) with X = 2^(j/16),
// Y = 2^(n'-n) 2^(j'/16) (exact powers of two times the table's hi, Y = 0 once below
// 2^-60 of X), t+ = rel_j + (e^r - 1), t- = rel_j' + (e^-r - 1); e^±r - 1 share the even
// and odd halves of exp's table polynomial. X + Y is summed with its rounding error kept
// (X >= Y), the rest (|t±| <= 0.03) is small, so the last addition is the only rounding
// of size. 2^(n-1) is applied as two factors, so that overflow happens in the last
// multiply only (a is clamped at 711, beyond the threshold).
TE_INLINE double te_cosh_f64_table(double x) {
    double a = __builtin_fabs(x);
    a = a > 711.0 ? 711.0 : a;
    double kd = te_mla(a, TE_EXP_N_OVER_LN2, TE_ROUND_MAGIC);
    double k = kd - TE_ROUND_MAGIC;
    double r = te_mla(-k, TE_EXP_LN2_N_HI, a); // exact: k ln2_hi/16 has at most 52 bits
    r = te_mla(-k, TE_EXP_LN2_N_LO, r);
    uint64_t ki = te_bits(kd), mi = te_bits(TE_ROUND_MAGIC - k); // -k in the low bits
    uint64_t j = ki & TE_EXP_TABLE_MASK, jm = mi & TE_EXP_TABLE_MASK;
    int64_t n = (int64_t)(ki << 44) >> (44 + TE_EXP_TABLE_BITS);  // floor(k / 16), 0...1025
    int64_t nm = (int64_t)(mi << 44) >> (44 + TE_EXP_TABLE_BITS); // floor(-k / 16)
    double X = te_double(te_exp_table_hi[j] + (j << (52 - TE_EXP_TABLE_BITS)));
    double Y = te_double(te_exp_table_hi[jm] + (jm << (52 - TE_EXP_TABLE_BITS)) + ((uint64_t)(nm - n) << 52));
    Y = nm - n < -60 ? 0.0 : Y;
    double r2 = r * r;
    double even = te_mla(te_mla(TE_EXP_T_C6, r2, TE_EXP_T_C4), r2, TE_EXP_T_C2);
    double odd = te_mla(te_mla(TE_EXP_T_C7, r2, TE_EXP_T_C5), r2, TE_EXP_T_C3) * r;
    double tp = te_mla(r2, even + odd, r + te_exp_table_rel[j]);
    double tm = te_mla(r2, even - odd, te_exp_table_rel[jm] - r);
    double lo = te_mla(X, tp, Y * tm);
    double A = X + Y;
    double Ae = (X - A) + Y;
    double v = A + (Ae + lo);
    int64_t h = n - 1, h1 = h >> 1, h2 = h - h1; // h in [-1, 1024]
    return v * te_double((uint64_t)(h1 + 1023) << 52) * te_double((uint64_t)(h2 + 1023) << 52);
}
TE_UNARY(cosh_f64, double, te_cosh_f64_table)
#else
TE_UNARY(cosh_f64, double, te_cosh_f64)
#endif
