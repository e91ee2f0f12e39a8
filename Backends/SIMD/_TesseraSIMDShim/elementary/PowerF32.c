// power (x^y) for float32, as 2^(y log2 x) in double with tables sized to float32's need.
//
// The double result must be within about 2^-30 relative for the final conversion to be
// the one visible rounding; results are finite and nonzero for |y log2 x| < 150, so
// y log2 x needs an absolute error below about 2^-31 and log2 x a relative error of
// about 2^-38 (PowerF32Table.h, written by tools/fit_power_f32_table.py):
// - log2 x: x = 2^k m with m in [OFF, 2 OFF) taken from the float's bits, a 16-entry
//   table of invc (1/c as a float, so r = m invc - 1 is exact in double) and log2 c,
//   log2 x = (k + log2 c) + r P(r), P of degree 5 on |r| < 0.0298 (relative error
//   2^-38.2); c = 1 in the subinterval around 1, so that log2 x near 1 is r P(r) alone;
// - w = y log2 x in double, clamped to [-200, 200] (2^±200 converts to inf or 0);
// - 2^w = 2^n 2^(j/16) 2^r, 16 w rounded to 16 n + j by adding 1.5 2^48, |r| <= 1/32,
//   2^(j/16) from a 16-entry table with n added into its exponent, 2^r = 1 + r Q(r) with
//   Q of degree 2 (2^r - 1 - r Q(r) below 2^-28.7, at most 0.04 float ULP added); the
//   product rounds once to float.
// The lookups are gathers at AVX2 and single loads at SSE2. Those two kernels are written
// with intrinsics computing the same operations as te_power_f32(x, y, 0), so both levels
// and every path give the same bits (at SSE2 each te_mla is a multiply and an add, as
// the intrinsics there are: in the 10^8-pair sweep its results equal AVX2's on every
// pair all the same).
//
// (The AVX-512 loop has a kernel of its own in float32 lanes; see its section below.)
//
// Special values follow C99 powf, as NumPy's do: x^±0 = 1 and 1^y = 1 even for NaN,
// (-1)^±inf = 1, a negative finite x with a non-integer finite y gives NaN, a negative
// x with an odd integer y keeps the sign (so (-0)^-1 = -inf), and zeros and infinities
// of x or y give 0 or inf by the sign of y log2|x|: log2 0 = -inf and log2 inf = inf
// carry through the product and the clamp.
#include "ElementaryCommon.h"
#include "PowerF32Table.h"
#ifndef TE_SSE2_UNIT
#include <immintrin.h>
#endif

static const double te_powf_invc[16] __attribute__((aligned(64))) = {TE_POWF_INVC};
static const double te_powf_log2c[16] __attribute__((aligned(64))) = {TE_POWF_LOG2C};
static const uint64_t te_powf_exp2[16] __attribute__((aligned(64))) = {TE_POWF_EXP2};

// Adding it rounds |w| < 2^46 to a multiple of 1/16, which then sits in the low bits.
#define TE_POWF_SHIFTER 0x1.8p48
#define TE_POWF_CLAMP 200.0

// Ordinary pairs, on the bits: x positive, normal and finite, y finite. Only these reach
// the vector kernels; the rest take te_power_f32(x, y, 1).
#define TE_POWF_ORDINARY(x, y) \
    ((te_bits32(x) - 0x00800000u < 0x7f000000u) & ((te_bits32(y) & 0x7fffffffu) < 0x7f800000u))

// C99 powf's rules on top of |x|^y (res): a negative x with an odd integer y keeps the
// sign, a negative finite x with a non-integer y gives NaN, and x^±0 = 1^y = (-1)^±inf = 1.
TE_INLINE float te_powf_sign_rules(float xf, float yf, float res) {
    double yd = yf, yh = 0.5 * yd;
    int yint = yd == te_trunc(yd);
    int yodd = yint && __builtin_fabs(yd) < 0x1p24 && yh != te_trunc(yh);
    int negx = __builtin_signbit(xf) && xf == xf;
    res = (negx && yodd) ? -res : res;
    res = (xf < 0 && xf > -__builtin_inff() && !yint) ? __builtin_nanf("") : res;
    int one = yf == 0 || xf == 1 || (xf == -1 && __builtin_fabsf(yf) == __builtin_inff());
    return one ? 1.0f : res;
}

