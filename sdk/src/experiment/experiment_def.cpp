#include "experiment/experiment_def.h"

#include "experiment/js_value.h"

namespace engage::detail {

namespace {

std::vector<VariationRange> rangesFor(const Json& exp, int numVariations) {
  if (const Json* ranges = truthyMember(exp, "ranges")) return parseRanges(*ranges);
  const Json* coverageField = member(exp, "coverage");
  double coverage = coverageField ? jsToNumber(*coverageField) : 1.0;
  const Json* weightsField = truthyMember(exp, "weights");
  if (!weightsField || !weightsField->is_array()) return bucketRanges(numVariations, coverage, nullptr);
  std::vector<double> weights;
  for (const Json& w : *weightsField) weights.push_back(jsToNumber(w));
  return bucketRanges(numVariations, coverage, &weights);
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

std::shared_ptr<const ExperimentDef> compileExperiment(std::shared_ptr<const Json> experiment) {
  auto def = std::make_shared<ExperimentDef>();
  const Json& exp = *experiment;
  def->key = stringMember(exp, "key");
  const Json* variations = member(exp, "variations");
  if (variations && variations->is_array()) {
    def->variations = variations;
    def->numVariations = static_cast<int>(variations->size());
  }
  const Json* seed = truthyMember(exp, "seed");
  def->seed = seed ? jsToString(*seed) : def->key;
  def->hashVersion = numberMember(exp, "hashVersion", 1);
  def->hashAttribute = member(exp, "hashAttribute");
  def->fallbackAttribute = member(exp, "fallbackAttribute");
  def->disableStickyBucketing = truthyMember(exp, "disableStickyBucketing") != nullptr;
  def->stickyKey = def->key + "__" + jsNumberToString(numberMember(exp, "bucketVersion", 0));
  def->minBucketVersion = numberMember(exp, "minBucketVersion", 0);
  def->filters = truthyMember(exp, "filters");
  def->namespaceRange = truthyMember(exp, "namespace");
  def->condition = truthyMember(exp, "condition");
  def->parentConditions = truthyMember(exp, "parentConditions");
  const Json* meta = member(exp, "meta");
  def->meta = meta && meta->is_array() ? meta : nullptr;
  def->force = member(exp, "force");
  const Json* active = member(exp, "active");
  std::string status = stringMember(exp, "status");
  def->inactive = status == "draft" || (active && active->is_boolean() && !active->get<bool>());
  def->stopped = status == "stopped";
  def->hasUrlPatterns = truthyMember(exp, "urlPatterns") != nullptr;
  def->ranges = rangesFor(exp, def->numVariations);
  def->json = std::move(experiment);
  return def;
}

}  // namespace engage::detail
