// arctan2(y, x) for float32 (at SSE2 evaluated in double; at AVX2 and AVX-512 in float32
// lanes, Arctan2F32Lanes.h) and float64: the angle of the point (x, y), C99's atan2.
//
// With X = |x|, Y = |y|, the first-quadrant angle atan2(Y, X) comes from arctan's cores
// (ArctanCore.h), and a negative x (its sign bit, so -0 counts) gives pi minus it; the
// sign of y is copied on last. Special values follow from substitutions before the
// arithmetic: both infinite -> (1, 1) (pi/4, 3pi/4); x infinite -> (0, 1) (0, pi);
// y infinite -> (1, 0) (pi/2); both zero -> (0, 1) (±0, ±pi); x zero alone -> pi/2
// through the quotient 0/Y. NaN in either gives NaN.
#include "ArctanCore.h"
#include "ElementaryExtendedCommon.h"

// The substitutions above on (Y, X) = (|y|, |x|).
#define TE_ATAN2_SUBSTITUTE(Y, X, INF)                           \
    do {                                                         \
        int y_inf = (Y) == (INF), x_inf = (X) == (INF);          \
        double y_new = x_inf ? (y_inf ? 1.0 : 0.0) : (y_inf ? 1.0 : (Y)); \
        double x_new = y_inf ? (x_inf ? 1.0 : 0.0) : (x_inf ? 1.0 : (X)); \
        x_new = (x_new == 0 && y_new == 0) ? 1.0 : x_new;        \
        (Y) = y_new;                                             \
        (X) = x_new;                                             \
    } while (0)

// float32: t = min/max in [0, 1] (one rounding), arctan t by the float32 polynomial,
// then pi/2 - v where Y > X and pi - v for negative x: v <= pi/4 and pi/2 - v >= pi/4,
// so neither subtraction cancels.
TE_INLINE float te_arctan2_f32(float yf, float xf, int special) {
    double y = yf, x = xf;
    double Y = __builtin_fabs(y), X = __builtin_fabs(x);
    if (special) TE_ATAN2_SUBSTITUTE(Y, X, (double)__builtin_inff());
    int swap = Y > X;
    double t = (swap ? X : Y) / (swap ? Y : X);
    double v = te_arctan_poly_f32(t);
    v = swap ? TE_PIO2 - v : v;
    v = (te_bits(x) >> 63) ? TE_PI_HI - v : v;
    v = te_copysign(v, y);
    return (special && (x != x || y != y)) ? (float)(x + y) : (float)v;
}

// float64: three regions of Y/X as in arctan: up to tan(pi/8), arctan(Y/X); up to
// tan(3pi/8), pi/4 + arctan((Y - X)/(Y + X)) with Y - X and Y + X kept exactly as two
// doubles each; beyond, pi/2 + arctan(-X/Y). A negative x negates the quotient and
// takes pi minus the offset (pi, 3pi/4, pi/2; 3 pio4_hi is exact, as pio4_hi's
// significand ends in three zero bits). Operands are scaled by a power of two first, so
// Y + X cannot overflow and the quotient's remainder does not fall below the subnormals:
// down when the larger is above 2^1000, up when the smaller is below 2^-900 (unless the
// larger is above 2^300, where the angle is below 2^-1200 or within that of pi/2). The
// quotient is unchanged. At SSE2 the quotient's remainder is Dekker's product, whose
// splitting multiplies the divisor by 2^27 + 1: there operands scale down above 2^992,
// so the divisor (at most twice the larger) stays at or below 2^993.
#ifdef TE_SSE2_UNIT
#define TE_ATAN2_F64_HIGH 0x1p992
#define TE_ATAN2_F64_HIGH_BITS 0x7df0000000000000ULL
#else
#define TE_ATAN2_F64_HIGH 0x1p1000
#define TE_ATAN2_F64_HIGH_BITS 0x7e70000000000000ULL
#endif
TE_INLINE double te_arctan2_f64(double y, double x, int special) {
    double Y = __builtin_fabs(y), X = __builtin_fabs(x);
    if (special) {
        TE_ATAN2_SUBSTITUTE(Y, X, __builtin_inf());
        double m = Y > X ? Y : X, l = Y > X ? X : Y;
        double scale = m > TE_ATAN2_F64_HIGH ? 0x1p-600 : (l < 0x1p-900 && m < 0x1p300 ? 0x1p600 : 1.0);
        Y *= scale;
        X *= scale;
    }
    int big = Y > TE_TAN_3PI_8 * X;
    int mid = !big && Y > TE_TAN_PI_8 * X;
    double sh = Y - X, sb = sh - Y, sl = (Y - (sh - sb)) + (-X - sb);
    double ph = Y + X, pb = ph - Y, pl = (Y - (ph - pb)) + (X - pb);
    double nh = big ? -X : (mid ? sh : Y);
    double nl = mid ? sl : 0.0;
    double dh = big ? Y : (mid ? ph : X);
    double dl = mid ? pl : 0.0;
    int negative = (int)(te_bits(x) >> 63);
    double off_hi = big ? TE_F64_PIO2_HI : (mid ? (negative ? 3.0 * TE_F64_PIO4_HI : TE_F64_PIO4_HI) : (negative ? 2.0 * TE_F64_PIO2_HI : 0.0));
    double off_lo = big ? TE_F64_PIO2_LO : (mid ? (negative ? 3.0 * TE_F64_PIO4_LO : TE_F64_PIO4_LO) : (negative ? 2.0 * TE_F64_PIO2_LO : 0.0));
    nh = negative ? -nh : nh;
    nl = negative ? -nl : nl;
    double v = te_arctan_f64_quotient(nh, nl, dh, dl, off_hi, off_lo);
    v = te_copysign(v, y);
    return (special && (x != x || y != y)) ? x + y : v;
}

