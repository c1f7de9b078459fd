#!/usr/bin/env bash
# The README's run command: install what is missing, build, index the sample
# corpus in examples/corpus into build/demo.db, and serve it with the web page
# on http://127.0.0.1:8080/ (PORT=... to change) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
db=build/demo.db
build/bin/councilsearch-index index examples/corpus --db "$db"
build/bin/councilsearch-index stats --db "$db"
port="${PORT:-8080}"
echo
echo "Open http://127.0.0.1:$port/ (Ctrl-C stops the server)"
exec build/bin/councilsearch-searchd --db "$db" --listen "127.0.0.1:$port"
