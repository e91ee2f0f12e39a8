// power (x^y) for float64, as exp(y log x) (float32: PowerF32.c).
//
// float64 needs log x to about 2^-66 relative (y log x reaches 745 before the result
// overflows): x = 2^k z, z in [0x1.6555555555556p-1, 2 * 0x1.6555555555556p-1),
// log z = -log(invc) + log1p(z invc - 1) with invc and -log(invc) (as a multiple of
// 2^-42 plus a double) from a 16-entry table, so |r| < 0.03; r, r^2/2, r^3's rounding
// errors and the sums are kept as two doubles, the rest of log1p is a degree-9
// polynomial (fit_power_table.py). y log x is formed as two doubles and e^(hi + lo) is
// exp's table-driven kernel (ExpTableCore.h) with lo folded into the reduced argument.
// Sixteen entries make every lookup one two-source permute at AVX-512 (gathers at
// AVX2), in intrinsics that compute the same operations as the per-element kernel.
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

static const double te_pow16_invc[16] __attribute__((aligned(64))) = {TE_POW16_INVC};
static const double te_pow16_logc_hi[16] __attribute__((aligned(64))) = {TE_POW16_LOGC_HI};
static const double te_pow16_logc_lo[16] __attribute__((aligned(64))) = {TE_POW16_LOGC_LO};

// log|x| as lh + ll (relative error about 2^-66) for ax = |x| positive, normal and
// finite. r = z invc - 1 is exact as rh + rl (z invc = ph + rl by a fused multiply-add;
// ph - 1 is exact); k ln2_hi + logc_hi is exact (both multiples of 2^-42); the sums
// with rh and -rh^2/2 are fast two-sums (|k ln2_hi + logc_hi| >= 0.037 > |rh| unless
// it is 0), and the small terms go into the low part: with |r| up to 0.03 these
// include the rounding errors of rh^2 and rh^3 (rh^3 P would otherwise be off by
// 2^-53 of r^3/3, 2^-64 of log x) and rl's terms to rl rh^3.
#define TE_POW16_LOG(ax, kadj, lh, ll, GET)                                                   \
    do {                                                                                      \
        uint64_t ix_ = te_bits(ax);                                                           \
        uint64_t tmp_ = ix_ - TE_POW16_OFF;                                                   \
        uint64_t i_ = (tmp_ >> (52 - TE_POW16_TABLE_BITS)) & 15;                              \
        double k_ = (double)(((int64_t)tmp_ >> 52) - (kadj));                                 \
        double z_ = te_double(ix_ - (tmp_ & 0xfff0000000000000ULL));                          \
        double invc_ = GET(te_pow16_invc, i_), lch_ = GET(te_pow16_logc_hi, i_);              \
        double lcl_ = GET(te_pow16_logc_lo, i_);                                              \
        double ph_ = z_ * invc_;                                                              \
        double rl_ = te_fma(z_, invc_, -ph_);                                                 \
        double rh_ = ph_ - 1.0;                                                               \
        double sq_ = rh_ * rh_;                                                               \
        double sql_ = te_fma(rh_, rh_, -sq_);                                                 \
        double r4_ = sq_ * sq_, r8_ = r4_ * r4_;                                              \
        double p01_ = te_mla(TE_POW16_P_C1, rh_, TE_POW16_P_C0);                              \
        double p23_ = te_mla(TE_POW16_P_C3, rh_, TE_POW16_P_C2);                              \
        double p45_ = te_mla(TE_POW16_P_C5, rh_, TE_POW16_P_C4);                              \
        double p67_ = te_mla(TE_POW16_P_C7, rh_, TE_POW16_P_C6);                              \
        double p89_ = te_mla(TE_POW16_P_C9, rh_, TE_POW16_P_C8);                              \
        double p03_ = te_mla(p23_, sq_, p01_);                                                \
        double p47_ = te_mla(p67_, sq_, p45_);                                                \
        double P_ = te_mla(p89_, r8_, te_mla(p47_, r4_, p03_));                               \
        double A_ = te_mla(k_, TE_POW16_LN2_HI, lch_);                                        \
        double B_ = A_ + rh_;                                                                 \
        double Be_ = rh_ - (B_ - A_);                                                         \
        double hsq_ = -0.5 * sq_;                                                             \
        double C_ = B_ + hsq_;                                                                \
        double Ce_ = hsq_ - (C_ - B_);                                                        \
        double c1_ = sq_ * rh_;                                                               \
        double ce_ = te_mla(sql_, rh_, te_fma(sq_, rh_, -c1_));                               \
        double lo_ = (Be_ + Ce_) + te_mla(k_, TE_POW16_LN2_LO, lcl_) +                        \
                     te_mla(-0.5, sql_, rl_ * (((1.0 - rh_) + sq_) - c1_));                   \
        lo_ = te_mla(ce_, P_, lo_);                                                           \
        lo_ = te_mla(c1_, P_, lo_);                                                           \
        lh = C_ + lo_;                                                                        \
        ll = (C_ - lh) + lo_;                                                                 \
    } while (0)
