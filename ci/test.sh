#!/usr/bin/env bash
# The whole test suite: installs what is missing, then runs every test target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
