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

#ifdef TE_SSE2_UNIT
// float32 at SSE2, evaluated in double (2 lanes per register; SSE2 has no fused
// multiply-add for the float32-lane kernel below): asin t = t p(t^2), relative error
// 2e-11, so only the conversion to float32 rounds visibly.
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
#else
// float32 at AVX2 and AVX-512, in float32 arithmetic: 16 lanes per AVX-512 register, 8
// per AVX2 (the double evaluation above spent most of its time in the double square
// root, about 2 cycles per element at AVX-512 against 0.6 for the float32 one).
//
// asin t = t + t z (P0 + z Q(z)) (ArcsinF32Coefficients.h, from fit_arcsin_f32.py).
// Beyond |x| = 1/2, s = sqrt(zb) is the rounded float32 root and sqrt(zb) = s + ds2/2
// with ds2 = (zb - s^2)/s: the remainder zb - s^2 is exact (one fused multiply-add) and
// 1/s only needs a few bits, so it is the bit pattern's estimate of 1/sqrt(zb) (3.4%, an
// error of at most 0.02 ULP of the result): no division, and integer operations that
// are the same at every width. pi/2 - 2s (and pi - 2s, pi/2 - x) is summed with its
// rounding error kept (Fast2Sum, exact as the constant is the larger). The t z P term,
// at most 0.047 of the result's scale, is added in two fused multiply-adds, t z P0 last,
// so that P itself is never rounded. So besides the final addition the roundings that
// show are those of t z P0's sum and of t z (about 0.03 and 0.02 ULP), plus the
// estimate's: the sweep's maximum is about 0.60 ULP.
//
// |x| > 1 (and inf) takes the square root of a negative number, and that NaN reaches the
// result through the pi/2 - 2s sum; NaN stays NaN (it takes the |x| <= 1/2 path). At
// x = +-1, zb = 0: s = 0 and the remainder is 0, times the finite estimate.
//
// Every operation is one IEEE operation on each lane (selects and bit operations
// besides), the same at both widths, so the AVX2 and AVX-512 loops give the same bits.
// SSE2 keeps the double kernel above (its results may differ in the last bit).
#include "ArcsinF32Coefficients.h"

// Q(z), Horner's scheme (one multiplication fewer than Estrin's, which measured slower).
TE_INLINE float te_asin_q_f32(float z) {
    float q = te_mlaf(TE_F32_ASIN_Q4, z, TE_F32_ASIN_Q3);
    q = te_mlaf(q, z, TE_F32_ASIN_Q2);
    q = te_mlaf(q, z, TE_F32_ASIN_Q1);
    return te_mlaf(q, z, TE_F32_ASIN_Q0);
}

// 1/sqrt(z) within 3.4% for positive normal z (0 gives a finite value): halving the
// exponent and the mantissa bits together, subtracted from a constant.
TE_INLINE float te_rsqrt_estimate_f32(float z) { return te_float(0x5f3759dfu - (te_bits32(z) >> 1)); }

// |x| <= 1/2: a + (a z P0 + a z^2 Q), z = a^2. Beyond, with zb = (1 - a)/2 and
// u = s (a - 1) = -2 s zb: (pi/2 - 2s) + (e + pi/2_lo - ds2 + u P0 + u zb Q).
TE_INLINE float te_arcsin_f32_lanes(float x) {
    float a = __builtin_fabsf(x);
    int big = a > 0.5f;
    float zb = te_mlaf(-0.5f, a, 0.5f); // (1 - a)/2, exact for a in [1/2, 1]
    float s = __builtin_elementwise_sqrt(zb);
    float r = te_fmaf(-s, s, zb); // zb - s^2, exact
    float s2 = s + s;
    float h = TE_F32_PIO2_HI - s2;
    float e = (TE_F32_PIO2_HI - h) - s2;
    float rest = te_mlaf(-r, te_rsqrt_estimate_f32(zb), e + TE_F32_PIO2_LO);
    float z = big ? zb : a * a;
    float u = (big ? s : a) * (big ? a - 1.0f : z);
    float v = te_mlaf(u, TE_F32_ASIN_P0, te_mlaf(u * z, te_asin_q_f32(z), big ? rest : 0.0f));
    v = (big ? h : a) + v;
    return te_float(te_bits32(v) | (te_bits32(x) & 0x80000000u));
}

// acos x = C - m - m z P(z) - ml: for |x| <= 1/2, C = pi/2 (+ its low part), m = x,
// ml = 0, z = x^2; beyond, m + ml = +-2 sqrt(zb) = +-(2s + ds2) with the sign of -x,
// z = zb, and C = 0 for x > 0, pi (+ its low part) for x < 0. C - m is summed with its
// rounding error kept (exact when C = 0).
TE_INLINE float te_arccos_f32_lanes(float x) {
    float a = __builtin_fabsf(x);
    int big = a > 0.5f, neg = x < 0.0f;
    float zb = te_mlaf(-0.5f, a, 0.5f);
    float s = __builtin_elementwise_sqrt(zb);
    float r = te_fmaf(-s, s, zb);
    uint32_t flip = ~te_bits32(x) & 0x80000000u; // the sign of -x
    float m = big ? te_float(te_bits32(s + s) | flip) : x;
    float y = big ? te_float(te_bits32(te_rsqrt_estimate_f32(zb)) ^ flip) : 0.0f; // ml = r y
    float c = big ? (neg ? TE_F32_PI_HI : 0.0f) : TE_F32_PIO2_HI;
    float cl = big ? (neg ? TE_F32_PI_LO : 0.0f) : TE_F32_PIO2_LO;
    float h = c - m;
    float e = (c - h) - m;
    float z = big ? zb : x * x;
    float u = m * z;
    return h + te_mlaf(-u, TE_F32_ASIN_P0, te_mlaf(-(u * z), te_asin_q_f32(z), te_mlaf(-r, y, e + cl)));
}
#endif

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

#ifdef TE_SSE2_UNIT
TE_UNARY_INTERLEAVED(arcsin_f32, float, te_arcsin_f32)
TE_UNARY_INTERLEAVED(arccos_f32, float, te_arccos_f32)
#else
// Two vectors in flight: 3-10% faster than one, and than four, at both widths.
TE_UNARY_INTERLEAVED_BY(arcsin_f32, float, te_arcsin_f32_lanes, 1, 2, 2)
TE_UNARY_INTERLEAVED_BY(arccos_f32, float, te_arccos_f32_lanes, 1, 2, 2)
#endif
TE_UNARY_INTERLEAVED(arcsin_f64, double, te_arcsin_f64)
TE_UNARY_INTERLEAVED(arccos_f64, double, te_arccos_f64)
