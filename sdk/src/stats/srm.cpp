#include "stats/srm.h"

#include "stats/distributions.h"

namespace engage::detail {

stats::SrmResult checkSampleRatio(const std::vector<int64_t>& users, const std::vector<double>& weights,
                                  double threshold) {
  const std::vector<double> design = weights.empty() ? std::vector<double>(users.size(), 1.0) : weights;
  double totalWeight = 0, totalUsers = 0;
  int positiveArms = 0;
  for (size_t i = 0; i < users.size(); ++i) {
    totalUsers += static_cast<double>(users[i]);
    if (design[i] > 0) {
      totalWeight += design[i];
      ++positiveArms;
    }
  }

  stats::SrmResult out;
  out.expectedUsers.assign(users.size(), 0.0);
  out.dof = positiveArms > 0 ? positiveArms - 1 : 0;
  if (totalUsers <= 0 || totalWeight <= 0 || out.dof < 1) return out;  // nothing to test: p = 1
  for (size_t i = 0; i < users.size(); ++i) {
    if (design[i] <= 0) continue;
    const double expected = design[i] / totalWeight * totalUsers;
    const double gap = static_cast<double>(users[i]) - expected;
    out.expectedUsers[i] = expected;
    out.chiSquare += gap * gap / expected;
  }
  out.pValue = chiSquareSf(out.chiSquare, out.dof);
  out.mismatch = out.pValue < threshold;
  return out;
}

}  // namespace engage::detail
