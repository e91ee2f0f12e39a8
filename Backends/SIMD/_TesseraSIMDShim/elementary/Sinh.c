// sinh for float32 and float64.
//
// sinh is odd: computed for a = |x| and the sign of x copied back (sinh(-0) = -0).
// Arguments beyond the overflow threshold give inf (NumPy's), NaN stays NaN.
#include "ElementaryExtendedCommon.h"

// float32, evaluated in double (the SSE2 loop; AVX2 and AVX-512 evaluate float32 in
// float32 lanes, SinhF32.c): a = n ln2 + r, |r| <= ln2/2, and e^(+-r) = C(z) +- r S(z)
// with C = cosh r and S = sinh(r)/r polynomials in z = r^2 (relative error 2^-34), so
// sinh a = 2^(n-1) (C + r S) - 2^(-n-1) (C - r S): no division, and for n >= 1 (a above
// ln2/2) the subtraction loses at most one bit of double's 29 spare ones. For n = 0 the
// result is r S itself (a = r exactly), so small a keeps its relative accuracy. Measured
// 0.5010 ULP over all inputs (0.5001 before, with expm1's core and a division).
TE_INLINE float te_sinh_f32(float xf) {
    double x = xf;
    double a = __builtin_fabs(x);
    a = a > 90.0 ? 90.0 : a; // sinh 90 overflows float32
    double kd = te_mla(a, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    // Fused, n ln2 is not rounded; at SSE2 (multiply and add) it is, by at most 2^-46.
    double r = te_mla(-n, TE_LN2_FULL_HI, a);
    double z = r * r, z2 = z * z;
    double c = te_mla(te_mla(TE_F32_SINH_EVEN_C3, z, TE_F32_SINH_EVEN_C2), z2,
                      te_mla(TE_F32_SINH_EVEN_C1, z, TE_F32_SINH_EVEN_C0));
    double sr = r * te_mla(te_mla(TE_F32_SINH_ODD_C3, z, TE_F32_SINH_ODD_C2), z2,
                           te_mla(TE_F32_SINH_ODD_C1, z, TE_F32_SINH_ODD_C0));
    uint64_t kb = te_bits(kd); // n in its low bits
    double up = te_double((kb + 1022) << 52);     // 2^(n-1)
    double down = te_double((1022 - kb) << 52);   // 2^(-n-1)
    double v = te_mla(up, c + sr, -(down * (c - sr)));
    return (float)te_copysign(n == 0.0 ? sr : v, x);
}

// float64. Below 1: sinh a = a + a^3 p(a^2), with a^3 carried in two doubles (exact
// products: te_fma is Dekker's at SSE2), so that the term a^3 p (up to 0.18 of the result
// near 1) takes about one rounding of its own size; with a^2, a^2 p and p rounded, the
// odd series measured 0.93 ULP (0.98 at SSE2). From 1 on: sinh a = S (e^r - m) with
// a = n ln2 + r, S = 2^(n-1) and m = e^-a / (2S) = 1 / (4 S^2 e^r) <= 0.19: e^r is
// carried in two doubles (as in exp), so the only roundings of size are m's and the last
// addition's. S is applied as two factors, so that overflow happens in the last multiply
// only (a is clamped at 711, beyond the threshold).
TE_INLINE double te_sinh_f64(double x) {
    double a0 = __builtin_fabs(x);
    // a < 1: the odd series, a^3 p(a^2) = a^3 C0 + a^3 z q(z) with q of degree 7: the
    // leading product is exact inside the last multiply-add, and q's roundings are
    // relative to z q <= 0.0067 (p itself rounded three times measured 0.28 ULP more).
    double z = a0 * a0, z2 = z * z, z4 = z2 * z2;
    double q01 = te_mla(TE_F64_SINH_C2, z, TE_F64_SINH_C1);
    double q23 = te_mla(TE_F64_SINH_C4, z, TE_F64_SINH_C3);
    double q45 = te_mla(TE_F64_SINH_C6, z, TE_F64_SINH_C5);
    double q67 = te_mla(TE_F64_SINH_C8, z, TE_F64_SINH_C7);
    double q = te_mla(te_mla(q67, z2, q45), z4, te_mla(q23, z2, q01));
    double cl = te_fma(a0, a0, -z);                  // a^2 = z + cl
    double ch = a0 * z;
    double cubic_lo = te_fma(a0, z, -ch) + a0 * cl;   // a^3 = ch + cubic_lo
    double near = a0 + te_mla(ch, TE_F64_SINH_C0, te_mla(ch, z * q, cubic_lo * TE_F64_SINH_C0));
    // a >= 1: exponentials.
    double a = a0 > 711.0 ? 711.0 : a0;
    te_exp_reduction e = te_exp_reduce_f64(a);
    double n = e.n, r = e.r, dr = e.dr;
    double hi = 1.0 + r;
    double tail = ((1.0 - hi) + r) + (te_exp_f64_tail(r) + te_mla(dr, r, dr));
    double ph = hi + tail;
    double pl = tail - (ph - hi); // e^r = ph + pl
    double inverse = n < 60.0 ? te_pow2(1.0 - n) : 0.0; // 1/S; beyond, m is below any ULP
    double m = (0.25 / ph) * inverse * inverse;
    double h = n - 1.0;
    double h1 = te_floor(h * 0.5);
    double far = (ph + (pl - m)) * te_pow2(h1) * te_pow2(h - h1);
    return te_copysign(a0 < 1.0 ? near : far, x);
}

#ifdef TE_SSE2_UNIT
TE_UNARY_INTERLEAVED(sinh_f32, float, te_sinh_f32)
#endif
TE_UNARY_INTERLEAVED_NARROW(sinh_f64, double, te_sinh_f64)
