// float32 arcsinh, arccosh and arctanh in float32 arithmetic: 16 lanes per AVX-512
// register, 8 per AVX2.
//
// Each is log(X) for an X formed in two floats, X = Xh + Xl, with the logarithm of
// Log1pF32Core.h (log1p's table and reduction, shared): Xh = 2^k z, r = z invc - 1
// exact, e = Xl 2^-k invc, log(X) = k ln2 + logc + log(1 + r) + e (1 - r + r^2), only
// the last addition rounding at the result's scale. In the subinterval that holds 1
// (invc = 1, k = 0) r and e are given by the caller: Xh - 1 (exact there) and Xl, or,
// for arctanh, w and wl of X = 1 + w + wl themselves, so that results near 0 keep their
// relative accuracy.
//
//   arcsinh a = log(a + s),  s = sqrt(1 + a^2) = sh + sl: a^2 exact in two floats (a
//     fused multiply-add), 1 + a^2 by a two-sum, sh its square root rounded and sl =
//     (1 + a^2 - sh^2) / (2 sh) with the residual from a fused multiply-add; Xh + Xl =
//     sh + a + sl by a fast two-sum (sh >= a). Xl is rounded relative to sh, about 1,
//     which is not small against a result near a: below 2^-8 arcsinh a = a + a^3 (-1/6
//     + 3 a^2 / 40) instead (the next term, 5 a^7 / 112, is 2^-45 of a there). From
//     2^12 on, log(2a) (within 2^-26 of arcsinh a, 1/64 of the result's ULP): X = a,
//     one more ln2.
//   arccosh x = log(x + sqrt(x^2 - 1)): as arcsinh, with x^2 - 1 = t^2 + 2t, t = x - 1
//     exact, so that near 1 it has no cancellation; there the square root, about
//     sqrt(2t), is itself the size of the result, and sl's rounding is small against
//     it. From 2^16 on, log(2x) (within 2^-34).
//   arctanh a = log(1 + w) / 2, w = 2a / (1 - a): 1 - a = d + dl exactly, 1/d rounded,
//     q = 2a (1/d) and its remainder 2a - q d - q dl by fused multiply-adds, ql = that
//     remainder times 1/d; X = 1 + q rounded plus its rounding error plus ql. Halving is
//     exact (a result below 2^-125 is a itself: log(1 + 2a) rounds to 2a there).
//
// Special operands are found per vector and take NumPy's values in their lanes (arcsinh:
// ±inf and NaN themselves; arccosh: +0 at 1, inf at inf, NaN below 1 and for NaN;
// arctanh: ±inf at ±1, NaN beyond and for NaN), the kernel's elsewhere, so blocks with
// and without special operands agree bit for bit on ordinary ones. The sign of an odd
// function's result is the operand's (-0 stays -0).
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits. (SSE2 evaluates in double:
// InverseHyperbolic.c.)
#include "Log1pF32Core.h"

// log(Xh + Xl) for Xh >= 1, |Xl| at most about an ULP of Xh. In the central subinterval
// r = rc, e = ec. Lanes in `big` add one more ln2 and take e = 0 (there Xl is 0 and
// 2^-k invc need not be normal).
TE_AVX512_INLINE __m512 te_ihf_log16(__m512 Xh, __m512 Xl, __m512 rc, __m512 ec, __mmask16 big,
                                     const te_log1pf_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    const te_log1pf_reduced16 R = te_log1pf_reduce16(_mm512_castps_si512(Xh), T);
    __m512 kf = _mm512_mask_add_ps(R.kf, big, R.kf, one);
    __m512 r = _mm512_mask_mov_ps(_mm512_fmsub_ps(R.z, R.invc, one), R.central, rc);
    // invc 2^-k from the bits (normal for k < 120; Xh < 2^18 outside `big`).
    __m512 scale = _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(R.invc), R.kbits));
    __m512 e = _mm512_mask_mov_ps(_mm512_maskz_mul_ps((__mmask16)~big, Xl, scale), R.central, ec);
    return te_log1pf_sum16(r, e, kf, R.logc_hi, R.logc_lo);
}

// y with the sign bit of x (y's is clear): y | (x & 0x80000000) in one ternary-logic
// operation (0xf8: A | (B & C)).
#define TE_IHF_WITH_SIGN(y, x)                                                              \
    _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(y), _mm512_castps_si512(x), \
                                                  _mm512_set1_epi32((int)0x80000000u), 0xf8))

// s = sqrt(Qh + Ql) as sh + sl.
#define TE_IHF_SQRT2(Qh, Ql, sh, sl)                                                      \
    do {                                                                                  \
        sh = _mm512_sqrt_ps(Qh);                                                          \
        __m512 res_ = _mm512_add_ps(_mm512_fnmadd_ps(sh, sh, Qh), Ql);                    \
        sl = _mm512_div_ps(res_, _mm512_add_ps(sh, sh));                                  \
    } while (0)

