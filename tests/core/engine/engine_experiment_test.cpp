// Feature flags and experiments through the engine's ops: exposure events once per visitor and
// variation (persisted, so a new Engine on the same store does not repeat them), `?key=N` from the
// page context's URL, consent for the experiments category, and sticky buckets in the store.
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/engine.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using detail::parseJson;

const Json kPayload = Json::parse(R"({
  "features": {
    "free-shipping": {"defaultValue": false, "rules": [{"id": "de", "condition": {"country": "DE"}, "force": true}]},
    "checkout-button": {"defaultValue": "blue", "rules": [{
      "key": "checkout-test", "seed": "checkout-test", "hashVersion": 2,
      "variations": ["blue", "green"], "weights": [0.5, 0.5],
      "meta": [{"key": "control"}, {"key": "green"}]}]},
    "hero": {"defaultValue": "a", "rules": [{"variations": ["a", "b", "c"]}]}
  }
})");

class EngineExperimentTest : public ::testing::Test {
 protected:
  EngineExperimentTest() : engine(std::make_unique<Engine>(fake.platform())) {}
  Json runOne(const Json& command) { return (*parseJson(engine->run(Json::array({command}).dump())))[0]; }
  void start(const Json& config = Json::object()) {
    ASSERT_TRUE(runOne({{"op", "configure"}, {"config", config}})["ok"]);
    runOne({{"op", "context"}, {"context", {{"page", {{"url", "https://shop.example/cart.html"}}}}}});
    ASSERT_TRUE(runOne({{"op", "features"}, {"payload", kPayload}})["ok"]);
  }
  // A reload: a new Engine over the same device storage.
  void reload() {
    engine = std::make_unique<Engine>(fake.platform());
    start();
  }
  std::vector<Json> sent(const std::string& name) {
    runOne({{"op", "flush"}});
    std::vector<Json> out;
    for (const auto& b : fake.transport.sent) {
      Json body = *parseJson(b.body);
      for (const auto& e : body["batch"])
        if (e["event"] == name) out.push_back(e);
    }
    return out;
  }
  testing::FakePlatform fake;
  std::unique_ptr<Engine> engine;
};

TEST_F(EngineExperimentTest, FeaturesTargetOnPageAttributesWithTheIdsAdded) {
  start();
  Json off = runOne({{"op", "feature"}, {"key", "free-shipping"}});
  EXPECT_EQ(off["value"], false);
  EXPECT_EQ(off["source"], "defaultValue");
  Json set = runOne({{"op", "attributes"}, {"attributes", {{"country", "DE"}}}});
  ASSERT_TRUE(set["ok"]) << set;
  std::string anonymousId = runOne({{"op", "state"}})["anonymousId"];
  EXPECT_EQ(set["attributes"]["id"], anonymousId);
  EXPECT_EQ(set["attributes"]["anonymousId"], anonymousId);
  Json on = runOne({{"op", "feature"}, {"key", "free-shipping"}});
  EXPECT_EQ(on["value"], true);
  EXPECT_EQ(on["on"], true);
  EXPECT_EQ(on["source"], "force");
  EXPECT_EQ(on["ruleId"], "de");
  EXPECT_EQ(runOne({{"op", "feature"}, {"key", "nope"}})["source"], "unknownFeature");
  runOne({{"op", "identify"}, {"userId", "u-7"}});
  EXPECT_EQ(runOne({{"op", "attributes"}, {"attributes", {{"id", "given"}}}})["attributes"],
            Json({{"id", "given"}, {"anonymousId", anonymousId}, {"userId", "u-7"}}));
  EXPECT_FALSE(runOne({{"op", "attributes"}, {"attributes", 5}})["ok"]);
  EXPECT_FALSE(runOne({{"op", "features"}, {"features", Json::array()}})["ok"]);
  EXPECT_FALSE(runOne({{"op", "feature"}})["ok"]);
}

