#!/usr/bin/env bash
# Heap allocations per call of small cases, by difference of two runs under valgrind
# (N and 2N calls), as ci/callgrind-calls.sh does for instructions: memcheck's
# "total heap usage" counts every malloc, calloc, realloc and posix_memalign, so each
# Swift object (swift_allocObject) and each array buffer counts once.
#
#   bash ci/allocations-per-call.sh [case ...]      # default: the small-call cases
#   BENCH=path/to/bench bash ci/allocations-per-call.sh   # an already built bench
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "ci/allocations-per-call.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "${BENCH:-}" ]; then
    swift build -c release --product bench >/dev/null
    BENCH="$(swift build -c release --show-bin-path)/bench"
fi
# Valgrind 3.19 cannot read the DWARF 5 that Swift emits: run a copy without it.
objcopy --strip-debug "$BENCH" "$tmp/bench"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(add/float64/contiguous/8 multiply/float64/contiguous/8 exp/float64/contiguous/8 \
    add/float64/broadcast/8 sum/float64/contiguous/8 getitem/float64/scalar/1 add/float64/contiguous/1000 divide/int32/contiguous/1000)
n=1000
count() {  # case calls -> total allocations
    valgrind --tool=memcheck --leak-check=no "$tmp/bench" calls "$1" --calls "$2" --configuration "${TESSERA_CALLS_CONFIGURATION:-all}" >/dev/null 2>"$tmp/log" \
        || { cat "$tmp/log" >&2; return 1; }
    sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' "$tmp/log" | tr -d ,
}
printf '%-36s %s\n' case allocations/call
for c in "${cases[@]}"; do
    if ! one=$(count "$c" $n); then printf '%-36s %s\n' "$c" unavailable; continue; fi
    two=$(count "$c" $((2 * n)))
    printf '%-36s %s\n' "$c" "$(python3 -c "print(f'{($two - $one) / $n:.2f}')")"
done
