// Sample-ratio mismatch: does the observed split of visitors match the design weights? A mismatch
// means the assignment or the exposure logging is broken, and the lifts cannot be trusted.
#pragma once

#include <cstdint>
#include <vector>

#include "engage/stats.h"

namespace engage::detail {

// Pearson chi-square goodness of fit, as gbstats utils.check_srm: variations with weight 0 are left
// out of the statistic; no visitors at all gives p = 1. Degrees of freedom are the number of
// positive-weight variations minus one (gbstats uses all variations minus one; the two agree whenever
// every weight is positive, the only case gbstats' callers produce). `weights` are normalised here;
// empty weights mean an equal split. Callers validate: sizes match, weights >= 0 with a positive sum.
stats::SrmResult checkSampleRatio(const std::vector<int64_t>& users, const std::vector<double>& weights,
                                  double threshold);

}  // namespace engage::detail
