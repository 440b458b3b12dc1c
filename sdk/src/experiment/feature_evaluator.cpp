// The public FeatureEvaluator: holds the evaluation state and forwards to the GrowthBook
// algorithms in feature_rules.cpp and experiment_runner.cpp.
#include <set>

#include "experiment/eval_state.h"
#include "experiment/js_value.h"

namespace engage {

struct FeatureEvaluator::State : detail::EvalState {
  using detail::EvalState::EvalState;
};

namespace {

using detail::Json;

bool setObject(Json& target, Json value) {
  if (!value.is_object()) return false;
  target = std::move(value);
  return true;
}

// Type checks for configure(): a present key must have the type its setter accepts.
bool configureTypesValid(const Json& context) {
  for (const char* key : {"features", "savedGroups", "contextualBandits", "attributes", "forcedVariations",
                          "forcedFeatures", "forcedFeatureValues"}) {
    const Json* v = detail::member(context, key);
    if (v && !v->is_object()) return false;
  }
  const Json* url = detail::member(context, "url");
  const Json* enabled = detail::member(context, "enabled");
  const Json* qaMode = detail::member(context, "qaMode");
  return (!url || url->is_string()) && (!enabled || enabled->is_boolean()) && (!qaMode || qaMode->is_boolean());
}

}  // namespace

FeatureEvaluator::FeatureEvaluator(KeyValueStore* store, ExperimentConfig config)
    : state_(std::make_unique<State>(store, config)) {}
FeatureEvaluator::~FeatureEvaluator() = default;
FeatureEvaluator::FeatureEvaluator(FeatureEvaluator&&) noexcept = default;
FeatureEvaluator& FeatureEvaluator::operator=(FeatureEvaluator&&) noexcept = default;

bool FeatureEvaluator::configure(const nlohmann::json& context) {
  if (!context.is_object() || !configureTypesValid(context)) return false;
  auto apply = [&](const char* key, Json& target) {
    if (const Json* v = detail::member(context, key)) target = *v;
  };
  apply("features", state_->features);
  state_->compiledFeatures.clear();  // rule addresses changed
  apply("savedGroups", state_->savedGroups);
  apply("contextualBandits", state_->bandits);
  apply("attributes", state_->attributes);
  apply("forcedVariations", state_->forcedVariations);
  apply("forcedFeatureValues", state_->forcedFeatures);
  apply("forcedFeatures", state_->forcedFeatures);
  if (const Json* url = detail::member(context, "url")) state_->url = url->get<std::string>();
  if (const Json* enabled = detail::member(context, "enabled")) state_->enabled = enabled->get<bool>();
  if (const Json* qaMode = detail::member(context, "qaMode")) state_->qaMode = qaMode->get<bool>();
  return true;
}

bool FeatureEvaluator::setFeatures(nlohmann::json features) {
  if (!setObject(state_->features, std::move(features))) return false;
  state_->compiledFeatures.clear();  // rule addresses changed
  return true;
}
bool FeatureEvaluator::setSavedGroups(nlohmann::json groups) { return setObject(state_->savedGroups, std::move(groups)); }
bool FeatureEvaluator::setContextualBandits(nlohmann::json bandits) {
  return setObject(state_->bandits, std::move(bandits));
}
bool FeatureEvaluator::setAttributes(nlohmann::json attributes) {
  return setObject(state_->attributes, std::move(attributes));
}
bool FeatureEvaluator::setForcedVariations(nlohmann::json forced) {
  return setObject(state_->forcedVariations, std::move(forced));
}
bool FeatureEvaluator::setForcedFeatures(nlohmann::json values) {
  return setObject(state_->forcedFeatures, std::move(values));
}
void FeatureEvaluator::setUrl(std::string url) { state_->url = std::move(url); }
void FeatureEvaluator::setEnabled(bool enabled) { state_->enabled = enabled; }
void FeatureEvaluator::setQaMode(bool qaMode) { state_->qaMode = qaMode; }

const nlohmann::json& FeatureEvaluator::attributes() const { return state_->attributes; }

FeatureResult FeatureEvaluator::evalFeature(std::string_view key) {
  return detail::evalFeatureIn(*state_, key, {});
}

ExperimentResult FeatureEvaluator::run(const nlohmann::json& experiment) {
  if (!experiment.is_object()) return ExperimentResult{};
  auto def = detail::compileExperiment(std::make_shared<const Json>(experiment));
  return detail::runExperimentIn(*state_, *def, nullptr, {});
}

nlohmann::json FeatureEvaluator::stickyBucketDocs() const {
  // As GrowthBook's getStickyBucketAssignmentDocs: the documents of every identifier attribute
  // that experiment rules hash on (hashAttribute or "id", and fallbackAttribute), for the current
  // attribute values.
  std::set<std::string> attributes;
  for (const auto& feature : state_->features) {
    const Json* rules = detail::member(feature, "rules");
    if (!rules || !rules->is_array()) continue;
    for (const Json& rule : *rules) {
      if (!detail::member(rule, "variations")) continue;
      const Json* hash = detail::member(rule, "hashAttribute");
      attributes.insert(hash && hash->is_string() && !hash->get_ref<const std::string&>().empty()
                            ? hash->get<std::string>() : "id");
      const Json* fallback = detail::member(rule, "fallbackAttribute");
      if (fallback && fallback->is_string()) attributes.insert(fallback->get<std::string>());
    }
  }
  Json docs = Json::object();
  for (const std::string& attribute : attributes) {
    Json name = attribute;
    detail::HashAttribute h = detail::hashAttributeOf(*state_, &name, nullptr);
    std::string key = detail::StickyBucketStore::attributeKey(attribute, detail::jsStickyString(*h.value));
    if (const Json* doc = state_->sticky.find(key)) docs[key] = *doc;
  }
  return docs;
}

void FeatureEvaluator::reloadStickyBuckets() { state_->sticky.clearCache(); }

}  // namespace engage
