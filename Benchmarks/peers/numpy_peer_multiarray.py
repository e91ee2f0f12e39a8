"""Joining and indexing workloads of the NumPy peer (the `multiarray` family); the Swift
side is Benchmarks/bench/Workload+Multiarray.swift and does the same work."""
import numpy as np

OPS = {"concatenate", "take", "getmask", "setmask", "nonzero"}


def workload(op, dtype, layout, n, rng, random):
    """Returns (call, elements, bytes) for a multiarray case."""
    if layout != "contiguous":
        raise ValueError(f"{op} takes layout contiguous, not {layout}")
    dt = np.dtype(dtype)
    if op == "concatenate":
        # Two halves of n/2 elements, 1000 rows each way, joined along axis 0.
        half = (1000, n // 2000)
        a, b = random(rng, half, dt, (0.5, 100, True)), random(rng, half, dt, (0.5, 100, True))
        return (lambda: np.concatenate([a, b], axis=0)), n, 2 * n * dt.itemsize
    if op == "take":
        a = random(rng, (n,), dt, (0.5, 100, True))
        positions = rng.integers(0, n, size=n, dtype=np.int64)
        return (lambda: a.take(positions)), n, n * (2 * dt.itemsize + 8)
    if op == "getmask":
        a = rng.standard_normal(n).astype(dt)
        return (lambda: a[a > 0]), n, n * (dt.itemsize + 1) + (n // 2) * dt.itemsize
    if op == "setmask":
        # The mask is computed once: after one `a[a > 0] = 0` nothing is positive any more.
        a = rng.standard_normal(n).astype(dt)
        mask = a > 0

        def call():
            a[mask] = 0
            return a
        return call, n, n * (dt.itemsize + 1)
    if op == "nonzero":
        mask = rng.standard_normal(n) > 0
        return (lambda: np.nonzero(mask)), n, n + (n // 2) * 8
    raise ValueError(f"unknown multiarray op {op}")
