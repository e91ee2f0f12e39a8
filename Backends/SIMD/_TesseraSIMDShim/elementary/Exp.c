// exp for float32 and float64.
//
// e^x = 2^n e^r with n = round(x / ln 2) and |r| <= ln2/2; e^r is a minimax polynomial
// and 2^n is put into the exponent field. Inputs are clamped just outside the range
// where the result is finite and nonzero, so overflow and underflow come out of the
// final multiply as NumPy's inf and 0; NaN passes through every step. Blocks without
// an argument near those thresholds (or NaN) skip the clamps and apply 2^n as one
// factor.
#include "ElementaryCommon.h"

// float32, in float32 arithmetic (16 lanes per AVX-512 register). x - n ln2_hi is
// exact (ln2_hi has 16 bits, n at most 8, and the difference fits in 24); with n ln2_lo
// the reduced argument is carried as r + dr, and e^(r + dr) = (1 + r) + (r^2 q(r) +
// dr (1 + r)) with 1 + r summed exactly, so besides the last addition only roundings of
// the small tail remain. 2^n
// is applied as two factors, so that subnormal results round once.
TE_INLINE float te_exp_f32(float x, const int full) {
    if (full) {
        x = x > 89.0f ? 89.0f : x;     // e^89 > FLT_MAX
        x = x < -104.0f ? -104.0f : x; // e^-104 < 2^-150
    }
    float kf = te_mlaf(x, (float)TE_INV_LN2, 0x1.8p23f);
    float n = kf - 0x1.8p23f;
    float rh = te_mlaf(-n, (float)TE_LN2_F32_HI, x);
    float c = -n * (float)TE_LN2_F32_LO;
    float r = rh + c;
    float dr = (rh - r) + c; // r + dr = x - n ln2
    float r2 = r * r;
    float q01 = te_mlaf((float)TE_F32_EXPQ_C1, r, (float)TE_F32_EXPQ_C0);
    float q23 = te_mlaf((float)TE_F32_EXPQ_C3, r, (float)TE_F32_EXPQ_C2);
    float q = te_mlaf(te_mlaf((float)TE_F32_EXPQ_C4, r2, q23), r2, q01);
    float tail = te_mlaf(r2, q, te_mlaf(dr, r, dr)); // e^(r+dr) ~ e^r + dr (1 + r)
    float hi = 1.0f + r;
    float lo = (1.0f - hi) + r;
    float p = hi + (lo + tail);
    uint32_t kb = te_bits32(kf);
    if (!full) return p * te_float((kb + 127) << 23); // n in [-126, 126]: 2^n is normal
    int32_t ni = (int32_t)(kb << 16) >> 16; // n in [-150, 129], from the low mantissa bits
    int32_t n1 = ni >> 1, n2 = ni - n1;
    uint32_t b1 = (uint32_t)(n1 + 127) << 23, b2 = (uint32_t)(n2 + 127) << 23;
    float s1, s2;
    memcpy(&s1, &b1, 4);
    memcpy(&s2, &b2, 4);
    return p * s1 * s2;
}

// float64: e^x = 2^n (1 + r + q(r)) with r = x - n ln2 carried as r + dr. r is exact
// (n ln2_hi has 42 significant bits and x - n ln2_hi fits in 53), 1 + r is summed with
// its rounding error kept, so the only large rounding is the last addition: the
// measured error is within 0.51 ULP. 2^n is applied as two factors so that subnormal
// results round once and overflow happens only in the last multiply.
TE_INLINE double te_exp_f64(double x, const int full) {
    if (full) {
        x = x > 710.0 ? 710.0 : x;   // e^710 > DBL_MAX
        x = x < -746.0 ? -746.0 : x; // e^-746 < 2^-1075
    }
    te_exp_reduction e = te_exp_reduce_f64(x);
    double kd = e.kd, r = e.r, dr = e.dr;
    double q = te_exp_f64_tail(r);
    double hi = 1.0 + r;
    double lo = (1.0 - hi) + r;
    double tail = lo + (dr + dr * r + q);
    double p = hi + tail;
    if (!full) return p * te_double((te_bits(kd) + 1023) << 52); // n in [-1022, 1022]
    int64_t ni = (int64_t)(te_bits(kd) << 44) >> 44; // n in [-1076, 1025]
    int64_t n1 = ni >> 1, n2 = ni - n1;
    double s1 = te_double((uint64_t)(n1 + 1023) << 52);
    double s2 = te_double((uint64_t)(n2 + 1023) << 52);
    return p * s1 * s2;
}

// Ordinary: |x| below 87 (float32) or 708 (float64), where e^x and 2^n are normal, so
// one factor 2^n gives the same result and the clamps change nothing; NaN is not
// ordinary. Tested on the bits (one unsigned compare, which vectorizes well).
#define TE_EXP_F32_ORDINARY(x) ((te_bits32(x) & 0x7fffffffu) < 0x42ae0000u)
#define TE_EXP_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x4086200000000000ULL)
TE_UNARY_CHECKED(exp_f32, float, te_exp_f32, TE_EXP_F32_ORDINARY)
TE_UNARY_CHECKED(exp_f64, double, te_exp_f64, TE_EXP_F64_ORDINARY)
