#!/usr/bin/env bash
# Proves Tessera is usable as a versioned dependency: publishes HEAD as a local git
# repository tagged 1.0.0 and builds Examples/Consumer against it with `from: "1.0.0"`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=/tmp/tessera-consumer
rm -rf "$root"
mkdir -p "$root"
git clone -q --bare . "$root/Tessera.git"
git -C "$root/Tessera.git" tag -f 1.0.0 HEAD >/dev/null
cp -r Examples/Consumer "$root/Consumer"
cd "$root/Consumer"
swift build 2>&1 | tail -3
swift run Consumer
