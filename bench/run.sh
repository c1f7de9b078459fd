#!/usr/bin/env bash
# The benchmark suite (not a test: CI does not run it). One command:
#
#   bench/run.sh [quick|full|scale|queries] results: build/bench-work/results.jsonl and a
#                                  Markdown report on standard output
#
# quick (under 5 minutes): Limerick (2,095 papers) with the peers and NYC
# legislation (21,532 records) without, wrk for 3 s per point. full: both with
# the peers, wrk for 10 s, then the Cleveland City Record (396 MB) and
# synthetic scaling of real text to 10k, 100k and 1M items (SCALE_SIZES).
# scale: only the scaling runs, added to the last run's results. queries: the
# query steps again on databases a run left (QUERY_CORPORA), added to the
# last run's results. For each corpus: councilsearch
# indexing (wall, CPU, MB/s, papers/s, items/s, peak RSS, database size before
# and after xapian-compact), the query workload in-process (search top 10 with
# facets and snippets; trends of 1 and 6 series monthly, and split by
# committee), the same over HTTP with wrk at 1, 16 and 64 connections, and the
# peers on the same documents and queries: Xapian omindex, SQLite FTS5 and
# Lucene 8. Peers and tools are installed if missing (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
root="$(pwd)"
shared="$(cd .. && pwd)/shared"
work="${BENCH_WORK:-$root/build/bench-work}"
queries="$shared/bench/queries.txt"
if [ "$mode" = quick ]; then duration="${WRK_DURATION:-3s}"; else duration="${WRK_DURATION:-10s}"; fi
# Turns each indexer takes on a corpus with peers (the faster is reported).
if [ "$mode" = quick ]; then index_rounds="${INDEX_ROUNDS:-1}"; else index_rounds="${INDEX_ROUNDS:-2}"; fi
mkdir -p "$work"
results="$work/results.jsonl"
[ "$mode" = scale ] || [ "$mode" = queries ] || : > "$results"  # scale and queries add to the last run

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
need=()
for p in wrk time xapian-omega liblucene8-java default-jdk-headless sqlite3 python3 gnuplot-nox zstd; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
scripts/build.sh >/dev/null
cmake --build build -j"$(nproc)" --target query_bench xapian_plain_bench >/dev/null
lucene_cp="$(ls /usr/share/java/lucene-{core,analyzers-common,queryparser,highlighter,queries,memory}-8*.jar | tr '\n' ':')"
mkdir -p "$work/lucene-classes"
javac -nowarn -cp "$lucene_cp" -d "$work/lucene-classes" bench/peers/LuceneBench.java

record() { echo "$1" >> "$results"; echo "$1"; }

# time -v output -> JSON fields
time_json() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
              END { printf "\"wall_s\": %.2f, \"cpu_s\": %.2f, \"peak_rss_mb\": %.1f", wall, user + sys, rss / 1024 }' "$1"
}

