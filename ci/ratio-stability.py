#!/usr/bin/env python3
"""How steady the harness's ratios against NumPy are across runs.

    python3 ci/ratio-stability.py run1.json run2.json run3.json [--min-us 100]

For every (case, configuration) timed in all the given result files (`bench run ...
--peer numpy --output F`), computes the ratio each run reports — the median over rounds
of NumPy's round median divided by the configuration's, as `bench` prints it — and says
whether the runs agree within ±10% of each other (largest / smallest ≤ 1.10). Only cases
whose NumPy median is at least --min-us microseconds count (100 by default).
"""
import json
import statistics
import sys


def round_medians(result):
    samples, rounds = result["samples_ns"], result.get("rounds")
    if not rounds or sum(rounds) != len(samples):
        return None
    medians, start = [], 0
    for count in rounds:
        medians.append(statistics.median(samples[start:start + count]))
        start += count
    return medians


def ratios(path):
    with open(path) as handle:
        cases = json.load(handle)["cases"]
    by_case = {}
    for result in cases:
        by_case.setdefault(result["id"], {})[result["backend"]] = result
    out = {}
    for case, results in by_case.items():
        numpy = results.get("numpy")
        if numpy is None:
            continue
        numpy_rounds = round_medians(numpy)
        for backend, result in results.items():
            if backend == "numpy":
                continue
            mine = round_medians(result)
            if numpy_rounds and mine and len(mine) == len(numpy_rounds):
                value = statistics.median(n / m for n, m in zip(numpy_rounds, mine))
            else:
                value = statistics.median(numpy["samples_ns"]) / statistics.median(result["samples_ns"])
            out[(case, backend)] = (value, statistics.median(numpy["samples_ns"]))
    return out


def main():
    args = sys.argv[1:]
    minimum = 100.0
    if "--min-us" in args:
        index = args.index("--min-us")
        minimum = float(args[index + 1])
        del args[index:index + 2]
    runs = [ratios(path) for path in args]
    keys = sorted(set.intersection(*(set(run) for run in runs)))
    held, outside = 0, []
    for key in keys:
        if min(run[key][1] for run in runs) < minimum * 1000:
            continue
        values = [run[key][0] for run in runs]
        spread = max(values) / min(values)
        if spread <= 1.10:
            held += 1
        else:
            outside.append((spread, key, values))
    total = held + len(outside)
    print(f"{held} of {total} (case, configuration) pairs with NumPy ≥ {minimum:g} µs hold within ±10% across {len(runs)} runs")
    for spread, (case, backend), values in sorted(outside, reverse=True):
        print(f"  {case} [{backend}]: " + " / ".join(f"{v:.3f}" for v in values) + f"  (max/min {spread:.3f})")


if __name__ == "__main__":
    main()
