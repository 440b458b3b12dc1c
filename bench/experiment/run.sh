#!/bin/sh
# Builds bench/experiment/eval_bench.cpp against the static libraries of an existing native build
# (default build/native; `make engage_experiment` there first) and runs it.
set -e
cd "$(dirname "$0")/../.."
BUILD=${1:-build/native}
g++ -O2 -std=c++17 -Isdk/include -Isdk/src bench/experiment/eval_bench.cpp \
  "$BUILD/sdk/src/experiment/libengage_experiment.a" "$BUILD/sdk/src/base/libengage_base.a" \
  -lbenchmark -lpthread -o "$BUILD/bin/experiment_bench"
"$BUILD/bin/experiment_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
