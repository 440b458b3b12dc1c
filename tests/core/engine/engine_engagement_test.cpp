// Engagement through the engine's ops: every sent event carries the session's id, Session Started is
// emitted once per session through the capture path, a cart left for the session timeout becomes
// Cart Abandoned on tick(), and the metrics / activity / events ops.
#include <gtest/gtest.h>

#include "base/json_access.h"
#include "engage/engine.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using detail::parseJson;

class EngineEngagementTest : public ::testing::Test {
 protected:
  EngineEngagementTest() : engine(std::make_unique<Engine>(fake.platform())) {}
  Json runOne(const Json& command) { return (*parseJson(engine->run(Json::array({command}).dump())))[0]; }
  void start(const Json& config = {{"engagement", true}}) {
    ASSERT_TRUE(runOne({{"op", "configure"}, {"config", config}})["ok"]);
    runOne({{"op", "context"}, {"context", {{"page", {{"url", "https://shop.example/"}, {"path", "/"}}}}}});
  }
  std::vector<Json> sent() {
    runOne({{"op", "flush"}});
    std::vector<Json> out;
    for (const auto& b : fake.transport.sent) {
      Json body = *parseJson(b.body);
      for (const auto& e : body["batch"]) out.push_back(e);
      engine->onSendResult(b.id, 200, -1);
    }
    fake.transport.sent.clear();
    return out;
  }
  static int count(const std::vector<Json>& events, const std::string& name) {
    int n = 0;
    for (const Json& e : events) n += e.value("event", "") == name;
    return n;
  }
  testing::FakePlatform fake;
  std::unique_ptr<Engine> engine;
};

TEST_F(EngineEngagementTest, EverySentEventCarriesTheSessionIdAndSessionStartedIsEmittedOnce) {
  start();
  Json first = runOne({{"op", "page"}, {"name", "Home"}});
  ASSERT_TRUE(first["ok"]);
  ASSERT_TRUE(first["sessionId"].is_number_integer());
  ASSERT_EQ(first["emitted"].size(), 1u);
  EXPECT_EQ(first["emitted"][0]["event"], "Session Started");
  fake.clock.advance(1000);
  Json second = runOne({{"op", "track"}, {"event", "Product Viewed"}, {"properties", {{"product_id", "p1"}}}});
  EXPECT_EQ(second["sessionId"], first["sessionId"]);
  EXPECT_FALSE(second.contains("emitted"));
  std::vector<Json> events = sent();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(count(events, "Session Started"), 1);
  for (const Json& e : events) EXPECT_EQ(e["sessionId"], first["sessionId"]) << e.dump();
}

TEST_F(EngineEngagementTest, CartLeftForTheTimeoutIsAbandonedByTick) {
  start({{"engagement", {{"sessionTimeoutMs", 60000}}}});
  runOne({{"op", "page"}});
  runOne({{"op", "track"}, {"event", "Product Added"},
          {"properties", {{"product_id", "p1"}, {"price", 25}, {"quantity", 2}}}});
  int64_t wake = engine->tick();
  EXPECT_GT(wake, 0);
  EXPECT_LE(wake, 60000);
  sent();
  fake.clock.advance(59000);
  engine->tick();
  EXPECT_EQ(count(sent(), "Cart Abandoned"), 0);
  fake.clock.advance(2000);
  engine->tick();
  std::vector<Json> events = sent();
  EXPECT_EQ(count(events, "Session Ended"), 1);
  ASSERT_EQ(count(events, "Cart Abandoned"), 1);
  for (const Json& e : events) {
    if (e["event"] == "Cart Abandoned") {
      EXPECT_EQ(e["properties"]["value"], 50);
    }
  }
  // The page learns of it through the events op, once.
  Json drained = runOne({{"op", "events"}});
  ASSERT_EQ(drained["events"].size(), 3u);  // Session Started, Session Ended, Cart Abandoned
  EXPECT_EQ(drained["events"][2]["event"], "Cart Abandoned");
  EXPECT_TRUE(runOne({{"op", "events"}})["events"].empty());
}

TEST_F(EngineEngagementTest, MetricsOpReportsSessionCartAndLifetime) {
  start();
  runOne({{"op", "page"}});
  runOne({{"op", "track"}, {"event", "Product Added"},
          {"properties", {{"product_id", "p1"}, {"price", 10}, {"quantity", 3}}}});
  EXPECT_TRUE(runOne({{"op", "activity"}, {"kind", "scroll"}, {"value", 40}})["ok"]);
  EXPECT_EQ(runOne({{"op", "activity"}, {"kind", "wiggle"}})["error"]["code"], "invalid_activity");
  Json m = runOne({{"op", "metrics"}})["metrics"];
  EXPECT_EQ(m["session"]["pageViews"], 1);
  EXPECT_EQ(m["cart"]["itemCount"], 3);
  EXPECT_EQ(m["cart"]["value"], 30);
  EXPECT_EQ(m["page"]["maxScrollPct"], 40);
  EXPECT_EQ(m["lifetime"]["sessions"], 1);
  runOne({{"op", "reset"}});
  Json cleared = runOne({{"op", "metrics"}})["metrics"];
  EXPECT_TRUE(cleared["session"].is_null());
  EXPECT_EQ(cleared["cart"]["itemCount"], 0);
}

TEST_F(EngineEngagementTest, OffUnlessConfiguredAndABadConfigIsRejected) {
  start(Json::object());
  Json plain = runOne({{"op", "page"}});
  EXPECT_FALSE(plain.contains("sessionId"));
  EXPECT_EQ(runOne({{"op", "metrics"}})["error"]["code"], "engagement_off");
  EXPECT_EQ(runOne({{"op", "configure"}, {"config", {{"engagement", {{"sessionTimeoutMs", "x"}}}}}})["error"]["code"],
            "invalid_config");
}

}  // namespace
}  // namespace engage