TE_AVX512_INLINE __m512 te_arcsinh_f32_v16(__m512 x, const te_log1pf_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 a = _mm512_abs_ps(x);
    // 1 + a^2 = Qh + Ql: 1 - Qh is exact for Qh < 2^24, and so is a^2 + (1 - Qh) up to
    // its last rounding, 2^-24 of a term below an ULP of Qh.
    __m512 Qh = _mm512_fmadd_ps(a, a, one);
    __m512 Ql = _mm512_fmadd_ps(a, a, _mm512_sub_ps(one, Qh));
    __m512 sh, sl;
    TE_IHF_SQRT2(Qh, Ql, sh, sl);
    __m512 Xh = _mm512_add_ps(sh, a);
    __m512 Xl = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(sh, Xh), a), sl);
    __mmask16 big = _mm512_cmp_ps_mask(a, _mm512_set1_ps(0x1p12f), _CMP_GE_OQ);
    Xh = _mm512_mask_mov_ps(Xh, big, a);
    __m512 y = te_ihf_log16(Xh, Xl, _mm512_sub_ps(Xh, one), Xl, big, T);
    // a + a^3 (-1/6 + 3 a^2 / 40) below 2^-8.
    __m512 a2 = _mm512_mul_ps(a, a);
    __m512 p = _mm512_fmadd_ps(a2, _mm512_set1_ps(3.0f / 40.0f), _mm512_set1_ps(-1.0f / 6.0f));
    __m512 ys = _mm512_fmadd_ps(_mm512_mul_ps(a2, p), a, a);
    y = _mm512_mask_mov_ps(y, _mm512_cmp_ps_mask(a, _mm512_set1_ps(0x1p-8f), _CMP_LT_OQ), ys);
    // ±inf, NaN: a + a (NaN quieted), then the sign.
    __mmask16 special = _mm512_fpclass_ps_mask(x, 0x99);
    y = _mm512_mask_add_ps(y, special, a, a);
    return TE_IHF_WITH_SIGN(y, x);
}

TE_AVX512_INLINE __m512 te_arccosh_f32_v16(__m512 x, const te_log1pf_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 t = _mm512_sub_ps(x, one);
    __m512 th = _mm512_mul_ps(t, t);
    __m512 tl = _mm512_fmsub_ps(t, t, th);
    __m512 d = _mm512_add_ps(t, t);
    __m512 Qh = _mm512_add_ps(d, th);
    __m512 Ql = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(_mm512_max_ps(d, th), Qh), _mm512_min_ps(d, th)), tl);
    __m512 sh, sl;
    TE_IHF_SQRT2(Qh, Ql, sh, sl);
    __m512 Xh = _mm512_add_ps(x, sh);
    __m512 Xl = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(x, Xh), sh), sl);
    __mmask16 big = _mm512_cmp_ps_mask(x, _mm512_set1_ps(0x1p16f), _CMP_GE_OQ);
    Xh = _mm512_mask_mov_ps(Xh, big, x);
    __m512 y = te_ihf_log16(Xh, Xl, _mm512_sub_ps(Xh, one), Xl, big, T);
    // x <= 1, +inf, NaN: 0 at 1, inf at inf, NaN otherwise.
    __mmask16 ordinary = _mm512_cmp_ps_mask(x, one, _CMP_GT_OQ) &
                         _mm512_cmp_ps_mask(x, _mm512_set1_ps(__builtin_inff()), _CMP_LT_OQ);
    if (__builtin_expect(ordinary != 0xffff, 0)) {
        __m512 s = _mm512_set1_ps(__builtin_nanf(""));
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x, one, _CMP_EQ_OQ), _mm512_setzero_ps());
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x, _mm512_set1_ps(__builtin_inff()), _CMP_EQ_OQ), x);
        y = _mm512_mask_mov_ps(s, ordinary, y);
    }
    return y;
}

