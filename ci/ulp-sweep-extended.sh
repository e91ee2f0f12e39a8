#!/usr/bin/env bash
# Measures the maximum error in ULP of the SIMD backend's second set of elementary loops
# (expm1, log1p, arcsin, arccos, sinh, cbrt, hypot) and of those derived from exp and log
# (exp2, log2, log10, cosh, arcsinh, arccosh, arctanh): float32 over all 2^32 inputs (hypot: 2^32
# pairs), float64 over 10^7 inputs, against a correctly rounded reference, at AVX2,
# AVX-512 and SSE2 (tools/ulp_sweep_extended.c; float32 at the widest AVX level and SSE2); then NumPy's loops and Tessera's on the same
# inputs against a long-double reference (tools/numpy_ulp_extended.py; float32 on every
# 1021st bit pattern, float64 on 10^6 inputs). Prints the table; its rows go into
# Backends/SIMD/tools/ulp-sweep.txt and ElementaryLoops.measuredMaxULP. Takes
# about an hour on one idle core; run by hand after changing a kernel.
#
#   bash ci/ulp-sweep-extended.sh [FUNCTION ...]      (default: every function)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shim="$root/Backends/SIMD/_TesseraSIMDShim"
tools="$root/Backends/SIMD/tools"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kernels="$shim/elementary/Expm1.c $shim/elementary/Log1p.c $shim/elementary/Log1pF32.c $shim/elementary/Arcsin.c $shim/elementary/Sinh.c $shim/elementary/Cbrt.c $shim/elementary/CbrtF32.c $shim/elementary/CbrtF64.c $shim/elementary/Hypot.c"
kernels="$kernels $shim/elementary/Exp2.c $shim/elementary/Log2Log10.c $shim/elementary/Cosh.c $shim/elementary/InverseHyperbolic.c"
# Each kernel file's SSE2 twin (elementary/sse2/NameSSE2.c), where it has one
# (Log1pF32.c, CbrtF32.c and CbrtF64.c, AVX2 and AVX-512 only, have none: log1p float32 and cbrt at
# SSE2 are Log1p.c's and Cbrt.c's).
for k in $kernels; do
    twin="$shim/elementary/sse2/$(basename "$k" .c)SSE2.c"
    if [ -f "$twin" ]; then kernels="$kernels $twin"; fi
done
# Kernels with no SSE2 twin (float32 lanes at AVX2 and AVX-512 only; Log2F32.c at AVX-512
# only).
kernels="$kernels $shim/elementary/Expm1F32.c $shim/elementary/SinhF32.c $shim/elementary/InverseHyperbolicF32.c $shim/elementary/Exp2F32.c $shim/elementary/CoshF32.c $shim/elementary/Log2F32.c"
clang -O2 -I "$shim/include" -o "$work/ulp_sweep_extended" "$tools/ulp_sweep_extended.c" $kernels -lm
clang -O2 -shared -fPIC -I "$shim/include" -o "$work/libelementary.so" $kernels -lm
functions=${*:-expm1 log1p arcsin arccos sinh cbrt hypot exp2 log2 log10 cosh arcsinh arccosh arctanh}
isas="avx2"
grep -q avx512f /proc/cpuinfo && isas="avx2 avx512"
echo "# ulp_sweep_extended ($(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)): function dtype isa inputs max_ulp worst_input nan_mismatches"
for f in $functions; do
    "$work/ulp_sweep_extended" "$f" float32 "${isas##* }"
    # float32 log2 and log10: AVX-512 has a kernel of its own (Log2F32.c), AVX2 is swept apart.
    case $f in
        log2 | log10) [ "$isas" != avx2 ] && "$work/ulp_sweep_extended" "$f" float32 avx2 ;;
    esac
    # SSE2: the reference only where the SSE2 and AVX2 loops differ (elsewhere the AVX
    # row's figure holds; the AVX levels agree bit for bit).
    "$work/ulp_sweep_extended" "$f" float32 sse2-vs-avx2
    for isa in $isas sse2; do
        "$work/ulp_sweep_extended" "$f" float64 "$isa" 10000000 1
        # Runs of 1024 inputs of one kind: blocks without special operands take a
        # block-checked loop's lean kernel.
        "$work/ulp_sweep_extended" "$f" float64 "$isa" 10000000 1 1024 | sed 's/$/ run=1024/'
        # Dense below |x| = 1, where sinh's odd series and expm1's change of n (near
        # ±ln2/2) lie: their wide common ranges leave that interval few inputs.
        case $f in
            sinh | expm1) "$work/ulp_sweep_extended" "$f" float64 "$isa" 10000000 1 1024 -1 1 | sed 's/$/ run=1024 range=-1,1/' ;;
            arctanh) "$work/ulp_sweep_extended" "$f" float64 "$isa" 100000000 5 1024 -1 1 | sed 's/$/ run=1024 range=-1,1/' ;;
        esac
        # Dense near 0 and at the ends of the range: exp2's subnormal results (rounded
        # once from two doubles), cosh's small arguments and those just below overflow.
        case $f in
            exp2)
                "$work/ulp_sweep_extended" "$f" float64 "$isa" 100000000 2 1024 -1075 -1020 | sed 's/$/ run=1024 range=-1075,-1020/'
                "$work/ulp_sweep_extended" "$f" float64 "$isa" 100000000 1 1024 -2 2 | sed 's/$/ run=1024 range=-2,2/' ;;
            cosh)
                "$work/ulp_sweep_extended" "$f" float64 "$isa" 100000000 1 1024 -2 2 | sed 's/$/ run=1024 range=-2,2/'
                "$work/ulp_sweep_extended" "$f" float64 "$isa" 100000000 2 1024 700 711 | sed 's/$/ run=1024 range=700,711/' ;;
        esac
    done
done
echo "# numpy_ulp_extended (NumPy $(python3 -c 'import numpy; print(numpy.__version__)'), same inputs, long-double reference): function dtype inputs tessera_max_ulp numpy_max_ulp"
for f in $functions; do
    python3 "$tools/numpy_ulp_extended.py" "$work/libelementary.so" "$f" float32 1021
    python3 "$tools/numpy_ulp_extended.py" "$work/libelementary.so" "$f" float64 1000000
    python3 "$tools/numpy_ulp_extended.py" "$work/libelementary.so" "$f" float64 1000000 sse2 | sed 's/$/ sse2/'
done
