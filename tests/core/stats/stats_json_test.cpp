// JSON (de)serialisation of the stats types and analyzeJson(), including untrusted input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/json_access.h"
#include "engage/stats.h"

namespace engage::stats {
namespace {

using detail::Json;

Json parse(const std::string& text) {
  auto j = detail::parseJson(text);
  EXPECT_TRUE(j.has_value()) << text;
  return j.value_or(Json());
}

std::string errorCodeOf(const std::string& request) {
  const Json out = parse(analyzeJson(request));
  EXPECT_EQ(out.value("ok", true), false) << request;
  return detail::stringOr(out.value("error", Json::object()), "code", "");
}

TEST(StatsJson, ExperimentDataRoundTrips) {
  ExperimentData data;
  data.experiment = "checkout-button";
  data.metric = "revenue";
  data.type = MetricType::Mean;
  data.variations = {{"0", 1000, 2500.5, 81000.25}, {"1", 990, 2700, 90000}};
  data.weights = {0.5, 0.5};
  ExperimentData back;
  ASSERT_TRUE(fromJson(toJson(data), back));
  EXPECT_EQ(toJson(back), toJson(data));
  EXPECT_EQ(back.variations[1].users, 990);
  EXPECT_EQ(back.type, MetricType::Mean);
}

TEST(StatsJson, OptionsRoundTripAndKeepDefaultsForMissingKeys) {
  AnalysisOptions o;
  ASSERT_TRUE(fromJson(parse(R"({"sequential":true,"prior":{"mean":0.1,"variance":0.2,"proper":true}})"), o));
  EXPECT_TRUE(o.sequential);
  EXPECT_EQ(o.sequentialTuning, 5000);
  EXPECT_EQ(o.alpha, 0.05);
  EXPECT_TRUE(o.prior.proper);
  AnalysisOptions back;
  ASSERT_TRUE(fromJson(toJson(o), back));
  EXPECT_EQ(toJson(back), toJson(o));
}

TEST(StatsJson, AnalyzeJsonMatchesAnalyze) {
  const std::string request = R"({"experiment":"e","metric":"Order Completed","type":"proportion",
    "variations":[{"id":0,"users":3000,"conversions":1396},{"id":"1","users":3461,"conversions":2422}],
    "weights":[1,1],"options":{"sequential":true}})";
  const Json out = parse(analyzeJson(request));
  ASSERT_TRUE(out.value("ok", false)) << out.dump();
  EXPECT_EQ(out["variations"][0]["id"], "0");  // numeric ids become strings
  EXPECT_EQ(out["variations"][1]["test"], "sequential");
  // gbstats' sequential proportion vector: relative lift 0.50386, ci [0.40098, 0.60675].
  EXPECT_NEAR(out["variations"][1]["relative"]["estimate"].get<double>(), 0.50386, 0.5e-5);
  EXPECT_NEAR(out["variations"][1]["relative"]["ci"][0].get<double>(), 0.40098, 0.5e-5);
  EXPECT_EQ(out["srm"]["dof"], 1);
  EXPECT_TRUE(out["srm"]["mismatch"].get<bool>());  // 3000 vs 3461 under 1:1
}

TEST(StatsJson, ResultRoundTrips) {
  ExperimentData data;
  data.variations = {{"0", 1000, 100, 0}, {"1", 1000, 130, 0}, {"2", 10, 0, 0}};
  const AnalysisResult result = analyze(data);
  ASSERT_TRUE(result.ok);
  AnalysisResult back;
  ASSERT_TRUE(fromJson(toJson(result), back));
  EXPECT_EQ(toJson(back), toJson(result));
  EXPECT_EQ(back.variations[1].relative.ci.lower, result.variations[1].relative.ci.lower);
  EXPECT_EQ(back.variations[1].bayesian.riskVariation, result.variations[1].bayesian.riskVariation);

  AnalysisResult failed;
  failed.error = {"invalid_weights", "x"};
  ASSERT_TRUE(fromJson(toJson(failed), back));
  EXPECT_FALSE(back.ok);
  EXPECT_EQ(back.error.code, "invalid_weights");
}

TEST(StatsJson, UntrustedInputGivesErrorsNotCrashes) {
  EXPECT_EQ(errorCodeOf("{"), "invalid_json");
  EXPECT_EQ(errorCodeOf("42"), "invalid_experiment");
  EXPECT_EQ(errorCodeOf(R"({"variations":{}})"), "invalid_experiment");
  EXPECT_EQ(errorCodeOf(R"({"type":"median","variations":[]})"), "invalid_experiment");
  EXPECT_EQ(errorCodeOf(R"({"variations":[{"users":"10","conversions":1},{"users":10,"conversions":1}]})"),
            "invalid_variation");
  EXPECT_EQ(errorCodeOf(R"({"variations":[{"users":10.5,"conversions":1},{"users":10,"conversions":1}]})"),
            "invalid_variation");
  EXPECT_EQ(errorCodeOf(R"({"variations":[{"users":10},{"users":10,"conversions":1}]})"), "invalid_variation");
  EXPECT_EQ(errorCodeOf(R"({"type":"mean","variations":[{"users":10,"sum":5},{"users":10,"sum":1,"sumSquares":1}]})"),
            "invalid_variation");
  EXPECT_EQ(errorCodeOf(R"({"variations":[{"users":1e300,"conversions":1},{"users":10,"conversions":1}]})"),
            "invalid_variation");
  EXPECT_EQ(errorCodeOf(R"({"variations":[{"users":10,"conversions":1},{"users":10,"conversions":1}],"weights":"1:1"})"),
            "invalid_weights");
  const std::string two = R"("variations":[{"users":10,"conversions":1},{"users":10,"conversions":1}])";
  EXPECT_EQ(errorCodeOf("{" + two + R"(,"options":{"alpha":"0.05"}})"), "invalid_options");
  EXPECT_EQ(errorCodeOf("{" + two + R"(,"options":{"proportionTest":"t"}})"), "invalid_options");
  EXPECT_EQ(errorCodeOf("{" + two + R"(,"options":{"prior":[1]}})"), "invalid_options");
  EXPECT_EQ(errorCodeOf("{" + two + R"(,"options":{"baseline":0.5}})"), "invalid_options");
}

TEST(StatsJson, ArrayRequestGivesArrayOfResults) {
  const Json out = parse(analyzeJson(
      R"([{"variations":[{"users":100,"conversions":10},{"users":100,"conversions":12}]}, {"variations":[]}])"));
  ASSERT_TRUE(out.is_array());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(out[0]["ok"].get<bool>());
  EXPECT_FALSE(out[1]["ok"].get<bool>());
}

}  // namespace
}  // namespace engage::stats
