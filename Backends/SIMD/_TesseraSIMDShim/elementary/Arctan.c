// arctan for float32 (evaluated in double) and float64.
//
// With a = |x|, t = min(a, 1) / max(a, 1) is in [0, 1] (one division, no branch):
// arctan a = arctan t for a <= 1 and pi/2 - arctan t beyond; arctan t is t times a
// minimax polynomial in t^2 (relative error 5e-11), and pi/2 - arctan t >= pi/4 has no
// cancellation. The sign of x is copied back (arctan(-0) = -0, arctan(±inf) = ±pi/2
// rounded); NaN stays NaN.
#include "ElementaryCommon.h"
#include "ElementaryCoreTables.h"

TE_INLINE float te_arctan_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int large = a > 1.0;
    double t = (large ? 1.0 : a) / (large ? a : 1.0);
    double z = t * t, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
    double p01 = __builtin_fma(TE_F32_ATAN_C1, z, TE_F32_ATAN_C0);
    double p23 = __builtin_fma(TE_F32_ATAN_C3, z, TE_F32_ATAN_C2);
    double p45 = __builtin_fma(TE_F32_ATAN_C5, z, TE_F32_ATAN_C4);
    double p67 = __builtin_fma(TE_F32_ATAN_C7, z, TE_F32_ATAN_C6);
    double p89 = __builtin_fma(TE_F32_ATAN_C9, z, TE_F32_ATAN_C8);
    double p1011 = __builtin_fma(TE_F32_ATAN_C11, z, TE_F32_ATAN_C10);
    double p03 = __builtin_fma(p23, z2, p01);
    double p47 = __builtin_fma(p67, z2, p45);
    double p811 = __builtin_fma(p1011, z2, p89);
    double p = __builtin_fma(p811, z8, __builtin_fma(p47, z4, p03));
    double v = t * p;
    v = large ? TE_PIO2 - v : v;
    v = te_double(te_bits(v) | (te_bits(x) & 0x8000000000000000ULL));
    return x != x ? xf : (float)v;
}

TE_UNARY(arctan_f32, float, te_arctan_f32)

// float64: three regions of a = |x| with one division between them: a <= tan(pi/8)
// gives t = a; up to tan(3pi/8), arctan a = pi/4 + arctan((a - 1)/(a + 1)); beyond,
// pi/2 + arctan(-1/a). So |t| <= tan(pi/8) and arctan t = t + t^3 Q(t^2) needs a
// short polynomial. a - 1 and a + 1 are kept exactly as two doubles each, and the
// quotient t as th + tl (the remainder formed by a fused multiply-add), so the only
// large rounding is the final sum offset + th + (small terms), with offset + th
// summed exactly. a is capped at 2^60 (arctan of larger values rounds to pi/2), which
// keeps inf out of the remainder. The sign of x is copied back; NaN stays NaN.
TE_INLINE double te_arctan_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > TE_TAN_3PI_8;
    int mid = a > TE_TAN_PI_8 && !big;
    double ac = a > 0x1p60 ? 0x1p60 : a;
    // two-sums a - 1 and a + 1
    double sh = a - 1.0, sb = sh - a, sl = (a - (sh - sb)) + (-1.0 - sb);
    double ph = a + 1.0, pb = ph - a, pl = (a - (ph - pb)) + (1.0 - pb);
    double nh = big ? -1.0 : (mid ? sh : a);
    double nl = mid ? sl : 0.0;
    double dh = big ? ac : (mid ? ph : 1.0);
    double dl = mid ? pl : 0.0;
    double off_hi = big ? TE_F64_PIO2_HI : (mid ? TE_F64_PIO4_HI : 0.0);
    double off_lo = big ? TE_F64_PIO2_LO : (mid ? TE_F64_PIO4_LO : 0.0);
    double inv = 1.0 / dh;
    double th = nh * inv;
    double res = __builtin_fma(-th, dh, nh) + __builtin_fma(-th, dl, nl);
    double tl = res * inv;
    double z = th * th, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
    double p01 = __builtin_fma(TE_F64_ATAN_C1, z, TE_F64_ATAN_C0);
    double p23 = __builtin_fma(TE_F64_ATAN_C3, z, TE_F64_ATAN_C2);
    double p45 = __builtin_fma(TE_F64_ATAN_C5, z, TE_F64_ATAN_C4);
    double p67 = __builtin_fma(TE_F64_ATAN_C7, z, TE_F64_ATAN_C6);
    double p89 = __builtin_fma(TE_F64_ATAN_C9, z, TE_F64_ATAN_C8);
    double p1011 = __builtin_fma(TE_F64_ATAN_C11, z, TE_F64_ATAN_C10);
    double p03 = __builtin_fma(p23, z2, p01);
    double p47 = __builtin_fma(p67, z2, p45);
    double p811 = __builtin_fma(p1011, z2, p89);
    double Q = __builtin_fma(p811, z8, __builtin_fma(p47, z4, p03));
    double s = off_hi + th;
    double e = th - (s - off_hi);
    double small = e + off_lo + __builtin_fma(-tl, z, tl) + (th * z) * Q;
    double v = s + small;
    v = te_double(te_bits(v) | (te_bits(x) & 0x8000000000000000ULL));
    return x != x ? x : v;
}

TE_UNARY(arctan_f64, double, te_arctan_f64)
