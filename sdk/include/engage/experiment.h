// Feature flags and A/B experiments evaluated in the core, compatible with GrowthBook's SDK
// (features with force / rollout / experiment rules, prerequisites, saved groups, contextual
// bandit leaves, namespaces, filters, `?key=N` overrides, forced variations, QA mode and sticky
// bucketing). Assignment is a pure hash of the visitor's attributes: the same inputs give the
// same variation on every device, natively and in wasm, and the same as GrowthBook's JS SDK.
//
// Inputs and outputs are JSON (nlohmann::json) in GrowthBook's own shapes, so a GrowthBook SDK
// payload ({"features": ..., "savedGroups": ...}) can be handed over unchanged and results
// serialise with toJson() for the JS boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engage/platform.h"

namespace engage {

// Every default and limit of the experiment concept.
struct ExperimentConfig {
  // Persist variation assignments (GrowthBook "sticky bucketing") when a store is given; enables
  // rules' fallbackAttribute, as in the JS SDK with a sticky-bucket service.
  bool stickyBucketing = true;
  // Store key of one sticky-bucket document: prefix + attributeName + "||" + attributeValue.
  std::string stickyBucketPrefix = "engage.sb.";
  // Store key of the exposure log (a JSON array of exposure keys, oldest first).
  std::string exposureLogKey = "engage.exposures";
  // Exposures remembered per device; the oldest are forgotten first (and would be logged again).
  size_t maxExposureEntries = 500;
  // Longer prerequisite chains evaluate as "cyclicPrerequisite" (bounds recursion).
  int maxPrerequisiteDepth = 32;
  // $regex / $regexi: backtracking steps and nesting per test before giving up (no match), the
  // largest {n,m} bound, and how many compiled patterns are cached.
  uint32_t regexMaxSteps = 100000;
  uint32_t regexMaxDepth = 2000;
  uint32_t regexMaxRepeat = 1000;
  size_t regexCacheSize = 64;
};

// The outcome of running one experiment (GrowthBook's Result).
struct ExperimentResult {
  bool inExperiment = false;
  int variationId = 0;       // index into the experiment's variations (0 when not in it)
  nlohmann::json value;      // the variation's value
  bool hashUsed = false;     // assigned by hashing (false when forced or excluded)
  std::string hashAttribute;
  nlohmann::json hashValue;  // the attribute value that was hashed ("" when missing)
  std::string key;           // the variation key (meta[i].key, else the index as a string)
  std::optional<std::string> featureId;  // the feature whose rule ran it; nullopt for run()
  std::optional<double> bucket;          // the hash in [0, 1) when hashUsed
  bool stickyBucketUsed = false;
  std::optional<std::string> name;       // meta[i].name
  bool passthrough = false;              // meta[i].passthrough (holdouts)
  nlohmann::json bandit;  // null, or {leafId, variationWeights[, banditVersion]} for bandit rules

  // Engage additions (not part of toJson()): the experiment's key, and whether this evaluation
  // is the first exposure of this visitor to (experiment, variation). The engine emits one
  // `Experiment Viewed` event with exposureProperties() exactly when firstExposure is true; the
  // exposure log behind it is persisted, so a reload does not repeat it.
  std::string experimentKey;
  bool firstExposure = false;

  nlohmann::json toJson() const;  // GrowthBook's Result shape
  // {experimentId, variationId (key), variationIndex, hashAttribute, hashValue, featureId,
  //  bucket, stickyBucketUsed}: what exposure analysis needs.
  nlohmann::json exposureProperties() const;
};

// The outcome of evaluating one feature (GrowthBook's FeatureResult).
struct FeatureResult {
  nlohmann::json value;      // null for unknown features
  bool on = false;           // JS truthiness of value
  bool off = true;
  // unknownFeature | defaultValue | force | experiment | override | prerequisite |
  // cyclicPrerequisite
  std::string source = "unknownFeature";
  std::string ruleId;
  // The experiment that ran (GrowthBook's Experiment JSON) when source == "experiment", else null.
  // Shared with the evaluator's cache: evaluating does not copy it.
  std::shared_ptr<const nlohmann::json> experiment;
  std::optional<ExperimentResult> experimentResult;

  nlohmann::json toJson() const;  // GrowthBook's FeatureResult shape
};

// Evaluates features and experiments for one visitor. Single-threaded, like the rest of the core.
// `store` (may be null) persists sticky buckets and the exposure log; it must outlive this object.
class FeatureEvaluator {
 public:
  explicit FeatureEvaluator(KeyValueStore* store = nullptr, ExperimentConfig config = {});
  ~FeatureEvaluator();
  FeatureEvaluator(FeatureEvaluator&&) noexcept;
  FeatureEvaluator& operator=(FeatureEvaluator&&) noexcept;

  // Applies the GrowthBook context / payload keys present in `context`: features, savedGroups,
  // contextualBandits, attributes, forcedVariations, forcedFeatures (or forcedFeatureValues),
  // url, enabled, qaMode. Returns false, changing nothing, when it is not an object or a present
  // key has the wrong type.
  bool configure(const nlohmann::json& context);

  // Each setter returns false (keeping the previous value) when the argument has the wrong type.
  bool setFeatures(nlohmann::json features);          // {"key": {defaultValue, rules}}
  bool setSavedGroups(nlohmann::json groups);         // {"groupId": [values]}
  bool setContextualBandits(nlohmann::json bandits);  // {"ref": {banditVersion, contexts}}
  bool setAttributes(nlohmann::json attributes);      // {"id": ..., ...}
  bool setForcedVariations(nlohmann::json forced);    // {"experimentKey": variationIndex}
  bool setForcedFeatures(nlohmann::json values);      // {"featureKey": value} -> source override
  void setUrl(std::string url);                       // for `?experimentKey=N` overrides
  void setEnabled(bool enabled);                      // false: no visitor is in any experiment
  void setQaMode(bool qaMode);                        // true: only forced variations apply

  const nlohmann::json& attributes() const;

  FeatureResult evalFeature(std::string_view key);
  // Runs an inline experiment definition ({key, variations, weights, coverage, condition, ...}).
  ExperimentResult run(const nlohmann::json& experiment);

  // The visitor's sticky-bucket documents (for every attribute that experiment rules hash on, at
  // its current value), keyed "attributeName||attributeValue"; read from the store on demand.
  nlohmann::json stickyBucketDocs() const;
  // Drops cached sticky-bucket documents so that they are reread from the store on demand.
  void reloadStickyBuckets();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace engage