TE_AVX512_INLINE __m512 te_arctanh_f32_v16(__m512 x, const te_log1pf_tables16 *T) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 a = _mm512_abs_ps(x);
    __m512 d = _mm512_sub_ps(one, a);
    __m512 dl = _mm512_sub_ps(_mm512_sub_ps(one, d), a); // 1 - a = d + dl exactly
    __m512 n = _mm512_add_ps(a, a);
    __m512 rd = _mm512_div_ps(one, d);
    __m512 q = _mm512_mul_ps(n, rd);
    __m512 rem = _mm512_fnmadd_ps(q, dl, _mm512_fnmadd_ps(q, d, n));
    __m512 ql = _mm512_mul_ps(rem, rd);
    // The rounding error of 1 + q is q - (Xh - 1), both subtractions exact for Xh < 2^24
    // (Xh - 1 is then within a factor 2 of q, or 0); at |x| = 1 - 2^-24, the one input
    // beyond, it is off by 1 against Xh = 2^25 (a result 2^-6 ULP away).
    __m512 Xh = _mm512_add_ps(one, q);
    __m512 Xl = _mm512_add_ps(_mm512_sub_ps(q, _mm512_sub_ps(Xh, one)), ql);
    __m512 y = _mm512_mul_ps(te_ihf_log16(Xh, Xl, q, ql, 0, T), _mm512_set1_ps(0.5f));
    // |x| >= 1 or NaN: ±inf at ±1, NaN otherwise.
    __mmask16 special = _mm512_cmp_ps_mask(a, one, _CMP_NLT_UQ);
    if (__builtin_expect(special != 0, 0)) {
        __m512 s = _mm512_set1_ps(__builtin_nanf(""));
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(a, one, _CMP_EQ_OQ), _mm512_set1_ps(__builtin_inff()));
        y = _mm512_mask_mov_ps(y, special, s);
    }
    return TE_IHF_WITH_SIGN(y, x);
}

#define TE_ARCSINH_V16(v) te_arcsinh_f32_v16(v, &T)
#define TE_ARCCOSH_V16(v) te_arccosh_f32_v16(v, &T)
#define TE_ARCTANH_V16(v) te_arctanh_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(arcsinh_f32, const te_log1pf_tables16 T = te_log1pf_load16();, TE_ARCSINH_V16)
TE_F32_BLOCK_AVX512(arccosh_f32, const te_log1pf_tables16 T = te_log1pf_load16();, TE_ARCCOSH_V16)
TE_F32_BLOCK_AVX512(arctanh_f32, const te_log1pf_tables16 T = te_log1pf_load16();, TE_ARCTANH_V16)

TE_STRIDED_LOOP(arcsinh_f32, float, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP(arccosh_f32, float, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP(arctanh_f32, float, avx512, TE_TARGET_AVX512)

// ---- AVX2: the same operations on 8 lanes (the same bits) ----

// te_ihf_log16 on 8 lanes; `big` all ones or all zeros per lane.
TE_AVX2_INLINE __m256 te_ihf_log8(__m256 Xh, __m256 Xl, __m256 rc, __m256 ec, __m256 big, const te_log1pf_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const te_log1pf_reduced8 R = te_log1pf_reduce8(_mm256_castps_si256(Xh), T);
    __m256 kf = _mm256_add_ps(R.kf, _mm256_and_ps(big, one));
    __m256 r = _mm256_blendv_ps(_mm256_fmsub_ps(R.z, R.invc, one), rc, R.central);
    __m256 scale = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(R.invc), R.kbits));
    __m256 e = _mm256_blendv_ps(_mm256_andnot_ps(big, _mm256_mul_ps(Xl, scale)), ec, R.central);
    return te_log1pf_sum8(r, e, kf, R.logc_hi, R.logc_lo);
}

#define TE_IHF_SIGN8 _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u))

#define TE_IHF_SQRT2_8(Qh, Ql, sh, sl)                                                    \
    do {                                                                                  \
        sh = _mm256_sqrt_ps(Qh);                                                          \
        __m256 res_ = _mm256_add_ps(_mm256_fnmadd_ps(sh, sh, Qh), Ql);                    \
        sl = _mm256_div_ps(res_, _mm256_add_ps(sh, sh));                                  \
    } while (0)

TE_AVX2_INLINE __m256 te_arcsinh_f32_v8(__m256 x, const te_log1pf_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 a = _mm256_andnot_ps(TE_IHF_SIGN8, x);
    __m256 Qh = _mm256_fmadd_ps(a, a, one);
    __m256 Ql = _mm256_fmadd_ps(a, a, _mm256_sub_ps(one, Qh));
    __m256 sh, sl;
    TE_IHF_SQRT2_8(Qh, Ql, sh, sl);
    __m256 Xh = _mm256_add_ps(sh, a);
    __m256 Xl = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(sh, Xh), a), sl);
    __m256 big = _mm256_cmp_ps(a, _mm256_set1_ps(0x1p12f), _CMP_GE_OQ);
    Xh = _mm256_blendv_ps(Xh, a, big);
    __m256 y = te_ihf_log8(Xh, Xl, _mm256_sub_ps(Xh, one), Xl, big, T);
    __m256 a2 = _mm256_mul_ps(a, a);
    __m256 p = _mm256_fmadd_ps(a2, _mm256_set1_ps(3.0f / 40.0f), _mm256_set1_ps(-1.0f / 6.0f));
    __m256 ys = _mm256_fmadd_ps(_mm256_mul_ps(a2, p), a, a);
    y = _mm256_blendv_ps(y, ys, _mm256_cmp_ps(a, _mm256_set1_ps(0x1p-8f), _CMP_LT_OQ));
    y = _mm256_blendv_ps(y, _mm256_add_ps(a, a), _mm256_cmp_ps(a, _mm256_set1_ps(__builtin_inff()), _CMP_NLT_UQ));
    return _mm256_or_ps(y, _mm256_and_ps(x, TE_IHF_SIGN8));
}

