#include "experiment/experiment_support.h"

#include "experiment/condition.h"
#include "experiment/js_value.h"

namespace engage::detail {

namespace {

const Json kEmptyString = "";
const Json kEmptyObject = Json::object();

// resolveAttribute: the literal key first (even when falsy), then the dot path, else "".
const Json& resolveAttribute(const Json& attributes, const std::string& key) {
  if (const Json* literal = member(attributes, key)) return *literal;
  const Json& nested = getPath(attributes, key);
  return nested.is_null() ? kEmptyString : nested;
}

std::string attributeName(const Json* attr) {
  return attr && attr->is_string() && !attr->get_ref<const std::string&>().empty()
             ? attr->get_ref<const std::string&>()
             : std::string("id");
}

// Assignments from the fallback attribute's document, overridden by the hash attribute's.
Json stickyAssignments(EvalState& state, const ExperimentDef& exp) {
  Json merged = Json::object();
  HashAttribute primary = hashAttributeOf(state, exp.hashAttribute, nullptr);
  std::string hashKey = StickyBucketStore::attributeKey(primary.attribute, jsStickyString(*primary.value));
  HashAttribute fallback = hashAttributeOf(state, exp.fallbackAttribute, nullptr);
  if (jsTruthy(*fallback.value)) {
    std::string key = StickyBucketStore::attributeKey(fallback.attribute, jsStickyString(*fallback.value));
    if (const Json* doc = state.sticky.find(key)) merged.update(*member(*doc, "assignments"));
  }
  if (const Json* doc = state.sticky.find(hashKey)) merged.update(*member(*doc, "assignments"));
  return merged;
}

}  // namespace

HashAttribute hashAttributeOf(const EvalState& state, const Json* attr, const Json* fallback) {
  HashAttribute out{attributeName(attr), nullptr};
  out.value = &resolveAttribute(state.attributes, out.attribute);
  if (!jsTruthy(*out.value) && fallback && fallback->is_string() && jsTruthy(*fallback)) {
    const Json& value = resolveAttribute(state.attributes, fallback->get_ref<const std::string&>());
    if (jsTruthy(value)) {
      out.attribute = fallback->get_ref<const std::string&>();
      out.value = &value;
    }
  }
  return out;
}

bool filteredOut(const EvalState& state, const Json& filters) {
  if (!filters.is_array()) return false;
  for (const Json& filter : filters) {
    HashAttribute h = hashAttributeOf(state, member(filter, "attribute"), nullptr);
    if (!jsTruthy(*h.value)) return true;
    std::optional<double> n =
        gbHash(stringMember(filter, "seed"), jsToString(*h.value), numberMember(filter, "hashVersion", 2));
    if (!n) return true;
    bool inAny = false;
    const Json* ranges = member(filter, "ranges");
    for (const VariationRange& r : parseRanges(ranges ? *ranges : Json())) inAny = inAny || inRange(*n, r);
    if (!inAny) return true;
  }
  return false;
}

bool stickyApplies(const EvalState& state, const ExperimentDef& exp) {
  return state.stickyEnabled && !exp.disableStickyBucketing;
}

ExperimentResult experimentResult(const EvalState& state, const ExperimentDef& exp, int variationIndex,
                                  bool hashUsed, const std::string* featureId,
                                  std::optional<double> bucket, bool stickyBucketUsed) {
  ExperimentResult res;
  res.inExperiment = true;
  if (variationIndex < 0 || variationIndex >= exp.numVariations) {
    variationIndex = 0;
    res.inExperiment = false;
  }
  auto index = static_cast<size_t>(variationIndex);
  HashAttribute h = hashAttributeOf(state, exp.hashAttribute,
                                    stickyApplies(state, exp) ? exp.fallbackAttribute : nullptr);
  const Json* meta = exp.meta && index < exp.meta->size() ? &(*exp.meta)[index] : &kEmptyObject;
  const Json* metaKey = truthyMember(*meta, "key");
  res.key = metaKey ? jsToString(*metaKey) : std::to_string(variationIndex);
  if (featureId) res.featureId = *featureId;
  res.hashUsed = hashUsed;
  res.variationId = variationIndex;
  if (exp.numVariations > 0) res.value = (*exp.variations)[index];
  res.hashAttribute = h.attribute;
  res.hashValue = *h.value;
  res.stickyBucketUsed = stickyBucketUsed;
  if (const Json* name = truthyMember(*meta, "name")) res.name = jsToString(*name);
  res.bucket = bucket;
  res.passthrough = truthyMember(*meta, "passthrough") != nullptr;
  res.experimentKey = exp.key;
  return res;
}

StickyVariation stickyVariation(EvalState& state, const ExperimentDef& exp) {
  Json assignments = stickyAssignments(state, exp);
  for (int v = 0; v < exp.minBucketVersion; ++v) {
    if (assignments.contains(exp.key + "__" + std::to_string(v))) return {-1, true};
  }
  const Json* assigned = member(assignments, exp.stickyKey);
  if (!assigned || !exp.meta) return {};
  for (size_t i = 0; i < exp.meta->size(); ++i) {
    const Json* metaKey = member((*exp.meta)[i], "key");
    if (metaKey && jsStrictEquals(*metaKey, *assigned)) return {static_cast<int>(i), false};
  }
  return {};  // an unknown variation key counts as no assignment
}

void saveStickyAssignment(EvalState& state, const ExperimentDef& exp, const ExperimentResult& result) {
  std::string value = jsStickyString(result.hashValue);
  std::string attrKey = StickyBucketStore::attributeKey(result.hashAttribute, value);
  const Json* existing = state.sticky.find(attrKey);
  Json assignments = existing ? *member(*existing, "assignments") : Json::object();
  Json updated = assignments;
  updated[exp.stickyKey] = result.key;
  if (updated == assignments) return;
  Json doc = {{"attributeName", result.hashAttribute}, {"attributeValue", value}, {"assignments", updated}};
  state.sticky.save(attrKey, std::move(doc));
}

}  // namespace engage::detail
