// runExperiment of GrowthBook's core.ts, step by step (the step numbers are the reference SDK's).
// Not supported from the reference: urlPatterns / legacy `url` targeting, `groups`, `include`
// callbacks and per-experiment overrides; experiments that carry urlPatterns are excluded rather
// than run untargeted.
#include <cmath>

#include "experiment/condition.h"
#include "experiment/experiment_support.h"
#include "experiment/js_value.h"

namespace engage::detail {

namespace {

int variationIndexOf(const Json& forced) {
  if (!forced.is_number()) return -1;
  double v = forced.get<double>();
  return std::floor(v) == v && v >= 0 && v < 1e9 ? static_cast<int>(v) : -1;
}

bool namespaceIncludes(const Json& hashValue, const Json& ns) {
  if (!ns.is_array() || ns.size() < 3) return true;  // malformed namespaces do not exclude
  return inNamespace(jsToString(hashValue), jsToString(ns[0]), jsToNumber(ns[1]), jsToNumber(ns[2]));
}

bool parentsPass(EvalState& state, const Json& parents, const FeatureChain& chain) {
  if (!parents.is_array()) return true;
  for (const Json& parent : parents) {
    FeatureResult result = evalFeatureIn(state, stringMember(parent, "id"), chain);
    if (result.source == "cyclicPrerequisite") return false;
    Json obj = {{"value", result.value}};
    const Json* condition = truthyMember(parent, "condition");
    if (condition && !evalCondition(obj, *condition, ConditionContext{&state.savedGroups, &state.regexCache})) {
      return false;
    }
  }
  return true;
}

// Steps 6 to 8: everything that can exclude a visitor before hashing, when no sticky bucket
// already decides. Returns false to exclude.
bool eligible(EvalState& state, const ExperimentDef& exp, const Json& hashValue, const FeatureChain& chain) {
  if (exp.filters) {
    if (filteredOut(state, *exp.filters)) return false;
  } else if (exp.namespaceRange && !namespaceIncludes(hashValue, *exp.namespaceRange)) {
    return false;
  }
  if (exp.condition && !conditionPasses(state, *exp.condition)) return false;
  return !exp.parentConditions || parentsPass(state, *exp.parentConditions, chain);
}

}  // namespace

bool conditionPasses(EvalState& state, const Json& condition) {
  return evalCondition(state.attributes, condition, ConditionContext{&state.savedGroups, &state.regexCache});
}

ExperimentResult runExperimentIn(EvalState& state, const ExperimentDef& exp, const std::string* featureId,
                                 const FeatureChain& chain) {
  auto exclude = [&] { return experimentResult(state, exp, -1, false, featureId); };
  // 1. fewer than two variations, 2. evaluation disabled, 2.6 URL targeting we cannot evaluate
  if (exp.numVariations < 2 || !state.enabled || exp.hasUrlPatterns) return exclude();

  // 3. `?key=N` in the URL, 4. forced variations of the context
  if (!state.url.empty()) {
    if (std::optional<int> qs = queryStringOverride(exp.key, state.url, exp.numVariations)) {
      return experimentResult(state, exp, *qs, false, featureId);
    }
  }
  if (const Json* forced = member(state.forcedVariations, exp.key)) {
    return experimentResult(state, exp, variationIndexOf(*forced), false, featureId);
  }
  // 5. drafts and inactive experiments
  if (exp.inactive) return exclude();
  // 6. the hash attribute (with the fallback attribute when sticky bucketing applies)
  bool sticky = stickyApplies(state, exp);
  HashAttribute h = hashAttributeOf(state, exp.hashAttribute, sticky ? exp.fallbackAttribute : nullptr);
  if (!jsTruthy(*h.value)) return exclude();
  const Json& hashValue = *h.value;

  StickyVariation stored = sticky ? stickyVariation(state, exp) : StickyVariation{};
  bool foundSticky = stored.variation >= 0;
  // 7 - 8.1. filters / namespace, condition, prerequisites (skipped when a sticky bucket decides)
  if (!foundSticky && !eligible(state, exp, hashValue, chain)) return exclude();

  // 9. hash and choose the variation
  std::optional<double> n = gbHash(exp.seed, jsToString(hashValue), exp.hashVersion);
  if (!n) return exclude();
  int assigned = foundSticky ? stored.variation : chooseVariation(*n, exp.ranges);

  // 9.5 a sticky bucket from a blocked bucket version unenrolls, 10. outside the coverage
  if (stored.versionBlocked) return experimentResult(state, exp, -1, false, featureId, std::nullopt, true);
  if (assigned < 0) return exclude();
  // 11. a variation forced by the experiment itself, 12. QA mode, 12.5 stopped experiments
  if (exp.force) return experimentResult(state, exp, variationIndexOf(*exp.force), false, featureId);
  if (state.qaMode || exp.stopped) return exclude();

  // 13. the result, 13.5 persisted sticky bucket, 14. the exposure (once per visitor and variation)
  ExperimentResult result = experimentResult(state, exp, assigned, true, featureId, *n, foundSticky);
  if (sticky) saveStickyAssignment(state, exp, result);
  result.firstExposure = state.exposures.record(ExposureLog::exposureKey(
      result.hashAttribute, jsStickyString(result.hashValue), exp.key, result.variationId));
  return result;
}

}  // namespace engage::detail
