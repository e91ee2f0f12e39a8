#!/usr/bin/env bash
# Fails when a committed generated file is not what its generator writes from the
# committed tables: someone edited the output instead of the table, or the table without
# regenerating. Needs only python3 (no NumPy) and takes well under a second.
#
# Checked here (fast, no dependencies):
#   Sources/TesseraCore/UFunc/Catalogue/generate_catalogue.py   the ufunc catalogue, free functions,
#                                                                Docs/NumPy.md's ufunc table
#   Backends/Scalar/generate_loops.py                           the scalar loop tables
#   Sources/TesseraCore/Random/generate_ziggurat.py             the ziggurat tables (2 s)
# Not checked here: Backends/SIMD/tools/fit_polynomials.py (mpmath, minutes): its output
# is checked by the tests that compare the kernels with NumPy.
#
# The generators run on a copy of the tree, so local edits are never overwritten.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
generated=(
    Sources/TesseraCore/UFunc/Catalogue
    Backends/Scalar
    Docs
    Sources/TesseraCore/Random
)
for dir in "${generated[@]}"; do
    mkdir -p "$scratch/$(dirname "$dir")"
    cp -R "$dir" "$scratch/$dir"
done
python3 "$scratch/Sources/TesseraCore/UFunc/Catalogue/generate_catalogue.py" >/dev/null
python3 "$scratch/Backends/Scalar/generate_loops.py" >/dev/null
python3 "$scratch/Sources/TesseraCore/Random/generate_ziggurat.py" >/dev/null
status=0
for dir in "${generated[@]}"; do
    # Only the Swift the generators write; caches such as __pycache__ are not compared.
    if ! diff -ru -x '__pycache__' "$dir" "$scratch/$dir"; then status=1; fi
done
if [ "$status" != 0 ]; then
    echo "ci/check-generated.sh: generated files differ from their generators' output (diff above: committed → regenerated); edit the table, run the generator, commit both" >&2
    exit 1
fi
echo "ci/check-generated.sh: every generated file matches its generator"
