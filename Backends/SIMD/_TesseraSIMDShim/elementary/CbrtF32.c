// cbrt for float32 in float32 arithmetic: 16 lanes per AVX-512 register, 8 per AVX2.
//
// A normal x = ±2^(n - 127) m, m in [1, 2), n = 3 D + R: u = 2^(R + 5) m in [32, 256) and
// cbrt|x| = 2^(D - 44) cbrt(u). All of it in integers on the bits: w = 2n + h (h the top
// mantissa bit); D = floor(w/6) by one 16-bit high multiply (w 10923 >> 16, exact for
// w < 2^10); 264 + 2R + h = w - 6D + 264 by one 16-bit multiply-add, whose low bits index
// the tables and, shifted to the exponent field, give u's exponent 132 + R (bit 22, h, is
// the mantissa's own). r ~ u^(-1/3) is a degree-4 polynomial in t = m - 1.25 - h/2 (exact)
// with coefficients per subinterval 2R + h, read by one permute each (fit_cbrt_f32.py:
// relative error 2^-18.5). Then as in Cbrt.c: y0 = u r^2 and one Newton step
// y = y0 + (u - y0^3) r^2/3 with y0^2 = q + ql exactly and u - q y0 - ql y0 two fused
// multiply-adds, so the step leaves about 8 e^2 = 2^-34 and its last addition is the
// only rounding of the result's size. D - 44 is added to the result's exponent bits
// (exact: it is normal) and the sign of x put back.
//
// Subnormal x, ±0, ±inf and NaN are found per vector (one compare): a vector holding one
// runs the kernel again with subnormal lanes scaled by 2^24 (their results then scaled
// by 2^-8, exactly) and gives x + x in the others, so ordinary lanes get the same bits
// in every vector.
//
// Every operation is one IEEE operation (or exact integer arithmetic) on each lane, the
// same at both widths, so the AVX2 and AVX-512 loops give the same bits. (SSE2: Cbrt.c.)
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "CbrtF32Table.h"

static const float te_cbrt_f32_c[TE_F32_CBRT_DEGREE + 1][16] = {
    TE_F32_CBRT_C0, TE_F32_CBRT_C1, TE_F32_CBRT_C2, TE_F32_CBRT_C3, TE_F32_CBRT_C4,
};
_Static_assert(TE_F32_CBRT_DEGREE == 4, "the table rows above list C0...C4");

// The multiplier of the 16-bit high multiply: 10923 (= ceil(2^16 / 6)) in the low word,
// 2^15 in the high word, which turns the high word 2 added to w into 1 (so that the
// multiply-add's high word adds 264). The multiply-add's words: -6 and 264.
#define TE_CBRT_DIV6 ((int)0x80002aabu)
#define TE_CBRT_MADD ((264 << 16) | 0xfffa)

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))
#define TE_AVX2_INLINE static TE_TARGET_AVX2 inline __attribute__((always_inline))

// ---- AVX-512 ----

typedef struct { __m512 c[TE_F32_CBRT_DEGREE + 1]; } te_cbrt_tables16;

TE_AVX512_INLINE te_cbrt_tables16 te_cbrt_load16(void) {
    te_cbrt_tables16 T;
    for (int j = 0; j <= TE_F32_CBRT_DEGREE; j++) T.c[j] = _mm512_loadu_ps(te_cbrt_f32_c[j]);
    return T;
}

