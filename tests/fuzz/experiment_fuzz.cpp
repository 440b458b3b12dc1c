// Feature definitions and experiment evaluation (engage/experiment.h): a GrowthBook SDK payload or
// context as a site publishes it. The input is one JSON object: any of the context keys
// FeatureEvaluator::configure() reads (features, savedGroups, contextualBandits, attributes,
// forcedVariations, forcedFeatures, url, enabled, qaMode) plus an optional inline "experiment"
// for FeatureEvaluator::run(). Every feature of the payload (up to kMaxFeatures) is evaluated.
// Invariants checked on every input:
//   - evaluation is deterministic: evaluating a feature again, and on a fresh evaluator over the
//     same store (the next page load, with sticky buckets and exposure log), gives the same value.
//     Not checked for a payload whose experiment rules contradict themselves, where GrowthBook (and
//     Engage, which follows it) gives another answer once a sticky bucket is stored: a rule whose
//     minBucketVersion exceeds its bucketVersion (the stored assignment is under a version the rule
//     blocks), or two variations with the same key (meta[i].key, else the index: the stored key is
//     read back as the first variation carrying it);
//   - running the inline experiment again gives the same variation;
//   - results serialise (toJson, exposureProperties) to valid JSON text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_access.h"
#include "engage/experiment.h"
#include "fuzz_support.h"

namespace {

using engage::detail::Json;
using engage::fuzz::require;

constexpr size_t kMaxFeatures = 16;

// Serialises and re-parses, so a value that cannot round-trip is caught.
std::string text(const Json& j) {
  std::string out = engage::detail::dumpJson(j);
  require(engage::detail::parseJson(out).has_value(), "a result serialises to valid JSON");
  return out;
}

std::vector<std::string> featureKeys(const Json& context) {
  std::vector<std::string> keys;
  const Json* features = engage::detail::member(context, "features");
  if (features && features->is_object())
    for (auto it = features->begin(); it != features->end() && keys.size() < kMaxFeatures; ++it)
      keys.push_back(it.key());
  keys.push_back("not-a-feature");
  return keys;
}

// A rule or experiment that contradicts itself (see the header comment).
bool blocksItself(const Json& rule) {
  const double min = engage::detail::numberOr(rule, "minBucketVersion", 0);
  if (min > 0 && min > engage::detail::numberOr(rule, "bucketVersion", 0)) return true;
  const Json* variations = engage::detail::member(rule, "variations");
  if (!variations) variations = engage::detail::member(rule, "contextualVariations");  // bandits
  const Json* meta = engage::detail::member(rule, "meta");
  if (!variations || !variations->is_array() || !meta || !meta->is_array()) return false;
  std::set<std::string> keys;
  for (size_t i = 0; i < variations->size(); ++i) {
    const Json* key = i < meta->size() ? engage::detail::member((*meta)[i], "key") : nullptr;
    if (!keys.insert(key && key->is_string() ? key->get<std::string>() : std::to_string(i)).second)
      return true;
  }
  return false;
}

bool selfBlocking(const Json& context) {
  const Json* features = engage::detail::member(context, "features");
  if (!features || !features->is_object()) return false;
  for (const Json& feature : *features) {
    const Json* rules = engage::detail::member(feature, "rules");
    if (!rules || !rules->is_array()) continue;
    for (const Json& rule : *rules)
      if (blocksItself(rule)) return true;
  }
  return false;
}

std::vector<std::string> evaluateAll(engage::FeatureEvaluator& evaluator, const Json& context) {
  std::vector<std::string> values;
  for (const auto& key : featureKeys(context)) {
    engage::FeatureResult r = evaluator.evalFeature(key);
    text(r.toJson());
    if (r.experimentResult) text(r.experimentResult->exposureProperties());
    values.push_back(text(r.value));
    if (std::getenv("ENGAGE_FUZZ_VERBOSE"))
      std::fprintf(stderr, "%s -> %s\n", key.c_str(), engage::detail::dumpJson(r.toJson()).c_str());
  }
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto context = engage::detail::parseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!context || !context->is_object()) return 0;
  engage::fuzz::FuzzStore store;
  engage::FeatureEvaluator first(&store);
  if (!first.configure(*context)) return 0;
  const bool deterministic = !selfBlocking(*context);
  const std::vector<std::string> values = evaluateAll(first, *context);
  const std::vector<std::string> again = evaluateAll(first, *context);
  require(!deterministic || again == values, "a feature evaluates the same twice");
  text(first.stickyBucketDocs());

  engage::FeatureEvaluator reloaded(&store);
  require(reloaded.configure(*context), "a payload accepted once is accepted again");
  const std::vector<std::string> reloadedValues = evaluateAll(reloaded, *context);
  require(!deterministic || reloadedValues == values, "the next page load evaluates the same");

  if (const Json* experiment = engage::detail::member(*context, "experiment")) {
    engage::ExperimentResult a = first.run(*experiment);
    engage::ExperimentResult b = first.run(*experiment);
    text(a.toJson());
    require(blocksItself(*experiment) ||
                (a.inExperiment == b.inExperiment && a.variationId == b.variationId),
            "an experiment assigns the same variation twice");
  }
  return 0;
}
