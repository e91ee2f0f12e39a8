// arctan2 for float32 in float32 arithmetic at AVX2 and AVX-512 (16 lanes per AVX-512
// register, 8 per AVX2), included by Arctan2.c after its double kernel te_arctan2_f32,
// which serves the lanes this one leaves (below).
//
// With Y = |y|, X = |x|, a = min/max in [0, 1] is carried as ah + al: ah = min (1/max)
// and al = (min - ah max)/max, the remainder exact by a fused multiply-add. arctan a is
// arctan's float32 class scheme (ArctanF32.c, ArctanF32Table.h): the class of ah gives a
// centre c and arctan a = arctan c + arctan t, t = (a - c)/(1 + a c), with the numerator
// ah - c exact (Sterbenz) plus al, the denominator as two floats, and the quotient as
// t + tl from its exact remainder. The angle is base + sigma arctan a: base 0, pi/2, pi
// and sigma = -1 where exactly one of "x negative" (its sign bit, so -0 counts) and
// "Y > X" holds (pi/2 - arctan(X/Y) and pi - arctan(Y/X)); pi/2 + arctan(X/Y) for both.
// sigma is applied to the quotient's numerator and to arctan c, base + sigma arctan c and
// then that plus t are summed exactly (each a float plus its rounding error), so besides
// the final addition only the roundings of terms below |t| z/3 and of the low parts
// reach the result. The sign of y is copied last.
//
// Lanes where min(Y, X) or ah is below 2^-100 or max(Y, X) is 2^126 or more (which covers
// zeros, infinities and NaN; angles near the subnormals, where ah would round twice; and
// remainders min - ah max that would fall among the subnormals) are recomputed by
// te_arctan2_f32 one by one: its special-value rules, and elsewhere the quotient's
// reciprocal neither overflows nor loses bits.
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits.
#ifndef TESSERA_ARCTAN2_F32_LANES_H
#define TESSERA_ARCTAN2_F32_LANES_H
#include <immintrin.h>
#include "ArctanF32Table.h"

static const float te_atan2_f32_s[16] = TE_F32_ATAN_S;
static const float te_atan2_f32_c[16] = TE_F32_ATAN_C;
static const float te_atan2_f32_ah[16] = TE_F32_ATAN_AH;
static const float te_atan2_f32_al[16] = TE_F32_ATAN_AL;
// a <= 1 (ah at most one ulp above): the classes below 1/16 up to [3/4, 1).
#define TE_ATAN2_F32_CLASS_LAST 253

// The kernel, once for both widths: V the vector prefix, VT the vector, VM the mask.
#define TE_ATAN2_F32_KERNEL(V, VT, VM)                                                           \
    TE_INLINE_##V VT V##atan2_f32(VT y, VT x, const V##atan2_tables *T, VM *ordinary) {         \
        const VT sign = V##set1(-0.0f);                                                          \
        const float pio2_hi = (float)TE_PIO2, pio2_lo = (float)(TE_PIO2 - (double)(float)TE_PIO2); \
        VT Y = V##andnot(sign, y), X = V##andnot(sign, x);                                      \
        VM swap = V##gt(Y, X);                                                                   \
        /* min and max return their second operand if one is NaN: NaN in y or x reaches */     \
        /* num or den and fails the test below. */                                              \
        VT num = V##min(X, Y), den = V##max(Y, X);                                               \
        VT inv = V##div(V##set1(1.0f), den);                                                     \
        VT ah = V##mul(num, inv);                                                                \
        *ordinary = V##ordinary(num, den, ah);                                                        \
        VT al = V##mul(V##fnma(ah, den, num), inv);                                              \
        V##index k = V##class(ah);                                                               \
        VT S = V##lookup(T, 0, k), C = V##lookup(T, 1, k);                                       \
        /* sigma as a sign bit: x's sign, flipped where Y > X */                                \
        VT flip = V##xor(V##and(x, sign), V##select(swap, V##setzero(), sign));                  \
        VT nh = V##xor(V##fms(ah, S, C), flip);                                                  \
        VT nl = V##xor(V##mul(al, S), flip);                                                     \
        VT d = V##fma(ah, C, S);                                                                 \
        VT dl = V##fma(al, C, V##fma(ah, C, V##sub(S, d)));                                      \
        VT inv2 = V##div(V##set1(1.0f), d);                                                      \
        VT t = V##mul(nh, inv2);                                                                 \
        VT tl = V##mul(V##fnma(t, dl, V##add(V##fnma(t, d, nh), nl)), inv2);                     \
        VT z = V##mul(t, t);                                                                     \
        VT q = V##fma(V##fma(V##set1(TE_F32_ATAN_Q2), z, V##set1(TE_F32_ATAN_Q1)), z,           \
                      V##set1(TE_F32_ATAN_Q0));                                                  \
        VT AH = V##xor(V##lookup(T, 2, k), flip), AL = V##xor(V##lookup(T, 3, k), flip);         \
        /* base: pi/2 where Y > X, else pi for negative x, else 0 */                            \
        VT bh = V##select(swap, V##select_sign(x, V##setzero(), V##set1(2.0f * pio2_hi)), V##set1(pio2_hi)); \
        VT bl = V##select(swap, V##select_sign(x, V##setzero(), V##set1(2.0f * pio2_lo)), V##set1(pio2_lo)); \
        VT oh = V##add(bh, AH);                                                                  \
        VT ol = V##add(V##add(V##sub(bh, oh), AH), V##add(bl, AL));                              \
        VT sh = V##add(oh, t);                                                                   \
        VT se = V##add(V##sub(oh, sh), t);                                                       \
        VT small = V##fma(V##mul(t, z), q, V##add(ol, tl));                                      \
        VT v = V##add(sh, V##add(se, small));                                                    \
        return V##or(v, V##and(y, sign));                                                        \
    }

