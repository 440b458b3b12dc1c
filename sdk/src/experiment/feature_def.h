// A feature definition ({defaultValue, rules}) read once into typed rules, so that evaluating a
// flag does not look JSON fields up on every call (key lookups are the dominant cost, in wasm
// especially). Compiled lazily per feature and cached in EvalState until the features change.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "experiment/experiment_def.h"

namespace engage::detail {

struct RuleDef {
  const Json* rule = nullptr;
  const Json* parentConditions = nullptr;  // truthy only
  const Json* filters = nullptr;           // truthy only
  const Json* condition = nullptr;         // truthy only
  const Json* force = nullptr;             // present ("force" in rule), even when null
  std::string ruleId;                      // rule.id || ""
  // Rollout of a force rule (isIncludedInRollout): range, else coverage, of hash(seed || feature).
  std::optional<VariationRange> range;
  const Json* coverage = nullptr;          // present, even when null
  std::string seed;
  double hashVersion = 1;
  const Json* hashAttribute = nullptr;
  const Json* fallbackAttribute = nullptr;
  bool disableStickyBucketing = false;
  // Experiment rules: the compiled experiment (null for rules without variations).
  std::shared_ptr<const ExperimentDef> experiment;
  bool banditRef = false;                  // has a contextualBanditRef
};

struct FeatureDef {
  std::string id;
  const Json* defaultValue = nullptr;
  std::vector<RuleDef> rules;
};

// `feature` must stay alive and unchanged while the result is used.
FeatureDef compileFeature(std::string_view id, const Json& feature);

// The Experiment a rule describes: only the fields the JS SDK copies, with the same presence rules.
Json experimentFromRule(const Json& rule, const Json& variations, std::string_view id);

}  // namespace engage::detail
