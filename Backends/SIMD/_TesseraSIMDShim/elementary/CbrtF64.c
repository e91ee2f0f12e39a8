// cbrt for float64 at AVX2 and AVX-512 (8 lanes per AVX-512 register, 4 per AVX2): the
// method of CbrtF32.c, with one more step.
//
// x = ±2^(n - 1023) m, m in [1, 2), n = 3 D + R, from the bits: D = floor(n/3) by one
// 16-bit high multiply (n 21846 >> 16), R = n - 3D by one 16-bit multiply-add (in the
// low word of each 64-bit lane; the lane holds 2^32 + R, whose low bits index F2).
// s ~ x^(-2/3) = P(m) F2_R 2^(-2D), P a degree-6 polynomial of m^(-2/3) in m
// (fit_cbrt_f64.py: relative error 2^-18.2) and F2_R = 2^(2 (1023 - R)/3), 2^(-2D)
// subtracted from the exponent bits. s is refined once, s (1 + h/3) with
// h = 1 - x^2 s^3 = 1 - (x s)^2 s (its error then about 2 e^2 = 2^-35), and one Newton
// step on x itself ends it: y0 = x s, y = y0 + (x - y0^3) s/3 with y0^2 = q + ql exactly
// and x - q y0 - ql y0 two fused multiply-adds, so the step leaves about 2^-69 of the
// result and its last addition is the only rounding of the result's size (0.5000 ULP
// over 10^7 inputs). No reduced argument is formed and no exponent put back: the
// kernel works on x wherever x - y0^3 and its parts stay normal, |x| >= 2^-900.
//
// Operands outside that range (below 2^-900 including subnormals, ±0, ±inf, NaN) are
// found per vector by one compare on n: a vector holding one runs the kernel again with
// tiny lanes scaled by 2^600 (their results then scaled by 2^-200, exactly) and gives
// x + x in the others, so ordinary lanes get the same bits in every vector.
//
// Every operation is one IEEE operation (or exact integer arithmetic) on each lane, the
// same at both widths, so the AVX2 and AVX-512 loops give the same bits. (SSE2 keeps
// Cbrt.c's kernel, a correction series without fused multiply-adds.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "CbrtF64Table.h"

static const double te_cbrt_f64_f2[8] = TE_F64_CBRT_F2;
_Static_assert(TE_F64_CBRT_DEGREE == 6, "the kernels evaluate P0...P6");

// n in [123, 2046]: |x| in [2^-900, 2^1024).
#define TE_CBRT64_LOW 123
#define TE_CBRT64_HIGH 2046

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define TE_AVX2_INLINE static TE_TARGET_AVX2 inline __attribute__((always_inline))

// ---- AVX-512 ----

TE_AVX512_INLINE __m512d te_cbrt_f64_core8(__m512d x, __m512d F2) {
    __m512i b = _mm512_castpd_si512(x);
    __m512i n = _mm512_srli_epi64(_mm512_slli_epi64(b, 1), 53);
    __m512i d = _mm512_mulhi_epu16(n, _mm512_set1_epi64(21846));
    __m512i R = _mm512_add_epi64(n, _mm512_madd_epi16(d, _mm512_set1_epi64(0xfffd)));
    __m512d m = _mm512_castsi512_pd(_mm512_ternarylogic_epi64(b, _mm512_set1_epi64(0x000fffffffffffffLL), _mm512_set1_epi64(0x3ff0000000000000LL), 0xea));
    __m512d p = _mm512_fmadd_pd(_mm512_set1_pd(TE_F64_CBRT_P6), m, _mm512_set1_pd(TE_F64_CBRT_P5));
    p = _mm512_fmadd_pd(p, m, _mm512_set1_pd(TE_F64_CBRT_P4));
    p = _mm512_fmadd_pd(p, m, _mm512_set1_pd(TE_F64_CBRT_P3));
    p = _mm512_fmadd_pd(p, m, _mm512_set1_pd(TE_F64_CBRT_P2));
    p = _mm512_fmadd_pd(p, m, _mm512_set1_pd(TE_F64_CBRT_P1));
    p = _mm512_fmadd_pd(p, m, _mm512_set1_pd(TE_F64_CBRT_P0));
    __m512d s = _mm512_mul_pd(p, _mm512_permutexvar_pd(R, F2));
    s = _mm512_castsi512_pd(_mm512_sub_epi64(_mm512_castpd_si512(s), _mm512_slli_epi64(d, 53)));
    // s (1 - h)^(-1/3) ~ s (1 + h/3), h = 1 - x^2 s^3 = 1 - (x s)^2 s.
    __m512d t = _mm512_mul_pd(x, s);
    __m512d h = _mm512_fnmadd_pd(_mm512_mul_pd(t, t), s, _mm512_set1_pd(1.0));
    s = _mm512_fmadd_pd(_mm512_mul_pd(s, h), _mm512_set1_pd(1.0 / 3.0), s);
    __m512d y0 = _mm512_mul_pd(x, s);
    __m512d q = _mm512_mul_pd(y0, y0);
    __m512d ql = _mm512_fmsub_pd(y0, y0, q);
    __m512d residual = _mm512_fnmadd_pd(ql, y0, _mm512_fnmadd_pd(q, y0, x));
    return _mm512_fmadd_pd(residual, _mm512_mul_pd(s, _mm512_set1_pd(1.0 / 3.0)), y0);
}

