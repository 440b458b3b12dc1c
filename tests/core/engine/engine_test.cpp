#include "engage/engine.h"

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "support/fakes.h"

namespace engage {
namespace {

using detail::Json;
using detail::parseJson;

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : engine(fake.platform()) {}
  Json run(const Json& commands) { return *parseJson(engine.run(commands.dump())); }
  Json runOne(const Json& command) { return run(Json::array({command}))[0]; }
  void configure(Json config = Json::object()) {
    config["flushIntervalMs"] = 100;
    ASSERT_TRUE(runOne({{"op", "configure"}, {"config", config}})["ok"]);
  }
  std::vector<Json> sentEvents() {
    std::vector<Json> out;
    for (const auto& b : fake.transport.sent)
    {
      Json body = *parseJson(b.body);
      for (const auto& e : body["batch"]) out.push_back(e);
    }
    return out;
  }

  testing::FakePlatform fake;
  Engine engine;
};

TEST_F(EngineTest, RequiresConfigureFirst) {
  EXPECT_EQ(runOne({{"op", "track"}, {"event", "x"}})["error"]["code"], "not_configured");
  EXPECT_EQ(engine.tick(), -1);
}

TEST_F(EngineTest, InvalidJsonAndCommandsAreErrorValues) {
  Json r = *parseJson(engine.run("{nope"));
  EXPECT_EQ(r[0]["error"]["code"], "invalid_json");
  configure();
  EXPECT_EQ(runOne(Json(3))["error"]["code"], "invalid_command");
  EXPECT_EQ(runOne({{"op", "explode"}})["error"]["code"], "unknown_op");
  EXPECT_EQ(runOne({{"op", "configure"}, {"config", {{"maxBatchEvents", "x"}}}})["error"]["code"],
            "invalid_config");
}

TEST_F(EngineTest, TrackedEventsLeaveInOneBatchAfterTheInterval) {
  configure({{"writeKey", "demo"}, {"endpoint", "http://127.0.0.1/v1/batch"}});
  Json results = run(Json::array({{{"op", "page"}, {"ts", 1767225600000}},
                                  {{"op", "track"}, {"event", "A"}, {"properties", {{"n", 1}}}},
                                  {{"op", "track"}, {"event", 5}},
                                  {{"op", "track"}, {"event", "B"}}}));
  EXPECT_TRUE(results[0]["ok"]);
  EXPECT_TRUE(results[1]["ok"]);
  EXPECT_EQ(results[2]["error"]["code"], "invalid_event_name");
  EXPECT_TRUE(results[3]["ok"]);
  EXPECT_EQ(engine.tick(), 100) << "the flush interval";
  fake.clock.advance(100);
  EXPECT_GT(engine.tick(), 100) << "next wake-up is the tab heartbeat, not the batch";
  ASSERT_EQ(fake.transport.sent.size(), 1u);
  EXPECT_EQ(fake.transport.sent[0].url, "http://127.0.0.1/v1/batch");
  auto events = sentEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["type"], "page");
  EXPECT_EQ(events[0]["timestamp"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(events[1]["event"], "A");
  EXPECT_EQ(events[1]["messageId"], results[1]["messageId"]);
  EXPECT_EQ(events[2]["event"], "B");
}

TEST_F(EngineTest, AMessageIdFromThePageIsKeptAndAnInvalidOneReplaced) {
  configure();
  Json kept = runOne({{"op", "track"}, {"event", "A"}, {"messageId", "0f8fad5b-d9cb-469f-a165-70867728950e"}});
  EXPECT_EQ(kept["messageId"], "0f8fad5b-d9cb-469f-a165-70867728950e");
  Json replaced = runOne({{"op", "track"}, {"event", "B"}, {"messageId", "\"},{\"evil\":1"}});
  EXPECT_NE(replaced["messageId"], "\"},{\"evil\":1");
  EXPECT_EQ(replaced["messageId"].get<std::string>().size(), 36u);
}

TEST_F(EngineTest, AnonymousIdSurvivesANewEngineOnTheSameStore) {
  configure();
  std::string anon = runOne({{"op", "state"}})["anonymousId"];
  Engine reloaded(fake.platform());
  Json r = *parseJson(reloaded.run(R"([{"op":"configure","config":{}}])"));
  EXPECT_EQ(r[0]["anonymousId"], anon);
}

TEST_F(EngineTest, IdentifyStampsLaterEventsAndResetClears) {
  configure();
  runOne({{"op", "identify"}, {"userId", "u-7"}});
  runOne({{"op", "track"}, {"event", "After"}});
  Json reset = runOne({{"op", "reset"}});
  runOne({{"op", "track"}, {"event", "Anonymous"}});
  runOne({{"op", "flush"}});
  auto events = sentEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1]["userId"], "u-7");
  EXPECT_TRUE(events[2]["userId"].is_null());
  EXPECT_EQ(events[2]["anonymousId"], reset["anonymousId"]);
}

TEST_F(EngineTest, TooLargeEventIsRejectedAndLaterCallsWork) {
  configure({{"limits", {{"maxEventBytes", 2000}}}});
  Json big = runOne({{"op", "track"}, {"event", "Big"}, {"properties", {{"s", std::string(3000, 'x')}}}});
  EXPECT_EQ(big["error"]["code"], "too_large");
  EXPECT_TRUE(runOne({{"op", "track"}, {"event", "Small"}})["ok"]);
  EXPECT_EQ(runOne({{"op", "state"}})["queued"], 1);
}

TEST_F(EngineTest, FailedBatchIsRetriedThenDeliveredOnce) {
  configure();
  runOne({{"op", "track"}, {"event", "A"}});
  runOne({{"op", "flush"}});
  engine.onSendResult(fake.transport.sent[0].id, 0, -1);
  int64_t wait = engine.tick();
  ASSERT_GT(wait, 0);
  fake.clock.advance(wait);
  engine.tick();
  ASSERT_EQ(fake.transport.sent.size(), 2u);
  EXPECT_EQ(fake.transport.sent[0].body.substr(0, 60), fake.transport.sent[1].body.substr(0, 60));
  engine.onSendResult(fake.transport.sent[1].id, 200, -1);
  EXPECT_EQ(runOne({{"op", "state"}})["queued"], 0);
}

}  // namespace
}  // namespace engage
