// log2 and log10 for float32 in float32 arithmetic: 16 lanes per AVX-512 register.
//
// x = 2^k z, z in [0.7031, 1.4063) from the bits (log1p's reduction with another
// offset); bits 19..22 of bits(x) - bits(0.7031) pick one of 16 subintervals of z, whose
// invc (1/c, a multiple of 2^-7) and log_b(c) = hi + lo are read by one permute each
// (fit_log2_f32.py). Then
//   log_b(x) = k log_b(2) + log_b(c) + log_b(1 + r),  r = z invc - 1,
// r exact (one fused multiply-add; the script checks every z), |r| < 0.035, and
// log_b(1 + r) = M_hi r + r P(r) with M_hi = 1/ln b rounded to float and P of degree 4
// (relative error below 2^-30; P(0) is the rest of 1/ln b). B = k log_b(2)_hi + log_b(c)_hi is exact (log2: k plus a multiple of 2^-16;
// log10: multiples of 2^-17 below 2^6); p = r M_hi rounded, S = B + p rounded, and
// B - S is exact (|B| > |p| wherever B is not 0), so B + r M_hi - S, the rounding
// errors of p and S together, is one fused multiply-add, rounded far below an ULP of S.
// That, log_b(c)_lo (log10: k log10(2)_lo) and r P(r), at most 2% of the
// result, are summed into one small term added last, so only that addition rounds at
// the result's scale. In the subinterval that holds 1, invc = 1, log_b(c) = 0 and
// k = 0: r = x - 1 exactly and results near 0 keep their relative accuracy; a power of
// two gives log2's integer exactly (r = 0, B = k).
//
// Special operands (zero, negative, infinite, NaN, subnormal) are found per vector by
// their class; a vector holding one scales subnormals by 2^23 (k - 23: the same z) and
// takes NumPy's values in the other special lanes (-inf at ±0, NaN below 0 and for NaN,
// inf at inf), keeping the ordinary lanes' results bit for bit.
//
// AVX-512 only: the AVX2 and SSE2 loops evaluate in double (Log2Log10.c); the results
// differ in the last bit at some inputs (ElementaryLoops.measuredMaxULPAVX512).
#include <immintrin.h>
#include "ElementaryCommon.h"
#include "Log2F32Table.h"

static const float te_log2f_invc[16] = TE_F32_LOG2_INVC;
static const float te_log2f_log2c_hi[16] = TE_F32_LOG2_LOG2C_HI;
static const float te_log2f_log2c_lo[16] = TE_F32_LOG2_LOG2C_LO;
static const float te_log2f_log10c_hi[16] = TE_F32_LOG2_LOG10C_HI;
static const float te_log2f_log10c_lo[16] = TE_F32_LOG2_LOG10C_LO;
_Static_assert(TE_F32_LOG2_P_DEGREE == 4, "the kernels evaluate P0...P4");

typedef struct { __m512 invc, c_hi, c_lo; } te_log2f_tables16;

#define TE_AVX512_INLINE static TE_TARGET_AVX512 inline __attribute__((always_inline))

TE_AVX512_INLINE te_log2f_tables16 te_log2f_load16(int base10) {
    te_log2f_tables16 T;
    T.invc = _mm512_loadu_ps(te_log2f_invc);
    T.c_hi = _mm512_loadu_ps(base10 ? te_log2f_log10c_hi : te_log2f_log2c_hi);
    T.c_lo = _mm512_loadu_ps(base10 ? te_log2f_log10c_lo : te_log2f_log2c_lo);
    return T;
}

