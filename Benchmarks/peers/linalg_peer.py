"""NumPy peer workloads of the harness's linear-algebra cases (see
Benchmarks/bench/Workload+Linalg.swift for the case ids and input construction; the
inputs here are built the same way from NumPy's generator)."""
import numpy as np

OPS = {"solve", "inv", "det", "eigh", "svd", "lstsq", "cholesky"}


def workload(op, dtype, layout, n, rng, random):
    """Returns (call, elements, bytes); `random(rng, shape, dtype, domain)` is the peer's."""
    if dtype != "float64":
        raise ValueError("linalg cases are float64")
    unit = (0.5, 1, True)

    def square(side, stack=()):
        a = random(rng, tuple(stack) + (side, side), np.float64, unit) / np.sqrt(side)
        return a + 2 * np.eye(side)

    if (op, layout) == ("solve", "contiguous"):
        a, b = square(n), random(rng, (n,), np.float64, unit)
        return (lambda: np.linalg.solve(a, b)), n * n, 8 * (n * n + 2 * n)
    if (op, layout) == ("inv", "contiguous"):
        a = square(n)
        return (lambda: np.linalg.inv(a)), n * n, 16 * n * n
    if (op, layout) == ("inv", "batched"):
        side = int(round(np.sqrt(n)))
        a = square(side, (1000,))
        return (lambda: np.linalg.inv(a)), 1000 * n, 16 * 1000 * n
    if (op, layout) == ("det", "contiguous"):
        a = square(n)
        return (lambda: np.linalg.det(a)), n * n, 8 * n * n
    if (op, layout) == ("eigh", "contiguous"):
        r = random(rng, (n, n), np.float64, unit)
        a = r + r.T
        return (lambda: np.linalg.eigh(a)), n * n, 16 * n * n
    if (op, layout) == ("svd", "contiguous"):
        a = random(rng, (n, n), np.float64, unit)
        return (lambda: np.linalg.svd(a)), n * n, 24 * n * n
    if (op, layout) == ("lstsq", "contiguous"):
        columns = n // 5
        a = random(rng, (n, columns), np.float64, unit)
        b = random(rng, (n,), np.float64, unit)
        return (lambda: np.linalg.lstsq(a, b)), n * columns, 8 * (n * columns + n + columns)
    if (op, layout) == ("cholesky", "contiguous"):
        r = random(rng, (n, n), np.float64, unit)
        a = r @ r.T + n * np.eye(n)
        return (lambda: np.linalg.cholesky(a)), n * n, 16 * n * n
    raise ValueError(f"no linalg workload for {op}/{dtype}/{layout}/{n}")
