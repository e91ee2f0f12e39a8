// tan for float32 in float32 arithmetic at AVX-512, 16 lanes per register (SSE2 and AVX2
// keep Tan.c's kernel, evaluated in double: this one at AVX2, 8 lanes, measured 12%
// slower than that, 898 against 803 µs per 10^6 elements).
//
// a = |x| = n pi/4 + r, |r| <= 0.44 (TanF32Coefficients.h, from fit_tan_f32.py), and
// tan a = (A + B t)/(B - A t), t = tan r, with (A, B) by n mod 4 read by one permute each
// (tan r, (1 + t)/(1 - t), -1/t, (t - 1)/(1 + t)); the sign of x is put back at the end.
//
// Near a pole tan a is -1/r, so r's relative error is the result's: r is carried in two
// floats. For |x| < 2^20, n < 2^21 and a - n P1 is exact (a and n P1 are multiples of
// 2^-25 and the difference is below 1/2); n P2 is ph + pl exactly (a fused multiply-add),
// (a - n P1) - ph is s + e exactly (the first term is a multiple of ph's ulp), and
// rl = e - pl - n P3 holds the rest, to about 2^-56 absolute (pi/4 - P1 - P2 - P3 is
// 2^-77). Then t = th + tl: s z P(z) (below 0.07 s; its leading term (s z) P0 added by
// the last fused multiply-add, which rounds once where P(z)'s own last step would have
// rounded too: 0.62 against 0.68 ULP in a sample of 1.3 10^8) plus rl times tan's
// derivative 1 + z (to 0.01 z), summed to s exactly. The numerator and denominator are each a
// float plus its rounding error (A + B th is exact as two floats: A = 0 or |A| = 1 > |B th|;
// likewise B - A th), and the quotient q = nh (1/dh) is corrected once by its exact
// remainder: besides the final rounding, the errors are the roundings of the small
// terms of t (below 0.07 of it) and of the remainder's terms. Measured over all 2^32
// inputs in ulp-sweep.txt.
//
// Larger |x|, inf and NaN (found per vector by one compare of the bits, patched lane by
// lane): inf and NaN give NaN; finite |x| >= 2^20 is reduced exactly modulo pi/2
// (te_reduce_pio2_f32) in double, moved to the octant form (r - pi/4 or r + pi/4 where
// |r| > pi/8), split into two floats and evaluated by the same operations.
//
// The results are not those of the SSE2 and AVX2 loops (ElementaryLoops.measuredMaxULPAVX512).
#ifndef TE_SSE2_UNIT
#include <immintrin.h>
#include "TrigReduction.h"
#include "TanF32Coefficients.h"

static const float te_tan_f32_a[16] = TE_TANF32_A;
static const float te_tan_f32_b[16] = TE_TANF32_B;

// |x| >= 2^20 (as bits), inf or NaN.
#define TE_TAN_F32_LARGE 0x49800000

// The kernel: V is the vector prefix (te16_). `tan_eval` takes r = s + rl and the octant's A
// and B.
#define TE_TAN_F32_EVAL(V, VT)                                                                    \
    TE_INLINE_##V VT V##tan_eval(VT s, VT rl, VT A, VT B) {                                      \
        VT z = V##mul(s, s);                                                                     \
        VT p = V##fma(V##set1(TE_TANF32_P4), z, V##set1(TE_TANF32_P3));                        \
        p = V##fma(p, z, V##set1(TE_TANF32_P2));                                                \
        p = V##fma(p, z, V##set1(TE_TANF32_P1));                                                \
        VT sz = V##mul(s, z);                                                                    \
        VT T = V##fma(sz, V##set1(TE_TANF32_P0), V##fma(V##mul(sz, z), p, V##fma(rl, z, rl)));   \
        VT th = V##add(s, T);                                                                    \
        VT tl = V##add(V##sub(s, th), T);                                                        \
        VT at = V##mul(A, th), bt = V##mul(B, th);                                               \
        VT nh = V##add(A, bt);                                                                   \
        VT nl = V##fma(B, tl, V##add(V##sub(A, nh), bt));                                        \
        VT dh = V##sub(B, at);                                                                   \
        VT dl = V##fnma(A, tl, V##sub(V##sub(B, dh), at));                                       \
        VT inv = V##div(V##set1(1.0f), dh);                                                      \
        VT q = V##mul(nh, inv);                                                                  \
        VT rem = V##fnma(q, dh, nh);                                                             \
        rem = V##fnma(q, dl, V##add(rem, nl));                                                   \
        return V##fma(rem, inv, q);                                                              \
    }                                                                                            \
    /* tan x for |x| < 2^20; other lanes are patched by the caller. */                          \
    TE_INLINE_##V VT V##tan_f32(VT x, const VT *TA, const VT *TB) {                              \
        VT a = V##abs(x);                                                                        \
        VT kf = V##fma(a, V##set1(TE_TANF32_4_OVER_PI), V##set1(0x1.8p23f));                   \
        VT n = V##sub(kf, V##set1(0x1.8p23f));                                                   \
        VT r1 = V##fnma(n, V##set1(TE_TANF32_PIO4_1), a);                                      \
        VT ph = V##mul(n, V##set1(TE_TANF32_PIO4_2));                                          \
        VT pl = V##fms(n, V##set1(TE_TANF32_PIO4_2), ph);                                      \
        VT s = V##sub(r1, ph);                                                                   \
        VT e = V##sub(V##sub(r1, s), ph);                                                        \
        VT rl = V##fnma(n, V##set1(TE_TANF32_PIO4_3), V##sub(e, pl));                          \
        VT v = V##tan_eval(s, rl, V##lookup(*TA, kf), V##lookup(*TB, kf));                       \
        return V##xorsign(v, x);                                                                 \
    }

