// Checks of analysis inputs, which may come from untrusted JSON. Each returns an AnalysisError with an
// empty code when the input is acceptable.
#pragma once

#include "engage/stats.h"

namespace engage::detail {

// alpha in (0, 1), tuning > 0, srmThreshold in [0, 1], a proper prior's variance > 0, maxVariations >= 2.
stats::AnalysisError validateOptions(const stats::AnalysisOptions& options);

// 2 .. maxVariations variations; the baseline index in range; users >= 0 and finite sums; for
// proportions 0 <= conversions <= users; for means sumSquares >= 0 and sum^2 <= users * sumSquares
// (up to rounding); weights empty or one per variation, finite, >= 0, with a positive sum.
stats::AnalysisError validateData(const stats::ExperimentData& data, const stats::AnalysisOptions& options);

}  // namespace engage::detail
