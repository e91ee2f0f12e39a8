// hypot (sqrt(x^2 + y^2) without undue overflow or underflow) for float32 and float64.
//
// Special values as NumPy's (C's hypot): an infinite operand gives +inf even when the
// other is NaN; otherwise NaN gives NaN; hypot(±0, ±0) = +0.
#include "ElementaryExtendedCommon.h"

// float32, in double: the squares are exact and neither overflows nor underflows, so
// the sum and the square root each round once at double precision.
TE_INLINE float te_hypot_f32(float xf, float yf) {
    double x = xf, y = yf;
    float r = (float)__builtin_elementwise_sqrt(te_mla(x, x, y * y));
    int inf = __builtin_fabsf(xf) == __builtin_inff() || __builtin_fabsf(yf) == __builtin_inff();
    return inf ? __builtin_inff() : r;
}

// float64: with a = max(|x|, |y|) scaled by 2^∓600 when beyond 2^±500 (so neither
// square overflows, and a lost part of b^2 is far below an ULP), s = a^2 + b^2 is
// carried in two doubles (the squares' rounding errors from fma), and sqrt(s) is
// corrected by one Newton step on the exact residual s - r^2. The result rounds once,
// in the last fused multiply-add (also when it is subnormal).
TE_INLINE double te_hypot_f64(double x, double y) {
    double ax = __builtin_fabs(x), ay = __builtin_fabs(y);
    double a = ax > ay ? ax : ay, b = ax > ay ? ay : ax;
    int tiny = a < 0x1p-500;
    double down = a > 0x1p500 ? 0x1p-600 : (tiny ? 0x1p600 : 1.0);
    double up = a > 0x1p500 ? 0x1p600 : (tiny ? 0x1p-600 : 1.0);
    a *= down;
    b *= down;
    double a2 = a * a, a2l = te_fma(a, a, -a2);
    double b2 = b * b, b2l = te_fma(b, b, -b2);
    double s = a2 + b2;
    double sl = ((a2 - s) + b2) + (a2l + b2l); // a^2 + b^2 = s + sl
    double r = __builtin_elementwise_sqrt(s);
    double c = (te_fma(-r, r, s) + sl) / (2.0 * r); // sqrt(s + sl) ~ r + c
    // r + c scaled back, rounded once: a subnormal result takes r's part that the scaling
    // rounds away back into the correction.
    double rup = r * up;
    double rerr = tiny ? r - rup * down : 0.0; // exact
    double h = te_mla(rerr + c, up, rup);
    h = a == 0.0 ? 0.0 : h;
    h = (x != x || y != y) ? x + y : h;
    return (ax == __builtin_inf() || ay == __builtin_inf()) ? __builtin_inf() : h;
}

TE_BINARY(hypot_f32, float, te_hypot_f32)
TE_BINARY(hypot_f64, double, te_hypot_f64)
