// Recommendations through the engine's ops: a model loaded as base64, recommend() personalised by
// the commerce events this device tracked (persisted, bounded), exclusion of cart and purchases,
// hostile model bytes as error values, and the personalisation consent category (denied =>
// popularity-only and nothing stored).
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/engine.h"
#include "engage/recommend.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using detail::parseJson;

std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(abc[(v >> s) & 63]);
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = bytes[i] << 16;
    out += {abc[(v >> 18) & 63], abc[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += {abc[(v >> 18) & 63], abc[(v >> 12) & 63], abc[(v >> 6) & 63], '='};
  }
  return out;
}

// Two clusters: a1..a3 are viewed together, b1..b3 together; "pop" is the most popular item.
std::vector<uint8_t> clusteredModel() {
  std::vector<recommend::TrainingSession> sessions;
  int64_t t = 1'700'000'000'000;
  for (int i = 0; i < 30; ++i) {
    sessions.push_back({{"a1", "a2", "a3", "pop"}, t += 1000});
    sessions.push_back({{"b1", "b2", "b3", "pop"}, t += 1000});
    sessions.push_back({{"pop", "c1"}, t += 1000});
  }
  return recommend::buildModel(sessions, {});
}

class EngineRecommendTest : public ::testing::Test {
 protected:
  EngineRecommendTest() : engine(std::make_unique<Engine>(fake.platform())) {}
  Json runOne(const Json& command) { return (*parseJson(engine->run(Json::array({command}).dump())))[0]; }
  void start(const Json& config = Json::object()) {
    ASSERT_TRUE(runOne({{"op", "configure"}, {"config", config}})["ok"]);
    Json loaded = runOne({{"op", "recommendationsModel"}, {"bytes", base64(clusteredModel())}});
    ASSERT_TRUE(loaded["ok"]) << loaded.dump();
    EXPECT_EQ(loaded["items"], 8);
  }
  void view(const std::string& id) {
    ASSERT_TRUE(runOne({{"op", "track"}, {"event", "Product Viewed"}, {"properties", {{"product_id", id}}}})["ok"]);
    fake.clock.advance(1000);
  }
  std::vector<std::string> ids(const Json& result) {
    std::vector<std::string> out;
    for (const Json& r : result["items"]) out.push_back(r["id"]);
    return out;
  }
  testing::FakePlatform fake;
  std::unique_ptr<Engine> engine;
};

TEST_F(EngineRecommendTest, BeforeAModelRecommendReturnsNothing) {
  ASSERT_TRUE(runOne({{"op", "configure"}})["ok"]);
  Json r = runOne({{"op", "recommend"}, {"k", 5}});
  EXPECT_TRUE(r["ok"]);
  EXPECT_TRUE(r["items"].empty());
}

TEST_F(EngineRecommendTest, HostileModelBytesAreErrorValues) {
  ASSERT_TRUE(runOne({{"op", "configure"}})["ok"]);
  EXPECT_EQ(runOne({{"op", "recommendationsModel"}, {"bytes", "@@@"}})["error"]["code"], "invalid_model");
  EXPECT_EQ(runOne({{"op", "recommendationsModel"}, {"bytes", 42}})["error"]["code"], "invalid_model");
  std::vector<uint8_t> model = clusteredModel();
  model[model.size() / 2] ^= 0x55;
  Json bad = runOne({{"op", "recommendationsModel"}, {"bytes", base64(model)}});
  EXPECT_EQ(bad["error"]["code"], "invalid_model");
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("checksum"), std::string::npos) << bad.dump();
  EXPECT_TRUE(runOne({{"op", "recommend"}})["items"].empty()) << "no model was loaded";
}

TEST_F(EngineRecommendTest, ViewedProductsPersonaliseTheHomeSlot) {
  start();
  view("a1");
  std::vector<std::string> afterA = ids(runOne({{"op", "recommend"}, {"context", "home"}, {"k", 3}}));
  ASSERT_FALSE(afterA.empty());
  EXPECT_TRUE(afterA[0] == "a2" || afterA[0] == "a3") << afterA[0];
  view("b1");
  view("b2");
  std::vector<std::string> afterB = ids(runOne({{"op", "recommend"}, {"context", "home"}, {"k", 3}}));
  ASSERT_FALSE(afterB.empty());
  EXPECT_EQ(afterB[0], "b3") << "follows what the visitor views now";
  Json first = runOne({{"op", "recommend"}, {"context", "home"}, {"k", 1}})["items"][0];
  EXPECT_EQ(first["reasonCode"], "viewed");
}

TEST_F(EngineRecommendTest, CartAndPurchasesAreExcludedAndHistoryPersists) {
  start();
  view("a1");
  runOne({{"op", "track"}, {"event", "Product Added"}, {"properties", {{"product_id", "a2"}}}});
  std::vector<std::string> r = ids(runOne({{"op", "recommend"}, {"k", 8}}));
  EXPECT_EQ(std::count(r.begin(), r.end(), "a2"), 0) << "in the cart";
  runOne({{"op", "track"}, {"event", "Order Completed"}, {"properties", {{"products", {{{"product_id", "a3"}}}}}}});
  engine = std::make_unique<Engine>(fake.platform());  // a reload over the same device store
  start();
  Json state = runOne({{"op", "recommendationsState"}})["recommendations"];
  EXPECT_EQ(state["history"], 3);
  EXPECT_EQ(state["purchased"], Json::array({"a3"}));
  EXPECT_TRUE(state["cart"].empty()) << "an order empties the cart";
  r = ids(runOne({{"op", "recommend"}, {"k", 8}}));
  EXPECT_EQ(std::count(r.begin(), r.end(), "a3"), 0) << "purchased";
}

TEST_F(EngineRecommendTest, HistoryIsBounded) {
  start();
  for (int i = 0; i < 250; ++i) view(i % 2 ? "a1" : "b1");
  EXPECT_EQ(runOne({{"op", "recommendationsState"}})["recommendations"]["history"], 200);
}

TEST_F(EngineRecommendTest, WithoutPersonalisationConsentPopularityOnlyAndNothingStored) {
  start({{"consent", {{"model", "opt-in"}}}});
  runOne({{"op", "consent"}, {"choice", {{"all", true}}}});
  view("b1");
  view("b2");
  bool stored = false;
  for (const auto& [key, value] : fake.store.data) stored = stored || key.find("reco") != std::string::npos;
  EXPECT_TRUE(stored);
  runOne({{"op", "consent"}, {"choice", {{"all", true}, {"personalisation", false}}}});
  for (const auto& [key, value] : fake.store.data) EXPECT_EQ(key.find("reco"), std::string::npos) << key;
  view("a1");
  Json state = runOne({{"op", "recommendationsState"}})["recommendations"];
  EXPECT_EQ(state["personalised"], false);
  EXPECT_EQ(state["history"], 0);
  Json r = runOne({{"op", "recommend"}, {"context", "product"}, {"item", "a1"}, {"k", 1}});
  EXPECT_EQ(r["items"][0]["id"], "pop");
  EXPECT_EQ(r["items"][0]["reasonCode"], "popular");
}

}  // namespace
}  // namespace engage
