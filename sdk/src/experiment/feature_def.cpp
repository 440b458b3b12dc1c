#include "experiment/feature_def.h"

#include "experiment/js_value.h"

namespace engage::detail {

namespace {

RuleDef compileRule(const Json& rule, std::string_view featureId) {
  RuleDef r;
  r.rule = &rule;
  r.parentConditions = truthyMember(rule, "parentConditions");
  r.filters = truthyMember(rule, "filters");
  r.condition = truthyMember(rule, "condition");
  r.force = member(rule, "force");
  if (const Json* id = truthyMember(rule, "id")) r.ruleId = jsToString(*id);
  if (const Json* range = truthyMember(rule, "range")) r.range = parseRanges(Json::array({*range}))[0];
  r.coverage = member(rule, "coverage");
  const Json* seed = truthyMember(rule, "seed");
  r.seed = seed ? jsToString(*seed) : std::string(featureId);
  r.hashVersion = numberMember(rule, "hashVersion", 1);
  r.hashAttribute = member(rule, "hashAttribute");
  r.fallbackAttribute = member(rule, "fallbackAttribute");
  r.disableStickyBucketing = truthyMember(rule, "disableStickyBucketing") != nullptr;
  if (!r.force) {
    const Json* variations = member(rule, "contextualVariations");
    if (!variations || variations->is_null()) variations = member(rule, "variations");
    if (variations && jsTruthy(*variations)) {
      r.experiment = compileExperiment(std::make_shared<const Json>(experimentFromRule(rule, *variations, featureId)));
    }
    r.banditRef = member(rule, "contextualBanditRef") != nullptr;
  }
  return r;
}

}  // namespace

Json experimentFromRule(const Json& rule, const Json& variations, std::string_view id) {
  Json exp = Json::object();
  exp["variations"] = variations;
  const Json* key = truthyMember(rule, "key");
  exp["key"] = key ? jsToString(*key) : std::string(id);
  if (const Json* coverage = member(rule, "coverage")) exp["coverage"] = *coverage;
  for (const char* field : {"bucketVersion", "minBucketVersion"}) {
    if (const Json* v = member(rule, field)) exp[field] = *v;
  }
  for (const char* field : {"weights", "hashAttribute", "fallbackAttribute", "disableStickyBucketing",
                            "namespace", "meta", "ranges", "name", "phase", "seed", "hashVersion",
                            "filters", "condition"}) {
    if (const Json* v = truthyMember(rule, field)) exp[field] = *v;
  }
  return exp;
}

FeatureDef compileFeature(std::string_view id, const Json& feature) {
  FeatureDef def;
  def.id = std::string(id);
  def.defaultValue = member(feature, "defaultValue");
  const Json* rules = member(feature, "rules");
  if (rules && rules->is_array()) {
    for (const Json& rule : *rules) {
      if (rule.is_object()) def.rules.push_back(compileRule(rule, id));
    }
  }
  return def;
}

}  // namespace engage::detail