TE_AVX512_INLINE __m512d te_cbrt_f64_v8(__m512d x, __m512d F2) {
    __m512d y = te_cbrt_f64_core8(x, F2);
    __m512i n = _mm512_srli_epi64(_mm512_slli_epi64(_mm512_castpd_si512(x), 1), 53);
    __mmask8 outside = _mm512_cmpgt_epu64_mask(_mm512_sub_epi64(n, _mm512_set1_epi64(TE_CBRT64_LOW)), _mm512_set1_epi64(TE_CBRT64_HIGH - TE_CBRT64_LOW));
    if (__builtin_expect(outside != 0, 0)) {
        __mmask8 tiny = _mm512_mask_cmplt_epu64_mask(_mm512_cmpneq_pd_mask(x, _mm512_setzero_pd()), n, _mm512_set1_epi64(TE_CBRT64_LOW));
        __m512d scaled = te_cbrt_f64_core8(_mm512_mul_pd(x, _mm512_set1_pd(0x1p600)), F2);
        y = _mm512_mask_mul_pd(y, tiny, scaled, _mm512_set1_pd(0x1p-200));
        y = _mm512_mask_add_pd(y, outside & (__mmask8)~tiny, x, x);
    }
    return y;
}

static TE_TARGET_AVX512 void te_cbrt_f64_block_avx512(const double *in, double *out, intptr_t n) {
    const __m512d F2 = _mm512_loadu_pd(te_cbrt_f64_f2);
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) _mm512_mask_storeu_pd(out + i, 1, te_cbrt_f64_v8(_mm512_maskz_loadu_pd(1, in + i), F2));
        return;
    }
    intptr_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512d a = te_cbrt_f64_v8(_mm512_loadu_pd(in + i), F2);
        __m512d b = te_cbrt_f64_v8(_mm512_loadu_pd(in + i + 8), F2);
        _mm512_storeu_pd(out + i, a);
        _mm512_storeu_pd(out + i + 8, b);
    }
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(out + i, te_cbrt_f64_v8(_mm512_loadu_pd(in + i), F2));
    if (i < n) {
        __mmask8 m = (__mmask8)((1u << (n - i)) - 1);
        _mm512_mask_storeu_pd(out + i, m, te_cbrt_f64_v8(_mm512_maskz_loadu_pd(m, in + i), F2));
    }
}

// ---- AVX2 ----

