#!/usr/bin/env bash
# Memory bandwidth of this machine, STREAM-style (copy, add and read, 1 and 2 threads): the
# bar for the harness's memory-bound cases at 10⁷ elements under `all` (2 threads).
#   bash Benchmarks/stream/stream.sh [elements, default 10000000]
# Compare e.g. `add/float64/contiguous/10000000` under `all` with the "add, 2 threads,
# allocated" line (the harness's add allocates its result; 24 bytes move per element).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cc="${CC:-$(command -v clang || command -v cc)}"
binary="$(mktemp -d)/stream"
trap 'rm -rf "$(dirname "$binary")"' EXIT
"$cc" -O2 -pthread -o "$binary" "$here/stream.c"
grep -m1 "model name" /proc/cpuinfo || true
uptime
"$binary" "${1:-10000000}"