#define TE_POW16_SCALAR_GET(table, i) (table)[i]

// float64: x^y = e^(y log|x|) with log|x| from a 16-entry table as two doubles (above)
// and e^(wh + wl) by exp's table-driven kernel (ExpTableCore.h) with wl folded into
// its reduced argument.
TE_INLINE double te_power_f64(double x0, double y, const int full) {
    double ax = __builtin_fabs(x0);
    int tiny = full && ax < 0x1p-1022;
    double x = tiny ? ax * 0x1p52 : ax;
    double Lh, Ll;
    TE_POW16_LOG(x, tiny ? 52 : 0, Lh, Ll, TE_POW16_SCALAR_GET);
    // log 0 = -inf, log inf = inf, NaN stays.
    if (full) {
        int finite = ax > 0 && ax < __builtin_inf();
        Lh = finite ? Lh : (ax == 0 ? -__builtin_inf() : ax);
        Ll = finite ? Ll : 0.0;
    }
    // w = y (Lh + Ll) as wh + wl.
    double wh = y * Lh;
    double wl = te_fma(y, Lh, -wh) + y * Ll;
    // exp(wh + wl); outside [-746, 710] the result is 0 or inf and wl is dropped.
    int inrange = wh < 710.0 && wh > -746.0;
    wl = inrange ? wl : 0.0;
    wh = wh > 710.0 ? 710.0 : wh;
    wh = wh < -746.0 ? -746.0 : wh;
    double res = te_exp_f64_table_low(wh, wl, 1);
    if (full) TE_POW_FINISH(double, x0, y, res, 0x1p53, __builtin_nan(""));
    return res;
}

// A block: checked once for special operands (x not positive, normal and finite, or y
// not finite); without any, the lean kernel runs.
#define TE_POWER_BLOCK(NAME, T, CORE, ORDINARY, ISA, ATTR)                                    \
    static ATTR void te_##NAME##_block_##ISA(const T *a, const T *b, T *o, intptr_t n) {         \
        while (n > 0) {                                                                         \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                           \
            int special = 0;                                                                    \
            for (intptr_t i = 0; i < m; i++)                                                    \
                special |= !(ORDINARY(a[i], b[i]));                                             \
            if (special) {                                                                      \
                TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) o[i] = CORE(a[i], b[i], 1);   \
            } else {                                                                            \
                TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) o[i] = CORE(a[i], b[i], 0);   \
            }                                                                                   \
            a += m;                                                                             \
            b += m;                                                                             \
            o += m;                                                                             \
            n -= m;                                                                             \
        }                                                                                       \
    }

