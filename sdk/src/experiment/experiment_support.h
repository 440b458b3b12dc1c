// Pieces of GrowthBook's runExperiment shared by its steps: reading experiment fields with JS
// truthiness, building a Result, and the sticky-bucket lookups and updates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "experiment/eval_state.h"
#include "experiment/hashing.h"

namespace engage::detail {

// Field readers that mirror JS: a missing or falsy field reads as absent.
const Json* truthyMember(const Json& obj, std::string_view key);
std::string stringMember(const Json& obj, std::string_view key);  // "" unless a string
double numberMember(const Json& obj, std::string_view key, double fallback);  // fallback if falsy

// Ranges from JSON [[start, end], ...]; malformed entries become empty ranges [0, 0).
std::vector<VariationRange> parseRanges(const Json& ranges);

// Whether sticky bucketing applies to this experiment (a store and no disableStickyBucketing).
bool stickyApplies(const EvalState& state, const Json& experiment);

// getExperimentResult: variationIndex outside the variations gives variation 0, not in experiment.
ExperimentResult experimentResult(const EvalState& state, const Json& experiment, int variationIndex,
                                  bool hashUsed, const std::string* featureId,
                                  std::optional<double> bucket = std::nullopt,
                                  bool stickyBucketUsed = false);

struct StickyVariation {
  int variation = -1;
  bool versionBlocked = false;
};

// The variation a stored sticky bucket assigns (-1 when none), or blocked when the visitor holds
// an assignment from a bucket version below the experiment's minBucketVersion.
StickyVariation stickyVariation(EvalState& state, const Json& experiment);

// Saves {"<key>__<bucketVersion>": variationKey} into the visitor's document when it changed.
void saveStickyAssignment(EvalState& state, const Json& experiment, const ExperimentResult& result);

}  // namespace engage::detail
