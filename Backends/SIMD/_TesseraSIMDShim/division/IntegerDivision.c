// `floor_divide` and `remainder` of integers with the scalar backend's results
// (Backends/Scalar/TesseraScalar/Support/ScalarKernels.swift): a zero divisor gives 0, the most negative
// value floor-divided by −1 gives itself (its remainder 0), quotients round toward −∞ and
// remainders take the divisor's sign.
//
// x86 has no vector integer division. Quotients come from float64 instead where that is
// exact: if |a| < 2⁵³, the float64 quotient a/b lies strictly between the same two
// integers as the true one (its error, below |a/b|·2⁻⁵³, is less than the 1/|b| that
// separates a non-integer quotient from the next integer), so floor(a/b) in float64 is
// the floor of the true quotient. That holds for every value of the 8-, 16- and 32-bit
// types, which therefore always take the vector path; 64-bit runs take it block by block
// when a block's dividends and divisors all lie within ±2⁵³.
//
// 64-bit blocks beyond that range divide by a broadcast divisor with a multiply-and-shift
// reciprocal computed once per call (Granlund and Montgomery, "Division by invariant
// integers using multiplication", 1994, figures 4.1 and 5.1), and by an array divisor with
// the division instruction.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDIntegerDivision.h"

// The floor quotient through float64 (valid for |a| < 2⁵³; b ≠ 0 is selected after).
#define TS_FLOOR_QUOTIENT(T, x, y) ((T)(int64_t)__builtin_floor((double)(x) / (double)(y)))
#define TS_FLOOR_QUOTIENT_U64(x, y) ((uint64_t)((double)(x) / (double)(y)))