#define TE_POWER(NAME, T, CORE, ORDINARY) \
    TE_EACH_ISA(TE_POWER_BLOCK, NAME, T, CORE, ORDINARY) \
    TE_EACH_ISA(TE_BINARY_LOOP, NAME, T)

// Ordinary pairs, tested on the bits (unsigned compares vectorize well): x positive and
// finite (float32 subnormals are normal in double; float64 x also normal), y finite.
#define TE_POWER_F64_ORDINARY(x, y)                                           \
    ((te_bits(x) - 0x0010000000000000ULL < 0x7fe0000000000000ULL) &           \
     ((te_bits(y) & 0x7fffffffffffffffULL) < 0x7ff0000000000000ULL))
#ifdef TE_SSE2_UNIT
// At SSE2 the per-element kernel, compiled for the baseline (the loop is built so the
// table has an entry; it is not registered: slower than glibc's pow).
TE_POWER(power_f64, double, te_power_f64, TE_POWER_F64_ORDINARY)
#else
// At AVX2 the same lean operations on four lanes with gathers for the lookups; the
// integer-to-double conversion of k (no such AVX2 instruction) goes through the bits:
// (tmp >> 52) + 2048 is the top 12 bits of tmp with the sign bit flipped.
// S = 1 or 2: the inputs' stride in elements (2 only for operands that do not overlap
// the output; two loads are then joined by a shuffle and a permute).
static TE_TARGET_AVX2 inline __attribute__((always_inline)) __m256d te_power_f64_load_v4(const double *p, const int S) {
    if (S == 1) return _mm256_loadu_pd(p);
    return _mm256_permute4x64_pd(_mm256_unpacklo_pd(_mm256_loadu_pd(p), _mm256_loadu_pd(p + 4)), 0xd8);
}
static TE_TARGET_AVX2 inline __attribute__((always_inline)) void te_power_f64_blocks_avx2(const double *a, const double *b, double *o, intptr_t n, const int S) {
    while (n > 0) {
        intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;
        int special = 0;
        for (intptr_t i = 0; i < m; i++) special |= !(TE_POWER_F64_ORDINARY(a[S * i], b[S * i]));
        if (special) {
            TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) o[i] = te_power_f64(a[S * i], b[S * i], 1);
        } else {
            intptr_t i = 0;
            for (; i + 4 <= m; i += 4) {
#define TE_C(v) _mm256_set1_pd(v)
                __m256d x = te_power_f64_load_v4(a + S * i, S), y = te_power_f64_load_v4(b + S * i, S);
                __m256i ix = _mm256_castpd_si256(x);
                __m256i tmp = _mm256_sub_epi64(ix, _mm256_set1_epi64x((long long)TE_POW16_OFF));
                __m256i idx = _mm256_and_si256(_mm256_srli_epi64(tmp, 52 - TE_POW16_TABLE_BITS), _mm256_set1_epi64x(15));
                __m256i kb = _mm256_or_si256(_mm256_srli_epi64(_mm256_xor_si256(tmp, _mm256_set1_epi64x((long long)0x8000000000000000ULL)), 52),
                                             _mm256_set1_epi64x(0x4330000000000000LL));
                __m256d k = _mm256_sub_pd(_mm256_castsi256_pd(kb), TE_C(0x1p52 + 2048.0));
                __m256d z = _mm256_castsi256_pd(_mm256_sub_epi64(ix, _mm256_and_si256(tmp, _mm256_set1_epi64x((long long)0xfff0000000000000ULL))));
                __m256d invc = _mm256_i64gather_pd(te_pow16_invc, idx, 8);
                __m256d lch = _mm256_i64gather_pd(te_pow16_logc_hi, idx, 8);
                __m256d lcl = _mm256_i64gather_pd(te_pow16_logc_lo, idx, 8);
                __m256d ph = _mm256_mul_pd(z, invc);
                __m256d rl = _mm256_fmsub_pd(z, invc, ph);
                __m256d rh = _mm256_sub_pd(ph, TE_C(1.0));
                __m256d sq = _mm256_mul_pd(rh, rh);
                __m256d sql = _mm256_fmsub_pd(rh, rh, sq);
                __m256d r4 = _mm256_mul_pd(sq, sq), r8 = _mm256_mul_pd(r4, r4);
                __m256d p01 = _mm256_fmadd_pd(TE_C(TE_POW16_P_C1), rh, TE_C(TE_POW16_P_C0));
                __m256d p23 = _mm256_fmadd_pd(TE_C(TE_POW16_P_C3), rh, TE_C(TE_POW16_P_C2));
                __m256d p45 = _mm256_fmadd_pd(TE_C(TE_POW16_P_C5), rh, TE_C(TE_POW16_P_C4));
                __m256d p67 = _mm256_fmadd_pd(TE_C(TE_POW16_P_C7), rh, TE_C(TE_POW16_P_C6));
                __m256d p89 = _mm256_fmadd_pd(TE_C(TE_POW16_P_C9), rh, TE_C(TE_POW16_P_C8));
                __m256d p03 = _mm256_fmadd_pd(p23, sq, p01);
                __m256d p47 = _mm256_fmadd_pd(p67, sq, p45);
                __m256d P = _mm256_fmadd_pd(p89, r8, _mm256_fmadd_pd(p47, r4, p03));
                __m256d A = _mm256_fmadd_pd(k, TE_C(TE_POW16_LN2_HI), lch);
                __m256d B = _mm256_add_pd(A, rh);
                __m256d Be = _mm256_sub_pd(rh, _mm256_sub_pd(B, A));
                __m256d hsq = _mm256_mul_pd(TE_C(-0.5), sq);
                __m256d C = _mm256_add_pd(B, hsq);
                __m256d Ce = _mm256_sub_pd(hsq, _mm256_sub_pd(C, B));
                __m256d lo = _mm256_add_pd(_mm256_add_pd(Be, Ce), _mm256_fmadd_pd(k, TE_C(TE_POW16_LN2_LO), lcl));
                __m256d c1 = _mm256_mul_pd(sq, rh);
                __m256d ce = _mm256_fmadd_pd(sql, rh, _mm256_fmsub_pd(sq, rh, c1));
                __m256d rlt = _mm256_mul_pd(rl, _mm256_sub_pd(_mm256_add_pd(_mm256_sub_pd(TE_C(1.0), rh), sq), c1));
                lo = _mm256_add_pd(lo, _mm256_fmadd_pd(TE_C(-0.5), sql, rlt));
                lo = _mm256_fmadd_pd(ce, P, lo);
                lo = _mm256_fmadd_pd(c1, P, lo);
                __m256d Lh = _mm256_add_pd(C, lo);
                __m256d Ll = _mm256_add_pd(_mm256_sub_pd(C, Lh), lo);
                __m256d wh = _mm256_mul_pd(y, Lh);
                __m256d wl = _mm256_add_pd(_mm256_fmsub_pd(y, Lh, wh), _mm256_mul_pd(y, Ll));
                __m256d awh = _mm256_andnot_pd(TE_C(-0.0), wh);
                int big = _mm256_movemask_pd(_mm256_cmp_pd(awh, TE_C(708.0), _CMP_NLT_UQ));
#undef TE_C
                if (__builtin_expect(big != 0, 0)) {
                    for (intptr_t l = i; l < i + 4; l++) o[l] = te_power_f64(a[S * l], b[S * l], 0);
                } else {
                    _mm256_storeu_pd(o + i, te_exp_f64_table_v4(wh, wl, 1));
                }
            }
            for (; i < m; i++) o[i] = te_power_f64(a[S * i], b[S * i], 0);
        }
        a += S * m;
        b += S * m;
        o += m;
        n -= m;
    }
}
static TE_TARGET_AVX2 void te_power_f64_block_avx2(const double *a, const double *b, double *o, intptr_t n) {
    te_power_f64_blocks_avx2(a, b, o, n, 1);
}
static TE_TARGET_AVX2 void te_power_f64_block2_avx2(const double *a, const double *b, double *o, intptr_t n) {
    te_power_f64_blocks_avx2(a, b, o, n, 2);
}
TE_BINARY_LOOP_2(power_f64, double, avx2, TE_TARGET_AVX2)