// `full` = 0 for x positive, normal and finite and y finite: the special-value selects
// are left out (they would not change such results).
TE_INLINE float te_power_f32(float xf, float yf, const int full) {
    float ax = __builtin_fabsf(xf);
    uint32_t ix = te_bits32(ax);
    int32_t kadj = 0;
    if (full) {
        // A subnormal x is scaled into the normal range (exactly).
        int tiny = ax < 0x1p-126f;
        ix = tiny ? te_bits32(ax * 0x1p23f) : ix;
        kadj = tiny ? 23 : 0;
    }
    uint32_t tmp = ix - TE_POWF_OFF;
    int32_t k = ((int32_t)tmp >> 23) - kadj;
    uint32_t i = (tmp >> TE_POWF_SHIFT) & 15;
    double m = (double)te_float(ix - (tmp & 0xff800000u));
    double r = te_mla(m, te_powf_invc[i], -1.0);
    double p = te_mla(TE_POWF_P_C5, r, TE_POWF_P_C4);
    p = te_mla(p, r, TE_POWF_P_C3);
    p = te_mla(p, r, TE_POWF_P_C2);
    p = te_mla(p, r, TE_POWF_P_C1);
    p = te_mla(p, r, TE_POWF_P_C0);
    double L = te_mla(r, p, (double)k + te_powf_log2c[i]);
    if (full) {
        // log2 0 = -inf, log2 inf = inf, NaN stays.
        L = ax == 0 ? -__builtin_inf() : (ax == __builtin_inff() ? __builtin_inf() : L);
        L = ax != ax ? (double)ax : L;
    }
    double w = (double)yf * L;
    // The clamp keeps NaN.
    w = w > TE_POWF_CLAMP ? TE_POWF_CLAMP : w;
    w = w < -TE_POWF_CLAMP ? -TE_POWF_CLAMP : w;
    double kd = w + TE_POWF_SHIFTER;
    double t = kd - TE_POWF_SHIFTER;
    double rr = w - t;
    uint64_t kb = te_bits(kd);
    double s = te_double(te_powf_exp2[kb & 15] + (kb << 48));
    double q = te_mla(TE_POWF_Q_C2, rr, TE_POWF_Q_C1);
    q = te_mla(q, rr, TE_POWF_Q_C0);
    double e = te_mla(rr, q, 1.0);
    float res = (float)(s * e);
    if (full) res = te_powf_sign_rules(xf, yf, res);
    return res;
}

#ifdef TE_SSE2_UNIT
// At SSE2 the same operations as te_power_f32(x, y, 0) (each te_mla a multiply and an
// add) on two double lanes, the table entries loaded one by one; in two passes over
// blocks, w = y log2 x into a buffer, then 2^w (one pass per element would be one long
// dependency chain), the block's special pairs recomputed one by one.
#include <emmintrin.h>
#define TE_POWF_SSE2_PASS 256
#define TE_C2(v) _mm_set1_pd(v)

static inline __m128d te_powf_pair_sse2(const double *t, int i0, int i1) {
    return _mm_loadh_pd(_mm_load_sd(t + i0), t + i1);
}

// w for two lanes: m, k as doubles, y, and the two table indices.
static inline __m128d te_power_f32_w_v2_sse2(__m128d m, __m128d k, __m128d y, int i0, int i1) {
    __m128d invc = te_powf_pair_sse2(te_powf_invc, i0, i1), lc = te_powf_pair_sse2(te_powf_log2c, i0, i1);
    __m128d r = _mm_add_pd(_mm_mul_pd(m, invc), TE_C2(-1.0));
    __m128d p = _mm_add_pd(_mm_mul_pd(TE_C2(TE_POWF_P_C5), r), TE_C2(TE_POWF_P_C4));
    p = _mm_add_pd(_mm_mul_pd(p, r), TE_C2(TE_POWF_P_C3));
    p = _mm_add_pd(_mm_mul_pd(p, r), TE_C2(TE_POWF_P_C2));
    p = _mm_add_pd(_mm_mul_pd(p, r), TE_C2(TE_POWF_P_C1));
    p = _mm_add_pd(_mm_mul_pd(p, r), TE_C2(TE_POWF_P_C0));
    __m128d L = _mm_add_pd(_mm_mul_pd(r, p), _mm_add_pd(k, lc));
    __m128d w = _mm_mul_pd(y, L);
    // w is finite here, so the clamp's compares are a minimum and a maximum.
    return _mm_max_pd(_mm_min_pd(w, TE_C2(TE_POWF_CLAMP)), TE_C2(-TE_POWF_CLAMP));
}

