#include <gtest/gtest.h>

#include "engage/engagement.h"

namespace engage {
namespace {

EngagementTotals sample(int64_t base) {
  EngagementTotals t;
  t.visitors = 1;
  t.sessions = base;
  t.endedSessions = base - 1;
  t.pageViews = 3 * base;
  t.durationMs = 1000 * base;
  t.engagedMs = 500 * base;
  t.engagedSessions = base - 1;
  t.convertedSessions = 1;
  t.cartSessions = 2;
  t.cartSessionsEnded = 2;
  t.cartsAbandoned = 1;
  t.checkoutSessions = 1;
  t.checkoutSessionsEnded = 1;
  t.checkoutsAbandoned = 0;
  t.orders = base;
  t.revenue = 12.5 * static_cast<double>(base);
  t.purchasers = 1;
  t.repeatPurchasers = base >= 2 ? 1 : 0;
  t.funnel = {4, 3, 2, 1};
  t.firstSeenMs = 100 * base;
  t.lastSeenMs = 1000 * base;
  t.lastOrderMs = base == 1 ? 0 : 900 * base;
  return t;
}

TEST(Totals, MergeSumsCountersAndTakesTimeExtremes) {
  EngagementTotals a = sample(2);
  mergeTotals(a, sample(3));
  EXPECT_EQ(a.visitors, 2);
  EXPECT_EQ(a.sessions, 5);
  EXPECT_EQ(a.pageViews, 15);
  EXPECT_EQ(a.repeatPurchasers, 2);
  EXPECT_DOUBLE_EQ(a.revenue, 62.5);
  EXPECT_EQ(a.funnel, (std::array<int64_t, 4>{8, 6, 4, 2}));
  EXPECT_EQ(a.firstSeenMs, 200);
  EXPECT_EQ(a.lastSeenMs, 3000);
  EXPECT_EQ(a.lastOrderMs, 2700);
}

TEST(Totals, MergeTreatsZeroTimesAsNever) {
  EngagementTotals empty;
  mergeTotals(empty, sample(1));
  EXPECT_EQ(empty.firstSeenMs, 100);
  EXPECT_EQ(empty.lastOrderMs, 0);
  EngagementTotals other = sample(1);
  mergeTotals(other, EngagementTotals{});
  EXPECT_EQ(other.firstSeenMs, 100);
}

TEST(Totals, JsonRoundTrip) {
  EngagementTotals t = sample(3);
  nlohmann::json j = totalsToJson(t);
  EXPECT_EQ(j["cartsAbandoned"], 1);
  EngagementTotals back = totalsFromJson(j);
  EXPECT_EQ(totalsToJson(back), j);
}

TEST(Totals, FromJsonIsTolerant) {
  nlohmann::json j = {{"sessions", "many"}, {"orders", -4}, {"revenue", 5.5}, {"funnel", {1, "x", 1e300}}};
  EngagementTotals t = totalsFromJson(j);
  EXPECT_EQ(t.sessions, 0);
  EXPECT_EQ(t.orders, 0);
  EXPECT_DOUBLE_EQ(t.revenue, 5.5);
  EXPECT_EQ(t.funnel[0], 1);
  EXPECT_EQ(t.funnel[1], 0);
  EXPECT_EQ(t.funnel[2], 9'000'000'000'000'000);
  EXPECT_EQ(totalsFromJson(nlohmann::json::array()).sessions, 0);
}

}  // namespace
}  // namespace engage
