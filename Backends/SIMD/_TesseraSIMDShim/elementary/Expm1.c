// expm1 (e^x - 1) for float32 and float64.
//
// x = n ln2 + r with |r| <= ln2/2, and e^x - 1 = 2^n (e^r - 1) + (2^n - 1). For n = 0
// the result is r + (e^r - 1 - r) with no cancellation, so small |x| keeps its relative
// accuracy; for n != 0, |x| > ln2/2 and the sum loses no more than the last rounding.
// Inputs are clamped where the result is -1 after rounding (x < -40) or overflows
// (x > 710), so -inf gives -1 and +inf gives inf as in NumPy; NaN passes through and
// ±0 is returned as it is.
#include "ElementaryExtendedCommon.h"

// float32, evaluated in double: the SSE2 loop. (AVX2 and AVX-512 evaluate float32 in
// float32 lanes, Expm1F32.c.)
TE_INLINE float te_expm1_f32(float xf) {
    double x = xf;
    x = x > 90.0 ? 90.0 : x; // e^90 overflows float32
    x = x < -30.0 ? -30.0 : x; // e^-30 - 1 rounds to -1 in float32
    float y = (float)te_expm1_f32_core(x);
    return xf == 0.0f ? xf : y;
}

// float64. r = x - n ln2 is carried as r + dr (n ln2_hi is exact), and e^(r + dr) - 1
// = r + r^2/2 + (w(r) + dr (1 + r)) with w the terms of degree 3 and more. The large
// parts 2^n r, 2^n - 1 and 2^n r^2/2 are exact or carry their rounding error (r^2/2's
// from a fused multiply-add, 2^n - 1's from an exact two-sum) and are summed with their
// rounding errors kept, so the only rounding of size is the last addition's. n = 1024 (x just below the
// overflow threshold) is computed as 2 (2^1023 (e^r - 1) + 2^1023 - 1/2). n = 0 takes
// the same path (2^n - 1 = 0).
TE_INLINE double te_expm1_f64(double x0) {
    double x = x0 > 710.0 ? 710.0 : x0;
    x = x < -40.0 ? -40.0 : x;
    te_exp_reduction e = te_exp_reduce_f64(x);
    double n = e.n, r = e.r, dr = e.dr;
    double r2 = r * r;
    double v = 0.5 * r2;                             // r^2/2 = v + vl exactly
    double vl = 0.5 * te_fma(r, r, -r2);
    double lo = vl + (te_exp_f64_tail3(r) + te_mla(dr, r, dr));
    int top = n > 1023.0;
    double scale = te_pow2(top ? n - 1.0 : n);
    double one = top ? 0.5 : 1.0;
    double t = scale - one;
    double bt = t - scale;
    double te = (scale - (t - bt)) - (one + bt); // 2^n - 1 = t + te exactly
    double u = scale * r, sv = scale * v; // exact
    double s1 = u + t;
    double b1 = s1 - u;
    double e1 = (u - (s1 - b1)) + (t - b1); // u + t = s1 + e1 exactly
    double s2 = s1 + sv;
    double b2 = s2 - s1;
    double e2 = (s1 - (s2 - b2)) + (sv - b2); // s1 + sv = s2 + e2 exactly
    double y = s2 + te_mla(scale, lo, (e1 + e2) + te);
    y = top ? y * 2.0 : y;
    return x0 == 0.0 ? x0 : y;
}

#ifdef TE_SSE2_UNIT
TE_UNARY_INTERLEAVED(expm1_f32, float, te_expm1_f32)
#endif
TE_UNARY_INTERLEAVED(expm1_f64, double, te_expm1_f64)
