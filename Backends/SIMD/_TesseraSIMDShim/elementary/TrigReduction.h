// Argument reduction shared by sin, cos and tan, and the float32 sine polynomial they
// evaluate (in double) on the reduced argument.
#ifndef TESSERA_TRIG_REDUCTION_H
#define TESSERA_TRIG_REDUCTION_H

#include "ElementaryCommon.h"
#include "TrigCoefficients.h"
#include "SinF32Coefficients.h"

static const uint64_t te_two_over_pi[] = {TE_TWO_OVER_PI_WORDS};

// 64 bits of 2/pi starting at bit `p` after the binary point (1-based; bits at p <= 0
// are the zero integer part); p + 127 < 1280, the table's length, for every float64.
static inline uint64_t te_two_over_pi_bits(int p) {
    if (p <= -63) return 0;
    if (p <= 0) return te_two_over_pi[0] >> (1 - p);
    int word = (p - 1) / 64, shift = (p - 1) % 64;
    uint64_t hi = te_two_over_pi[word] << shift;
    return shift ? hi | (te_two_over_pi[word + 1] >> (64 - shift)) : hi;
}

// Payne-Hanek product of a finite float32 |x| >= 2^-2: x = m 2^e (m a 24-bit integer).
// Bits of 2/pi that multiply m 2^e into a multiple of 4 do not matter (x 2/pi is wanted
// modulo 4, x/pi modulo 2), so a 128-bit window starting just before them gives the
// 128-bit product m * window = x (2/pi) 2^126 mod 2^128, that is x/pi mod 2 with one
// integer bit and 127 fraction bits, or x (2/pi) mod 4 with two integer bits and 126
// fraction bits, exact to 2^-100.
static inline unsigned __int128 te_two_over_pi_product_f32(float x) {
    uint32_t u = te_bits32(x) & 0x7fffffffu;
    int e = (int)(u >> 23) - 150;
    uint64_t m = (u & 0x7fffffu) | 0x800000u;
    int p = e - 1;
    unsigned __int128 window = ((unsigned __int128)te_two_over_pi_bits(p) << 64) | te_two_over_pi_bits(p + 64);
    return window * m;
}

// Reduction of a finite float32 |x| >= 2^-2 modulo pi: x = n pi + r (cos: (n + 1/2) pi
// + r) with |r| <= pi/2; `odd` is n mod 2.
static inline void te_reduce_f32(float x, int cosine, double *r, int *odd) {
    unsigned __int128 product = te_two_over_pi_product_f32(x);
    if (cosine) product -= (unsigned __int128)1 << 126;
    int n = (int)(product >> 127);
    // The fraction as a signed 64-bit number (1 = 2^64): a fraction of 1/2 or more is
    // taken as (fraction - 1) of the next n.
    int64_t fraction = (int64_t)(uint64_t)(product >> 63);
    if (fraction < 0) n += 1;
    *r = (double)fraction * 0x1.921fb54442d18p-63; // * pi / 2^64
    *odd = n & 1;
}

// Reduction of a finite float32 |x| >= 2^-2 modulo pi/2: x = n pi/2 + r with |r| <=
// pi/4; returns n mod 4. All 126 fraction bits go into r (as a signed 128-bit number,
// converted in two parts), so r keeps full double precision even where x is within
// 2^-30 or so of a multiple of pi/2, which matters for tan's poles.
static inline int te_reduce_pio2_f32(float x, double *r) {
    unsigned __int128 product = te_two_over_pi_product_f32(x);
    int n = (int)(product >> 126);
    __int128 fraction = (__int128)(product << 2); // 1 = 2^128; 1/2 or more is (fraction - 1) of the next n
    if (fraction < 0) n += 1;
    int64_t hi = (int64_t)(fraction >> 64);
    uint64_t lo = (uint64_t)fraction;
    double hi_d = (double)hi;
    double rest = (double)(hi - (int64_t)hi_d) + (double)lo * 0x1p-64; // hi - (int64_t)hi_d is exact and small
    *r = (hi_d + rest) * 0x1.921fb54442d18p-64; // * pi/2 / 2^64
    return n & 3;
}

// sin(r)/r on |r| <= pi/2 (relative error 4.3e-9, about 0.07 float32 ULP at most;
// fit_sin_f32.py), by Horner's scheme: the loops are bound by the number of operations,
// not by latency (two vectors in flight), and degree 4 with Horner takes three
// operations per double vector fewer than degree 5 with Estrin.
TE_INLINE double te_sin_poly_f32(double r) {
    double z = r * r;
    double p = te_mla(TE_F32_SIN4_C4, z, TE_F32_SIN4_C3);
    p = te_mla(p, z, TE_F32_SIN4_C2);
    p = te_mla(p, z, TE_F32_SIN4_C1);
    p = te_mla(p, z, TE_F32_SIN4_C0);
    return r * p;
}

// float64: x = n pi/2 + (r + rr), |r| <= pi/4 (a hair more where x 2/pi rounds up), as a
// double-double: x - n pio2_hi is exact (both are multiples of 2^-52 or of ulp(x), and
// the difference is below 1), the rest is added with its rounding error kept. Valid
// while n pio2_lo stays far below the smallest |r| that such x can give: |x| < 2^20
// (TE_TRIG_F64_FAST); beyond, a scalar exact reduction. Returns x 2/pi + 1.5 2^52, whose
// low bits are n.
#define TE_TRIG_F64_FAST 0x1p20