// 2^w rounded to float for two lanes (in the low half).
static inline __m128 te_power_f32_exp2_v2_sse2(__m128d w) {
    __m128d kd = _mm_add_pd(w, TE_C2(TE_POWF_SHIFTER));
    __m128d rr = _mm_sub_pd(w, _mm_sub_pd(kd, TE_C2(TE_POWF_SHIFTER)));
    __m128i kb = _mm_castpd_si128(kd);
    int j0 = _mm_cvtsi128_si32(kb) & 15, j1 = _mm_cvtsi128_si32(_mm_unpackhi_epi64(kb, kb)) & 15;
    __m128i sb = _mm_add_epi64(_mm_castpd_si128(te_powf_pair_sse2((const double *)te_powf_exp2, j0, j1)), _mm_slli_epi64(kb, 48));
    __m128d q = _mm_add_pd(_mm_mul_pd(TE_C2(TE_POWF_Q_C2), rr), TE_C2(TE_POWF_Q_C1));
    q = _mm_add_pd(_mm_mul_pd(q, rr), TE_C2(TE_POWF_Q_C0));
    __m128d e = _mm_add_pd(_mm_mul_pd(rr, q), TE_C2(1.0));
    return _mm_cvtpd_ps(_mm_mul_pd(_mm_castsi128_pd(sb), e));
}

static void te_power_f32_block_sse2(const float *a, const float *b, float *o, intptr_t n) {
    double wbuf[TE_POWF_SSE2_PASS] __attribute__((aligned(16)));
    intptr_t i = 0;
    while (i + 4 <= n) {
        intptr_t m = (n - i) & ~(intptr_t)3;
        m = m < TE_POWF_SSE2_PASS ? m : TE_POWF_SSE2_PASS;
        __m128i ordinary = _mm_set1_epi32(-1);
        for (intptr_t l = 0; l < m; l += 4) {
            __m128i ix = _mm_loadu_si128((const __m128i *)(a + i + l)), iy = _mm_loadu_si128((const __m128i *)(b + i + l));
            // x in [2^-126, FLT_MAX] (signed compares: a negative x is negative as an
            // integer), |y| finite.
            __m128i okx = _mm_and_si128(_mm_cmpgt_epi32(ix, _mm_set1_epi32(0x007fffff)), _mm_cmpgt_epi32(_mm_set1_epi32(0x7f800000), ix));
            __m128i oky = _mm_cmpgt_epi32(_mm_set1_epi32(0x7f800000), _mm_and_si128(iy, _mm_set1_epi32(0x7fffffff)));
            ordinary = _mm_and_si128(ordinary, _mm_and_si128(okx, oky));
            __m128i tmp = _mm_sub_epi32(ix, _mm_set1_epi32((int)TE_POWF_OFF));
            __m128i k = _mm_srai_epi32(tmp, 23);
            __m128 mf = _mm_castsi128_ps(_mm_sub_epi32(ix, _mm_and_si128(tmp, _mm_set1_epi32((int)0xff800000u))));
            __m128 yf = _mm_castsi128_ps(iy);
            int idx[4] __attribute__((aligned(16)));
            _mm_store_si128((__m128i *)idx, _mm_and_si128(_mm_srli_epi32(tmp, TE_POWF_SHIFT), _mm_set1_epi32(15)));
            _mm_store_pd(wbuf + l, te_power_f32_w_v2_sse2(_mm_cvtps_pd(mf), _mm_cvtepi32_pd(k), _mm_cvtps_pd(yf), idx[0], idx[1]));
            _mm_store_pd(wbuf + l + 2, te_power_f32_w_v2_sse2(_mm_cvtps_pd(_mm_movehl_ps(mf, mf)), _mm_cvtepi32_pd(_mm_shuffle_epi32(k, 0xee)),
                                                              _mm_cvtps_pd(_mm_movehl_ps(yf, yf)), idx[2], idx[3]));
        }
        for (intptr_t l = 0; l < m; l += 4) {
            __m128 lo = te_power_f32_exp2_v2_sse2(_mm_load_pd(wbuf + l)), hi = te_power_f32_exp2_v2_sse2(_mm_load_pd(wbuf + l + 2));
            _mm_storeu_ps(o + i + l, _mm_movelh_ps(lo, hi));
        }
        if (__builtin_expect(_mm_movemask_ps(_mm_castsi128_ps(ordinary)) != 15, 0)) {
            for (intptr_t l = i; l < i + m; l++)
                if (!TE_POWF_ORDINARY(a[l], b[l])) o[l] = te_power_f32(a[l], b[l], 1);
        }
        i += m;
    }
    for (; i < n; i++) o[i] = te_power_f32(a[i], b[i], 1);
}
#undef TE_C2
TE_BINARY_LOOP(power_f32, float, sse2, TE_TARGET_SSE2)
#else

