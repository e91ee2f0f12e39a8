#!/usr/bin/env python3
"""Maximum error in ULP of NumPy's loops and of the SIMD backend's elementary loops on the
same inputs, against a long-double reference (x87, 64-bit significand: within 2^-40
float32 ULP and 2^-11 float64 ULP of the exact value).

    python3 Backends/SIMD/tools/numpy_ulp.py LIB FUNCTION float32 [EVERY]  # all 2^32 inputs,
                                                                           # or every EVERY-th
    python3 Backends/SIMD/tools/numpy_ulp.py LIB FUNCTION float64 COUNT    # COUNT inputs
    python3 Backends/SIMD/tools/numpy_ulp.py LIB power float32|float64 COUNT  # COUNT pairs
    python3 Backends/SIMD/tools/numpy_ulp.py LIB arctan2 float32|float64 COUNT  # COUNT (y, x) pairs

power's pairs are drawn as in ulp_sweep.c: a quarter any bit patterns, a quarter with
y log2 x spread over the finite range, a quarter x near 1 with large y, a quarter
negative x with integer y. arctan2's as in ulp_sweep.c: a quarter any bit patterns, a
quarter uniform in [-2, 2]^2, a quarter with y/x = ±2^(-60..60), a quarter with y/x near
tan(pi/8), 1 and tan(3pi/8).

LIB is a shared library of the shim's elementary/*.c (ci/ulp-sweep.sh builds it); the
AVX-512 loops are called through ctypes when the CPU has AVX-512, else the AVX2 ones.
Prints: function dtype inputs tessera_max_ulp numpy_max_ulp.
"""
import ctypes
import sys
import numpy as np

lib = ctypes.CDLL(sys.argv[1])
name, dtype = sys.argv[2], sys.argv[3]
isa = "avx512" if "avx512f" in open("/proc/cpuinfo").read() else "avx2"
loop = getattr(lib, f"tessera_simd_{name}_{'f32' if dtype == 'float32' else 'f64'}_{isa}")
loop.restype = None
loop.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_ssize_t, ctypes.POINTER(ctypes.c_ssize_t), ctypes.c_void_p]
np.seterr(all="ignore")
ftype = np.float32 if dtype == "float32" else np.float64
info = np.finfo(ftype)
bits = info.nmant
minexp = info.minexp
maxfinite = np.longdouble(info.max)


def tessera(x):
    out = np.empty_like(x)
    args = (ctypes.c_void_p * 2)(x.ctypes.data, out.ctypes.data)
    steps = (ctypes.c_ssize_t * 2)(x.itemsize, x.itemsize)
    loop(args, len(x), steps, None)
    return out


def ulp_error(y, ref):
    y = y.astype(np.longdouble)
    nan = np.isnan(ref) | np.isnan(y)
    bad_nan = np.isnan(ref) != np.isnan(y)
    inf_ok = np.isinf(y) & (np.abs(ref) > maxfinite) & (np.sign(y) == np.sign(ref))
    _, e = np.frexp(np.where(ref == 0, 1, ref))
    e = np.maximum(e - 1, minexp)
    ulp = np.ldexp(np.longdouble(1), e - bits)
    err = np.abs(np.where(np.isinf(y), np.sign(y) * np.ldexp(np.longdouble(1), info.maxexp), y) - ref) / ulp
    err = np.where(nan | inf_ok, 0, err)
    err = np.where(bad_nan, np.inf, err)
    return float(err.max()) if len(err) else 0.0


f = getattr(np, name)
worst_t = worst_n = 0.0


def tessera2(x, y):
    out = np.empty_like(x)
    args = (ctypes.c_void_p * 3)(x.ctypes.data, y.ctypes.data, out.ctypes.data)
    steps = (ctypes.c_ssize_t * 3)(x.itemsize, x.itemsize, x.itemsize)
    loop.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_ssize_t, ctypes.POINTER(ctypes.c_ssize_t), ctypes.c_void_p]
    loop(args, len(x), steps, None)
    return out


