// Sequential rules and long-term history affinity.
#pragma once

#include <cstdint>
#include <vector>

#include "recommend/workspace.h"

namespace engage::recommend::detail {

// session-rec SR: the rules of the most recent item (weights / 255, relative to its strongest).
void scoreRules(const ModelData& m, uint32_t source, double factor, Accumulator& out);

// Two hops: every rule target t of `source` (weight w) spreads w * its own rule weights; the
// anchor stays `source`. Widens the candidate set beyond items seen with the session.
void scoreSecondHop(const ModelData& m, uint32_t source, Accumulator& out);

struct Affinity {
  uint32_t item;
  double weight;
};

// Aggregates history events into per-item affinity: sum of weight * 2^(-age / halfLife), where
// age counts from nowMs. Keeps the `limit` strongest (ties: more popular item first).
std::vector<Affinity> historyAffinity(const ModelData& m, const std::vector<HistoryEvent>& history,
                                      int64_t nowMs, const BlendConfig& config, Workspace& ws);

// Each anchor spreads its affinity along its rules; the anchor itself gets selfWeight * affinity.
void scoreHistory(const ModelData& m, const std::vector<Affinity>& anchors, double selfWeight,
                  Accumulator& out);

}  // namespace engage::recommend::detail
