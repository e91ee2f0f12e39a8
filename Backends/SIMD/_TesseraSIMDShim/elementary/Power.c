// power (x^y) for float64, as exp(y log x) (float32: PowerF32.c).
//
// float64 needs log x to about 2^-66 relative (y log x reaches 745 before the result
// overflows): x = 2^k z, z in [0.6966, 1.3932), log z = -log(invc) + log1p(r) with
// r = z invc - 1, and invc and -log(invc) (as a multiple of 2^-42 plus a double) from a
// 128-row table whose invc have at most 9 significant bits, so that r is exact
// (|r| < 0.0057); the sums with r and r^2/2 are kept as two doubles, the rest of log1p
// is r^3 times a degree-5 polynomial (fit_power_table.py). y log x is formed as two
// doubles and e^(hi + lo) is exp's table-driven kernel (ExpTableCore.h) with lo folded
// into the reduced argument. At AVX2 and AVX-512 one lean kernel, written once with
// the compiler's vector extensions (PowerF64Lanes.h), reads the table's rows with one
// 256-bit load per lane (a gather of each column is several times slower on Zen 4);
// at SSE2 the per-element kernel computes the same values without a fused
// multiply-add, splitting operands where a product must be exact.
//
// Special values follow C99 pow, as NumPy's do: x^±0 = 1 and 1^y = 1 even for NaN,
// (-1)^±inf = 1, a negative finite x with a non-integer finite y gives NaN, a negative
// x with an odd integer y keeps the sign (so (-0)^-1 = -inf), and zeros and infinities
// of x or y give 0 or inf by the sign of y log|x|: log 0 = -inf and log inf = inf
// carry through the product and exp's clamps.
#include "ElementaryCommon.h"
#include "ElementaryCoreTables.h"
#include "ElementaryPowerTable.h"
#include "ExpTableCore.h"

// The sign and NaN rules shared by both types. `r` = |x|^y computed with log|x|.
#define TE_POW_FINISH(T, x, y, r, ODD_LIMIT, NANV)                                       \
    do {                                                                                  \
        T yt = te_trunc(y);                                                        \
        int yint = y == yt;                                                               \
        T yh = (T)0.5 * y;                                                                \
        int yodd = yint && __builtin_fabs(y) < ODD_LIMIT && yh != te_trunc(yh);    \
        int negx = __builtin_signbit(x) && x == x;                                        \
        r = (negx && yodd) ? -r : r;                                                      \
        r = (x < 0 && x > -__builtin_inf() && !yint) ? NANV : r;                          \
        int one = y == 0 || x == 1 || (x == -1 && __builtin_fabs(y) == __builtin_inf());  \
        r = one ? (T)1 : r;                                                               \
    } while (0)

// Row i: invc, logc_hi, logc_lo, 0.
static const double te_powlog_rows[4 << TE_POWLOG_TABLE_BITS] __attribute__((aligned(64))) = {TE_POWLOG_ROWS};

