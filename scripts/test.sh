#!/usr/bin/env bash
# Every test: install, build, then the GoogleTest suites natively and as wasm (ctest), the JS and
# end-to-end tests in real Chromium against the real collector, and the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
export NODE_PATH=/usr/share/nodejs

echo "== native tests"
(cd build/native && ctest --output-on-failure -j 2)
echo "== wasm tests (node)"
(cd build/wasm && ctest --output-on-failure -j 2)
echo "== type check"
node_modules/.bin/tsc -p js/tsconfig.json --noEmit
echo "== browser tests (Chromium)"
node --test --test-concurrency=1 tests/e2e/
echo "== experiment simulations (wasm core under node + collector)"
node --test tests/sim/
echo "== examples (Chromium)"
node --test --test-concurrency=1 tests/examples/