#define TE_AI inline __attribute__((always_inline))

// AVX-512: its own kernel in float32 lanes, sixteen results per register and every
// operation a float one (the double-lane kernel above measured 3.0 cycles per element on
// Zen 4, this one 2.2). PowerF32Table.h's second part (tools/fit_power_f32_table.py)
// holds its tables. w = y log2 x is carried as two floats, w_hi + w_lo:
// - log2 x = (k + log2 c) + log2(1 + r), x = 2^k m, 32 subintervals of m; invc has 6
//   significant bits so that r = m invc - 1 is exact as one FMA (|r| < 0.0227), and
//   log2 c = lc_hi (a multiple of 2^-16, so that k + lc_hi is exact) + lc_lo;
// - log2(1 + r) = r g, g = IL + u, u = r (C2 + r Q(r)) (IL = 1/ln 2 and C2 = -IL/2 as
//   hi + lo): u = r C2_hi rounded + its error by FMA + the rest, g by Fast2Sum
//   (|u| < 0.02 IL), r g_hi exactly as a product and its error; then k + lc_hi + r g_hi
//   by Fast2Sum (|k + lc_hi| > |log2(1 + r)| where it is not 0). The relative error of
//   log2 x is about 2^-36 (the roundings of r Q and of the low parts);
// - w_hi = y L_hi and its error by FMA, plus y L_lo; w_hi clamped to [-200, 200] (2^±200
//   is inf or 0) and w_lo to [-1, 1] (it only matters below the clamp);
// - 2^w = 2^n 2^(j/32) 2^rr: w_hi rounded to (32 n + j)/32 by adding 1.5 2^18 (j is then
//   the low five bits), rr = (w_hi - that) + w_lo, 2^(j/32) = t_hi + t_lo, 2^rr - 1 =
//   rr E(rr) (E of degree 3, 2^-35), t_hi + (t_hi rr E + t_lo) rounded once, then
//   scaled by 2^n with vscalefps, exact for a normal result. A lane whose result may be
//   subnormal is finished in double instead (te_power_f32_exp2_tiny_v16), since there
//   the scaling would round a second time (0.7555 ULP in the sweep that way).
// As at the other levels the loop runs in two passes over blocks (w into two buffers,
// then 2^w): in one pass the dependency chain per vector is longer than the out-of-order
// window hides (2.9 against 2.5 cycles per element before the last two savings).
// The results are not those of the AVX2 and SSE2 loops (double lanes, above and below):
// they may differ from them by 1 ULP, and each level states its own measured bound.
// Pairs that are not ordinary (TE_POWF_ORDINARY) take te_power_f32_v16_full, which runs
// the same vector code on broadcast operands, so an ordinary pair's bits never depend on
// its neighbours.
static const float te_powf16_invc[32] __attribute__((aligned(64))) = {TE_POWF16_INVC};
static const float te_powf16_lchi[32] __attribute__((aligned(64))) = {TE_POWF16_LCHI};
static const float te_powf16_lclo[32] __attribute__((aligned(64))) = {TE_POWF16_LCLO};
static const float te_powf16_exphi[32] __attribute__((aligned(64))) = {TE_POWF16_EXP_HI};
static const float te_powf16_explo[32] __attribute__((aligned(64))) = {TE_POWF16_EXP_LO};
#define TE_POWF16_SHIFTER 0x1.8p18f

static TE_TARGET_AVX512 TE_AI __m512 te_powf16_lookup(const float *t, __m512i idx) {
    return _mm512_permutex2var_ps(_mm512_load_ps(t), idx, _mm512_load_ps(t + 16));
}