// cos(r + rr) = (1 - z/2) + z^2 Q(z) - r rr with z = r^2 = z + zl (zl its rounding
// error), z2 = z^2, z4 = z^4: returns the head 1 - z/2 and puts the tail, with the
// rounding error of 1 - z/2 in it, in *tail; sin and cos round head + tail, tan keeps both.
TE_INLINE double te_cos_f64_parts(double r, double rr, double z, double zl, double z2, double z4, double *tail) {
    double c01 = te_mla(TE_F64_COS_C1, z, TE_F64_COS_C0);
    double c23 = te_mla(TE_F64_COS_C3, z, TE_F64_COS_C2);
    double c45 = te_mla(TE_F64_COS_C5, z, TE_F64_COS_C4);
    double cp = te_mla(te_mla(TE_F64_COS_C6, z2, c45), z4, te_mla(c23, z2, c01));
    double hz = 0.5 * z;
    double wc = 1.0 - hz;
    double ec = ((1.0 - wc) - hz) - 0.5 * zl;
    *tail = te_mla(z2, cp, ec) - r * rr;
    return wc;
}

TE_INLINE double te_reduce_pio2_f64(double x, double *r_out, double *rr_out) {
    double kd = te_mla(x, TE_TWO_OVER_PI, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double t = te_fma(-n, TE_PIO2_HI, x);
    double w = n * TE_PIO2_MID;
    double wl = te_fma(n, TE_PIO2_MID, -w);
    double r = t - w;
    *rr_out = ((t - r) - w) - te_mla(n, TE_PIO2_LO, wl);
    *r_out = r;
    return kd;
}

// Payne-Hanek reduction of a finite float64 |x| >= 2^-2 modulo pi/2: x = n pi/2 +
// (r + rr), |r| <= pi/4; returns n mod 4. With x = m 2^e (m a 53-bit integer), the bits
// of 2/pi before bit e - 1 multiply x into a multiple of 4 and are skipped; a 192-bit
// window W from there gives x (2/pi) mod 4 = (m W mod 2^192) 2^-190, exact to 2^-137.
// No double is closer to a multiple of pi/2 than about 2^-61 relative to pi/2, so the
// fraction keeps at least 76 significant bits; 128 of them, normalized, become r + rr
// (multiplied by pi/2 as a double-double).
static inline int te_reduce_pio2_f64_huge(double x, double *r_out, double *rr_out) {
    uint64_t u = te_bits(x) & 0x7fffffffffffffffULL;
    int e = (int)(u >> 52) - 1075;
    uint64_t m = (u & 0xfffffffffffffULL) | 0x10000000000000ULL;
    int p = e - 1;
    uint64_t w0 = te_two_over_pi_bits(p), w1 = te_two_over_pi_bits(p + 64), w2 = te_two_over_pi_bits(p + 128);
    // m W mod 2^192 in three words, least significant first.
    unsigned __int128 a2 = (unsigned __int128)m * w2, a1 = (unsigned __int128)m * w1;
    uint64_t p0 = (uint64_t)a2;
    unsigned __int128 t = (a2 >> 64) + (uint64_t)a1;
    uint64_t p1 = (uint64_t)t;
    uint64_t p2 = (uint64_t)(a1 >> 64) + m * w0 + (uint64_t)(t >> 64);
    int n = (int)(p2 >> 62);
    // The 190 fraction bits moved to the top: a signed fraction (1 = 2^192); a fraction of
    // 1/2 or more is (fraction - 1) of the next n.
    uint64_t f2 = (p2 << 2) | (p1 >> 62), f1 = (p1 << 2) | (p0 >> 62), f0 = p0 << 2;
    int negative = (int64_t)f2 < 0;
    if (negative) {
        n += 1;
        // two's complement negation over 192 bits
        f2 = ~f2; f1 = ~f1; f0 = ~f0;
        f0 += 1;
        if (f0 == 0) { f1 += 1; if (f1 == 0) f2 += 1; }
    }
    // Normalize to 128 bits with the leading one at the top.
    int shift = 0;
    if (f2 == 0) { f2 = f1; f1 = f0; f0 = 0; shift += 64; }
    if (f2 == 0) { *r_out = 0; *rr_out = 0; return n & 3; } // unreachable for finite doubles
    int lz = __builtin_clzll(f2);
    if (lz) { f2 = (f2 << lz) | (f1 >> (64 - lz)); f1 = (f1 << lz) | (f0 >> (64 - lz)); }
    shift += lz;
    // fraction = (f2 2^64 + f1) 2^-(128 + shift) = (A + B) 2^-(64 + shift), A exact.
    double A = (double)(f2 >> 11) * 0x1p11;
    double B = (double)(((f2 & 0x7ff) << 53) | (f1 >> 11)) * 0x1p-53; // rounds; below A 2^-52
    double scale = te_double((uint64_t)(1023 - 64 - shift) << 52);
    double rh = A * TE_PIO2_HI;
    double rl = te_fma(A, TE_PIO2_HI, -rh) + te_fma(A, TE_PIO2_MID, B * TE_PIO2_HI);
    double r = rh + rl;
    double rr = (rh - r) + rl;
    r *= scale;
    rr *= scale;
    *r_out = negative ? -r : r;
    *rr_out = negative ? -rr : rr;
    return n & 3;
}

#endif
