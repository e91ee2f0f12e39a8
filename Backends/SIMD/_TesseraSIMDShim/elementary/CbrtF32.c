// cbrt for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// x = ±2^(n - 127) m, m in [1, 2), n = 3 D + R (R in 0..2), found in integers on the
// bits: D = floor(n/3) by one 16-bit high multiply (n 21846 >> 16, exact for n < 2^14)
// and R = n - 3D by one 16-bit multiply-add. Then s ~ x^(-2/3) directly:
// s = P(m) F2_R 2^(-2D), P a degree-5 polynomial of m^(-2/3) in m (fit_cbrt_f32.py:
// relative error 2^-15.4 as evaluated) and F2_R = 2^88 2^(-2(R + 5)/3) read by one
// permute (2^(-2D) subtracted from the exponent bits: the product has 2^88 to spare). One
// Newton step on x itself: y0 = x s, y = y0 + (x - y0^3) s/3, with y0^2 = q + ql exactly
// and x - q y0 - ql y0 two fused multiply-adds, so the step leaves about 2 e^2 = 2^-29.8
// of the result (e the error of s) and its last addition is the only rounding of the
// result's size: 0.5153 ULP measured over all inputs (a degree-6 P, 2^-33, measured 7%
// slower). The signs take care of themselves (y0 has x's sign). No reduced argument is
// formed and no exponent put back: the kernel works on x wherever x - y0^3 (below
// 2^-13 |x|) and its parts stay normal, |x| >= 2^-80.
//
// Operands outside that range (below 2^-80 including subnormals, ±0, ±inf, NaN) are found
// per vector by one compare on n: a vector holding one runs the kernel again with tiny
// lanes scaled by 2^96 (their results then scaled by 2^-32, exactly) and gives x + x in
// the others, so ordinary lanes get the same bits in every vector.
//
// Every operation is one IEEE operation (or exact integer arithmetic) on each lane, the
// same at both widths, so the AVX2 and AVX-512 loops give the same bits. (SSE2 keeps
// Cbrt.c's kernel.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "CbrtF32Table.h"

static const float te_cbrt_f32_f2[16] = TE_F32_CBRT_F2;
_Static_assert(TE_F32_CBRT_DEGREE == 5, "the kernels evaluate P0...P5");

// n in [47, 254]: |x| in [2^-80, 2^128).
#define TE_CBRT_LOW 47
#define TE_CBRT_HIGH 254

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define TE_AVX2_INLINE static TE_TARGET_AVX2 inline __attribute__((always_inline))

// ---- AVX-512 ----

typedef struct { __m512 f; } te_cbrt_tables16;

TE_AVX512_INLINE te_cbrt_tables16 te_cbrt_load16(void) {
    te_cbrt_tables16 T;
    T.f = _mm512_loadu_ps(te_cbrt_f32_f2);
    return T;
}

