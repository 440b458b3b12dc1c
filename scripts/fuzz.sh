#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang-14, ASan + UBSan) in build/fuzz and runs each for
# a bounded time: first every seed and regression input in tests/fuzz/corpus/<target>/, then
# fuzzing from them. Fails when any target crashes, leaks, times out or breaks an invariant; the
# input is saved as build/fuzz/artifacts/<target>/crash-* (see tests/fuzz/README.md).
#   FUZZ_SECONDS=30          fuzzing time per target
#   FUZZ_JOBS=2              targets fuzzed at once
#   FUZZ_TARGETS="a b"       a subset (names as in tests/fuzz/corpus/, e.g. engine_commands)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build/fuzz
SECONDS_EACH=${FUZZ_SECONDS:-30}
JOBS=${FUZZ_JOBS:-2}
ALL_TARGETS=$(cd tests/fuzz && ls *_fuzz.cpp | sed 's/_fuzz\.cpp$//')
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}

# Longest input per target: big enough for the seeds and what they grow into, small enough that
# one execution stays cheap (models and stored queues are larger than a command list).
max_len() {
  case "$1" in
    recommend_model) echo 16384 ;;
    engine_commands | stored_queue | collector_batch) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

command -v clang++-14 >/dev/null || { echo "fuzz: clang++-14 is missing (scripts/setup.sh installs clang-14)"; exit 1; }
start=$(date +%s)
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -DENGAGE_FUZZ=ON -DENGAGE_TESTS=OFF \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target engage_fuzz
echo "fuzz: built in $(( $(date +%s) - start )) s"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

# Runs one target; its log goes to build/fuzz/logs/<target>.log, its status to <target>.status.
run_target() {
  local t=$1 bin="$BUILD/bin/fuzz_$1" seeds="tests/fuzz/corpus/$1"
  local work="$BUILD/corpus/$t" artifacts="$BUILD/artifacts/$t" log="$BUILD/logs/$t.log"
  mkdir -p "$work" "$artifacts" "$seeds"
  local dict=()
  if [ "$t" != recommend_model ]; then  # every other target reads JSON or text
    cat tests/fuzz/dict/json.dict >"$BUILD/dict/$t.dict"
    if [ -f "tests/fuzz/dict/$t.dict" ]; then cat "tests/fuzz/dict/$t.dict" >>"$BUILD/dict/$t.dict"; fi
    dict=(-dict="$BUILD/dict/$t.dict")
  fi
  local flags=(-max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/"
               -print_final_stats=1)
  # The committed inputs first (seeds and regressions): each must pass as it is.
  if ! "$bin" "${flags[@]}" -runs=0 "$seeds" >"$log" 2>&1; then echo fail >"$BUILD/logs/$t.status"; return; fi
  # New inputs go to the working corpus under build/; the committed seeds are only read.
  # A fixed seed (FUZZ_SEED, default 1) makes a CI run repeatable; set FUZZ_SEED=0 for a random one.
  if "$bin" "${flags[@]}" "${dict[@]}" -seed="${FUZZ_SEED:-1}" -max_total_time="$SECONDS_EACH" "$work" "$seeds" >>"$log" 2>&1; then
    echo ok >"$BUILD/logs/$t.status"
  else
    echo fail >"$BUILD/logs/$t.status"
  fi
}

mkdir -p "$BUILD/logs" "$BUILD/dict"
rm -f "$BUILD"/logs/*.status
running=0
for t in $TARGETS; do
  [ -x "$BUILD/bin/fuzz_$t" ] || { echo "fuzz: no target fuzz_$t in $BUILD/bin"; exit 1; }
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-20s %-6s %12s %10s\n' target result executions exec/s
for t in $TARGETS; do
  log="$BUILD/logs/$t.log"
  status=$(cat "$BUILD/logs/$t.status" 2>/dev/null || echo fail)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  printf '%-20s %-6s %12s %10s\n' "$t" "$status" "${runs:--}" "${rate:--}"
  if [ "$status" != ok ]; then
    failed=1
    echo "---- $t (log: $log)"
    grep -E 'ERROR|invariant|runtime error|SUMMARY|Test unit written|#[0-9]+ 0x' "$log" | head -25
  fi
done
echo "fuzz: $(( $(date +%s) - start )) s in all"
if [ "$failed" -ne 0 ]; then
  echo "fuzz: FAILED - reproduce with $BUILD/bin/fuzz_<target> <crash file>; see tests/fuzz/README.md"
  exit 1
fi
echo "fuzz: every target ran clean"
