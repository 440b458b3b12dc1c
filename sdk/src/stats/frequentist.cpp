#include "stats/frequentist.h"

#include <cmath>
#include <limits>

#include "stats/distributions.h"

namespace engage::detail {
namespace {

stats::LiftEstimate withInterval(const Difference& diff, double halfWidth, double pValue, double alpha) {
  stats::LiftEstimate out;
  out.available = true;
  out.estimate = diff.estimate;
  out.stddev = std::sqrt(diff.variance);
  out.ci = {diff.estimate - halfWidth, diff.estimate + halfWidth};
  out.pValue = pValue;
  out.significant = pValue < alpha;
  return out;
}

}  // namespace

stats::LiftEstimate fixedHorizonTest(const Difference& diff, double dof, double alpha) {
  const double stddev = std::sqrt(diff.variance);
  const double statistic = std::fabs(diff.estimate) / stddev;
  // 1 - alpha / 2 and the two tails straight from the survival function, so tiny p-values keep
  // their precision (gbstats writes 2 * (1 - t.cdf(...)), equal to it within rounding).
  const double quantile = studentTQuantile(1.0 - alpha / 2.0, dof);
  const double pValue = std::fmin(1.0, 2.0 * studentTSf(statistic, dof));
  return withInterval(diff, quantile * stddev, pValue, alpha);
}

stats::LiftEstimate sequentialTest(const Difference& diff, double totalUsers, double alpha, double tuning) {
  const double logAlpha = std::log(alpha);
  const double rho2 = (-2.0 * logAlpha + std::log(-2.0 * logAlpha + 1.0)) / tuning;
  const double n = totalUsers;
  const double nRho2Plus1 = n * rho2 + 1.0;
  // Half-width for the per-observation variance s2 = Var(estimate) * n.
  const double s2 = diff.variance * n;
  const double halfWidth =
      std::sqrt(s2) * std::sqrt(2.0 * nRho2Plus1 * std::log(std::sqrt(nRho2Plus1) / alpha) / (n * n * rho2));
  // log of the e-value, kept in logs so a huge e-value gives p = 0 instead of overflowing.
  const double st2 = diff.estimate * diff.estimate * n / diff.variance;
  const double logEValue = rho2 * st2 / (2.0 * nRho2Plus1) - 0.5 * std::log(nRho2Plus1);
  const double pValue = logEValue > 0 ? std::exp(-logEValue) : 1.0;
  return withInterval(diff, halfWidth, pValue, alpha);
}

double pooledProportionPValue(const Moments& a, const Moments& b) {
  const double pooled = (a.mean * a.n + b.mean * b.n) / (a.n + b.n);
  const double variance = pooled * (1.0 - pooled) * (1.0 / a.n + 1.0 / b.n);
  if (!(variance > 0)) return 1.0;  // both arms all-converted or none: no evidence of a difference
  const double z = std::fabs(b.mean - a.mean) / std::sqrt(variance);
  return std::fmin(1.0, 2.0 * normalSf(z));
}

}  // namespace engage::detail
