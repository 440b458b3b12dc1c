// The cart across sessions, orders, and cart / checkout abandonment detected by tick, by the next
// load and by page hide; GA4 aliases.
#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

using Names = std::vector<std::string>;

nlohmann::json product(const std::string& id, double price, int quantity = 1) {
  return {{"product_id", id}, {"name", "Item " + id}, {"price", price}, {"quantity", quantity}};
}

// A session with a page view and two units of a 10.00 product in the cart; returns its start.
int64_t fillCart(Engagement& tab, int64_t t0) {
  tab.onEvent(pageEvent("/p/1"), t0);
  tab.onEvent(trackEvent("Product Viewed", product("sku-1", 10)), t0 + kSecond);
  tab.onEvent(trackEvent("Product Added", product("sku-1", 10, 2)), t0 + 2 * kSecond);
  return t0;
}

void expectCartAbandonment(const Emitted& e, int64_t sessionId, int64_t atMs) {
  EXPECT_EQ(e.sessionId, sessionId);
  EXPECT_EQ(e.atMs, atMs);
  EXPECT_EQ(e.properties["itemCount"], 2);
  EXPECT_DOUBLE_EQ(e.properties["value"].get<double>(), 20.0);
  ASSERT_EQ(e.properties["products"].size(), 1u);
  EXPECT_EQ(e.properties["products"][0]["product_id"], "sku-1");
  EXPECT_EQ(e.properties["products"][0]["quantity"], 2);
}

TEST_F(EngagementTest, CartAbandonmentDetectedByTick) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  int64_t last = t0 + 2 * kSecond;
  EXPECT_TRUE(tab->tick(last + 30 * kMinute - 1).empty());
  std::vector<Emitted> out = tab->tick(last + 30 * kMinute);
  ASSERT_EQ(names(out), (Names{"Session Ended", "Cart Abandoned"}));
  EXPECT_EQ(out[0].properties["cartAbandoned"], true);
  EXPECT_EQ(out[0].properties["checkoutAbandoned"], false);
  expectCartAbandonment(out[1], t0, last);
  nlohmann::json m = tab->metrics(last + 30 * kMinute);
  EXPECT_EQ(m["cart"]["itemCount"], 2);  // abandonment keeps the cart for the next visit
  EXPECT_EQ(m["lifetime"]["carts"], 1);
  EXPECT_EQ(m["lifetime"]["cartsAbandoned"], 1);
  EXPECT_DOUBLE_EQ(m["lifetime"]["cartAbandonmentRate"].get<double>(), 1.0);
}

TEST_F(EngagementTest, CartAbandonmentDetectedOnTheNextLoad) {
  int64_t t0 = now();
  {
    auto first = openTab();
    fillCart(*first, t0);
  }  // closed; no tick ever ran
  auto next = openTab();
  EngagementUpdate up = next->onEvent(pageEvent("/"), t0 + 2 * kHour);
  ASSERT_EQ(names(up.emitted), (Names{"Session Ended", "Cart Abandoned", "Session Started"}));
  expectCartAbandonment(up.emitted[1], t0, t0 + 2 * kSecond);
  EXPECT_EQ(up.sessionId, t0 + 2 * kHour);
}

TEST_F(EngagementTest, CartAbandonmentDetectedAtPageHideWhenTheSessionIsOver) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  EXPECT_EQ(names(tab->onActivity(Activity::PageHide, t0 + 10 * kMinute)), Names{"Page Left"});  // still live
  tab->onActivity(Activity::Visible, t0 + 11 * kMinute);  // back from the cache; then throttled
  std::vector<Emitted> out = tab->onActivity(Activity::PageHide, t0 + 11 * kMinute + 31 * kMinute);
  ASSERT_EQ(names(out), (Names{"Page Left", "Session Ended", "Cart Abandoned"}));
  expectCartAbandonment(out[2], t0, t0 + 11 * kMinute);
}

