"""The random-number cases of the NumPy peer: np.random.Generator (default_rng, PCG64) calls
equal to the Swift harness's Random.Generator workloads (Benchmarks/bench/Workload+Random.swift)."""
import numpy as np

OPS = {"random", "integers", "standard_normal", "standard_exponential", "permutation"}


def workload(op, dtype, layout, n):
    """Returns (call, elements, bytes) for a random case; a generator seeded per call, as the
    Swift side does (seeding costs microseconds next to the fill)."""
    if layout != "contiguous":
        raise ValueError(f"random cases are contiguous, not {layout}")
    dt = np.dtype(dtype)
    calls = {
        "random": lambda: np.random.default_rng(0).random(n, dtype=dt),
        "standard_normal": lambda: np.random.default_rng(0).standard_normal(n, dtype=dt),
        "standard_exponential": lambda: np.random.default_rng(0).standard_exponential(n, dtype=dt),
        "integers": lambda: np.random.default_rng(0).integers(0, 1000, size=n, dtype=dt),
        "permutation": lambda: np.random.default_rng(0).permutation(n),
    }
    return calls[op], n, n * dt.itemsize
