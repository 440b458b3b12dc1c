// Feature flags and experiments (issue 5): load features, set attributes, evaluate a feature or an
// experiment. A visitor's first exposure to an experiment variation (the evaluator decides, from
// its persisted exposure log) becomes one `Experiment Viewed` track event, built and routed exactly
// like a captured event, so redaction and consent (category experiments) apply to it. While
// consent drops experiment events, the evaluator is disabled: every visitor sees the default
// (control) and nothing is assigned, logged or sent.
#include "engine/engine_state.h"

namespace engage {

namespace {

const char* const kExposureEvent = "Experiment Viewed";

// The variation-0 value of an experiment rule: what a visitor outside the experiment gets.
Json controlValue(const Json& rule) {
  const Json* variations = detail::member(rule, "variations");
  return variations && variations->is_array() && !variations->empty() ? (*variations)[0] : Json();
}

}  // namespace

void Engine::State::syncExperiments() {
  static const Json probe = {{"event", kExposureEvent}};
  const Json* page = detail::member(pageContext.raw(), "page");
  const Json* url = page ? detail::member(*page, "url") : nullptr;
  detail::ExperimentInputs in;
  in.store = privacy.store();
  in.storagePrefix = config.storagePrefix;
  in.anonymousId = identity.anonymousId();
  in.userId = identity.userId();
  if (url && url->is_string()) in.url = url->get_ref<const std::string&>();
  in.allowed = privacy.route("track", probe) != Disposition::Drop;
  experiments.sync(in);
}

Json Engine::State::logExposure(const ExperimentResult& result, const Json& experiment) {
  Json cmd = {{"event", kExposureEvent}, {"properties", result.exposureProperties()}};
  cmd["properties"]["weights"] = detail::ExperimentHost::weightsOf(experiment);
  return capture("track", cmd);
}

Json Engine::State::features(Json& cmd) {
  syncExperiments();
  const Json* payload = detail::member(cmd, "payload");
  if (std::string e = experiments.load(payload ? *payload : cmd); !e.empty())
    return detail::error("invalid_features", e);
  Json result = detail::ok();
  result["features"] = experiments.featureCount();
  return result;
}

Json Engine::State::attributes(Json& cmd) {
  syncExperiments();
  const Json* attributes = detail::member(cmd, "attributes");
  if (!attributes || !experiments.setAttributes(*attributes))
    return detail::error("invalid_attributes", "attributes must be an object");
  Json result = detail::ok();
  result["attributes"] = experiments.attributes();
  return result;
}

Json Engine::State::feature(Json& cmd) {
  const Json* key = detail::member(cmd, "key");
  if (!key || !key->is_string()) return detail::error("invalid_command", "feature needs a string key");
  syncExperiments();
  FeatureResult evaluated = experiments.feature(key->get_ref<const std::string&>());
  Json result = detail::ok();
  result["value"] = std::move(evaluated.value);
  result["on"] = evaluated.on;
  result["off"] = evaluated.off;
  result["source"] = evaluated.source;
  result["ruleId"] = evaluated.ruleId;
  if (evaluated.experimentResult) {
    const ExperimentResult& ran = *evaluated.experimentResult;
    result["experimentResult"] = ran.toJson();
    if (ran.firstExposure) result["exposure"] = logExposure(ran, evaluated.experiment ? *evaluated.experiment : Json());
  }
  return result;
}

Json Engine::State::experiment(Json& cmd) {
  const Json* definition = detail::member(cmd, "definition");
  const Json* key = detail::member(cmd, "key");
  if (!(definition && definition->is_object()) && !(key && key->is_string()))
    return detail::error("invalid_command", "experiment needs a key or a definition object");
  syncExperiments();
  ExperimentResult ran;
  Json design;
  if (definition && definition->is_object()) {
    ran = experiments.run(*definition);
    design = *definition;
  } else {
    const std::string& wanted = key->get_ref<const std::string&>();
    const detail::ExperimentRule* rule = experiments.findRule(wanted);
    if (!rule) {
      Json result = ran.toJson();
      result["ok"] = true;
      result["found"] = false;
      return result;
    }
    // The experiment as the visitor meets it: through its feature, so earlier rules, prerequisites
    // and the feature's own exposure all apply.
    FeatureResult evaluated = experiments.feature(rule->featureId);
    if (evaluated.experimentResult && evaluated.experimentResult->experimentKey == wanted) {
      ran = std::move(*evaluated.experimentResult);
    } else {
      ran.value = controlValue(*rule->rule);
      ran.featureId = rule->featureId;
    }
    design = *rule->rule;
  }
  Json result = ran.toJson();
  result["ok"] = true;
  if (ran.firstExposure) result["exposure"] = logExposure(ran, design);
  return result;
}

}  // namespace engage
