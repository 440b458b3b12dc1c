#!/usr/bin/env bash
# The native GoogleTest suites, the tools' contract tests and the collector, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (-DENGAGE_SANITIZE=ON, gcc) in build/asan, then run
# by ctest. Any sanitizer report fails the test that triggered it (-fno-sanitize-recover=all).
#   JOBS=2                      parallel build and test jobs
#   SANITIZE_EXCLUDE=<regex>    ctest -E: tests left out. Default: the two that need more than this
#                               machine's processes - collector.dashboard (headless Chromium) and
#                               collector.clickhouse (starts a clickhouse-server).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build/asan
JOBS=${JOBS:-2}
EXCLUDE=${SANITIZE_EXCLUDE:-'^collector\.(dashboard|clickhouse)$'}

start=$(date +%s)
cmake -S . -B "$BUILD" -DENGAGE_SANITIZE=ON -DENGAGE_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$JOBS"

# Leaks count as failures; a report stops the process at once with a stack.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== sanitized tests (ctest -E '$EXCLUDE')"
(cd "$BUILD" && ctest --output-on-failure -j "$JOBS" -E "$EXCLUDE")
echo "sanitize: passed in $(( $(date +%s) - start )) s"
