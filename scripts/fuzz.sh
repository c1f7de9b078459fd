#!/usr/bin/env bash
# Builds the analyzers' libFuzzer targets with clang and sanitizers in
# build-fuzz/ and runs them deterministically (-seed=1, fixed -runs) over the
# committed seed corpora in tests/analyzers/fuzz/corpus/. A failure prints the
# crashing input; rerun the same ctest command to reproduce it.
# For a longer exploratory run: build-fuzz/fuzz/fuzz_segmenter -max_total_time=600 NEW_DIR tests/analyzers/fuzz/corpus/segmenter
set -euo pipefail
cd "$(dirname "$0")/.."
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCOUNCILSEARCH_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build-fuzz -j"$(nproc)"
ctest --test-dir build-fuzz --output-on-failure -j"$(nproc)"
