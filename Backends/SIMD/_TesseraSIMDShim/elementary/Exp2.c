// exp2 (2^x) for float32 and float64.
//
// 2^x = 2^n 2^r with n = round(x) and r = x - n, which is exact and within ±1/2;
// 2^r = e^(r ln2) with exp's polynomial (|r ln2| <= ln2/2, its range), and 2^n goes
// into the exponent field. Integer x gives 2^x exactly. Inputs are clamped just outside
// the range where the result is finite and nonzero, so overflow and underflow come out
// of the final multiply as NumPy's inf and 0; NaN passes through every step.
#include "ElementaryDerivedCommon.h"
#include "ExpTableCore.h"

// float32, evaluated in double: r ln2 rounded once, e^y by the float32 exp polynomial
// (relative error near 1e-10), 2^n exact in double for every float32 result (subnormal
// ones included), so the only rounding that shows is the conversion.
TE_INLINE float te_exp2_f32(float xf) {
    double x = xf;
    x = x > 130.0 ? 130.0 : x;   // 2^128 overflows float32
    x = x < -160.0 ? -160.0 : x; // 2^-151 rounds to 0
    double kd = x + TE_ROUND_MAGIC;
    double n = kd - TE_ROUND_MAGIC;
    double y = (x - n) * TE_LN2_FULL_HI;
    double y2 = y * y, y4 = y2 * y2;
    double p01 = te_mla(TE_F32_EXP_C1, y, TE_F32_EXP_C0);
    double p23 = te_mla(TE_F32_EXP_C3, y, TE_F32_EXP_C2);
    double p45 = te_mla(TE_F32_EXP_C5, y, TE_F32_EXP_C4);
    double p67 = te_mla(TE_F32_EXP_C7, y, TE_F32_EXP_C6);
    double p = te_mla(te_mla(p67, y2, p45), y4, te_mla(p23, y2, p01));
    double scale = te_double((te_bits(kd) + 1023) << 52); // 2^n, n in [-160, 130]
    return (float)(p * scale);
}

// float64: r ln2 carried as yh + yl (a fused multiply-add gives r ln2_hi's rounding
// error), then e^(yh + yl) = (1 + yh) + (yl (1 + yh) + e^yh - 1 - yh) with 1 + yh summed
// exactly, as in exp: the only rounding of size is the last addition. 2^n is applied as
// two factors so that overflow happens only in the last multiply; results below 2^-1022
// are rounded once from hi + tail at the subnormal spacing (te_subnormal_round).
TE_INLINE double te_exp2_f64(double x, const int full) {
    if (full) {
        x = x > 1025.0 ? 1025.0 : x;
        x = x < -1080.0 ? -1080.0 : x;
    }
    double kd = x + TE_ROUND_MAGIC;
    double n = kd - TE_ROUND_MAGIC;
    double r = x - n;
    double yh = r * TE_LN2_FULL_HI;
    double yl = te_fma(r, TE_LN2_FULL_HI, -yh) + r * TE_LN2_FULL_LO;
    double hi = 1.0 + yh;
    double lo = (1.0 - hi) + yh;
    double tail = lo + (te_mla(yl, yh, yl) + te_exp_f64_tail(yh));
    double p = hi + tail;
    int64_t ni = (int64_t)(te_bits(kd) << 44) >> 44; // n in [-1080, 1025]
    // Ordinary operands (|x| < 1020): 2^n and the result are normal, one exact factor.
    if (!full) return p * te_double((uint64_t)(ni + 1023) << 52);
    int64_t n1 = ni >> 1, n2 = ni - n1;
    double s1 = te_double((uint64_t)(n1 + 1023) << 52);
    double s2 = te_double((uint64_t)(n2 + 1023) << 52);
    double res = p * s1 * s2;
    // Results below 2^-1022 (n <= -1022): (hi + tail) 2^(n + 1022) = y + e (hi >= |tail|,
    // so e is y's exact rounding error), rounded once at the subnormal spacing.
    int64_t nt = ni < -1100 ? -1100 : ni; // keeps the scale's exponent field in range
    double sc = te_double((uint64_t)(nt + 1022 + 1023) << 52);
    double sh = hi * sc, st = tail * sc;
    double y = sh + st;
    double e = (sh - y) + st;
    return (ni <= -1022 && y < 1.0) ? te_subnormal_round(y, e) : res;
}

TE_UNARY(exp2_f32, float, te_exp2_f32)
// Ordinary: |x| < 1020 (2^n and 2^x normal and finite); NaN is not. Blocks of them take
// the kernels' lean form (no clamps, 2^n as one factor, no subnormal rounding).
#define TE_EXP2_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x408fe00000000000ULL)
#ifdef TE_SSE2_UNIT
// float64 at SSE2, where the fused multiply-add above is Dekker's product: exp's table
// (ExpTableCore.h) instead. 2^x = 2^n 2^(j/16) e^y with k = 16 n + j = round(16 x),
// r = x - k/16 exact and within ±1/32, and y = r ln2 rounded once: |y| <= ln2/32, so that
// rounding is at most 0.011 ULP of the result and no exact product is needed. e^y - 1 is
// exp's table polynomial, and 2^x = 2^n (hi_j + hi_j tmp) with
// tmp = rel_j + (e^y - 1), exp's own ending (te_exp_table_scale). Operands where 2^x may
// be subnormal or overflow (|x| >= 1020), inf and NaN take the clamps and apply 2^n as
// two factors after the rounding.
TE_INLINE double te_exp2_f64_table(double x, const int full) {
    if (full) {
        x = x > 1025.0 ? 1025.0 : x;
        x = x < -1080.0 ? -1080.0 : x;
    }
    double kd = te_mla(x, 16.0, TE_ROUND_MAGIC); // 16 x is exact
    double k = kd - TE_ROUND_MAGIC;
    double r = te_mla(k, -1.0 / 16.0, x);        // exact
    double y = te_mla(r, TE_LN2_FULL_HI, r * TE_LN2_FULL_LO);
    return te_exp_table_scale(y, te_bits(kd), full);
}
TE_UNARY_CHECKED(exp2_f64, double, te_exp2_f64_table, TE_EXP2_F64_ORDINARY)
#else
TE_UNARY_CHECKED(exp2_f64, double, te_exp2_f64, TE_EXP2_F64_ORDINARY)
#endif