// cbrt of x with n in [TE_CBRT_LOW, TE_CBRT_HIGH] (any other lane gives some value).
TE_AVX512_INLINE __m512 te_cbrt_f32_core16(__m512 x, const te_cbrt_tables16 *T) {
    __m512i b = _mm512_castps_si512(x);
    __m512i n = _mm512_srli_epi32(_mm512_slli_epi32(b, 1), 24);
    __m512i d = _mm512_mulhi_epu16(n, _mm512_set1_epi32(21846));                   // D
    __m512i R = _mm512_add_epi32(n, _mm512_madd_epi16(d, _mm512_set1_epi32(-3))); // the permute reads bits 0..3
    // m from the bits (0xea: (a & b) | c).
    __m512 m = _mm512_castsi512_ps(_mm512_ternarylogic_epi32(b, _mm512_set1_epi32(0x007fffff), _mm512_set1_epi32(0x3f800000), 0xea));
    __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(TE_F32_CBRT_P5), m, _mm512_set1_ps(TE_F32_CBRT_P4));
    p = _mm512_fmadd_ps(p, m, _mm512_set1_ps(TE_F32_CBRT_P3));
    p = _mm512_fmadd_ps(p, m, _mm512_set1_ps(TE_F32_CBRT_P2));
    p = _mm512_fmadd_ps(p, m, _mm512_set1_ps(TE_F32_CBRT_P1));
    p = _mm512_fmadd_ps(p, m, _mm512_set1_ps(TE_F32_CBRT_P0));
    // s ~ x^(-2/3): P(m) F2_R 2^(-2D), the power of two subtracted from the exponent bits.
    __m512 s = _mm512_mul_ps(p, _mm512_permutexvar_ps(R, T->f));
    s = _mm512_castsi512_ps(_mm512_sub_epi32(_mm512_castps_si512(s), _mm512_slli_epi32(d, 24)));
    __m512 y0 = _mm512_mul_ps(x, s);
    __m512 q = _mm512_mul_ps(y0, y0);
    __m512 ql = _mm512_fmsub_ps(y0, y0, q);
    __m512 residual = _mm512_fnmadd_ps(ql, y0, _mm512_fnmadd_ps(q, y0, x));
    return _mm512_fmadd_ps(residual, _mm512_mul_ps(s, _mm512_set1_ps(1.0f / 3.0f)), y0);
}

TE_AVX512_INLINE __m512 te_cbrt_f32_v16(__m512 x, const te_cbrt_tables16 *T) {
    __m512 y = te_cbrt_f32_core16(x, T);
    __m512i n = _mm512_srli_epi32(_mm512_slli_epi32(_mm512_castps_si512(x), 1), 24);
    __mmask16 outside = _mm512_cmpgt_epu32_mask(_mm512_sub_epi32(n, _mm512_set1_epi32(TE_CBRT_LOW)),
                                                _mm512_set1_epi32(TE_CBRT_HIGH - TE_CBRT_LOW));
    if (__builtin_expect(outside != 0, 0)) {
        // Tiny: nonzero below 2^-80 (n < TE_CBRT_LOW); the rest: ±0, ±inf, NaN.
        __mmask16 tiny = _mm512_mask_cmplt_epu32_mask(_mm512_cmpneq_ps_mask(x, _mm512_setzero_ps()), n, _mm512_set1_epi32(TE_CBRT_LOW));
        __m512 scaled = te_cbrt_f32_core16(_mm512_mul_ps(x, _mm512_set1_ps(0x1p96f)), T);
        y = _mm512_mask_mul_ps(y, tiny, scaled, _mm512_set1_ps(0x1p-32f));
        y = _mm512_mask_add_ps(y, outside & (__mmask16)~tiny, x, x);
    }
    return y;
}

#define TE_CBRT_V16(v) te_cbrt_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(cbrt_f32, const te_cbrt_tables16 T = te_cbrt_load16();, TE_CBRT_V16)

// ---- AVX2 ----

// Entries 0..7 of the row: the permutes read bits 0..2 of R.
typedef struct { __m256 f; } te_cbrt_tables8;

TE_AVX2_INLINE te_cbrt_tables8 te_cbrt_load8(void) {
    te_cbrt_tables8 T;
    T.f = _mm256_loadu_ps(te_cbrt_f32_f2);
    return T;
}

