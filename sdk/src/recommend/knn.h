// Session-neighbourhood methods (Ludewig, Latifi, Jannach et al.; session-rec knn/vsknn.py,
// stan.py, vstan.py), re-implemented over the flat model arrays:
//   V-SKNN  neighbours by position-weighted overlap; scores decay with the step back to the
//           most recent shared item; idf weighting.
//   STAN    cosine similarity with position weights, neighbour recency decay, and item
//           distance to the shared item inside the neighbour.
//   VSTAN   STAN plus V-SKNN's insertion-position decay and idf weighting.
// Candidates are the `sampleSize` most recent sessions holding any item of the sequence; the
// `neighbours` most similar are kept (ties: more recent session first).
#pragma once

#include <cstdint>
#include <vector>

#include "recommend/workspace.h"

namespace engage::recommend::detail {

// `seq` holds model item indices, oldest first (duplicates allowed, at most maxSessionItems).
void scoreVsknn(const ModelData& m, const std::vector<uint32_t>& seq, const VsknnConfig& config,
                Workspace& ws, Accumulator& out);
void scoreStan(const ModelData& m, const std::vector<uint32_t>& seq, const StanConfig& config,
               Workspace& ws, Accumulator& out);
void scoreVstan(const ModelData& m, const std::vector<uint32_t>& seq, const VstanConfig& config,
                Workspace& ws, Accumulator& out);

struct Neighbour {
  uint32_t session;
  double similarity;
};

// The most recent `sampleSize` distinct sessions containing any of `items`, newest first.
std::vector<uint32_t> recentSessions(const ModelData& m, const std::vector<uint32_t>& items,
                                     int sampleSize, Workspace& ws);

// Keeps the `k` best by (similarity desc, session desc), sorted in that order.
void keepTop(std::vector<Neighbour>& neighbours, int k);

}  // namespace engage::recommend::detail
