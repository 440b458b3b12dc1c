// gbstats' EffectBayesianABTest: a Gaussian approximation of the posterior of the lift, from its
// delta-method estimate and variance and a Gaussian prior (improper by default).
#pragma once

#include "engage/stats.h"
#include "stats/lift.h"

namespace engage::detail {

// Posterior N(mean, sd^2): precision 1/var + 1/prior.variance (prior term only when proper), mean the
// precision-weighted average (or the estimate itself under the improper prior). Chance to win is
// P(lift > 0) (P(lift < 0) when inverse); the risks are the expected losses E[max(lift, 0)] of keeping
// the control and E[max(-lift, 0)] of shipping the variation (swapped when inverse).
stats::BayesianEstimate gaussianEffect(const Difference& lift, const stats::GaussianPrior& prior, double alpha,
                                       bool inverse);

}  // namespace engage::detail
