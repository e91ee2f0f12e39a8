// tan for float32 and float64.
//
// x = n pi/2 + r with |r| <= pi/4 (TrigReduction.h, the same reduction as sin and cos):
// tan x = sin r / cos r for even n and -cos r / sin r for odd n, one division either way,
// and near a pole the small denominator is sin r (float32: r P) with r's full relative
// precision.
// float32 at SSE2 and AVX2 is evaluated in double with a rational approximation of tan r
// (tools/fit_trig.py); at AVX-512 in float32 lanes (TanF32.c: the same kernel at AVX2
// measured 12% slower than this one). float64 carries sin r and cos r as two doubles
// each and corrects the quotient with its remainder. Arguments
// beyond 2^20 (rare, found by a pre-scan of each block) take an exact (Payne-Hanek)
// reduction. tan(±0) = ±0, tan(±inf) = NaN, NaN stays NaN.
#include "TrigReduction.h"

// tan(n pi/2 + r) from r (|r| <= pi/4 and a little more) and n mod 2, in double:
// tan r = r P(z)/Q(z) (relative error 7e-11) and -cot r = -Q(z)/(r P(z)).
TE_INLINE double te_tan_reduced_f32(double r, int odd) {
    double z = r * r, z2 = z * z;
    double p = te_mla(TE_F32_TAN_P2, z2, te_mla(TE_F32_TAN_P1, z, 1.0));
    double q = te_mla(te_mla(TE_F32_TAN_Q3, z, TE_F32_TAN_Q2), z2, te_mla(TE_F32_TAN_Q1, z, 1.0));
    double rp = r * p;
    double num = odd ? -q : rp, den = odd ? rp : q;
    return num / den;
}

// For |x| < 2^20: n = round(x 2/pi) < 2^20, x - n pio2_hi is exact (both are multiples
// of 2^-52 and the difference is below 1), and r = that - n pio2_mid errs by 2^-53
// relative plus n 2^-108 absolute, far below what a float32 result shows even next to a
// pole.
TE_INLINE float te_tan_f32(float xf) {
    double x = xf;
    double kd = te_mla(x, TE_TWO_OVER_PI, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double r = te_fma(-n, TE_PIO2_HI, x);
    r = te_mla(-n, TE_PIO2_MID, r);
    return (float)te_tan_reduced_f32(r, (int)(te_bits(kd) & 1));
}

static float te_tan_f32_slow(float x) {
    float a = __builtin_fabsf(x);
    if (!(a < __builtin_inff())) return x - x; // inf -> NaN, NaN -> NaN
    if (a < 0x1p20f) return te_tan_f32(x);
    double r;
    int n = te_reduce_pio2_f32(a, &r);
    double v = te_tan_reduced_f32(r, n & 1);
    return (float)(x < 0 ? -v : v);
}

// float64: sin(r + rr) = r + r^3 P(z) + rr (1 - z/2) and cos(r + rr) = (1 - z/2) +
// z^2 Q(z) - r rr (the polynomials of sin and cos), each summed into a head and a tail;
// the quotient h of the heads is corrected by (numerator - h denominator)/denominator
// with the remainder of the heads exact (a fused multiply-add) and the tails added.
// The error is the final rounding plus about 2^-55 relative.
TE_INLINE double te_tan_f64_reduced(double r, double rr, int odd) {
    double z = r * r;
    double zl = te_fma(r, r, -z);
    double z2 = z * z, z4 = z2 * z2;
    // r^3 P(z) = r^3 c0 + r^3 z P1(z): the leading term is rounded once, as the
    // roundings of P(z) itself (about 1.5 of its ULPs) showed as 0.3 result ULP where
    // tan is near 1. r^3 is rz + rzl, as its roundings (r z and z = r^2) would show too.
    double q12 = te_mla(TE_F64_SIN_C2, z, TE_F64_SIN_C1);
    double q34 = te_mla(TE_F64_SIN_C4, z, TE_F64_SIN_C3);
    double q56 = te_mla(TE_F64_SIN_C6, z, TE_F64_SIN_C5);
    double q = te_mla(te_mla(q56, z2, q34), z2, q12);
    double rz = r * z;
    double rzl = te_fma(r, z, -rz) + r * zl;
    double stail = te_mla(rz, TE_F64_SIN_C0,
                                 te_mla(rz * z, q, te_mla(rzl, TE_F64_SIN_C0, te_mla(-0.5 * z, rr, rr))));
    double sh = r + stail;
    double sl = (r - sh) + stail;
    double ctail;
    double wc = te_cos_f64_parts(r, rr, z, zl, z2, z4, &ctail);
    double ch = wc + ctail;
    double cl = (wc - ch) + ctail;
    double nh = odd ? -ch : sh, nl = odd ? -cl : sl;
    double dh = odd ? sh : ch, dl = odd ? sl : cl;
    double inv = 1.0 / dh;
    double h = nh * inv;
    double res = te_fma(-h, dh, nh) + te_mla(-h, dl, nl);
    return te_mla(res, inv, h);
}

TE_INLINE double te_tan_f64(double x) {
    double r, rr;
    double kd = te_reduce_pio2_f64(x, &r, &rr);
    double v = te_tan_f64_reduced(r, rr, (int)(te_bits(kd) & 1));
    // tan(-0) = -0: the tails add +0 to r = -0.
    return x == 0 ? x : v;
}

static double te_tan_f64_slow(double x) {
    double a = __builtin_fabs(x);
    if (!(a < __builtin_inf())) return x - x;
    if (a < TE_TRIG_F64_FAST) return te_tan_f64(x);
    double r, rr;
    int n = te_reduce_pio2_f64_huge(a, &r, &rr);
    double v = te_tan_f64_reduced(r, rr, n & 1);
    return x < 0 ? -v : v;
}

// A block is computed in vector code unless it holds a large or non-finite argument
// (tested on the bits, as one unsigned compare vectorizes well).
#define TE_TAN_BLOCK(NAME, T, CORE, MODERATE, ISA, ATTR)                        \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) { \
        while (n > 0) {                                                         \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                           \
            int large = 0;                                                      \
            for (intptr_t i = 0; i < m; i++) large |= !MODERATE(in[i]);         \
            if (large) {                                                        \
                for (intptr_t i = 0; i < m; i++) out[i] = CORE##_slow(in[i]);   \
            } else {                                                            \
                TE_APPLY(in, out, m, CORE(in[i]));                              \
            }                                                                   \
            in += m;                                                            \
            out += m;                                                           \
            n -= m;                                                             \
        }                                                                       \
    }

#define TE_TAN(NAME, T, CORE, MODERATE) \
    TE_EACH_ISA(TE_TAN_BLOCK, NAME, T, CORE, MODERATE) \
    TE_EACH_ISA(TE_STRIDED_LOOP, NAME, T)

#define TE_TAN_F32_MODERATE(x) ((te_bits32(x) & 0x7fffffffu) < 0x49800000u)                  // |x| < 2^20
#define TE_TAN_F64_MODERATE(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x4130000000000000ULL) // |x| < 2^20
#ifdef TE_SSE2_UNIT
TE_TAN(tan_f32, float, te_tan_f32, TE_TAN_F32_MODERATE)
#else
TE_TAN_BLOCK(tan_f32, float, te_tan_f32, TE_TAN_F32_MODERATE, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(tan_f32, float, avx2, TE_TARGET_AVX2)
#endif
TE_TAN(tan_f64, double, te_tan_f64, TE_TAN_F64_MODERATE)
