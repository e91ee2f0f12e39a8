// power (x^y) for float32 and float64, as exp(y log x).
//
// float32 is evaluated in double: log x with a relative error of 2^-36 (float32's log
// polynomial), y log x in double, and e^(y log x) with float32's exp polynomial in
// double; the error of y log x is then below 2^-29 absolute wherever the result is a
// float32, so the one visible rounding is the final conversion.
//
// float64 needs log x to about 2^-66 relative (y log x reaches 745 before the result
// overflows): x = 2^k z, z in [0x1.6955p-1, 0x1.6955p+0), log z = -log(invc) +
// log1p(z invc - 1) with invc and -log(invc) (to 106 bits) from a 128-entry table, so
// |r| < 0.005; r, r^2/2 and the sums are kept as two doubles, the rest of log1p is a
// short Taylor series. y log x is formed as two doubles and e^(hi + lo) is exp's kernel
// with lo folded into the reduced argument.
//
// Special values follow C99 pow, as NumPy's do: x^±0 = 1 and 1^y = 1 even for NaN,
// (-1)^±inf = 1, a negative finite x with a non-integer finite y gives NaN, a negative
// x with an odd integer y keeps the sign (so (-0)^-1 = -inf), and zeros and infinities
// of x or y give 0 or inf by the sign of y log|x|: log 0 = -inf and log inf = inf
// carry through the product and exp's clamps.
#include "ElementaryCommon.h"
#include "ElementaryCoreTables.h"

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

