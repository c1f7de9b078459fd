#!/usr/bin/env bash
# The README's run command: install what is missing, build, index the sample
# corpus in examples/corpus into build/demo.db, and show what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
db=build/demo.db
build/bin/councilsearch-index index examples/corpus --db "$db"
build/bin/councilsearch-index stats --db "$db"
echo
echo "Try: quest -d $db '\"children in care\"'"
