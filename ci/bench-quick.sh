#!/usr/bin/env bash
# Quick benchmark smoke for CI: builds the harness in release and runs the quick suite.
# Fails (non-zero) when a backend's output disagrees with the scalar reference (exit 3)
# or a case cannot run (exit 1). About four minutes of benchmarking on 2 cores (three passes).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bench
peer=()
if python3 -c "import numpy" 2>/dev/null; then
    peer=(--peer numpy)
    # The peer's accuracy measure (the report's "vs correctly rounded" column) on outputs
    # with known errors.
    python3 Benchmarks/peers/numpy_peer_accuracy.py
fi
.build/release/bench run --quick "${peer[@]}"
