#!/usr/bin/env bash
# Trains the zstd dictionary the indexer compresses each item's JSON and text
# with (analyzers/data/text-dictionary.zstd; docs/schema.md, "Document data").
#
# Samples: the items of the Kent County Council PDFs and the English seed
# papers in ../shared/corpus, as the indexer stores them. Not Limerick, NYC or
# Cleveland: the benchmarks measure the dictionary on text it has not seen.
# The id stays 1129512961 only if the result is byte-identical; a different
# dictionary must get a new id (--dict-id), and text_codec.cpp must keep the
# old one, or databases written with it can no longer be read.
#
# usage: scripts/train-text-dictionary.sh [--dict-id N]   (needs the zstd program)
set -euo pipefail
cd "$(dirname "$0")/.."

dict_id=1129512961
[ "${1:-}" = "--dict-id" ] && dict_id="$2"
corpus=../shared/corpus
[ -d "$corpus/kent" ] || { echo "train-text-dictionary: $corpus/kent not found" >&2; exit 1; }
command -v zstd > /dev/null || { echo "train-text-dictionary: needs the zstd program (apt-get install zstd)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --target councilsearch-index item_samples -j "$(nproc)" > /dev/null
for name in kent seeds; do
  build/bin/councilsearch-index index "$corpus/$name" --db "$work/$name.db" > /dev/null 2> "$work/index.log" ||
    { cat "$work/index.log" >&2; exit 1; }
  build/bench/item_samples --db "$work/$name.db" --out "$work/samples/$name"
done
# A fixed order: zstd's training depends on the order of its samples.
find "$work/samples" -type f | LC_ALL=C sort > "$work/list"
mapfile -t samples < "$work/list"
zstd --train "${samples[@]}" --maxdict=131072 --dictID="$dict_id" -q -o analyzers/data/text-dictionary.zstd 2> "$work/train.log" ||
  { cat "$work/train.log" >&2; exit 1; }
echo "analyzers/data/text-dictionary.zstd: $(stat -c %s analyzers/data/text-dictionary.zstd) bytes, id $dict_id, from ${#samples[@]} samples"
