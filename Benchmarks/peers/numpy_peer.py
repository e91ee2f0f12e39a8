#!/usr/bin/env python3
"""NumPy peer of Tessera's benchmark harness.

Two modes:

--serve (what `bench run --peer numpy` uses): started once per run and kept warm. Reads one
  JSON request per line on stdin, {"case": "<op>/<dtype>/<layout>/<n>", "settings": {...}},
  times one round of that case (without "settings": only builds its inputs) and answers
  with one JSON line on stdout:
  {"id", "backend": "numpy", "status": "ok" | "unavailable" | "error", "message",
  "elements", "bytes", "samples": [ns per call, ...]}. The inputs of the current case are
  kept between its rounds; the first round calibrates the repetitions per sample and later
  rounds keep them, as the Swift worker does. A request {"case", "accuracy": DIRECTORY}
  instead measures a math case's outputs left there by the harness, and NumPy's own on the
  same inputs, against a correctly rounded reference (numpy_peer_accuracy.py) and answers
  with "exactULPs": {"numpy": ..., "<configuration>": ...}. Exits at the end of stdin.

batch (no argument): reads {"cases": [...], "settings": {...}} as JSON on stdin, times each
  case once and prints a schema-1 result file whose cases carry "backend": "numpy".

Settings are the Swift harness's (warmup, minTime, minSamples, maxSamples, sampleTarget,
maxTime, in seconds). Cases NumPy cannot express are "unavailable" (batch: skipped with a
note on stderr). Inputs are random and away from zero, like the harness's (not the same
values: timing does not depend on them).

Example:
  echo '{"cases": ["exp/float64/contiguous/1000000"]}' | python3 Benchmarks/peers/numpy_peer.py
  echo '{"case": "exp/float64/contiguous/1000000", "settings": {"minTime": 0.1}}' | python3 Benchmarks/peers/numpy_peer.py --serve
"""
import datetime
import json
import math
import os
import platform
import sys
import time
import zlib

import numpy as np

import numpy_peer_random
import linalg_peer
import numpy_peer_multiarray
import numpy_peer_accuracy

