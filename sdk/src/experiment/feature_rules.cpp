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
bool includedInRollout(EvalState& state, const Json& rule, std::string_view id) {
  const Json* range = truthyMember(rule, "range");
  const Json* coverage = member(rule, "coverage");
  if (!range && !coverage) return true;
  if (!range && coverage->is_number() && coverage->get<double>() == 0) return false;
  bool sticky = state.stickyEnabled && !truthyMember(rule, "disableStickyBucketing");
  const Json* fallback = sticky ? member(rule, "fallbackAttribute") : nullptr;
  HashAttribute h = hashAttributeOf(state, member(rule, "hashAttribute"), fallback);
  if (!jsTruthy(*h.value)) return false;
  const Json* seed = truthyMember(rule, "seed");
  std::optional<double> n = gbHash(seed ? jsToString(*seed) : std::string(id), jsToString(*h.value),
                                   numberMember(rule, "hashVersion", 1));
  if (!n) return false;
  if (range) {
    std::vector<VariationRange> r = parseRanges(Json::array({*range}));
    return inRange(*n, r[0]);
  }
  return *n <= jsToNumber(*coverage);  // NaN coverage includes nobody, as in JS
}

// The Experiment a rule describes: only the fields the JS SDK copies, with the same presence rules.
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

// The compiled experiment of an experiment rule, or null when the rule has no variations. Built
// once per features payload; a contextual-bandit rule whose bandit is known gets a per-visitor
// copy with the matched leaf's weights, and `bandit` receives the leaf metadata.
std::shared_ptr<const ExperimentDef> ruleExperiment(EvalState& state, const Json& rule, std::string_view id,
                                                    Json& bandit) {
  auto cached = state.ruleExperiments.find(&rule);
  if (cached == state.ruleExperiments.end()) {
    const Json* variations = member(rule, "contextualVariations");
    if (!variations || variations->is_null()) variations = member(rule, "variations");
    std::shared_ptr<const ExperimentDef> def;
    if (variations && jsTruthy(*variations)) {
      def = compileExperiment(std::make_shared<const Json>(experimentFromRule(rule, *variations, id)));
    }
    cached = state.ruleExperiments.emplace(&rule, std::move(def)).first;
  }
  if (!cached->second || !member(rule, "contextualBanditRef")) return cached->second;
  Json exp = *cached->second->json;
  bandit = applyBandit(state, rule, exp);
  if (bandit.is_null()) return cached->second;
  return compileExperiment(std::make_shared<const Json>(std::move(exp)));
}

}  // namespace

FeatureResult evalFeatureIn(EvalState& state, std::string_view id, const FeatureChain& chain) {
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

      Json bandit;
      std::shared_ptr<const ExperimentDef> exp = ruleExperiment(state, rule, id, bandit);
      if (!exp) continue;
      std::string featureId(id);
      ExperimentResult result = runExperimentIn(state, *exp, &featureId, inner);
      if (result.inExperiment && !result.passthrough) {
        FeatureResult out = featureResult(result.value, "experiment", rule);
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
  const Json* defaultValue = member(*feature, "defaultValue");
  return featureResult(defaultValue ? *defaultValue : kNullJson, "defaultValue");
}

}  // namespace engage::detail
