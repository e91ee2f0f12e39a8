#!/usr/bin/env python3
"""Writes _TesseraSIMDShim/elementary/Log1pF32Table.h: the table and polynomial of
float32 log1p evaluated in float32 arithmetic (Log1p.c, AVX2 and AVX-512).

    python3 Backends/SIMD/tools/fit_log1p_f32.py > \
        Backends/SIMD/_TesseraSIMDShim/elementary/Log1pF32Table.h

u = 1 + x rounded, u = 2^k z with z in [OFF, 2 OFF), OFF = 0x3f330000 (0.6992). The
top 4 bits of bits(u) - bits(OFF) below the exponent index 16 subintervals of z
(width 1/32 below 1, 1/16 above). Subinterval 9 holds 1 in its interior
(0.9805 .. 1.0234); there invc = 1 and logc = 0, so that a result near 0 never comes
from a difference. For each subinterval:
- invc, 1/c with at most 5 significant bits, the one that keeps max |z invc - 1|
  smallest. z has 24 bits, so z invc - 1 is a multiple of 2^-28 (2^-29 where
  z < 1 and invc > 1) below 1/16 in magnitude: r = fma(z, invc, -1) is exact (checked
  below for every z of every subinterval);
- logc = -log(invc) as logc_hi, a multiple of 2^-17, plus logc_lo, rounded to float.
  ln2 is split the same way (LN2_HI a multiple of 2^-17), so k LN2_HI + logc_hi is
  exact for |k| <= 128 (a multiple of 2^-17 below 2^7: 24 bits).
log(1 + r) = r + r^2 (-1/2 + r P(r)), P a Remez fit of (log(1 + r) - r + r^2/2)/r^3
(degree DEG, default 3) over every r the subintervals give (and over the central one's
x itself).

The script prints (to stderr) the largest |r| per subinterval, the fit's largest error
relative to log(1 + r) and that error in float32 ULP of the smallest result it can
reach, with the coefficients rounded to float32 as the kernel uses them.
"""
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
OFF = 0x3F330000
BITS = 4
CENTRAL = 9
INVC_BITS = 5
DEG = int(os.environ.get("DEG", 3))


def f32(v):
    return struct.unpack("<f", struct.pack("<f", float(v)))[0]


def from_bits(b):
    return struct.unpack("<f", struct.pack("<I", b))[0]


def round_bits(v, bits):
    """v rounded to `bits` significant bits (v > 0)."""
    e = mp.floor(mp.log(v, 2))
    scale = mp.mpf(2) ** (bits - 1 - e)
    return mp.nint(v * scale) / scale


def z_values(i):
    """Every float z of subinterval i, as float64 (exact)."""
    lo = OFF + (i << (23 - BITS))
    hi = OFF + ((i + 1) << (23 - BITS))
    return np.arange(lo, hi, dtype=np.uint32).view(np.float32).astype(np.float64)


invc, logc_hi, logc_lo, rmax = [], [], [], []
rmin_all, rmax_all = 0.0, 0.0
for i in range(1 << BITS):
    z = z_values(i)
    zlo, zhi = float(z[0]), float(z[-1])
    if i == CENTRAL:
        best = mp.mpf(1)
    else:
        # Candidates around 1/midpoint: the 5-bit values nearest, and their neighbours.
        mid = 2 / (mp.mpf(zlo) + mp.mpf(zhi))
        base = round_bits(mid, INVC_BITS)
        e = mp.floor(mp.log(base, 2))
        step = mp.mpf(2) ** (e - (INVC_BITS - 1))
        cands = [base + j * step for j in range(-2, 3)]
        best = min(cands, key=lambda c: max(abs(zlo * c - 1), abs(zhi * c - 1)))
    c = float(best)
    assert f32(c) == c
    r = z * c - 1.0  # exact in float64 (24 + 5 bits)
    assert np.all(r.astype(np.float32).astype(np.float64) == r), f"r not exact in subinterval {i}"
    rmin_all, rmax_all = min(rmin_all, float(r.min())), max(rmax_all, float(r.max()))
    rmax.append(float(np.abs(r).max()))
    lc = -mp.log(best)
    hi = mp.nint(lc * 2**17) / 2**17
    invc.append(c)
    logc_hi.append(float(hi))
    logc_lo.append(f32(lc - hi))

