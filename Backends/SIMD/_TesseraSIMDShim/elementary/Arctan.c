// arctan for float32 and float64 (the float64 quotient core is shared with arctan2).
#include "ArctanCore.h"
#include "ElementaryCoreTables.h"
#include "ElementaryExtendedCommon.h"

#ifdef TE_SSE2_UNIT
// float32 at SSE2 (no permute to read a table), in float32 arithmetic: three regions of
// a = |x| split at 1/2 and 2: a itself; arctan a = pi/4 + arctan((a - 1)/(a + 1)); and
// pi/2 + arctan(-1/a). So |t| <= 1/2 and arctan t = t + t^3 q(t^2) with a short q.
// a - 1 is exact (Sterbenz) and a + 1 is kept as two floats (its rounding error is
// a - ((a + 1) - 1), both subtractions exact); the quotient is t + tl,
// tl from the remainder by a fused multiply-add, and offset + t is summed exactly, so
// besides the last addition only roundings of the small terms (at most t^3 q, below
// 0.04) reach the result. a is capped at 2^60 (arctan of larger values rounds to pi/2),
// which keeps inf out of the remainder. The sign of x is copied back; NaN stays NaN.
TE_INLINE float te_arctan_f32(float x) {
    const float pio2_hi = (float)TE_PIO2, pio2_lo = (float)(TE_PIO2 - (double)(float)TE_PIO2);
    const float pio4_hi = 0.5f * pio2_hi, pio4_lo = 0.5f * pio2_lo;
    float a = __builtin_fabsf(x);
    int big = a > 2.0f;
    int mid = a > 0.5f && !big;
    float ac = a > 0x1p60f ? 0x1p60f : a;
    float ph = a + 1.0f;
    float pl = a - (ph - 1.0f); // both subtractions exact for a in (1/2, 2]
    float n = big ? -1.0f : (mid ? a - 1.0f : a);
    float d = big ? ac : (mid ? ph : 1.0f);
    float dl = mid ? pl : 0.0f;
    float inv = 1.0f / d;
    float t = n * inv;
    float tl = (te_fmaf(-t, d, n) - t * dl) * inv;
    float z = t * t, z2 = z * z;
    float p01 = te_mlaf((float)TE_F32_ATANQ_C1, z, (float)TE_F32_ATANQ_C0);
    float p23 = te_mlaf((float)TE_F32_ATANQ_C3, z, (float)TE_F32_ATANQ_C2);
    float p45 = te_mlaf((float)TE_F32_ATANQ_C5, z, (float)TE_F32_ATANQ_C4);
    float q = te_mlaf(te_mlaf(p45, z2, p23), z2, p01);
    float off_hi = big ? pio2_hi : (mid ? pio4_hi : 0.0f);
    float off_lo = big ? pio2_lo : (mid ? pio4_lo : 0.0f);
    float s = off_hi + t;
    float e = (off_hi - s) + t; // |off_hi| > |t| or off_hi = 0
    float small = te_mlaf(t * z, q, (e + off_lo) + te_mlaf(-tl, z, tl));
    float v = s + small;
    return te_float(te_bits32(v) | (te_bits32(x) & 0x80000000u)); // NaN came through as t
}

// Two vectors in flight per iteration (measured 12% faster at 10^6 elements; 4 gained less).
TE_UNARY_INTERLEAVED_BY(arctan_f32, float, te_arctan_f32, 2, 1, 1)
#else
// AVX2 and AVX-512: ArctanF32.c.
#endif

// float64: three regions of a = |x| with one division between them: a <= tan(pi/8)
// gives t = a; up to tan(3pi/8), arctan a = pi/4 + arctan((a - 1)/(a + 1)); beyond,
// pi/2 + arctan(-1/a). So |t| <= tan(pi/8) and arctan t = t + t^3 Q(t^2) needs a
// short polynomial. a - 1 and a + 1 are kept exactly as two doubles each, and the
// quotient t as th + tl (the remainder formed by a fused multiply-add), so the only
// large rounding is the final sum offset + th + (small terms), with offset + th
// summed exactly. a is capped at 2^60 (arctan of larger values rounds to pi/2), which
// keeps inf out of the remainder. The sign of x is copied back; NaN stays NaN.
TE_INLINE double te_arctan_f64(double x) {
    double a = __builtin_fabs(x);
    int big = a > TE_TAN_3PI_8;
    int mid = a > TE_TAN_PI_8 && !big;
    double ac = a > 0x1p60 ? 0x1p60 : a;
    // a - 1 and a + 1 as two doubles; in the middle region (tan(pi/8), tan(3pi/8)] the
    // errors are single exact subtractions: sh + 1 and ph - 1 are exact (Sterbenz, or
    // the same binade as a), and so is a minus either. (Outside, nl and dl are 0.)
    double sh = a - 1.0, sl = a - (sh + 1.0);
    double ph = a + 1.0, pl = a - (ph - 1.0);
    double nh = big ? -1.0 : (mid ? sh : a);
    double nl = mid ? sl : 0.0;
    double dh = big ? ac : (mid ? ph : 1.0);
    double dl = mid ? pl : 0.0;
    double off_hi = big ? TE_F64_PIO2_HI : (mid ? TE_F64_PIO4_HI : 0.0);
    double off_lo = big ? TE_F64_PIO2_LO : (mid ? TE_F64_PIO4_LO : 0.0);
    double v = te_arctan_f64_quotient(nh, nl, dh, dl, off_hi, off_lo);
    // A NaN came through as th (a = |x| takes the low region) and keeps its payload;
    // its sign is x's again.
    return te_double(te_bits(v) | (te_bits(x) & 0x8000000000000000ULL));
}

// Vectors in flight per iteration: 4 at SSE2 (19% faster at 10^6 elements), 2 at AVX2
// (5%; 4 gained 1%), the compiler's choice at AVX-512 (2 spilled and was 22% slower).
TE_UNARY_INTERLEAVED_BY(arctan_f64, double, te_arctan_f64, 4, 2, 1)