// Small types: always exact through float64. The remainder is a − q·b in wrapping
// arithmetic (U), which is the floor remainder.
#define TS_SMALL_DIVISION(TAG, T, U, C) \
    TS_BINARY(floor_divide_##TAG, T, T, T, y == 0 ? (T)0 : TS_FLOOR_QUOTIENT(T, x, y)) \
    TS_BINARY(remainder_##TAG, T, T, T, y == 0 ? (T)0 : (T)((U)x - (U)TS_FLOOR_QUOTIENT(T, x, y) * (U)y))
TS_SMALL_DIVISION(i8, int8_t, uint32_t, "b") TS_SMALL_DIVISION(i16, int16_t, uint32_t, "h")
TS_SMALL_DIVISION(i32, int32_t, uint32_t, "i")
TS_SMALL_DIVISION(u8, uint8_t, uint32_t, "B") TS_SMALL_DIVISION(u16, uint16_t, uint32_t, "H")
TS_SMALL_DIVISION(u32, uint32_t, uint32_t, "I")

// --- 64-bit -----------------------------------------------------------------------

/// Truncating division of signed 64-bit values by a fixed d ≠ 0 (G&M figure 5.1):
/// q = SRA(n + MULSH(m', n), l − 1) − XSIGN(n), negated when d < 0.
typedef struct { int64_t multiplier; int shift; int64_t sign; } ts_signed_reciprocal;

static ts_signed_reciprocal ts_signed_reciprocal_of(int64_t d) {
    const uint64_t magnitude = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
    int l = 64 - __builtin_clzll(magnitude - 1 | 1);  // ⌈log₂|d|⌉, at least 1
    if (magnitude == 1) l = 1;
    // m = 1 + ⌊2^(63+l) / |d|⌋, m' = m − 2⁶⁴ (as a signed 64-bit value).
    const unsigned __int128 m = 1 + (((unsigned __int128)1 << (63 + l)) / magnitude);
    ts_signed_reciprocal r = { (int64_t)(uint64_t)(m - ((unsigned __int128)1 << 64)), l - 1, d < 0 ? -1 : 0 };
    return r;
}

TS_INLINE int64_t ts_signed_quotient(int64_t n, ts_signed_reciprocal r) {
    const int64_t high = (int64_t)(((__int128)r.multiplier * n) >> 64);
    const int64_t q0 = (int64_t)((uint64_t)n + (uint64_t)high) >> r.shift;
    const int64_t q1 = (int64_t)((uint64_t)q0 - (uint64_t)(n >> 63));
    return (int64_t)(((uint64_t)q1 ^ (uint64_t)r.sign) - (uint64_t)r.sign);
}

/// Unsigned 64-bit division by a fixed d ≥ 1 (G&M figure 4.1):
/// t = MULUH(m', n), q = SRL(t + SRL(n − t, sh1), sh2).
typedef struct { uint64_t multiplier; int shift1, shift2; } ts_unsigned_reciprocal;

static ts_unsigned_reciprocal ts_unsigned_reciprocal_of(uint64_t d) {
    const int l = d == 1 ? 0 : 64 - __builtin_clzll(d - 1);  // ⌈log₂ d⌉
    // m' = ⌊2⁶⁴·(2^l − d) / d⌋ + 1
    const unsigned __int128 m = ((((unsigned __int128)1 << 64) * (((unsigned __int128)1 << l) - d)) / d) + 1;
    ts_unsigned_reciprocal r = { (uint64_t)m, l < 1 ? l : 1, l > 1 ? l - 1 : 0 };
    return r;
}

TS_INLINE uint64_t ts_unsigned_quotient(uint64_t n, ts_unsigned_reciprocal r) {
    const uint64_t t = (uint64_t)(((unsigned __int128)r.multiplier * n) >> 64);
    return (t + ((n - t) >> r.shift1)) >> r.shift2;
}

/// The scalar backend's rules from a truncated quotient.
TS_INLINE int64_t ts_floor_from_trunc(int64_t a, int64_t b, int64_t q) {
    const int64_t r = (int64_t)((uint64_t)a - (uint64_t)q * (uint64_t)b);
    return (r != 0 && ((r ^ b) < 0)) ? q - 1 : q;
}
TS_INLINE int64_t ts_signed_floor_divide(int64_t a, int64_t b) {
    if (b == 0) return 0;
    if (b == -1) return (int64_t)(0 - (uint64_t)a);  // INT64_MIN // −1 wraps to itself
    return ts_floor_from_trunc(a, b, a / b);
}
TS_INLINE int64_t ts_signed_remainder(int64_t a, int64_t b) {
    if (b == 0 || b == -1) return 0;
    const int64_t r = a % b;
    return (r != 0 && ((r ^ b) < 0)) ? r + b : r;
}

#define TS_EXACT_LIMIT 9007199254740992.0  // 2⁵³
#define TS_DIV_BLOCK 256

// One block of a 64-bit run: whether every dividend and divisor is within ±2⁵³ (then the
// float64 path is exact), computed with vector code.
#define TS_IN_RANGE_S(v) ((v) >= -(int64_t)9007199254740991 && (v) <= (int64_t)9007199254740991)
#define TS_IN_RANGE_U(v) ((v) <= (uint64_t)9007199254740991)

// OP_FAST(x, y): the float64 path; OP_SLOW(x, y): the instruction; OP_RECIPROCAL(x): by the
// broadcast divisor's reciprocal (`reciprocal`, `divisor` in scope).
#define TS_DIVISION_64(NAME, T, IN_RANGE, OP_FAST, OP_SLOW, OP_RECIPROCAL, RECIPROCAL_T, RECIPROCAL_OF) \
    TS_INLINE void NAME##_body(void *const *args, intptr_t n, const intptr_t *steps, const int level) { \
        (void)level; \
        char *pa = (char *)args[0], *pb = (char *)args[1], *po = (char *)args[2]; \
        const intptr_t sa = steps[0], sb = steps[1], so = steps[2]; \
        if (sa == 8 && (sb == 8 || sb == 0) && so == 8 && ts_may_vectorize(po, 8, pa, sa, 8, n) \
            && ts_may_vectorize(po, 8, pb, sb, 8, n)) { \
            const T *a = (const T *)pa, *b = (const T *)pb; \
            T *o = (T *)po; \
            const T divisor = *b; \
            const int broadcast = sb == 0; \
            const int divisor_fast = IN_RANGE(divisor); \
            RECIPROCAL_T reciprocal; \
            const int use_reciprocal = broadcast && divisor != 0 && !(divisor == (T)-1); \
            if (use_reciprocal) reciprocal = RECIPROCAL_OF(divisor); \
            for (intptr_t start = 0; start < n; start += TS_DIV_BLOCK) { \
                const intptr_t end = start + TS_DIV_BLOCK < n ? start + TS_DIV_BLOCK : n; \
                int fast = 1; \
                if (broadcast) { \
                    fast = divisor_fast; \
                    for (intptr_t i = start; i < end; i++) fast &= IN_RANGE(a[i]); \
                } else { \
                    for (intptr_t i = start; i < end; i++) fast &= IN_RANGE(a[i]) & IN_RANGE(b[i]); \
                } \
                if (fast) { \
                    if (broadcast) { \
                        const T y = divisor; \
                        TS_VECTORIZE for (intptr_t i = start; i < end; i++) { const T x = a[i]; o[i] = OP_FAST(x, y); } \
                    } else { \
                        TS_VECTORIZE for (intptr_t i = start; i < end; i++) { const T x = a[i], y = b[i]; o[i] = OP_FAST(x, y); } \
                    } \
                } else if (use_reciprocal) { \
                    for (intptr_t i = start; i < end; i++) { const T x = a[i]; o[i] = OP_RECIPROCAL(x); } \
                } else { \
                    for (intptr_t i = start; i < end; i++) { const T x = a[i], y = broadcast ? divisor : b[i]; o[i] = OP_SLOW(x, y); } \
                } \
            } \
            return; \
        } \
        for (intptr_t i = 0; i < n; i++) { \
            const T x = *(const T *)(pa + i * sa), y = *(const T *)(pb + i * sb); \
            *(T *)(po + i * so) = OP_SLOW(x, y); \
        } \
    } \
    TS_LEVELS(NAME)

#define TS_FD_S_FAST(x, y) (y == 0 ? (int64_t)0 : TS_FLOOR_QUOTIENT(int64_t, x, y))
#define TS_RM_S_FAST(x, y) (y == 0 ? (int64_t)0 : (int64_t)((uint64_t)x - (uint64_t)TS_FLOOR_QUOTIENT(int64_t, x, y) * (uint64_t)y))
#define TS_FD_S_RECIPROCAL(x) ts_floor_from_trunc(x, divisor, ts_signed_quotient(x, reciprocal))
#define TS_RM_S_RECIPROCAL(x) ({ const int64_t r_ = (int64_t)((uint64_t)x - (uint64_t)ts_signed_quotient(x, reciprocal) * (uint64_t)divisor); \
    (r_ != 0 && ((r_ ^ divisor) < 0)) ? r_ + divisor : r_; })
