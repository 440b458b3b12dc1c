// Pieces of GrowthBook's runExperiment shared by its steps: building a Result, and the
// sticky-bucket lookups and updates.
#pragma once

#include <optional>
#include <string>

#include "experiment/eval_state.h"
#include "experiment/experiment_def.h"

namespace engage::detail {

// Whether sticky bucketing applies to this experiment (a store and no disableStickyBucketing).
bool stickyApplies(const EvalState& state, const ExperimentDef& exp);

// getExperimentResult: variationIndex outside the variations gives variation 0, not in experiment.
ExperimentResult experimentResult(const EvalState& state, const ExperimentDef& exp, int variationIndex,
                                  bool hashUsed, const std::string* featureId,
                                  std::optional<double> bucket = std::nullopt,
                                  bool stickyBucketUsed = false);

struct StickyVariation {
  int variation = -1;
  bool versionBlocked = false;
};

// The variation a stored sticky bucket assigns (-1 when none), or blocked when the visitor holds
// an assignment from a bucket version below the experiment's minBucketVersion.
StickyVariation stickyVariation(EvalState& state, const ExperimentDef& exp);

// Saves {"<key>__<bucketVersion>": variationKey} into the visitor's document when it changed.
void saveStickyAssignment(EvalState& state, const ExperimentDef& exp, const ExperimentResult& result);

}  // namespace engage::detail