// The three places where float64 power needs a result beyond one rounding: with a fused
// multiply-add one instruction each; at SSE2 (te_fma would be Dekker's product, about
// seventeen operations) by splitting operands so that the products are exact.
//
// r = z invc - 1 for z in the subinterval of invc: exact (the table's invc has at most
// 9 significant bits and r is then a double). At SSE2, z = zh + zl with zh's low 10
// bits clear: zh invc (at most 52 bits) and zl invc are exact, zh invc - 1 is exact
// (zh invc lies within 1 +- 2^-7), and the sum is rounded to the double r exactly.
TE_INLINE double te_powlog_r(double z, double invc) {
#ifdef TE_SSE2_UNIT
    double zh = te_double(te_bits(z) & ~0x3ffULL);
    return (zh * invc - 1.0) + (z - zh) * invc;
#else
    return te_fma(z, invc, -1.0);
#endif
}
// r^2 = sh + sl to about 2^-100 relative. At SSE2 from r = rh + rl, rh the top 26 bits:
// rh^2 is exact and rl (r + rh) = 2 rh rl + rl^2 is rounded twice (2^-52 of a term
// below 2^-26 r^2).
TE_INLINE void te_powlog_square(double r, double *sh, double *sl) {
#ifdef TE_SSE2_UNIT
    double rh = te_double(te_bits(r) & ~0x7ffffffULL);
    *sh = rh * rh;
    *sl = (r - rh) * (r + rh);
#else
    *sh = r * r;
    *sl = te_fma(r, r, -*sh);
#endif
}
// y (lh + ll) = wh + wl to about 2^-68 relative (|wl| up to about 2^-15 |wh|, as |ll| to
// |lh|). At SSE2 lh and y are cut to 26 bits (their rest going to ll and yl): yh lh' and
// yl lh' are exact.
TE_INLINE void te_pow_times(double y, double lh, double ll, double *wh, double *wl) {
#ifdef TE_SSE2_UNIT
    double lh26 = te_double(te_bits(lh) & ~0x7ffffffULL);
    double ll26 = (lh - lh26) + ll;
    double yh = te_double(te_bits(y) & ~0x7ffffffULL);
    *wh = yh * lh26;
    *wl = te_mla(y - yh, lh26, y * ll26);
#else
    *wh = y * lh;
    *wl = te_fma(y, ll, te_fma(y, lh, -*wh));
#endif
}

// log x as lh + ll (relative error about 2^-68; not renormalised: |ll| is up to about
// 2^-15 |lh|, and exp rounds its k from wh + wl) for x positive, normal and finite (k
// is reduced by kadj: x was scaled by 2^kadj). x = 2^k z, log x = k ln2 - log(invc) +
// log1p(r) with r = z invc - 1 exact and |r| < 0.0057. k ln2_hi + logc_hi is exact
// (both multiples of 2^-42); the sums with r and -r^2/2 (-sh/2 exact) are fast two-sums
// (|k ln2_hi + logc_hi| >= 0.0026 > |r| unless it is 0, and |r| > r^2/2); the terms
// below (their rounding errors, -sl/2, k ln2_lo + logc_lo, and r^3 P(r)) go into the low
// part. k converts through the bits (no integer-to-double conversion below AVX-512):
// ((tmp >> 52) + 2048) is tmp's top 12 bits with the sign bit flipped.
TE_INLINE void te_powlog(double x, double kadj, double *lh, double *ll) {
    uint64_t ix = te_bits(x);
    uint64_t tmp = ix - TE_POWLOG_OFF;
    uint64_t i = (tmp >> (52 - TE_POWLOG_TABLE_BITS)) & ((1 << TE_POWLOG_TABLE_BITS) - 1);
    double k = te_double(((tmp ^ 0x8000000000000000ULL) >> 52) | 0x4330000000000000ULL) - (0x1p52 + 2048.0) - kadj;
    double z = te_double(ix - (tmp & 0xfff0000000000000ULL));
    double r = te_powlog_r(z, te_powlog_rows[4 * i]);
    double sh, sl;
    te_powlog_square(r, &sh, &sl);
    double a = te_mla(k, TE_POWLOG_LN2_HI, te_powlog_rows[4 * i + 1]);
    double b = a + r;
    double be = (a - b) + r;
    double h = -0.5 * sh;
    double c = b + h;
    double ce = (b - c) + h;
    double s2 = r * r;
    double p01 = te_mla(TE_POWLOG_P_C1, r, TE_POWLOG_P_C0);
    double p23 = te_mla(TE_POWLOG_P_C3, r, TE_POWLOG_P_C2);
    double p45 = te_mla(TE_POWLOG_P_C5, r, TE_POWLOG_P_C4);
    double p = te_mla(te_mla(p45, s2, p23), s2, p01);
    double lo = te_mla(k, TE_POWLOG_LN2_LO, te_powlog_rows[4 * i + 2]) + (be + ce);
    lo = te_mla(-0.5, sl, lo);
    lo = te_mla(s2 * r, p, lo);
    *lh = c;
    *ll = lo;
}

