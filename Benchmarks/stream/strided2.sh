#!/usr/bin/env bash
# Elementary loops on `[::2]` operands against contiguous ones, and the copy that reads
# the same bytes (the memory's floor), called directly from C (see strided2.c).
#   bash Benchmarks/stream/strided2.sh [avx512|avx2] [exp log sin cos tanh arctan power]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shim="$here/../../Backends/SIMD/_TesseraSIMDShim"
cc="${CC:-$(command -v clang || command -v cc)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The flags SwiftPM's release build gives the shim.
for f in Exp Log SinCos Tanh TanhF32 Arctan ArctanF32 Power PowerF32; do
    "$cc" -O2 -fPIC -I "$shim/include" -c "$shim/elementary/$f.c" -o "$work/$f.o" &
done
wait
"$cc" -O2 -o "$work/strided2" "$here/strided2.c" "$work"/*.o -lm
grep -m1 "model name" /proc/cpuinfo || true
uptime
"$work/strided2" "$@"
