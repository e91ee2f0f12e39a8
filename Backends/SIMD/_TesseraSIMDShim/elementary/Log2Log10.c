// log2 and log10 for float32 and float64.
//
// x = 2^k m with m in [sqrt(1/2), sqrt(2)) as in log; log_b(x) = k log_b(2) + log(m) /
// ln(b). Zero, negative, infinite and NaN inputs are selected at the end: -inf, NaN,
// inf, NaN as in NumPy. Exact powers of two give log2's integers exactly, and every
// result is within the bound of the correctly rounded one, so log10 of a power of ten
// that is representable gives its integer.
#include "ElementaryDerivedCommon.h"
#ifdef TE_SSE2_UNIT
#include "ElementaryLogTableSSE2.h"
#endif

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
#ifdef TE_SSE2_UNIT
TE_UNARY_CHECKED(log2_f32, float, te_log2_f32, TE_LOGB_F32_ORDINARY)
TE_UNARY_CHECKED(log10_f32, float, te_log10_f32, TE_LOGB_F32_ORDINARY)
#else
// AVX-512 float32: Log2F32.c (float32 lanes).
TE_CHECKED_BLOCK(log2_f32, float, te_log2_f32, TE_LOGB_F32_ORDINARY, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(log2_f32, float, avx2, TE_TARGET_AVX2)
TE_CHECKED_BLOCK(log10_f32, float, te_log10_f32, TE_LOGB_F32_ORDINARY, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(log10_f32, float, avx2, TE_TARGET_AVX2)
#endif
#ifdef TE_SSE2_UNIT
// float64 log2 at SSE2, where te_log_dd's exact square would be Dekker's product (about
// seventeen operations) and its quotient a division: a table-driven logarithm without
// any fused multiply-add, from power's subintervals (ElementaryLogTableSSE2.h,
// fit_log_table_sse2.py). x = 2^k z, z in [0.6966, 1.3932); log2 x = k + log2c + log2(1 + r)
// with r = z invc - 1, invc of at most 9 significant bits from a 128-row table and
// -log2(invc) as log2c_hi (a multiple of 2^-42, so k + log2c_hi is exact) plus log2c_lo.
// r is exact when z is cut into its top 43 bits and the rest (both products with invc
// exact, zh invc - 1 exact), |r| < 0.0057, and log2(1 + r) = r/ln2 - r^2/(2 ln2) +
// r^3 Q(r). r/ln2 is rt h + (r - rt) h + r l with rt the top 26 bits of r and h the top
// 26 bits of 1/ln2: rt h is exact and added to k + log2c_hi by a fast two-sum (the script
// checks |log2c_hi| >= |r|/ln2 where invc != 1; in the subinterval holding 1, invc = 1
// and log2c = 0). Everything else is below 2^-7 of the result and rounds there, so the
// result is within about 2^-59 of the sum before its one rounding. A power of two gives
// k exactly (r = 0, log2c = 0). Its results can differ from AVX2's in the last bit: the
// SSE2 loop has its own measured bound.
static const double te_log2_rows[4 << TE_LOG2T_TABLE_BITS] __attribute__((aligned(64))) = {TE_LOG2T_ROWS};
TE_INLINE double te_log2_f64_table(double x0, const int full) {
    int tiny = full && x0 < 0x1p-1022;
    double x = tiny ? x0 * 0x1p52 : x0;
    uint64_t ix = te_bits(x);
    uint64_t tmp = ix - TE_LOG2T_OFF;
    uint64_t i = (tmp >> (52 - TE_LOG2T_TABLE_BITS)) & ((1 << TE_LOG2T_TABLE_BITS) - 1);
    // k from the bits (SSE2 has no 64-bit integer conversion): ((tmp >> 52) + 2048) is
    // tmp's top 12 bits with the sign bit flipped.
    double k = te_double(((tmp ^ 0x8000000000000000ULL) >> 52) | 0x4330000000000000ULL) - (0x1p52 + 2048.0);
    k = tiny ? k - 52.0 : k;
    double z = te_double(ix - (tmp & 0xfff0000000000000ULL));
    const double *row = te_log2_rows + 4 * i;
    double invc = row[0];
    double zh = te_double(te_bits(z) & ~0x3ffULL);
    double r = (zh * invc - 1.0) + (z - zh) * invc;
    double a = k + row[1]; // exact
    double rt = te_double(te_bits(r) & ~0x7ffffffULL);
    double m = rt * TE_LOG2T_INV_LN2_HEAD; // exact
    double hi = a + m;
    double he = (a - hi) + m;
    double s2 = r * r;
    double q01 = te_mla(TE_LOG2T_Q_C1, r, TE_LOG2T_Q_C0);
    double q23 = te_mla(TE_LOG2T_Q_C3, r, TE_LOG2T_Q_C2);
    double q = te_mla(te_mla(TE_LOG2T_Q_C4, s2, q23), s2, q01);
    double tail = te_mla(q, r, TE_LOG2T_MINUS_HALF_INV_LN2) * s2; // -r^2/(2 ln2) + r^3 Q(r)
    double lo = te_mla(r - rt, TE_LOG2T_INV_LN2_HEAD, te_mla(r, TE_LOG2T_INV_LN2_REST, row[2] + he)) + tail;
    double y = hi + lo;
    if (!full) return y;
    return (x0 > 0.0 && x0 < __builtin_inf()) ? y : te_log_special_f64(x0);
}
// Four vectors per iteration: the chain through the table lookup is long (1.15x faster
// than one; eight spill registers).
#pragma push_macro("TE_ASSUME_SAFETY")
#undef TE_ASSUME_SAFETY
#define TE_ASSUME_SAFETY _Pragma("clang loop vectorize(assume_safety) interleave_count(4)")
TE_UNARY_CHECKED(log2_f64, double, te_log2_f64_table, TE_LOGB_F64_ORDINARY)
#pragma pop_macro("TE_ASSUME_SAFETY")
#else
TE_UNARY_CHECKED(log2_f64, double, te_log2_f64, TE_LOGB_F64_ORDINARY)
#endif
TE_UNARY_CHECKED(log10_f64, double, te_log10_f64, TE_LOGB_F64_ORDINARY)
