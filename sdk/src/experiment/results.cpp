// JSON forms of the results, in GrowthBook's shapes (the conformance cases compare them whole).
#include "engage/experiment.h"

namespace engage {

nlohmann::json ExperimentResult::toJson() const {
  nlohmann::json j = {{"key", key},
                      {"featureId", featureId ? nlohmann::json(*featureId) : nlohmann::json()},
                      {"inExperiment", inExperiment},
                      {"hashUsed", hashUsed},
                      {"variationId", variationId},
                      {"value", value},
                      {"hashAttribute", hashAttribute},
                      {"hashValue", hashValue},
                      {"stickyBucketUsed", stickyBucketUsed}};
  if (name) j["name"] = *name;
  if (bucket) j["bucket"] = *bucket;
  if (passthrough) j["passthrough"] = true;
  if (bandit.is_object()) {
    for (auto it = bandit.begin(); it != bandit.end(); ++it) j[it.key()] = *it;
  }
  return j;
}

nlohmann::json ExperimentResult::exposureProperties() const {
  return {{"experimentId", experimentKey},
          {"variationId", key},
          {"variationIndex", variationId},
          {"hashAttribute", hashAttribute},
          {"hashValue", hashValue},
          {"featureId", featureId ? nlohmann::json(*featureId) : nlohmann::json()},
          {"bucket", bucket ? nlohmann::json(*bucket) : nlohmann::json()},
          {"stickyBucketUsed", stickyBucketUsed}};
}

nlohmann::json FeatureResult::toJson() const {
  nlohmann::json j = {{"value", value}, {"on", on}, {"off", off}, {"source", source}, {"ruleId", ruleId}};
  if (experiment) j["experiment"] = *experiment;
  if (experimentResult) j["experimentResult"] = experimentResult->toJson();
  return j;
}

}  // namespace engage