if name == "power":
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000_000
    rng = np.random.default_rng(7)
    w = (-152, 130) if dtype == "float32" else (-1078, 1026)
    chunk = 1 << 20
    for start in range(0, total, chunk):
        m = min(chunk, total - start) // 4
        ib = np.uint32 if dtype == "float32" else np.uint64
        xa = rng.integers(0, np.iinfo(ib).max, m, dtype=ib, endpoint=True).view(ftype).astype(np.float64)
        ya = rng.integers(0, np.iinfo(ib).max, m, dtype=ib, endpoint=True).view(ftype).astype(np.float64)
        xb = 64 * rng.random(m)
        yb = rng.uniform(*w, m) / np.log2(xb)
        xc = 1 + (rng.random(m) - 0.5) * 2.0 ** -9
        yc = (rng.random(m) - 0.5) * 2e6
        xd = -8 * rng.random(m)
        yd = rng.integers(-200, 201, m).astype(np.float64)
        x = np.concatenate([xa, xb, xc, xd]).astype(ftype)
        y = np.concatenate([ya, yb, yc, yd]).astype(ftype)
        ref = np.power(x.astype(np.longdouble), y.astype(np.longdouble))
        worst_t = max(worst_t, ulp_error(tessera2(x, y), ref))
        worst_n = max(worst_n, ulp_error(np.power(x, y), ref))
    print(f"{name} {dtype} {total} {worst_t:.4f} {worst_n:.4f}")
    sys.exit(0)

if name == "arctan2":
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000_000
    rng = np.random.default_rng(7)
    ib = np.uint32 if dtype == "float32" else np.uint64
    span = (-125, 125) if dtype == "float32" else (-1020, 1020)
    chunk = 1 << 20
    for start in range(0, total, chunk):
        m = min(chunk, total - start) // 4
        sign = lambda: np.where(rng.random(m) < 0.5, -1.0, 1.0)
        ya = rng.integers(0, np.iinfo(ib).max, m, dtype=ib, endpoint=True).view(ftype).astype(np.float64)
        xa = rng.integers(0, np.iinfo(ib).max, m, dtype=ib, endpoint=True).view(ftype).astype(np.float64)
        yb, xb = rng.uniform(-2, 2, m), rng.uniform(-2, 2, m)
        xc = sign() * np.ldexp(1 + rng.random(m), rng.integers(*span, m))
        yc = sign() * np.abs(xc) * np.ldexp(1 + rng.random(m), rng.integers(-60, 61, m))
        xd = sign() * np.ldexp(1 + rng.random(m), rng.integers(-20, 21, m))
        yd = sign() * np.abs(xd) * rng.choice([0.41421356237309503, 1.0, 2.414213562373095], m) * (1 + (rng.random(m) - 0.5) * 1e-6)
        y = np.concatenate([ya, yb, yc, yd]).astype(ftype)
        x = np.concatenate([xa, xb, xc, xd]).astype(ftype)
        ref = np.arctan2(y.astype(np.longdouble), x.astype(np.longdouble))
        worst_t = max(worst_t, ulp_error(tessera2(y, x), ref))
        worst_n = max(worst_n, ulp_error(np.arctan2(y, x), ref))
    print(f"{name} {dtype} {total} {worst_t:.4f} {worst_n:.4f}")
    sys.exit(0)

if dtype == "float32":
    every = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    total = (1 << 32) // every
    chunk = 1 << 22
    for start in range(0, 1 << 32, chunk * every):
        x = (np.arange(start, start + chunk * every, every, dtype=np.uint64) & 0xFFFFFFFF).astype(np.uint32).view(np.float32)
        ref = f(x.astype(np.longdouble))
        worst_t = max(worst_t, ulp_error(tessera(x), ref))
        worst_n = max(worst_n, ulp_error(f(x), ref))
else:
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000_000
    rng = np.random.default_rng(7)
    chunk = 1 << 20
    for start in range(0, total, chunk):
        m = min(chunk, total - start)
        any_bits = rng.integers(0, 1 << 64, m // 2, dtype=np.uint64, endpoint=False).view(np.float64)
        common = rng.random(m - m // 2) * np.ldexp(1.0, rng.integers(0, 11, m - m // 2))
        if name != "log":
            common *= np.where(rng.random(len(common)) < 0.5, -1, 1)
        x = np.concatenate([any_bits, common])
        ref = f(x.astype(np.longdouble))
        worst_t = max(worst_t, ulp_error(tessera(x), ref))
        worst_n = max(worst_n, ulp_error(f(x), ref))
print(f"{name} {dtype} {total} {worst_t:.4f} {worst_n:.4f}")
