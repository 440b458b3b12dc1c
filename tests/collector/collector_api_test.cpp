#include "collector_api.h"

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "sqlite_event_store.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using detail::Json;
using testing::batchOf;
using testing::trackEvent;

class CollectorApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(options, &error);
    ASSERT_NE(store, nullptr) << error;
    api = std::make_unique<CollectorApi>(*store, clock, limits);
  }
  Json json(const ApiResponse& response) {
    EXPECT_EQ(response.contentType, "application/json");
    auto parsed = detail::parseJson(response.body);
    EXPECT_TRUE(parsed.has_value()) << response.body;
    return parsed.value_or(Json());
  }
  int64_t storedTotal() { return json(api->getStats())["total"].get<int64_t>(); }

  testing::TempDir dir;
  testing::FixedClock clock;
  BatchLimits limits;
  std::unique_ptr<SqliteEventStore> store;
  std::unique_ptr<CollectorApi> api;
};

TEST_F(CollectorApiTest, StoresABatchAndReportsCounts) {
  ApiResponse response = api->postBatch("application/json", batchOf(trackEvent("m1") + "," + trackEvent("m2")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json(response), Json::parse(R"({"ok":true,"received":2,"stored":2,"duplicates":0})"));
  EXPECT_EQ(storedTotal(), 2);
  EXPECT_EQ(store->latest(1, "")->at(0).receivedAtMs, clock.wall);
}

TEST_F(CollectorApiTest, ResentBatchIsAllDuplicates) {
  std::string body = batchOf(trackEvent("m1") + "," + trackEvent("m2"));
  api->postBatch("application/json", body);
  ApiResponse again = api->postBatch("application/json", body);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(json(again), Json::parse(R"({"ok":true,"received":2,"stored":0,"duplicates":2})"));
  EXPECT_EQ(storedTotal(), 2);
}

TEST_F(CollectorApiTest, AcceptsTextPlainAsSendBeaconSendsIt) {
  EXPECT_EQ(api->postBatch("text/plain;charset=UTF-8", batchOf(trackEvent("m1"))).status, 200);
  EXPECT_EQ(api->postBatch(" Application/JSON ; charset=utf-8", batchOf(trackEvent("m2"))).status, 200);
  EXPECT_EQ(storedTotal(), 2);
}

struct RejectedCase {
  std::string name;
  std::string contentType;
  std::string body;
  int status;
  std::string code;
};

TEST_F(CollectorApiTest, EveryRejectionStoresNothing) {
  std::string valid = trackEvent("ok-1");
  std::string oversized = batchOf(trackEvent("big", "Big", "anon-1") + "," +
                                  R"({"type":"track","event":"Pad","messageId":"pad","anonymousId":"a",)"
                                  R"("timestamp":"2026-01-01T00:00:00Z","properties":{"pad":")" +
                                  std::string(limits.maxBodyBytes, 'x') + R"("}})");
  std::vector<RejectedCase> cases = {
      {"garbage", "application/json", "garbage{", 400, "invalid_json"},
      {"empty body", "application/json", "", 400, "invalid_json"},
      {"no batch", "application/json", R"({"events":[)" + valid + "]}", 400, "invalid_batch"},
      {"empty batch", "application/json", R"({"batch":[]})", 400, "invalid_batch"},
      {"valid then invalid event", "application/json",
       batchOf(valid + R"(,{"type":"track","messageId":"m2","anonymousId":"a","timestamp":"2026-01-01T00:00:00Z"})"),
       400, "invalid_event"},
      {"oversized", "application/json", oversized, 413, "payload_too_large"},
      {"form encoded", "application/x-www-form-urlencoded", batchOf(valid), 415, "unsupported_media_type"},
      {"no content type", "", batchOf(valid), 415, "unsupported_media_type"},
  };
  for (const RejectedCase& c : cases) {
    ApiResponse response = api->postBatch(c.contentType, c.body);
    EXPECT_EQ(response.status, c.status) << c.name;
    Json body = json(response);
    EXPECT_EQ(body["ok"], false) << c.name;
    EXPECT_EQ(body["error"]["code"], c.code) << c.name;
    EXPECT_TRUE(body["error"]["message"].is_string()) << c.name;
    EXPECT_EQ(storedTotal(), 0) << c.name;
  }
}

