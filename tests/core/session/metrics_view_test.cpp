// metrics(): the current session, this tab's page, the cart and the lifetime figures as one object.
#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

TEST_F(EngagementTest, MetricsOfAFreshDevice) {
  auto tab = openTab();
  nlohmann::json m = tab->metrics(now());
  EXPECT_TRUE(m["session"].is_null());
  EXPECT_TRUE(m["page"].is_null());
  EXPECT_EQ(m["cart"]["itemCount"], 0);
  EXPECT_EQ(m["lifetime"]["sessions"], 0);
  EXPECT_EQ(m["lifetime"]["visitors"], 0);
  EXPECT_TRUE(m["lifetime"]["daysSinceLastVisit"].is_null());
  EXPECT_TRUE(m["lifetime"]["daysSinceLastOrder"].is_null());
  EXPECT_EQ(m["lifetime"]["engagementScore"], 0);
  EXPECT_TRUE(store.data.empty());  // reading writes nothing
}

TEST_F(EngagementTest, LifetimeFiguresOfAScriptedVisitor) {
  auto tab = openTab();
  int64_t t0 = now();
  // Session 1: three pages, one order of 50 -> engaged and converted; 10 minutes long.
  tab->onEvent(pageEvent("/"), t0);
  tab->onEvent(pageEvent("/p/1"), t0 + 2 * kMinute);
  tab->onEvent(trackEvent("Product Added", {{"product_id", "a"}, {"price", 25}, {"quantity", 2}}), t0 + 3 * kMinute);
  tab->onEvent(pageEvent("/checkout"), t0 + 5 * kMinute);
  tab->onEvent(trackEvent("Order Completed", {{"order_id", "o1"}, {"total", 50}}), t0 + 10 * kMinute);
  // Session 2, two days later: one page, a bounce, still open when metrics() is read.
  int64_t t1 = t0 + 2 * 24 * kHour;
  tab->onEvent(pageEvent("/"), t1);
  nlohmann::json m = tab->metrics(t1 + 6 * kHour - 30 * kMinute);  // 5.5 h after: session 2 has ended
  EXPECT_TRUE(m["session"].is_null());
  m = tab->metrics(t1 + kMinute);
  ASSERT_FALSE(m["session"].is_null());
  EXPECT_EQ(m["session"]["sessionId"], t1);
  EXPECT_EQ(m["session"]["sessionNumber"], 2);
  EXPECT_EQ(m["session"]["bounce"], true);
  EXPECT_EQ(m["page"]["path"], "/");

  nlohmann::json l = m["lifetime"];
  EXPECT_EQ(l["visitors"], 1);
  EXPECT_EQ(l["sessions"], 2);
  EXPECT_EQ(l["pageViews"], 4);
  EXPECT_DOUBLE_EQ(l["pagesPerSession"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(l["avgDurationMs"].get<double>(), 5.0 * kMinute);  // (10 min + 0) / 2
  EXPECT_DOUBLE_EQ(l["bounceRate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(l["conversionRate"].get<double>(), 0.5);
  EXPECT_EQ(l["carts"], 1);
  EXPECT_EQ(l["orders"], 1);
  EXPECT_DOUBLE_EQ(l["averageOrderValue"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(l["purchaseFrequency"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(l["repeatPurchaseRate"].get<double>(), 0.0);
  EXPECT_NEAR(l["daysSinceLastVisit"].get<double>(), 1.0 / (24 * 60), 1e-12);
  EXPECT_NEAR(l["daysSinceLastOrder"].get<double>(), 2.0 - 9.0 / (24 * 60), 1e-9);
  EXPECT_EQ(l["funnel"][1]["sessions"], 1);   // added to cart
  EXPECT_EQ(l["funnel"][2]["sessions"], 1);   // an order implies the checkout step
  EXPECT_DOUBLE_EQ(l["funnel"][0]["dropOff"].get<double>(), 0.5);
  EXPECT_EQ(tab->totals(t1 + kMinute).endedSessions, 1);
  EXPECT_GT(l["engagementScore"].get<int64_t>(), 0);
}

TEST_F(EngagementTest, TimedOutSessionIsShownEndedWithoutWriting) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(trackEvent("Product Added", {{"product_id", "a"}, {"price", 3}}), t0);
  std::map<std::string, std::string> before = store.data;
  nlohmann::json m = tab->metrics(t0 + 30 * kMinute);
  EXPECT_TRUE(m["session"].is_null());
  EXPECT_EQ(m["lifetime"]["sessions"], 1);
  EXPECT_EQ(m["lifetime"]["cartsAbandoned"], 1);
  EXPECT_EQ(store.data, before);
  EXPECT_EQ(tab->totals(t0 + 30 * kMinute).cartSessionsEnded, 1);
  // The real end reports what the view showed.
  nlohmann::json shown = tab->metrics(t0 + 31 * kMinute)["lifetime"];
  EXPECT_EQ(tab->tick(t0 + 31 * kMinute).size(), 2u);
  EXPECT_NE(store.data, before);
  EXPECT_EQ(tab->metrics(t0 + 31 * kMinute)["lifetime"], shown);
}

TEST_F(EngagementTest, OpenSessionIsNotYetAbandoned) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(trackEvent("Product Added", {{"product_id", "a"}}), t0);
  EngagementTotals t = tab->totals(t0 + kMinute);
  EXPECT_EQ(t.cartSessions, 1);
  EXPECT_EQ(t.cartSessionsEnded, 0);
  EXPECT_EQ(t.cartsAbandoned, 0);
  EXPECT_EQ(tab->metrics(t0 + kMinute)["lifetime"]["cartAbandonmentRate"], 0.0);
}

}  // namespace
}  // namespace engage::testing
