#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need,
# then the web page's npm packages (web/package-lock.json) and the built
# chart library under web/vendor/. Idempotent: packages already present are
# not touched, `apt-get update` runs at most once, only when something is
# missing, and `npm ci` runs only when the lock file changed. Works as root or
# via sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  libicu-dev
  libcpp-httplib-dev nlohmann-json3-dev
  libpoppler-cpp-dev libxml2-dev libzstd-dev libjemalloc-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  zstd ghostscript
  chromium
)
# Node.js and npm for the web page's packages and browser tests: Debian's,
# unless a Node.js with npm is already installed.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages present"
else
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The web page's npm packages, exactly as locked; then the built files it loads.
web="$(cd "$(dirname "$0")/../web" && pwd)"
stamp="$web/node_modules/.councilsearch-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$web/package-lock.json" "$stamp"; then
  echo "install-deps: npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$stamp"
fi
if [ ! -f "$web/vendor/chart.umd.min.js" ] || [ "$web/node_modules/chart.js/dist/chart.umd.min.js" -nt "$web/vendor/chart.umd.min.js" ]; then
  (cd "$web" && node scripts/vendor.mjs)
fi
