// arcsinh, arccosh and arctanh for float32 and float64.
//
// Each is a logarithm: arcsinh a = log(a + sqrt(a^2 + 1)), arccosh x = log(x +
// sqrt(x^2 - 1)), arctanh a = log((1 + a) / (1 - a)) / 2. float32 at SSE2 evaluates
// log(1 + w) in double with w formed without cancellation, so small arguments keep
// their relative accuracy (AVX2 and AVX-512: InverseHyperbolicF32.c); float64 forms the logarithm's argument in two doubles and
// takes te_log_dd of it. Special values are NumPy's: arcsinh keeps ±0 and ±inf,
// arccosh is +0 at 1, inf at inf and NaN below 1, arctanh keeps ±0, is ±inf at ±1 and
// NaN beyond; NaN stays NaN.
#include "ElementaryDerivedCommon.h"

#define TE_FLT_MAX 0x1.fffffep127
#define TE_DBL_MAX 0x1.fffffffffffffp1023

// float32 at SSE2 (at AVX2 and AVX-512 InverseHyperbolicF32.c's, in float32 arithmetic,
// whose table lookups are vector permutes that SSE2 lacks).
#ifdef TE_SSE2_UNIT
// float32 arcsinh: log(1 + w) with w = a + a^2 / (1 + sqrt(a^2 + 1)) (all in double,
// where a^2 neither overflows nor underflows for a float32 a).
TE_INLINE float te_arcsinh_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    double a2 = a * a;
    double w = a + a2 / (1.0 + __builtin_elementwise_sqrt(a2 + 1.0));
    float y = (float)te_copysign(te_log1p_f32_core(w), x);
    return a <= TE_FLT_MAX ? y : xf + xf;
}

// float32 arccosh: log(1 + w) with w = t + sqrt(t (x + 1)), t = x - 1 (exact in double).
TE_INLINE float te_arccosh_f32(float xf) {
    double x = xf;
    double t = x - 1.0;
    double w = t + __builtin_elementwise_sqrt(t * (x + 1.0));
    float y = (float)te_log1p_f32_core(w);
    float special = xf == __builtin_inff() ? xf : __builtin_nanf("");
    return (x >= 1.0 && x <= TE_FLT_MAX) ? y : special;
}

// float32 arctanh: log(1 + w) / 2 with w = 2a / (1 - a).
TE_INLINE float te_arctanh_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    double w = (a + a) / (1.0 - a);
    float y = (float)te_copysign(0.5 * te_log1p_f32_core(w), x);
    float special = a == 1.0 ? (float)te_copysign(__builtin_inf(), x) : __builtin_nanf("");
    return a < 1.0 ? y : special;
}
#endif

// xh + xl = t + xl0 renormalized, for |t| >= |xl0|.
TE_INLINE void te_renormalize(double t, double xl0, double *xh, double *xl) {
    double s = t + xl0;
    *xh = s;
    *xl = xl0 - (s - t);
}

// float64 arcsinh. X = a + sqrt(1 + a^2) in two doubles: a^2 exact from a fused
// multiply-add, 1 + a^2 by an exact two-sum, the square root with its residual (one
// Newton correction), the sum with its rounding error. Then log(X) by te_log_dd. For
// a > 2^28, arcsinh a = log(2a) within 2^-58 (X = a with one more ln2, which avoids
// overflow); below 2^-26 the result rounds to a.
TE_INLINE double te_arcsinh_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > 0x1p28;
    double b = big ? 1.0 : a;
    double ph = b * b, pl = te_fma(b, b, -ph);
    double qh = 1.0 + ph;
    double qb = qh - ph;
    double ql = ((1.0 - qb) + (ph - (qh - qb))) + pl; // 1 + b^2 = qh + ql
    double sh = __builtin_elementwise_sqrt(qh);
    double sl = (te_fma(-sh, sh, qh) + ql) / (2.0 * sh);
    double t = sh + b; // sh > b
    double xh, xl;
    te_renormalize(t, ((sh - t) + b) + sl, &xh, &xl);
    double rh, rl;
    te_log_dd(big ? a : xh, big ? 0.0 : xl, 1, big ? 1.0 : 0.0, &rh, &rl);
    double y = a < 0x1p-26 ? a : rh + rl;
    y = te_copysign(y, x);
    return a <= TE_DBL_MAX ? y : x + x;
}

