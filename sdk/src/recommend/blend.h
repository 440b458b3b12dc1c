// Engage's blend: the session method (VSTAN), sequential rules from the most recent item and
// the visitor's long-term history, each normalised by its own maximum and weighted:
//   score(x) = ws * VSTAN(x) / max VSTAN + wr * SR(x) / max SR + wh * H(x) / max H
// A component with no signal (no sequence, no history) contributes nothing; with no signal at
// all the ranking falls back to popularity (ranking.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "recommend/workspace.h"

namespace engage::recommend::detail {

void scoreEngage(const ModelData& m, const std::vector<uint32_t>& seq,
                 const std::vector<HistoryEvent>& history, int64_t nowMs,
                 const ScoringConfig& config, Workspace& ws, Accumulator& out);

}  // namespace engage::recommend::detail