TE_AVX2_INLINE __m256 te_arccosh_f32_v8(__m256 x, const te_log1pf_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 t = _mm256_sub_ps(x, one);
    __m256 th = _mm256_mul_ps(t, t);
    __m256 tl = _mm256_fmsub_ps(t, t, th);
    __m256 d = _mm256_add_ps(t, t);
    __m256 Qh = _mm256_add_ps(d, th);
    __m256 Ql = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(_mm256_max_ps(d, th), Qh), _mm256_min_ps(d, th)), tl);
    __m256 sh, sl;
    TE_IHF_SQRT2_8(Qh, Ql, sh, sl);
    __m256 Xh = _mm256_add_ps(x, sh);
    __m256 Xl = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(x, Xh), sh), sl);
    __m256 big = _mm256_cmp_ps(x, _mm256_set1_ps(0x1p16f), _CMP_GE_OQ);
    Xh = _mm256_blendv_ps(Xh, x, big);
    __m256 y = te_ihf_log8(Xh, Xl, _mm256_sub_ps(Xh, one), Xl, big, T);
    __m256 ordinary = _mm256_and_ps(_mm256_cmp_ps(x, one, _CMP_GT_OQ),
                                    _mm256_cmp_ps(x, _mm256_set1_ps(__builtin_inff()), _CMP_LT_OQ));
    if (__builtin_expect(_mm256_movemask_ps(ordinary) != 0xff, 0)) {
        __m256 s = _mm256_set1_ps(__builtin_nanf(""));
        s = _mm256_blendv_ps(s, _mm256_setzero_ps(), _mm256_cmp_ps(x, one, _CMP_EQ_OQ));
        s = _mm256_blendv_ps(s, x, _mm256_cmp_ps(x, _mm256_set1_ps(__builtin_inff()), _CMP_EQ_OQ));
        y = _mm256_blendv_ps(s, y, ordinary);
    }
    return y;
}

TE_AVX2_INLINE __m256 te_arctanh_f32_v8(__m256 x, const te_log1pf_tables8 *T) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 a = _mm256_andnot_ps(TE_IHF_SIGN8, x);
    __m256 d = _mm256_sub_ps(one, a);
    __m256 dl = _mm256_sub_ps(_mm256_sub_ps(one, d), a);
    __m256 n = _mm256_add_ps(a, a);
    __m256 rd = _mm256_div_ps(one, d);
    __m256 q = _mm256_mul_ps(n, rd);
    __m256 rem = _mm256_fnmadd_ps(q, dl, _mm256_fnmadd_ps(q, d, n));
    __m256 ql = _mm256_mul_ps(rem, rd);
    __m256 Xh = _mm256_add_ps(one, q);
    __m256 Xl = _mm256_add_ps(_mm256_sub_ps(q, _mm256_sub_ps(Xh, one)), ql);
    __m256 y = _mm256_mul_ps(te_ihf_log8(Xh, Xl, q, ql, _mm256_setzero_ps(), T), _mm256_set1_ps(0.5f));
    __m256 special = _mm256_cmp_ps(a, one, _CMP_NLT_UQ);
    if (__builtin_expect(_mm256_movemask_ps(special) != 0, 0)) {
        __m256 s = _mm256_set1_ps(__builtin_nanf(""));
        s = _mm256_blendv_ps(s, _mm256_set1_ps(__builtin_inff()), _mm256_cmp_ps(a, one, _CMP_EQ_OQ));
        y = _mm256_blendv_ps(y, s, special);
    }
    return _mm256_or_ps(y, _mm256_and_ps(x, TE_IHF_SIGN8));
}

#define TE_ARCSINH_V8(v) te_arcsinh_f32_v8(v, &T)
#define TE_ARCCOSH_V8(v) te_arccosh_f32_v8(v, &T)
#define TE_ARCTANH_V8(v) te_arctanh_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(arcsinh_f32, const te_log1pf_tables8 T = te_log1pf_load8();, TE_ARCSINH_V8)
TE_F32_BLOCK_AVX2(arccosh_f32, const te_log1pf_tables8 T = te_log1pf_load8();, TE_ARCCOSH_V8)
TE_F32_BLOCK_AVX2(arctanh_f32, const te_log1pf_tables8 T = te_log1pf_load8();, TE_ARCTANH_V8)

TE_STRIDED_LOOP(arcsinh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(arccosh_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(arctanh_f32, float, avx2, TE_TARGET_AVX2)
