#!/usr/bin/env bash
# Fails if any manifest uses unsafeFlags: a product with unsafe flags
# cannot be depended on by version. Comments that mention the word do not count.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE --include=Package.swift '^[^/]*\bunsafeFlags[[:space:]]*\(' . --exclude-dir=.build --exclude-dir='.build-*'; then
    echo "error: unsafeFlags found in a Package.swift: SwiftPM refuses a product with unsafe flags to every package that depends on it by version; put vector code in a C shim with per-function target attributes instead" >&2
    exit 1
fi
echo "ci/check-package.sh: no unsafeFlags in any Package.swift"
