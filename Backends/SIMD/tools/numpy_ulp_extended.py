#!/usr/bin/env python3
"""Maximum error in ULP of NumPy's loops and of the SIMD backend's second set of elementary
loops (expm1, log1p, arcsin, arccos, sinh, cbrt, hypot) on the same inputs, against a long-double
reference (x87, 64-bit significand: within 2^-40 float32 ULP and 2^-11 float64 ULP).
Like numpy_ulp.py, with inputs drawn from each function's domain and two-operand loops.

    python3 Backends/SIMD/tools/numpy_ulp_extended.py LIB FUNCTION float32 [EVERY]
    python3 Backends/SIMD/tools/numpy_ulp_extended.py LIB FUNCTION float64 COUNT [ISA]

float32: every EVERY-th bit pattern of all 2^32 (hypot: paired with a random operand);
float64: COUNT inputs, half any bit pattern, half in the function's common range. LIB is
a shared library of the shim's elementary/*.c (ci/ulp-sweep-extended.sh builds it).
ISA: the level of Tessera's loop (avx2, avx512 or sse2; default the widest AVX level).
Prints: function dtype inputs tessera_max_ulp numpy_max_ulp.
"""
import ctypes
import sys
import numpy as np

lib = ctypes.CDLL(sys.argv[1])
name, dtype = sys.argv[2], sys.argv[3]
binary = name == "hypot"
isa = sys.argv[5] if len(sys.argv) > 5 else "avx512" if "avx512f" in open("/proc/cpuinfo").read() else "avx2"
loop = getattr(lib, f"tessera_simd_{name}_{'f32' if dtype == 'float32' else 'f64'}_{isa}")
loop.restype = None
loop.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_ssize_t, ctypes.POINTER(ctypes.c_ssize_t), ctypes.c_void_p]
np.seterr(all="ignore")
ftype = np.float32 if dtype == "float32" else np.float64
info = np.finfo(ftype)
maxfinite = np.longdouble(info.max)
# The common range of each function's float64 inputs (None: |x| up to 2^(0..10)).
ranges = {"expm1": (-40, 710), "log1p": (-1, 200), "arcsin": (-1, 1), "arccos": (-1, 1), "sinh": (-711, 711),
          "exp2": (-1080, 1025), "log2": (0, 4), "log10": (0, 4), "cosh": (-711, 711),
          "arccosh": (1, 3), "arctanh": (-1, 1)}
rng = np.random.default_rng(7)


def tessera(*operands):
    out = np.empty_like(operands[0])
    pointers = [o.ctypes.data for o in operands] + [out.ctypes.data]
    args = (ctypes.c_void_p * len(pointers))(*pointers)
    steps = (ctypes.c_ssize_t * len(pointers))(*([out.itemsize] * len(pointers)))
    loop(args, len(out), steps, None)
    return out


def ulp_error(y, ref):
    y = y.astype(np.longdouble)
    nan = np.isnan(ref) | np.isnan(y)
    bad_nan = np.isnan(ref) != np.isnan(y)
    inf_ok = np.isinf(y) & (np.abs(ref) > maxfinite) & (np.sign(y) == np.sign(ref))
    _, e = np.frexp(np.where(ref == 0, 1, ref))
    e = np.maximum(e - 1, info.minexp)
    ulp = np.ldexp(np.longdouble(1), e - info.nmant)
    err = np.abs(np.where(np.isinf(y), np.sign(y) * np.ldexp(np.longdouble(1), info.maxexp), y) - ref) / ulp
    err = np.where(nan | inf_ok, 0, err)
    err = np.where(bad_nan, np.inf, err)
    return float(err.max()) if len(err) else 0.0


def partner(x):
    """Second hypot operand: any bit pattern, or x scaled by a factor in [2^-30, 2^30)."""
    bits = rng.integers(0, 1 << (32 if dtype == "float32" else 64), len(x), dtype=np.uint64)
    anybits = bits.astype(np.uint32).view(np.float32) if dtype == "float32" else bits.view(np.float64)
    scaled = (x * rng.uniform(0.5, 1, len(x)) * np.ldexp(1.0, rng.integers(-30, 31, len(x)))).astype(ftype)
    return np.where(rng.random(len(x)) < 0.5, anybits, scaled).astype(ftype)


f = getattr(np, name)
worst_t = worst_n = 0.0
chunk = 1 << 20
if dtype == "float32":
    every = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    total = (1 << 32) // every
    batches = ((start, np.arange(start, start + chunk * every, every, dtype=np.uint64)) for start in range(0, 1 << 32, chunk * every))
    inputs = ((b & 0xFFFFFFFF).astype(np.uint32).view(np.float32) for _, b in batches)
else:
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000_000

    def float64_inputs():
        for start in range(0, total, chunk):
            m = min(chunk, total - start)
            any_bits = rng.integers(0, 1 << 64, m // 2, dtype=np.uint64, endpoint=False).view(np.float64)
            k = m - m // 2
            if name in ranges:
                lo, hi = ranges[name]
                common = rng.uniform(lo, hi, k)
            else:
                common = rng.random(k) * np.ldexp(1.0, rng.integers(0, 11, k)) * np.where(rng.random(k) < 0.5, -1, 1)
            yield np.concatenate([any_bits, common])
    inputs = float64_inputs()
for x in inputs:
    operands = (x, partner(x)) if binary else (x,)
    ref = f(*(o.astype(np.longdouble) for o in operands))
    worst_t = max(worst_t, ulp_error(tessera(*operands), ref))
    worst_n = max(worst_n, ulp_error(f(*operands), ref))
print(f"{name} {dtype} {total} {worst_t:.4f} {worst_n:.4f}")
