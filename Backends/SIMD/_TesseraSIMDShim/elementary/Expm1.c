// expm1 (e^x - 1) for float32 and float64.
//
// x = n ln2 + r with |r| <= ln2/2, and e^x - 1 = 2^n (e^r - 1) + (2^n - 1). For n = 0
// the result is r + (e^r - 1 - r) with no cancellation, so small |x| keeps its relative
// accuracy; for n != 0, |x| > ln2/2 and the sum loses no more than the last rounding.
// Inputs are clamped where the result is -1 after rounding (x < -40) or overflows
// (x > 710), so -inf gives -1 and +inf gives inf as in NumPy; NaN passes through and
// ±0 is returned as it is.
#include "ElementaryExtendedCommon.h"

// float32, evaluated in double.
TE_INLINE float te_expm1_f32(float xf) {
    double x = xf;
    x = x > 90.0 ? 90.0 : x; // e^90 overflows float32
    x = x < -30.0 ? -30.0 : x; // e^-30 - 1 rounds to -1 in float32
    float y = (float)te_expm1_f32_core(x);
    return xf == 0.0f ? xf : y;
}

// float64. r = x - n ln2 is carried as r + dr (n ln2_hi is exact), so that e^(r + dr) - 1
// = r + (q(r) + dr (1 + r)) with q = e^r - 1 - r. For n != 0 the parts 2^n r and
// 2^n - 1 are exact and summed with their rounding error kept, so the only roundings
// of size are the tail's and the last addition's (for n > 53, 2^n - 1 is 2^n rounded
// plus a kept error; for n < -53 its rounding is below 2^-5 ULP). n = 1024 (x just below the overflow
// threshold) is computed as 2 (2^1023 (e^r - 1) + 2^1023 - 1/2).
TE_INLINE double te_expm1_f64(double x0) {
    double x = x0 > 710.0 ? 710.0 : x0;
    x = x < -40.0 ? -40.0 : x;
    double kd = __builtin_fma(x, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double rh = __builtin_fma(-n, TE_LN2_HI, x);
    double rl = -n * TE_LN2_LO;
    double r = rh + rl;
    double dr = (rh - r) + rl;
    double lo = te_exp_f64_tail(r) + __builtin_fma(dr, r, dr);
    int top = n > 1023.0;
    double scale = te_pow2(top ? n - 1.0 : n);
    double one = top ? 0.5 : 1.0;
    double t = scale - one;      // exact for -54 < n <= 53
    double te = (scale - t) - one; // 2^n - 1 = t + te (exact for n > 0)
    double u = scale * r;          // exact
    double s = u + t;
    double bb = s - u;
    double err = (u - (s - bb)) + (t - bb); // u + t = s + err exactly
    double y = s + __builtin_fma(scale, lo, err + te);
    y = top ? y * 2.0 : y;
    y = n == 0.0 ? r + lo : y;
    return x0 == 0.0 ? x0 : y;
}

TE_UNARY(expm1_f32, float, te_expm1_f32)
TE_UNARY(expm1_f64, double, te_expm1_f64)
