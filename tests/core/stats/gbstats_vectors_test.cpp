// Every entry of tests/spec/gbstats_vectors.json (numbers from GrowthBook's gbstats unit tests, rounded
// to 5 decimals there) reproduced through the public analyze() at that rounding.
#include <cmath>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/stats.h"
#include "support/fakes.h"

namespace engage::stats {
namespace {

using detail::Json;

// The vectors are rounded to 5 decimals: agreement means equal after rounding, i.e. within half a
// unit of the 5th decimal (plus float noise).
constexpr double kTolerance = 0.5e-5 + 1e-12;

Json loadVectors() {
  auto parsed = detail::parseJson(testing::readFile(std::string(ENGAGE_SPEC_DIR) + "/gbstats_vectors.json"));
  EXPECT_TRUE(parsed.has_value());
  return parsed.value_or(Json::object());
}

// The two-variation experiment of one entry: "a" is the control, "b" the variation.
ExperimentData experimentOf(const Json& entry) {
  ExperimentData data;
  data.type = entry["a"].contains("sum_squares") ? MetricType::Mean : MetricType::Proportion;
  for (const char* arm : {"a", "b"}) {
    const Json& s = entry[arm];
    VariationSummary v;
    v.id = arm;
    v.users = s["n"].get<int64_t>();
    v.sum = s["sum"].get<double>();
    v.sumSquares = s.value("sum_squares", 0.0);
    data.variations.push_back(v);
  }
  return data;
}

void expectNear(double actual, const Json& expected, const std::string& what) {
  EXPECT_NEAR(actual, expected.get<double>(), kTolerance) << what;
}

void expectInterval(const Interval& ci, const Json& expected, const std::string& what) {
  expectNear(ci.lower, expected[0], what + " ci lower");
  expectNear(ci.upper, expected[1], what + " ci upper");
}

void checkFrequentist(const std::string& name, const Json& entry) {
  AnalysisOptions options;
  if (name.rfind("sequential_", 0) == 0) {
    options.sequential = true;
    // Entries without a tuning parameter use gbstats' default, which must be ours too.
    EXPECT_EQ(options.sequentialTuning, 5000.0);
    if (entry.contains("sequential_tuning_parameter")) {
      options.sequentialTuning = entry["sequential_tuning_parameter"].get<double>();
    }
  }
  const AnalysisResult result = analyze(experimentOf(entry), options);
  ASSERT_TRUE(result.ok) << name << ": " << result.error.message;
  const VariationResult& b = result.variations[1];
  const LiftEstimate& lift = name.find("absolute") != std::string::npos ? b.absolute : b.relative;
  ASSERT_TRUE(lift.available) << name;
  EXPECT_EQ(b.test, options.sequential ? "sequential" : "welch-t") << name;
  expectNear(lift.estimate, entry["expected"], name + " expected");
  expectInterval(lift.ci, entry["ci"], name);
  expectNear(lift.stddev, entry["uplift_stddev"], name + " stddev");
  expectNear(lift.pValue, entry["pValue"], name + " pValue");
}

void checkBayesian(const std::string& name, const Json& entry) {
  AnalysisOptions options;
  if (entry.contains("prior")) {
    options.prior = {entry["prior"]["mean"].get<double>(), entry["prior"]["variance"].get<double>(),
                     entry["prior"]["proper"].get<bool>()};
  }
  const AnalysisResult result = analyze(experimentOf(entry), options);
  ASSERT_TRUE(result.ok) << name << ": " << result.error.message;
  const BayesianEstimate& bayes = result.variations[1].bayesian;
  ASSERT_TRUE(bayes.available) << name;
  expectNear(bayes.expected, entry["expected"], name + " expected");
  expectInterval(bayes.ci, entry["ci"], name);
  expectNear(bayes.stddev, entry["uplift_stddev"], name + " stddev");
  expectNear(bayes.chanceToWin, entry["chanceToWin"], name + " chanceToWin");
  expectNear(bayes.riskControl, entry["risk"][0], name + " risk[0]");
  expectNear(bayes.riskVariation, entry["risk"][1], name + " risk[1]");
}

void checkSrm(const std::string& name, const Json& entry) {
  ExperimentData data;
  for (const Json& users : entry["users"]) data.variations.push_back({"v", users.get<int64_t>(), 0, 0});
  for (const Json& w : entry["weights"]) data.weights.push_back(w.get<double>());
  AnalysisOptions options;
  options.srmThreshold = entry["default_threshold"].get<double>();
  const AnalysisResult result = analyze(data, options);
  ASSERT_TRUE(result.ok) << name << ": " << result.error.message;
  EXPECT_NEAR(result.srm.chiSquare, entry["chi2"].get<double>(), 0.5e-4) << name;  // given to 4 decimals
  EXPECT_NEAR(result.srm.pValue, entry["pValue"].get<double>(), 0.5e-6) << name;    // given to 6 decimals
  EXPECT_EQ(result.srm.mismatch, entry["pValue"].get<double>() < options.srmThreshold) << name;
}

TEST(GbstatsVectors, EveryEntryIsReproduced) {
  const Json vectors = loadVectors();
  std::set<std::string> checked;
  for (auto it = vectors.begin(); it != vectors.end(); ++it) {
    const std::string& name = it.key();
    if (name.rfind('_', 0) == 0) continue;  // "_note"
    SCOPED_TRACE(name);
    if (name.rfind("frequentist_", 0) == 0 || name.rfind("sequential_", 0) == 0) {
      checkFrequentist(name, it.value());
    } else if (name.rfind("bayesian_", 0) == 0) {
      checkBayesian(name, it.value());
    } else if (name.rfind("srm_", 0) == 0) {
      checkSrm(name, it.value());
    } else {
      ADD_FAILURE() << "unhandled vector entry " << name;  // a new entry must get a checker, not be skipped
      continue;
    }
    checked.insert(name);
  }
  EXPECT_EQ(checked.size(), 9u) << "the vendored file has 9 entries";
}

}  // namespace
}  // namespace engage::stats
