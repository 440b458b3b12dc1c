// The engine's feature flags and experiments: one FeatureEvaluator (engage/experiment.h) kept in
// line with what the rest of the engine knows — the page URL (for `?key=N` overrides), the
// visitor's ids (the `id` attribute), consent for the experiments category, and the store the
// privacy gate allows (sticky buckets and the exposure log live there). The engine calls sync()
// before every evaluation; sync() changes only what differs, so it costs a few comparisons.
// Internal to the engine concept.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "base/json_access.h"
#include "engage/experiment.h"
#include "engage/platform.h"

namespace engage::detail {

// What sync() aligns the evaluator with.
struct ExperimentInputs {
  KeyValueStore* store = nullptr;   // the privacy gate's store now
  std::string_view storagePrefix;   // keys become prefix + "sb." / prefix + "exposures"
  std::string_view anonymousId;
  std::string_view userId;          // empty until identify
  std::string_view url;             // the page context's page.url
  bool allowed = true;              // consent does not drop experiment events
};

// Where an experiment key was found among the loaded features.
struct ExperimentRule {
  std::string featureId;
  const Json* rule = nullptr;  // points into the loaded payload
};

class ExperimentHost {
 public:
  ExperimentHost() : evaluator_(nullptr, ExperimentConfig{}) {}

  void sync(const ExperimentInputs& in);

  // A GrowthBook-style payload: features (required), savedGroups, contextualBandits,
  // forcedVariations, forcedFeatures, qaMode. Keys it lacks are reset. Returns an error or "".
  std::string load(const Json& payload);
  // The page's attributes, replacing the previous ones; `id` (the anonymousId), `anonymousId` and
  // `userId` are added unless given. Returns false when not an object.
  bool setAttributes(const Json& attributes);

  bool loaded() const { return loaded_; }
  size_t featureCount() const {
    const Json* features = member(payload_, "features");
    return features ? features->size() : 0;
  }
  const Json& attributes() const { return evaluator_.attributes(); }

  FeatureResult feature(std::string_view key) { return evaluator_.evalFeature(key); }
  ExperimentResult run(const Json& definition) { return evaluator_.run(definition); }
  // The experiment rule with this key (rule.key, else its feature's id), or null.
  const ExperimentRule* findRule(const std::string& experimentKey) const;

  // The traffic split of an experiment definition or rule: its `weights` when they are one number
  // per variation, else equal weights. Exposure events carry it so the collector can check SRM.
  static Json weightsOf(const Json& experiment);

 private:
  void rebuild(KeyValueStore* store, std::string_view prefix);
  void moveData(KeyValueStore* from, KeyValueStore* to);
  void applyAttributes();
  void indexRules();

  ExperimentConfig config_;
  FeatureEvaluator evaluator_;
  KeyValueStore* store_ = nullptr;
  std::string prefix_;
  bool built_ = false;
  bool loaded_ = false;
  Json payload_ = Json::object();       // the accepted payload keys
  Json pageAttributes_ = Json::object();
  std::string anonymousId_, userId_, url_;
  bool allowed_ = true;
  std::unordered_map<std::string, ExperimentRule> rules_;
};

}  // namespace engage::detail
