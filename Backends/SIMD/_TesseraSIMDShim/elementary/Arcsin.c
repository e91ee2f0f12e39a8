// arcsin for float32 and float64.
//
// With a = |x|: for a <= 1/2, asin a = a + a^3 p(a^2); beyond, asin a = pi/2 - 2 asin s
// with s = sqrt(z), z = (1 - a)/2 <= 1/4 (exact), so both branches evaluate one
// polynomial at z <= 1/4 and nothing cancels: pi/2 - 2 asin s >= pi/6. The sign of x is
// copied back (arcsin(-0) = -0); |x| > 1 takes the square root of a negative number and
// NaN comes out, as it does for NaN.
#include "ElementaryExtendedCommon.h"

// float32, evaluated in double: asin t = t p(t^2), relative error 2e-11.
TE_INLINE float te_arcsin_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : a * a;
    double t = big ? __builtin_elementwise_sqrt(z) : a;
    double z2 = z * z, z4 = z2 * z2;
    double p01 = __builtin_fma(TE_F32_ASIN_C1, z, TE_F32_ASIN_C0);
    double p23 = __builtin_fma(TE_F32_ASIN_C3, z, TE_F32_ASIN_C2);
    double p45 = __builtin_fma(TE_F32_ASIN_C5, z, TE_F32_ASIN_C4);
    double p67 = __builtin_fma(TE_F32_ASIN_C7, z, TE_F32_ASIN_C6);
    double p = __builtin_fma(__builtin_fma(p67, z2, p45), z4, __builtin_fma(p23, z2, p01));
    double v = t * p;
    v = big ? __builtin_fma(-2.0, v, TE_PIO2) : v;
    return (float)te_copysign(v, x);
}

// (The square roots are __builtin_elementwise_sqrt, which sets no errno and so vectorises.)
//
// float64: s = sqrt(z) is carried as s + ds (ds from the exact residual z - s^2), and
// pi/2 - 2s is summed with its rounding error kept, so the only roundings of size are
// the polynomial term's (at most 1/24 of the result) and the last addition's.
TE_INLINE double te_arcsin_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > 0.5;
    double z = big ? (1.0 - a) * 0.5 : a * a;
    double s = __builtin_elementwise_sqrt(z);
    double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
    double p01 = __builtin_fma(TE_F64_ASIN_C1, z, TE_F64_ASIN_C0);
    double p23 = __builtin_fma(TE_F64_ASIN_C3, z, TE_F64_ASIN_C2);
    double p45 = __builtin_fma(TE_F64_ASIN_C5, z, TE_F64_ASIN_C4);
    double p67 = __builtin_fma(TE_F64_ASIN_C7, z, TE_F64_ASIN_C6);
    double p89 = __builtin_fma(TE_F64_ASIN_C9, z, TE_F64_ASIN_C8);
    double p1011 = __builtin_fma(TE_F64_ASIN_C11, z, TE_F64_ASIN_C10);
    double p1213 = __builtin_fma(TE_F64_ASIN_C13, z, TE_F64_ASIN_C12);
    double p03 = __builtin_fma(p23, z2, p01);
    double p47 = __builtin_fma(p67, z2, p45);
    double p811 = __builtin_fma(p1011, z2, p89);
    double p813 = __builtin_fma(p1213, z4, p811);
    double w = z * __builtin_fma(p813, z8, __builtin_fma(p47, z4, p03)); // asin t = t + t w
    double near = __builtin_fma(a, w, a);
    double ds2 = z == 0.0 ? 0.0 : __builtin_fma(-s, s, z) / s; // 2 ds: sqrt(z) = s + ds
    double hi = TE_PIO2_HI - 2.0 * s;
    double e = (TE_PIO2_HI - hi) - 2.0 * s; // pi/2_hi - 2s = hi + e exactly
    double far = hi + ((e + TE_PIO2_MID) - __builtin_fma(2.0 * s, w, ds2));
    return te_copysign(big ? far : near, x);
}

TE_UNARY(arcsin_f32, float, te_arcsin_f32)
TE_UNARY(arcsin_f64, double, te_arcsin_f64)
