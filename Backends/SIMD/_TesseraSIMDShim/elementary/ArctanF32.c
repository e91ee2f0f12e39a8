// arctan for float32 in float32 arithmetic at AVX2 and AVX-512: 16 lanes per AVX-512
// register, 8 per AVX2 (SSE2 keeps Arctan.c's three-region kernel).
//
// a = |x| (capped at 2^60, beyond which arctan rounds to pi/2) falls in one of 16
// classes (ArctanF32Table.h, from fit_arctan_f32.py): below 1/16, two per binade of
// [1/16, 8), and 8 or more. Each class has a centre c and
// arctan a = arctan c + arctan t, t = (a - c)/(1 + a c), |t| < 0.1; below 1/16 c = 0
// (t = a), from 8 on c = inf (arctan c = pi/2, t = -1/a, |t| <= 1/8). One form covers
// all three, t = (a S - C)/(a C + S) with (S, C) = (1, c) or (0, 1), and S, C and
// arctan c = AH + AL are read by one permute each (two and a blend at AVX2), indexed by
// bits 22 and up of a, clamped, modulo 16. So there is one division and no select.
//
// Accuracy: a - c is exact (c and a lie in one interval, within a factor 2), a c + 1 is
// d + dl (dl by a fused multiply-add: 1 - d is exact for d in [1, 2^24]), and the
// quotient is t + tl (tl from the exact remainder n - t d), so t + tl is n/(a c + 1) to
// about 2^-46. The result is AH + (t + (AL + tl + t z Q)): besides the last addition the
// inner sum's rounding (half an ulp of t, and |t| is at most a quarter of the result) is
// the one that shows; the rest act on terms below |t|^3/3 or on the low parts. tl's
// effect is tl / (1 + z), and tl z is below 2^-30 |t|, so tl enters as it is. Measured
// over all 2^32 inputs in ulp-sweep.txt. (Summing AH + t exactly, with its rounding
// error carried, would take the error to 0.51 ULP for three more operations, 10% of the
// time.) NaN propagates (the cap's min returns a for NaN, and its class's S = 0 times NaN
// is NaN); inf is capped; the sign of x is put back, so arctan(-0) = -0.
//
// Every operation is one IEEE operation on each lane, the same at both widths, so the
// AVX2 and AVX-512 loops give the same bits.
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "ArctanF32Table.h"

static const float te_arctan_f32_s[16] = TE_F32_ATAN_S;
static const float te_arctan_f32_c[16] = TE_F32_ATAN_C;
static const float te_arctan_f32_ah[16] = TE_F32_ATAN_AH;
static const float te_arctan_f32_al[16] = TE_F32_ATAN_AL;
#define TE_ARCTAN_F32_CAP 0x1p60f

// ---- AVX-512 ----

typedef struct { __m512 s, c, ah, al; } te_arctan_tables16;

static TE_TARGET_AVX512 inline __attribute__((always_inline)) te_arctan_tables16 te_arctan_load16(void) {
    te_arctan_tables16 T;
    T.s = _mm512_loadu_ps(te_arctan_f32_s);
    T.c = _mm512_loadu_ps(te_arctan_f32_c);
    T.ah = _mm512_loadu_ps(te_arctan_f32_ah);
    T.al = _mm512_loadu_ps(te_arctan_f32_al);
    return T;
}

