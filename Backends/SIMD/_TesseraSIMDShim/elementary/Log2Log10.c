// log2 and log10 for float32 and float64.
//
// x = 2^k m with m in [sqrt(1/2), sqrt(2)) as in log; log_b(x) = k log_b(2) + log(m) /
// ln(b). Zero, negative, infinite and NaN inputs are selected at the end: -inf, NaN,
// inf, NaN as in NumPy. Exact powers of two give log2's integers exactly, and every
// result is within the bound of the correctly rounded one, so log10 of a power of ten
// that is representable gives its integer.
#include "ElementaryDerivedCommon.h"

// float32, evaluated in double (float32 subnormals are normal there): log(m) = s p(s^2)
// with log's float32 polynomial, relative error near 1e-10, and k added exactly (log2)
// or as k log10(2) rounded to double; the only rounding that shows is the conversion.
TE_INLINE double te_log_m_f32(float xf, double *k) {
    uint64_t u = te_bits((double)xf);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    *k = (double)((int64_t)t >> 52);
    double f = te_double(u - (t & TE_EXPONENT_MASK)) - 1.0;
    return te_log_f32_series(f);
}

TE_INLINE float te_log_special_f32(float x) {
    return x == 0.0f ? -__builtin_inff() : (x < 0.0f ? __builtin_nanf("") : x + x);
}

TE_INLINE float te_log2_f32(float xf, const int full) {
    double k;
    double lm = te_log_m_f32(xf, &k);
    float y = (float)te_mla(lm, TE_INV_LN2, k);
    if (!full) return y;
    return (xf > 0.0f && xf < __builtin_inff()) ? y : te_log_special_f32(xf);
}

TE_INLINE float te_log10_f32(float xf, const int full) {
    double k;
    double lm = te_log_m_f32(xf, &k);
    float y = (float)te_mla(k, TE_LOG10_2, lm * TE_LOG10_E_HI);
    if (!full) return y;
    return (xf > 0.0f && xf < __builtin_inff()) ? y : te_log_special_f32(xf);
}

// float64: log(x) in two doubles (te_log_dd), scaled by 1/ln2 or log10(e) in two doubles
// and rounded once. Subnormal inputs are scaled by 2^52 first.
TE_INLINE double te_log_special_f64(double x) {
    return x == 0.0 ? -__builtin_inf() : (x < 0.0 ? __builtin_nan("") : x + x);
}

TE_INLINE double te_logb_f64(double x0, const int full, double ch, double cl) {
    int tiny = full && x0 < 0x1p-1022;
    double x = tiny ? x0 * 0x1p52 : x0;
    double rh, rl;
    te_log_dd(x, 0.0, 0, tiny ? -52.0 : 0.0, &rh, &rl);
    double y = te_dd_scale(rh, rl, ch, cl);
    if (!full) return y;
    return (x0 > 0.0 && x0 < __builtin_inf()) ? y : te_log_special_f64(x0);
}

TE_INLINE double te_log2_f64(double x, const int full) { return te_logb_f64(x, full, TE_INV_LN2_HI, TE_INV_LN2_LO); }
TE_INLINE double te_log10_f64(double x, const int full) { return te_logb_f64(x, full, TE_LOG10_E_HI, TE_LOG10_E_LO); }

// Ordinary: positive and finite (float32 subnormals are normal in double), float64 also
// normal; tested on the bits (one unsigned compare).
#define TE_LOGB_F32_ORDINARY(x) (te_bits32(x) - 1u < 0x7f7fffffu)
#define TE_LOGB_F64_ORDINARY(x) (te_bits(x) - 0x0010000000000000ULL < 0x7fe0000000000000ULL)
TE_UNARY_CHECKED(log2_f32, float, te_log2_f32, TE_LOGB_F32_ORDINARY)
TE_UNARY_CHECKED(log10_f32, float, te_log10_f32, TE_LOGB_F32_ORDINARY)
TE_UNARY_CHECKED(log2_f64, double, te_log2_f64, TE_LOGB_F64_ORDINARY)
TE_UNARY_CHECKED(log10_f64, double, te_log10_f64, TE_LOGB_F64_ORDINARY)
