#!/usr/bin/env bash
# Installs what Engage needs on a Debian machine, idempotently: Debian packages (once) and the npm
# dev dependencies (npm ci when node_modules is missing or older than the lock file).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake g++ clang-14 emscripten nlohmann-json3-dev libgtest-dev libcpp-httplib-dev
  libsqlite3-dev sqlite3 zlib1g-dev chromium brotli python3-scipy clickhouse-server clickhouse-client)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from elsewhere than Debian (as on these machines): install them only if absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
