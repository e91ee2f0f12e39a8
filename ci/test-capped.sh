#!/usr/bin/env bash
# The suites that compare with NumPy, a second time on other code paths: NumPy held to its
# baseline build (every vector dispatch group this CPU has disabled through
# NPY_DISABLE_CPU_FEATURES) and Tessera's vector code capped at SSE2 (TESSERA_MAX_ISA).
# Tessera's results must not depend on the CPU, and where NumPy's do, the tests hold
# NumPy only to the documented slack (Docs/NumPy.md), so they pass on either path.
#
#   bash ci/test-capped.sh                       # baseline NumPy, TESSERA_MAX_ISA=sse2
#   NUMPY_CAP=avx2 TESSERA_MAX_ISA=avx2 bash ci/test-capped.sh   # NumPy's AVX2 paths
#
# Expects the tests built (ci/test.sh builds them).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${TESSERA_PYTHON:-python3}"
# NumPy 2.4's x86 dispatch groups, widest last; disable those above the chosen level that
# this CPU has (disabling one it lacks is not needed and not allowed).
groups=$("$PYTHON" - "${NUMPY_CAP:-baseline}" <<'PY'
import sys
from numpy._core._multiarray_umath import __cpu_dispatch__ as dispatch, __cpu_features__ as have
keep = {'baseline': [], 'avx2': ['X86_V3']}[sys.argv[1]]
print(' '.join(g for g in dispatch if have.get(g) and g not in keep))
PY
)
export NPY_DISABLE_CPU_FEATURES="$groups"
export TESSERA_MAX_ISA="${TESSERA_MAX_ISA:-sse2}"
suites='UFuncLoopTests|CPUIndependentRulesTests|DifferentialTests|SpecialValueTests|MathTests|ReductionTests|ReductionOrderTests|TypeResolutionTests|CastingTests|ArithmeticTests|MatmulTests|OpenBLASMatmulTests|SummationAccuracyTests'
echo "ci/test-capped.sh: NPY_DISABLE_CPU_FEATURES=\"$NPY_DISABLE_CPU_FEATURES\" TESSERA_MAX_ISA=$TESSERA_MAX_ISA"
"$PYTHON" -c 'import numpy as np; from numpy._core._multiarray_umath import __cpu_features__ as f; print("ci/test-capped.sh: NumPy dispatch groups left:", [g for g in ("X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR") if f.get(g)])'
swift test --skip-build --filter "$suites" 2>&1 | tee .build/test-capped-output.txt
