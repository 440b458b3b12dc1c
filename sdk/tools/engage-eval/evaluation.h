// The protocol, exactly (../shared/RECOMMENDER.md; session-rec evaluation_last... "evaluation"):
//   1-2. sessions and filtering (done by the caller: groupSessions + filterSessions);
//   3.   time split: test = sessions whose last event is in the final window; test events of
//        items unknown to train removed; test sessions shorter than 2 removed;
//   4.   for every test session s1..sn and k = 1..n-1: recommend from s1..sk (home context, no
//        business rules), score the true next item s(k+1) against ALL training items;
//   5.   HR@k, MRR@k (k = 5, 10, 20), catalogue coverage@20, popularity bias@20, model bytes,
//        scoring time per call.
//   6.   ties: score, then popularity, then id (the recommender's own documented order).
// Engage's blend also receives the visitor's earlier events (same visitor id, before the test
// session started) as on-device history; the published methods ignore history.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engage/recommend.h"

namespace engage::tools {

struct EvalOptions {
  recommend::ProtocolConfig protocol;
  recommend::BuildConfig build;
  recommend::ScoringConfig scoring;
  std::vector<recommend::Method> methods;
  bool validation = false;  // evaluate on the last window of the TRAIN part (for tuning)
  // Sliding windows (session-rec's "slices"): slice i evaluates the window ending i windows
  // before the latest event, training on everything before it; metrics pool all predictions.
  // 1 = the protocol's single split.
  int slices = 1;
  double viewWeight = 1.0, cartWeight = 3.0, orderWeight = 5.0;  // history event weights
  bool progress = true;
};

constexpr size_t kCutoffs[] = {5, 10, 20};

struct MethodResult {
  recommend::Method method;
  size_t predictions = 0;
  double hr[3] = {0, 0, 0};   // HR@5, @10, @20
  double mrr[3] = {0, 0, 0};  // MRR@5, @10, @20
  double coverage = 0;        // share of training items in at least one top-20 list
  double popularity = 0;      // mean normalised popularity of the top-20 items
  double p50Us = 0, p99Us = 0;
  std::vector<double> micros;  // per call, for pooling slices
};

struct EvalReport {
  size_t trainSessions = 0, trainEvents = 0, testSessions = 0, testEvents = 0;
  size_t items = 0, modelBytes = 0, storedSessions = 0, rules = 0;
  size_t testSessionsWithHistory = 0;
  int slices = 0;
  std::string firstDay, splitDay, lastDay;  // UTC dates of the data and the split
  std::vector<MethodResult> results;
};

// False (with error) when the split leaves no training or no test data.
bool runEvaluation(std::vector<recommend::LogSession> sessions, const EvalOptions& options, EvalReport& report,
                   std::string& error);

void printReport(const EvalReport& report, const EvalOptions& options);
void printReportJson(const EvalReport& report);

}  // namespace engage::tools
