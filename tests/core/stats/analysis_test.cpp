// analyze(): input validation, the cases where a lift is undefined, multi-variation experiments, the
// test choices (Welch, pooled z, sequential) and the Bayesian options.
#include <cmath>

#include <gtest/gtest.h>

#include "engage/stats.h"

namespace engage::stats {
namespace {

ExperimentData conversions(std::vector<VariationSummary> variations) {
  ExperimentData data;
  data.experiment = "checkout-button";
  data.metric = "Order Completed";
  data.variations = std::move(variations);
  return data;
}

std::string errorCode(const ExperimentData& data, const AnalysisOptions& options = {}) {
  const AnalysisResult r = analyze(data, options);
  EXPECT_FALSE(r.ok);
  return r.error.code;
}

TEST(Analysis, RejectsInvalidInput) {
  EXPECT_EQ(errorCode(conversions({{"0", 100, 10, 0}})), "invalid_experiment");
  EXPECT_EQ(errorCode(conversions({{"0", -1, 0, 0}, {"1", 100, 10, 0}})), "invalid_variation");
  EXPECT_EQ(errorCode(conversions({{"0", 100, 101, 0}, {"1", 100, 10, 0}})), "invalid_variation");
  EXPECT_EQ(errorCode(conversions({{"0", 100, -1, 0}, {"1", 100, 10, 0}})), "invalid_variation");
  EXPECT_EQ(errorCode(conversions({{"0", 100, NAN, 0}, {"1", 100, 10, 0}})), "invalid_variation");

  ExperimentData revenue = conversions({{"0", 10, 100, 50}, {"1", 10, 100, 1100}});
  revenue.type = MetricType::Mean;
  EXPECT_EQ(errorCode(revenue), "invalid_variation");  // sum^2 = 10000 > 10 * 50: impossible sums

  ExperimentData weighted = conversions({{"0", 100, 10, 0}, {"1", 100, 10, 0}});
  weighted.weights = {0.5};
  EXPECT_EQ(errorCode(weighted), "invalid_weights");
  weighted.weights = {0.5, -0.5};
  EXPECT_EQ(errorCode(weighted), "invalid_weights");
  weighted.weights = {0, 0};
  EXPECT_EQ(errorCode(weighted), "invalid_weights");

  const ExperimentData ok = conversions({{"0", 100, 10, 0}, {"1", 100, 12, 0}});
  AnalysisOptions o;
  o.alpha = 1.0;
  EXPECT_EQ(errorCode(ok, o), "invalid_options");
  o = {};
  o.baseline = 2;
  EXPECT_EQ(errorCode(ok, o), "invalid_options");
  o = {};
  o.sequentialTuning = 0;
  EXPECT_EQ(errorCode(ok, o), "invalid_options");
  o = {};
  o.prior = {0.0, 0.0, true};
  EXPECT_EQ(errorCode(ok, o), "invalid_options");
  o = {};
  o.maxVariations = 1;
  EXPECT_EQ(errorCode(ok, o), "invalid_options");
  ExperimentData many = conversions(std::vector<VariationSummary>(65, {"v", 100, 10, 0}));
  EXPECT_EQ(errorCode(many), "invalid_experiment");
}

TEST(Analysis, UndefinedLiftsAreUnavailableWithAReason) {
  AnalysisResult r = analyze(conversions({{"0", 1, 0, 0}, {"1", 100, 10, 0}}));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.variations[1].note, "too_few_users");
  EXPECT_FALSE(r.variations[1].absolute.available);

  r = analyze(conversions({{"0", 100, 0, 0}, {"1", 100, 0, 0}}));
  EXPECT_EQ(r.variations[1].note, "zero_variance");
  EXPECT_FALSE(r.variations[1].absolute.available);

  // A control without conversions: the absolute lift exists, the relative one (and Bayes) does not.
  r = analyze(conversions({{"0", 100, 0, 0}, {"1", 100, 5, 0}}));
  EXPECT_EQ(r.variations[1].note, "baseline_zero");
  EXPECT_TRUE(r.variations[1].absolute.available);
  EXPECT_NEAR(r.variations[1].absolute.estimate, 0.05, 1e-15);
  EXPECT_FALSE(r.variations[1].relative.available);
  EXPECT_FALSE(r.variations[1].bayesian.available);
  EXPECT_EQ(r.variations[1].bayesian.chanceToWin, 0.5);
}

TEST(Analysis, EveryVariationIsComparedWithTheBaseline) {
  const ExperimentData three = conversions({{"a", 1000, 100, 0}, {"b", 1000, 130, 0}, {"c", 1000, 90, 0}});
  const AnalysisResult r = analyze(three);
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.variations.size(), 3u);
  EXPECT_TRUE(r.variations[0].baseline);
  EXPECT_TRUE(r.variations[0].test.empty());
  EXPECT_EQ(r.srm.dof, 2);
  // Variation c against a alone gives the same numbers as in the three-way analysis.
  const AnalysisResult pair = analyze(conversions({{"a", 1000, 100, 0}, {"c", 1000, 90, 0}}));
  EXPECT_DOUBLE_EQ(r.variations[2].relative.pValue, pair.variations[1].relative.pValue);
  EXPECT_DOUBLE_EQ(r.variations[2].relative.ci.lower, pair.variations[1].relative.ci.lower);

  AnalysisOptions fromB;
  fromB.baseline = 1;
  const AnalysisResult rb = analyze(three, fromB);
  EXPECT_TRUE(rb.variations[1].baseline);
  EXPECT_NEAR(rb.variations[0].relative.estimate, 0.10 / 0.13 - 1, 1e-12);
}