// `full` = 0 is for blocks where every x is positive, normal and finite and every y
// finite: the special-value selects are left out (they would not change such results).
TE_INLINE float te_power_f32(float xf, float yf, const int full) {
    double x = __builtin_fabs((double)xf), y = yf;
    // log x = k ln2 + 2 atanh(s), s = f / (2 + f), for x = 2^k (1 + f) with 1 + f in
    // [sqrt(1/2), sqrt(2)) (x > 0 finite); 0 -> -inf, inf -> inf, NaN -> NaN.
    uint64_t u = te_bits(x);
    uint64_t t = u - 0x3fe6a09e667f3bcdULL;
    int64_t k = (int64_t)t >> 52;
    double m = te_double(u - (t & 0xfff0000000000000ULL));
    double f = m - 1.0;
    double L = te_mla((double)k, TE_LN2_FULL_HI, te_log_f32_series(f));
    if (full) {
        L = x == 0 ? -__builtin_inf() : (x == __builtin_inf() ? x : L);
        L = x != x ? x : L;
    }
    double w = y * L;
    // e^w as float32's exp in double: w = n ln2 + r, 2^n put in the exponent.
    w = w > 89.0 ? 89.0 : w;
    w = w < -104.0 ? -104.0 : w;
    double kd = te_mla(w, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double r = te_mla(-n, TE_LN2_FULL_HI, w);
    r = te_mla(-n, TE_LN2_FULL_LO, r);
    double r2 = r * r, r4 = r2 * r2;
    double e01 = te_mla(TE_F32_EXP_C1, r, TE_F32_EXP_C0);
    double e23 = te_mla(TE_F32_EXP_C3, r, TE_F32_EXP_C2);
    double e45 = te_mla(TE_F32_EXP_C5, r, TE_F32_EXP_C4);
    double e67 = te_mla(TE_F32_EXP_C7, r, TE_F32_EXP_C6);
    double e = te_mla(te_mla(e67, r2, e45), r4, te_mla(e23, r2, e01));
    double scale = te_double((te_bits(kd) + 1023) << 52); // n in [-151, 129]: normal in double
    float res = (float)(e * scale);
    if (full) TE_POW_FINISH(float, xf, yf, res, 0x1p24f, __builtin_nanf(""));
    return res;
}

typedef struct { double invc, logc_hi, logc_lo; } te_pow_log_entry;
static const te_pow_log_entry te_pow_log_table[1 << TE_POW_LOG_TABLE_BITS] = {TE_POW_LOG_TABLE};

TE_INLINE double te_power_f64(double x0, double y, const int full) {
    double ax = __builtin_fabs(x0);
    int tiny = full && ax < 0x1p-1022;
    double x = tiny ? ax * 0x1p52 : ax;
    uint64_t ix = te_bits(x);
    uint64_t tmp = ix - TE_POW_LOG_OFF;
    int i = (int)((tmp >> (52 - TE_POW_LOG_TABLE_BITS)) & ((1 << TE_POW_LOG_TABLE_BITS) - 1));
    double k = (double)(((int64_t)tmp >> 52) - (tiny ? 52 : 0));
    double zv = te_double(ix - (tmp & 0xfff0000000000000ULL));
    double invc = te_pow_log_table[i].invc;
    double logc_hi = te_pow_log_table[i].logc_hi, logc_lo = te_pow_log_table[i].logc_lo;
    // r = z invc - 1 exactly as rh + rl: z invc = ph + pl, ph - 1 is exact (Sterbenz).
    double ph = zv * invc;
    double rl = te_fma(zv, invc, -ph);
    double rh = ph - 1.0;
    // log1p(rh + rl) = rh - rh^2/2 + rh^3 P(rh) + rl / (1 + rh), the last as rl (1 - rh + rh^2)
    // (rl reaches 2^-53 and rh^2 2^-15: the rh^2 term still counts at 2^-66).
    double sq = rh * rh;
    double sql = te_fma(rh, rh, -sq);
    double r2 = sq, r4 = r2 * r2;
    double c01 = te_mla(TE_POW_LOG1P_C1, rh, TE_POW_LOG1P_C0);
    double c23 = te_mla(TE_POW_LOG1P_C3, rh, TE_POW_LOG1P_C2);
    double c45 = te_mla(TE_POW_LOG1P_C5, rh, TE_POW_LOG1P_C4);
    double P = te_mla(te_mla(TE_POW_LOG1P_C6, r2, c45), r4, te_mla(c23, r2, c01));
    // k ln2 + logc + rh - rh^2/2, summed exactly; the small terms in lo.
    double kh = k * TE_POW_LN2_HI;                 // exact
    double A = kh + logc_hi;                       // |kh| >= |logc_hi| unless k = 0
    double Ae = logc_hi - (A - kh);
    double B = A + rh;                             // two-sum
    double bb = B - A;
    double Be = (A - (B - bb)) + (rh - bb);
    double hsq = -0.5 * sq;
    double C = B + hsq;                            // |B| >> |hsq|
    double Ce = hsq - (C - B);
    double lo = Ae + Be + Ce + te_mla(k, TE_POW_LN2_LO, logc_lo) +
                te_mla(-0.5, sql, rl * ((1.0 - rh) + sq)) + (sq * rh) * P;
    double Lh = C + lo;
    double Ll = (C - Lh) + lo;
    // log 0 = -inf, log inf = inf, NaN stays.
    if (full) {
        int finite = ax > 0 && ax < __builtin_inf();
        Lh = finite ? Lh : (ax == 0 ? -__builtin_inf() : ax);
        Ll = finite ? Ll : 0.0;
    }
    // w = y (Lh + Ll) as wh + wl.
    double wh = y * Lh;
    double wl = te_fma(y, Lh, -wh) + y * Ll;
    // exp(wh + wl), as te_exp_f64 with wl added to the reduced argument.
    int inrange = wh < 710.0 && wh > -746.0;
    wl = inrange ? wl : 0.0;
    wh = wh > 710.0 ? 710.0 : wh;
    wh = wh < -746.0 ? -746.0 : wh;
    double kd = te_mla(wh, TE_INV_LN2, TE_ROUND_MAGIC);
    double n = kd - TE_ROUND_MAGIC;
    double eh = te_mla(-n, TE_LN2_HI, wh);
    double el = te_mla(-n, TE_LN2_LO, wl);
    double r = eh + el;
    double dr = (eh - r) + el;
    double q = te_exp_f64_tail(r);
    double hi = 1.0 + r;
    double hl = (1.0 - hi) + r;
    double pv = hi + (hl + (dr + dr * r + q));
    int64_t ni = (int64_t)(te_bits(kd) << 44) >> 44;
    int64_t n1 = ni >> 1, n2 = ni - n1;
    double s1 = te_double((uint64_t)(n1 + 1023) << 52);
    double s2 = te_double((uint64_t)(n2 + 1023) << 52);
    double res = pv * s1 * s2;
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
#define TE_POWER_F32_ORDINARY(x, y) \
    ((te_bits32(x) - 1u < 0x7f7fffffu) & ((te_bits32(y) & 0x7fffffffu) < 0x7f800000u))
#define TE_POWER_F64_ORDINARY(x, y)                                           \
    ((te_bits(x) - 0x0010000000000000ULL < 0x7fe0000000000000ULL) &           \
     ((te_bits(y) & 0x7fffffffffffffffULL) < 0x7ff0000000000000ULL))
TE_POWER(power_f32, float, te_power_f32, TE_POWER_F32_ORDINARY)
TE_POWER(power_f64, double, te_power_f64, TE_POWER_F64_ORDINARY)