// float64 arccosh. X = x + sqrt(x^2 - 1) in two doubles as in arcsinh (x^2 - 1 is
// renormalized before the square root: near 1 it is small and its low part is not).
// For x > 2^28, arccosh x = log(2x) within 2^-58.
TE_INLINE double te_arccosh_f64(double x) {
    int big = x > 0x1p28;
    double b = big ? 1.0 : x;
    double ph = b * b, pl = te_fma(b, b, -ph);
    double q0 = ph - 1.0;
    double qb = q0 - ph;
    double qe = ((ph - (q0 - qb)) + (-1.0 - qb)) + pl; // b^2 - 1 = q0 + qe
    double qh, ql;
    te_renormalize(q0, qe, &qh, &ql);
    double sh = __builtin_elementwise_sqrt(qh);
    double sl = qh > 0.0 ? (te_fma(-sh, sh, qh) + ql) / (2.0 * sh) : 0.0;
    double t = b + sh; // b > sh
    double xh, xl;
    te_renormalize(t, ((b - t) + sh) + sl, &xh, &xl);
    double rh, rl;
    te_log_dd(big ? x : xh, big ? 0.0 : xl, 1, big ? 1.0 : 0.0, &rh, &rl);
    double y = x == 1.0 ? 0.0 : rh + rl;
    double special = x == __builtin_inf() ? x : __builtin_nan("");
    return (x >= 1.0 && x <= TE_DBL_MAX) ? y : special;
}

// float64 arctanh. 1 - a and 1 + a are exact in two doubles, their quotient X in two
// doubles (the division's remainder from a fused multiply-add), then log(X)/2 by
// te_log_dd. Below 2^-27 the result rounds to a.
TE_INLINE double te_arctanh_f64(double x) {
    double a = __builtin_fabs(x);
    double dh = 1.0 - a, dl = (1.0 - dh) - a;
    double nh = 1.0 + a, nl = (1.0 - nh) + a;
    double q = nh / dh;
    double ql = (te_fma(-q, dh, nh) + te_mla(-q, dl, nl)) / dh;
    double xh, xl;
    te_renormalize(q, ql, &xh, &xl);
    double rh, rl;
    te_log_dd(xh, xl, 1, 0.0, &rh, &rl);
    double y = a < 0x1p-27 ? a : 0.5 * (rh + rl);
    y = te_copysign(y, x);
    double special = a == 1.0 ? te_copysign(__builtin_inf(), x) : __builtin_nan("");
    return a < 1.0 ? y : special;
}

#ifdef TE_SSE2_UNIT
TE_UNARY(arcsinh_f32, float, te_arcsinh_f32)
TE_UNARY(arccosh_f32, float, te_arccosh_f32)
TE_UNARY(arctanh_f32, float, te_arctanh_f32)
#endif
#ifdef TE_SSE2_UNIT
#include "LogTableCore.h"
// float64 arcsinh and arccosh at SSE2, where the fused multiply-adds above would be
// Dekker's product (about seventeen operations each) and te_log_dd divides twice: the
// same X in two doubles with split operands instead (the top 26 bits of b and of the
// square root, whose squares are exact and within 2^-24 of the rounded square, so that
// their difference with it is exact too), one division (the square root's correction) and a table-driven
// logarithm without a division (LogTableCore.h). Their results can differ from AVX2's in
// the last bit: the SSE2 loops have their own measured bounds.
//
// arcsinh: X = b + sqrt(1 + b^2). b^2 = ph + pl with ph = b b rounded and pl =
// (bt^2 - ph) + (b - bt)(b + bt), the first exact and the second rounded twice (2^-52 of
// a term below 2^-24 b^2); 1 + b^2 = qh + ql by a two-sum, sh = sqrt(qh) and sl = (qh - sh^2 + ql) / (2 sh) with qh - st^2 exact (st the
// top 26 bits of sh: st^2 lies within 2^-24 of qh) and (sh - st)(sh + st) rounded (2^-52
// of a term below sh - st, which is also below sh - 1: for small b nothing of size
// rounds). X = t + xl with t = sh + b and xl its rounding error plus sl (|xl| is about
// an ULP of t at most, which is all te_log_table_dd asks). For a > 2^28, log(2a) as
// log(a 2^-30) + 31 ln2 (the scaling keeps 2^-k normal in the table's logarithm).
TE_INLINE double te_arcsinh_f64_split(double x, const int full) {
    double a = __builtin_fabs(x);
    int big = full && a > 0x1p28;
    double b = big ? 1.0 : a;
    double bt = te_top26(b);
    double ph = b * b;
    double pl = (bt * bt - ph) + (b - bt) * (b + bt);
    double qh = 1.0 + ph;
    double ql = ((ph > 1.0 ? ph : 1.0) - qh) + (ph > 1.0 ? 1.0 : ph) + pl; // a fast two-sum
    double sh = __builtin_elementwise_sqrt(qh);
    double st = te_top26(sh);
    double res = ((qh - st * st) - (sh - st) * (sh + st)) + ql;
    double sl = res / (sh + sh);
    double t = sh + b; // sh > b
    double xl = ((sh - t) + b) + sl;
    double rh, rl;
    te_log_table_dd(big ? a * 0x1p-30 : t, big ? 0.0 : xl, big ? 31.0 : 0.0, &rh, &rl);
    double y = rh + rl;
    if (!full) return te_double(te_bits(y) | (te_bits(x) & 0x8000000000000000ULL));
    y = a < 0x1p-26 ? a : y;
    y = te_copysign(y, x);
    return a <= TE_DBL_MAX ? y : x + x;
}