TEST_F(EngineExperimentTest, ExposureIsOneEventPerVisitorEvenAcrossANewEngineOnTheSameStore) {
  start();
  Json first = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  ASSERT_TRUE(first["experimentResult"]["inExperiment"]) << first;
  ASSERT_TRUE(first.contains("exposure")) << first;
  const int variation = first["experimentResult"]["variationId"];
  EXPECT_FALSE(runOne({{"op", "feature"}, {"key", "checkout-button"}}).contains("exposure"));
  EXPECT_FALSE(runOne({{"op", "experiment"}, {"key", "checkout-test"}}).contains("exposure"));

  auto exposures = sent("Experiment Viewed");
  ASSERT_EQ(exposures.size(), 1u);
  const Json& p = exposures[0]["properties"];
  EXPECT_EQ(p["experimentId"], "checkout-test");
  EXPECT_EQ(p["variationIndex"], variation);
  EXPECT_EQ(p["variationId"], variation == 0 ? "control" : "green");
  EXPECT_EQ(p["featureId"], "checkout-button");
  EXPECT_EQ(p["hashAttribute"], "id");
  EXPECT_EQ(p["hashValue"], exposures[0]["anonymousId"]);
  EXPECT_EQ(p["weights"], Json::array({0.5, 0.5}));
  EXPECT_EQ(exposures[0]["context"]["page"]["url"], "https://shop.example/cart.html");

  reload();
  Json again = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  EXPECT_EQ(again["experimentResult"]["variationId"], variation);
  EXPECT_FALSE(again.contains("exposure")) << "the exposure log is persisted";
  EXPECT_EQ(sent("Experiment Viewed").size(), 1u);
}

TEST_F(EngineExperimentTest, StickyBucketsKeepTheVariationWhenWeightsChange) {
  start();
  const int variation = runOne({{"op", "feature"}, {"key", "checkout-button"}})["experimentResult"]["variationId"];
  std::string anonymousId = runOne({{"op", "state"}})["anonymousId"];
  EXPECT_TRUE(fake.store.data.count("engage.sb.id||" + anonymousId)) << "sticky bucket in the device store";
  Json skewed = kPayload;
  skewed["features"]["checkout-button"]["rules"][0]["weights"] = variation == 0 ? Json::array({0, 1}) : Json::array({1, 0});
  reload();
  ASSERT_TRUE(runOne({{"op", "features"}, {"payload", skewed}})["ok"]);
  Json kept = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  EXPECT_EQ(kept["experimentResult"]["variationId"], variation);
  EXPECT_EQ(kept["experimentResult"]["stickyBucketUsed"], true);
}

TEST_F(EngineExperimentTest, QueryStringInThePageUrlForcesAVariationWithoutAnExposure) {
  start();
  runOne({{"op", "context"}, {"context", {{"page", {{"url", "https://shop.example/cart.html?checkout-test=1"}}}}}});
  Json forced = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  EXPECT_EQ(forced["value"], "green");
  EXPECT_EQ(forced["experimentResult"]["variationId"], 1);
  EXPECT_EQ(forced["experimentResult"]["hashUsed"], false);
  runOne({{"op", "context"}, {"context", {{"page", {{"url", "https://shop.example/cart.html?checkout-test=0"}}}}}});
  EXPECT_EQ(runOne({{"op", "experiment"}, {"key", "checkout-test"}})["value"], "blue");
  EXPECT_TRUE(sent("Experiment Viewed").empty()) << "forced variations are not exposures";
}

TEST_F(EngineExperimentTest, DeniedExperimentsConsentMeansDefaultsAndNoExposure) {
  start();
  runOne({{"op", "consent"}, {"choice", {{"analytics", true}, {"experiments", false}}}});
  Json denied = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  EXPECT_EQ(denied["value"], "blue");
  EXPECT_EQ(denied["source"], "defaultValue");
  EXPECT_FALSE(denied.contains("exposure"));
  Json inline_ = runOne({{"op", "experiment"}, {"definition", {{"key", "inline"}, {"variations", {1, 2}}}}});
  EXPECT_EQ(inline_["inExperiment"], false);
  EXPECT_TRUE(sent("Experiment Viewed").empty());

  runOne({{"op", "consent"}, {"choice", {{"experiments", true}}}});
  Json granted = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  EXPECT_TRUE(granted.contains("exposure")) << granted;
  EXPECT_EQ(sent("Experiment Viewed").size(), 1u);
}