TEST_F(CollectorApiTest, InvalidEventErrorNamesIndexAndField) {
  Json body = json(api->postBatch(
      "application/json",
      batchOf(trackEvent("m1") + R"(,{"type":"track","event":"X","anonymousId":"a","timestamp":"2026-01-01T00:00:00Z"})")));
  EXPECT_EQ(body["error"]["index"], 1);
  EXPECT_EQ(body["error"]["field"], "messageId");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("batch[1].messageId"), std::string::npos);
}

TEST_F(CollectorApiTest, EventsAreNewestFirstFilteredAndLimited) {
  api->postBatch("application/json",
                 batchOf(trackEvent("m1", "Product Viewed") + "," +
                         R"({"type":"page","messageId":"p1","anonymousId":"anon-1","timestamp":"2026-01-01T00:00:02Z"})" +
                         "," + trackEvent("m2", "Product Added")));
  Json all = json(api->getEvents({}));
  ASSERT_EQ(all["events"].size(), 3u);
  EXPECT_EQ(all["events"][0]["messageId"], "m2");
  EXPECT_EQ(all["events"][0]["properties"]["price"], 19.9);  // the stored event JSON, whole
  EXPECT_EQ(all["events"][2]["messageId"], "m1");
  EXPECT_EQ(json(api->getEvents({{"limit", "1"}}))["events"].size(), 1u);
  Json pages = json(api->getEvents({{"type", "page"}}));
  ASSERT_EQ(pages["events"].size(), 1u);
  EXPECT_EQ(pages["events"][0]["messageId"], "p1");
  EXPECT_EQ(json(api->getEvents({{"limit", "99999999999"}}))["events"].size(), 3u);  // clamped, not refused
  for (const char* bad : {"0", "-1", "abc", "", "1.5"}) {
    ApiResponse response = api->getEvents({{"limit", bad}});
    EXPECT_EQ(response.status, 400) << bad;
    EXPECT_EQ(json(response)["error"]["code"], "invalid_query") << bad;
  }
}

TEST_F(CollectorApiTest, DefaultLimitApplies) {
  CollectorApi small(*store, clock, limits, QueryLimits{2, 10});
  api->postBatch("application/json", batchOf(trackEvent("a") + "," + trackEvent("b") + "," + trackEvent("c")));
  EXPECT_EQ(json(small.getEvents({}))["events"].size(), 2u);
  EXPECT_EQ(json(small.getEvents({{"limit", "50"}}))["events"].size(), 3u);
}

TEST_F(CollectorApiTest, StatsCountByTypeAndEvent) {
  EXPECT_EQ(json(api->getStats()), Json::parse(R"({"total":0,"byType":{},"byEvent":{}})"));
  api->postBatch("application/json",
                 batchOf(trackEvent("m1", "Product Viewed") + "," + trackEvent("m2", "Product Viewed") + "," +
                         trackEvent("m3", "Order Completed") + "," +
                         R"({"type":"identify","messageId":"i1","userId":"u-1","timestamp":"2026-01-01T00:00:02Z"})"));
  EXPECT_EQ(json(api->getStats()),
            Json::parse(R"({"total":4,"byType":{"track":3,"identify":1},)"
                        R"("byEvent":{"Product Viewed":2,"Order Completed":1}})"));
}

TEST(MediaType, DropsParametersAndCase) {
  EXPECT_EQ(mediaType("text/plain;charset=UTF-8"), "text/plain");
  EXPECT_EQ(mediaType("  APPLICATION/json "), "application/json");
  EXPECT_EQ(mediaType(""), "");
}

}  // namespace
}  // namespace engage::collector
