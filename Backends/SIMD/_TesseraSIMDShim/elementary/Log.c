// log for float32 and float64.
//
// x = 2^k m with m in [sqrt(1/2), sqrt(2)), found by integer arithmetic on the bits;
// with f = m - 1 (exact) and s = f / (2 + f), log(m) = 2 atanh(s) is an odd series in
// s. log(x) = k ln2 + log(m). Zero, negative, infinite and NaN inputs are selected at
// the end: -inf, NaN, inf, NaN as in NumPy.
#include "ElementaryCommon.h"

#define TE_SQRT_HALF_BITS 0x3fe6a09e667f3bcdULL

// float32, evaluated in double (float32 subnormals are normal there).
TE_INLINE float te_log_f32(float xf, const int full) {
    double x = xf;
    uint64_t u = te_bits(x);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    int64_t k = (int64_t)t >> 52;
    double m = te_double(u - (t & 0xfff0000000000000ULL));
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    double z2 = z * z;
    double p01 = __builtin_fma(TE_F32_LOG_C1, z, TE_F32_LOG_C0);
    double p23 = __builtin_fma(TE_F32_LOG_C3, z, TE_F32_LOG_C2);
    double p = __builtin_fma(__builtin_fma(TE_F32_LOG_C4, z2, p23), z2, p01);
    double y = __builtin_fma((double)k, TE_LN2_FULL_HI, s * p);
    if (!full) return (float)y;
    float special = xf == 0.0f ? -__builtin_inff() : (xf < 0.0f ? __builtin_nanf("") : xf + xf);
    return (xf > 0.0f && xf < __builtin_inff()) ? (float)y : special;
}

// float64: log(1 + f) = f - (h - s (h + R)) with h = f^2 / 2 and R the series beyond
// 2s; the rounding error of s reaches only the small product s (h + R). k ln2 is added
// as an exact k ln2_hi plus k ln2_lo inside the correction. Subnormal inputs are
// scaled by 2^52 first.
TE_INLINE double te_log_f64(double x0, const int full) {
    int tiny = full && x0 < 0x1p-1022;
    double x = tiny ? x0 * 0x1p52 : x0;
    uint64_t u = te_bits(x);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    int64_t k = ((int64_t)t >> 52) - (tiny ? 52 : 0);
    double m = te_double(u - (t & 0xfff0000000000000ULL));
    double f = m - 1.0;
    double h = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s;
    double z2 = z * z;
    double z4 = z2 * z2;
    double a1 = __builtin_fma(TE_F64_LOG_C2, z, TE_F64_LOG_C1);
    double a3 = __builtin_fma(TE_F64_LOG_C4, z, TE_F64_LOG_C3);
    double a5 = __builtin_fma(TE_F64_LOG_C6, z, TE_F64_LOG_C5);
    double b1 = __builtin_fma(a3, z2, a1);
    double b5 = __builtin_fma(TE_F64_LOG_C7, z2, a5);
    double R = __builtin_fma(b5, z4, b1) * z;
    double dk = (double)k;
    double corr = h - __builtin_fma(s, h + R, dk * TE_LN2_LO);
    double y = dk * TE_LN2_HI - (corr - f);
    if (!full) return y;
    double special = x0 == 0.0 ? -__builtin_inf() : (x0 < 0.0 ? __builtin_nan("") : x0 + x0);
    return (x0 > 0.0 && x0 < __builtin_inf()) ? y : special;
}

// Ordinary: positive and finite (float32 subnormals are normal in double), float64 also
// normal; tested on the bits (one unsigned compare, which vectorizes well).
#define TE_LOG_F32_ORDINARY(x) (te_bits32(x) - 1u < 0x7f7fffffu)
#define TE_LOG_F64_ORDINARY(x) (te_bits(x) - 0x0010000000000000ULL < 0x7fe0000000000000ULL)
TE_UNARY_CHECKED(log_f32, float, te_log_f32, TE_LOG_F32_ORDINARY)
TE_UNARY_CHECKED(log_f64, double, te_log_f64, TE_LOG_F64_ORDINARY)
