// sin and cos for float32 and float64.
//
// float64: x = n pi/2 + r with |r| <= pi/4 (a hair more where x 2/pi rounds up); sin
// and cos of r are minimax polynomials and the quadrant n mod 4 picks one and its sign.
// float32: x = n pi + r with |r| <= pi/2, one polynomial (see te_sincos_f32). Moderate
// arguments are reduced in vector code with pi/2 split over several doubles; larger
// ones (rare, and found by a pre-scan of each block) go through a scalar exact
// reduction, so the result is accurate for every finite argument. Infinities give NaN.
#include "TrigReduction.h"
#include "ElementaryExtendedCommon.h"

// float32 evaluated in double, reduced modulo pi so that one polynomial serves:
// sin(n pi + r) = (-1)^n sin r and cos((n + 1/2) pi + r) = -(-1)^n sin r. For
// |x| < 2^20, n = round(x/pi) (cos: round(x/pi - 1/2)) and r = x - n pi with two fused
// multiply-adds (the product in the first is exact) err by at most 2^-52 relative plus
// n 2^-105 absolute, far below what a float32 result can show.
#define TE_SINCOS_F32_FAST 0x1p20f

TE_INLINE float te_sincos_f32(float xf, int cosine) {
    double x = xf;
    // For cos the rounding constant is one more, so that kd's last bit is already the
    // parity of n + 1 (the sign flip), saving an operation; for sin x/pi is rounded to an
    // integer in the same fused multiply-add.
    const double magic = cosine ? TE_ROUND_MAGIC + 1.0 : TE_ROUND_MAGIC;
    double kd = cosine ? te_mla(x, TE_INV_PI, -0.5) + magic : te_mla(x, TE_INV_PI, magic);
    double n = kd - magic;
    double m = cosine ? n + 0.5 : n;
    double r = te_fma(-m, TE_PI_HI, x);
    r = te_mla(-m, TE_PI_LO, r);
    uint64_t flip = te_bits(kd) << 63;
    return (float)te_double(te_bits(te_sin_poly_f32(r)) ^ flip);
}

static float te_sincos_f32_slow(float x, int cosine) {
    float a = __builtin_fabsf(x);
    if (!(a < __builtin_inff())) return x - x; // inf -> NaN, NaN -> NaN
    if (a < TE_SINCOS_F32_FAST) return te_sincos_f32(x, cosine);
    double r;
    int odd;
    te_reduce_f32(a, cosine, &r, &odd);
    double v = te_sin_poly_f32(r);
    v = (odd ^ cosine) ? -v : v;
    return (float)((!cosine && x < 0) ? -v : v);
}

// float64: x = n pi/2 + (r + rr), see te_reduce_pio2_f64.
#define TE_SINCOS_F64_FAST TE_TRIG_F64_FAST

// sin (q even) or cos (q odd) of r + rr, negated when q & 2: the value at n pi/2 + r for
// q = n + cosine.
TE_INLINE double te_sincos_f64_reduced(double r, double rr, uint64_t q) {
    double z = r * r;
    double zl = te_fma(r, r, -z);
    double z2 = z * z;
    // sin(r + rr) = r + r z P(z) + rr (1 - z/2)
    double s01 = te_mla(TE_F64_SIN_C1, z, TE_F64_SIN_C0);
    double s23 = te_mla(TE_F64_SIN_C3, z, TE_F64_SIN_C2);
    double s45 = te_mla(TE_F64_SIN_C5, z, TE_F64_SIN_C4);
    double z4 = z2 * z2;
    double sp = te_mla(te_mla(TE_F64_SIN_C6, z2, s45), z4, te_mla(s23, z2, s01));
    double sin_r = r + te_mla(r * z, sp, te_mla(-0.5 * z, rr, rr));
    // cos(r + rr) = (1 - z/2) + z^2 Q(z) - r rr, with 1 - z/2 summed exactly.
    double ctail;
    double wc = te_cos_f64_parts(r, rr, z, zl, z2, z4, &ctail);
    double cos_r = wc + ctail;
    double v = (q & 1) ? cos_r : sin_r;
    return (q & 2) ? -v : v;
}

TE_INLINE double te_sincos_f64(double x, int cosine) {
    double r, rr;
    double kd = te_reduce_pio2_f64(x, &r, &rr);
    double v = te_sincos_f64_reduced(r, rr, te_bits(kd) + (uint64_t)cosine);
    // sin(-0) = -0: the correction terms add +0 to r = -0.
    return (!cosine && x == 0) ? x : v;
}

