// The human-readable rendering of an analysis for `engage-stats --table`.
#pragma once

#include <string>

#include "engage/stats.h"

namespace engage::tools {

// One header line, one row per variation (the baseline first as given), and the SRM verdict.
std::string renderTable(const stats::AnalysisResult& result);

}  // namespace engage::tools
