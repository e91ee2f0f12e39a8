// arcsin and arccos for float32 and float64.
//
// With a = |x|: for a <= 1/2, asin a = a + a^3 p(a^2); beyond, asin a = pi/2 - 2 asin s
// with s = sqrt(z), z = (1 - a)/2 <= 1/4 (exact), so both branches evaluate one
// polynomial at z <= 1/4 and nothing cancels: pi/2 - 2 asin s >= pi/6. The sign of x is
// copied back (arcsin(-0) = -0); |x| > 1 takes the square root of a negative number and
// NaN comes out, as it does for NaN. arccos uses the same polynomial: for |x| <= 1/2,
// acos x = pi/2 - asin x; beyond, acos |x| = 2 asin s and acos(-|x|) = pi - 2 asin s,
// which again cancel nothing (the results are >= pi/3, 0 to pi/3, and >= 2pi/3).
#include "ElementaryExtendedCommon.h"

// float32, evaluated in double: asin t = t p(t^2), relative error 2e-11.
TE_INLINE double te_asin_poly_f32(double z) {
    double z2 = z * z, z4 = z2 * z2;
    double p01 = te_mla(TE_F32_ASIN_C1, z, TE_F32_ASIN_C0);
    double p23 = te_mla(TE_F32_ASIN_C3, z, TE_F32_ASIN_C2);
    double p45 = te_mla(TE_F32_ASIN_C5, z, TE_F32_ASIN_C4);
    double p67 = te_mla(TE_F32_ASIN_C7, z, TE_F32_ASIN_C6);
    return te_mla(te_mla(p67, z2, p45), z4, te_mla(p23, z2, p01));
}

TE_INLINE float te_arcsin_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : a * a;
    double t = big ? __builtin_elementwise_sqrt(z) : a;
    double v = t * te_asin_poly_f32(z);
    v = big ? te_mla(-2.0, v, TE_PIO2) : v;
    return (float)te_copysign(v, x);
}

TE_INLINE float te_arccos_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : x * x;
    double t = big ? __builtin_elementwise_sqrt(z) : x;
    double v = t * te_asin_poly_f32(z); // asin x, or asin s beyond 1/2
    double far = x > 0.0 ? 2.0 * v : te_mla(-2.0, v, TE_PI_HI);
    return (float)(big ? far : TE_PIO2 - v);
}

// (The square roots are __builtin_elementwise_sqrt, which sets no errno and so vectorises.)
//
// float64: s = sqrt(z) is carried as s + ds (ds from the exact residual z - s^2), and
// pi/2 - 2s is summed with its rounding error kept, so the only roundings of size are
// the polynomial term's (at most 1/24 of the result) and the last addition's.
// w(z) = (asin t - t)/t, z = t^2 <= 1/4.
TE_INLINE double te_asin_w_f64(double z) {
    double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
    double p01 = te_mla(TE_F64_ASIN_C1, z, TE_F64_ASIN_C0);
    double p23 = te_mla(TE_F64_ASIN_C3, z, TE_F64_ASIN_C2);
    double p45 = te_mla(TE_F64_ASIN_C5, z, TE_F64_ASIN_C4);
    double p67 = te_mla(TE_F64_ASIN_C7, z, TE_F64_ASIN_C6);
    double p89 = te_mla(TE_F64_ASIN_C9, z, TE_F64_ASIN_C8);
    double p1011 = te_mla(TE_F64_ASIN_C11, z, TE_F64_ASIN_C10);
    double p1213 = te_mla(TE_F64_ASIN_C13, z, TE_F64_ASIN_C12);
    double p03 = te_mla(p23, z2, p01);
    double p47 = te_mla(p67, z2, p45);
    double p811 = te_mla(p1011, z2, p89);
    double p813 = te_mla(p1213, z4, p811);
    return z * te_mla(p813, z8, te_mla(p47, z4, p03));
}

TE_INLINE double te_arcsin_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : a * a;
    double s = __builtin_elementwise_sqrt(z);
    double w = te_asin_w_f64(z); // asin t = t + t w
    double near = te_mla(a, w, a);
    double ds2 = z == 0.0 ? 0.0 : te_fma(-s, s, z) / s; // 2 ds: sqrt(z) = s + ds
    double hi = TE_PIO2_HI - 2.0 * s;
    double e = (TE_PIO2_HI - hi) - 2.0 * s; // pi/2_hi - 2s = hi + e exactly
    double far = hi + ((e + TE_PIO2_MID) - te_mla(2.0 * s, w, ds2));
    return te_copysign(big ? far : near, x);
}

// float64 arccos: as arcsin, with pi/2 - x and pi - 2s summed with their rounding
// errors kept.
TE_INLINE double te_arccos_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : a * a;
    double s = __builtin_elementwise_sqrt(z);
    double w = te_asin_w_f64(z);
    // |x| <= 1/2: pi/2 - x - x w.
    double h1 = TE_PIO2_HI - x;
    double e1 = (TE_PIO2_HI - h1) - x; // exact: |x| < pi/2_hi
    double near = h1 + ((e1 + TE_PIO2_MID) - x * w);
    // x > 1/2: 2 (s + ds + s w); x < -1/2: pi - 2 (s + ds + s w).
    double ds2 = z == 0.0 ? 0.0 : te_fma(-s, s, z) / s;
    double tail = te_mla(2.0 * s, w, ds2);
    double h2 = TE_PI_HI - 2.0 * s;
    double e2 = (TE_PI_HI - h2) - 2.0 * s;
    double far = x > 0.0 ? 2.0 * s + tail : h2 + ((e2 + TE_PI_LO) - tail);
    return big ? far : near;
}

TE_UNARY_INTERLEAVED(arcsin_f32, float, te_arcsin_f32)
TE_UNARY_INTERLEAVED(arcsin_f64, double, te_arcsin_f64)
TE_UNARY_INTERLEAVED(arccos_f32, float, te_arccos_f32)
TE_UNARY_INTERLEAVED(arccos_f64, double, te_arccos_f64)