TEST_F(EngagementTest, OrderEmptiesTheCartAndPreventsAbandonment) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Checkout Started", {{"products", {product("sku-1", 10, 2)}}}), t0 + kMinute);
  tab->onEvent(trackEvent("Order Completed", {{"order_id", "o-1"}, {"total", 23.5}}), t0 + 2 * kMinute);
  nlohmann::json m = tab->metrics(t0 + 2 * kMinute);
  EXPECT_EQ(m["cart"]["itemCount"], 0);
  EXPECT_EQ(m["session"]["converted"], true);
  std::vector<Emitted> out = tab->tick(t0 + 32 * kMinute);
  ASSERT_EQ(names(out), Names{"Session Ended"});
  EXPECT_EQ(out[0].properties["orders"], 1);
  EXPECT_DOUBLE_EQ(out[0].properties["revenue"].get<double>(), 23.5);
  EXPECT_EQ(out[0].properties["funnelStep"], 4);
  nlohmann::json lifetime = tab->metrics(t0 + 32 * kMinute)["lifetime"];
  EXPECT_EQ(lifetime["orders"], 1);
  EXPECT_EQ(lifetime["cartsAbandoned"], 0);
  EXPECT_EQ(lifetime["checkoutsAbandoned"], 0);
  EXPECT_DOUBLE_EQ(lifetime["conversionRate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(lifetime["averageOrderValue"].get<double>(), 23.5);
}

TEST_F(EngagementTest, OrderValueFallsBackToTheCart) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Order Completed"), t0 + kMinute);
  EXPECT_DOUBLE_EQ(tab->metrics(t0 + kMinute)["session"]["revenue"].get<double>(), 20.0);
}

TEST_F(EngagementTest, CheckoutAbandonment) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Checkout Started"), t0 + kMinute);
  std::vector<Emitted> out = tab->tick(t0 + 31 * kMinute);
  ASSERT_EQ(names(out), (Names{"Session Ended", "Cart Abandoned", "Checkout Abandoned"}));
  expectCartAbandonment(out[2], t0, t0 + kMinute);
  nlohmann::json lifetime = tab->metrics(t0 + 31 * kMinute)["lifetime"];
  EXPECT_EQ(lifetime["checkouts"], 1);
  EXPECT_DOUBLE_EQ(lifetime["checkoutAbandonmentRate"].get<double>(), 1.0);
}

TEST_F(EngagementTest, ItemsAddedAfterAnOrderCanBeAbandoned) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Order Completed", {{"total", 20}}), t0 + kMinute);
  tab->onEvent(trackEvent("Product Added", product("sku-2", 5)), t0 + 2 * kMinute);
  std::vector<Emitted> out = tab->tick(t0 + 32 * kMinute);
  EXPECT_EQ(names(out), (Names{"Session Ended", "Cart Abandoned"}));
}

TEST_F(EngagementTest, EmptiedCartIsNotAbandoned) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Product Removed", {{"product_id", "sku-1"}, {"quantity", 1}}), t0 + kMinute);
  EXPECT_EQ(tab->metrics(t0 + kMinute)["cart"]["itemCount"], 1);
  tab->onEvent(trackEvent("Product Removed", {{"product_id", "sku-1"}}), t0 + 2 * kMinute);
  EXPECT_EQ(names(tab->tick(t0 + 32 * kMinute)), Names{"Session Ended"});
}

TEST_F(EngagementTest, CarriedCartIsNotAbandonedAgainByASessionThatDidNotAddToIt) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  EXPECT_EQ(names(tab->tick(t0 + kHour)), (Names{"Session Ended", "Cart Abandoned"}));
  tab->onEvent(pageEvent("/"), t0 + 2 * kHour);
  EXPECT_EQ(names(tab->tick(t0 + 3 * kHour)), Names{"Session Ended"});
  nlohmann::json lifetime = tab->metrics(t0 + 3 * kHour)["lifetime"];
  EXPECT_EQ(lifetime["carts"], 1);
  EXPECT_EQ(lifetime["cartsAbandoned"], 1);
  // The carried cart still converts in a later session.
  tab->onEvent(trackEvent("Order Completed"), t0 + 4 * kHour);
  EXPECT_DOUBLE_EQ(tab->metrics(t0 + 4 * kHour)["lifetime"]["revenue"].get<double>(), 20.0);
}

