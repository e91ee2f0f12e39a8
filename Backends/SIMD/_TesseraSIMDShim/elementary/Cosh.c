// cosh for float32 and float64.
//
// cosh is even: computed for a = |x|, as (e^a + e^-a) / 2, which has no cancellation
// anywhere. Arguments beyond the overflow threshold give inf (NumPy's, also at ±inf),
// cosh(±0) = 1, NaN stays NaN.
#include "ElementaryDerivedCommon.h"

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
TE_UNARY(cosh_f64, double, te_cosh_f64)
