#include "stats/bayesian.h"

#include <algorithm>
#include <cmath>

#include "stats/distributions.h"

namespace engage::detail {
namespace {

// E[max(X, 0)] and E[max(-X, 0)] for X ~ N(mu, sigma^2), in closed form. Equal to gbstats'
// (1 - P(X < 0)) * E[X | X > 0] and -P(X < 0) * E[X | X < 0] without dividing by tail probabilities.
struct Risks {
  double ofControl;
  double ofVariation;
};

Risks normalRisks(double mu, double sigma) {
  const double z = mu / sigma;
  const double density = sigma * normalPdf(z);
  return {std::max(0.0, mu * normalCdf(z) + density), std::max(0.0, density - mu * normalSf(z))};
}

}  // namespace

stats::BayesianEstimate gaussianEffect(const Difference& lift, const stats::GaussianPrior& prior, double alpha,
                                       bool inverse) {
  const double precision = 1.0 / lift.variance + (prior.proper ? 1.0 / prior.variance : 0.0);
  const double mean =
      prior.proper ? (lift.estimate / lift.variance + prior.mean / prior.variance) / precision : lift.estimate;
  const double sd = std::sqrt(1.0 / precision);

  stats::BayesianEstimate out;
  out.available = true;
  out.expected = mean;
  out.stddev = sd;
  const double quantile = normalQuantile(1.0 - alpha / 2.0);
  out.ci = {mean - quantile * sd, mean + quantile * sd};
  const double winning = normalCdf(mean / sd);  // P(lift > 0)
  out.chanceToWin = inverse ? 1.0 - winning : winning;
  const Risks risks = normalRisks(mean, sd);
  out.riskControl = inverse ? risks.ofVariation : risks.ofControl;
  out.riskVariation = inverse ? risks.ofControl : risks.ofVariation;
  return out;
}

}  // namespace engage::detail
