#!/usr/bin/env bash
# Load run (a benchmark, not a test; CI does not run it): index a corpus,
# start searchd, and drive it with wrk -- 64 connections for 30 s of mixed
# search and trend requests (bench/load/mixed.lua). Fails if any request
# errs or gets a non-2xx answer.
#   scripts/load-test.sh [CORPUS_DIR]     default: examples/corpus
#   CONNECTIONS=64 DURATION=30s THREADS=2 SEARCHD_THREADS=128
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-examples/corpus}"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi
scripts/build.sh >/dev/null
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
build/bin/councilsearch-index index "$corpus" --db "$work/db" >/dev/null
build/bin/councilsearch-searchd --db "$work/db" --listen 127.0.0.1:0 --port-file "$work/port" \
  --threads "${SEARCHD_THREADS:-128}" --access-log none 2>"$work/searchd.log" &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
# Warm the page cache and the per-thread database handles.
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d3s -s bench/load/mixed.lua "http://127.0.0.1:$port" >/dev/null
echo "wrk -t${THREADS:-2} -c${CONNECTIONS:-64} -d${DURATION:-30s} --latency -s bench/load/mixed.lua (corpus: $corpus, $(nproc) cores)"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"${DURATION:-30s}" --latency -s bench/load/mixed.lua \
  "http://127.0.0.1:$port" | tee "$work/wrk.txt"
if grep -q "Non-2xx\|Socket errors" "$work/wrk.txt" || ! grep -q "errors: connect 0, read 0, write 0, timeout 0, non-2xx/3xx 0" "$work/wrk.txt"; then
  echo "load-test: FAILED: errors or non-2xx answers" >&2
  exit 1
fi
echo "load-test: no errors, every answer 2xx"
