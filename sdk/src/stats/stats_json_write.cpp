// toJson() of the stats types (shapes documented in engage/stats.h) and the shared names.
#include <nlohmann/json.hpp>

#include "engage/stats.h"
#include "stats/stats_json.h"

namespace engage::detail {

const char* metricTypeName(stats::MetricType type) {
  return type == stats::MetricType::Mean ? "mean" : "proportion";
}

std::optional<stats::MetricType> metricTypeFromName(const std::string& name) {
  if (name == "proportion") return stats::MetricType::Proportion;
  if (name == "mean") return stats::MetricType::Mean;
  return std::nullopt;
}

const char* proportionTestName(stats::ProportionTest test) {
  return test == stats::ProportionTest::PooledZ ? "z" : "welch";
}

std::optional<stats::ProportionTest> proportionTestFromName(const std::string& name) {
  if (name == "welch") return stats::ProportionTest::Welch;
  if (name == "z") return stats::ProportionTest::PooledZ;
  return std::nullopt;
}

}  // namespace engage::detail

namespace engage::stats {
namespace {

using Json = nlohmann::json;

Json intervalJson(const Interval& ci) { return Json::array({ci.lower, ci.upper}); }

Json liftJson(const LiftEstimate& lift) {
  return {{"available", lift.available}, {"estimate", lift.estimate},   {"stddev", lift.stddev},
          {"ci", intervalJson(lift.ci)}, {"pValue", lift.pValue},       {"significant", lift.significant}};
}

Json bayesianJson(const BayesianEstimate& b) {
  return {{"available", b.available},
          {"expected", b.expected},
          {"stddev", b.stddev},
          {"ci", intervalJson(b.ci)},
          {"chanceToWin", b.chanceToWin},
          {"risk", Json::array({b.riskControl, b.riskVariation})}};
}

Json variationJson(const VariationResult& v) {
  Json out = {{"id", v.id},   {"baseline", v.baseline}, {"users", v.users}, {"mean", v.mean},
              {"stddev", v.stddev}, {"test", v.test},     {"dof", v.dof},     {"note", v.note}};
  if (!v.baseline) {
    out["absolute"] = liftJson(v.absolute);
    out["relative"] = liftJson(v.relative);
    out["bayesian"] = bayesianJson(v.bayesian);
  }
  return out;
}

Json srmJson(const SrmResult& srm) {
  return {{"chiSquare", srm.chiSquare}, {"dof", srm.dof},
          {"pValue", srm.pValue},       {"mismatch", srm.mismatch},
          {"expectedUsers", srm.expectedUsers}};
}

}  // namespace

Json toJson(const ExperimentData& data) {
  Json variations = Json::array();
  for (const VariationSummary& v : data.variations) {
    Json item = {{"id", v.id}, {"users", v.users}};
    if (data.type == MetricType::Proportion) {
      item["conversions"] = v.sum;
    } else {
      item["sum"] = v.sum;
      item["sumSquares"] = v.sumSquares;
    }
    variations.push_back(std::move(item));
  }
  return {{"experiment", data.experiment},
          {"metric", data.metric},
          {"type", detail::metricTypeName(data.type)},
          {"variations", std::move(variations)},
          {"weights", data.weights}};
}

Json toJson(const AnalysisOptions& o) {
  return {{"alpha", o.alpha},
          {"baseline", o.baseline},
          {"sequential", o.sequential},
          {"sequentialTuning", o.sequentialTuning},
          {"proportionTest", detail::proportionTestName(o.proportionTest)},
          {"prior", {{"mean", o.prior.mean}, {"variance", o.prior.variance}, {"proper", o.prior.proper}}},
          {"inverse", o.inverse},
          {"srmThreshold", o.srmThreshold},
          {"maxVariations", o.maxVariations}};
}

Json toJson(const AnalysisResult& result) {
  if (!result.ok) {
    return {{"ok", false}, {"error", {{"code", result.error.code}, {"message", result.error.message}}}};
  }
  Json variations = Json::array();
  for (const VariationResult& v : result.variations) variations.push_back(variationJson(v));
  return {{"ok", true},
          {"experiment", result.experiment},
          {"metric", result.metric},
          {"type", detail::metricTypeName(result.type)},
          {"options", toJson(result.options)},
          {"srm", srmJson(result.srm)},
          {"variations", std::move(variations)}};
}

}  // namespace engage::stats
