#!/usr/bin/env bash
# Installs what Tessera's tests and benchmarks need on Debian/Ubuntu, if missing:
# the C libraries the backends bind at run time, zlib headers (ZIPFoundation),
# and NumPy/mpmath/SciPy (the test oracle and the benchmark peer).
# Idempotent and quick when everything is present.
set -euo pipefail

need_packages=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libsleef.so.3 '    || need_packages+=(libsleef3 libsleef-dev)
have_lib 'libopenblas.so.0 ' || need_packages+=(libopenblas0-pthread libopenblas-dev)
have_lib 'libomp.so.5 '      || need_packages+=(libomp5 libomp-dev)
[ -f /usr/include/zlib.h ]   || need_packages+=(zlib1g-dev)
[ -n "$(command -v pkg-config)" ] || need_packages+=(pkg-config)

if [ ${#need_packages[@]} -gt 0 ]; then
    echo "ci/setup.sh: installing ${need_packages[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

PYTHON="${TESSERA_PYTHON:-python3}"
if ! "$PYTHON" -c 'import numpy, mpmath, scipy; assert int(numpy.__version__.split(".")[0]) >= 2' 2>/dev/null; then
    echo "ci/setup.sh: installing numpy>=2, mpmath, scipy for $PYTHON"
    "$PYTHON" -m pip install -q 'numpy>=2' mpmath scipy 2>/dev/null \
        || "$PYTHON" -m pip install -q --break-system-packages 'numpy>=2' mpmath scipy
fi
echo "ci/setup.sh: ready ($("$PYTHON" -c 'import numpy; print("numpy", numpy.__version__)'))"
