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

std::string stickyExperimentKey(const Json& experiment) {
  return stringMember(experiment, "key") + "__" +
         jsNumberToString(numberMember(experiment, "bucketVersion", 0));
}

// Assignments from the fallback attribute's document, overridden by the hash attribute's.
Json stickyAssignments(EvalState& state, const Json& experiment) {
  Json merged = Json::object();
  HashAttribute primary = hashAttributeOf(state, member(experiment, "hashAttribute"), nullptr);
  std::string hashKey = StickyBucketStore::attributeKey(primary.attribute, jsStickyString(*primary.value));
  HashAttribute fallback = hashAttributeOf(state, member(experiment, "fallbackAttribute"), nullptr);
  if (jsTruthy(*fallback.value)) {
    std::string key = StickyBucketStore::attributeKey(fallback.attribute, jsStickyString(*fallback.value));
    if (const Json* doc = state.sticky.find(key)) merged.update(*member(*doc, "assignments"));
  }
  if (const Json* doc = state.sticky.find(hashKey)) merged.update(*member(*doc, "assignments"));
  return merged;
}

}  // namespace

const Json* truthyMember(const Json& obj, std::string_view key) {
  const Json* m = member(obj, key);
  return m && jsTruthy(*m) ? m : nullptr;
}

std::string stringMember(const Json& obj, std::string_view key) {
  const Json* m = member(obj, key);
  return m && m->is_string() ? m->get_ref<const std::string&>() : std::string();
}

double numberMember(const Json& obj, std::string_view key, double fallback) {
  const Json* m = truthyMember(obj, key);
  return m ? jsToNumber(*m) : fallback;
}

std::vector<VariationRange> parseRanges(const Json& ranges) {
  std::vector<VariationRange> out;
  if (!ranges.is_array()) return out;
  for (const Json& r : ranges) {
    if (r.is_array() && r.size() >= 2 && r[0].is_number() && r[1].is_number()) {
      out.emplace_back(r[0].get<double>(), r[1].get<double>());
    } else {
      out.emplace_back(0.0, 0.0);
    }
  }
  return out;
}

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

bool stickyApplies(const EvalState& state, const Json& experiment) {
  return state.stickyEnabled && !truthyMember(experiment, "disableStickyBucketing");
}

ExperimentResult experimentResult(const EvalState& state, const Json& experiment, int variationIndex,
                                  bool hashUsed, const std::string* featureId,
                                  std::optional<double> bucket, bool stickyBucketUsed) {
  ExperimentResult res;
  const Json* variations = member(experiment, "variations");
  size_t count = variations && variations->is_array() ? variations->size() : 0;
  res.inExperiment = true;
  if (variationIndex < 0 || static_cast<size_t>(variationIndex) >= count) {
    variationIndex = 0;
    res.inExperiment = false;
  }
  const Json* fallback = stickyApplies(state, experiment) ? member(experiment, "fallbackAttribute") : nullptr;
  HashAttribute h = hashAttributeOf(state, member(experiment, "hashAttribute"), fallback);
  const Json* metaList = member(experiment, "meta");
  const Json* meta = metaList && metaList->is_array() && static_cast<size_t>(variationIndex) < metaList->size()
                         ? &(*metaList)[static_cast<size_t>(variationIndex)]
                         : &kEmptyObject;
  const Json* metaKey = truthyMember(*meta, "key");
  res.key = metaKey ? jsToString(*metaKey) : std::to_string(variationIndex);
  if (featureId) res.featureId = *featureId;
  res.hashUsed = hashUsed;
  res.variationId = variationIndex;
  res.value = count > 0 ? (*variations)[static_cast<size_t>(variationIndex)] : Json();
  res.hashAttribute = h.attribute;
  res.hashValue = *h.value;
  res.stickyBucketUsed = stickyBucketUsed;
  if (const Json* name = truthyMember(*meta, "name")) res.name = jsToString(*name);
  res.bucket = bucket;
  res.passthrough = truthyMember(*meta, "passthrough") != nullptr;
  res.experimentKey = stringMember(experiment, "key");
  return res;
}

StickyVariation stickyVariation(EvalState& state, const Json& experiment) {
  Json assignments = stickyAssignments(state, experiment);
  double minVersion = numberMember(experiment, "minBucketVersion", 0);
  std::string key = stringMember(experiment, "key");
  for (int v = 0; v < minVersion; ++v) {
    if (assignments.contains(key + "__" + std::to_string(v))) return {-1, true};
  }
  const Json* assigned = member(assignments, stickyExperimentKey(experiment));
  if (!assigned) return {};
  const Json* meta = member(experiment, "meta");
  if (!meta || !meta->is_array()) return {};
  for (size_t i = 0; i < meta->size(); ++i) {
    const Json* metaKey = member((*meta)[i], "key");
    if (metaKey && jsStrictEquals(*metaKey, *assigned)) return {static_cast<int>(i), false};
  }
  return {};  // an unknown variation key counts as no assignment
}

void saveStickyAssignment(EvalState& state, const Json& experiment, const ExperimentResult& result) {
  std::string value = jsStickyString(result.hashValue);
  std::string attrKey = StickyBucketStore::attributeKey(result.hashAttribute, value);
  const Json* existing = state.sticky.find(attrKey);
  Json assignments = existing ? *member(*existing, "assignments") : Json::object();
  Json updated = assignments;
  updated[stickyExperimentKey(experiment)] = result.key;
  if (updated == assignments) return;
  Json doc = {{"attributeName", result.hashAttribute}, {"attributeValue", value}, {"assignments", updated}};
  state.sticky.save(attrKey, std::move(doc));
}

}  // namespace engage::detail