static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512 te_arctan_f32_v16(__m512 x, const te_arctan_tables16 *T) {
    __m512 a = _mm512_abs_ps(x);
    __m512 ac = _mm512_min_ps(_mm512_set1_ps(TE_ARCTAN_F32_CAP), a);
    __m512i k = _mm512_srli_epi32(_mm512_castps_si512(ac), 22);
    k = _mm512_min_epi32(_mm512_max_epi32(k, _mm512_set1_epi32(TE_F32_ATAN_CLASS_FIRST)),
                         _mm512_set1_epi32(TE_F32_ATAN_CLASS_LAST)); // the permutes read bits 0..3
    __m512 S = _mm512_permutexvar_ps(k, T->s), C = _mm512_permutexvar_ps(k, T->c);
    __m512 n = _mm512_fmsub_ps(ac, S, C);
    __m512 d = _mm512_fmadd_ps(ac, C, S);
    __m512 dl = _mm512_fmadd_ps(ac, C, _mm512_sub_ps(S, d));
    __m512 inv = _mm512_div_ps(_mm512_set1_ps(1.0f), d);
    __m512 t = _mm512_mul_ps(n, inv);
    __m512 tl = _mm512_mul_ps(_mm512_fnmadd_ps(t, dl, _mm512_fnmadd_ps(t, d, n)), inv);
    __m512 z = _mm512_mul_ps(t, t);
    __m512 q = _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(TE_F32_ATAN_Q2), z, _mm512_set1_ps(TE_F32_ATAN_Q1)), z,
                               _mm512_set1_ps(TE_F32_ATAN_Q0));
    __m512 AH = _mm512_permutexvar_ps(k, T->ah), AL = _mm512_permutexvar_ps(k, T->al);
    __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(t, z), q, _mm512_add_ps(AL, tl));
    __m512 v = _mm512_add_ps(AH, _mm512_add_ps(t, small));
    // v | (x & sign)
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(v), _mm512_castps_si512(x),
                                                         _mm512_set1_epi32((int)0x80000000u), 0xf8));
}

#define TE_ARCTAN_V16(v) te_arctan_f32_v16(v, &T)
TE_F32_BLOCK_AVX512(arctan_f32, const te_arctan_tables16 T = te_arctan_load16();, TE_ARCTAN_V16)

// The same reading in[2 i] (operands that do not overlap): two loads, the even elements
// picked by one two-register permute. A full vector reads in[2 i + 31], so the last
// vector and the rest go through masked loads of the pairs.
static TE_TARGET_AVX512 void te_arctan_f32_block2_avx512(const float *in, float *out, intptr_t n) {
    const te_arctan_tables16 T = te_arctan_load16();
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    intptr_t i = 0;
    for (; i + 16 < n; i += 16) {
        __m512 x = _mm512_permutex2var_ps(_mm512_loadu_ps(in + 2 * i), even, _mm512_loadu_ps(in + 2 * i + 16));
        _mm512_storeu_ps(out + i, te_arctan_f32_v16(x, &T));
    }
    for (; i < n; i += 16) {
        intptr_t m = n - i < 16 ? n - i : 16;
        // 2m - 1 floats from in + 2 i: the first m - 1 pairs and the last even element.
        uint32_t lanes = (uint32_t)(2 * m - 1);
        __mmask16 lo = (__mmask16)(lanes >= 16 ? 0xffffu : (1u << lanes) - 1);
        __mmask16 hi = (__mmask16)(lanes <= 16 ? 0u : (1u << (lanes - 16)) - 1);
        __m512 x = _mm512_permutex2var_ps(_mm512_maskz_loadu_ps(lo, in + 2 * i), even,
                                          _mm512_maskz_loadu_ps(hi, in + 2 * i + 16));
        _mm512_mask_storeu_ps(out + i, (__mmask16)((1u << m) - 1), te_arctan_f32_v16(x, &T));
    }
}

// ---- AVX2 ----

typedef struct { __m256 lo[4], hi[4]; } te_arctan_tables8;

static TE_TARGET_AVX2 inline __attribute__((always_inline)) te_arctan_tables8 te_arctan_load8(void) {
    te_arctan_tables8 T;
    const float *rows[4] = {te_arctan_f32_s, te_arctan_f32_c, te_arctan_f32_ah, te_arctan_f32_al};
    for (int j = 0; j < 4; j++) {
        T.lo[j] = _mm256_loadu_ps(rows[j]);
        T.hi[j] = _mm256_loadu_ps(rows[j] + 8);
    }
    return T;
}

