// Per-variation moments and the two lifts of a variation over the baseline, with the variances of
// their estimators (gbstats utils.frequentist_diff / frequentist_variance).
#pragma once

#include "engage/stats.h"

namespace engage::detail {

// Sufficient statistics of one variation: visitors, mean per visitor and per-visitor variance
// (p(1 - p) for proportions as gbstats' ProportionStatistic; the n - 1 sample variance for means).
struct Moments {
  double n = 0;
  double mean = 0;
  double variance = 0;
};

Moments momentsOf(const stats::VariationSummary& summary, stats::MetricType type);

// An estimate and the variance of its estimator.
struct Difference {
  double estimate = 0;
  double variance = 0;
};

// mean_b - mean_a; variance var_b / n_b + var_a / n_a.
Difference absoluteDifference(const Moments& a, const Moments& b);

// (mean_b - mean_a) / mean_a; delta-method variance of the ratio of independent means
// var_b / (mean_a^2 n_b) + var_a mean_b^2 / (mean_a^4 n_a). Requires mean_a != 0.
Difference relativeDifference(const Moments& a, const Moments& b);

// Welch-Satterthwaite degrees of freedom of var_b / n_b + var_a / n_a. Requires n >= 2 and a positive
// total variance.
double welchDof(const Moments& a, const Moments& b);

}  // namespace engage::detail
