#!/usr/bin/env python3
"""Writes _TesseraSIMDShim/elementary/Log2F32Table.h: the tables and polynomials of
float32 log2 and log10 evaluated in float32 arithmetic (Log2F32.c, AVX-512).

    python3 Backends/SIMD/tools/fit_log2_f32.py > \
        Backends/SIMD/_TesseraSIMDShim/elementary/Log2F32Table.h

The reduction is log1p's (fit_log1p_f32.py) with another offset: x = 2^k z with z in
[OFF, 2 OFF), OFF = 0x3f340000 (0.7031); the top 4 bits of bits(x) - bits(OFF) below
the exponent index 16 subintervals of z (width 1/32 below 1, 1/16 above); the one that
holds 1 (0.9844 .. 1.0313) has invc = 1 and log c = 0, so that a result near 0 never
comes from a difference. (This offset, against log1p's 0.6992, leaves the subintervals
next to it results at least 0.016 from 0, where the tail's share of the result is
largest: 1.8% at most instead of 3.5%.) For each other subinterval:
- invc = 1/c, a multiple of 2^-7 for which r = fma(z, invc, -1) is exact for every z of
  the subinterval (checked), |r| <= RMAX and |ln c| > |r|, chosen to make the share of
  the tail r^2 Q(r) in the result smallest;
- log2(c) as a multiple of 2^-16 plus the rest rounded to float: k + log2c_hi is exact
  for |k| <= 149 (below 2^8: 24 bits);
- log10(c) as a multiple of 2^-17 plus the rest, and log10(2) split the same way:
  k log10(2)_hi (16 bits times 8) and k log10(2)_hi + log10c_hi (below 2^6) are exact.
1/ln b is rounded to a float M_hi: the kernel takes M_hi r as the rounded product p and
folds its rounding error into that of B + p. log_b(1 + r) = M_hi r + r P_b(r), P_b a
Remez fit of (log_b(1 + r) - M_hi r)/r (degree DEG, default 4; P_b(0) is the rest of
1/ln b) over every r the subintervals give, its error relative to log_b(1 + r).

The script prints (to stderr) the largest |r| per subinterval and each fit's largest
error relative to log_b(1 + r), with the coefficients rounded to float32 as the kernel
uses them.
"""
import math
import os
import struct
import sys

import mpmath as mp
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
# Only the definitions (Remez exchange, error measurement) of fit_polynomials.py.
_source = open(os.path.join(here, "fit_polynomials.py")).read()
exec(_source.split("\nFITS = []")[0])

mp.mp.dps = 50
OFF = int(os.environ.get("OFF", "0x3F340000"), 16)
RMAX = 0.045
BITS = int(os.environ.get("BITS", 4))
CENTRAL = (0x3F800000 - OFF) >> (23 - BITS)
DEG = int(os.environ.get("DEG", 4))


def f32(v):
    return struct.unpack("<f", struct.pack("<f", float(v)))[0]


def z_values(i):
    """Every float z of subinterval i, as float64 (exact)."""
    lo = OFF + (i << (23 - BITS))
    hi = OFF + ((i + 1) << (23 - BITS))
    return np.arange(lo, hi, dtype=np.uint32).view(np.float32).astype(np.float64)


def split(v, scale_bits):
    """v as a multiple of 2^-scale_bits plus the rest rounded to float."""
    hi = mp.nint(v * 2**scale_bits) / 2**scale_bits
    assert f32(hi) == float(hi)
    return float(hi), f32(v - hi)


ln2 = mp.log(2)
ln10 = mp.log(10)
invc, log2c_hi, log2c_lo, log10c_hi, log10c_lo, rmax = [], [], [], [], [], []
rmin_all, rmax_all = 0.0, 0.0
for i in range(1 << BITS):
    z = z_values(i)
    if i == CENTRAL:
        best = mp.mpf(1)
    else:
        # The rounding errors of the tail r^2 Q(r) count in proportion to its share of
        # the result, r^2 / (2 |ln z|) at most, which is largest where the result is
        # smallest (the subintervals next to the central one). Among the 1/c that are
        # multiples of 2^-7 and keep r exact, |r| <= RMAX and |ln c| > |r| (the
        # kernel's two-sum), the one with the smallest such share.
        lnz = np.abs(np.log(z))
        choice = None
        for j in range(64, 256):
            c = j / 128
            r = z * c - 1.0
            rm = float(np.abs(r).max())
            if rm > RMAX or abs(math.log(c)) <= 1.01 * rm:
                continue
            share = float((r * r / (2 * lnz)).max())
            if choice is not None and share >= choice[0]:
                continue
            if not np.all(r.astype(np.float32).astype(np.float64) == r):
                continue
            choice = (share, c)
        assert choice is not None, f"no 1/c for subinterval {i}"
        best = mp.mpf(choice[1])
    c = float(best)
    assert f32(c) == c
    r = z * c - 1.0  # exact in float64 (24 + 5 bits)
    assert np.all(r.astype(np.float32).astype(np.float64) == r), f"r not exact in subinterval {i}"
    rmin_all, rmax_all = min(rmin_all, float(r.min())), max(rmax_all, float(r.max()))
    rmax.append(float(np.abs(r).max()))
    invc.append(c)
    h, l = split(-mp.log(best) / ln2, 16)
    log2c_hi.append(h)
    log2c_lo.append(l)
    h, l = split(-mp.log(best) / ln10, 17)
    log10c_hi.append(h)
    log10c_lo.append(l)

