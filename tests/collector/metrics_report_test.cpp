// GET /v1/metrics: the issue 3 figures across visitors, computed by replaying each visitor's stored
// events through the core (engage/engagement.h). Three scripted visitors — one buys, one abandons a
// cart, one bounces — give figures worked out by hand from docs/METRICS.md.
#include <gtest/gtest.h>

#include "analysis_api.h"
#include "base/json_access.h"
#include "collector_api.h"
#include "iso_time.h"
#include "sqlite_event_store.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using detail::Json;

constexpr int64_t kDay = 86400000;
constexpr int64_t kT = 1767607200000;  // 2026-01-05T10:00:00Z

Json event(const std::string& visitor, int64_t ms, const std::string& type, const std::string& name,
           const Json& properties = Json::object()) {
  static int next = 0;
  Json e = {{"type", type},
            {"messageId", "m-" + std::to_string(++next)},
            {"anonymousId", visitor},
            {"timestamp", formatIsoTimestamp(ms)},
            {"properties", properties}};
  if (type == "track") e["event"] = name;
  if (type == "page") e["context"] = {{"page", {{"path", name}, {"url", "https://shop.example" + name}}}};
  return e;
}

class MetricsRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    std::string error;
    store = SqliteEventStore::open(options, &error);
    ASSERT_NE(store, nullptr) << error;
    clock.wall = kT + 3 * kDay;  // long after: every session has timed out
  }
  void post(const Json& events) {
    CollectorApi api(*store, clock);
    ApiResponse response = api.postBatch("application/json", Json{{"batch", events}}.dump());
    ASSERT_EQ(response.status, 200) << response.body;
  }
  void plantThreeVisitors() {
    Json lamp = {{"product_id", "aurora-lamp"}, {"price", 49.0}, {"quantity", 1}};
    Json mug = {{"product_id", "stoneware-mug"}, {"price", 14.5}, {"quantity", 1}};
    post(Json::array({
        event("buyer", kT, "page", "/"), event("buyer", kT + 10000, "track", "Product Viewed", lamp),
        event("buyer", kT + 20000, "track", "Product Added", lamp), event("buyer", kT + 30000, "page", "/checkout"),
        event("buyer", kT + 40000, "track", "Checkout Started", {{"value", 49.0}}),
        event("buyer", kT + 60000, "track", "Order Completed", {{"order_id", "o-1"}, {"total", 49.0}}),
        event("abandoner", kT + 300000, "page", "/p"), event("abandoner", kT + 310000, "track", "Product Viewed", mug),
        event("abandoner", kT + 320000, "track", "Product Added", mug), event("abandoner", kT + 330000, "page", "/cart"),
        event("bouncer", kT + kDay, "page", "/"),
    }));
  }
  Json get(const QueryParams& query, int status = 200) {
    ApiResponse response = AnalysisApi(*store, clock).getMetrics(query);
    EXPECT_EQ(response.status, status) << response.body;
    return detail::parseJson(response.body).value_or(Json());
  }

  testing::TempDir dir;
  testing::FixedClock clock;
  std::unique_ptr<SqliteEventStore> store;
};