ln2 = mp.log(2)
LN2_HI = float(mp.nint(ln2 * 2**17) / 2**17)
LN2_LO = f32(ln2 - LN2_HI)
assert f32(LN2_HI) == LN2_HI

# The central subinterval's r is x itself: x = u - 1 + (the rounding error of 1 + x),
# within one float of z - 1 at either end.
central = z_values(CENTRAL)
rmin_all = min(rmin_all, float(central[0]) - 1 - 2**-24)
rmax_all = max(rmax_all, float(central[-1]) - 1 + 2**-23)


def g(t):
    t = mp.mpf(t)
    if abs(t) < mp.mpf(2) ** -30:
        return mp.mpf(1) / 3 - t / 4 + t * t / 5
    return (mp.log1p(t) - t + t * t / 2) / t**3


# Weight t^2: the error of P times r^3, relative to log(1 + r) ~ r.
coeffs, powers, xs, fs, ws = remez(g, lambda t: mp.mpf(t) ** 2 + mp.mpf(2) ** -60, mp.mpf(rmin_all), mp.mpf(rmax_all), DEG, grid=2000)
coeffs = [f32(cf) for cf in coeffs]

# Error check: log(1 + r) from the float coefficients (exact arithmetic otherwise),
# relative to log(1 + r), and in float32 ULP of the smallest result of each subinterval.
worst_rel = mp.mpf(0)
for k in range(4001):
    t = mp.mpf(rmin_all) + (mp.mpf(rmax_all) - mp.mpf(rmin_all)) * k / 4000
    if t == 0:
        continue
    p = mp.mpf(0)
    for cf in reversed(coeffs):
        p = p * t + cf
    approx = t + t * t * (-mp.mpf(1) / 2 + t * p)
    rel = abs(approx - mp.log1p(t)) / abs(mp.log1p(t))
    worst_rel = max(worst_rel, rel)
print(f"r in [{rmin_all:.5f}, {rmax_all:.5f}], fit degree {DEG}: max relative error of log(1 + r) {float(worst_rel):.3e} (2^{float(mp.log(worst_rel, 2)):.1f})", file=sys.stderr)
for i in range(1 << BITS):
    smallest = abs(-mp.log(invc[i])) - mp.mpf(rmax[i]) if i != CENTRAL else None
    note = "" if smallest is None else f", result >= {float(smallest):.4f}: poly error <= {float(worst_rel * rmax[i] / (smallest * 2**-24)):.4f} ULP"
    print(f"  {i:2d}: invc {invc[i]!r:12} max|r| {rmax[i]:.5f}{note}", file=sys.stderr)


def row(values):
    return "{" + ", ".join(float(v).hex() + "f" for v in values) + "}"


print("// Generated by Backends/SIMD/tools/fit_log1p_f32.py; do not edit.")
print("// float32 log1p in float32 arithmetic: per subinterval of z (bits 19..22 of")
print("// bits(u) - TE_F32_LOG1P_OFF), 1/c with 5 bits and -log(1/c) as a multiple of 2^-17")
print("// plus the rest; ln2 split the same way; the polynomial of log(1 + r) - r + r^2/2.")
print("#ifndef TESSERA_LOG1P_F32_TABLE_H")
print("#define TESSERA_LOG1P_F32_TABLE_H")
print(f"#define TE_F32_LOG1P_OFF 0x{OFF:08x}u")
print(f"#define TE_F32_LOG1P_CENTRAL {CENTRAL}")
print(f"#define TE_F32_LOG1P_INVC {row(invc)}")
print(f"#define TE_F32_LOG1P_LOGC_HI {row(logc_hi)}")
print(f"#define TE_F32_LOG1P_LOGC_LO {row(logc_lo)}")
print(f"#define TE_F32_LOG1P_LN2_HI {LN2_HI.hex()}f")
print(f"#define TE_F32_LOG1P_LN2_LO {LN2_LO.hex()}f")
print(f"#define TE_F32_LOG1P_P_DEGREE {DEG}")
for j, cf in enumerate(coeffs):
    print(f"#define TE_F32_LOG1P_P{j} {cf.hex()}f")
print("#endif")
