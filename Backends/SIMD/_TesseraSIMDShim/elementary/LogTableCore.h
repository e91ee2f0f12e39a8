// A float64 logarithm of an argument in two doubles without fused multiply-adds or
// divisions, for the SSE2 kernels of arcsinh and arccosh: log(xh + xl) as two doubles
// from power's 128-row table (ElementaryPowerTable.h, fit_power_table.py).
//
// te_log_dd (ElementaryDerivedCommon.h) needs f^2 exactly (a fused multiply-add, at SSE2
// Dekker's product of about seventeen operations) and two divisions; at SSE2 that made
// those kernels slower than the C library. Here xh = 2^k z, z in [0.6966, 1.3932), and
// log(z) = -log(invc) + log1p(r) with r = z invc - 1, where invc has at most 9
// significant bits, so r is exact when z is cut into its top 43 bits and the rest (both
// products with invc exact, zh invc - 1 exact), and |r| < 0.0057. k ln2_hi + logc_hi is
// exact (multiples of 2^-42) and the sum with r a fast two-sum (|k ln2_hi + logc_hi| >=
// 0.0026 > |r| unless it is 0: the subinterval holding 1 has invc = 1 and logc = 0).
// Everything else is below 2^-7 of the result and goes into the low part, rounded
// there: -r^2/2 + r^3 P(r) (P of degree 4 from fit_log_table_sse2.py, its error below
// 2^-59 of r), k ln2_lo + logc_lo, and xl as log1p(xl/xh) = rx (1 - r + r^2) with
// rx = xl 2^-k invc (xl/xh = rx / (1 + r); the next terms are below 2^-68 of a result of
// at least 0.0026, or of r where invc = 1). So rh + rl is within about 2^-59 of the
// logarithm relatively, enough for a result rounded once from it within about 0.52 ULP.
#ifndef TESSERA_LOG_TABLE_CORE_H
#define TESSERA_LOG_TABLE_CORE_H

#include "ElementaryCommon.h"
#include "ElementaryPowerTable.h"
#include "ElementaryLogTableSSE2.h"

// Row i: invc, logc_hi, logc_lo, 0 (power's rows).
static const double te_logtable_rows[4 << TE_POWLOG_TABLE_BITS] __attribute__((aligned(64))) = {TE_POWLOG_ROWS};

// x with its low 27 significand bits cleared: its top 26 bits, whose square and whose
// product with another number of at most 27 bits are exact.
TE_INLINE double te_top26(double x) { return te_double(te_bits(x) & ~0x7ffffffULL); }

// log(xh + xl) + extra ln2 as rh + rl (|rl| up to about 2^-7 |rh|), for xh positive,
// normal, finite and below 2^1000, |xl| at most about an ULP of xh, and extra an integer
// (a scaling the caller took out).
TE_INLINE void te_log_table_dd(double xh, double xl, double extra, double *rh, double *rl) {
    uint64_t ix = te_bits(xh);
    uint64_t tmp = ix - TE_POWLOG_OFF;
    uint64_t i = (tmp >> (52 - TE_POWLOG_TABLE_BITS)) & ((1 << TE_POWLOG_TABLE_BITS) - 1);
    // k from the bits (SSE2 has no 64-bit integer conversion): ((tmp >> 52) + 2048) is
    // tmp's top 12 bits with the sign bit flipped.
    double k = te_double(((tmp ^ 0x8000000000000000ULL) >> 52) | 0x4330000000000000ULL) - (0x1p52 + 2048.0) + extra;
    uint64_t kbits = tmp & 0xfff0000000000000ULL;
    double z = te_double(ix - kbits);
    const double *row = te_logtable_rows + 4 * i;
    double invc = row[0];
    double zh = te_double(te_bits(z) & ~0x3ffULL);
    double r = (zh * invc - 1.0) + (z - zh) * invc; // exact
    double a = te_mla(k, TE_POWLOG_LN2_HI, row[1]);  // exact
    double b = a + r;
    double be = (a - b) + r;
    double s2 = r * r;
    double p01 = te_mla(TE_LOGT_P_C1, r, TE_LOGT_P_C0);
    double p23 = te_mla(TE_LOGT_P_C3, r, TE_LOGT_P_C2);
    double p = te_mla(te_mla(TE_LOGT_P_C4, s2, p23), s2, p01);
    double tail = te_mla(p, r, -0.5) * s2; // -r^2/2 + r^3 P(r)
    // invc 2^-k from the bits (k of xh itself, before `extra`; normal for xh below 2^1000).
    double rx = xl * te_double(te_bits(invc) - kbits);
    double lo = te_mla(k, TE_POWLOG_LN2_LO, row[2]) + be;
    *rh = b;
    *rl = lo + (tail + te_mla(rx, s2 - r, rx));
}

#endif
