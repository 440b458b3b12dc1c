#include "recommend/workspace.h"

#include <algorithm>

#include "recommend/det_math.h"
#include "recommend/model_format.h"

namespace engage::recommend::detail {

void Accumulator::resize(size_t items) {
  score_.assign(items, 0.0);
  best_.assign(items, -1.0);
  anchor_.assign(items, kNoItem);
  touched_.clear();
}

void Accumulator::clear() {
  for (uint32_t item : touched_) {
    score_[item] = 0.0;
    best_[item] = -1.0;
    anchor_[item] = kNoItem;
  }
  touched_.clear();
}

double Accumulator::maxScore() const {
  double best = 0.0;
  for (uint32_t item : touched_) best = std::max(best, score_[item]);
  return best;
}

void Accumulator::merge(const Accumulator& src, double factor) {
  for (uint32_t item : src.touched_) {
    add(item, factor * src.score_[item], factor * src.best_[item], src.anchor_[item]);
  }
}

Workspace::Workspace(const ModelData& model, const ScoringConfig& config)
    : model_(model), config_(config) {
  size_t n = model.itemCount();
  for (Accumulator* a : {&session, &second, &rules, &hop, &history, &final}) a->resize(n);
  itemStamp.assign(n, 0);
  itemWeight.assign(n, 0.0);
  seenStamp.assign(n, 0);
  sessionStamp.assign(model.sessionCount(), 0);
  // Built up front so that no recommend() call pays for them (the tables cost one exp per
  // stored session and item, a few ms for a 50,000-item model).
  stanTables();
  vstanTables();
  vsknnIdf();
}

uint32_t Workspace::stamp(uint32_t span) {
  if (nextStamp_ > 0xFFFFFFFFu - span - 1) {  // wrapped: forget every old stamp
    std::fill(itemStamp.begin(), itemStamp.end(), 0);
    std::fill(seenStamp.begin(), seenStamp.end(), 0);
    std::fill(sessionStamp.begin(), sessionStamp.end(), 0);
    nextStamp_ = 1;
  }
  uint32_t s = nextStamp_;
  nextStamp_ += span;
  return s;
}

void Workspace::clearScores() {
  for (Accumulator* a : {&session, &second, &rules, &hop, &history, &final}) a->clear();
}

void Workspace::buildTables(KnnTables& t, double spw, double ipw, double inh, double snhDays,
                            double idfWeight) {
  size_t positions = static_cast<size_t>(std::max(config_.maxSessionItems, 1));
  t.positionWeight.resize(positions);
  t.insertWeight.resize(positions);
  for (size_t d = 0; d < positions; ++d) {
    t.positionWeight[d] = spw > 0 ? detExp(-static_cast<double>(d) / spw) : 1.0;
    t.insertWeight[d] = ipw > 0 ? detExp(-static_cast<double>(d) / ipw) : 1.0;
  }
  t.distanceWeight.resize(kMaxStoredSessionLength + 1);
  for (size_t d = 0; d <= kMaxStoredSessionLength; ++d) {
    t.distanceWeight[d] = inh > 0 ? detExp(-static_cast<double>(d) / inh) : 1.0;
  }
  // Neighbour recency is measured in whole hours (ample for decays of weeks): sessions are
  // sorted by end time, so one exp per distinct hour instead of one per session.
  size_t s = model_.sessionCount();
  int64_t newest = s > 0 ? model_.sessionEndSec[s - 1] : 0;
  double snhHours = snhDays * 24.0;
  t.sessionDecay.resize(s);
  int64_t lastHours = -1;
  double lastDecay = 1.0;
  for (size_t i = 0; i < s; ++i) {
    int64_t hours = (newest - model_.sessionEndSec[i]) / 3600;
    if (hours != lastHours) {
      lastHours = hours;
      lastDecay = snhHours > 0 ? detExp(-static_cast<double>(hours) / snhHours) : 1.0;
    }
    t.sessionDecay[i] = lastDecay;
  }
  t.idfFactor.resize(model_.itemCount());
  for (size_t i = 0; i < model_.itemCount(); ++i) t.idfFactor[i] = 1.0 + model_.idf[i] * idfWeight;
  t.ready = true;
}

const KnnTables& Workspace::stanTables() {
  const StanConfig& c = config_.stan;
  if (!stan_.ready) buildTables(stan_, c.lambdaSpw, 0.0, c.lambdaInh, c.lambdaSnhDays, 0.0);
  return stan_;
}

const KnnTables& Workspace::vstanTables() {
  const VstanConfig& c = config_.vstan;
  if (!vstan_.ready) {
    buildTables(vstan_, c.lambdaSpw, c.lambdaIpw, c.lambdaInh, c.lambdaSnhDays, c.lambdaIdf);
  }
  return vstan_;
}

const std::vector<double>& Workspace::vsknnIdf() {
  if (vsknnIdf_.size() != model_.itemCount()) {
    vsknnIdf_.resize(model_.itemCount());
    for (size_t i = 0; i < model_.itemCount(); ++i) {
      vsknnIdf_[i] = 1.0 + model_.idf[i] * config_.vsknn.idfWeight;
    }
  }
  return vsknnIdf_;
}

}  // namespace engage::recommend::detail