// arccosh: X = b + sqrt(b^2 - 1) as in arcsinh, with b^2 - 1 = t^2 + 2t for t = b - 1
// (exact for b <= 2^53), so that near 1, where b^2 - 1 is small, it is formed without
// cancellation: t^2 split as b^2 above and added to 2t by a two-sum.
TE_INLINE double te_arccosh_f64_split(double x, const int full) {
    int big = full && x > 0x1p28;
    double b = big ? 1.0 : x;
    double t = b - 1.0;
    double tt = te_top26(t);
    double ph = t * t;
    double pl = (tt * tt - ph) + (t - tt) * (t + tt);
    double d = t + t;
    double qh = d + ph;
    double ql = ((d > ph ? d : ph) - qh) + (d > ph ? ph : d) + pl; // both >= 0: a fast two-sum
    double sh = __builtin_elementwise_sqrt(qh);
    double st = te_top26(sh);
    double res = ((qh - st * st) - (sh - st) * (sh + st)) + ql;
    double sl = res / (sh + sh);
    sl = (full && !(qh > 0.0)) ? 0.0 : sl; // x = 1: 0/0
    double u = b + sh; // b > sh
    double xl = ((b - u) + sh) + sl;
    double rh, rl;
    te_log_table_dd(big ? x * 0x1p-30 : u, big ? 0.0 : xl, big ? 31.0 : 0.0, &rh, &rl);
    double y = rh + rl;
    if (!full) return y;
    y = x == 1.0 ? 0.0 : y;
    double special = x == __builtin_inf() ? x : __builtin_nan("");
    return (x >= 1.0 && x <= TE_DBL_MAX) ? y : special;
}
// Ordinary: 2^-26 <= |x| <= 2^28 (arcsinh), 1 < x <= 2^28 (arccosh), where the kernels
// need none of their selects; tested on the bits (one unsigned compare).
#define TE_ARCSINH_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) - 0x3e50000000000000ULL <= 0x41b0000000000000ULL - 0x3e50000000000000ULL)
#define TE_ARCCOSH_F64_ORDINARY(x) (te_bits(x) - 0x3ff0000000000001ULL <= 0x41b0000000000000ULL - 0x3ff0000000000001ULL)
// Four vectors per iteration: the chain from x through the square root, the division and
// the table lookup is long, and one vector per iteration left the core waiting on it
// (1.24x and 1.17x faster than one for arcsinh and arccosh; eight spill registers).
#pragma push_macro("TE_ASSUME_SAFETY")
#undef TE_ASSUME_SAFETY
#define TE_ASSUME_SAFETY _Pragma("clang loop vectorize(assume_safety) interleave_count(4)")
TE_UNARY_CHECKED(arcsinh_f64, double, te_arcsinh_f64_split, TE_ARCSINH_F64_ORDINARY)
TE_UNARY_CHECKED(arccosh_f64, double, te_arccosh_f64_split, TE_ARCCOSH_F64_ORDINARY)
#pragma pop_macro("TE_ASSUME_SAFETY")
#else
TE_UNARY(arcsinh_f64, double, te_arcsinh_f64)
TE_UNARY(arccosh_f64, double, te_arccosh_f64)
#endif
TE_UNARY(arctanh_f64, double, te_arctanh_f64)
