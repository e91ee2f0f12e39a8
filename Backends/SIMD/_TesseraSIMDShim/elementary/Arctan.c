// arctan for float32, evaluated in double.
//
// With a = |x|, t = min(a, 1) / max(a, 1) is in [0, 1] (one division, no branch):
// arctan a = arctan t for a <= 1 and pi/2 - arctan t beyond; arctan t is t times a
// minimax polynomial in t^2 (relative error 5e-11), and pi/2 - arctan t >= pi/4 has no
// cancellation. The sign of x is copied back (arctan(-0) = -0, arctan(±inf) = ±pi/2
// rounded); NaN stays NaN.
#include "ElementaryCommon.h"

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
