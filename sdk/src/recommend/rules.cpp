#include "recommend/rules.h"

#include <algorithm>
#include <cmath>

#include "recommend/det_math.h"

namespace engage::recommend::detail {

void scoreRules(const ModelData& m, uint32_t source, double factor, Accumulator& out) {
  for (uint32_t r = m.ruleOffsets[source]; r < m.ruleOffsets[source + 1]; ++r) {
    out.add(m.ruleTargets[r], factor * static_cast<double>(m.ruleWeights[r]) / 255.0, source);
  }
}

void scoreSecondHop(const ModelData& m, uint32_t source, Accumulator& out) {
  for (uint32_t r = m.ruleOffsets[source]; r < m.ruleOffsets[source + 1]; ++r) {
    uint32_t via = m.ruleTargets[r];
    double w = static_cast<double>(m.ruleWeights[r]) / 255.0;
    for (uint32_t s = m.ruleOffsets[via]; s < m.ruleOffsets[via + 1]; ++s) {
      out.add(m.ruleTargets[s], w * static_cast<double>(m.ruleWeights[s]) / 255.0, source);
    }
  }
}

std::vector<Affinity> historyAffinity(const ModelData& m, const std::vector<HistoryEvent>& history,
                                      int64_t nowMs, const BlendConfig& config, Workspace& ws) {
  std::vector<Affinity> out;
  uint32_t mark = ws.stamp();
  double halfLifeMs = config.historyHalfLifeDays * 86400000.0;
  const double ln2 = 0.69314718055994530942;
  for (const HistoryEvent& e : history) {
    uint32_t item = m.find(e.item);
    if (item == kNoItem || !(e.weight > 0) || !std::isfinite(e.weight)) continue;
    double age = static_cast<double>(std::max<int64_t>(nowMs - e.tsMs, 0));
    double decay = halfLifeMs > 0 ? detExp(-age * ln2 / halfLifeMs) : 1.0;
    if (ws.seenStamp[item] != mark) {
      ws.seenStamp[item] = mark;
      ws.itemWeight[item] = 0.0;
      out.push_back(Affinity{item, 0.0});
    }
    ws.itemWeight[item] += std::min(e.weight, 1e6) * decay;
  }
  for (Affinity& a : out) a.weight = ws.itemWeight[a.item];
  std::sort(out.begin(), out.end(), [](const Affinity& a, const Affinity& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.item < b.item;
  });
  out.resize(std::min(out.size(), static_cast<size_t>(std::max(config.maxHistoryItems, 0))));
  return out;
}

void scoreHistory(const ModelData& m, const std::vector<Affinity>& anchors, double selfWeight,
                  Accumulator& out) {
  for (const Affinity& a : anchors) {
    scoreRules(m, a.item, a.weight, out);
    if (selfWeight > 0) out.add(a.item, selfWeight * a.weight, a.item);
  }
}

}  // namespace engage::recommend::detail
