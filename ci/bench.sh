#!/usr/bin/env bash
# The benchmark report: installs what is missing, then runs the full suite under
# every available backend and NumPy, writing results/ (JSON, REPORT.md, SVG charts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
swift run -c release bench "$@"