// At AVX-512 the lean kernel is written with intrinsics (the same operations as
// te_power_f64(x, y, 0)), so that the lookups are two-source permutes. A vector whose
// y log x reaches 708 in magnitude (where 2^n may not be normal) is redone by the
// scalar kernel, which applies 2^n in two factors.
typedef struct { __m512d invc0, invc1, lch0, lch1, lcl0, lcl1; } te_pow16_table_v8;
static TE_TARGET_AVX512 inline __attribute__((always_inline)) __m512d te_power_f64_load_v8(const double *p, const int S) {
    if (S == 1) return _mm512_loadu_pd(p);
    const __m512i even = _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0);
    return _mm512_permutex2var_pd(_mm512_loadu_pd(p), even, _mm512_loadu_pd(p + 8));
}
static TE_TARGET_AVX512 inline __attribute__((always_inline)) void te_power_f64_blocks_avx512(const double *a, const double *b, double *o, intptr_t n, const int S) {
    const te_exp_table_v8 t = te_exp_table_load_v8();
    const te_pow16_table_v8 lt = {_mm512_load_pd(te_pow16_invc), _mm512_load_pd(te_pow16_invc + 8),
                                  _mm512_load_pd(te_pow16_logc_hi), _mm512_load_pd(te_pow16_logc_hi + 8),
                                  _mm512_load_pd(te_pow16_logc_lo), _mm512_load_pd(te_pow16_logc_lo + 8)};
    while (n > 0) {
        intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;
        int special = 0;
        for (intptr_t i = 0; i < m; i++) special |= !(TE_POWER_F64_ORDINARY(a[S * i], b[S * i]));
        if (special) {
            TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) o[i] = te_power_f64(a[S * i], b[S * i], 1);
        } else {
            intptr_t i = 0;
            for (; i + 8 <= m; i += 8) {
                __m512d x = te_power_f64_load_v8(a + S * i, S), y = te_power_f64_load_v8(b + S * i, S);
                __m512i ix = _mm512_castpd_si512(x);
                __m512i tmp = _mm512_sub_epi64(ix, _mm512_set1_epi64((long long)TE_POW16_OFF));
                __m512i idx = _mm512_srli_epi64(tmp, 52 - TE_POW16_TABLE_BITS);
                __m512d k = _mm512_cvtepi64_pd(_mm512_srai_epi64(tmp, 52));
                __m512d z = _mm512_castsi512_pd(_mm512_sub_epi64(ix, _mm512_and_si512(tmp, _mm512_set1_epi64((long long)0xfff0000000000000ULL))));
                __m512d invc = _mm512_permutex2var_pd(lt.invc0, idx, lt.invc1);
                __m512d lch = _mm512_permutex2var_pd(lt.lch0, idx, lt.lch1);
                __m512d lcl = _mm512_permutex2var_pd(lt.lcl0, idx, lt.lcl1);
                __m512d ph = _mm512_mul_pd(z, invc);
                __m512d rl = _mm512_fmsub_pd(z, invc, ph);
                __m512d rh = _mm512_sub_pd(ph, _mm512_set1_pd(1.0));
                __m512d sq = _mm512_mul_pd(rh, rh);
                __m512d sql = _mm512_fmsub_pd(rh, rh, sq);
                __m512d r4 = _mm512_mul_pd(sq, sq), r8 = _mm512_mul_pd(r4, r4);
#define TE_C(v) _mm512_set1_pd(v)
                __m512d p01 = _mm512_fmadd_pd(TE_C(TE_POW16_P_C1), rh, TE_C(TE_POW16_P_C0));
                __m512d p23 = _mm512_fmadd_pd(TE_C(TE_POW16_P_C3), rh, TE_C(TE_POW16_P_C2));
                __m512d p45 = _mm512_fmadd_pd(TE_C(TE_POW16_P_C5), rh, TE_C(TE_POW16_P_C4));
                __m512d p67 = _mm512_fmadd_pd(TE_C(TE_POW16_P_C7), rh, TE_C(TE_POW16_P_C6));
                __m512d p89 = _mm512_fmadd_pd(TE_C(TE_POW16_P_C9), rh, TE_C(TE_POW16_P_C8));
                __m512d p03 = _mm512_fmadd_pd(p23, sq, p01);
                __m512d p47 = _mm512_fmadd_pd(p67, sq, p45);
                __m512d P = _mm512_fmadd_pd(p89, r8, _mm512_fmadd_pd(p47, r4, p03));
                __m512d A = _mm512_fmadd_pd(k, TE_C(TE_POW16_LN2_HI), lch);
                __m512d B = _mm512_add_pd(A, rh);
                __m512d Be = _mm512_sub_pd(rh, _mm512_sub_pd(B, A));
                __m512d hsq = _mm512_mul_pd(TE_C(-0.5), sq);
                __m512d C = _mm512_add_pd(B, hsq);
                __m512d Ce = _mm512_sub_pd(hsq, _mm512_sub_pd(C, B));
                __m512d lo = _mm512_add_pd(_mm512_add_pd(Be, Ce), _mm512_fmadd_pd(k, TE_C(TE_POW16_LN2_LO), lcl));
                __m512d c1 = _mm512_mul_pd(sq, rh);
                __m512d ce = _mm512_fmadd_pd(sql, rh, _mm512_fmsub_pd(sq, rh, c1));
                __m512d rlt = _mm512_mul_pd(rl, _mm512_sub_pd(_mm512_add_pd(_mm512_sub_pd(TE_C(1.0), rh), sq), c1));
                lo = _mm512_add_pd(lo, _mm512_fmadd_pd(TE_C(-0.5), sql, rlt));
                lo = _mm512_fmadd_pd(ce, P, lo);
                lo = _mm512_fmadd_pd(c1, P, lo);
                __m512d Lh = _mm512_add_pd(C, lo);
                __m512d Ll = _mm512_add_pd(_mm512_sub_pd(C, Lh), lo);
                __m512d wh = _mm512_mul_pd(y, Lh);
                __m512d wl = _mm512_add_pd(_mm512_fmsub_pd(y, Lh, wh), _mm512_mul_pd(y, Ll));
#undef TE_C
                __mmask8 big = _mm512_cmp_pd_mask(_mm512_abs_pd(wh), _mm512_set1_pd(708.0), _CMP_NLT_UQ);
                if (__builtin_expect(big != 0, 0)) {
                    for (intptr_t l = i; l < i + 8; l++) o[l] = te_power_f64(a[S * l], b[S * l], 0);
                } else {
                    _mm512_storeu_pd(o + i, te_exp_f64_table_v8(wh, wl, 1, t));
                }
            }
            for (; i < m; i++) o[i] = te_power_f64(a[S * i], b[S * i], 0);
        }
        a += S * m;
        b += S * m;
        o += m;
        n -= m;
    }
}
static TE_TARGET_AVX512 void te_power_f64_block_avx512(const double *a, const double *b, double *o, intptr_t n) {
    te_power_f64_blocks_avx512(a, b, o, n, 1);
}
static TE_TARGET_AVX512 void te_power_f64_block2_avx512(const double *a, const double *b, double *o, intptr_t n) {
    te_power_f64_blocks_avx512(a, b, o, n, 2);
}
TE_BINARY_LOOP_2(power_f64, double, avx512, TE_TARGET_AVX512)
#endif
