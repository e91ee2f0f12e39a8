#!/usr/bin/env python3
"""Fits the minimax polynomials of the SIMD backend's elementary kernels and writes
their coefficients as a C header.

    python3 Backends/SIMD/tools/fit_polynomials.py > \
        Backends/SIMD/_TesseraSIMDShim/include/ElementaryCoefficients.h

Every polynomial is a weighted minimax fit found by the Remez exchange algorithm on a
dense grid, in 60-digit mpmath arithmetic; coefficients are then rounded to double. The
weight makes the fit minimise the error that matters in the kernel (relative error of
the function, or the absolute error of a correction term scaled by its factor). The
printed maximum error is measured after rounding the coefficients to double.
"""
import sys
import mpmath as mp

mp.mp.dps = 60


def remez(f, weight, a, b, degree, powers=None, grid=4000, iterations=30):
    """Coefficients c_i of sum c_i * t^powers[i] minimising max |weight(t)(f(t) - p(t))|
    on [a, b]. `powers` defaults to 0..degree."""
    if powers is None:
        powers = list(range(degree + 1))
    n = len(powers)
    # Dense grid clustered at the ends (Chebyshev-like) to find the extrema.
    xs = [a + (b - a) * (1 - mp.cos(mp.pi * i / (grid - 1))) / 2 for i in range(grid)]
    fs = [f(x) for x in xs]
    ws = [weight(x) for x in xs]
    # Initial reference: Chebyshev extrema.
    ref = [a + (b - a) * (1 - mp.cos(mp.pi * i / n)) / 2 for i in range(n + 1)]
    coeffs = None
    for _ in range(iterations):
        m = mp.matrix(n + 1, n + 1)
        rhs = mp.matrix(n + 1, 1)
        for i, x in enumerate(ref):
            for j, p in enumerate(powers):
                m[i, j] = x ** p
            m[i, n] = (-1) ** i / weight(x)
            rhs[i] = f(x)
        sol = mp.lu_solve(m, rhs)
        coeffs = [sol[j] for j in range(n)]
        err = [ws[i] * (fs[i] - sum(c * xs[i] ** p for c, p in zip(coeffs, powers))) for i in range(grid)]
        # New reference: one extremum per sign run.
        runs = []
        start = 0
        for i in range(1, grid + 1):
            if i == grid or mp.sign(err[i]) != mp.sign(err[start]):
                best = max(range(start, i), key=lambda k: abs(err[k]))
                runs.append(best)
                start = i
        while len(runs) > n + 1:
            # Drop the smaller end, or merge the smallest neighbouring pair.
            if abs(err[runs[0]]) < abs(err[runs[-1]]):
                runs.pop(0)
            else:
                runs.pop()
        if len(runs) < n + 1:
            break
        newref = [xs[k] for k in runs]
        spread = max(abs(err[k]) for k in runs) / min(abs(err[k]) for k in runs)
        ref = newref
        if spread < 1 + mp.mpf(10) ** -6:
            break
    return [float(c) for c in coeffs], powers, xs, fs, ws


def max_error(coeffs, powers, xs, fs, ws):
    worst = mp.mpf(0)
    for x, fx, w in zip(xs, fs, ws):
        p = mp.mpf(0)
        for c, e in zip(coeffs, powers):
            p += mp.mpf(c) * x ** e
        worst = max(worst, abs(w * (fx - p)))
    return worst


def safe(f, limit):
    """f(t) with its limit at t = 0."""
    return lambda t: limit if t == 0 else f(t)


FITS = []


def to_single(v):
    """v rounded to the nearest float32."""
    import struct
    return struct.unpack("f", struct.pack("f", v))[0]


def fit(name, comment, f, weight, a, b, degree, powers=None, single=False):
    coeffs, powers, xs, fs, ws = remez(f, weight, mp.mpf(a), mp.mpf(b), degree, powers)
    if single:
        coeffs = [to_single(c) for c in coeffs]
    err = max_error(coeffs, powers, xs, fs, ws)
    FITS.append((name, comment, coeffs, powers, err))


one = lambda t: mp.mpf(1)
LN2 = mp.log(2)
PIO4 = mp.pi / 4
SQRT2 = mp.sqrt(2)
# log: m in [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1), |s| <= (sqrt2 - 1) / (sqrt2 + 1).
SMAX = (SQRT2 - 1) / (SQRT2 + 1) * mp.mpf("1.001")