TEST(Analysis, PooledZTestMatchesTheTextbookFormula) {
  AnalysisOptions z;
  z.proportionTest = ProportionTest::PooledZ;
  const AnalysisResult r = analyze(conversions({{"0", 1000, 100, 0}, {"1", 1000, 125, 0}}), z);
  const VariationResult& v = r.variations[1];
  EXPECT_EQ(v.test, "z");
  EXPECT_EQ(v.dof, 0);
  // pooled p = 0.1125, se0 = sqrt(0.1125 * 0.8875 * 2 / 1000), z = 0.025 / se0 = 1.7691;
  // 2 * norm.sf(1.7766...) from SciPy:
  EXPECT_NEAR(v.absolute.pValue, 0.07686890551568946, 1e-9);
  EXPECT_EQ(v.relative.pValue, v.absolute.pValue);
  const double se = std::sqrt(0.1 * 0.9 / 1000 + 0.125 * 0.875 / 1000);
  EXPECT_NEAR(v.absolute.ci.upper - v.absolute.estimate, 1.959963984540054 * se, 1e-12);
}

TEST(Analysis, SequentialIntervalsAreWiderThanFixedOnes) {
  const ExperimentData data = conversions({{"0", 5000, 500, 0}, {"1", 5000, 560, 0}});
  AnalysisOptions seq;
  seq.sequential = true;
  const VariationResult fixed = analyze(data).variations[1];
  const VariationResult sequential = analyze(data, seq).variations[1];
  EXPECT_EQ(sequential.test, "sequential");
  EXPECT_DOUBLE_EQ(sequential.relative.estimate, fixed.relative.estimate);
  EXPECT_GT(sequential.relative.ci.upper - sequential.relative.ci.lower, fixed.relative.ci.upper - fixed.relative.ci.lower);
  EXPECT_GT(sequential.relative.pValue, fixed.relative.pValue);
}

TEST(Analysis, AlphaSetsTheIntervalLevel) {
  const ExperimentData data = conversions({{"0", 5000, 500, 0}, {"1", 5000, 560, 0}});
  AnalysisOptions ninety;
  ninety.alpha = 0.10;
  const VariationResult v95 = analyze(data).variations[1];
  const VariationResult v90 = analyze(data, ninety).variations[1];
  const double ratio = (v90.absolute.ci.upper - v90.absolute.estimate) / (v95.absolute.ci.upper - v95.absolute.estimate);
  EXPECT_NEAR(ratio, 1.6450 / 1.9604, 1e-3);  // t quantiles at dof ~9950
  EXPECT_DOUBLE_EQ(v90.absolute.pValue, v95.absolute.pValue);
}

TEST(Analysis, InverseMetricsFlipChanceToWinAndRisks) {
  const ExperimentData data = conversions({{"0", 1000, 100, 0}, {"1", 1000, 110, 0}});
  AnalysisOptions inverse;
  inverse.inverse = true;
  const BayesianEstimate up = analyze(data).variations[1].bayesian;
  const BayesianEstimate down = analyze(data, inverse).variations[1].bayesian;
  EXPECT_NEAR(up.chanceToWin + down.chanceToWin, 1.0, 1e-15);
  EXPECT_DOUBLE_EQ(up.riskControl, down.riskVariation);
  EXPECT_DOUBLE_EQ(up.riskVariation, down.riskControl);
  // Risk identity: E[max(X,0)] - E[max(-X,0)] = E[X].
  EXPECT_NEAR(up.riskControl - up.riskVariation, up.expected, 1e-12);
}

TEST(Analysis, MeanMetricWithOneConstantArmIsAnalysed) {
  ExperimentData revenue = conversions({{"0", 50, 500, 5000}, {"1", 50, 600, 8000}});
  revenue.type = MetricType::Mean;  // arm 0: every visitor spent exactly 10
  const AnalysisResult r = analyze(revenue);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.variations[0].stddev, 0);
  EXPECT_TRUE(r.variations[1].relative.available);
  EXPECT_NEAR(r.variations[1].dof, 49.0, 1e-9);  // all the variance comes from arm 1: dof = n_1 - 1
}

TEST(Analysis, AddVisitorBuildsTheSufficientStatistics) {
  ExperimentData revenue;
  revenue.type = MetricType::Mean;
  revenue.variations = {{"0", 0, 0, 0}, {"1", 0, 0, 0}};
  const double control[] = {0, 0, 12.5, 0, 40}, variation[] = {0, 25, 0, 30, 0, 18};
  for (double v : control) addVisitor(revenue.variations[0], v);
  for (double v : variation) addVisitor(revenue.variations[1], v);
  EXPECT_EQ(revenue.variations[0].users, 5);
  EXPECT_DOUBLE_EQ(revenue.variations[1].sum, 73);
  EXPECT_DOUBLE_EQ(revenue.variations[1].sumSquares, 625 + 900 + 324);
  const AnalysisResult r = analyze(revenue);
  ASSERT_TRUE(r.ok);
  EXPECT_DOUBLE_EQ(r.variations[0].mean, 10.5);
  // numpy.std([0, 0, 12.5, 0, 40], ddof=1) = 17.356554957709783 (n - 1 in the denominator).
  EXPECT_NEAR(r.variations[0].stddev, 17.356554957709783, 1e-12);
}

}  // namespace
}  // namespace engage::stats
