// exp for float32 and float64.
//
// e^x = 2^n e^r with n = round(x / ln 2) and |r| <= ln2/2 (float32; float64 takes
// 2^(j/16) from a table and |r| <= ln2/32, ExpTableCore.h); e^r is a minimax
// polynomial and 2^n is put into the exponent field. Inputs are clamped just outside
// the range where the result is finite and nonzero, so overflow and underflow come out
// of the final multiply as NumPy's inf and 0; NaN passes through every step. Blocks
// without an argument near those thresholds (or NaN) skip the clamps and apply 2^n as
// one factor.
#include "ElementaryCommon.h"
#include "ExpTableCore.h"

// float32, in float32 arithmetic (16 lanes per AVX-512 register). x - n ln2_hi is
// exact (ln2_hi has 16 bits, n at most 8, and the difference fits in 24); with n ln2_lo
// the reduced argument is carried as r + dr, and e^(r + dr) = (1 + r) + (r^2 q(r) +
// dr (1 + r)) with 1 + r summed exactly, so besides the last addition only roundings of
// the small tail remain. 2^n
// is applied as two factors, so that overflow happens in the last multiply only, and
// subnormal results are rounded once from hi + (lo + tail) (te_subnormal_roundf).
TE_INLINE float te_exp_f32(float x, const int full) {
    if (full) {
        x = x > 89.0f ? 89.0f : x;     // e^89 > FLT_MAX
        x = x < -104.0f ? -104.0f : x; // e^-104 < 2^-150
    }
    float kf = te_mlaf(x, (float)TE_INV_LN2, 0x1.8p23f);
    float n = kf - 0x1.8p23f;
    float rh = te_mlaf(-n, (float)TE_LN2_F32_HI, x);
    float c = -n * (float)TE_LN2_F32_LO;
    float r = rh + c;
    float dr = (rh - r) + c; // r + dr = x - n ln2
    float r2 = r * r;
    float q01 = te_mlaf((float)TE_F32_EXPQ_C1, r, (float)TE_F32_EXPQ_C0);
    float q23 = te_mlaf((float)TE_F32_EXPQ_C3, r, (float)TE_F32_EXPQ_C2);
    float q = te_mlaf(te_mlaf((float)TE_F32_EXPQ_C4, r2, q23), r2, q01);
    float tail = te_mlaf(r2, q, te_mlaf(dr, r, dr)); // e^(r+dr) ~ e^r + dr (1 + r)
    float hi = 1.0f + r;
    float lo = (1.0f - hi) + r;
    float p = hi + (lo + tail);
    uint32_t kb = te_bits32(kf);
    if (!full) return p * te_float((kb + 127) << 23); // n in [-126, 126]: 2^n is normal
    int32_t ni = (int32_t)(kb << 16) >> 16; // n in [-150, 129], from the low mantissa bits
    int32_t n1 = ni >> 1, n2 = ni - n1;
    uint32_t b1 = (uint32_t)(n1 + 127) << 23, b2 = (uint32_t)(n2 + 127) << 23;
    float s1, s2;
    memcpy(&s1, &b1, 4);
    memcpy(&s2, &b2, 4);
    float res = p * s1 * s2;
    // Results below 2^-126 (n <= -126): hi 2^(n + 126) + (lo + tail) 2^(n + 126) = y + e
    // (e is y's exact rounding error, |hi| >= |lo + tail|), rounded once at the subnormal
    // spacing; p 2^n would round twice, p first (up to 0.3 ULP more in the top binades).
    int32_t nt = ni < -160 ? -160 : ni; // keeps the scale's exponent field in range
    float sc = te_float((uint32_t)(nt + 126 + 127) << 23);
    float sh = hi * sc, st = (lo + tail) * sc;
    float y = sh + st;
    float e = (sh - y) + st;
    return (ni <= -126 && y < 1.0f) ? te_subnormal_roundf(y, e) : res;
}

// float64: the table-driven kernel of ExpTableCore.h (2^(j/16) from a table, a
// degree-7 polynomial on |r| <= ln2/32). The clamps make inf and 0 of overflow and
// underflow come out of the last multiply.
TE_INLINE double te_exp_f64(double x, const int full) {
    if (full) {
        x = x > 710.0 ? 710.0 : x;   // e^710 > DBL_MAX
        x = x < -746.0 ? -746.0 : x; // e^-746 < 2^-1075
    }
    return te_exp_f64_table(x, full);
}

// Ordinary: |x| below 87 (float32) or 708 (float64), where e^x and 2^n are normal, so
// one factor 2^n gives the same result and the clamps change nothing; NaN is not
// ordinary. Tested on the bits (one unsigned compare, which vectorizes well).
#define TE_EXP_F32_ORDINARY(x) ((te_bits32(x) & 0x7fffffffu) < 0x42ae0000u)
#define TE_EXP_F64_ORDINARY(x) ((te_bits(x) & 0x7fffffffffffffffULL) < 0x4086200000000000ULL)
TE_UNARY_CHECKED(exp_f32, float, te_exp_f32, TE_EXP_F32_ORDINARY)
#ifdef TE_SSE2_UNIT
// At SSE2 the compiler-vectorized kernel (no gathers or permutes: the table lookups
// are scalar loads).
TE_UNARY_CHECKED(exp_f64, double, te_exp_f64, TE_EXP_F64_ORDINARY)
#else
TE_CHECKED_BLOCK(exp_f64, double, te_exp_f64, TE_EXP_F64_ORDINARY, avx2, TE_TARGET_AVX2)
TE_STRIDED_LOOP_2(exp_f64, double, avx2, TE_TARGET_AVX2)

// At AVX-512 the lean kernel is written with intrinsics, for the permute lookups; the
// same block check as TE_CHECKED_BLOCK picks it, and blocks with a special operand take
// the compiler-vectorized full kernel. Inputs at twice the element stride go through
// TE_BLOCK2_BUFFERED like TE_CHECKED_BLOCK's: read straight, each eight elements joined
// by one permute, took 1.45-1.53 times contiguous at 10^6 elements; 1.21 through the
// buffer with this kernel inlined there (1.34-1.39 called).
static TE_TARGET_AVX512 inline __attribute__((always_inline)) void te_exp_f64_block_avx512(const double *in, double *out, intptr_t n) {
    const te_exp_table_v8 t = te_exp_table_load_v8();
    while (n > 0) {
        intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;
        int special = 0;
        for (intptr_t i = 0; i < m; i++) special |= !TE_EXP_F64_ORDINARY(in[i]);
        if (special) {
            TE_APPLY(in, out, m, te_exp_f64(in[i], 1));
        } else if (!TE_VECTOR_SAFE(in, out, m)) {
            for (intptr_t i = 0; i < m; i++) out[i] = te_exp_f64(in[i], 0);
        } else {
            intptr_t i = 0;
            for (; i + 8 <= m; i += 8) _mm512_storeu_pd(out + i, te_exp_f64_lean_v8(_mm512_loadu_pd(in + i), t));
            for (; i < m; i++) out[i] = te_exp_f64(in[i], 0);
        }
        in += m;
        out += m;
        n -= m;
    }
}
TE_BLOCK2_BUFFERED(exp_f64, double, avx512, TE_TARGET_AVX512)
TE_STRIDED_LOOP_2(exp_f64, double, avx512, TE_TARGET_AVX512)
#endif