# ---- float32 kernels evaluated in float64: relative error far below 2^-30 suffices.
fit("f32_exp", "e^r ~ sum c_i r^i, |r| <= ln2/2; relative error",
    mp.exp, lambda t: 1 / mp.exp(t), -LN2 / 2 * mp.mpf("1.001"), LN2 / 2 * mp.mpf("1.001"), 7)
fit("f32_log", "2 atanh(s)/s ~ sum c_i z^i, z = s^2; relative error",
    safe(lambda z: 2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z), mp.mpf(2)), one, 0, SMAX ** 2, 4)
# float32 sin/cos: fit_sin_f32.py (degree 4).

fit("f32_atan", "atan(t)/t ~ sum c_i z^i, z = t^2, 0 <= t <= 1; relative error",
    safe(lambda z: mp.atan(mp.sqrt(z)) / mp.sqrt(z), mp.mpf(1)), one, 0, 1, 11)
fit("f32_expm1", "(e^r - 1 - r)/r^2 ~ sum c_i r^i, |r| <= ln2/2; relative error",
    safe(lambda r: (mp.exp(r) - 1 - r) / r ** 2, mp.mpf(1) / 2), one,
    -LN2 / 2 * mp.mpf("1.001"), LN2 / 2 * mp.mpf("1.001"), 6)

# ---- float32 kernels in float32 arithmetic: coefficients rounded to float32.
fit("f32_expq", "(e^r - 1 - r)/r^2 ~ sum c_i r^i, |r| <= ln2/2 (float32 coefficients); relative error",
    safe(lambda r: (mp.exp(r) - 1 - r) / r ** 2, mp.mpf(1) / 2), one,
    -LN2 / 2 * mp.mpf("1.01"), LN2 / 2 * mp.mpf("1.01"), 4, single=True)

# log: x = 2^k (1 + r), r in [-1/3, 1/3); log(1 + r) = r - r^2/2 + r^3 q(r), the first
# two terms carried exactly, so the error that reaches the result is r^3 (q error)
# relative to log(1 + r) (floored near r = 0, where it vanishes).
LOGQ_LO, LOGQ_HI = (mp.mpf(2) / 3 - 1) * mp.mpf("1.0001"), (mp.mpf(4) / 3 - 1) * mp.mpf("1.0001")
fit("f32_logq", "(log(1 + r) - r + r^2/2)/r^3 ~ sum c_i r^i, -1/3 <= r <= 1/3 (float32 coefficients); error relative to log(1 + r)",
    safe(lambda r: (mp.log1p(r) - r + r * r / 2) / r ** 3, mp.mpf(1) / 3),
    lambda r: max(r ** 3 / mp.log1p(r), mp.mpf(10) ** -4) if r != 0 else mp.mpf(10) ** -4,
    LOGQ_LO, LOGQ_HI, 8, single=True)

# arctan: t in [-1/2, 1/2] after reduction; arctan t = t + t^3 q(t^2), t carried
# exactly, so the error that reaches the result is t^3 (q error) relative to arctan t.
fit("f32_atanq", "(atan(t) - t)/t^3 ~ sum c_i z^i, z = t^2 <= 1/4 (float32 coefficients); error relative to atan(t)",
    safe(lambda z: (mp.atan(mp.sqrt(z)) - mp.sqrt(z)) / mp.sqrt(z) ** 3, -mp.mpf(1) / 3),
    lambda z: max(z * mp.sqrt(z) / mp.atan(mp.sqrt(z)), mp.mpf(10) ** -4) if z != 0 else mp.mpf(10) ** -4,
    0, mp.mpf(1) / 4 * mp.mpf("1.0001"), 5, single=True)

# ---- float64 kernels: correction terms beyond the exactly added leading ones.
# exp: e^r = 1 + r + r^2 q(r); the error that reaches the result is r^2 * (q error).
fit("f64_exp", "e^r - 1 - r ~ sum c_i r^i (i = 2..13), |r| <= ln2/2; relative error",
    lambda r: mp.exp(r) - 1 - r, lambda r: 1 / mp.exp(r),
    -LN2 / 2 * mp.mpf("1.002"), LN2 / 2 * mp.mpf("1.002"), 13, powers=list(range(2, 14)))