// Beyond the fast range (rare: only |x| >= 2^20) a Payne-Hanek reduction
// (TrigReduction.h). (glibc 2.36's cos is 8 ULP off at 6381956970095103 * 2^797, the
// double closest to a multiple of pi/2.)
static double te_sincos_f64_slow(double x, int cosine) {
    double a = __builtin_fabs(x);
    if (!(a < __builtin_inf())) return x - x;
    if (a < TE_SINCOS_F64_FAST) return te_sincos_f64(x, cosine);
    double r, rr;
    int n = te_reduce_pio2_f64_huge(a, &r, &rr);
    double v = te_sincos_f64_reduced(r, rr, (uint64_t)(n + cosine));
    return (!cosine && x < 0) ? -v : v;
}

// A block is computed in vector code unless it holds a large or non-finite argument
// (`LIMIT(x)` false; tested on the bits, as one unsigned compare vectorizes well).
#define TE_SINCOS_BLOCK(NAME, T, FAST, LIMIT, COSINE, ISA, ATTR)                       \
    static ATTR void te_##NAME##_block_##ISA(const T *in, T *out, intptr_t n) {        \
        while (n > 0) {                                                                \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                  \
            int large = 0;                                                             \
            for (intptr_t i = 0; i < m; i++) large |= !LIMIT(in[i]);                  \
            if (large) {                                                               \
                for (intptr_t i = 0; i < m; i++) out[i] = FAST##_slow(in[i], COSINE);  \
            } else {                                                                   \
                TE_APPLY(in, out, m, FAST(in[i], COSINE));                             \
            }                                                                          \
            in += m;                                                                   \
            out += m;                                                                  \
            n -= m;                                                                    \
        }                                                                              \
    }

#define TE_SINCOS(NAME, T, FAST, LIMIT, COSINE) \
    TE_EACH_ISA(TE_SINCOS_BLOCK, NAME, T, FAST, LIMIT, COSINE) \
    TE_EACH_ISA(TE_STRIDED_LOOP, NAME, T)

// The float32 blocks, as TE_SINCOS_BLOCK with several vectors per iteration of the fast
// loop (the same operations per element, so the same results): two measured 4-5% faster
// at AVX-512 and 9% at AVX2 than the default interleaving; four, at SSE2 and AVX2, a
// further 3-5% and 10-11% (at AVX-512 no faster than two). The pre-scan keeps the
// largest |x| (bits compared as integers, one max per vector) rather than a flag per
// element (an and, a compare and a mask or): 2-4% faster at AVX-512 and AVX2.
#define TE_SINCOS_F32_BLOCK(NAME, COSINE, ISA, ATTR)                                                  \
    static ATTR void te_##NAME##_block_##ISA(const float *in, float *out, intptr_t n) {              \
        while (n > 0) {                                                                              \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                                \
            uint32_t top = 0; /* the largest |x| as bits: one max per vector */                     \
            for (intptr_t i = 0; i < m; i++) {                                                       \
                uint32_t u = te_bits32(in[i]) & 0x7fffffffu;                                         \
                top = u > top ? u : top;                                                             \
            }                                                                                        \
            int large = top >= 0x49800000u; /* |x| >= 2^20, inf or NaN */                           \
            if (large) {                                                                             \
                for (intptr_t i = 0; i < m; i++) out[i] = te_sincos_f32_slow(in[i], COSINE);         \
            } else if (TE_VECTOR_SAFE(in, out, m)) {                                                 \
                TE_INTERLEAVE_N(TE_PICK_##ISA(4, 4, 2))                                              \
                for (intptr_t i = 0; i < m; i++) out[i] = te_sincos_f32(in[i], COSINE);              \
            } else {                                                                                 \
                for (intptr_t i = 0; i < m; i++) out[i] = te_sincos_f32(in[i], COSINE);              \
            }                                                                                        \
            in += m;                                                                                 \
            out += m;                                                                                \
            n -= m;                                                                                  \
        }                                                                                            \
    }
#define TE_SINCOS_F32(NAME, COSINE)                       \
    TE_EACH_ISA(TE_SINCOS_F32_BLOCK, NAME, COSINE)        \
    TE_EACH_ISA(TE_STRIDED_LOOP, NAME, float)

#define TE_SINCOS_F32_MODERATE(x) ((te_bits32(x) & 0x7fffffffu) < 0x49800000u)                  // |x| < 2^20
#define TE_SINCOS_F64_MODERATE(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x4130000000000000ULL) // |x| < 2^20
TE_SINCOS_F32(sin_f32, 0)
TE_SINCOS_F32(cos_f32, 1)
TE_SINCOS(sin_f64, double, te_sincos_f64, TE_SINCOS_F64_MODERATE, 0)
TE_SINCOS(cos_f64, double, te_sincos_f64, TE_SINCOS_F64_MODERATE, 1)
