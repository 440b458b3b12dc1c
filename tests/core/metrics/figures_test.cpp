#include <gtest/gtest.h>

#include "engage/engagement.h"

namespace engage {
namespace {

TEST(Figures, RatesAndAveragesFromTotals) {
  EngagementTotals t;
  t.visitors = 4;
  t.sessions = 10;
  t.pageViews = 25;
  t.durationMs = 600000;
  t.engagedMs = 120000;
  t.engagedSessions = 6;
  t.convertedSessions = 2;
  t.cartSessions = 5;
  t.cartSessionsEnded = 4;
  t.cartsAbandoned = 3;
  t.checkoutSessions = 3;
  t.checkoutSessionsEnded = 3;
  t.checkoutsAbandoned = 1;
  t.orders = 3;
  t.revenue = 90;
  t.purchasers = 2;
  t.repeatPurchasers = 1;
  t.funnel = {8, 5, 3, 2};
  nlohmann::json f = deriveFigures(t);
  EXPECT_DOUBLE_EQ(f["pagesPerSession"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(f["avgDurationMs"].get<double>(), 60000);
  EXPECT_DOUBLE_EQ(f["avgEngagedMs"].get<double>(), 12000);
  EXPECT_EQ(f["bounces"], 4);
  EXPECT_DOUBLE_EQ(f["bounceRate"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(f["conversionRate"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(f["cartAbandonmentRate"].get<double>(), 0.75);  // over carts whose session ended
  EXPECT_DOUBLE_EQ(f["checkoutAbandonmentRate"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(f["averageOrderValue"].get<double>(), 30);
  EXPECT_DOUBLE_EQ(f["purchaseFrequency"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(f["repeatPurchaseRate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(f["customerValue"].get<double>(), 45);
}

TEST(Figures, FunnelWithDropOff) {
  EngagementTotals t;
  t.sessions = 10;
  t.funnel = {8, 4, 3, 0};
  nlohmann::json funnel = deriveFigures(t)["funnel"];
  ASSERT_EQ(funnel.size(), 4u);
  EXPECT_EQ(funnel[0]["step"], "Product Viewed");
  EXPECT_EQ(funnel[3]["step"], "Order Completed");
  EXPECT_DOUBLE_EQ(funnel[0]["dropOff"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(funnel[1]["fromPrevious"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(funnel[2]["dropOff"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(funnel[3]["dropOff"].get<double>(), 1.0);
}

TEST(Figures, ZeroDenominatorsGiveZero) {
  nlohmann::json f = deriveFigures(EngagementTotals{});
  for (const char* key : {"pagesPerSession", "bounceRate", "conversionRate", "cartAbandonmentRate",
                          "checkoutAbandonmentRate", "averageOrderValue", "purchaseFrequency", "repeatPurchaseRate"}) {
    EXPECT_EQ(f[key], 0.0) << key;
  }
  EXPECT_EQ(f["funnel"][0]["dropOff"], 0.0);
  EXPECT_EQ(f["funnel"][3]["dropOff"], 0.0);
}

TEST(Figures, AggregateSumsThenDerives) {
  EngagementTotals a;
  a.visitors = 1;
  a.sessions = 3;
  a.convertedSessions = 1;
  a.orders = 1;
  a.revenue = 10;
  a.purchasers = 1;
  EngagementTotals b;
  b.visitors = 1;
  b.sessions = 1;
  nlohmann::json all = aggregateVisitors({a, b});
  EXPECT_EQ(all["visitors"], 2);
  EXPECT_DOUBLE_EQ(all["conversionRate"].get<double>(), 0.25);  // sessions-weighted, not a mean of rates
  EXPECT_EQ(all["totals"]["sessions"], 4);
  EXPECT_EQ(aggregateVisitors({})["sessions"], 0);
}

}  // namespace
}  // namespace engage