// ---- AVX-512 ----
typedef struct { __m512 row[4]; } te16_atan2_tables;
typedef __m512i te16_index;
#define TE_INLINE_te16_ static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define te16_set1 _mm512_set1_ps
#define te16_setzero _mm512_setzero_ps
#define te16_add _mm512_add_ps
#define te16_sub _mm512_sub_ps
#define te16_mul _mm512_mul_ps
#define te16_div _mm512_div_ps
#define te16_min _mm512_min_ps
#define te16_max _mm512_max_ps
#define te16_fma _mm512_fmadd_ps
#define te16_fms _mm512_fmsub_ps
#define te16_fnma _mm512_fnmadd_ps
#define te16_and _mm512_and_ps
#define te16_andnot _mm512_andnot_ps
#define te16_or _mm512_or_ps
#define te16_xor _mm512_xor_ps
#define te16_gt(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
// select(m, a, b): b where m, else a; select_sign(x, a, b): b where x's sign bit is set.
#define te16_select(m, a, b) _mm512_mask_blend_ps(m, a, b)
#define te16_select_sign(x, a, b) _mm512_mask_blend_ps(_mm512_movepi32_mask(_mm512_castps_si512(x)), a, b)
#define te16_class(ah) _mm512_min_epi32(_mm512_max_epi32(_mm512_srli_epi32(_mm512_castps_si512(ah), 22), \
                                                          _mm512_set1_epi32(TE_F32_ATAN_CLASS_FIRST)), \
                                         _mm512_set1_epi32(TE_ATAN2_F32_CLASS_LAST))
#define te16_lookup(T, j, k) _mm512_permutexvar_ps(k, (T)->row[j])
#define te16_ordinary(num, den, ah)                                                                  \
    _mm512_mask_cmp_ps_mask(_mm512_mask_cmp_ps_mask(_mm512_cmp_ps_mask(num, _mm512_set1_ps(0x1p-100f), _CMP_GE_OQ), \
                                                    den, _mm512_set1_ps(0x1p126f), _CMP_LT_OQ),      \
                            ah, _mm512_set1_ps(0x1p-100f), _CMP_GE_OQ)
TE_ATAN2_F32_KERNEL(te16_, __m512, __mmask16)

// ---- AVX2 ----
typedef struct { __m256 lo[4], hi[4]; } te8_atan2_tables;
typedef __m256i te8_index;
#define TE_INLINE_te8_ static TE_TARGET_AVX2 inline __attribute__((always_inline))
#define te8_set1 _mm256_set1_ps
#define te8_setzero _mm256_setzero_ps
#define te8_add _mm256_add_ps
#define te8_sub _mm256_sub_ps
#define te8_mul _mm256_mul_ps
#define te8_div _mm256_div_ps
#define te8_min _mm256_min_ps
#define te8_max _mm256_max_ps
#define te8_fma _mm256_fmadd_ps
#define te8_fms _mm256_fmsub_ps
#define te8_fnma _mm256_fnmadd_ps
#define te8_and _mm256_and_ps
#define te8_andnot _mm256_andnot_ps
#define te8_or _mm256_or_ps
#define te8_xor _mm256_xor_ps
#define te8_gt(a, b) _mm256_cmp_ps(a, b, _CMP_GT_OQ)
#define te8_select(m, a, b) _mm256_blendv_ps(a, b, m)
#define te8_select_sign(x, a, b) _mm256_blendv_ps(a, b, x)
#define te8_class(ah) _mm256_min_epi32(_mm256_max_epi32(_mm256_srli_epi32(_mm256_castps_si256(ah), 22), \
                                                         _mm256_set1_epi32(TE_F32_ATAN_CLASS_FIRST)), \
                                        _mm256_set1_epi32(TE_ATAN2_F32_CLASS_LAST))
// Entry k mod 16: the two halves permuted (bits 0..2), bit 3 (moved to the sign bit) picks one.
#define te8_lookup(T, j, k) _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[j], k), _mm256_permutevar8x32_ps((T)->hi[j], k), \
                                             _mm256_castsi256_ps(_mm256_slli_epi32(k, 28)))
