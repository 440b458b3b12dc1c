// The FeatureEvaluator API the engine uses: configuration, results as JSON, exposure logging
// once per visitor and variation (persisted), and sticky buckets persisted through the store.
#include "engage/experiment.h"

#include <gtest/gtest.h>

#include "support/fakes.h"

namespace engage::testing {
namespace {

using Json = nlohmann::json;

const Json kFeatures = Json::parse(R"({
  "dark-mode": {"defaultValue": false, "rules": [{"id": "r1", "condition": {"plan": "pro"}, "force": true}]},
  "checkout-button": {"defaultValue": "blue", "rules": [{
    "key": "checkout-test", "seed": "checkout-test", "hashVersion": 2,
    "variations": ["blue", "green"], "meta": [{"key": "control"}, {"key": "treatment"}]}]},
  "ua-flag": {"defaultValue": 0, "rules": [{"condition": {"ua": {"$regexi": "iphone|android"}}, "force": 1}]}
})");

FeatureEvaluator evaluatorFor(KeyValueStore* store, const std::string& id, ExperimentConfig config = {}) {
  FeatureEvaluator evaluator(store, config);
  EXPECT_TRUE(evaluator.setFeatures(kFeatures));
  EXPECT_TRUE(evaluator.setAttributes({{"id", id}}));
  return evaluator;
}

TEST(FeatureEvaluator, EvaluatesFlagsAndSerialisesGrowthBookShapes) {
  FeatureEvaluator evaluator = evaluatorFor(nullptr, "u1");
  FeatureResult off = evaluator.evalFeature("dark-mode");
  EXPECT_EQ(off.toJson(), Json::parse(R"({"value":false,"on":false,"off":true,"source":"defaultValue","ruleId":""})"));
  evaluator.setAttributes({{"id", "u1"}, {"plan", "pro"}});
  EXPECT_EQ(evaluator.evalFeature("dark-mode").toJson(),
            Json::parse(R"({"value":true,"on":true,"off":false,"source":"force","ruleId":"r1"})"));
  EXPECT_EQ(evaluator.evalFeature("nope").source, "unknownFeature");
  evaluator.setAttributes({{"ua", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)"}});
  EXPECT_EQ(evaluator.evalFeature("ua-flag").value, 1);
}

TEST(FeatureEvaluator, NewFeaturesReplaceTheCompiledOnes) {
  FeatureEvaluator evaluator = evaluatorFor(nullptr, "u1");
  EXPECT_EQ(evaluator.evalFeature("checkout-button").experimentResult->experimentKey, "checkout-test");
  Json changed = kFeatures;
  changed["checkout-button"]["rules"][0]["key"] = "checkout-test-2";
  changed["dark-mode"]["defaultValue"] = "dim";
  ASSERT_TRUE(evaluator.setFeatures(changed));
  EXPECT_EQ(evaluator.evalFeature("checkout-button").experimentResult->experimentKey, "checkout-test-2");
  EXPECT_EQ(evaluator.evalFeature("dark-mode").value, "dim");
  ASSERT_TRUE(evaluator.configure({{"features", {{"dark-mode", {{"defaultValue", 7}}}}}}));
  EXPECT_EQ(evaluator.evalFeature("dark-mode").value, 7);
  EXPECT_EQ(evaluator.evalFeature("checkout-button").source, "unknownFeature");
}

TEST(FeatureEvaluator, RejectsInputsOfTheWrongType) {
  FeatureEvaluator evaluator;
  EXPECT_FALSE(evaluator.setFeatures(Json::array()));
  EXPECT_FALSE(evaluator.setAttributes("id"));
  EXPECT_FALSE(evaluator.configure(Json::parse(R"({"attributes": {"id": "1"}, "url": 5})")));
  EXPECT_TRUE(evaluator.attributes().empty());  // nothing applied from the rejected context
  EXPECT_FALSE(evaluator.configure(Json::array()));
  EXPECT_FALSE(evaluator.run("not an experiment").inExperiment);
}

TEST(FeatureEvaluator, LogsAnExposureOncePerVisitorAndVariationAcrossReloads) {
  MemoryStore store;
  {
    FeatureEvaluator page = evaluatorFor(&store, "visitor-1");
    FeatureResult first = page.evalFeature("checkout-button");
    ASSERT_TRUE(first.experimentResult.has_value());
    EXPECT_TRUE(first.experimentResult->firstExposure);
    Json props = first.experimentResult->exposureProperties();
    EXPECT_EQ(props["experimentId"], "checkout-test");
    EXPECT_EQ(props["featureId"], "checkout-button");
    EXPECT_EQ(props["hashValue"], "visitor-1");
    EXPECT_TRUE(props["variationId"] == "control" || props["variationId"] == "treatment");
    EXPECT_FALSE(page.evalFeature("checkout-button").experimentResult->firstExposure);
  }
  FeatureEvaluator reloaded = evaluatorFor(&store, "visitor-1");  // same store: a page reload
  EXPECT_FALSE(reloaded.evalFeature("checkout-button").experimentResult->firstExposure);
  reloaded.setAttributes({{"id", "visitor-2"}});
  EXPECT_TRUE(reloaded.evalFeature("checkout-button").experimentResult->firstExposure);
}

TEST(FeatureEvaluator, ForcedVariationsAreNotExposures) {
  FeatureEvaluator evaluator = evaluatorFor(nullptr, "visitor-1");
  evaluator.setUrl("https://shop.example/cart?checkout-test=1");
  FeatureResult forced = evaluator.evalFeature("checkout-button");
  ASSERT_TRUE(forced.experimentResult.has_value());
  EXPECT_EQ(forced.value, "green");
  EXPECT_FALSE(forced.experimentResult->hashUsed);
  EXPECT_FALSE(forced.experimentResult->firstExposure);
}

TEST(FeatureEvaluator, ExposureLogIsBoundedOldestFirst) {
  MemoryStore store;
  ExperimentConfig config;
  config.maxExposureEntries = 2;
  FeatureEvaluator evaluator = evaluatorFor(&store, "a", config);
  for (const char* id : {"a", "b", "c"}) {
    evaluator.setAttributes({{"id", id}});
    EXPECT_TRUE(evaluator.evalFeature("checkout-button").experimentResult->firstExposure) << id;
  }
  EXPECT_EQ(Json::parse(store.data.at("engage.exposures")).size(), 2u);
  evaluator.setAttributes({{"id", "a"}});  // forgotten, so logged again
  EXPECT_TRUE(evaluator.evalFeature("checkout-button").experimentResult->firstExposure);
}

TEST(FeatureEvaluator, StickyBucketsKeepTheVariationWhenWeightsChange) {
  MemoryStore store;
  std::string original;
  {
    FeatureEvaluator first = evaluatorFor(&store, "visitor-9");
    original = first.evalFeature("checkout-button").value.get<std::string>();
  }
  ASSERT_EQ(store.data.count("engage.sb.id||visitor-9"), 1u);
  Json changed = kFeatures;  // everyone new goes to the other variation now
  changed["checkout-button"]["rules"][0]["weights"] = original == "blue" ? Json{0, 1} : Json{1, 0};
  FeatureEvaluator later(&store);
  later.setFeatures(changed);
  later.setAttributes({{"id", "visitor-9"}});
  FeatureResult kept = later.evalFeature("checkout-button");
  EXPECT_EQ(kept.value, original);
  EXPECT_TRUE(kept.experimentResult->stickyBucketUsed);
  FeatureEvaluator withoutStore;
  withoutStore.setFeatures(changed);
  withoutStore.setAttributes({{"id", "visitor-9"}});
  EXPECT_NE(withoutStore.evalFeature("checkout-button").value, original);
}

TEST(FeatureEvaluator, KeepsWorkingWhenTheStoreIsFull) {
  MemoryStore store;
  store.full = true;
  FeatureEvaluator evaluator = evaluatorFor(&store, "visitor-1");
  EXPECT_TRUE(evaluator.evalFeature("checkout-button").experimentResult->firstExposure);
  EXPECT_FALSE(evaluator.evalFeature("checkout-button").experimentResult->firstExposure);
  EXPECT_GT(store.failedWrites, 0);
}

TEST(FeatureEvaluator, DeepPrerequisiteChainsAreCutOff) {
  Json features = Json::object();
  for (int i = 0; i < 50; ++i) {
    features["f" + std::to_string(i)] = {
        {"defaultValue", true},
        {"rules", {{{"parentConditions", {{{"id", "f" + std::to_string(i + 1)}, {"condition", {{"value", true}}}}}},
                    {"force", "child"}}}}};
  }
  FeatureEvaluator evaluator;
  evaluator.setFeatures(features);
  EXPECT_EQ(evaluator.evalFeature("f0").source, "cyclicPrerequisite");
  EXPECT_EQ(evaluator.evalFeature("f40").value, "child");  // a short chain evaluates normally
}

}  // namespace
}  // namespace engage::testing