// Entry k mod 16 of table j: the two halves permuted, bit 3 of k (moved to the sign bit)
// picks one.
#define TE_ARCTAN_LOOKUP8(T, j, k, sel) \
    _mm256_blendv_ps(_mm256_permutevar8x32_ps((T)->lo[j], k), _mm256_permutevar8x32_ps((T)->hi[j], k), sel)

static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256 te_arctan_f32_v8(__m256 x, const te_arctan_tables8 *T) {
    const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u));
    __m256 a = _mm256_andnot_ps(sign, x);
    __m256 ac = _mm256_min_ps(_mm256_set1_ps(TE_ARCTAN_F32_CAP), a);
    __m256i k = _mm256_srli_epi32(_mm256_castps_si256(ac), 22);
    k = _mm256_min_epi32(_mm256_max_epi32(k, _mm256_set1_epi32(TE_F32_ATAN_CLASS_FIRST)),
                         _mm256_set1_epi32(TE_F32_ATAN_CLASS_LAST)); // the permutes read bits 0..2
    __m256 sel = _mm256_castsi256_ps(_mm256_slli_epi32(k, 28)); // bit 3 to the sign
    __m256 S = TE_ARCTAN_LOOKUP8(T, 0, k, sel), C = TE_ARCTAN_LOOKUP8(T, 1, k, sel);
    __m256 n = _mm256_fmsub_ps(ac, S, C);
    __m256 d = _mm256_fmadd_ps(ac, C, S);
    __m256 dl = _mm256_fmadd_ps(ac, C, _mm256_sub_ps(S, d));
    __m256 inv = _mm256_div_ps(_mm256_set1_ps(1.0f), d);
    __m256 t = _mm256_mul_ps(n, inv);
    __m256 tl = _mm256_mul_ps(_mm256_fnmadd_ps(t, dl, _mm256_fnmadd_ps(t, d, n)), inv);
    __m256 z = _mm256_mul_ps(t, t);
    __m256 q = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(TE_F32_ATAN_Q2), z, _mm256_set1_ps(TE_F32_ATAN_Q1)), z,
                               _mm256_set1_ps(TE_F32_ATAN_Q0));
    __m256 AH = TE_ARCTAN_LOOKUP8(T, 2, k, sel), AL = TE_ARCTAN_LOOKUP8(T, 3, k, sel);
    __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(t, z), q, _mm256_add_ps(AL, tl));
    __m256 v = _mm256_add_ps(AH, _mm256_add_ps(t, small));
    return _mm256_or_ps(v, _mm256_and_ps(x, sign));
}

#define TE_ARCTAN_V8(v) te_arctan_f32_v8(v, &T)
TE_F32_BLOCK_AVX2(arctan_f32, const te_arctan_tables8 T = te_arctan_load8();, TE_ARCTAN_V8)

// The same reading in[2 i]: two loads, the even elements picked by a shuffle within
// 128-bit lanes and a permute of 64-bit quarters. A full vector reads in[2 i + 15], so
// the last vector and the rest are gathered one by one.
static TE_TARGET_AVX2 void te_arctan_f32_block2_avx2(const float *in, float *out, intptr_t n) {
    const te_arctan_tables8 T = te_arctan_load8();
    intptr_t i = 0;
    for (; i + 8 < n; i += 8) {
        __m256 pairs = _mm256_shuffle_ps(_mm256_loadu_ps(in + 2 * i), _mm256_loadu_ps(in + 2 * i + 8), 0x88);
        __m256 x = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(pairs), 0xd8));
        _mm256_storeu_ps(out + i, te_arctan_f32_v8(x, &T));
    }
    if (i < n) {
        float buffer[8] = {0};
        for (intptr_t j = 0; j < n - i; j++) buffer[j] = in[2 * (i + j)];
        _mm256_storeu_ps(buffer, te_arctan_f32_v8(_mm256_loadu_ps(buffer), &T));
        memcpy(out + i, buffer, (size_t)(n - i) * sizeof(float));
    }
}

TE_STRIDED_LOOP_2(arctan_f32, float, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(arctan_f32, float, avx512, TE_TARGET_AVX512)
