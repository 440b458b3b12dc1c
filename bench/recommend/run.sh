#!/bin/sh
# Builds and runs the recommend() benchmark natively and (if emcmake exists) as wasm under node,
# on a synthetic 50,000-item model; reports model bytes raw / gzip -9 / brotli -q 11.
# Usage: bench/recommend/run.sh [native-build-dir] [wasm-build-dir]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
native=${1:-$root/build/recommend-native/bench}
wasm=${2:-$root/build/recommend-wasm/bench}
out=$root/bench/results
mkdir -p "$out"
model=$out/recommend-50k.egrm

cmake -S "$root/bench/recommend" -B "$native" -DCMAKE_BUILD_TYPE=Release >/dev/null
make -C "$native" -j2 recommend_bench >/dev/null
"$native/recommend_bench" --out "$model" > "$out/recommend-native.json"
echo "native: $(cat "$out/recommend-native.json")"

raw=$(wc -c < "$model")
gz=$(gzip -9 -c "$model" | wc -c)
br=$(brotli -q 11 -c "$model" | wc -c)
echo "model bytes: raw $raw, gzip -9 $gz, brotli -q 11 $br"

if command -v emcmake >/dev/null 2>&1; then
  export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
  emcmake cmake -S "$root/bench/recommend" -B "$wasm" >/dev/null
  make -C "$wasm" -j2 recommend_bench >/dev/null
  # 3.1.6 output run by node 20: hand over the .wasm from disk (no fetch), CommonJS glue.
  (cd "$wasm" && echo '{"type":"commonjs"}' > package.json &&
   node --no-experimental-fetch recommend_bench.js --model "$model" > "$out/recommend-wasm.json")
  echo "wasm (node): $(cat "$out/recommend-wasm.json")"
fi
