// analyze(): validation, then each variation against the baseline, then the sample-ratio check.
#include <cmath>
#include <limits>

#include "engage/stats.h"
#include "stats/bayesian.h"
#include "stats/frequentist.h"
#include "stats/lift.h"
#include "stats/srm.h"
#include "stats/validation.h"

namespace engage::stats {
namespace {

using detail::Difference;
using detail::Moments;

// Which test a variation gets under these options.
enum class TestKind { Welch, PooledZ, Sequential };

TestKind testKind(MetricType type, const AnalysisOptions& options) {
  if (options.sequential) return TestKind::Sequential;
  if (type == MetricType::Proportion && options.proportionTest == ProportionTest::PooledZ) return TestKind::PooledZ;
  return TestKind::Welch;
}

const char* testName(TestKind kind) {
  switch (kind) {
    case TestKind::Welch: return "welch-t";
    case TestKind::PooledZ: return "z";
    case TestKind::Sequential: return "sequential";
  }
  return "";
}

LiftEstimate frequentistLift(const Difference& diff, TestKind kind, double dof, const Moments& a, const Moments& b,
                             const AnalysisOptions& options) {
  if (kind == TestKind::Sequential) return detail::sequentialTest(diff, a.n + b.n, options.alpha, options.sequentialTuning);
  if (kind == TestKind::Welch) return detail::fixedHorizonTest(diff, dof, options.alpha);
  // Two-proportion z: normal intervals on the unpooled variance, the pooled p-value for both lifts
  // (they test the same null hypothesis, equal proportions).
  LiftEstimate out = detail::fixedHorizonTest(diff, std::numeric_limits<double>::infinity(), options.alpha);
  out.pValue = detail::pooledProportionPValue(a, b);
  out.significant = out.pValue < options.alpha;
  return out;
}

// Fills the lifts of `out` (a non-baseline variation) against the baseline `a`. Lifts that are not
// defined stay unavailable and `note` says why (gbstats returns its default output in these cases).
void compare(const Moments& a, const Moments& b, MetricType type, const AnalysisOptions& options,
             VariationResult& out) {
  const TestKind kind = testKind(type, options);
  out.test = testName(kind);
  if (a.n < 2 || b.n < 2) {
    out.note = "too_few_users";
    return;
  }
  const Difference absolute = detail::absoluteDifference(a, b);
  if (!(absolute.variance > 0)) {
    out.note = "zero_variance";
    return;
  }
  const double dof = detail::welchDof(a, b);
  if (kind == TestKind::Welch) out.dof = dof;
  out.absolute = frequentistLift(absolute, kind, dof, a, b, options);
  if (a.mean == 0) {
    out.note = "baseline_zero";
    return;
  }
  const Difference relative = detail::relativeDifference(a, b);
  if (!(relative.variance > 0)) {
    out.note = "zero_variance";
    return;
  }
  out.relative = frequentistLift(relative, kind, dof, a, b, options);
  out.bayesian = detail::gaussianEffect(relative, options.prior, options.alpha, options.inverse);
}

AnalysisResult failure(AnalysisError error) {
  AnalysisResult result;
  result.error = std::move(error);
  return result;
}

}  // namespace

void addVisitor(VariationSummary& summary, double value) {
  ++summary.users;
  summary.sum += value;
  summary.sumSquares += value * value;
}

AnalysisResult analyze(const ExperimentData& data, const AnalysisOptions& options) {
  AnalysisError error = detail::validateOptions(options);
  if (error.code.empty()) error = detail::validateData(data, options);
  if (!error.code.empty()) return failure(std::move(error));

  AnalysisResult result;
  result.ok = true;
  result.experiment = data.experiment;
  result.metric = data.metric;
  result.type = data.type;
  result.options = options;
  const Moments control = detail::momentsOf(data.variations[options.baseline], data.type);
  std::vector<int64_t> users;
  for (size_t i = 0; i < data.variations.size(); ++i) {
    const VariationSummary& summary = data.variations[i];
    const Moments moments = detail::momentsOf(summary, data.type);
    VariationResult v;
    v.id = summary.id;
    v.users = summary.users;
    v.mean = moments.mean;
    v.stddev = std::sqrt(moments.variance);
    v.baseline = static_cast<int>(i) == options.baseline;
    if (!v.baseline) compare(control, moments, data.type, options, v);
    result.variations.push_back(std::move(v));
    users.push_back(summary.users);
  }
  result.srm = detail::checkSampleRatio(users, data.weights, options.srmThreshold);
  return result;
}

}  // namespace engage::stats