# Our query workload on $work/NAME/ours.compact: in-process, then over HTTP.
measure_queries() {
  local name="$1" trend_query="$2"
  local out="$work/$name"
  # the peers' queries (compared pair by pair), then our own with filters,
  # themes and money ranges (no peer has them), reported apart
  build/bench/query_bench --db "$out/ours.compact" --queries "$queries" --rounds 2 --json \
    --trend-query "$trend_query" | while read -r line; do record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"query\", ${line:1}"; done
  build/bench/query_bench --db "$out/ours.compact" --queries bench/queries/filtered.txt --rounds 5 --json --mode search \
    | sed 's/"mode":"search"/"mode":"search-filtered"/' \
    | while read -r line; do record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"query\", ${line:1}"; done
  # Trends and searches with matches and hits kept between queries, as
  # searchd keeps them (the lines above evaluate every query and read every
  # hit afresh, as the peers do).
  for m in trend1 search; do
    build/bench/query_bench --db "$out/ours.compact" --queries "$queries" --rounds 2 --json --mode "$m" \
      --match-cache-mb 16 --hit-cache-mb 32 --facet-cache-mb 8 \
      | sed "s/\"mode\":\"$m\"/\"mode\":\"$m-kept\"/" \
      | while read -r line; do record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"query\", ${line:1}"; done
  done
  for m in search trend1; do
    build/bench/query_bench --db "$out/ours.compact" --queries bench/queries/dated.txt --rounds 5 --json --mode "$m" \
      | sed "s/\"mode\":\"$m\"/\"mode\":\"${m%1}-dated\"/" \
      | while read -r line; do record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"query\", ${line:1}"; done
  done

  # over HTTP
  # searchd writes the port file once it listens: a file left by an earlier
  # run (queries mode reuses the folder) must not count.
  rm -f "$out/port"
  build/bin/councilsearch-searchd --db "$out/ours.compact" --listen 127.0.0.1:0 --port-file "$out/port" --access-log none 2>/dev/null &
  local pid=$!
  for _ in $(seq 600); do [ -s "$out/port" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ -s "$out/port" ] || { echo "searchd did not start on $out/ours.compact" >&2; exit 1; }
  local url="http://127.0.0.1:$(cat "$out/port")"
  QUERIES="$queries" wrk -t2 -c16 -d3s -s bench/load/queries.lua "$url" > /dev/null  # warm-up
  for c in 1 16 64; do
    for m in search trend; do
      local t=2; [ "$c" = 1 ] && t=1
      line="$(MODE=$m QUERIES="$queries" wrk -t$t -c$c -d"$duration" -s bench/load/queries.lua "$url" | tail -1)"
      record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"http\", \"mode\": \"$m\", \"connections\": $c, ${line:1}"
    done
  done
  local rss; rss="$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")"
  record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"searchd\", \"rss_mb\": $(python3 -c "print(round($rss / 1024, 1))")}"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # Trends and searches at 64 connections again with nothing kept
  # (--match-cache-mb 0 --hit-cache-mb 0 --facet-cache-mb 0): every query
  # evaluated, counted and its hits read afresh, what a workload that never
  # repeats costs.
  rm -f "$out/port"
  build/bin/councilsearch-searchd --db "$out/ours.compact" --listen 127.0.0.1:0 --port-file "$out/port" --access-log none \
    --match-cache-mb 0 --hit-cache-mb 0 --facet-cache-mb 0 2>/dev/null &
  pid=$!
  for _ in $(seq 600); do [ -s "$out/port" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ -s "$out/port" ] || { echo "searchd did not start on $out/ours.compact" >&2; exit 1; }
  url="http://127.0.0.1:$(cat "$out/port")"
  for m in search trend; do
    MODE=$m QUERIES="$queries" wrk -t2 -c64 -d3s -s bench/load/queries.lua "$url" > /dev/null  # warm-up
    line="$(MODE=$m QUERIES="$queries" wrk -t2 -c64 -d"$duration" -s bench/load/queries.lua "$url" | tail -1)"
    record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"http\", \"mode\": \"$m-nothing-kept\", \"connections\": 64, ${line:1}"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# Seconds of wall time in a GNU time -v file.
