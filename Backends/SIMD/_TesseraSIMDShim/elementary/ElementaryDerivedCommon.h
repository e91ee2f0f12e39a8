// Pieces shared by the kernels derived from exp and log (exp2, log2, log10, cosh,
// arcsinh, arccosh, arctanh): a float64 logarithm of an argument carried in two doubles
// that returns its result in two doubles, and a float64-evaluated log(1 + w) for the
// float32 kernels.
#ifndef TESSERA_ELEMENTARY_DERIVED_COMMON_H
#define TESSERA_ELEMENTARY_DERIVED_COMMON_H

#include "ElementaryExtendedCommon.h"
#include "ElementaryDerivedConstants.h"

#define TE_SQRT_HALF_BITS 0x3fe6a09e667f3bcdULL
#define TE_EXPONENT_MASK 0xfff0000000000000ULL

// log(xh + xl) + extra ln2 as rh + rl, for xh positive, normal and finite, |xl| at most
// about an ULP of xh, and an integer-valued extra (a scaling the caller took out).
// xh = 2^k m with m in [sqrt(1/2), sqrt(2)) and f = m - 1 exact; log(1 + f) = f - h +
// s (h + R) with h = f^2/2 (kept exactly as two doubles), s = f / (2 + f) and R the
// series of log's float64 kernel beyond 2s. f - h is summed with its rounding error kept
// (|h| <= |f|/4), k ln2 is an exact k ln2_hi plus k ln2_lo in the low part, and xl
// enters as log(1 + xl/xh) = xl/xh (the next term is below 2^-100 of the result's size).
// What remains are roundings of terms at most 2^-4 of the result, so rh + rl is within
// a few 2^-60 of it relatively: a caller that rounds rh + rl once (or scales it by a
// two-double constant first) stays within about 0.5 ULP.
TE_INLINE void te_log_dd(double xh, double xl, const int has_xl, double extra, double *rh, double *rl) {
    uint64_t u = te_bits(xh);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    double k = (double)((int64_t)t >> 52) + extra;
    double f = te_double(u - (t & TE_EXPONENT_MASK)) - 1.0;
    double ff = f * f;
    double h = 0.5 * ff, hl = 0.5 * te_fma(f, f, -ff); // f^2/2 = h + hl exactly
    double s = f / (2.0 + f);
    double z = s * s, z2 = z * z, z4 = z2 * z2;
    double a1 = te_mla(TE_F64_LOG_C2, z, TE_F64_LOG_C1);
    double a3 = te_mla(TE_F64_LOG_C4, z, TE_F64_LOG_C3);
    double a5 = te_mla(TE_F64_LOG_C6, z, TE_F64_LOG_C5);
    double b1 = te_mla(a3, z2, a1);
    double b5 = te_mla(TE_F64_LOG_C7, z2, a5);
    double R = te_mla(b5, z4, b1) * z;
    double d = f - h;
    double de = (f - d) - h; // f - h = d + de exactly
    double c = has_xl ? xl / xh : 0.0;
    double lo = te_mla(s, h + R, de - hl) + te_mla(k, TE_LN2_LO, c);
    double kh = k * TE_LN2_HI; // exact
    double sh = kh + d;        // |kh| >= 0.69 > |d|, or kh = 0
    *rh = sh;
    *rl = ((kh - sh) + d) + lo;
}

// (h + l) (ch + cl) to about 2^-104 relatively, as one rounded double.
TE_INLINE double te_dd_scale(double h, double l, double ch, double cl) {
    double p = h * ch;
    double e = te_fma(h, ch, -p);
    return p + (e + te_mla(h, cl, l * ch));
}

// log(1 + w) for w >= 0 (finite), evaluated in double with a relative error near 1e-10:
// enough for a float32 result. Near zero (w < sqrt(2) - 1) the log kernel runs on f = w
// itself, so small w keeps its relative accuracy; beyond, on the rounded 1 + w, whose
// rounding error is below 2^-53 of a result of at least 0.34.
TE_INLINE double te_log1p_f32_core(double w) {
    int near = w < 0x1.a827999fcef32p-2; // sqrt(2) - 1 rounded down
    uint64_t u = te_bits(1.0 + w);
    uint64_t t = u - TE_SQRT_HALF_BITS;
    double k = near ? 0.0 : (double)((int64_t)t >> 52);
    double f = near ? w : te_double(u - (t & TE_EXPONENT_MASK)) - 1.0;
    return te_mla(k, TE_LN2_FULL_HI, te_log_f32_series(f));
}

#endif
