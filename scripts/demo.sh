#!/usr/bin/env bash
# The main job: install, build, and start the collector serving the demo shop and the dashboard on
# 127.0.0.1 with its embedded SQLite database. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
PORT=${PORT:-8080}
DB=${DB:-build/demo/engage.db}
mkdir -p "$(dirname "$DB")"
echo
echo "Demo shop:  http://127.0.0.1:$PORT/"
echo "Dashboard:  http://127.0.0.1:$PORT/dashboard/"
exec build/native/bin/engage-collector --host 127.0.0.1 --port "$PORT" --db "$DB" --root .