// F2_R by two selects on the lane 2^32 + R.
TE_AVX2_INLINE __m256d te_cbrt_f64_core4(__m256d x) {
    __m256i b = _mm256_castpd_si256(x);
    __m256i n = _mm256_srli_epi64(_mm256_slli_epi64(b, 1), 53);
    __m256i d = _mm256_mulhi_epu16(n, _mm256_set1_epi64x(21846));
    __m256i R = _mm256_add_epi64(n, _mm256_madd_epi16(d, _mm256_set1_epi64x(0xfffd)));
    __m256d m = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi64x(0x000fffffffffffffLL)), _mm256_set1_epi64x(0x3ff0000000000000LL)));
    __m256d p = _mm256_fmadd_pd(_mm256_set1_pd(TE_F64_CBRT_P6), m, _mm256_set1_pd(TE_F64_CBRT_P5));
    p = _mm256_fmadd_pd(p, m, _mm256_set1_pd(TE_F64_CBRT_P4));
    p = _mm256_fmadd_pd(p, m, _mm256_set1_pd(TE_F64_CBRT_P3));
    p = _mm256_fmadd_pd(p, m, _mm256_set1_pd(TE_F64_CBRT_P2));
    p = _mm256_fmadd_pd(p, m, _mm256_set1_pd(TE_F64_CBRT_P1));
    p = _mm256_fmadd_pd(p, m, _mm256_set1_pd(TE_F64_CBRT_P0));
    __m256d F2 = _mm256_blendv_pd(_mm256_set1_pd(te_cbrt_f64_f2[0]), _mm256_set1_pd(te_cbrt_f64_f2[1]),
                                  _mm256_castsi256_pd(_mm256_cmpeq_epi64(R, _mm256_set1_epi64x((1LL << 32) | 1))));
    F2 = _mm256_blendv_pd(F2, _mm256_set1_pd(te_cbrt_f64_f2[2]), _mm256_castsi256_pd(_mm256_cmpeq_epi64(R, _mm256_set1_epi64x((1LL << 32) | 2))));
    __m256d s = _mm256_mul_pd(p, F2);
    s = _mm256_castsi256_pd(_mm256_sub_epi64(_mm256_castpd_si256(s), _mm256_slli_epi64(d, 53)));
    __m256d t = _mm256_mul_pd(x, s);
    __m256d h = _mm256_fnmadd_pd(_mm256_mul_pd(t, t), s, _mm256_set1_pd(1.0));
    s = _mm256_fmadd_pd(_mm256_mul_pd(s, h), _mm256_set1_pd(1.0 / 3.0), s);
    __m256d y0 = _mm256_mul_pd(x, s);
    __m256d q = _mm256_mul_pd(y0, y0);
    __m256d ql = _mm256_fmsub_pd(y0, y0, q);
    __m256d residual = _mm256_fnmadd_pd(ql, y0, _mm256_fnmadd_pd(q, y0, x));
    return _mm256_fmadd_pd(residual, _mm256_mul_pd(s, _mm256_set1_pd(1.0 / 3.0)), y0);
}

TE_AVX2_INLINE __m256d te_cbrt_f64_v4(__m256d x) {
    __m256d y = te_cbrt_f64_core4(x);
    // n outside [LOW, HIGH]: the sign bit of n - LOW or HIGH - n.
    __m256i n = _mm256_srli_epi64(_mm256_slli_epi64(_mm256_castpd_si256(x), 1), 53);
    __m256i out = _mm256_or_si256(_mm256_sub_epi64(n, _mm256_set1_epi64x(TE_CBRT64_LOW)), _mm256_sub_epi64(_mm256_set1_epi64x(TE_CBRT64_HIGH), n));
    if (__builtin_expect(_mm256_movemask_pd(_mm256_castsi256_pd(out)) != 0, 0)) {
        __m256d tiny = _mm256_and_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(TE_CBRT64_LOW), n)),
                                     _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_NEQ_OQ));
        __m256d scaled = te_cbrt_f64_core4(_mm256_mul_pd(x, _mm256_set1_pd(0x1p600)));
        __m256d special = _mm256_blendv_pd(_mm256_add_pd(x, x), _mm256_mul_pd(scaled, _mm256_set1_pd(0x1p-200)), tiny);
        y = _mm256_blendv_pd(y, special, _mm256_castsi256_pd(out));
    }
    return y;
}

static TE_TARGET_AVX2 void te_cbrt_f64_block_avx2(const double *in, double *out, intptr_t n) {
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) {
            double buffer[4] = {in[i]};
            _mm256_storeu_pd(buffer, te_cbrt_f64_v4(_mm256_loadu_pd(buffer)));
            out[i] = buffer[0];
        }
        return;
    }
    intptr_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a = te_cbrt_f64_v4(_mm256_loadu_pd(in + i));
        __m256d b = te_cbrt_f64_v4(_mm256_loadu_pd(in + i + 4));
        _mm256_storeu_pd(out + i, a);
        _mm256_storeu_pd(out + i + 4, b);
    }
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, te_cbrt_f64_v4(_mm256_loadu_pd(in + i)));
    if (i < n) {
        double buffer[4] = {0};
        memcpy(buffer, in + i, (size_t)(n - i) * sizeof(double));
        _mm256_storeu_pd(buffer, te_cbrt_f64_v4(_mm256_loadu_pd(buffer)));
        memcpy(out + i, buffer, (size_t)(n - i) * sizeof(double));
    }
}

TE_STRIDED_LOOP(cbrt_f64, double, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(cbrt_f64, double, avx512, TE_TARGET_AVX512)
