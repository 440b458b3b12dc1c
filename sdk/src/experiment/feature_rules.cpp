// evalFeature of GrowthBook's core.ts: overrides, prerequisites, filters, force and rollout rules,
// experiment rules (including contextual-bandit leaves) and the default value.
#include <algorithm>

#include "experiment/condition.h"
#include "experiment/experiment_support.h"
#include "experiment/feature_def.h"
#include "experiment/js_value.h"

namespace engage::detail {

namespace {

const Json kNullJson;
const Json kEmptyArray = Json::array();

FeatureResult featureResult(const Json& value, const char* source, const std::string* ruleId = nullptr) {
  FeatureResult r;
  r.value = value;
  r.on = jsTruthy(value);
  r.off = !r.on;
  r.source = source;
  if (ruleId) r.ruleId = *ruleId;
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
bool includedInRollout(EvalState& state, const RuleDef& rule) {
  if (!rule.range && !rule.coverage) return true;
  if (!rule.range && rule.coverage->is_number() && rule.coverage->get<double>() == 0) return false;
  bool sticky = state.stickyEnabled && !rule.disableStickyBucketing;
  HashAttribute h = hashAttributeOf(state, rule.hashAttribute, sticky ? rule.fallbackAttribute : nullptr);
  if (!jsTruthy(*h.value)) return false;
  std::optional<double> n = gbHash(rule.seed, jsToString(*h.value), rule.hashVersion);
  if (!n) return false;
  if (rule.range) return inRange(*n, *rule.range);
  return *n <= jsToNumber(*rule.coverage);  // NaN coverage includes nobody, as in JS
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

// The experiment of a rule for this visitor: the compiled one, or for a contextual-bandit rule
// whose bandit is known a copy with the matched leaf's weights (`bandit` gets the leaf metadata).
std::shared_ptr<const ExperimentDef> ruleExperiment(EvalState& state, const RuleDef& rule, Json& bandit) {
  if (!rule.experiment || !rule.banditRef) return rule.experiment;
  Json exp = *rule.experiment->json;
  bandit = applyBandit(state, *rule.rule, exp);
  if (bandit.is_null()) return rule.experiment;
  return compileExperiment(std::make_shared<const Json>(std::move(exp)));
}

const FeatureDef* compiledFeature(EvalState& state, std::string_view id) {
  std::string key(id);
  auto it = state.compiledFeatures.find(key);
  if (it != state.compiledFeatures.end()) return &it->second;
  const Json* feature = member(state.features, id);
  if (!feature || !jsTruthy(*feature)) return nullptr;  // unknown ids are not cached (unbounded)
  return &state.compiledFeatures.emplace(std::move(key), compileFeature(id, *feature)).first->second;
}

}  // namespace

FeatureResult evalFeatureIn(EvalState& state, std::string_view id, const FeatureChain& chain) {
  if (std::find(chain.begin(), chain.end(), id) != chain.end() ||
      static_cast<int>(chain.size()) >= state.config.maxPrerequisiteDepth) {
    return featureResult(kNullJson, "cyclicPrerequisite");
  }
  if (!state.forcedFeatures.empty()) {
    if (const Json* forced = member(state.forcedFeatures, id)) return featureResult(*forced, "override");
  }
  const FeatureDef* feature = compiledFeature(state, id);
  if (!feature) return featureResult(kNullJson, "unknownFeature");

  if (!feature->rules.empty()) {
    FeatureChain inner = chain;
    inner.push_back(feature->id);
    for (const RuleDef& rule : feature->rules) {
      if (rule.parentConditions) {
        Prerequisites outcome = checkPrerequisites(state, *rule.parentConditions, inner);
        if (outcome == Prerequisites::Cyclic) return featureResult(kNullJson, "cyclicPrerequisite");
        if (outcome == Prerequisites::Block) return featureResult(kNullJson, "prerequisite");
        if (outcome == Prerequisites::SkipRule) continue;
      }
      if (rule.filters && filteredOut(state, *rule.filters)) continue;

      if (rule.force) {
        if (rule.condition && !conditionPasses(state, *rule.condition)) continue;
        if (!includedInRollout(state, rule)) continue;
        return featureResult(*rule.force, "force", &rule.ruleId);
      }

      Json bandit;
      std::shared_ptr<const ExperimentDef> exp = ruleExperiment(state, rule, bandit);
      if (!exp) continue;
      ExperimentResult result = runExperimentIn(state, *exp, &feature->id, inner);
      if (result.inExperiment && !result.passthrough) {
        FeatureResult out = featureResult(result.value, "experiment", &rule.ruleId);
        out.experiment = exp->json;
        if (!bandit.is_null() && result.hashUsed) {
          auto withBandit = std::make_shared<Json>(*exp->json);
          (*withBandit)["contextualBandit"] = bandit;
          out.experiment = std::move(withBandit);
          result.bandit = std::move(bandit);
        }
        out.experimentResult = std::move(result);
        return out;
      }
    }
  }
  return featureResult(feature->defaultValue ? *feature->defaultValue : kNullJson, "defaultValue");
}

}  // namespace engage::detail
