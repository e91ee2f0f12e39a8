#!/usr/bin/env bash
# Measures the maximum error in ULP of the SIMD backend's elementary loops: float32 over
# all 2^32 inputs, float64 over 10^7 inputs, against a correctly rounded reference, at
# AVX2, AVX-512 and SSE2 (tools/ulp_sweep.c; SSE2 from the twins in elementary/sse2/); then NumPy's loops and Tessera's on the same
# inputs against a long-double reference (tools/numpy_ulp.py). Writes the table to
# Backends/SIMD/tools/ulp-sweep.txt. Takes about an hour on one core; run by hand after
# changing a kernel, and update ElementaryLoops.measuredMaxULP from the table.
#
#   bash ci/ulp-sweep.sh [FUNCTION ...]      (default: every function)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shim="$root/Backends/SIMD/_TesseraSIMDShim"
tools="$root/Backends/SIMD/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kernels=$(ls "$shim"/elementary/*.c "$shim"/elementary/sse2/*.c | grep -v ElementaryTable.c)
clang -O2 -I "$shim/include" -o "$work/ulp_sweep" "$tools/ulp_sweep.c" $kernels -lm
clang -O2 -I "$shim/include" -o "$work/ulp_sweep_power_f32" "$tools/ulp_sweep_power_f32.c" $kernels -lm
clang -O2 -shared -fPIC -I "$shim/include" -o "$work/libelementary.so" $kernels -lm
functions=${*:-exp log sin cos tanh arctan power tan arctan2}
isas="avx2"
grep -q avx512f /proc/cpuinfo && isas="avx2 avx512"
isas="$isas sse2"
out="$tools/ulp-sweep.txt"
{
    echo "# Maximum error in ULP against a correctly rounded reference ($(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
    echo "# ulp_sweep: function dtype isa inputs max_ulp worst_input nan_mismatches"
    for f in $functions; do
        for isa in $isas; do
            if [ "$f" = power ]; then
                # float32: all three levels in one run, against powl (tools/ulp_sweep_power_f32.c).
                [ "$isa" = avx2 ] && "$work/ulp_sweep_power_f32" 100000000 1
                "$work/ulp_sweep" "$f" float64 "$isa" 10000000 1
                continue
            fi
            if [ "$f" = arctan2 ]; then
                "$work/ulp_sweep" "$f" float32 "$isa" 100000000 1
                "$work/ulp_sweep" "$f" float64 "$isa" 10000000 1
                continue
            fi
            # SSE2 float32: every input through the SSE2 and AVX2 loops, the reference only
            # where they differ (elsewhere the AVX2 row's figure holds); tanh's SSE2 loop is
            # another algorithm (in double), swept against the reference on every input.
            "$work/ulp_sweep" "$f" float32 "$([ "$isa" = sse2 ] && [ "$f" != tanh ] && echo sse2-vs-avx2 || echo "$isa")"
            "$work/ulp_sweep" "$f" float64 "$isa" 10000000 1
            # Dense where results are subnormal (and just above), which the draw above
            # leaves sparse: there a result rounded before 2^n is applied rounds twice.
            if [ "$f" = exp ]; then
                "$work/ulp_sweep" "$f" float64 "$isa" 100000000 3 -745.2 -707 | sed 's/$/ range=-745.2,-707/'
            fi
            # tanh's small arguments (no power of two in expm1(2x)), sparse in the draw above.
            if [ "$f" = tanh ]; then
                "$work/ulp_sweep" "$f" float64 "$isa" 100000000 5 -5 5 | sed 's/$/ range=-5,5/'
            fi
        done
    done
    echo "# numpy_ulp (NumPy $(python3 -c 'import numpy; print(numpy.__version__)'), same inputs, long-double reference): function dtype inputs tessera_max_ulp numpy_max_ulp"
    for f in $functions; do
        { [ "$f" = power ] || [ "$f" = arctan2 ]; } && python3 "$tools/numpy_ulp.py" "$work/libelementary.so" "$f" float32 10000000 ||
        python3 "$tools/numpy_ulp.py" "$work/libelementary.so" "$f" float32
        python3 "$tools/numpy_ulp.py" "$work/libelementary.so" "$f" float64 10000000
    done
} | tee "$out"