# log(1+f) = f - hfsq + s (hfsq + R), R(z) = 2 atanh(s)/s - 2 as sum c_i z^i (i >= 1),
# z = s^2; the error that reaches the result is s * (R error).
fit("f64_log", "2 atanh(s)/s - 2 ~ sum c_i z^i (i = 1..7), z = s^2; error weighted by s",
    lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) if z != 0 else mp.mpf(0),
    mp.sqrt, SMAX ** 2 / 10 ** 4, SMAX ** 2, 7, powers=list(range(1, 8)))
# sin(r) = r + r^3 p(r^2); cos(r) = 1 - r^2/2 + r^4 q(r^2), |r| <= pi/4 (a little more).
fit("f64_sin", "(sin(r) - r)/r^3 ~ sum c_i z^i, z = r^2; error weighted by r^3",
    safe(lambda z: (mp.sin(mp.sqrt(z)) - mp.sqrt(z)) / mp.sqrt(z) ** 3, -mp.mpf(1) / 6),
    lambda z: mp.sqrt(z) ** 3, (PIO4 / 100) ** 2, (PIO4 * mp.mpf("1.001")) ** 2, 6)
fit("f64_cos", "(cos(r) - 1 + r^2/2)/r^4 ~ sum c_i z^i, z = r^2; error weighted by r^4",
    safe(lambda z: (mp.cos(mp.sqrt(z)) - 1 + z / 2) / z ** 2, mp.mpf(1) / 24),
    lambda z: z ** 2, (PIO4 / 100) ** 2, (PIO4 * mp.mpf("1.001")) ** 2, 6)


def hexdouble(v):
    return float.hex(v)


def constants():
    """Split constants of range reduction, computed exactly here."""
    out = []
    def split(name, value, bits):
        # value = hi + mid + lo with hi carrying `bits` bits (so n*hi is exact for small n).
        hi = float(mp.mpf(int(mp.floor(value * 2 ** bits))) / 2 ** bits)
        rest = value - mp.mpf(hi)
        lo = float(rest)
        lo2 = float(rest - mp.mpf(lo))
        out.append((name + "_hi", hi))
        out.append((name + "_lo", lo))
        out.append((name + "_lo2", lo2))
    out.append(("inv_ln2", float(1 / LN2)))
    split("ln2", LN2, 42)          # n*ln2_hi exact for |n| < 2^11
    out.append(("ln2_full_hi", float(LN2)))
    # float32: ln2 = hi + lo with hi of 16 bits (n * hi exact in float32 for |n| < 2^8).
    hi16 = float(mp.mpf(int(mp.floor(LN2 * 2 ** 16))) / 2 ** 16)
    out.append(("ln2_f32_hi", hi16))
    out.append(("ln2_f32_lo", to_single(float(LN2 - mp.mpf(hi16)))))
    out.append(("ln2_full_lo", float(LN2 - mp.mpf(float(LN2)))))
    out.append(("two_over_pi", float(2 / mp.pi)))
    out.append(("inv_pi", float(1 / mp.pi)))
    out.append(("pio2", float(mp.pi / 2)))
    out.append(("pi_hi", float(mp.pi)))
    out.append(("pi_lo", float(mp.pi - mp.mpf(float(mp.pi)))))
    out.append(("pio2_hi", float(mp.pi / 2)))
    out.append(("pio2_mid", float(mp.pi / 2 - mp.mpf(float(mp.pi / 2)))))
    r = mp.pi / 2 - mp.mpf(float(mp.pi / 2))
    out.append(("pio2_lo", float(r - mp.mpf(float(r)))))
    return out


def main():
    w = sys.stdout.write
    w("// Generated by Backends/SIMD/tools/fit_polynomials.py; do not edit.\n")
    w("// Minimax coefficients (Remez, mpmath) rounded to double; max error after rounding.\n")
    w("#ifndef TESSERA_ELEMENTARY_COEFFICIENTS_H\n#define TESSERA_ELEMENTARY_COEFFICIENTS_H\n\n")
    for name, comment, coeffs, powers, err in FITS:
        w(f"// {name}: {comment}; max weighted error {mp.nstr(err, 3)}\n")
        for c, p in zip(coeffs, powers):
            w(f"#define TE_{name.upper()}_C{p} {hexdouble(c)}\n")
        w("\n")
    for name, value in constants():
        w(f"#define TE_{name.upper()} {hexdouble(value)}\n")
    w("\n#endif\n")


if __name__ == "__main__":
    main()
