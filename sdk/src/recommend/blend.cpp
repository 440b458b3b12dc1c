#include "recommend/blend.h"

#include "recommend/knn.h"
#include "recommend/rules.h"

namespace engage::recommend::detail {
namespace {

void mergeNormalised(const Accumulator& src, double weight, Accumulator& out) {
  double top = src.maxScore();
  if (weight > 0 && top > 0) out.merge(src, weight / top);
}

}  // namespace

void scoreEngage(const ModelData& m, const std::vector<uint32_t>& seq,
                 const std::vector<HistoryEvent>& history, int64_t nowMs,
                 const ScoringConfig& config, Workspace& ws, Accumulator& out) {
  const BlendConfig& blend = config.blend;
  if (!seq.empty()) {
    if (blend.sessionWeight > 0) scoreVstan(m, seq, config.vstan, ws, ws.session);
    if (blend.vsknnWeight > 0) scoreVsknn(m, seq, config.vsknn, ws, ws.second);
    if (blend.rulesWeight > 0) scoreRules(m, seq.back(), 1.0, ws.rules);
    if (blend.secondHopWeight > 0) scoreSecondHop(m, seq.back(), ws.hop);
  }
  if (blend.historyWeight > 0 && !history.empty()) {
    std::vector<Affinity> anchors = historyAffinity(m, history, nowMs, blend, ws);
    scoreHistory(m, anchors, blend.historySelfWeight, ws.history);
  }
  mergeNormalised(ws.session, blend.sessionWeight, out);
  mergeNormalised(ws.second, blend.vsknnWeight, out);
  mergeNormalised(ws.hop, blend.secondHopWeight, out);
  mergeNormalised(ws.rules, blend.rulesWeight, out);
  mergeNormalised(ws.history, blend.historyWeight, out);
}

}  // namespace engage::recommend::detail