TE_AVX2_INLINE __m256 te_cbrt_f32_core8(__m256 x, const te_cbrt_tables8 *T) {
    __m256i b = _mm256_castps_si256(x);
    __m256i n = _mm256_srli_epi32(_mm256_slli_epi32(b, 1), 24);
    __m256i d = _mm256_mulhi_epu16(n, _mm256_set1_epi32(21846));
    __m256i R = _mm256_add_epi32(n, _mm256_madd_epi16(d, _mm256_set1_epi32(-3)));
    __m256 m = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi32(0x007fffff)), _mm256_set1_epi32(0x3f800000)));
    __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(TE_F32_CBRT_P5), m, _mm256_set1_ps(TE_F32_CBRT_P4));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(TE_F32_CBRT_P3));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(TE_F32_CBRT_P2));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(TE_F32_CBRT_P1));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(TE_F32_CBRT_P0));
    // s ~ x^(-2/3): P(m) F2_R 2^(-2D), the power of two subtracted from the exponent bits.
    __m256 s = _mm256_mul_ps(p, _mm256_permutevar8x32_ps(T->f, R));
    s = _mm256_castsi256_ps(_mm256_sub_epi32(_mm256_castps_si256(s), _mm256_slli_epi32(d, 24)));
    __m256 y0 = _mm256_mul_ps(x, s);
    __m256 q = _mm256_mul_ps(y0, y0);
    __m256 ql = _mm256_fmsub_ps(y0, y0, q);
    __m256 residual = _mm256_fnmadd_ps(ql, y0, _mm256_fnmadd_ps(q, y0, x));
    return _mm256_fmadd_ps(residual, _mm256_mul_ps(s, _mm256_set1_ps(1.0f / 3.0f)), y0);
}

TE_AVX2_INLINE __m256 te_cbrt_f32_v8(__m256 x, const te_cbrt_tables8 *T) {
    __m256 y = te_cbrt_f32_core8(x, T);
    // n outside [TE_CBRT_LOW, TE_CBRT_HIGH]: the sign bit of n - LOW or HIGH - n.
    __m256i n = _mm256_srli_epi32(_mm256_slli_epi32(_mm256_castps_si256(x), 1), 24);
    __m256i out = _mm256_or_si256(_mm256_sub_epi32(n, _mm256_set1_epi32(TE_CBRT_LOW)), _mm256_sub_epi32(_mm256_set1_epi32(TE_CBRT_HIGH), n));
    if (__builtin_expect(_mm256_movemask_ps(_mm256_castsi256_ps(out)) != 0, 0)) {
        __m256 tiny = _mm256_and_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(TE_CBRT_LOW), n)),
                                    _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NEQ_OQ));
        __m256 scaled = te_cbrt_f32_core8(_mm256_mul_ps(x, _mm256_set1_ps(0x1p96f)), T);
        __m256 special = _mm256_blendv_ps(_mm256_add_ps(x, x), _mm256_mul_ps(scaled, _mm256_set1_ps(0x1p-32f)), tiny);
        y = _mm256_blendv_ps(y, special, _mm256_castsi256_ps(out));
    }
    return y;
}

static TE_TARGET_AVX2 void te_cbrt_f32_block_avx2(const float *in, float *out, intptr_t n) {
    const te_cbrt_tables8 T = te_cbrt_load8();
    if (!TE_VECTOR_SAFE(in, out, n)) {
        for (intptr_t i = 0; i < n; i++) {
            float buffer[8] = {in[i]};
            _mm256_storeu_ps(buffer, te_cbrt_f32_v8(_mm256_loadu_ps(buffer), &T));
            out[i] = buffer[0];
        }
        return;
    }
    intptr_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256 a = te_cbrt_f32_v8(_mm256_loadu_ps(in + i), &T);
        __m256 b = te_cbrt_f32_v8(_mm256_loadu_ps(in + i + 8), &T);
        _mm256_storeu_ps(out + i, a);
        _mm256_storeu_ps(out + i + 8, b);
    }
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, te_cbrt_f32_v8(_mm256_loadu_ps(in + i), &T));
    if (i < n) {
        float buffer[8] = {0};
        memcpy(buffer, in + i, (size_t)(n - i) * sizeof(float));
        _mm256_storeu_ps(buffer, te_cbrt_f32_v8(_mm256_loadu_ps(buffer), &T));
        memcpy(out + i, buffer, (size_t)(n - i) * sizeof(float));
    }
}

TE_STRIDED_LOOP(cbrt_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP(cbrt_f32, float, avx512, TE_TARGET_AVX512)
