#!/usr/bin/env bash
# Fuzzes Tessera's parsers of outside data with libFuzzer: builds the targets of
# the separate package Fuzz/ with -sanitize=fuzzer,address (on the command line: no
# unsafeFlags in any Package.swift) and runs each target for a bounded time on its
# committed seed corpus Fuzz/Corpus/<target>/. Fails when any target finds a crash,
# and prints the reproducer.
#
#   bash ci/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=300 bash ci/fuzz.sh FuzzNPY
#
# Work lives in .build-fuzz/ (git-ignored): the build, the corpus each target grows
# (kept between runs, so later runs start where earlier ones stopped), crash artifacts
# and logs. Reproduce a crash with `.build-fuzz/build/debug/<target> <crash-file>`; turn
# it into a regression test in Tests/TesseraCoreTests/HardeningTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
work="$root/.build-fuzz"
targets=(FuzzDTypeParsing FuzzNPY FuzzNPZ FuzzBackendList)
[ $# -gt 0 ] && targets=("$@")

build=(swift build -c debug --package-path Fuzz --scratch-path "$work/build"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
echo "ci/fuzz.sh: building (${build[*]})"
# The linker warns about every ASan helper it cannot export; only real errors matter.
"${build[@]}" 2>&1 | grep -v "Cannot export local symbol" | tail -3
bin=$("${build[@]}" --show-bin-path)

# Swift's own backtracer fights libFuzzer's and ASan's signal handlers (and can hang).
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# Swift's runtime caches (metadata, conformances) live until exit by design.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
failed=()
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    log="$work/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    echo "ci/fuzz.sh: $target for $seconds s (seeds Fuzz/Corpus/$target, corpus $corpus)"
    status=0
    # The first corpus directory receives new inputs; the committed seeds stay read-only.
    # -rss_limit_mb also limits single mallocs: a huge allocation from a tiny input is a finding.
    "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    echo "ci/fuzz.sh: $target: exit $status, $runs executions, $cov, corpus $(ls "$corpus" | wc -l) inputs"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        grep -E 'ERROR|Fatal error|SUMMARY|==[0-9]+==|Test unit written' "$log" | head -20 || true
        echo "ci/fuzz.sh: full log: $log"
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "ci/fuzz.sh: FAILED: ${failed[*]} (reproducers in $work/artifacts/)" >&2
    exit 1
fi
echo "ci/fuzz.sh: no crashes in ${targets[*]}"