// cbrt of normal x (any lane that is not gives some finite or NaN value).
TE_AVX512_INLINE __m512 te_cbrt_f32_core16(__m512 x, const te_cbrt_tables16 *T) {
    __m512i b = _mm512_castps_si512(x);
    __m512i w = _mm512_srli_epi32(_mm512_slli_epi32(b, 1), 23);
    __m512i v = _mm512_add_epi32(w, _mm512_set1_epi32(2 << 16));
    __m512i d = _mm512_mulhi_epu16(v, _mm512_set1_epi32(TE_CBRT_DIV6)); // D, and 1 in the high word
    __m512i i = _mm512_add_epi32(v, _mm512_madd_epi16(d, _mm512_set1_epi32(TE_CBRT_MADD)));
    // u: x's mantissa bits, the exponent field from i (0xe4: c ? a : b).
    __m512 u = _mm512_castsi512_ps(_mm512_ternarylogic_epi32(b, _mm512_slli_epi32(i, 22), _mm512_set1_epi32(0x007fffff), 0xe4));
    // m with its top mantissa bit cleared (0xea: (a & b) | c), minus 1.25.
    __m512 t = _mm512_sub_ps(_mm512_castsi512_ps(_mm512_ternarylogic_epi32(b, _mm512_set1_epi32(0x003fffff), _mm512_set1_epi32(0x3f800000), 0xea)),
                             _mm512_set1_ps(1.25f));
    __m512 r = _mm512_permutexvar_ps(i, T->c[TE_F32_CBRT_DEGREE]);
    for (int j = TE_F32_CBRT_DEGREE - 1; j >= 0; j--) r = _mm512_fmadd_ps(r, t, _mm512_permutexvar_ps(i, T->c[j]));
    __m512 s = _mm512_mul_ps(r, r);
    __m512 y0 = _mm512_mul_ps(u, s);
    __m512 q = _mm512_mul_ps(y0, y0);
    __m512 ql = _mm512_fmsub_ps(y0, y0, q);
    __m512 residual = _mm512_fnmadd_ps(ql, y0, _mm512_fnmadd_ps(q, y0, u));
    __m512 y = _mm512_fmadd_ps(residual, _mm512_mul_ps(s, _mm512_set1_ps(1.0f / 3.0f)), y0);
    __m512i e = _mm512_sub_epi32(_mm512_slli_epi32(d, 23), _mm512_set1_epi32(44 << 23));
    __m512i bits = _mm512_add_epi32(_mm512_castps_si512(y), e);
    // bits | (x & sign) (0xf8: a | (b & c))
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(bits, b, _mm512_set1_epi32((int)0x80000000u), 0xf8));
}

TE_AVX512_INLINE __m512 te_cbrt_f32_v16(__m512 x, const te_cbrt_tables16 *T) {
    __m512 y = te_cbrt_f32_core16(x, T);
    // Special: NaN, ±0, ±inf, subnormal.
    __mmask16 special = _mm512_fpclass_ps_mask(x, 0xbf);
    if (__builtin_expect(special != 0, 0)) {
        __mmask16 subnormal = _mm512_fpclass_ps_mask(x, 0x20);
        __m512 scaled = te_cbrt_f32_core16(_mm512_mask_mul_ps(x, subnormal, x, _mm512_set1_ps(0x1p24f)), T);
        y = _mm512_mask_mul_ps(y, subnormal, scaled, _mm512_set1_ps(0x1p-8f));
        y = _mm512_mask_add_ps(y, special & (__mmask16)~subnormal, x, x);
    }
    return y;
}

static TE_TARGET_AVX512 void te_cbrt_f32_block_avx512(const float *in, float *out, intptr_t n) {
    const te_cbrt_tables16 T = te_cbrt_load16();
    if (!TE_VECTOR_SAFE(in, out, n)) {
        // Partly overlapping operands: one element at a time, each read before any later
        // element is written.
        for (intptr_t i = 0; i < n; i++) {
            __m512 v = te_cbrt_f32_v16(_mm512_maskz_loadu_ps(1, in + i), &T);
            _mm512_mask_storeu_ps(out + i, 1, v);
        }
        return;
    }
    intptr_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512 a = te_cbrt_f32_v16(_mm512_loadu_ps(in + i), &T);
        __m512 b = te_cbrt_f32_v16(_mm512_loadu_ps(in + i + 16), &T);
        _mm512_storeu_ps(out + i, a);
        _mm512_storeu_ps(out + i + 16, b);
    }
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, te_cbrt_f32_v16(_mm512_loadu_ps(in + i), &T));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(out + i, m, te_cbrt_f32_v16(_mm512_maskz_loadu_ps(m, in + i), &T));
    }
}

// ---- AVX2 ----

// Entries 0..7 of each row: the permutes read bits 0..2 of 264 + 2R + h, which are 2R + h.
typedef struct { __m256 c[TE_F32_CBRT_DEGREE + 1]; } te_cbrt_tables8;

