#!/usr/bin/env bash
# Installs the Debian packages (if missing) and builds everything in build/.
# In CI (CI=true) warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCOUNCILSEARCH_WERROR="$werror"
cmake --build build -j"$(nproc)"