// float64: x^y = e^(y log|x|) with log|x| from a 128-entry table as two doubles (above)
// and e^(wh + wl) by exp's table-driven kernel (ExpTableCore.h) with wl folded into
// its reduced argument. Every operand; the loops run this only where the lean kernel
// below does not apply.
TE_INLINE double te_power_f64(double x0, double y) {
    double ax = __builtin_fabs(x0);
    int tiny = ax < 0x1p-1022;
    double x = tiny ? ax * 0x1p52 : ax;
    double lh, ll, wh, wl;
    te_powlog(x, tiny ? 52.0 : 0.0, &lh, &ll);
    // log 0 = -inf, log inf = inf, NaN stays.
    int finite = ax > 0 && ax < __builtin_inf();
    lh = finite ? lh : (ax == 0 ? -__builtin_inf() : ax);
    ll = finite ? ll : 0.0;
    te_pow_times(y, lh, ll, &wh, &wl);
    // For log x = +-inf the plain product (SSE2's split would give 0 inf for tiny y).
    wh = finite ? wh : y * lh;
    // exp(wh + wl); outside [-746, 710] the result is 0 or inf and wl is dropped.
    int inrange = wh < 710.0 && wh > -746.0;
    wl = inrange ? wl : 0.0;
    wh = wh > 710.0 ? 710.0 : wh;
    wh = wh < -746.0 ? -746.0 : wh;
    double res = te_exp_f64_table_low(wh, wl, 1);
    res = (x0 != x0 || y != y) ? x0 + y : res;
    TE_POW_FINISH(double, x0, y, res, 0x1p53, __builtin_nan(""));
    return res;
}

// The lean kernel, for x positive, normal and finite, y finite and |y log x| < 708 (2^n
// normal): e^(wh + wl) without the special-value selects. `ok` is 0 where that does not
// hold (the result is then recomputed by te_power_f64).
TE_INLINE double te_power_f64_lean(double x, double y, int *ok) {
    double lh, ll, wh, wl;
    te_powlog(x, 0.0, &lh, &ll);
    te_pow_times(y, lh, ll, &wh, &wl);
    *ok = (x >= 0x1p-1022) & (x < __builtin_inf()) & (__builtin_fabs(wh) < 708.0);
    return te_exp_f64_table_core(wh, wl, 1, 0);
}

// The loop entries over te_power_f64_blocks_<ISA>(a, b, o, n, S): contiguous inputs
// (S = 1) and inputs at twice the element stride (S = 2), then the loop itself.
#define TE_POWER_F64_ENTRIES(NAME, ISA, ATTR)                                                   \
    static ATTR void te_power_f64_block_##ISA(const double *a, const double *b, double *o, intptr_t n) { \
        te_power_f64_blocks_##ISA(a, b, o, n, 1);                                               \
    }                                                                                           \
    static ATTR void te_power_f64_block2_##ISA(const double *a, const double *b, double *o, intptr_t n) { \
        te_power_f64_blocks_##ISA(a, b, o, n, 2);                                               \
    }                                                                                           \
    TE_BINARY_LOOP_2(NAME, double, ISA, ATTR)

#ifdef TE_SSE2_UNIT
// At SSE2 the loops run the lean kernel over a block (into a buffer where the output is
// also an input) and recompute the block with the full kernel where any pair needs it.
// S = 1 or 2: the inputs' stride in elements (2 only for operands that do not overlap
// the output).
#define TE_POWER_F64_BLOCKS(NAME, ISA, ATTR)                                                            \
    static ATTR inline __attribute__((always_inline)) void te_power_f64_blocks_##ISA(           \
        const double *a, const double *b, double *o, intptr_t n, const int S) {                 \
        double buffer[TE_BLOCK];                                                                \
        while (n > 0) {                                                                         \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                           \
            double *dst = (o == a || o == b) ? buffer : o;                                      \
            int bad = 0;                                                                        \
            TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) {                                 \
                int ok;                                                                         \
                dst[i] = te_power_f64_lean(a[S * i], b[S * i], &ok);                            \
                bad |= ok ^ 1;                                                                  \
            }                                                                                   \
            if (bad) {                                                                          \
                TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) o[i] = te_power_f64(a[S * i], b[S * i]); \
            } else if (dst != o) {                                                              \
                memcpy(o, dst, (size_t)m * sizeof(double));                                     \
            }                                                                                   \
            a += S * m;                                                                         \
            b += S * m;                                                                         \
            o += m;                                                                             \
            n -= m;                                                                             \
        }                                                                                       \
    }                                                                                           \
    TE_POWER_F64_ENTRIES(NAME, ISA, ATTR)
