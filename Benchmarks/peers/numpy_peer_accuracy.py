"""Accuracy of a unary (or binary) math case's outputs against a correctly rounded
reference, for the harness's report: NumPy's output and every Tessera configuration's, on
the same inputs (the ones the Swift harness wrote).

The directory holds in0.npy (in1.npy) and out-<configuration>.npy. The reference is NumPy's
float64 loop for float32 cases (within 2^-28 float32 ULP of the exact value) and its long
double loop for float64 cases (x87, a 64-bit significand: the C library's expl, logl, ...,
within about 2^-11 float64 ULP). Errors are in ULP of the exact value, the ULP of the
smallest normal number below it; an infinity counts as 2^(emax+1), and so does an exact value
beyond the largest finite number (an infinity of its sign is then exact, the largest finite
number half a ULP off); NaN against NaN is
exact, NaN against a number (or a number against NaN) is infinitely wrong.
"""
import os

import numpy as np


def ulp_error(result, exact, dtype):
    info = np.finfo(dtype)
    y = result.astype(np.longdouble)
    ref = exact.astype(np.longdouble)
    top = np.ldexp(np.longdouble(1), info.maxexp)
    overflowed = np.abs(ref) > np.longdouble(info.max)
    y = np.where(np.isinf(y), np.sign(y) * top, y)
    target = np.where(overflowed, np.sign(ref) * top, ref)
    _, exponent = np.frexp(np.where(target == 0, 1, target))
    spacing = np.ldexp(np.longdouble(1), np.maximum(exponent - 1, info.minexp) - info.nmant)
    error = np.abs(y - target) / spacing
    error = np.where(overflowed & (np.abs(y) == top) & (np.sign(y) == np.sign(ref)), 0, error)
    nan_result, nan_exact = np.isnan(result), np.isnan(exact)
    error = np.where(nan_result & nan_exact, 0, np.where(nan_result | nan_exact, np.inf, error))
    return float(np.max(error)) if error.size else 0.0


def measure(case_id, directory):
    """{"numpy": error, "<configuration>": error, ...} for one case."""
    op, dtype, _, _ = case_id.split("/")
    ufunc = getattr(np, op)
    dt = np.dtype(dtype)
    inputs = [np.load(os.path.join(directory, f"in{i}.npy")) for i in range(ufunc.nin)]
    wider = np.float64 if dt == np.float32 else np.longdouble
    with np.errstate(all="ignore"):
        exact = ufunc(*[x.astype(wider) for x in inputs])
        errors = {"numpy": ulp_error(ufunc(*inputs), exact, dt)}
        for name in sorted(os.listdir(directory)):
            if name.startswith("out-") and name.endswith(".npy"):
                errors[name[4:-4]] = ulp_error(np.load(os.path.join(directory, name)), exact, dt)
    return errors


def self_test():
    """Checks ulp_error and measure on outputs with known errors (ci/bench-quick.sh runs it)."""
    import tempfile
    rng = np.random.default_rng(7)
    for dtype, low, high in ((np.float64, -700, 700), (np.float32, -80, 80)):
        x = rng.uniform(low, high, 20000).astype(dtype)
        wider = np.float64 if dtype == np.float32 else np.longdouble
        rounded = np.exp(x.astype(wider)).astype(dtype)  # correctly rounded but for ties
        up = np.nextafter(rounded, dtype(np.inf))
        broken = rounded.copy()
        broken[7] = np.nan
        with tempfile.TemporaryDirectory() as directory:
            np.save(os.path.join(directory, "in0.npy"), x)
            for name, output in (("rounded", rounded), ("up", up), ("nan", broken)):
                np.save(os.path.join(directory, f"out-{name}.npy"), output)
            errors = measure(f"exp/{np.dtype(dtype).name}/contiguous/20000", directory)
        assert errors["rounded"] <= 0.5 + 1e-6, errors
        assert 1.0 <= errors["up"] <= 1.5 + 1e-6, errors
        assert errors["nan"] == np.inf, errors
        assert 0.5 <= errors["numpy"] < 4, errors
    # Overflow: inf is exact beyond the largest finite number, the largest finite is not.
    exact = np.array([np.longdouble(2) ** 1100], dtype=np.longdouble)
    assert ulp_error(np.array([np.inf]), exact, np.float64) == 0
    assert ulp_error(np.array([np.finfo(np.float64).max]), exact, np.float64) == 0.5
    assert ulp_error(np.array([-np.inf]), exact, np.float64) > 1
    print("numpy_peer_accuracy: self-test passed")


if __name__ == "__main__":
    self_test()