// x^y for sixteen lanes: x positive, normal and finite as bits (kadj = 0), or a subnormal
// x scaled by 2^23 with kadj = 23; y finite. Other operands give meaningless lanes, no fault.
static TE_TARGET_AVX512 TE_AI __m512 te_power_f32_w_v16(__m512i ix, __m512 y, __m512i kadj, __m512 *wlo) {
#define TE_C(v) _mm512_set1_ps(v)
    __m512i tmp = _mm512_sub_epi32(ix, _mm512_set1_epi32((int)TE_POWF16_OFF));
    __m512 kf = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_srai_epi32(tmp, 23), kadj));
    __m512i idx = _mm512_srli_epi32(tmp, TE_POWF16_SHIFT);
    __m512 m = _mm512_castsi512_ps(_mm512_sub_epi32(ix, _mm512_and_si512(tmp, _mm512_set1_epi32((int)0xff800000u))));
    __m512 invc = te_powf16_lookup(te_powf16_invc, idx);
    __m512 lch = te_powf16_lookup(te_powf16_lchi, idx), lcl = te_powf16_lookup(te_powf16_lclo, idx);
    __m512 r = _mm512_fmadd_ps(m, invc, TE_C(-1.0f));
    // u = r (C2 + r Q(r)) = uh + ul (uh = r C2_hi rounded, its error by FMA), then
    // g = IL + u = gh + gl (Fast2Sum, |u| < 0.02 IL).
    __m512 q = _mm512_fmadd_ps(TE_C(TE_POWF16_Q_C3), r, TE_C(TE_POWF16_Q_C2));
    q = _mm512_fmadd_ps(q, r, TE_C(TE_POWF16_Q_C1));
    q = _mm512_fmadd_ps(q, r, TE_C(TE_POWF16_Q_C0));
    __m512 uh = _mm512_mul_ps(r, TE_C(TE_POWF16_C2_HI));
    __m512 ul = _mm512_fmadd_ps(r, _mm512_fmadd_ps(r, q, TE_C(TE_POWF16_C2_LO)),
                                _mm512_add_ps(_mm512_fmsub_ps(r, TE_C(TE_POWF16_C2_HI), uh), TE_C(TE_POWF16_IL_LO)));
    __m512 gh = _mm512_add_ps(TE_C(TE_POWF16_IL_HI), uh);
    __m512 gl = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(TE_C(TE_POWF16_IL_HI), gh), uh), ul);
    // log2(1 + r) = r g = hh + hl (r gh exact as hh and its error), lc_lo added in.
    __m512 hh = _mm512_mul_ps(r, gh);
    __m512 hl = _mm512_fmadd_ps(r, gl, _mm512_add_ps(_mm512_fmsub_ps(r, gh, hh), lcl));
    // log2 x = Lh + Ll (Fast2Sum: |k + lc_hi| > |hh| unless it is 0).
    __m512 K = _mm512_add_ps(kf, lch);
    __m512 Lh = _mm512_add_ps(K, hh);
    __m512 Ll = _mm512_add_ps(hl, _mm512_sub_ps(hh, _mm512_sub_ps(Lh, K)));
    // w = y log2 x = wh + wl, clamped.
    __m512 wh = _mm512_mul_ps(y, Lh);
    __m512 wl = _mm512_fmadd_ps(y, Ll, _mm512_fmsub_ps(y, Lh, wh));
    *wlo = _mm512_range_ps(wl, TE_C(1.0f), 0x02);
    return _mm512_range_ps(wh, TE_C(200.0f), 0x02);
#undef TE_C
}

// th (1 + p) + tl scaled by 2^floor(t), in double: th p is exact there, the sum within
// 2^-50 relative, the scaling exact, and the conversion to float the one rounding.
static TE_TARGET_AVX512 __attribute__((noinline)) __m512 te_power_f32_exp2_tiny_v16(__m512 th, __m512 tl, __m512 p, __m512 t) {
    __m512d h[2], q[2], l[2], f[2];
    h[0] = _mm512_cvtps_pd(_mm512_castps512_ps256(th)), h[1] = _mm512_cvtps_pd(_mm512_extractf32x8_ps(th, 1));
    q[0] = _mm512_cvtps_pd(_mm512_castps512_ps256(p)), q[1] = _mm512_cvtps_pd(_mm512_extractf32x8_ps(p, 1));
    l[0] = _mm512_cvtps_pd(_mm512_castps512_ps256(tl)), l[1] = _mm512_cvtps_pd(_mm512_extractf32x8_ps(tl, 1));
    f[0] = _mm512_cvtps_pd(_mm512_castps512_ps256(t)), f[1] = _mm512_cvtps_pd(_mm512_extractf32x8_ps(t, 1));
    __m256 r[2];
    for (int k = 0; k < 2; k++)
        r[k] = _mm512_cvtpd_ps(_mm512_scalef_pd(_mm512_add_pd(h[k], _mm512_fmadd_pd(h[k], q[k], l[k])), f[k]));
    return _mm512_insertf32x8(_mm512_castps256_ps512(r[0]), r[1], 1);
}