LOG10_2_HI, LOG10_2_LO = split(ln2 / ln10, 17)
# k log10(2)_hi exact for |k| <= 149: at most 16 significant bits.
assert int(mp.mpf(LOG10_2_HI) * 2**17) < 2**16
INV_LN2_HI = f32(1 / ln2)
LOG10_E_HI = f32(1 / ln10)


def fit_p(m, m_hi):
    """P with log_b(1 + t) = m_hi t + t P(t), m = 1/ln b and m_hi its float: P(0) is the
    rest of m."""
    def pf(t):
        t = mp.mpf(t)
        if abs(t) < mp.mpf(2) ** -30:
            return (m - m_hi) + m * (-t / 2 + t * t / 3 - t**3 / 4)
        return (m * mp.log1p(t) - m_hi * t) / t
    # Weight 1: the error of P times t, relative to log_b(1 + t) ~ m t.
    coeffs, powers, xs, fs, ws = remez(pf, lambda t: mp.mpf(1), mp.mpf(rmin_all), mp.mpf(rmax_all), DEG, grid=2000)
    coeffs = [f32(cf) for cf in coeffs]
    worst = mp.mpf(0)
    for j in range(4001):
        t = mp.mpf(rmin_all) + (mp.mpf(rmax_all) - mp.mpf(rmin_all)) * j / 4000
        if t == 0:
            continue
        p = mp.mpf(0)
        for cf in reversed(coeffs):
            p = p * t + cf
        approx = m_hi * t + t * p
        exact = m * mp.log1p(t)
        worst = max(worst, abs(approx - exact) / abs(exact))
    return coeffs, worst


# The kernel's two-sum S = B + p takes B - S as exact: |B| >= |p| wherever B is not 0
# (k = 0 outside the central subinterval is the closest case).
for i in range(1 << BITS):
    if i != CENTRAL:
        assert abs(log2c_hi[i]) >= rmax[i] * float(1 / ln2), f"log2: |B| < |p| in subinterval {i}"
        assert abs(log10c_hi[i]) >= rmax[i] * float(1 / ln10), f"log10: |B| < |p| in subinterval {i}"

P2, err2 = fit_p(1 / ln2, mp.mpf(INV_LN2_HI))
P10, err10 = fit_p(1 / ln10, mp.mpf(LOG10_E_HI))
print(f"r in [{rmin_all:.5f}, {rmax_all:.5f}], fit degree {DEG}: max relative error of log2(1 + r) {float(err2):.3e} (2^{float(mp.log(err2, 2)):.1f}), of log10(1 + r) {float(err10):.3e} (2^{float(mp.log(err10, 2)):.1f})", file=sys.stderr)
for i in range(1 << BITS):
    print(f"  {i:2d}: invc {invc[i]!r:12} max|r| {rmax[i]:.5f}", file=sys.stderr)


def row(values):
    return "{" + ", ".join(float(v).hex() + "f" for v in values) + "}"


print("// Generated by Backends/SIMD/tools/fit_log2_f32.py; do not edit.")
print("// float32 log2 and log10 in float32 arithmetic: per subinterval of z (bits 19..22 of")
print("// bits(x) - TE_F32_LOG2_OFF), 1/c a multiple of 2^-7, log2(c) a multiple of 2^-16 and")
print("// log10(c) a multiple of 2^-17, each plus the rest; log10(2) split; 1/ln2 and")
print("// log10(e) rounded (M_hi); P_b(r) = (log_b(1 + r) - M_hi r)/r.")
print("#ifndef TESSERA_LOG2_F32_TABLE_H")
print("#define TESSERA_LOG2_F32_TABLE_H")
print(f"#define TE_F32_LOG2_OFF 0x{OFF:08x}u")
print(f"#define TE_F32_LOG2_CENTRAL {CENTRAL}")
print(f"#define TE_F32_LOG2_INVC {row(invc)}")
print(f"#define TE_F32_LOG2_LOG2C_HI {row(log2c_hi)}")
print(f"#define TE_F32_LOG2_LOG2C_LO {row(log2c_lo)}")
print(f"#define TE_F32_LOG2_LOG10C_HI {row(log10c_hi)}")
print(f"#define TE_F32_LOG2_LOG10C_LO {row(log10c_lo)}")
print(f"#define TE_F32_LOG2_LOG10_2_HI {LOG10_2_HI.hex()}f")
print(f"#define TE_F32_LOG2_LOG10_2_LO {LOG10_2_LO.hex()}f")
print(f"#define TE_F32_LOG2_INV_LN2_HI {INV_LN2_HI.hex()}f")
print(f"#define TE_F32_LOG2_LOG10_E_HI {LOG10_E_HI.hex()}f")
print(f"#define TE_F32_LOG2_P_DEGREE {DEG}")
for j, cf in enumerate(P2):
    print(f"#define TE_F32_LOG2_P2_{j} {cf.hex()}f")
for j, cf in enumerate(P10):
    print(f"#define TE_F32_LOG2_P10_{j} {cf.hex()}f")
print("#endif")
