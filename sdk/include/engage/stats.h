// Experiment analysis: from per-variation summaries (exposed visitors, conversions or a metric's sum
// and sum of squares) to lifts with intervals, p-values, a Bayesian chance to win and a sample-ratio-
// mismatch check. The formulas follow GrowthBook's gbstats (frequentist/tests.py, bayesian/tests.py,
// utils.py) and are pinned by tests/spec/gbstats_vectors.json. Pure and synchronous; nothing throws;
// the same code runs in the collector, the engage-stats CLI and the wasm module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace engage::stats {

// Proportion: `sum` counts converted visitors (0..users); a visitor's value is 0 or 1.
// Mean: `sum` and `sumSquares` add each visitor's value (e.g. revenue) and its square.
enum class MetricType { Proportion, Mean };

// For proportions only: Welch (gbstats' default: Welch t on unpooled variances p(1-p)) or the classic
// two-proportion z-test (normal reference, pooled variance for the null hypothesis of no difference).
enum class ProportionTest { Welch, PooledZ };

struct VariationSummary {
  std::string id;          // variation key as logged in `Experiment Viewed` (e.g. "0", "1")
  int64_t users = 0;       // exposed visitors
  double sum = 0;          // conversions, or the sum of the metric over visitors
  double sumSquares = 0;   // Mean metrics only: sum of the squared values
};

// Adds one exposed visitor whose metric value is `value` (1 or 0 for a conversion, the revenue for a
// mean metric): users + 1, sum + value, sumSquares + value^2. How the collector builds summaries from
// `Experiment Viewed` and goal events.
void addVisitor(VariationSummary& summary, double value);

struct ExperimentData {
  std::string experiment;                  // experiment key (informational)
  std::string metric;                      // metric / goal event name (informational)
  MetricType type = MetricType::Proportion;
  std::vector<VariationSummary> variations;
  std::vector<double> weights;             // design traffic weights; empty means equal weights
};

// Prior on the relative lift for the Bayesian result (gbstats' GaussianPrior).
struct GaussianPrior {
  double mean = 0.0;
  double variance = 1.0;
  bool proper = false;  // false: improper flat prior, the Bayesian mean equals the observed lift
};

// Every default of the analysis in one place.
struct AnalysisOptions {
  double alpha = 0.05;             // two-sided level: intervals are (1 - alpha), significant at p < alpha
  int baseline = 0;                // index of the control variation
  bool sequential = false;         // always-valid intervals and p-values, safe under peeking
  double sequentialTuning = 5000;  // gbstats' N: the total sample size where the sequence is tightest
  ProportionTest proportionTest = ProportionTest::Welch;
  GaussianPrior prior;             // on the relative lift
  bool inverse = false;            // lower is better (chance to win and risks flip)
  double srmThreshold = 0.001;     // flag a sample-ratio mismatch below this chi-square p-value
  int maxVariations = 64;          // inputs with more variations are rejected (untrusted JSON)
};

struct Interval {
  double lower = 0;
  double upper = 0;
};

// A lift of the variation over the baseline, absolute (mean_b - mean_a) or relative
// ((mean_b - mean_a) / mean_a, variance by the delta method).
struct LiftEstimate {
  bool available = false;  // false when undefined (see VariationResult::note); other fields are 0
  double estimate = 0;
  double stddev = 0;       // standard error of the estimate
  Interval ci;             // (1 - alpha) confidence interval (a confidence sequence if sequential)
  double pValue = 1;       // two-sided, null hypothesis of no difference
  bool significant = false;
};

// gbstats' Gaussian approximation on the relative lift: posterior N(expected, stddev^2).
struct BayesianEstimate {
  bool available = false;
  double expected = 0;
  double stddev = 0;
  Interval ci;             // (1 - alpha) credible interval
  double chanceToWin = 0.5;
  double riskControl = 0;    // expected relative loss of keeping the control if the variation is better
  double riskVariation = 0;  // expected relative loss of shipping the variation if it is worse
};

struct VariationResult {
  std::string id;
  bool baseline = false;
  int64_t users = 0;
  double mean = 0;     // conversion rate or mean value per exposed visitor
  double stddev = 0;   // per-visitor standard deviation
  std::string test;    // "welch-t", "z" or "sequential"; empty for the baseline
  double dof = 0;      // Welch-Satterthwaite degrees of freedom (0 when the test is not a t-test)
  LiftEstimate absolute;
  LiftEstimate relative;
  BayesianEstimate bayesian;
  std::string note;    // why an estimate is unavailable: "too_few_users", "zero_variance", "baseline_zero"
};

// Chi-square goodness of fit of the observed users against the design weights (gbstats check_srm).
struct SrmResult {
  double chiSquare = 0;
  int dof = 0;
  double pValue = 1;
  bool mismatch = false;               // pValue < srmThreshold
  std::vector<double> expectedUsers;   // per variation, from the weights
};

struct AnalysisError {
  std::string code;     // "invalid_json", "invalid_experiment", "invalid_variation", "invalid_weights",
  std::string message;  // "invalid_options"
};

struct AnalysisResult {
  bool ok = false;
  AnalysisError error;  // set when !ok
  std::string experiment;
  std::string metric;
  MetricType type = MetricType::Proportion;
  AnalysisOptions options;                  // the options the analysis ran with
  std::vector<VariationResult> variations;  // in input order, the baseline included
  SrmResult srm;
};

// Validates the input (counts non-negative and finite, conversions <= users, consistent sums of
// squares, weights matching the variations) and analyses each variation against the baseline.
AnalysisResult analyze(const ExperimentData& data, const AnalysisOptions& options = {});

// JSON, the exchange format of the collector, the dashboard and the CLI. Shapes (keys camelCase):
//   ExperimentData: {"experiment","metric","type":"proportion"|"mean","weights":[...],
//                    "variations":[{"id","users","conversions"|"sum","sumSquares"}]}
//   AnalysisOptions: {"alpha","baseline","sequential","sequentialTuning","proportionTest":"welch"|"z",
//                     "prior":{"mean","variance","proper"},"inverse","srmThreshold","maxVariations"}
//   AnalysisResult: {"ok":true, "experiment","metric","type","options",
//                    "srm":{"chiSquare","dof","pValue","mismatch","expectedUsers"},
//                    "variations":[{"id","baseline","users","mean","stddev","test","dof","note",
//                      "absolute"|"relative":{"available","estimate","stddev","ci":[lo,hi],"pValue",
//                                             "significant"},
//                      "bayesian":{"available","expected","stddev","ci","chanceToWin",
//                                  "risk":[control,variation]}}]}
//   or {"ok":false,"error":{"code","message"}}.
nlohmann::json toJson(const ExperimentData& data);
nlohmann::json toJson(const AnalysisOptions& options);
nlohmann::json toJson(const AnalysisResult& result);

// Reads untrusted JSON without throwing. Missing option keys keep their defaults; a wrong type or an
// out-of-range value is an error. On failure returns false and fills *error (if given).
bool fromJson(const nlohmann::json& json, ExperimentData& out, AnalysisError* error = nullptr);
bool fromJson(const nlohmann::json& json, AnalysisOptions& out, AnalysisError* error = nullptr);
bool fromJson(const nlohmann::json& json, AnalysisResult& out, AnalysisError* error = nullptr);

// One call for the CLI, the collector and the bindings: the text of an ExperimentData object, with an
// optional "options" member, to the text of its AnalysisResult (or of the error result). An array of
// such objects gives an array of results.
std::string analyzeJson(std::string_view request);

}  // namespace engage::stats