// 2^(wh + wl) rounded to float, sixteen lanes.
static TE_TARGET_AVX512 TE_AI __m512 te_power_f32_exp2_v16(__m512 wh, __m512 wl) {
#define TE_C(v) _mm512_set1_ps(v)
    __m512 kd = _mm512_add_ps(wh, TE_C(TE_POWF16_SHIFTER));
    __m512 t = _mm512_sub_ps(kd, TE_C(TE_POWF16_SHIFTER));
    __m512 rr = _mm512_add_ps(_mm512_sub_ps(wh, t), wl);
    __m512i j = _mm512_castps_si512(kd);
    __m512 th = te_powf16_lookup(te_powf16_exphi, j), tl = te_powf16_lookup(te_powf16_explo, j);
    __m512 e = _mm512_fmadd_ps(TE_C(TE_POWF16_E_C3), rr, TE_C(TE_POWF16_E_C2));
    e = _mm512_fmadd_ps(e, rr, TE_C(TE_POWF16_E_C1));
    e = _mm512_fmadd_ps(e, rr, TE_C(TE_POWF16_E_C0));
    __m512 p = _mm512_mul_ps(rr, e);
    // t = n/32 and vscalefps scales by 2^floor(t).
    __m512 res = _mm512_scalef_ps(_mm512_add_ps(th, _mm512_fmadd_ps(th, p, tl)), t);
    // A lane whose result may lie below 2^-126 (2^floor(t) <= 2^-126) is formed in
    // double and rounded once, instead of rounded to 24 bits and again by the scaling.
    __mmask16 tiny = _mm512_cmplt_ps_mask(t, TE_C(-125.0f));
    if (__builtin_expect(tiny != 0, 0)) res = _mm512_mask_mov_ps(res, tiny, te_power_f32_exp2_tiny_v16(th, tl, p, t));
    return res;
#undef TE_C
}

static TE_TARGET_AVX512 TE_AI __m512 te_power_f32_v16(__m512i ix, __m512 y, __m512i kadj) {
    __m512 wl, wh = te_power_f32_w_v16(ix, y, kadj, &wl);
    return te_power_f32_exp2_v16(wh, wl);
}

// Every pair, by C99 powf's rules (see the top of the file); an ordinary pair gives the
// bits of te_power_f32_v16.
static TE_TARGET_AVX512 float te_power_f32_v16_full(float xf, float yf) {
    float ax = __builtin_fabsf(xf), res;
    if (ax != 0 && ax < __builtin_inff() && __builtin_fabsf(yf) < __builtin_inff()) {
        int tiny = ax < 0x1p-126f;
        __m512i ix = _mm512_set1_epi32((int)te_bits32(tiny ? ax * 0x1p23f : ax));
        res = _mm512_cvtss_f32(te_power_f32_v16(ix, _mm512_set1_ps(yf), _mm512_set1_epi32(tiny ? 23 : 0)));
    } else {
        // A zero, infinity or NaN: only the sign of y log2|x| decides (0, inf or NaN).
        float L = ax == 0 ? -__builtin_inff() : (ax == __builtin_inff() ? __builtin_inff() : (ax > 1 ? 1.0f : (ax < 1 ? -1.0f : ax)));
        float w = yf * L;
        res = w > 0 ? __builtin_inff() : (w < 0 ? 0.0f : __builtin_nanf(""));
    }
    return te_powf_sign_rules(xf, yf, res);
}

// Sixteen elements at stride S (1 or 2). At stride 2 the second load leaves out the
// thirty-second float (past the last element read), so it never reaches beyond the operand.
static TE_TARGET_AVX512 TE_AI __m512i te_power_f32_load_v16(const float *p, const int S) {
    if (S == 1) return _mm512_loadu_si512(p);
    __m512i lo = _mm512_loadu_si512(p), hi = _mm512_maskz_loadu_epi32(0x7fff, p + 16);
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    return _mm512_permutex2var_epi32(lo, even, hi);
}