wall_of() {
  awk -F': ' '/Elapsed/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}

# Of the time files given, copies the one with the least wall time to $1.
keep_fastest() {
  local to="$1" f; shift
  cp "$(for f in "$@"; do echo "$(wall_of "$f") $f"; done | sort -g | head -1 | cut -d' ' -f2-)" "$to"
}

# The wall times of the time files given, as a JSON list.
walls_json() {
  local sep="" f; printf '['
  for f in "$@"; do printf '%s%s' "$sep" "$(wall_of "$f")"; sep=", "; done
  printf ']'
}

bench_corpus() {
  local name="$1" source="$2" trend_query="$3" peers="${4:-peers}"
  local out="$work/$name"
  rm -rf "$out" && mkdir -p "$out"
  echo "== $name ($source)" >&2
  local mb papers items
  # Peers index whole files (or records) as documents.
  local files="$source"
  if [ "$peers" = peers ] && [[ "$source" == *.jsonl ]]; then
    files="$out/files"
    python3 - "$source" "$files" <<'PY'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    r = json.loads(line)
    with open(os.path.join(sys.argv[2], f"{i}.txt"), "w", encoding="utf-8") as f:
        f.write(r.get("text") or "")
PY
  fi
  # Indexing: with the peers, councilsearch and omindex take turns
  # INDEX_ROUNDS times (ours, omindex, ours, omindex, ...) and the faster
  # round of each is reported, every round's wall time beside it: this
  # machine's speed drifts by a third within minutes, and one round each
  # compared two different machines.
  local rounds=1 r
  [ "$peers" = peers ] && rounds="$index_rounds"
  for r in $(seq "$rounds"); do
    rm -rf "$out/ours.db"
    if [[ "$source" == *.jsonl ]]; then
      /usr/bin/time -v -o "$out/ours.time.$r" build/bin/councilsearch-index import "$source" --db "$out/ours.db" > "$out/ours.log" 2>&1 || true
    else
      /usr/bin/time -v -o "$out/ours.time.$r" build/bin/councilsearch-index index "$source" --db "$out/ours.db" > "$out/ours.log" 2>&1 || true
    fi
    [ "$peers" = peers ] || continue
    rm -rf "$out/omega.db"
    /usr/bin/time -v -o "$out/omindex.time.$r" omindex --db "$out/omega.db" --url / -Mmd:text/plain -Mjsonl: "$files" > /dev/null 2>&1
  done
  keep_fastest "$out/ours.time" "$out"/ours.time.*
  mb="$(grep -oE '[0-9.]+ MB read' "$out/ours.log" | tail -1 | cut -d' ' -f1)"
  build/bin/councilsearch-index stats --db "$out/ours.db" --json > "$out/stats.json"
  papers="$(python3 -c "import json; print(json.load(open('$out/stats.json'))['papers'])")"
  items="$(python3 -c "import json; print(json.load(open('$out/stats.json'))['items'])")"
  xapian-compact "$out/ours.db" "$out/ours.compact" > /dev/null
  local size before wall
  before="$(du -sb "$out/ours.db" | cut -f1)"; size="$(du -sb "$out/ours.compact" | cut -f1)"
  wall="$(wall_of "$out/ours.time")"
  record "{\"corpus\": \"$name\", \"engine\": \"councilsearch\", \"step\": \"index\", $(time_json "$out/ours.time"), \"walls_s\": $(walls_json "$out"/ours.time.*), \"mb\": $mb, \"papers\": $papers, \"items\": $items, \"mb_per_s\": $(python3 -c "print(round($mb / $wall, 2))"), \"papers_per_s\": $(python3 -c "print(round($papers / $wall, 1))"), \"items_per_s\": $(python3 -c "print(round($items / $wall, 1))"), \"db_mb\": $(python3 -c "print(round($before / 1e6, 1))"), \"compact_mb\": $(python3 -c "print(round($size / 1e6, 1))")}"
  measure_queries "$name" "$trend_query"

  [ "$peers" = peers ] || return 0
  keep_fastest "$out/omindex.time" "$out"/omindex.time.*
  xapian-compact "$out/omega.db" "$out/omega.compact" > /dev/null
  record "{\"corpus\": \"$name\", \"engine\": \"omindex\", \"step\": \"index\", $(time_json "$out/omindex.time"), \"walls_s\": $(walls_json "$out"/omindex.time.*), \"mb\": $mb, \"mb_per_s\": $(python3 -c "print(round($mb / $(wall_of "$out/omindex.time"), 2))"), \"db_mb\": $(du -sb "$out/omega.db" | awk '{ printf "%.1f", $1 / 1e6 }'), \"compact_mb\": $(du -sb "$out/omega.compact" | awk '{ printf "%.1f", $1 / 1e6 }')}"
  line="$(build/bench/xapian_plain_bench "$out/omega.compact" "$queries" "$files/")"
  record "{\"corpus\": \"$name\", \"step\": \"query\", ${line:1}"
  line="$(python3 bench/peers/fts5_bench.py --corpus "$source" --queries "$queries" --db "$out/fts5.db" --trend-query "$trend_query")"
  record "{\"corpus\": \"$name\", \"step\": \"all\", ${line:1}"
  python3 bench/peers/corpus.py "$source" "$out/stream" > /dev/null
  line="$(java -Xmx1g -cp "$lucene_cp$work/lucene-classes" LuceneBench "$out/stream" "$queries" "$out/lucene" "$trend_query")"
  record "{\"corpus\": \"$name\", \"step\": \"all\", ${line:1}"
  rm -rf "$out/stream" "$out/files"
}

if [ "$mode" = queries ]; then
  # Re-measure the queries on databases a run left (QUERY_CORPORA), with the
  # code as it is now: e.g. QUERY_CORPORA=scale-1000000 bench/run.sh queries.
  # A database of an older format is upgraded in place first (the indexer
  # does that on opening; with nothing to index it only upgrades).
  mkdir -p "$work/nothing"
  for name in ${QUERY_CORPORA:?names of build/bench-work/ folders}; do
    build/bin/councilsearch-index index "$work/nothing" --db "$work/$name/ours.compact" > /dev/null
    measure_queries "$name" council
  done
  python3 bench/report.py "$results"
  exit 0
fi
if [ "$mode" != scale ]; then
  bench_corpus limerick "$shared/corpus/limerick" council
  zstd -dcf "$shared/corpus/bench/nyc-legislation.jsonl.zst" > "$work/nyc-legislation.jsonl"
  bench_corpus nyc "$work/nyc-legislation.jsonl" council "$([ "$mode" = full ] && echo peers || echo ours)"
fi
if [ "$mode" != quick ]; then
  tar --zstd -xf "$shared/corpus/bench/cleveland-city-record.tar.zst" -C "$work"
  [ "$mode" = scale ] || bench_corpus cleveland "$work/cleveland-city-record" council
  # Synthetic scaling of real text; the peers at 100k items only (the
  # issue's reference sizes), ours at every size.
  for n in ${SCALE_SIZES:-10000 100000 1000000}; do
    python3 bench/make_scale_corpus.py "$work/cleveland-city-record" "$n" "$work/scale-$n.jsonl" >&2
    bench_corpus "scale-$n" "$work/scale-$n.jsonl" council "$([ "$n" = 100000 ] && echo peers || echo ours)"
    rm -f "$work/scale-$n.jsonl"
  done
  python3 bench/plot_scale.py "$results" docs/benchmarks >&2
fi
python3 bench/report.py "$results"
