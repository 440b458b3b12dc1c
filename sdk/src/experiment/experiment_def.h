// An Experiment (GrowthBook's JSON shape) read once into typed fields, so that running it does
// not look fields up again on every evaluation. Feature rules compile their experiment once per
// feature payload (cached in EvalState); inline run() calls compile on the spot.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "experiment/hashing.h"

namespace engage::detail {

struct ExperimentDef {
  std::shared_ptr<const Json> json;  // the Experiment; every pointer below points into it
  std::string key;
  const Json* variations = nullptr;  // the variations array (null when missing)
  int numVariations = 0;
  std::string seed;                  // seed || key
  double hashVersion = 1;            // hashVersion || 1
  const Json* hashAttribute = nullptr;
  const Json* fallbackAttribute = nullptr;
  bool disableStickyBucketing = false;
  std::string stickyKey;             // "<key>__<bucketVersion || 0>"
  double minBucketVersion = 0;
  // Present only when truthy, as the reference SDK tests them:
  const Json* filters = nullptr;
  const Json* namespaceRange = nullptr;
  const Json* condition = nullptr;
  const Json* parentConditions = nullptr;
  const Json* meta = nullptr;        // only when an array
  const Json* force = nullptr;       // present even when null ("force" in experiment)
  bool inactive = false;             // status "draft" or active === false
  bool stopped = false;              // status "stopped"
  bool hasUrlPatterns = false;
  std::vector<VariationRange> ranges;  // explicit ranges, else from coverage and weights
};

std::shared_ptr<const ExperimentDef> compileExperiment(std::shared_ptr<const Json> experiment);

// Field readers that mirror JS: a missing or falsy field reads as absent.
const Json* truthyMember(const Json& obj, std::string_view key);
std::string stringMember(const Json& obj, std::string_view key);  // "" unless a string
double numberMember(const Json& obj, std::string_view key, double fallback);  // fallback if falsy

// Ranges from JSON [[start, end], ...]; malformed entries become empty ranges [0, 0).
std::vector<VariationRange> parseRanges(const Json& ranges);

}  // namespace engage::detail
