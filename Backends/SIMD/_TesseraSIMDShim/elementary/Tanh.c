// tanh for float32, evaluated in double.
//
// tanh|x| = e / (e + 2) with e = expm1(2|x|), and the sign of x copied back (so
// tanh(-0) = -0). expm1(y) = 2^n (1 + r + r^2 q(r)) - 1 with y = n ln2 + r: for n = 0
// it is r + r^2 q(r), with no cancellation, so small |x| keeps its full relative
// accuracy; for n != 0, |y| > ln2/2 and subtracting 1 loses at most two bits of the
// double. Arguments beyond 20 give exactly 1 after rounding to float32; NaN stays NaN.
#include "ElementaryCommon.h"

TE_INLINE float te_tanh_f32(float xf) {
    double a = __builtin_fabs((double)xf);
    double y = 2.0 * (a > 20.0 ? 20.0 : a);
    double kd = __builtin_fma(y, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double r = __builtin_fma(-n, TE_LN2_FULL_HI, y);
    r = __builtin_fma(-n, TE_LN2_FULL_LO, r);
    double r2 = r * r, r4 = r2 * r2;
    double q01 = __builtin_fma(TE_F32_EXPM1_C1, r, TE_F32_EXPM1_C0);
    double q23 = __builtin_fma(TE_F32_EXPM1_C3, r, TE_F32_EXPM1_C2);
    double q45 = __builtin_fma(TE_F32_EXPM1_C5, r, TE_F32_EXPM1_C4);
    double q = __builtin_fma(__builtin_fma(TE_F32_EXPM1_C6, r2, q45), r4, __builtin_fma(q23, r2, q01));
    double small = __builtin_fma(r2, q, r);                 // e^r - 1
    double scale = te_double((te_bits(kd) + 1023) << 52);  // 2^n, n in [0, 58]
    double e = n == 0 ? small : __builtin_fma(scale, small, scale - 1.0);
    double t = e / (e + 2.0);
    return (float)te_double(te_bits(t) | (te_bits((double)xf) & 0x8000000000000000ULL));
}

TE_UNARY(tanh_f32, float, te_tanh_f32)