TEST_F(MetricsRouteTest, ABuyerAnAbandonerAndABouncer) {
  plantThreeVisitors();
  Json f = get({})["figures"];
  EXPECT_EQ(f["visitors"], 3);
  EXPECT_EQ(f["sessions"], 3);
  EXPECT_EQ(f["pageViews"], 5);
  EXPECT_DOUBLE_EQ(f["pagesPerSession"].get<double>(), 5.0 / 3);
  EXPECT_DOUBLE_EQ(f["avgDurationMs"].get<double>(), (60000.0 + 30000.0 + 0) / 3);
  EXPECT_EQ(f["bounces"], 1);  // the bouncer: one page, no engaged time, no conversion
  EXPECT_DOUBLE_EQ(f["bounceRate"].get<double>(), 1.0 / 3);
  EXPECT_EQ(f["convertedSessions"], 1);
  EXPECT_DOUBLE_EQ(f["conversionRate"].get<double>(), 1.0 / 3);
  EXPECT_EQ(f["carts"], 2);
  EXPECT_EQ(f["cartsAbandoned"], 1);
  EXPECT_DOUBLE_EQ(f["cartAbandonmentRate"].get<double>(), 0.5);
  EXPECT_EQ(f["checkouts"], 1);
  EXPECT_EQ(f["checkoutsAbandoned"], 0);
  EXPECT_EQ(f["orders"], 1);
  EXPECT_DOUBLE_EQ(f["revenue"].get<double>(), 49.0);
  EXPECT_DOUBLE_EQ(f["averageOrderValue"].get<double>(), 49.0);
  EXPECT_EQ(f["purchasers"], 1);
  EXPECT_DOUBLE_EQ(f["purchaseFrequency"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(f["repeatPurchaseRate"].get<double>(), 0.0);
  std::vector<int> funnel;
  for (const Json& step : f["funnel"]) funnel.push_back(step["sessions"].get<int>());
  EXPECT_EQ(funnel, (std::vector<int>{2, 2, 1, 1}));
  EXPECT_EQ(f["funnel"][0]["step"], "Product Viewed");
  EXPECT_DOUBLE_EQ(f["funnel"][2]["dropOff"].get<double>(), 0.5);  // add to cart -> checkout
}

TEST_F(MetricsRouteTest, SeriesBucketsEqualTheQueryOfTheirOwnRange) {
  plantThreeVisitors();
  Json all = get({{"interval", "day"}});
  ASSERT_EQ(all["series"].size(), 2u);
  EXPECT_EQ(all["series"][0]["start"], "2026-01-05T00:00:00.000Z");
  EXPECT_EQ(all["series"][1]["start"], "2026-01-06T00:00:00.000Z");
  EXPECT_EQ(all["series"][0]["sessions"], 2);
  EXPECT_EQ(all["series"][1]["sessions"], 1);
  for (const Json& point : all["series"]) {
    Json alone = get({{"from", point["start"]}, {"to", point["end"]}})["figures"];
    alone.erase("funnel");
    alone.erase("totals");
    Json bucket = point;
    bucket.erase("start");
    bucket.erase("end");
    EXPECT_EQ(bucket, alone) << point["start"];
  }
  Json hours = get({{"interval", "hour"}, {"from", "2026-01-05"}, {"to", "2026-01-05"}});
  ASSERT_EQ(hours["series"].size(), 24u);  // the whole day, empty hours included
  EXPECT_EQ(hours["series"][10]["sessions"], 2);
  EXPECT_EQ(hours["series"][9]["sessions"], 0);
}

TEST_F(MetricsRouteTest, RangeSelectsVisitorsByEventTime) {
  plantThreeVisitors();
  Json day2 = get({{"from", "2026-01-06"}});
  EXPECT_EQ(day2["figures"]["visitors"], 1);
  EXPECT_EQ(day2["figures"]["bounces"], 1);
  EXPECT_EQ(day2["from"], "2026-01-06T00:00:00.000Z");
  EXPECT_TRUE(day2["to"].is_null());
  Json none = get({{"from", "2027-01-01"}, {"to", "2027-01-02"}});
  EXPECT_EQ(none["figures"]["sessions"], 0);
}

TEST_F(MetricsRouteTest, ASessionStillOpenIsNotYetAbandoned) {
  plantThreeVisitors();
  clock.wall = kT + 330000 + 10 * 60000;  // 10 minutes after the abandoner's last event
  Json early = get({{"to", "2026-01-05T23:00:00Z"}})["figures"];
  EXPECT_EQ(early["cartsAbandoned"], 0);
  clock.wall = kT + 330000 + 31 * 60000;  // past the 30-minute timeout
  EXPECT_EQ(get({{"to", "2026-01-05T23:00:00Z"}})["figures"]["cartsAbandoned"], 1);
}

TEST_F(MetricsRouteTest, RefusesBadQueries) {
  EXPECT_EQ(get({{"interval", "week"}}, 400)["error"]["code"], "invalid_query");
  EXPECT_EQ(get({{"from", "soon"}}, 400)["error"]["code"], "invalid_query");
  Json tooLong = get({{"interval", "hour"}, {"from", "2025-01-01"}, {"to", "2025-03-01"}}, 400);
  EXPECT_NE(tooLong["error"]["message"].get<std::string>().find("400"), std::string::npos);
  Json empty = get({});
  EXPECT_EQ(empty["figures"]["visitors"], 0);
  EXPECT_TRUE(empty["series"].empty());
}

}  // namespace
}  // namespace engage::collector