TEST_F(EngineExperimentTest, OptInHoldsTheExposureAndMovesTheLogToTheDeviceOnConsent) {
  start({{"consent", {{"model", "opt-in"}}}});
  Json held = runOne({{"op", "feature"}, {"key", "checkout-button"}});
  ASSERT_TRUE(held.contains("exposure")) << held;
  EXPECT_EQ(held["exposure"]["held"], true);
  EXPECT_TRUE(fake.store.data.empty()) << "nothing on the device before consent";
  runOne({{"op", "consent"}, {"choice", {{"all", true}}}});
  EXPECT_FALSE(runOne({{"op", "feature"}, {"key", "checkout-button"}}).contains("exposure"));
  EXPECT_TRUE(fake.store.data.count("engage.exposures")) << "the log moved with the ids";
  EXPECT_EQ(sent("Experiment Viewed").size(), 1u);
  reload();
  EXPECT_FALSE(runOne({{"op", "feature"}, {"key", "checkout-button"}}).contains("exposure"));
  EXPECT_EQ(sent("Experiment Viewed").size(), 1u);
}

TEST_F(EngineExperimentTest, ExperimentsByKeyAndByDefinition) {
  start();
  Json byKey = runOne({{"op", "experiment"}, {"key", "hero"}});  // a rule without a key: the feature's id
  EXPECT_EQ(byKey["inExperiment"], true);
  EXPECT_EQ(byKey["featureId"], "hero");
  EXPECT_TRUE(byKey.contains("exposure"));
  Json unknown = runOne({{"op", "experiment"}, {"key", "missing"}});
  EXPECT_EQ(unknown["ok"], true);
  EXPECT_EQ(unknown["found"], false);
  EXPECT_EQ(unknown["inExperiment"], false);

  Json def = {{"key", "banner"}, {"variations", {"x", "y"}}, {"weights", {0.1, 0.9}}};
  Json run = runOne({{"op", "experiment"}, {"definition", def}});
  EXPECT_EQ(run["inExperiment"], true);
  EXPECT_TRUE(run["value"] == "x" || run["value"] == "y");
  EXPECT_EQ(run["featureId"], nullptr);
  EXPECT_EQ(runOne({{"op", "experiment"}, {"definition", def}})["variationId"], run["variationId"]);
  auto exposures = sent("Experiment Viewed");
  ASSERT_EQ(exposures.size(), 2u);
  EXPECT_EQ(exposures[1]["properties"]["experimentId"], "banner");
  EXPECT_EQ(exposures[1]["properties"]["weights"], Json::array({0.1, 0.9}));
  EXPECT_EQ(exposures[0]["properties"]["weights"].size(), 3u) << "equal weights when none are given";
  EXPECT_FALSE(runOne({{"op", "experiment"}})["ok"]);
}

TEST_F(EngineExperimentTest, AssignmentIsTheSameForTheSameIdOnAnyEngine) {
  // Deterministic: a given id gets the variation GrowthBook's hash gives, whatever the engine.
  start();
  runOne({{"op", "attributes"}, {"attributes", {{"id", "visitor-1"}}}});
  Json a = runOne({{"op", "feature"}, {"key", "hero"}});
  testing::FakePlatform other;
  other.random = testing::SeededRandom(7);
  Engine second(other.platform());
  auto one = [&](const Json& c) { return (*parseJson(second.run(Json::array({c}).dump())))[0]; };
  one({{"op", "configure"}, {"config", Json::object()}});
  one({{"op", "features"}, {"payload", kPayload}});
  one({{"op", "attributes"}, {"attributes", {{"id", "visitor-1"}}}});
  EXPECT_EQ(one({{"op", "feature"}, {"key", "hero"}})["value"], a["value"]);
  EXPECT_EQ(one({{"op", "feature"}, {"key", "hero"}})["experimentResult"]["bucket"], a["experimentResult"]["bucket"]);
}

}  // namespace
}  // namespace engage
