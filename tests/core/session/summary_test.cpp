// The JSON shapes written as text: products, the session document round trip, and metricsJson() ==
// metrics().
#include "session/summary.h"

#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

using detail::Json;

TEST(Summary, ProductsUseSegmentFields) {
  EngagementConfig config;
  detail::Cart cart;
  detail::addToCart(cart, {"a", "Mug \"blue\"", 2.5, 2}, config);
  detail::addToCart(cart, {"b", "", 1, 1}, config);
  detail::JsonWriter out;
  detail::writeProducts(out, cart);
  Json products = detail::parsed(out);
  ASSERT_TRUE(products.is_array());
  EXPECT_EQ(products[0], (Json{{"product_id", "a"}, {"name", "Mug \"blue\""}, {"price", 2.5}, {"quantity", 2}}));
  EXPECT_FALSE(products[1].contains("name"));
}

TEST(Summary, SessionDocumentRoundTrips) {
  detail::SessionState s;
  s.id = s.startMs = 1'767'225'600'000;
  s.lastActivityMs = s.startMs + 5;
  s.number = 3;
  s.pageViews = 2;
  s.engagedMs = 1234;
  s.campaignKey = "a|b|";
  s.campaignHost = "x.example";
  s.campaign = {{"source", "a"}};
  s.landingPage = "/p?q=\"1\"\n";
  s.referrer = "https://x.example/";
  s.attributed = false;
  s.orders = 1;
  s.revenue = 19.99;
  s.converted = s.cartAdded = s.checkoutStarted = true;
  s.funnelStep = 4;
  s.lastOrderMs = s.startMs + 4;
  std::optional<Json> doc = detail::parseJson(detail::sessionText(s));
  ASSERT_TRUE(doc.has_value());
  std::optional<detail::SessionState> back = detail::sessionFromJson(*doc);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(detail::sessionText(*back), detail::sessionText(s));
  EXPECT_EQ(back->landingPage, s.landingPage);
  EXPECT_EQ(back->revenue, 19.99);
  EXPECT_FALSE(back->attributed);
}

TEST_F(EngagementTest, MetricsJsonIsTheTextOfMetrics) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/a"), t0);
  tab->onEvent(trackEvent("Product Added", {{"product_id", "p"}, {"price", 0.1}, {"quantity", 3}}), t0 + 1);
  std::string text = tab->metricsJson(t0 + kSecond);
  std::optional<Json> parsedText = detail::parseJson(text);
  ASSERT_TRUE(parsedText.has_value());
  EXPECT_EQ(*parsedText, tab->metrics(t0 + kSecond));
  EXPECT_DOUBLE_EQ((*parsedText)["cart"]["value"].get<double>(), 0.1 * 3);
  EXPECT_NE(text.find("\"value\":0.30000000000000004"), std::string::npos);  // shortest exact digits
}

}  // namespace
}  // namespace engage::testing
