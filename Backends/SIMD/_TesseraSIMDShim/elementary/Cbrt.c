// cbrt for float32 and float64 at SSE2, the x86-64 baseline (this file's loops exist only
// in its SSE2 twin, elementary/sse2/CbrtSSE2.c). At AVX2 and AVX-512 the kernels are
// CbrtF32.c's and CbrtF64.c's: an approximation of x^(-2/3) and a Newton step on x itself.
//
// |x| = 2^(3q + j) m with m in [1, 2), j in {0, 1, 2}: cbrt|x| = 2^q cbrt(u), u = 2^j m
// in [1, 8). A polynomial gives r ~ u^(-1/3) = 2^(-j/3) m^(-1/3); y0 = u r^2 ~ cbrt(u),
// and one Newton step y = y0 + (u - y0^3) r^2/3 ends it, with u - y0^3 computed to far
// below its own size (y0^2 = q + ql exactly, then u - q y0 and - ql y0 one fused
// multiply-add each), so the step's last addition is the only rounding of the result's
// size. r^2 stands for 1/y0^2 in the step: with r's relative error e, y0's is about 2e
// and the step leaves about 16 e^2. No division and no select chain on the polynomial:
// the exponent arithmetic is in integers (floor(n/3) as n * 43691 >> 17, exact for
// n < 2^17), and q is added to the result's exponent bits (exact: the result is normal).
// The sign of x is put back; ±0, ±inf and NaN give x + x (themselves).
//
// The kernels are one long dependency chain each: their loops keep two vectors in flight
// (TE_UNARY_INTERLEAVED), which measured 5-20% faster at every level.
#include "ElementaryExtendedCommon.h"

#ifdef TE_SSE2_UNIT
// float32 at SSE2, in float32 arithmetic: r from a degree-6 fit (relative error 2^-20),
// so the step leaves about 2^-36 and the result is within 0.5 + 2^-12 ULP. (At AVX2 and
// AVX-512 float32 is CbrtF32.c's: the same step, with r from six subintervals' degree-4
// polynomials read by vector permutes, which SSE2 lacks.)
// Subnormal inputs are scaled by 2^24 first (n then counts 24 less). At SSE2 te_fmaf
// computes in double, where a product of two floats is exact, so the residual's two
// steps are as accurate as fused ones.
TE_INLINE float te_cbrt_f32(float x) {
    uint32_t ab = te_bits32(x) & 0x7fffffffu;
    int tiny = ab < 0x00800000u;
    uint32_t sb = te_bits32(tiny ? te_float(ab) * 0x1p24f : te_float(ab));
    uint32_t n = (sb >> 23) + 23u - (tiny ? 24u : 0u); // the exponent + 150, in [1, 277]
    uint32_t d3 = (n * 43691u) >> 17;           // floor(n / 3); q = d3 - 50
    uint32_t j = n - 3u * d3;
    uint32_t mb = sb & 0x007fffffu;
    float t = te_float(mb | 0x3f800000u) - 1.0f;
    float u = te_float(mb + ((127u + j) << 23));
    float t2 = t * t, t4 = t2 * t2;
    float p01 = te_mlaf((float)TE_F32_RCBRT_C1, t, (float)TE_F32_RCBRT_C0);
    float p23 = te_mlaf((float)TE_F32_RCBRT_C3, t, (float)TE_F32_RCBRT_C2);
    float p45 = te_mlaf((float)TE_F32_RCBRT_C5, t, (float)TE_F32_RCBRT_C4);
    float p = te_mlaf(te_mlaf((float)TE_F32_RCBRT_C6, t2, p45), t4, te_mlaf(p23, t2, p01));
    float r = p * (j == 0u ? 1.0f : (j == 1u ? (float)TE_F32_RCBRT2 : (float)TE_F32_RCBRT4));
    float s = r * r;
    float y0 = u * s;
    float q = y0 * y0;
    float ql = te_fmaf(y0, y0, -q);
    float residual = te_fmaf(-ql, y0, te_fmaf(-q, y0, u));
    float y = te_fmaf(residual, s * (1.0f / 3.0f), y0);
    uint32_t bits = (te_bits32(y) + ((d3 - 50u) << 23)) | (te_bits32(x) & 0x80000000u);
    return ab - 1u < 0x7f7fffffu ? te_float(bits) : x + x;
}
TE_UNARY_INTERLEAVED(cbrt_f32, float, te_cbrt_f32)
#endif

#ifdef TE_SSE2_UNIT
// float64 at SSE2, where te_fma is Dekker's product (no fused multiply-add): cbrt(m) from
// a degree-10 polynomial (relative error 8e-11) and cbrt(2^j) as a factor, with the
// exponent and q found in double arithmetic. The polynomial's y is cut to its top 17
// significant bits, yh (relative error below 2^-16), so yh^2 and c = yh^3 (51 bits) are
// exact, and so is u - c (Sterbenz: c is within a factor 2 of u). With d = (u - c)/c,
// |d| < 2^-14.4, cbrt u = yh (1 + d)^(1/3) = yh + yh d (1/3 - d/9 + 5 d^2/81 -
// 10 d^3/243 ...): the terms left out are below 2^-70 of the result, and the
// correction's own roundings below 2^-66, so the final addition is the only rounding of
// size. Subnormal inputs are scaled by 2^54 first.
TE_INLINE double te_cbrt_f64_sse2(double x) {
    double a = __builtin_fabs(x);
    int finite = a > 0.0 && a < __builtin_inf();
    int tiny = a < 0x1p-1022;
    double as = finite ? (tiny ? a * 0x1p54 : a) : 1.0;
    uint64_t b = te_bits(as);
    // The biased exponent as a double, through the bits of 2^52 + exponent.
    double e = te_double((b >> 52) | 0x4330000000000000ULL) - 0x1p52 - 1023.0 - (tiny ? 54.0 : 0.0);
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
    double y = te_mla(c810, t8, c07) * (j == 0.0 ? 1.0 : (j == 1.0 ? TE_CBRT2 : TE_CBRT4));
    double u = m * (j == 0.0 ? 1.0 : (j == 1.0 ? 2.0 : 4.0));
    double yh = te_double(te_bits(y) & 0xfffffff000000000ULL); // 1 + 16 stored bits
    double c = yh * yh * yh;
    double d = (u - c) / c;
    double series = te_mla(te_mla(te_mla(-10.0 / 243.0, d, 5.0 / 81.0), d, -1.0 / 9.0), d, 1.0 / 3.0);
    double r = te_mla(yh * d, series, yh);
    return finite ? te_copysign(r * te_pow2(q), x) : x + x;
}
TE_UNARY_INTERLEAVED(cbrt_f64, double, te_cbrt_f64_sse2)
#endif
