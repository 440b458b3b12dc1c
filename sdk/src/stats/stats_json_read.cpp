// fromJson() of the stats types and analyzeJson(). Input may be untrusted: nothing here throws; every
// value is type-checked before it is read (base/json_access.h).
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "base/json_access.h"
#include "engage/stats.h"
#include "stats/stats_json.h"

namespace engage::stats {
namespace {

using detail::Json;
using detail::member;

// Largest user count accepted: integers above 2^53 are not exact in a double.
constexpr double kMaxUsers = 9.0e15;

// Reads members of one object, remembering the first problem as an AnalysisError with `code`.
class Reader {
 public:
  Reader(const Json& object, const char* code, std::string where) : object_(object), code_(code), where_(std::move(where)) {}

  bool ok() const { return error_.code.empty(); }
  const AnalysisError& error() const { return error_; }
  void fail(const std::string& message) {
    if (ok()) error_ = {code_, where_ + message};
  }

  // Each reader leaves `out` untouched when the key is missing; a present key of the wrong type fails.
  void number(const char* key, double& out) {
    if (const Json* m = member(object_, key)) {
      if (m->is_number()) out = m->get<double>(); else fail(std::string(key) + " must be a number");
    }
  }
  void integer(const char* key, int64_t& out, double limit) {
    double value = static_cast<double>(out);
    number(key, value);
    if (value != std::floor(value) || std::fabs(value) > limit) fail(std::string(key) + " must be an integer");
    else out = static_cast<int64_t>(value);
  }
  void flag(const char* key, bool& out) {
    if (const Json* m = member(object_, key)) {
      if (m->is_boolean()) out = m->get<bool>(); else fail(std::string(key) + " must be true or false");
    }
  }
  void text(const char* key, std::string& out) {
    if (const Json* m = member(object_, key)) {
      if (m->is_string()) out = m->get<std::string>(); else fail(std::string(key) + " must be a string");
    }
  }