TE_EACH_ISA(TE_POWER_F64_BLOCKS, power_f64)
#else
#include <immintrin.h>
// The rows of the lanes' subintervals, transposed into invc, logc_hi and logc_lo: one
// 256-bit load per lane (an 8-lane gather of each column is several times slower on
// Zen 4), then unpacks and permutes. Each lane's row index is computed in the
// general-purpose registers from x's bits (the empty asm keeps the compiler from
// moving that work into vector registers, where the floating-point work is the
// bottleneck: 0.20 ms of 2.05 per 10^6 pairs on Zen 4).
TE_INLINE const double *te_powlog_row(const double *p) {
    uint64_t u;
    memcpy(&u, p, 8);
    __asm__("" : "+r"(u));
    return te_powlog_rows + 4 * (((u - TE_POWLOG_OFF) >> (52 - TE_POWLOG_TABLE_BITS)) & ((1 << TE_POWLOG_TABLE_BITS) - 1));
}
#define TE_POWLOG_ROW(p) te_powlog_row(p)
static TE_TARGET_AVX2 inline __attribute__((always_inline)) void te_powlog_rows_v4(const double *x, const int S, __m256d *invc, __m256d *lch, __m256d *lcl) {
    __m256d e0 = _mm256_load_pd(TE_POWLOG_ROW(x)), e1 = _mm256_load_pd(TE_POWLOG_ROW(x + S));
    __m256d e2 = _mm256_load_pd(TE_POWLOG_ROW(x + 2 * S)), e3 = _mm256_load_pd(TE_POWLOG_ROW(x + 3 * S));
    __m256d a = _mm256_unpacklo_pd(e0, e1), b = _mm256_unpackhi_pd(e0, e1); // (c0 c1 l0 l1), (h0 h1 . .)
    __m256d c = _mm256_unpacklo_pd(e2, e3), d = _mm256_unpackhi_pd(e2, e3);
    *invc = _mm256_permute2f128_pd(a, c, 0x20);
    *lcl = _mm256_permute2f128_pd(a, c, 0x31);
    *lch = _mm256_permute2f128_pd(b, d, 0x20);
}
static TE_TARGET_AVX512 inline __attribute__((always_inline)) void te_powlog_rows_v8(const double *x, const int S, __m512d *invc, __m512d *lch, __m512d *lcl) {
    __m512d z0 = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(TE_POWLOG_ROW(x))), _mm256_load_pd(TE_POWLOG_ROW(x + 4 * S)), 1);
    __m512d z1 = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(TE_POWLOG_ROW(x + S))), _mm256_load_pd(TE_POWLOG_ROW(x + 5 * S)), 1);
    __m512d z2 = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(TE_POWLOG_ROW(x + 2 * S))), _mm256_load_pd(TE_POWLOG_ROW(x + 6 * S)), 1);
    __m512d z3 = _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(TE_POWLOG_ROW(x + 3 * S))), _mm256_load_pd(TE_POWLOG_ROW(x + 7 * S)), 1);
    __m512d a = _mm512_unpacklo_pd(z0, z1), b = _mm512_unpackhi_pd(z0, z1); // (c0 c1 l0 l1 c4 c5 l4 l5), (h0 h1 . . h4 h5 . .)
    __m512d c = _mm512_unpacklo_pd(z2, z3), d = _mm512_unpackhi_pd(z2, z3);
    const __m512i first = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0), second = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
    *invc = _mm512_permutex2var_pd(a, first, c);
    *lcl = _mm512_permutex2var_pd(a, second, c);
    *lch = _mm512_permutex2var_pd(b, first, d);
}
#define TE_PL_W 4
#define TE_PL_ATTR TE_TARGET_AVX2
#define TE_PL_ROWS(xp, S, invc, lch, lcl) te_powlog_rows_v4(xp, S, (__m256d *)&(invc), (__m256d *)&(lch), (__m256d *)&(lcl))
#define TE_PL_EXPGET(table, ki) ((te_pl_vd4)_mm256_i64gather_pd((table), (__m256i)((ki) & TE_EXP_TABLE_MASK), 8))
#define TE_PL_ALL(ok) (_mm256_movemask_pd((__m256d)(ok)) == 15)
#define TE_PL_EXPONENT(tmp) ((te_pl_vd4)((((tmp) ^ 0x8000000000000000ULL) >> 52) | 0x4330000000000000ULL) - (0x1p52 + 2048.0))
#include "PowerF64Lanes.h"
#undef TE_PL_W
#undef TE_PL_ATTR
#undef TE_PL_EXPGET
#undef TE_PL_ALL
#undef TE_PL_ROWS
#undef TE_PL_EXPONENT
#define TE_PL_W 8
#define TE_PL_ATTR TE_TARGET_AVX512
#define TE_PL_ROWS(xp, S, invc, lch, lcl) te_powlog_rows_v8(xp, S, (__m512d *)&(invc), (__m512d *)&(lch), (__m512d *)&(lcl))
#define TE_PL_EXPGET(table, ki) ((te_pl_vd8)_mm512_permutex2var_pd(_mm512_load_pd(table), (__m512i)(ki), _mm512_load_pd((table) + 8)))
#define TE_PL_ALL(ok) (_mm512_cmpneq_epi64_mask((__m512i)(ok), _mm512_setzero_si512()) == 0xff)
#define TE_PL_EXPONENT(tmp) __builtin_convertvector((te_pl_vi8)(tmp) >> 52, te_pl_vd8)
#include "PowerF64Lanes.h"

