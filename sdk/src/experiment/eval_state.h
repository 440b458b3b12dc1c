// The state one FeatureEvaluator evaluates against, and the two mutually recursive evaluation
// functions (features run experiments; experiments and rules check prerequisite features).
// Internal to the experiment concept.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json_access.h"
#include "engage/experiment.h"
#include "experiment/experiment_def.h"
#include "experiment/exposure_log.h"
#include "experiment/feature_def.h"
#include "experiment/regex_cache.h"
#include "experiment/sticky_bucket.h"

namespace engage::detail {

struct EvalState {
  EvalState(KeyValueStore* store, const ExperimentConfig& cfg)
      : config(cfg),
        regexCache(RegexLimits{cfg.regexMaxSteps, cfg.regexMaxDepth, cfg.regexMaxRepeat}, cfg.regexCacheSize),
        sticky(store, cfg.stickyBucketPrefix),
        exposures(store, cfg.exposureLogKey, cfg.maxExposureEntries),
        stickyEnabled(store != nullptr && cfg.stickyBucketing) {}

  ExperimentConfig config;
  Json features = Json::object();
  Json savedGroups = Json::object();
  Json bandits = Json::object();
  Json attributes = Json::object();
  Json forcedVariations = Json::object();
  Json forcedFeatures = Json::object();
  std::string url;
  bool enabled = true;
  bool qaMode = false;
  RegexCache regexCache;
  StickyBucketStore sticky;
  ExposureLog exposures;
  bool stickyEnabled;
  // Features compiled on first use (they point into `features`); cleared whenever it changes.
  std::unordered_map<std::string, FeatureDef> compiledFeatures;
};

// The features being evaluated above the current one (prerequisite cycle detection). The views
// point at ids that outlive the evaluation that pushed them.
using FeatureChain = std::vector<std::string_view>;

FeatureResult evalFeatureIn(EvalState& state, std::string_view id, const FeatureChain& chain);

// Runs a compiled experiment. `featureId` is null for inline run() calls.
ExperimentResult runExperimentIn(EvalState& state, const ExperimentDef& experiment, const std::string* featureId,
                                 const FeatureChain& chain);

bool conditionPasses(EvalState& state, const Json& condition);

// GrowthBook's getHashAttribute: the attribute (literal key first, then dot path) or the
// fallback when the first is falsy; hashValue is "" when missing.
struct HashAttribute {
  std::string attribute;
  const Json* value;
};
HashAttribute hashAttributeOf(const EvalState& state, const Json* attr, const Json* fallback);

// True when any filter excludes the visitor (isFilteredOut).
bool filteredOut(const EvalState& state, const Json& filters);

}  // namespace engage::detail
