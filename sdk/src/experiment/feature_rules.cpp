// evalFeature of GrowthBook's core.ts: overrides, prerequisites, filters, force and rollout rules,
// experiment rules (including contextual-bandit leaves) and the default value.
#include <algorithm>

#include "experiment/condition.h"
#include "experiment/experiment_support.h"
#include "experiment/js_value.h"

namespace engage::detail {

namespace {

const Json kNullJson;
const Json kEmptyArray = Json::array();

FeatureResult featureResult(const Json& value, const char* source, const Json& rule = kNullJson) {
  FeatureResult r;
  r.value = value;
  r.on = jsTruthy(value);
  r.off = !r.on;
  r.source = source;
  if (const Json* id = truthyMember(rule, "id")) r.ruleId = jsToString(*id);
  return r;
}

enum class Prerequisites { Pass, SkipRule, Block, Cyclic };

Prerequisites checkPrerequisites(EvalState& state, const Json& parents, const FeatureChain& chain) {
  if (!parents.is_array()) return Prerequisites::Pass;
  for (const Json& parent : parents) {
    FeatureResult result = evalFeatureIn(state, stringMember(parent, "id"), chain);
    if (result.source == "cyclicPrerequisite") return Prerequisites::Cyclic;
    Json obj = {{"value", result.value}};
    const Json* condition = truthyMember(parent, "condition");
    if (condition && !evalCondition(obj, *condition, ConditionContext{&state.savedGroups, &state.regexCache})) {
      return truthyMember(parent, "gate") ? Prerequisites::Block : Prerequisites::SkipRule;
    }
  }
  return Prerequisites::Pass;
}

// isIncludedInRollout for force rules: a range, or a coverage, of the hash of seed || feature id.
bool includedInRollout(EvalState& state, const Json& rule, const std::string& id) {
  const Json* range = truthyMember(rule, "range");
  const Json* coverage = member(rule, "coverage");
  if (!range && !coverage) return true;
  if (!range && coverage->is_number() && coverage->get<double>() == 0) return false;
  const Json* fallback = stickyApplies(state, rule) ? member(rule, "fallbackAttribute") : nullptr;
  HashAttribute h = hashAttributeOf(state, member(rule, "hashAttribute"), fallback);
  if (!jsTruthy(*h.value)) return false;
  const Json* seed = truthyMember(rule, "seed");
  std::optional<double> n = gbHash(seed ? jsToString(*seed) : id, jsToString(*h.value),
                                   numberMember(rule, "hashVersion", 1));
  if (!n) return false;
  if (range) {
    std::vector<VariationRange> r = parseRanges(Json::array({*range}));
    return inRange(*n, r[0]);
  }
  return *n <= jsToNumber(*coverage);  // NaN coverage includes nobody, as in JS
}

// The Experiment a rule describes: only the fields the JS SDK copies, with the same presence rules.
Json experimentFromRule(const Json& rule, const Json& variations, const std::string& id) {
  Json exp = Json::object();
  exp["variations"] = variations;
  const Json* key = truthyMember(rule, "key");
  exp["key"] = key ? jsToString(*key) : id;
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

// Contextual bandits: the first leaf whose condition matches the visitor sets the weights; with no
// matching leaf the rule's own (marginal) weights apply as leaf -1. Returns the bandit metadata
// ({leafId, variationWeights[, banditVersion]}), or null when the rule references no known bandit.
Json applyBandit(EvalState& state, const Json& rule, Json& exp) {
  const Json* ref = member(rule, "contextualBanditRef");
  const Json* bandit = ref && ref->is_string() ? member(state.bandits, ref->get_ref<const std::string&>()) : nullptr;
  if (!bandit || !bandit->is_object()) return Json();
  Json leafId = -1;
  const Json* weights = member(rule, "weights");
  const Json* contexts = member(*bandit, "contexts");
  if (!contexts || !contexts->is_array()) contexts = &kEmptyArray;
  for (const Json& context : *contexts) {
    const Json* condition = member(context, "condition");
    if (condition && !conditionPasses(state, *condition)) continue;
    const Json* leafWeights = member(context, "weights");
    if (!leafWeights || !leafWeights->is_array()) continue;
    const Json* id = member(context, "leafId");
    leafId = id ? *id : Json();
    weights = leafWeights;
    break;
  }
  Json meta = {{"leafId", leafId}, {"variationWeights", weights ? *weights : Json()}};
  if (weights) exp["weights"] = *weights;
  if (const Json* version = member(*bandit, "banditVersion")) meta["banditVersion"] = *version;
  return meta;
}

}  // namespace

FeatureResult evalFeatureIn(EvalState& state, const std::string& id, const FeatureChain& chain) {
  if (std::find(chain.begin(), chain.end(), id) != chain.end() ||
      static_cast<int>(chain.size()) >= state.config.maxPrerequisiteDepth) {
    return featureResult(kNullJson, "cyclicPrerequisite");
  }
  if (const Json* forced = member(state.forcedFeatures, id)) return featureResult(*forced, "override");
  const Json* feature = member(state.features, id);
  if (!feature || !jsTruthy(*feature)) return featureResult(kNullJson, "unknownFeature");

  const Json* rules = member(*feature, "rules");
  if (rules && rules->is_array() && !rules->empty()) {
    FeatureChain inner = chain;
    inner.push_back(id);
    for (const Json& rule : *rules) {
      if (!rule.is_object()) continue;
      if (const Json* parents = truthyMember(rule, "parentConditions")) {
        Prerequisites outcome = checkPrerequisites(state, *parents, inner);
        if (outcome == Prerequisites::Cyclic) return featureResult(kNullJson, "cyclicPrerequisite");
        if (outcome == Prerequisites::Block) return featureResult(kNullJson, "prerequisite");
        if (outcome == Prerequisites::SkipRule) continue;
      }
      const Json* filters = truthyMember(rule, "filters");
      if (filters && filteredOut(state, *filters)) continue;

      if (const Json* force = member(rule, "force")) {
        const Json* condition = truthyMember(rule, "condition");
        if (condition && !conditionPasses(state, *condition)) continue;
        if (!includedInRollout(state, rule, id)) continue;
        return featureResult(*force, "force", rule);
      }

      const Json* variations = member(rule, "contextualVariations");
      if (!variations || variations->is_null()) variations = member(rule, "variations");
      if (!variations || !jsTruthy(*variations)) continue;
      Json exp = experimentFromRule(rule, *variations, id);
      Json bandit = applyBandit(state, rule, exp);
      ExperimentResult result = runExperimentIn(state, exp, &id, inner);
      if (result.inExperiment && !result.passthrough) {
        if (!bandit.is_null() && result.hashUsed) {
          exp["contextualBandit"] = bandit;
          result.bandit = bandit;
        }
        FeatureResult out = featureResult(result.value, "experiment", rule);
        out.experiment = std::move(exp);
        out.experimentResult = std::move(result);
        return out;
      }
    }
  }
  const Json* defaultValue = member(*feature, "defaultValue");
  return featureResult(defaultValue ? *defaultValue : kNullJson, "defaultValue");
}

}  // namespace engage::detail