#define TE_POWF16_BLOCK 256
static TE_TARGET_AVX512 TE_AI void te_power_f32_blocks_avx512(const float *a, const float *b, float *o, intptr_t n, const int S) {
    float whbuf[TE_POWF16_BLOCK] __attribute__((aligned(64))), wlbuf[TE_POWF16_BLOCK] __attribute__((aligned(64)));
    intptr_t i = 0;
    while (i + 16 <= n) {
        intptr_t m = (n - i) & ~(intptr_t)15;
        m = m < TE_POWF16_BLOCK ? m : TE_POWF16_BLOCK;
        // Every pair goes through the lean kernel; the block's special pairs are then
        // recomputed one by one.
        __mmask16 special = 0;
        for (intptr_t l = 0; l < m; l += 16) {
            __m512i ix = te_power_f32_load_v16(a + S * (i + l), S), iy = te_power_f32_load_v16(b + S * (i + l), S);
            // x: anything but a positive normal finite float (0xff: NaNs, zeros,
            // infinities, subnormals, negatives); y: NaNs and infinities (0x99).
            special |= _mm512_fpclass_ps_mask(_mm512_castsi512_ps(ix), 0xff) | _mm512_fpclass_ps_mask(_mm512_castsi512_ps(iy), 0x99);
            __m512 wl, wh = te_power_f32_w_v16(ix, _mm512_castsi512_ps(iy), _mm512_setzero_si512(), &wl);
            _mm512_store_ps(whbuf + l, wh);
            _mm512_store_ps(wlbuf + l, wl);
        }
        for (intptr_t l = 0; l < m; l += 16)
            _mm512_storeu_ps(o + i + l, te_power_f32_exp2_v16(_mm512_load_ps(whbuf + l), _mm512_load_ps(wlbuf + l)));
        if (__builtin_expect(special != 0, 0)) {
            for (intptr_t l = i; l < i + m; l++)
                if (!TE_POWF_ORDINARY(a[S * l], b[S * l])) o[l] = te_power_f32_v16_full(a[S * l], b[S * l]);
        }
        i += m;
    }
    for (; i < n; i++) o[i] = te_power_f32_v16_full(a[S * i], b[S * i]);
}
static TE_TARGET_AVX512 void te_power_f32_block_avx512(const float *a, const float *b, float *o, intptr_t n) {
    te_power_f32_blocks_avx512(a, b, o, n, 1);
}
static TE_TARGET_AVX512 void te_power_f32_block2_avx512(const float *a, const float *b, float *o, intptr_t n) {
    te_power_f32_blocks_avx512(a, b, o, n, 2);
}

// AVX2: the same operations on two halves of four lanes, the lookups of log2 c and
// 2^(j/16) by gathers; invc (a float) by two permutes of a float copy of its column
// and a blend on all eight lanes.
static const float te_powf_invc_f32[16] __attribute__((aligned(64))) = {TE_POWF_INVC};
static TE_TARGET_AVX2 TE_AI __m128 te_power_f32_v4(__m128i k, __m128i idx, __m128 mf, __m128 yf, __m128 invcf) {
#define TE_C(v) _mm256_set1_pd(v)
    __m256d m = _mm256_cvtps_pd(mf);
    __m256d invc = _mm256_cvtps_pd(invcf);
    __m256d lc = _mm256_i32gather_pd(te_powf_log2c, idx, 8);
    __m256d r = _mm256_fmadd_pd(m, invc, TE_C(-1.0));
    __m256d p = _mm256_fmadd_pd(TE_C(TE_POWF_P_C5), r, TE_C(TE_POWF_P_C4));
    p = _mm256_fmadd_pd(p, r, TE_C(TE_POWF_P_C3));
    p = _mm256_fmadd_pd(p, r, TE_C(TE_POWF_P_C2));
    p = _mm256_fmadd_pd(p, r, TE_C(TE_POWF_P_C1));
    p = _mm256_fmadd_pd(p, r, TE_C(TE_POWF_P_C0));
    __m256d L = _mm256_fmadd_pd(r, p, _mm256_add_pd(_mm256_cvtepi32_pd(k), lc));
    __m256d w = _mm256_mul_pd(_mm256_cvtps_pd(yf), L);
    w = _mm256_min_pd(_mm256_max_pd(w, TE_C(-TE_POWF_CLAMP)), TE_C(TE_POWF_CLAMP));
    __m256d kd = _mm256_add_pd(w, TE_C(TE_POWF_SHIFTER));
    __m256d rr = _mm256_sub_pd(w, _mm256_sub_pd(kd, TE_C(TE_POWF_SHIFTER)));
    __m256i kb = _mm256_castpd_si256(kd);
    __m256i j = _mm256_and_si256(kb, _mm256_set1_epi64x(15));
    __m256i sb = _mm256_add_epi64(_mm256_i64gather_epi64((const long long *)te_powf_exp2, j, 8), _mm256_slli_epi64(kb, 48));
    __m256d q = _mm256_fmadd_pd(TE_C(TE_POWF_Q_C2), rr, TE_C(TE_POWF_Q_C1));
    q = _mm256_fmadd_pd(q, rr, TE_C(TE_POWF_Q_C0));
    __m256d e = _mm256_fmadd_pd(rr, q, TE_C(1.0));
    return _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_castsi256_pd(sb), e));