#define te8_ordinary(num, den, ah)                                                                   \
    _mm256_and_ps(_mm256_and_ps(_mm256_cmp_ps(num, _mm256_set1_ps(0x1p-100f), _CMP_GE_OQ),             \
                                _mm256_cmp_ps(den, _mm256_set1_ps(0x1p126f), _CMP_LT_OQ)),              \
                  _mm256_cmp_ps(ah, _mm256_set1_ps(0x1p-100f), _CMP_GE_OQ))
TE_ATAN2_F32_KERNEL(te8_, __m256, __m256)

static const float *const te_atan2_f32_rows[4] = {te_atan2_f32_s, te_atan2_f32_c, te_atan2_f32_ah, te_atan2_f32_al};

// The lanes the kernel leaves (bit j of `odd`), by te_arctan2_f32.
#define TE_ATAN2_F32_PATCH(W, VT, load, store, ATTR)                                          \
    static ATTR __attribute__((noinline)) VT te_atan2_f32_patch##W(VT y, VT x, VT v, uint32_t odd) { \
        float ys[W], xs[W], vs[W];                                                             \
        store(ys, y);                                                                          \
        store(xs, x);                                                                          \
        store(vs, v);                                                                          \
        for (int j = 0; j < W; j++)                                                            \
            if (odd >> j & 1) vs[j] = te_arctan2_f32(ys[j], xs[j], 1);                         \
        return load(vs);                                                                       \
    }
TE_ATAN2_F32_PATCH(16, __m512, _mm512_loadu_ps, _mm512_storeu_ps, TE_TARGET_AVX512)
TE_ATAN2_F32_PATCH(8, __m256, _mm256_loadu_ps, _mm256_storeu_ps, TE_TARGET_AVX2)

TE_INLINE_te16_ __m512 te_atan2_f32_v16(__m512 y, __m512 x, const te16_atan2_tables *T) {
    __mmask16 ordinary;
    __m512 v = te16_atan2_f32(y, x, T, &ordinary);
    uint32_t odd = (uint16_t)~ordinary;
    return __builtin_expect(odd != 0, 0) ? te_atan2_f32_patch16(y, x, v, odd) : v;
}

TE_INLINE_te8_ __m256 te_atan2_f32_v8(__m256 y, __m256 x, const te8_atan2_tables *T) {
    __m256 ordinary;
    __m256 v = te8_atan2_f32(y, x, T, &ordinary);
    uint32_t odd = (uint32_t)_mm256_movemask_ps(ordinary) ^ 0xffu;
    return __builtin_expect(odd != 0, 0) ? te_atan2_f32_patch8(y, x, v, odd) : v;
}

static TE_TARGET_AVX512 void te_arctan2_f32_block_avx512(const float *a, const float *b, float *out, intptr_t n) {
    te16_atan2_tables T;
    for (int j = 0; j < 4; j++) T.row[j] = _mm512_loadu_ps(te_atan2_f32_rows[j]);
    if (!(TE_VECTOR_SAFE(a, out, n) && TE_VECTOR_SAFE(b, out, n))) {
        for (intptr_t i = 0; i < n; i++)
            _mm512_mask_storeu_ps(out + i, 1, te_atan2_f32_v16(_mm512_maskz_loadu_ps(1, a + i), _mm512_maskz_loadu_ps(1, b + i), &T));
        return;
    }
    intptr_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 u = te_atan2_f32_v16(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), &T);
        __m512 v = te_atan2_f32_v16(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), &T);
        _mm512_storeu_ps(out + i, u);
        _mm512_storeu_ps(out + i + 16, v);
    }
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, te_atan2_f32_v16(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), &T));
    if (i < n) {
        // The masked-off lanes read as (0, 0) and are patched, to no effect.
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(out + i, m, te_atan2_f32_v16(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i), &T));
    }
}

static TE_TARGET_AVX2 void te_arctan2_f32_block_avx2(const float *a, const float *b, float *out, intptr_t n) {
    te8_atan2_tables T;
    for (int j = 0; j < 4; j++) {
        T.lo[j] = _mm256_loadu_ps(te_atan2_f32_rows[j]);
        T.hi[j] = _mm256_loadu_ps(te_atan2_f32_rows[j] + 8);
    }
    intptr_t i = 0;
    if (TE_VECTOR_SAFE(a, out, n) && TE_VECTOR_SAFE(b, out, n))
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, te_atan2_f32_v8(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), &T));
    // The rest (and operands that overlap partly) one element at a time, through a buffer
    // whose other lanes are (1, 1).
    for (; i < n; i++) {
        float ya[8] = {a[i], 1, 1, 1, 1, 1, 1, 1}, xa[8] = {b[i], 1, 1, 1, 1, 1, 1, 1};
        _mm256_storeu_ps(ya, te_atan2_f32_v8(_mm256_loadu_ps(ya), _mm256_loadu_ps(xa), &T));
        out[i] = ya[0];
    }
}

TE_BINARY_LOOP(arctan2_f32, float, avx2, TE_TARGET_AVX2)
TE_BINARY_LOOP(arctan2_f32, float, avx512, TE_TARGET_AVX512)
#endif