// A block of pairs is computed without the special-value selects and the scaling
// (`CORE(y, x, 0)`) when every operand is ORDINARY, otherwise with them (`CORE(y, x, 1)`);
// the two agree on ordinary operands.
#define TE_ATAN2_BLOCK(NAME, T, CORE, ORDINARY, ISA, ATTR)                                        \
    static ATTR void te_##NAME##_block_##ISA(const T *a, const T *b, T *out, intptr_t n) {        \
        int safe = TE_VECTOR_SAFE(a, out, n) && TE_VECTOR_SAFE(b, out, n);                        \
        while (n > 0) {                                                                           \
            intptr_t m = n < TE_BLOCK ? n : TE_BLOCK;                                             \
            int special = 0;                                                                      \
            for (intptr_t i = 0; i < m; i++) special |= !(ORDINARY(a[i]) & ORDINARY(b[i]));       \
            if (!safe) {                                                                          \
                for (intptr_t i = 0; i < m; i++) out[i] = CORE(a[i], b[i], 1);                    \
            } else if (special) {                                                                 \
                TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) out[i] = CORE(a[i], b[i], 1);   \
            } else {                                                                              \
                TE_ASSUME_SAFETY for (intptr_t i = 0; i < m; i++) out[i] = CORE(a[i], b[i], 0);   \
            }                                                                                     \
            a += m;                                                                               \
            b += m;                                                                               \
            out += m;                                                                             \
            n -= m;                                                                               \
        }                                                                                         \
    }

#define TE_ATAN2(NAME, T, CORE, ORDINARY) \
    TE_EACH_ISA(TE_ATAN2_BLOCK, NAME, T, CORE, ORDINARY) \
    TE_EACH_ISA(TE_BINARY_LOOP, NAME, T)

// Ordinary operands: float32 finite and nonzero; float64 of magnitude in [2^-900, 2^1000)
// ([2^-900, 2^992) at SSE2).
#define TE_ATAN2_F32_ORDINARY(v) ((te_bits32(v) & 0x7fffffffu) - 1u < 0x7f7fffffu)
#define TE_ATAN2_F64_ORDINARY(v) ((te_bits(v) & 0x7fffffffffffffffULL) - 0x07b0000000000000ULL < TE_ATAN2_F64_HIGH_BITS - 0x07b0000000000000ULL)
#ifdef TE_SSE2_UNIT
TE_ATAN2(arctan2_f32, float, te_arctan2_f32, TE_ATAN2_F32_ORDINARY)
#else
#include "Arctan2F32Lanes.h"
#endif
TE_ATAN2(arctan2_f64, double, te_arctan2_f64, TE_ATAN2_F64_ORDINARY)