TEST_F(EngagementTest, CartSurvivesReloadAndIsSharedByTabs) {
  auto a = openTab();
  int64_t t0 = fillCart(*a, now());
  auto b = openTab();
  b->onEvent(trackEvent("Product Added", product("sku-2", 4.5)), t0 + kMinute);
  nlohmann::json cart = a->metrics(t0 + kMinute)["cart"];
  EXPECT_EQ(cart["itemCount"], 3);
  EXPECT_DOUBLE_EQ(cart["value"].get<double>(), 24.5);
}

TEST_F(EngagementTest, Ga4NamesAreAliases) {
  auto tab = openTab();
  int64_t t0 = now();
  nlohmann::json items = {{"items", {{{"item_id", "g-1"}, {"item_name", "Lamp"}, {"price", 30}, {"quantity", 2}},
                                     {{"item_id", "g-2"}, {"price", 5}}}}};
  tab->onEvent(trackEvent("view_item", {{"items", {{{"item_id", "g-1"}}}}}), t0);
  tab->onEvent(trackEvent("add_to_cart", items), t0 + kSecond);
  tab->onEvent(trackEvent("remove_from_cart", {{"items", {{{"item_id", "g-2"}}}}}), t0 + 2 * kSecond);
  nlohmann::json m = tab->metrics(t0 + 2 * kSecond);
  EXPECT_EQ(m["cart"]["itemCount"], 2);
  EXPECT_EQ(m["cart"]["products"][0]["name"], "Lamp");
  tab->onEvent(trackEvent("view_cart"), t0 + 3 * kSecond);
  tab->onEvent(trackEvent("begin_checkout"), t0 + 4 * kSecond);
  EXPECT_EQ(tab->metrics(t0 + 4 * kSecond)["session"]["funnelStep"], 3);
  tab->onEvent(trackEvent("purchase", {{"transaction_id", "T-1"}, {"value", 60}}), t0 + 5 * kSecond);
  m = tab->metrics(t0 + 5 * kSecond);
  EXPECT_EQ(m["cart"]["itemCount"], 0);
  EXPECT_EQ(m["session"]["orders"], 1);
  EXPECT_EQ(m["session"]["funnelStep"], 4);
  EXPECT_DOUBLE_EQ(m["session"]["revenue"].get<double>(), 60.0);
  EXPECT_EQ(m["lifetime"]["funnel"][0]["sessions"], 1);
}

TEST_F(EngagementTest, RepeatedOrderIdIsCountedOnce) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(trackEvent("Order Completed", {{"order_id", "o-9"}, {"total", 10}}), t0);
  tab->onEvent(trackEvent("Order Completed", {{"order_id", "o-9"}, {"total", 10}}), t0 + kSecond);  // reload
  auto other = openTab();
  other->onEvent(trackEvent("Order Completed", {{"order_id", "o-9"}, {"total", 10}}), t0 + kHour);
  other->onEvent(trackEvent("Order Completed", {{"order_id", "o-10"}, {"total", 30}}), t0 + kHour);
  nlohmann::json lifetime = other->metrics(t0 + kHour)["lifetime"];
  EXPECT_EQ(lifetime["orders"], 2);
  EXPECT_DOUBLE_EQ(lifetime["revenue"].get<double>(), 40.0);
  EXPECT_EQ(lifetime["repeatPurchasers"], 1);
  EXPECT_DOUBLE_EQ(lifetime["purchaseFrequency"].get<double>(), 2.0);
}

TEST_F(EngagementTest, CartViewedWithProductsReplacesTheCart) {
  auto tab = openTab();
  int64_t t0 = fillCart(*tab, now());
  tab->onEvent(trackEvent("Cart Viewed", {{"products", {product("sku-7", 3, 3)}}}), t0 + kMinute);
  nlohmann::json cart = tab->metrics(t0 + kMinute)["cart"];
  EXPECT_EQ(cart["itemCount"], 3);
  EXPECT_EQ(cart["products"][0]["product_id"], "sku-7");
}

}  // namespace
}  // namespace engage::testing
