// cbrt for float32 and float64.
//
// |x| = 2^(3q + j) m with m in [1, 2), j in {0, 1, 2}: cbrt|x| = 2^q cbrt(2^j) cbrt(m),
// with cbrt(m) a minimax polynomial (relative error 8e-11). The exponent and q are
// found in double arithmetic (exact for these integers), so no 64-bit integer
// conversion is needed at AVX2. The sign of x is copied back; ±0, ±inf and NaN are
// returned as they are.
#include "ElementaryExtendedCommon.h"

// cbrt(a) ~ y with u = 2^j m, a = 2^(3q) u, for a positive normal double a: the
// polynomial's approximation y of cbrt(u) (relative error 8e-11), u, and 2^q.
TE_INLINE double te_cbrt_reduce(double a, double shift, double *u_out, double *scale_out) {
    uint64_t b = te_bits(a);
    // The biased exponent as a double, through the bits of 2^52 + exponent.
    double e = te_double((b >> 52) | 0x4330000000000000ULL) - 0x1p52 - 1023.0 - shift;
    double q = te_floor((e + 1200.5) * (1.0 / 3.0)) - 400.0;
    double j = e - 3.0 * q;
    double m = te_double((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    double t = m - 1.0, t2 = t * t, t4 = t2 * t2, t8 = t4 * t4;
    double c01 = te_mla(TE_CBRT_C1, t, TE_CBRT_C0);
    double c23 = te_mla(TE_CBRT_C3, t, TE_CBRT_C2);
    double c45 = te_mla(TE_CBRT_C5, t, TE_CBRT_C4);
    double c67 = te_mla(TE_CBRT_C7, t, TE_CBRT_C6);
    double c89 = te_mla(TE_CBRT_C9, t, TE_CBRT_C8);
    double c810 = te_mla(TE_CBRT_C10, t2, c89);
    double c07 = te_mla(te_mla(c67, t2, c45), t4, te_mla(c23, t2, c01));
    double p = te_mla(c810, t8, c07);
    double cj = j == 0.0 ? 1.0 : (j == 1.0 ? TE_CBRT2 : TE_CBRT4);
    *u_out = m * (j == 0.0 ? 1.0 : (j == 1.0 ? 2.0 : 4.0));
    *scale_out = te_pow2(q);
    return p * cj;
}

// float32, evaluated in double: the polynomial alone is within 0.5 + 0.002 float32 ULP.
TE_INLINE float te_cbrt_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    int finite = a > 0.0 && a < __builtin_inf();
    double u, scale;
    double y = te_cbrt_reduce(finite ? a : 1.0, 0.0, &u, &scale) * scale;
    return finite ? (float)te_copysign(y, x) : xf + xf;
}

// float64: one Newton step y - (y^3 - u) / (3 y^2) squares the polynomial's relative
// error (to 1e-20); y^3 - u is computed exactly enough (y^2 and y^3 with their rounding
// errors, and y^3 - u exact by Sterbenz's lemma), so the last subtraction is the only
// rounding of size. Subnormal inputs are scaled by 2^54 first.
TE_INLINE double te_cbrt_f64(double x) {
    double a = __builtin_fabs(x);
    int finite = a > 0.0 && a < __builtin_inf();
    int tiny = a < 0x1p-1022;
    double as = finite ? (tiny ? a * 0x1p54 : a) : 1.0;
    double u, scale;
    double y = te_cbrt_reduce(as, tiny ? 54.0 : 0.0, &u, &scale);
    double p = y * y;
    double pl = te_fma(y, y, -p);
    double c = p * y;
    double cl = te_fma(p, y, -c);
    double residual = (c - u) + te_mla(pl, y, cl);
    y = y - residual / (3.0 * p);
    return finite ? te_copysign(y * scale, x) : x + x;
}

TE_UNARY(cbrt_f32, float, te_cbrt_f32)
#ifdef TE_SSE2_UNIT
// float64 at SSE2, where te_fma is Dekker's product: no exact product at all. The
// polynomial's y is cut to its top 17 significant bits, yh (relative error below 2^-16),
// so yh^2 and c = yh^3 (51 bits) are exact, and so is u - c (Sterbenz: c is within a
// factor 2 of u). With d = (u - c)/c, |d| < 2^-14.4, cbrt u = yh (1 + d)^(1/3) =
// yh + yh d (1/3 - d/9 + 5 d^2/81 - 10 d^3/243 ...): the terms left out are below 2^-70
// of the result, and the correction's own roundings below 2^-66, so the final addition
// is the only rounding of size.
TE_INLINE double te_cbrt_f64_sse2(double x) {
    double a = __builtin_fabs(x);
    int finite = a > 0.0 && a < __builtin_inf();
    int tiny = a < 0x1p-1022;
    double as = finite ? (tiny ? a * 0x1p54 : a) : 1.0;
    double u, scale;
    double y = te_cbrt_reduce(as, tiny ? 54.0 : 0.0, &u, &scale);
    double yh = te_double(te_bits(y) & 0xfffffff000000000ULL); // 1 + 16 stored bits
    double c = yh * yh * yh;
    double d = (u - c) / c;
    double series = te_mla(te_mla(te_mla(-10.0 / 243.0, d, 5.0 / 81.0), d, -1.0 / 9.0), d, 1.0 / 3.0);
    double r = te_mla(yh * d, series, yh);
    return finite ? te_copysign(r * scale, x) : x + x;
}
TE_UNARY(cbrt_f64, double, te_cbrt_f64_sse2)
#else
TE_UNARY(cbrt_f64, double, te_cbrt_f64)
#endif