TE_AVX2_INLINE te_cbrt_tables8 te_cbrt_load8(void) {
    te_cbrt_tables8 T;
    for (int j = 0; j <= TE_F32_CBRT_DEGREE; j++) T.c[j] = _mm256_loadu_ps(te_cbrt_f32_c[j]);
    return T;
}

TE_AVX2_INLINE __m256 te_cbrt_f32_core8(__m256 x, const te_cbrt_tables8 *T) {
    __m256i b = _mm256_castps_si256(x);
    __m256i w = _mm256_srli_epi32(_mm256_slli_epi32(b, 1), 23);
    __m256i v = _mm256_add_epi32(w, _mm256_set1_epi32(2 << 16));
    __m256i d = _mm256_mulhi_epu16(v, _mm256_set1_epi32(TE_CBRT_DIV6));
    __m256i i = _mm256_add_epi32(v, _mm256_madd_epi16(d, _mm256_set1_epi32(TE_CBRT_MADD)));
    __m256i mant = _mm256_and_si256(b, _mm256_set1_epi32(0x007fffff));
    __m256 u = _mm256_castsi256_ps(_mm256_or_si256(mant, _mm256_andnot_si256(_mm256_set1_epi32(0x007fffff), _mm256_slli_epi32(i, 22))));
    __m256 t = _mm256_sub_ps(_mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi32(0x003fffff)), _mm256_set1_epi32(0x3f800000))),
                             _mm256_set1_ps(1.25f));
    __m256 r = _mm256_permutevar8x32_ps(T->c[TE_F32_CBRT_DEGREE], i);
    for (int j = TE_F32_CBRT_DEGREE - 1; j >= 0; j--) r = _mm256_fmadd_ps(r, t, _mm256_permutevar8x32_ps(T->c[j], i));
    __m256 s = _mm256_mul_ps(r, r);
    __m256 y0 = _mm256_mul_ps(u, s);
    __m256 q = _mm256_mul_ps(y0, y0);
    __m256 ql = _mm256_fmsub_ps(y0, y0, q);
    __m256 residual = _mm256_fnmadd_ps(ql, y0, _mm256_fnmadd_ps(q, y0, u));
    __m256 y = _mm256_fmadd_ps(residual, _mm256_mul_ps(s, _mm256_set1_ps(1.0f / 3.0f)), y0);
    __m256i e = _mm256_sub_epi32(_mm256_slli_epi32(d, 23), _mm256_set1_epi32(44 << 23));
    __m256i bits = _mm256_add_epi32(_mm256_castps_si256(y), e);
    return _mm256_castsi256_ps(_mm256_or_si256(bits, _mm256_and_si256(b, _mm256_set1_epi32((int)0x80000000u))));
}

TE_AVX2_INLINE __m256 te_cbrt_f32_v8(__m256 x, const te_cbrt_tables8 *T) {
    __m256 y = te_cbrt_f32_core8(x, T);
    // Normal: the biased exponent n in [1, 254], that is 2n + h in [2, 509].
    __m256i w = _mm256_srli_epi32(_mm256_slli_epi32(_mm256_castps_si256(x), 1), 23);
    __m256i out = _mm256_or_si256(_mm256_sub_epi32(w, _mm256_set1_epi32(2)), _mm256_sub_epi32(_mm256_set1_epi32(509), w));
    if (__builtin_expect(_mm256_movemask_ps(_mm256_castsi256_ps(out)) != 0, 0)) {
        const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u));
        __m256 a = _mm256_andnot_ps(sign, x);
        __m256 subnormal = _mm256_and_ps(_mm256_cmp_ps(a, _mm256_set1_ps(0x1p-126f), _CMP_LT_OQ),
                                         _mm256_cmp_ps(a, _mm256_setzero_ps(), _CMP_NEQ_OQ));
        __m256 scaled = te_cbrt_f32_core8(_mm256_blendv_ps(x, _mm256_mul_ps(x, _mm256_set1_ps(0x1p24f)), subnormal), T);
        __m256 special = _mm256_blendv_ps(_mm256_add_ps(x, x), _mm256_mul_ps(scaled, _mm256_set1_ps(0x1p-8f)), subnormal);
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
