// Experiment results from stored events (issue 5): which experiments were seen, and per variation the
// exposed visitors and their conversions (or revenue) on a goal event, analysed by the core's stats
// module (engage/stats.h) — the same code the engage-stats CLI and the wasm module run.
//
// Definitions:
//   exposure    a track event `Experiment Viewed` whose properties name the experiment
//               (experimentId or experiment_id) and the variation (variationId or variation_id; a
//               number is read as its decimal text). variationIndex / variation_index, when present,
//               orders the variations; `weights` (an array of numbers) is the design's traffic split.
//   visitor     the store's visitor key (anonymousId, else userId); a visitor's FIRST exposure to the
//               experiment (in event time, ties in arrival order) assigns the variation and starts
//               the attribution window. Later exposures to another variation are counted in
//               `multipleVariations` and otherwise ignored (first-exposure attribution).
//   conversion  the visitor sent at least one goal event (a track event of that name) after the first
//               exposure, inside the queried range (metric conversion: value 1 or 0).
//   revenue     the sum of properties.revenue (else properties.total) over the visitor's goal events
//               after the first exposure (metric revenue: a mean metric with sum and sum of squares).
//   weights     from the exposures' `weights` when they have one entry per variation and every
//               variation has an index; otherwise equal weights.
//   baseline    the first variation in order (index 0, else the smallest id).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engage/stats.h"
#include "event_store.h"

namespace engage::collector {

inline constexpr const char* kExposureEvent = "Experiment Viewed";

struct VariationListing {
  std::string id;
  int64_t visitors = 0;  // visitors whose first exposure was to this variation
};

struct ExperimentListing {
  std::string id;
  int64_t visitors = 0;   // distinct exposed visitors
  int64_t exposures = 0;  // exposure events
  int64_t firstExposureMs = 0;
  int64_t lastExposureMs = 0;
  std::vector<VariationListing> variations;  // in variation order
};

// Every experiment with an exposure inside `range`, by id. std::nullopt when the store failed.
std::optional<std::vector<ExperimentListing>> listExperiments(EventStore& store, const TimeRange& range);

enum class GoalMetric { Conversion, Revenue };

struct ExperimentQuery {
  std::string experiment;
  std::string goal = "Order Completed";  // the goal event's name
  GoalMetric metric = GoalMetric::Conversion;
  TimeRange range;
  stats::AnalysisOptions options;
};

struct ExperimentReport {
  bool found = false;                   // false: no exposure to the experiment inside the range
  stats::ExperimentData data;           // per-variation summaries handed to stats::analyze
  bool weightsFromExposures = false;    // false: equal weights were assumed
  int64_t multipleVariations = 0;       // visitors exposed to more than one variation
  int64_t goalsBeforeExposure = 0;      // goal events ignored because they came before the exposure
  stats::AnalysisResult analysis;
};

// std::nullopt when the store failed.
std::optional<ExperimentReport> reportExperiment(EventStore& store, const ExperimentQuery& query);

}  // namespace engage::collector
