#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer.
#
#   bash ci/sanitizers.sh                 # both
#   bash ci/sanitizers.sh address         # one of: address, thread
#
# Each sanitizer has its own scratch path (.build-asan, .build-tsan; git-ignored), so
# neither disturbs the plain debug build in .build. Too slow for .ci/run's 20-minute
# budget on 2 cores: run by hand before a release and after changes to storage,
# iteration, I/O or threading code. Prints the time each run took.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh >/dev/null
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)

# The Swift runtime's own backtracer fights the sanitizers' signal handlers.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
failed=()
for sanitizer in "${sanitizers[@]}"; do
    case "$sanitizer" in
        address) scratch=.build-asan ;;
        thread) scratch=.build-tsan ;;
        *) echo "ci/sanitizers.sh: unknown sanitizer '$sanitizer' (address, thread)" >&2; exit 2 ;;
    esac
    start=$(date +%s)
    log="$scratch/sanitizer-test-output.txt"
    mkdir -p "$scratch"
    echo "ci/sanitizers.sh: building the tests with --sanitize=$sanitizer in $scratch"
    swift build --build-tests --scratch-path "$scratch" --sanitize="$sanitizer" 2>&1 | tail -2
    built=$(date +%s)
    echo "ci/sanitizers.sh: running the tests under $sanitizer (log: $log)"
    status=0
    # Any report fails the run (checked below), even if the tests themselves pass.
    # ThreadSanitizer runs to the end so that every distinct report is listed. No TSan report is
    # suppressed. What TSan cannot see is stated instead: shared state is guarded by
    # TesseraCore's `Locked` (a pthread mutex, which TSan intercepts; not
    # Synchronization.Mutex, whose futex it cannot see on Linux), and the OpenMP shim
    # annotates the fork and join of each libomp region (libomp is not instrumented).
    # LeakSanitizer runs with AddressSanitizer: memory still unreachable at exit fails the run.
    # The one suppression (XCTest's runner, not Tessera) is justified in its file.
    ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/ci/lsan-suppressions.txt:print_suppressions=1}" \
    TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1}" \
        swift test --skip-build --scratch-path "$scratch" --sanitize="$sanitizer" >"$log" 2>&1 || status=$?
    end=$(date +%s)
    grep -E "Test run with|Executed [0-9]+ tests" "$log" | tail -2 || true
    if grep -qE "^(SUMMARY: (Address|Thread|Leak)Sanitizer|WARNING: ThreadSanitizer)" "$log"; then
        grep -E "^(SUMMARY|WARNING): (Address|Thread|Leak)Sanitizer" "$log" | sort | uniq -c | head -20
        status=1
    fi
    echo "ci/sanitizers.sh: $sanitizer: exit $status; build $((built - start)) s, tests $((end - built)) s"
    [ "$status" -ne 0 ] && failed+=("$sanitizer")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "ci/sanitizers.sh: FAILED under ${failed[*]}" >&2
    exit 1
fi
echo "ci/sanitizers.sh: the test suite passes under ${sanitizers[*]}"
