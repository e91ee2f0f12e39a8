// arctan for float32 (evaluated in double) and float64.
//
// With a = |x|, t = min(a, 1) / max(a, 1) is in [0, 1] (one division, no branch):
// arctan a = arctan t for a <= 1 and pi/2 - arctan t beyond; arctan t is t times a
// minimax polynomial in t^2 (relative error 5e-11), and pi/2 - arctan t >= pi/4 has no
// cancellation. The sign of x is copied back (arctan(-0) = -0, arctan(±inf) = ±pi/2
// rounded); NaN stays NaN.
#include "ArctanCore.h"

TE_INLINE float te_arctan_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int large = a > 1.0;
    double t = (large ? 1.0 : a) / (large ? a : 1.0);
    double v = te_arctan_poly_f32(t);
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
    double v = te_arctan_f64_quotient(nh, nl, dh, dl, off_hi, off_lo);
    v = te_double(te_bits(v) | (te_bits(x) & 0x8000000000000000ULL));
    return x != x ? x : v;
}

TE_UNARY(arctan_f64, double, te_arctan_f64)