// ---- AVX-512 ----
#define TE_INLINE_te16_ static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define te16_set1 _mm512_set1_ps
#define te16_add _mm512_add_ps
#define te16_sub _mm512_sub_ps
#define te16_mul _mm512_mul_ps
#define te16_div _mm512_div_ps
#define te16_fma _mm512_fmadd_ps
#define te16_fms _mm512_fmsub_ps
#define te16_fnma _mm512_fnmadd_ps
#define te16_abs _mm512_abs_ps
#define te16_lookup(table, kf) _mm512_permutexvar_ps(_mm512_castps_si512(kf), table)
// v ^ (x & sign)
#define te16_xorsign(v, x) _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(v), _mm512_castps_si512(x), \
                                                                          _mm512_set1_epi32((int)0x80000000u), 0x78))
TE_TAN_F32_EVAL(te16_, __m512)

// The octant form of a large finite |x| (>= 2^20): r in double from the exact reduction
// modulo pi/2, moved by pi/4 where |r| > pi/8 (its absolute error, 2^-54, is far below what
// tan(pi/4 + r) near 1 shows), then r = s + rl in floats. Sets the octant's A and B.
static void te_tan_f32_large_octant(float a, float *s, float *rl, float *A, float *B) {
    double r;
    int octant = 2 * te_reduce_pio2_f32(a, &r);
    if (r > 0.25 * TE_PIO2) {
        r -= 0.5 * TE_PIO2;
        octant += 1;
    } else if (r < -0.25 * TE_PIO2) {
        r += 0.5 * TE_PIO2;
        octant -= 1;
    }
    octant &= 3;
    *s = (float)r;
    *rl = (float)(r - (double)*s);
    *A = te_tan_f32_a[octant];
    *B = te_tan_f32_b[octant];
}

// Lanes of x with |x| >= 2^20, inf or NaN (bit j of `large`) recomputed one by one.
static TE_TARGET_AVX512 __attribute__((noinline)) __m512 te_tan_f32_patch16(__m512 x, __m512 v, uint32_t large) {
    float xs[16], vs[16];
    _mm512_storeu_ps(xs, x);
    _mm512_storeu_ps(vs, v);
    for (int j = 0; j < 16; j++) {
        if (!(large >> j & 1)) continue;
        float a = __builtin_fabsf(xs[j]);
        if (!(a < __builtin_inff())) {
            vs[j] = xs[j] - xs[j];
            continue;
        }
        float s, rl, A, B;
        te_tan_f32_large_octant(a, &s, &rl, &A, &B);
        float t = _mm512_cvtss_f32(te16_tan_eval(_mm512_set1_ps(s), _mm512_set1_ps(rl), _mm512_set1_ps(A), _mm512_set1_ps(B)));
        vs[j] = xs[j] < 0 ? -t : t;
    }
    return _mm512_loadu_ps(vs);
}

TE_INLINE_te16_ __m512 te_tan_f32_v16(__m512 x, const __m512 *TA, const __m512 *TB) {
    __m512 v = te16_tan_f32(x, TA, TB);
    __mmask16 large = _mm512_cmp_epu32_mask(_mm512_castps_si512(te16_abs(x)), _mm512_set1_epi32(TE_TAN_F32_LARGE), _MM_CMPINT_NLT);
    return __builtin_expect(large != 0, 0) ? te_tan_f32_patch16(x, v, large) : v;
}

#define TE_TAN_V16(v) te_tan_f32_v16(v, &TA, &TB)
TE_F32_BLOCK_AVX512(tan_f32, const __m512 TA = _mm512_loadu_ps(te_tan_f32_a); const __m512 TB = _mm512_loadu_ps(te_tan_f32_b);,
                    TE_TAN_V16)

TE_STRIDED_LOOP(tan_f32, float, avx512, TE_TARGET_AVX512)
#endif