#undef TE_C
}

static TE_TARGET_AVX2 TE_AI __m256i te_power_f32_load_v8_avx2(const float *p, const int S) {
    if (S == 1) return _mm256_loadu_si256((const __m256i *)p);
    __m256 lo = _mm256_loadu_ps(p);
    __m256 hi = _mm256_maskload_ps(p + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, -1, 0));
    __m256 even = _mm256_shuffle_ps(lo, hi, 0x88); // lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6
    return _mm256_castpd_si256(_mm256_permute4x64_pd(_mm256_castps_pd(even), 0xd8));
}

static TE_TARGET_AVX2 TE_AI void te_power_f32_blocks_avx2(const float *a, const float *b, float *o, intptr_t n, const int S) {
    const __m256 invc0 = _mm256_load_ps(te_powf_invc_f32), invc1 = _mm256_load_ps(te_powf_invc_f32 + 8);
    intptr_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i ix = te_power_f32_load_v8_avx2(a + S * i, S), iy = te_power_f32_load_v8_avx2(b + S * i, S);
        // x in [2^-126, FLT_MAX] (signed compares: a negative x is negative as an integer),
        // |y| finite.
        __m256i okx = _mm256_and_si256(_mm256_cmpgt_epi32(ix, _mm256_set1_epi32(0x007fffff)),
                                       _mm256_cmpgt_epi32(_mm256_set1_epi32(0x7f800000), ix));
        __m256i oky = _mm256_cmpgt_epi32(_mm256_set1_epi32(0x7f800000), _mm256_and_si256(iy, _mm256_set1_epi32(0x7fffffff)));
        if (__builtin_expect(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_and_si256(okx, oky))) == 0xff, 1)) {
            __m256i tmp = _mm256_sub_epi32(ix, _mm256_set1_epi32((int)TE_POWF_OFF));
            __m256i k = _mm256_srai_epi32(tmp, 23);
            __m256i idx = _mm256_and_si256(_mm256_srli_epi32(tmp, TE_POWF_SHIFT), _mm256_set1_epi32(15));
            __m256 mf = _mm256_castsi256_ps(_mm256_sub_epi32(ix, _mm256_and_si256(tmp, _mm256_set1_epi32((int)0xff800000u))));
            __m256 yf = _mm256_castsi256_ps(iy);
            __m256 invc = _mm256_blendv_ps(_mm256_permutevar8x32_ps(invc0, idx), _mm256_permutevar8x32_ps(invc1, idx),
                                           _mm256_castsi256_ps(_mm256_slli_epi32(idx, 28)));
            __m128 lo = te_power_f32_v4(_mm256_castsi256_si128(k), _mm256_castsi256_si128(idx), _mm256_castps256_ps128(mf), _mm256_castps256_ps128(yf),
                                        _mm256_castps256_ps128(invc));
            __m128 hi = te_power_f32_v4(_mm256_extracti128_si256(k, 1), _mm256_extracti128_si256(idx, 1), _mm256_extractf128_ps(mf, 1), _mm256_extractf128_ps(yf, 1),
                                        _mm256_extractf128_ps(invc, 1));
            _mm256_storeu_ps(o + i, _mm256_set_m128(hi, lo));
        } else {
            for (intptr_t l = i; l < i + 8; l++) o[l] = te_power_f32(a[S * l], b[S * l], 1);
        }
    }
    for (; i < n; i++) o[i] = te_power_f32(a[S * i], b[S * i], 1);
}
static TE_TARGET_AVX2 void te_power_f32_block_avx2(const float *a, const float *b, float *o, intptr_t n) {
    te_power_f32_blocks_avx2(a, b, o, n, 1);
}
static TE_TARGET_AVX2 void te_power_f32_block2_avx2(const float *a, const float *b, float *o, intptr_t n) {
    te_power_f32_blocks_avx2(a, b, o, n, 2);
}

TE_BINARY_LOOP_2(power_f32, float, avx2, TE_TARGET_AVX2)
TE_BINARY_LOOP_2(power_f32, float, avx512, TE_TARGET_AVX512)
#endif