// log_b(x) for positive normal finite x (subnormal x when `full`, with the special lanes
// replaced). `base10` and `full` are constants at every call.
TE_AVX512_INLINE __m512 te_logb_f32_v16(__m512 x0, const te_log2f_tables16 *T, const int base10, const int full) {
    __m512 x = x0;
    __mmask16 tiny = 0;
    if (full) {
        tiny = _mm512_fpclass_ps_mask(x0, 0x20); // subnormal
        x = _mm512_mask_mul_ps(x0, tiny, x0, _mm512_set1_ps(0x1p23f));
    }
    __m512i ub = _mm512_castps_si512(x);
    __m512i tmp = _mm512_sub_epi32(ub, _mm512_set1_epi32((int)TE_F32_LOG2_OFF));
    __m512i idx = _mm512_srli_epi32(tmp, 19); // the permutes read bits 0..3
    __m512i kbits = _mm512_and_si512(tmp, _mm512_set1_epi32((int)0xff800000u));
    __m512 z = _mm512_castsi512_ps(_mm512_sub_epi32(ub, kbits));
    __m512 kf = _mm512_cvtepi32_ps(_mm512_srai_epi32(tmp, 23));
    if (full) kf = _mm512_mask_sub_ps(kf, tiny, kf, _mm512_set1_ps(23.0f));
    __m512 invc = _mm512_permutexvar_ps(idx, T->invc);
    __m512 c_hi = _mm512_permutexvar_ps(idx, T->c_hi);
    __m512 c_lo = _mm512_permutexvar_ps(idx, T->c_lo);
    __m512 r = _mm512_fmsub_ps(z, invc, _mm512_set1_ps(1.0f)); // exact
    const __m512 m_hi = _mm512_set1_ps(base10 ? TE_F32_LOG2_LOG10_E_HI : TE_F32_LOG2_INV_LN2_HI);
    __m512 p = _mm512_mul_ps(r, m_hi);
    __m512 B = base10 ? _mm512_fmadd_ps(kf, _mm512_set1_ps(TE_F32_LOG2_LOG10_2_HI), c_hi) // exact
                      : _mm512_add_ps(kf, c_hi);                                           // exact
    __m512 S = _mm512_add_ps(B, p);
    // B - S is exact (|B| >= |p| or B = 0), and B + r M_hi - S, the rounding errors of S
    // and of p together, is rounded once: it is below an ULP of S.
    __m512 E = _mm512_fmadd_ps(r, m_hi, _mm512_sub_ps(B, S));
    __m512 lo = base10 ? _mm512_fmadd_ps(kf, _mm512_set1_ps(TE_F32_LOG2_LOG10_2_LO), c_lo) : c_lo;
    // P(r) by Horner's scheme: the loop is bound by throughput, and Estrin's would take
    // one operation more (r^2).
    __m512 P;
    if (base10) {
        P = _mm512_fmadd_ps(_mm512_set1_ps(TE_F32_LOG2_P10_4), r, _mm512_set1_ps(TE_F32_LOG2_P10_3));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P10_2));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P10_1));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P10_0));
    } else {
        P = _mm512_fmadd_ps(_mm512_set1_ps(TE_F32_LOG2_P2_4), r, _mm512_set1_ps(TE_F32_LOG2_P2_3));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P2_2));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P2_1));
        P = _mm512_fmadd_ps(P, r, _mm512_set1_ps(TE_F32_LOG2_P2_0));
    }
    __m512 small = _mm512_fmadd_ps(P, r, _mm512_add_ps(lo, E));
    __m512 y = _mm512_add_ps(S, small);
    if (full) {
        // x + x: inf and NaN (quieted) themselves; then NaN below 0, -inf at ±0.
        __mmask16 other = _mm512_fpclass_ps_mask(x0, 0xdf); // all but subnormal and positive normal
        __m512 s = _mm512_add_ps(x0, x0);
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x0, _mm512_setzero_ps(), _CMP_LT_OQ), _mm512_set1_ps(__builtin_nanf("")));
        s = _mm512_mask_mov_ps(s, _mm512_cmp_ps_mask(x0, _mm512_setzero_ps(), _CMP_EQ_OQ), _mm512_set1_ps(-__builtin_inff()));
        y = _mm512_mask_mov_ps(y, other, s);
    }
    return y;
}

// Special: every class but positive normal (0xff less nothing: fpclass has no class for
// positive normal, so all classes are tested: QNaN, ±0, ±inf, subnormal, negative, SNaN).
TE_AVX512_INLINE __m512 te_logb_f32_any16(__m512 x, const te_log2f_tables16 *T, const int base10) {
    if (__builtin_expect(_mm512_fpclass_ps_mask(x, 0xff) != 0, 0)) return te_logb_f32_v16(x, T, base10, 1);
    return te_logb_f32_v16(x, T, base10, 0);
}

#define TE_LOG2F_V16(v) te_logb_f32_any16(v, &T, 0)
#define TE_LOG10F_V16(v) te_logb_f32_any16(v, &T, 1)
TE_F32_BLOCK_AVX512(log2_f32, const te_log2f_tables16 T = te_log2f_load16(0);, TE_LOG2F_V16)
TE_F32_BLOCK_AVX512(log10_f32, const te_log2f_tables16 T = te_log2f_load16(1);, TE_LOG10F_V16)
TE_STRIDED_LOOP(log2_f32, float, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP(log10_f32, float, avx512, TE_TARGET_AVX512)
