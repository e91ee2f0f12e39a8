// log1p (log(1 + x)) for float32 and float64.
//
// Near zero (sqrt(1/2) - 1 < x < sqrt(2) - 1) the log kernel runs on f = x itself, which
// is exact, so small |x| keeps its relative accuracy. Beyond, u = 1 + x is rounded and
// its rounding error c kept: log(1 + x) = log(u) + log(1 + c/u) = k ln2 + log(m) + c/u
// with u = 2^k m, m in [sqrt(1/2), sqrt(2)). log(1 + f) for f = m - 1 is the log
// kernel's: s = f / (2 + f) and the odd series of 2 atanh(s). Special values are
// selected at the end: -1 gives -inf, below -1 NaN, +inf inf, ±0 itself, NaN NaN.
#include "ElementaryExtendedCommon.h"

#define TE_SQRT_HALF_BITS 0x3fe6a09e667f3bcdULL
#define TE_SQRT_HALF_M1 -0x1.2bec333018866p-2 // sqrt(1/2) - 1 rounded up
#define TE_SQRT2_M1 0x1.a827999fcef32p-2      // sqrt(2) - 1 rounded down

#ifdef TE_SSE2_UNIT
// float32 at SSE2, evaluated in double (1 + x is exact there for every float32 x that
// needs it). At AVX2 and AVX-512 float32 is Log1pF32.c's, in float32 arithmetic, whose
// table lookups are vector permutes that SSE2 lacks.
TE_INLINE float te_log1p_f32(float xf) {
    double x = xf;
    int near = x > TE_SQRT_HALF_M1 && x < TE_SQRT2_M1;
    uint64_t u = te_bits(1.0 + x);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    double k = near ? 0.0 : (double)((int64_t)t >> 52);
    double f = near ? x : te_double(u - (t & 0xfff0000000000000ULL)) - 1.0;
    double y = te_mla(k, TE_LN2_FULL_HI, te_log_f32_series(f));
    float special = xf == -1.0f ? -__builtin_inff() : (xf < -1.0f ? __builtin_nanf("") : xf + xf);
    float result = (xf > -1.0f && xf < __builtin_inff()) ? (float)y : special;
    return xf == 0.0f ? xf : result;
}
TE_UNARY_INTERLEAVED_NARROW(log1p_f32, float, te_log1p_f32)
#endif

// float64: log(1 + f) = f - (h - s (h + R)) with h = f^2 / 2, R the series beyond 2s;
// k ln2 is added as an exact k ln2_hi and k ln2_lo inside the correction, with c/u.
TE_INLINE double te_log1p_f64(double x) {
    int near = x > TE_SQRT_HALF_M1 && x < TE_SQRT2_M1;
    double uu = 1.0 + x;
    double bb = uu - 1.0;
    double c = near ? 0.0 : (1.0 - (uu - bb)) + (x - bb); // 1 + x = uu + c exactly
    uint64_t u = te_bits(uu);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    double k = near ? 0.0 : (double)((int64_t)t >> 52);
    double f = near ? x : te_double(u - (t & 0xfff0000000000000ULL)) - 1.0;
    double h = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s;
    double R = te_log_f64_series(z);
    double cu = near ? 0.0 : c / uu;
    double corr = h - te_mla(s, h + R, te_mla(k, TE_LN2_LO, cu));
    double y = k * TE_LN2_HI - (corr - f);
    double special = x == -1.0 ? -__builtin_inf() : (x < -1.0 ? __builtin_nan("") : x + x);
    double result = (x > -1.0 && x < __builtin_inf()) ? y : special;
    return x == 0.0 ? x : result;
}

TE_UNARY_INTERLEAVED_NARROW(log1p_f64, double, te_log1p_f64)