 private:
  const Json& object_;
  const char* code_;
  std::string where_;
  AnalysisError error_;
};

bool report(const AnalysisError& e, AnalysisError* error) {
  if (error) *error = e;
  return false;
}

bool readVariation(const Json& j, size_t index, MetricType type, VariationSummary& out, AnalysisError* error) {
  const std::string where = "variation " + std::to_string(index) + ": ";
  if (!j.is_object()) return report({"invalid_variation", where + "must be an object"}, error);
  Reader r(j, "invalid_variation", where);
  out.id = std::to_string(index);
  if (const Json* id = member(j, "id"); id && id->is_number_integer()) out.id = std::to_string(id->get<int64_t>());
  else r.text("id", out.id);
  if (!member(j, "users")) r.fail("users is required");
  r.integer("users", out.users, kMaxUsers);
  const bool proportion = type == MetricType::Proportion;
  const char* sumKey = proportion && member(j, "conversions") ? "conversions" : "sum";
  if (!member(j, sumKey)) r.fail(proportion ? "conversions is required" : "sum is required");
  r.number(sumKey, out.sum);
  if (!proportion && !member(j, "sumSquares")) r.fail("sumSquares is required for a mean metric");
  if (!proportion) r.number("sumSquares", out.sumSquares);
  return r.ok() || report(r.error(), error);
}

bool readWeights(const Json& j, std::vector<double>& out, AnalysisError* error) {
  const Json* weights = member(j, "weights");
  if (!weights || weights->is_null()) return true;
  if (!weights->is_array()) return report({"invalid_weights", "weights must be an array of numbers"}, error);
  for (const Json& w : *weights) {
    if (!w.is_number()) return report({"invalid_weights", "weights must be an array of numbers"}, error);
    out.push_back(w.get<double>());
  }
  return true;
}

bool readInterval(const Json& j, const char* key, Interval& out) {
  const Json* ci = member(j, key);
  if (!ci || !ci->is_array() || ci->size() != 2 || !(*ci)[0].is_number() || !(*ci)[1].is_number()) return false;
  out = {(*ci)[0].get<double>(), (*ci)[1].get<double>()};
  return true;
}

void readLift(const Json& j, LiftEstimate& out) {
  out.available = detail::boolOr(j, "available", false);
  out.estimate = detail::numberOr(j, "estimate", 0);
  out.stddev = detail::numberOr(j, "stddev", 0);
  readInterval(j, "ci", out.ci);
  out.pValue = detail::numberOr(j, "pValue", 1);
  out.significant = detail::boolOr(j, "significant", false);
}

void readBayesian(const Json& j, BayesianEstimate& out) {
  out.available = detail::boolOr(j, "available", false);
  out.expected = detail::numberOr(j, "expected", 0);
  out.stddev = detail::numberOr(j, "stddev", 0);
  readInterval(j, "ci", out.ci);
  out.chanceToWin = detail::numberOr(j, "chanceToWin", 0.5);
  Interval risk;
  if (readInterval(j, "risk", risk)) {
    out.riskControl = risk.lower;
    out.riskVariation = risk.upper;
  }
}

void readVariationResult(const Json& j, VariationResult& out) {
  out.id = detail::stringOr(j, "id", "");
  out.baseline = detail::boolOr(j, "baseline", false);
  out.users = detail::integerOr(j, "users", 0);
  out.mean = detail::numberOr(j, "mean", 0);
  out.stddev = detail::numberOr(j, "stddev", 0);
  out.test = detail::stringOr(j, "test", "");
  out.dof = detail::numberOr(j, "dof", 0);
  out.note = detail::stringOr(j, "note", "");
  if (const Json* m = member(j, "absolute")) readLift(*m, out.absolute);
  if (const Json* m = member(j, "relative")) readLift(*m, out.relative);
  if (const Json* m = member(j, "bayesian")) readBayesian(*m, out.bayesian);
}

}  // namespace

bool fromJson(const Json& j, ExperimentData& out, AnalysisError* error) {
  if (!j.is_object()) return report({"invalid_experiment", "the experiment must be a JSON object"}, error);
  Reader r(j, "invalid_experiment", "");
  r.text("experiment", out.experiment);
  r.text("metric", out.metric);
  std::string type = detail::metricTypeName(out.type);
  r.text("type", type);
  if (!r.ok()) return report(r.error(), error);
  const auto parsedType = detail::metricTypeFromName(type);
  if (!parsedType) return report({"invalid_experiment", "type must be \"proportion\" or \"mean\""}, error);
  out.type = *parsedType;
  const Json* variations = member(j, "variations");
  if (!variations || !variations->is_array()) return report({"invalid_experiment", "variations must be an array"}, error);
  out.variations.clear();
  for (size_t i = 0; i < variations->size(); ++i) {
    VariationSummary v;
    if (!readVariation((*variations)[i], i, out.type, v, error)) return false;
    out.variations.push_back(std::move(v));
  }
  out.weights.clear();
  return readWeights(j, out.weights, error);
}

bool fromJson(const Json& j, AnalysisOptions& out, AnalysisError* error) {
  if (!j.is_object()) return report({"invalid_options", "options must be a JSON object"}, error);
  Reader r(j, "invalid_options", "options: ");
  r.number("alpha", out.alpha);
  int64_t baseline = out.baseline, maxVariations = out.maxVariations;
  r.integer("baseline", baseline, 1e6);
  r.integer("maxVariations", maxVariations, 1e6);
  out.baseline = static_cast<int>(baseline);
  out.maxVariations = static_cast<int>(maxVariations);
  r.flag("sequential", out.sequential);
  r.number("sequentialTuning", out.sequentialTuning);
  r.flag("inverse", out.inverse);
  r.number("srmThreshold", out.srmThreshold);
  std::string test = detail::proportionTestName(out.proportionTest);
  r.text("proportionTest", test);
  if (const Json* prior = member(j, "prior")) {
    if (!prior->is_object()) r.fail("prior must be an object");
    Reader p(*prior, "invalid_options", "options.prior: ");
    p.number("mean", out.prior.mean);
    p.number("variance", out.prior.variance);
    p.flag("proper", out.prior.proper);
    if (!p.ok()) return report(p.error(), error);
  }
  if (!r.ok()) return report(r.error(), error);
  const auto parsedTest = detail::proportionTestFromName(test);
  if (!parsedTest) return report({"invalid_options", "proportionTest must be \"welch\" or \"z\""}, error);
  out.proportionTest = *parsedTest;
  return true;
}

bool fromJson(const Json& j, AnalysisResult& out, AnalysisError* error) {
  if (!j.is_object() || !member(j, "ok")) return report({"invalid_json", "not an analysis result"}, error);
  out = AnalysisResult{};
  out.ok = detail::boolOr(j, "ok", false);
  if (const Json* e = member(j, "error")) out.error = {detail::stringOr(*e, "code", ""), detail::stringOr(*e, "message", "")};
  if (!out.ok) return true;
  out.experiment = detail::stringOr(j, "experiment", "");
  out.metric = detail::stringOr(j, "metric", "");
  out.type = detail::metricTypeFromName(detail::stringOr(j, "type", "")).value_or(MetricType::Proportion);
  if (const Json* o = member(j, "options"); o && !fromJson(*o, out.options, error)) return false;
  if (const Json* srm = member(j, "srm")) {
    out.srm.chiSquare = detail::numberOr(*srm, "chiSquare", 0);
    out.srm.dof = static_cast<int>(detail::integerOr(*srm, "dof", 0));
    out.srm.pValue = detail::numberOr(*srm, "pValue", 1);
    out.srm.mismatch = detail::boolOr(*srm, "mismatch", false);
    if (const Json* e = member(*srm, "expectedUsers"); e && e->is_array()) {
      for (const Json& x : *e) out.srm.expectedUsers.push_back(x.is_number() ? x.get<double>() : 0.0);
    }
  }
  if (const Json* vs = member(j, "variations"); vs && vs->is_array()) {
    for (const Json& v : *vs) {
      VariationResult result;
      readVariationResult(v, result);
      out.variations.push_back(std::move(result));
    }
  }
  return true;
}

namespace {

Json analyzeOne(const Json& request) {
  ExperimentData data;
  AnalysisOptions options;
  AnalysisError error;
  const Json* optionsJson = member(request, "options");
  if (!fromJson(request, data, &error) || (optionsJson && !fromJson(*optionsJson, options, &error))) {
    AnalysisResult failed;
    failed.error = error;
    return toJson(failed);
  }
  return toJson(analyze(data, options));
}

}  // namespace

std::string analyzeJson(std::string_view request) {
  const std::optional<Json> parsed = detail::parseJson(request);
  if (!parsed) {
    AnalysisResult failed;
    failed.error = {"invalid_json", "the request is not valid JSON"};
    return detail::dumpJson(toJson(failed));
  }
  if (!parsed->is_array()) return detail::dumpJson(analyzeOne(*parsed));
  Json results = Json::array();
  for (const Json& item : *parsed) results.push_back(analyzeOne(item));
  return detail::dumpJson(results);
}

}  // namespace engage::stats
