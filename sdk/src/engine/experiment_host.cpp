#include "engine/experiment_host.h"

#include <algorithm>

namespace engage::detail {

namespace {

// The payload keys a `features` op may carry, with the value each is reset to when absent.
const Json& payloadDefaults() {
  static const Json defaults = {{"features", Json::object()},         {"savedGroups", Json::object()},
                                {"contextualBandits", Json::object()}, {"forcedVariations", Json::object()},
                                {"forcedFeatures", Json::object()},    {"qaMode", false}};
  return defaults;
}

// Appends the exposure keys of `from` that `into` lacks (both JSON arrays of strings as text).
std::string mergeExposureLogs(const std::string& into, const std::string& from) {
  std::optional<Json> a = parseJson(into), b = parseJson(from);
  if (!a || !a->is_array()) return from;
  if (!b || !b->is_array()) return into;
  for (const Json& key : *b)
    if (std::find(a->begin(), a->end(), key) == a->end()) a->push_back(key);
  return dumpJson(*a);
}

// Sticky-bucket documents: the assignments of `from` over those of `into`.
std::string mergeStickyDocs(const std::string& into, const std::string& from) {
  std::optional<Json> a = parseJson(into), b = parseJson(from);
  if (!a || !a->is_object() || !b || !b->is_object()) return from;
  const Json* newer = member(*b, "assignments");
  if (!newer || !newer->is_object() || !(*a)["assignments"].is_object()) return from;
  for (auto it = newer->begin(); it != newer->end(); ++it) (*a)["assignments"][it.key()] = *it;
  return dumpJson(*a);
}

}  // namespace

void ExperimentHost::sync(const ExperimentInputs& in) {
  if (!built_ || in.store != store_ || in.storagePrefix != prefix_) {
    if (built_ && in.storagePrefix == prefix_) moveData(store_, in.store);
    rebuild(in.store, in.storagePrefix);
  }
  if (in.anonymousId != anonymousId_ || in.userId != userId_) {
    anonymousId_ = in.anonymousId;
    userId_ = in.userId;
    applyAttributes();
  }
  if (in.url != url_) {
    url_ = in.url;
    evaluator_.setUrl(url_);
  }
  if (in.allowed != allowed_) {
    allowed_ = in.allowed;
    evaluator_.setEnabled(allowed_);
  }
}

void ExperimentHost::rebuild(KeyValueStore* store, std::string_view prefix) {
  prefix_ = prefix;
  store_ = store;
  config_.stickyBucketPrefix = prefix_ + "sb.";
  config_.exposureLogKey = prefix_ + "exposures";
  evaluator_ = FeatureEvaluator(store_, config_);
  if (loaded_) evaluator_.configure(payload_);
  applyAttributes();
  evaluator_.setUrl(url_);
  evaluator_.setEnabled(allowed_);
  built_ = true;
}

// Consent moved the engine to another store (memory <-> device): the exposure log and this
// visitor's sticky buckets go with it, as the ids do, so that neither is repeated nor lost.
void ExperimentHost::moveData(KeyValueStore* from, KeyValueStore* to) {
  if (!from || !to || from == to) return;
  auto move = [&](const std::string& key, std::string (*merge)(const std::string&, const std::string&)) {
    std::optional<std::string> text = from->get(key);
    if (!text) return;
    std::optional<std::string> existing = to->get(key);
    to->set(key, existing ? merge(*existing, *text) : *text);
    from->remove(key);
  };
  const Json docs = evaluator_.stickyBucketDocs();
  for (auto it = docs.begin(); it != docs.end(); ++it) move(config_.stickyBucketPrefix + it.key(), mergeStickyDocs);
  move(config_.exposureLogKey, mergeExposureLogs);
}

std::string ExperimentHost::load(const Json& payload) {
  if (!payload.is_object()) return "a features payload must be an object";
  const Json* features = member(payload, "features");
  if (!features || !features->is_object()) return "features must be an object of feature definitions";
  if (member(payload, "encryptedFeatures")) return "encrypted payloads are not supported; decrypt on the server";
  Json accepted = payloadDefaults();
  for (auto it = accepted.begin(); it != accepted.end(); ++it) {
    const Json* given = member(payload, it.key());
    if (!given) continue;
    if (given->type() != it->type()) return it.key() + " has the wrong type";
    *it = *given;
  }
  payload_ = std::move(accepted);
  loaded_ = true;
  evaluator_.configure(payload_);
  indexRules();
  return "";
}

bool ExperimentHost::setAttributes(const Json& attributes) {
  if (!attributes.is_object()) return false;
  pageAttributes_ = attributes;
  applyAttributes();
  return true;
}

void ExperimentHost::applyAttributes() {
  Json attributes = pageAttributes_;
  if (!attributes.contains("id")) attributes["id"] = anonymousId_;
  if (!attributes.contains("anonymousId")) attributes["anonymousId"] = anonymousId_;
  if (!userId_.empty() && !attributes.contains("userId")) attributes["userId"] = userId_;
  evaluator_.setAttributes(std::move(attributes));
}

void ExperimentHost::indexRules() {
  rules_.clear();
  for (auto feature = payload_["features"].begin(); feature != payload_["features"].end(); ++feature) {
    const Json* rules = member(*feature, "rules");
    if (!rules || !rules->is_array()) continue;
    for (const Json& rule : *rules) {
      const Json* variations = member(rule, "variations");
      if (!variations || !variations->is_array()) continue;
      std::string key = stringOr(rule, "key", "");
      if (key.empty()) key = feature.key();  // GrowthBook: an experiment rule's key defaults to its feature's
      rules_.emplace(key, ExperimentRule{feature.key(), &rule});  // the first rule with a key wins
    }
  }
}

const ExperimentRule* ExperimentHost::findRule(const std::string& experimentKey) const {
  auto it = rules_.find(experimentKey);
  return it == rules_.end() ? nullptr : &it->second;
}

Json ExperimentHost::weightsOf(const Json& experiment) {
  const Json* variations = member(experiment, "variations");
  const size_t n = variations && variations->is_array() ? variations->size() : 0;
  const Json* weights = member(experiment, "weights");
  if (weights && weights->is_array() && weights->size() == n) {
    bool numeric = true;
    for (const Json& w : *weights) numeric = numeric && w.is_number();
    if (numeric) return *weights;
  }
  Json equal = Json::array();
  for (size_t i = 0; i < n; ++i) equal.push_back(1.0 / static_cast<double>(n));
  return equal;
}

}  // namespace engage::detail