TS_DIVISION_64(floor_divide_i64, int64_t, TS_IN_RANGE_S, TS_FD_S_FAST, ts_signed_floor_divide, TS_FD_S_RECIPROCAL,
               ts_signed_reciprocal, ts_signed_reciprocal_of)
TS_DIVISION_64(remainder_i64, int64_t, TS_IN_RANGE_S, TS_RM_S_FAST, ts_signed_remainder, TS_RM_S_RECIPROCAL,
               ts_signed_reciprocal, ts_signed_reciprocal_of)

#define TS_FD_U_FAST(x, y) (y == 0 ? (uint64_t)0 : TS_FLOOR_QUOTIENT_U64(x, y))
#define TS_RM_U_FAST(x, y) (y == 0 ? (uint64_t)0 : x - TS_FLOOR_QUOTIENT_U64(x, y) * y)
#define TS_FD_U_SLOW(x, y) (y == 0 ? (uint64_t)0 : x / y)
#define TS_RM_U_SLOW(x, y) (y == 0 ? (uint64_t)0 : x % y)
#define TS_FD_U_RECIPROCAL(x) ts_unsigned_quotient(x, reciprocal)
#define TS_RM_U_RECIPROCAL(x) (x - ts_unsigned_quotient(x, reciprocal) * divisor)
// For unsigned values, (T)-1 is UINT64_MAX, an ordinary divisor: the reciprocal covers it.
#define TS_U_RECIPROCAL_OF(d) ts_unsigned_reciprocal_of(d)
TS_DIVISION_64(floor_divide_u64, uint64_t, TS_IN_RANGE_U, TS_FD_U_FAST, TS_FD_U_SLOW, TS_FD_U_RECIPROCAL,
               ts_unsigned_reciprocal, TS_U_RECIPROCAL_OF)
TS_DIVISION_64(remainder_u64, uint64_t, TS_IN_RANGE_U, TS_RM_U_FAST, TS_RM_U_SLOW, TS_RM_U_RECIPROCAL,
               ts_unsigned_reciprocal, TS_U_RECIPROCAL_OF)

#define TS_DIVISION_ENTRIES(TAG, C) \
    TS_ENTRY("floor_divide", C C "->" C, floor_divide_##TAG, 1.0), \
    TS_ENTRY("remainder", C C "->" C, remainder_##TAG, 1.0),

static const tessera_simd_loop table[] = {
    TS_DIVISION_ENTRIES(i8, "b") TS_DIVISION_ENTRIES(i16, "h") TS_DIVISION_ENTRIES(i32, "i") TS_DIVISION_ENTRIES(i64, "l")
    TS_DIVISION_ENTRIES(u8, "B") TS_DIVISION_ENTRIES(u16, "H") TS_DIVISION_ENTRIES(u32, "I") TS_DIVISION_ENTRIES(u64, "L")
};

TS_TABLE(tessera_simd_integer_division_loops, table)
