#include "stats/lift.h"

#include <algorithm>

namespace engage::detail {

Moments momentsOf(const stats::VariationSummary& summary, stats::MetricType type) {
  Moments m;
  m.n = static_cast<double>(summary.users);
  if (summary.users <= 0) return m;
  m.mean = summary.sum / m.n;
  if (type == stats::MetricType::Proportion) {
    m.variance = m.mean * (1.0 - m.mean);
  } else if (summary.users > 1) {
    // Rounding can make a zero variance come out slightly negative; it is zero.
    m.variance = std::max(0.0, (summary.sumSquares - summary.sum * summary.sum / m.n) / (m.n - 1.0));
  }
  return m;
}

Difference absoluteDifference(const Moments& a, const Moments& b) {
  return {b.mean - a.mean, b.variance / b.n + a.variance / a.n};
}

Difference relativeDifference(const Moments& a, const Moments& b) {
  const double a2 = a.mean * a.mean;
  return {(b.mean - a.mean) / a.mean, b.variance / (a2 * b.n) + a.variance * b.mean * b.mean / (a2 * a2 * a.n)};
}

double welchDof(const Moments& a, const Moments& b) {
  const double va = a.variance / a.n, vb = b.variance / b.n;
  const double total = va + vb;
  return total * total / (vb * vb / (b.n - 1.0) + va * va / (a.n - 1.0));
}

}  // namespace engage::detail
