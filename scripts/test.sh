#!/usr/bin/env bash
# The README's test command: install what is missing, build, run every test
# (GoogleTest suites with ctest, then the fuzzers' deterministic replays).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
scripts/fuzz.sh
