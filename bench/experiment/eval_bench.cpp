// Native per-call cost of feature evaluation (Google Benchmark). Build and run with
//   bench/experiment/run.sh [native build dir]
// The targets: a simple flag well under 1 us natively; experiment rules cost more (hashing,
// building the GrowthBook Experiment/Result JSON), regex conditions more again.
#include <benchmark/benchmark.h>

#include "engage/experiment.h"
#include "experiment/hashing.h"

namespace {

using Json = nlohmann::json;

const Json kFeatures = Json::parse(R"({
  "simple-flag": {"defaultValue": true},
  "targeted-flag": {"defaultValue": false, "rules": [
    {"condition": {"country": {"$in": ["US", "CA"]}, "plan": "pro"}, "force": true}]},
  "rollout-flag": {"defaultValue": false, "rules": [{"force": true, "coverage": 0.5, "hashVersion": 2}]},
  "experiment-flag": {"defaultValue": "blue", "rules": [{"key": "checkout-test", "hashVersion": 2,
    "variations": ["blue", "green"], "meta": [{"key": "control"}, {"key": "treatment"}]}]},
  "regex-flag": {"defaultValue": 0, "rules": [{"condition": {"ua": {"$regex": "(iPhone|Android).*Mobile"}}, "force": 1}]}
})");

engage::FeatureEvaluator makeEvaluator() {
  engage::FeatureEvaluator evaluator;
  evaluator.setFeatures(kFeatures);
  evaluator.setAttributes({{"id", "visitor-123"}, {"country", "US"}, {"plan", "pro"},
                           {"ua", "Mozilla/5.0 (Linux; Android 14) Chrome/120 Mobile Safari/537.36"}});
  return evaluator;
}

void evalLoop(benchmark::State& state, const char* key) {
  engage::FeatureEvaluator evaluator = makeEvaluator();
  for (auto _ : state) {
    engage::FeatureResult r = evaluator.evalFeature(key);
    benchmark::DoNotOptimize(r.on);
  }
}

void BM_SimpleFlag(benchmark::State& s) { evalLoop(s, "simple-flag"); }
void BM_TargetedFlag(benchmark::State& s) { evalLoop(s, "targeted-flag"); }
void BM_RolloutFlag(benchmark::State& s) { evalLoop(s, "rollout-flag"); }
void BM_ExperimentFlag(benchmark::State& s) { evalLoop(s, "experiment-flag"); }
void BM_RegexFlag(benchmark::State& s) { evalLoop(s, "regex-flag"); }

void BM_HashV2(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(engage::detail::gbHash("checkout-test", "visitor-123", 2));
}

BENCHMARK(BM_SimpleFlag);
BENCHMARK(BM_TargetedFlag);
BENCHMARK(BM_RolloutFlag);
BENCHMARK(BM_ExperimentFlag);
BENCHMARK(BM_RegexFlag);
BENCHMARK(BM_HashV2);

}  // namespace

BENCHMARK_MAIN();
