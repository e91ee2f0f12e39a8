#!/usr/bin/env bash
# Instructions per call of small cases, by difference of two callgrind runs
# (N and 2N calls), so set-up and the first call's caches cancel out. Repeatable on a
# noisy machine where timings of sub-microsecond calls are not.
#
#   bash ci/callgrind-calls.sh [case ...]      # default: the small-call cases
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "ci/callgrind-calls.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --product bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Valgrind 3.19 cannot read the DWARF 5 that Swift emits: profile a copy without it
# (the symbol table stays, so callgrind_annotate still names functions).
objcopy --strip-debug "$(swift build -c release --show-bin-path)/bench" "$tmp/bench"
bench=$tmp/bench
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(add/float64/contiguous/8 multiply/float64/contiguous/8 exp/float64/contiguous/8 \
    add/float64/broadcast/8 sum/float64/contiguous/8 getitem/float64/scalar/1 add/float64/contiguous/1000 divide/int32/contiguous/1000)
n=2000
count() {  # case calls -> total instructions
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$bench" calls "$1" --calls "$2" --configuration "${TESSERA_CALLS_CONFIGURATION:-all}" >/dev/null 2>"$tmp/log" \
        || { cat "$tmp/log" >&2; return 1; }
    sed -n 's/^summary: //p' "$tmp/out"
}
printf '%-36s %s\n' case instructions/call
for c in "${cases[@]}"; do
    if ! one=$(count "$c" $n); then printf '%-36s %s\n' "$c" unavailable; continue; fi
    two=$(count "$c" $((2 * n)))
    printf '%-36s %d\n' "$c" $(( (two - one) / n ))
done
