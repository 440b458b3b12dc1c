// Scratch state reused across recommend() calls: dense per-item score accumulators with touched
// lists (so clearing costs only what a request touched), generation stamps for set membership,
// and per-config lookup tables (exp weights) computed when the Recommender is made, so a request
// calls no exp at all in its inner loops.
#pragma once

#include <cstdint>
#include <vector>

#include "engage/recommend.h"
#include "recommend/model_data.h"

namespace engage::recommend::detail {

constexpr uint32_t kNoItem = 0xFFFFFFFFu;

// Scores per item plus, per item, the anchor (the session/history item) behind its largest
// single contribution: that anchor becomes the result's reason ("because you viewed X").
class Accumulator {
 public:
  void resize(size_t items);
  // Adds `amount`; `share` competes for the anchor (share > current share wins; first wins ties).
  void add(uint32_t item, double amount, double share, uint32_t anchor) {
    if (best_[item] < 0) {
      best_[item] = 0;
      touched_.push_back(item);
    }
    score_[item] += amount;
    if (share > best_[item]) {
      best_[item] = share;
      anchor_[item] = anchor;
    }
  }
  void add(uint32_t item, double amount, uint32_t anchor) { add(item, amount, amount, anchor); }
  void clear();
  double maxScore() const;
  // Adds factor * src (scores and anchor shares) for every item src touched, in src's order.
  void merge(const Accumulator& src, double factor);

  const std::vector<uint32_t>& touched() const { return touched_; }
  double score(uint32_t item) const { return score_[item]; }
  uint32_t anchor(uint32_t item) const { return anchor_[item]; }

 private:
  std::vector<double> score_;
  std::vector<double> best_;  // < 0: untouched
  std::vector<uint32_t> anchor_;
  std::vector<uint32_t> touched_;
};

// Per-config tables for the session-neighbourhood methods.
struct KnnTables {
  std::vector<double> positionWeight;  // [n - pos] -> exp(-(n - pos) / spw) (STAN/VSTAN)
  std::vector<double> insertWeight;    // [n - pos] -> exp(-(n - pos) / ipw) (VSTAN)
  std::vector<double> distanceWeight;  // [|p - p*|] -> exp(-d / inh)
  std::vector<double> sessionDecay;    // [session] -> exp(-(T0 - end) / snh), T0 = newest end
  std::vector<double> idfFactor;       // [item] -> 1 + idf * weight
  bool ready = false;
};

class Workspace {
 public:
  Workspace(const ModelData& model, const ScoringConfig& config);

  // A fresh stamp value; `span` consecutive values are reserved for the caller.
  uint32_t stamp(uint32_t span = 1);
  void clearScores();

  const KnnTables& stanTables();
  const KnnTables& vstanTables();
  const std::vector<double>& vsknnIdf();

  Accumulator session, second, rules, hop, history, final;
  std::vector<uint32_t> itemStamp;     // membership of the current sequence
  std::vector<double> itemWeight;      // position weight of a current-sequence item
  std::vector<uint32_t> seenStamp;     // per-neighbour scans, exclusions
  std::vector<uint32_t> sessionStamp;  // de-duplication while sampling sessions

 private:
  void buildTables(KnnTables& t, double spw, double ipw, double inh, double snhDays, double idfWeight);
  const ModelData& model_;  // owned by the Recommender's Model (heap, never moves)
  ScoringConfig config_;      // a copy: the Recommender may move
  uint32_t nextStamp_ = 1;
  KnnTables stan_, vstan_;
  std::vector<double> vsknnIdf_;
};

}  // namespace engage::recommend::detail