// The loops on W lanes: a vector with any lane outside the lean kernel's domain is
// recomputed lane by lane by the full kernel, as is the tail.
#define TE_POWER_F64_VECTOR_BLOCKS(NAME, W, ISA, ATTR, EVEN)                                      \
    static ATTR inline __attribute__((always_inline)) te_pl_vd##W te_power_f64_load_##ISA(const double *p, const int S) { \
        te_pl_vd##W v, v2;                                                                        \
        memcpy(&v, p, sizeof v);                                                                  \
        if (S == 1) return v;                                                                     \
        memcpy(&v2, p + W, sizeof v2);                                                            \
        return __builtin_shufflevector(v, v2, EVEN);                                              \
    }                                                                                             \
    static ATTR inline __attribute__((always_inline)) void te_power_f64_blocks_##ISA(             \
        const double *a, const double *b, double *o, intptr_t n, const int S) {                   \
        intptr_t i = 0;                                                                           \
        /* At stride 2 a vector's loads reach one element past its last pair, so the last       \
           vector's worth goes to the tail: it may end the operand. */                            \
        for (; i + W + (S == 2) <= n; i += W) {                                                   \
            int bad;                                                                              \
            te_pl_vd##W r = te_power_f64_lanes##W(a + S * i, te_power_f64_load_##ISA(a + S * i, S),  \
                                                  te_power_f64_load_##ISA(b + S * i, S), S, &bad); \
            if (__builtin_expect(bad, 0)) {                                                       \
                for (intptr_t l = i; l < i + W; l++) o[l] = te_power_f64(a[S * l], b[S * l]);     \
            } else {                                                                              \
                memcpy(o + i, &r, sizeof r);                                                      \
            }                                                                                     \
        }                                                                                         \
        for (; i < n; i++) o[i] = te_power_f64(a[S * i], b[S * i]);                               \
    }                                                                                             \
    TE_POWER_F64_ENTRIES(NAME, ISA, ATTR)
#define TE_PL_EVEN4 0, 2, 4, 6
#define TE_PL_EVEN8 0, 2, 4, 6, 8, 10, 12, 14
TE_POWER_F64_VECTOR_BLOCKS(power_f64, 4, avx2, TE_TARGET_AVX2, TE_PL_EVEN4)
TE_POWER_F64_VECTOR_BLOCKS(power_f64, 8, avx512, TE_TARGET_AVX512, TE_PL_EVEN8)
#endif