DOMAINS = {
    "log": (0.01, 100, False), "sqrt": (0.01, 100, False), "exp": (0.01, 20, True),
    "power": (0.1, 10, False), "sin": (0.01, 10, True), "cos": (0.01, 10, True),
    "tanh": (0.01, 5, True), "arctan": (0.01, 50, True), "equal": (1, 4, False),
    "astype": (1, 1000, True),
    "expm1": (0.01, 20, True), "sinh": (0.01, 20, True), "log1p": (0.01, 100, False),
    "exp2": (0.01, 20, True), "log2": (0.01, 100, False), "log10": (0.01, 100, False),
    "cosh": (0.01, 20, True), "arccosh": (1, 100, False), "arctanh": (0.01, 1, True),
    "arcsin": (0.01, 1, True), "arccos": (0.01, 1, True), "tan": (0.01, 10, True),
}
FAMILIES = {
    "arithmetic": {"add", "subtract", "multiply", "divide", "floor_divide"},
    "comparison": {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"},
    "reduction": {"sum", "max", "min", "argmax", "argmin", "mean", "prod", "any", "all"},
}
BROADCAST_ROW = 1000


def random(rng, shape, dtype, domain):
    low, high, signed = domain
    values = low + (high - low) * rng.random(shape)
    if signed:
        values *= np.where(rng.random(shape) < 0.5, -1.0, 1.0)
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        values = np.sign(values) * np.maximum(1, np.floor(np.abs(values)))
    return values.astype(dtype)


def square_side(n):
    side = int(round(math.sqrt(n)))
    if side * side != n:
        raise ValueError(f"{n} is not square")
    return side


def operand(rng, index, count, layout, n, dtype, domain):
    if layout == "contiguous":
        return random(rng, (n,), dtype, domain)
    if layout == "strided2":
        return random(rng, (2 * n,), dtype, domain)[::2]
    if layout == "reversed":
        return random(rng, (n,), dtype, domain)[::-1]
    if layout == "broadcast":
        if count != 2:
            raise ValueError("broadcast needs two inputs")
        if n < BROADCAST_ROW:
            return random(rng, (n // 2, 1) if index == 0 else (1, 2), dtype, domain)
        if index == 0:
            return random(rng, (n // BROADCAST_ROW, BROADCAST_ROW), dtype, domain)
        return random(rng, (BROADCAST_ROW,), dtype, domain)
    if layout == "transposed":
        side = square_side(n)
        a = random(rng, (side, side), dtype, domain)
        return a.T if index == count - 1 else a
    raise ValueError(f"unknown layout {layout}")


# --- Sorting and statistics (the Swift side: Benchmarks/bench/Workload+Sorting.swift) ---
SORTING = {"sort", "argsort", "unique", "median", "percentile", "histogram"}


def sorting_workload(op, dtype, layout, n, rng):
    dt = np.dtype(dtype)

    def values(count):
        if dt.kind in "iu":
            return rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, count, dtype=np.int64, endpoint=True).astype(dt)
        return random(rng, (count,), dt, (0.001, 100, True))

    nbytes = n * dt.itemsize
    if op == "sort" and layout == "contiguous":
        a = values(n)
        return (lambda: np.sort(a)), n, 2 * nbytes
    if op == "argsort" and layout in ("contiguous", "stable"):
        a = values(n)
        kind = "stable" if layout == "stable" else None
        return (lambda: np.argsort(a, kind=kind)), n, nbytes + 8 * n
    if op == "unique" and layout == "contiguous":
        a = rng.integers(0, 100_000, n).astype(dt)
        return (lambda: np.unique(a)), n, nbytes
    if op == "median" and layout == "contiguous":
        a = values(n)
        return (lambda: np.median(a)), n, nbytes
    if op == "percentile" and layout == "axis0":
        side = square_side(n)
        a = values(n).reshape(side, side)
        return (lambda: np.percentile(a, 90, axis=0)), n, nbytes
    if op == "histogram" and layout == "contiguous":
        a = values(n)
        return (lambda: np.histogram(a, bins=100)), n, nbytes
    raise ValueError(f"no {op} case with layout {layout}")


def workload(case_id, rng):
    """Returns (call, elements, bytes) for a case id."""
    op, dtype, layout, n = case_id.split("/")
    n = int(n)
    if op in SORTING:
        return sorting_workload(op, dtype, layout, n, rng)
    if op in numpy_peer_random.OPS:
        return numpy_peer_random.workload(op, dtype, layout, n)
    if op in FAMILIES["reduction"]:
        dt = np.dtype(dtype)
        domain = (0.5, 100, False)
        if layout == "contiguous":
            a, axis = random(rng, (n,), dt, domain), None
        else:
            side = square_side(n)
            a, axis = random(rng, (side, side), dt, domain), 0 if layout == "axis0" else 1
        fn = getattr(np, op)
        return (lambda: fn(a, axis=axis)), n, n * dt.itemsize
    if op == "getitem":
        # Reading one element of a 2-D array: NumPy returns a NumPy scalar.
        dt = np.dtype(dtype)
        a = random(rng, (4, 4), dt, (0.5, 100, True))
        return (lambda: a[1, 2]), 1, dt.itemsize
    if op in linalg_peer.OPS:
        return linalg_peer.workload(op, dtype, layout, n, rng, random)
    if op == "matmul":
        dt = np.dtype(dtype)
        a = random(rng, (n, n), dt, (0.5, 1, True))
        b = random(rng, (n, n), dt, (0.5, 1, True))
        return (lambda: np.matmul(a, b)), n * n, 3 * n * n * dt.itemsize
    if op in numpy_peer_multiarray.OPS:
        return numpy_peer_multiarray.workload(op, dtype, layout, n, rng, random)
    if op == "astype":
        source, target = (np.dtype(t) for t in dtype.split("->"))
        a = operand(rng, 0, 1, layout, n, source, DOMAINS["astype"])
        return (lambda: a.astype(target)), n, n * (source.itemsize + target.itemsize)
    ufunc = getattr(np, op)
    if not isinstance(ufunc, np.ufunc):
        raise ValueError(f"{op} is not a ufunc")
    dtypes = [np.dtype(t) for t in dtype.split("+")]
    domain = DOMAINS.get(op, (0.5, 100, True))
    inputs = []
    for i in range(ufunc.nin):
        d = dtypes[min(i, len(dtypes) - 1)]
        dom = (0.5, 3, False) if op == "power" and i == 1 else domain
        inputs.append(operand(rng, i, ufunc.nin, layout, n, d, dom))
    out_item = 1 if op in FAMILIES["comparison"] else max(d.itemsize for d in dtypes)
    return (lambda: ufunc(*inputs)), n, n * (sum(x.itemsize for x in inputs) + out_item)


DEFAULT_SETTINGS = {"warmup": 0.1, "minTime": 0.5, "minSamples": 7, "maxSamples": 300,
                    "sampleTarget": 0.002, "maxTime": 15}


class Session:
    """One case, its inputs built once and timed round by round (the Swift RoundTimer)."""

    def __init__(self, case_id):
        self.case_id = case_id
        rng = np.random.default_rng(zlib.crc32(case_id.encode()))
        self.call, self.elements, self.nbytes = workload(case_id, rng)
        self.reps = None

    def round(self, s):
        call = self.call
        # "thread-cpu": this thread's CPU time, as the Swift worker's SampleClock.threadCPU.
        clock = time.thread_time_ns if s.get("clock") == "thread-cpu" else time.perf_counter_ns

        def timed(reps):
            start = clock()
            for _ in range(reps):
                call()
            return clock() - start

        warmup, warmup_samples = s["warmup"], 1
        if self.reps is None:
            first = max(timed(1), 1)
            self.reps = max(1, int(s["sampleTarget"] * 1e9 // first))
            # The first round of a case warms up fully (firstWarmup), as the Swift worker does.
            warmup, warmup_samples = s.get("firstWarmup") or warmup, 3
        reps = self.reps
        # At least one untimed sample (three in the first round) even when the warm-up is shorter.
        warm = time.perf_counter()
        for _ in range(warmup_samples):
            timed(reps)
        while time.perf_counter() - warm < warmup:
            timed(reps)
        samples = []
        start = time.perf_counter()
        while len(samples) < s["maxSamples"]:
            samples.append(timed(reps) / reps)
            elapsed = time.perf_counter() - start
            if elapsed >= s["minTime"] and len(samples) >= s["minSamples"]:
                break
            if elapsed >= s["maxTime"] and len(samples) >= 3:
                break
        return samples


def serve():
    session = None
    every_cpu = os.sched_getaffinity(0)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        case_id = request["case"]
        settings = request.get("settings")  # none: only build the inputs
        # The harness pins single-threaded turns to one CPU shared with Tessera's workers.
        cpu = request.get("cpu")
        try:
            os.sched_setaffinity(0, {cpu} if cpu is not None else every_cpu)
        except OSError:
            pass  # a CPU outside our set: timed unpinned, as the worker does
        reply = {"id": case_id, "backend": "numpy", "status": "ok", "elements": 0, "bytes": 0, "samples": []}
        try:
            if request.get("accuracy"):
                reply["exactULPs"] = numpy_peer_accuracy.measure(case_id, request["accuracy"])
            else:
                if session is None or session.case_id != case_id:
                    session = None  # frees the previous case's arrays before building these
                    session = Session(case_id)
                reply["elements"], reply["bytes"] = session.elements, session.nbytes
                if settings is not None:
                    reply["samples"] = session.round(dict(DEFAULT_SETTINGS, **settings))
        except (ValueError, AttributeError, TypeError) as error:
            # Building the inputs failed: NumPy has no such op, dtype or layout.
            reply["status"], reply["message"] = "unavailable", f"NumPy cannot run {case_id}: {error}"
        except Exception as error:  # noqa: BLE001 - reported to the harness, the peer stays up
            reply["status"], reply["message"] = "error", f"{type(error).__name__}: {error}"
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def machine():
    model, cores = platform.processor() or "unknown cpu", 0
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and model in ("", "unknown cpu", platform.processor()):
                    model = value.strip()
                if key.strip() == "processor":
                    cores += 1
    except OSError:
        pass
    return {"id": "", "cpu": model, "cores": cores, "os": platform.platform()}


def main():
    if sys.argv[1:] == ["--serve"]:
        serve()
        return
    request = json.load(sys.stdin)
    settings = dict(DEFAULT_SETTINGS, **request.get("settings", {}))
    cases = []
    for case_id in request["cases"]:
        try:
            session = Session(case_id)
        except (ValueError, AttributeError, TypeError) as error:
            print(f"numpy peer: skipping {case_id}: {error}", file=sys.stderr)
            continue
        samples = session.round(settings)
        median = float(np.median(samples))
        cases.append({"id": case_id, "backend": "numpy", "elements": session.elements, "bytes": session.nbytes,
                      "median_ns": median, "samples_ns": samples})
        print(f"numpy {case_id}: {median / 1e3:.1f} µs", file=sys.stderr)
    print(json.dumps({
        "schema": 1, "version": "numpy-" + np.__version__, "commit": "unknown",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(), "cases": cases,
    }, indent=1))


if __name__ == "__main__":
    main()
