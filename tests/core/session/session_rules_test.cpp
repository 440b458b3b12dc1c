// When sessions start and end: the inactivity timeout, the 24 h cut, campaign changes, reloads and tabs.
#include <limits>

#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

using Names = std::vector<std::string>;

TEST_F(EngagementTest, FirstEventStartsSessionIdentifiedByItsStart) {
  auto tab = openTab();
  int64_t t0 = now();
  EngagementUpdate up = tab->onEvent(pageEvent("/"), t0);
  EXPECT_EQ(up.sessionId, t0);
  ASSERT_EQ(names(up.emitted), Names{"Session Started"});
  const Emitted& started = up.emitted[0];
  EXPECT_EQ(started.sessionId, t0);
  EXPECT_EQ(started.atMs, t0);
  EXPECT_EQ(started.properties["sessionNumber"], 1);
  EXPECT_EQ(started.properties["landingPage"], "/");
  EXPECT_EQ(tab->currentSessionId(t0), t0);
}

TEST_F(EngagementTest, ActivityAt29m59sContinuesAnd30m00sStartsANewSession) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/a"), t0);
  int64_t t1 = at(29 * kMinute + 59 * kSecond);
  EngagementUpdate same = tab->onEvent(trackEvent("Clicked"), t1);
  EXPECT_EQ(same.sessionId, t0);
  EXPECT_TRUE(same.emitted.empty());

  int64_t t2 = at(30 * kMinute);
  EngagementUpdate next = tab->onEvent(trackEvent("Clicked"), t2);
  EXPECT_EQ(next.sessionId, t2);
  ASSERT_EQ(names(next.emitted), (Names{"Session Ended", "Session Started"}));
  const Emitted& ended = next.emitted[0];
  EXPECT_EQ(ended.sessionId, t0);
  EXPECT_EQ(ended.atMs, t1);  // a session ends at its last activity
  EXPECT_EQ(ended.properties["reason"], "timeout");
  EXPECT_EQ(ended.properties["durationMs"], t1 - t0);
  EXPECT_EQ(ended.properties["pageViews"], 1);
  EXPECT_EQ(next.emitted[1].properties["sessionNumber"], 2);
}

TEST_F(EngagementTest, ConfiguredTimeoutIsHonoured) {
  config.sessionTimeoutMs = 5 * kMinute;
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  EXPECT_EQ(tab->onEvent(pageEvent("/"), at(5 * kMinute - 1)).sessionId, t0);
  EXPECT_NE(tab->onEvent(pageEvent("/"), at(5 * kMinute)).sessionId, t0);
}

TEST_F(EngagementTest, SessionIsCutAt24HoursEvenWhenActive) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  for (int i = 1; i < 72; ++i) {  // every 20 minutes up to 23:40
    EXPECT_EQ(tab->onEvent(pageEvent("/"), at(20 * kMinute)).sessionId, t0) << i;
  }
  EngagementUpdate cut = tab->onEvent(pageEvent("/"), at(20 * kMinute));  // exactly 24:00
  EXPECT_EQ(cut.sessionId, t0 + 24 * kHour);
  ASSERT_EQ(names(cut.emitted), (Names{"Page Left", "Session Ended", "Session Started"}));
  EXPECT_EQ(cut.emitted[1].properties["reason"], "max_length");
  EXPECT_EQ(cut.emitted[1].properties["durationMs"], 23 * kHour + 40 * kMinute);
  EXPECT_EQ(cut.emitted[1].properties["pageViews"], 72);
}

nlohmann::json withCampaign(const std::string& name, const std::string& referrer = "") {
  nlohmann::json context = {{"campaign", {{"source", "news"}, {"medium", "email"}, {"name", name}}}};
  if (!referrer.empty()) context["page"]["referrer"] = referrer;
  return context;
}

TEST_F(EngagementTest, CampaignChangeStartsANewSessionButInternalPagesDoNot) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/landing", withCampaign("spring")), t0);
  EXPECT_EQ(tab->onEvent(pageEvent("/internal"), at(kMinute)).sessionId, t0);  // no campaign: no change
  EXPECT_EQ(tab->onEvent(pageEvent("/landing", withCampaign("spring")), at(kMinute)).sessionId, t0);

  int64_t t1 = at(kMinute);
  EngagementUpdate change = tab->onEvent(pageEvent("/landing", withCampaign("summer")), t1);
  EXPECT_EQ(change.sessionId, t1);
  const Emitted* ended = findEmitted(change.emitted, "Session Ended");
  ASSERT_NE(ended, nullptr);
  EXPECT_EQ(ended->properties["reason"], "campaign_change");
  EXPECT_EQ(ended->properties["campaign"]["name"], "spring");
  EXPECT_EQ(findEmitted(change.emitted, "Session Started")->properties["campaign"]["name"], "summer");
}

TEST_F(EngagementTest, CampaignFromUtmQueryAndANewExternalReferrerCount) {
  auto tab = openTab();
  int64_t t0 = now();
  nlohmann::json utm = {{"page", {{"search", "?utm_source=news&utm_medium=email&utm_campaign=spring"}}}};
  tab->onEvent(pageEvent("/", utm), t0);
  // The same fields from context.campaign are the same campaign.
  EXPECT_EQ(tab->onEvent(pageEvent("/", withCampaign("spring")), at(kMinute)).sessionId, t0);
  // The same campaign arriving from a new external site is a new campaign.
  int64_t t1 = at(kMinute);
  EXPECT_EQ(tab->onEvent(pageEvent("/", withCampaign("spring", "https://social.example/post")), t1).sessionId, t1);
  // ... the same site again, or an internal referrer on the campaign's landing page, is not.
  EXPECT_EQ(tab->onEvent(pageEvent("/", withCampaign("spring", "https://social.example/x")), at(kMinute)).sessionId, t1);
  nlohmann::json internal = withCampaign("spring", "https://shop.example/cart");
  EXPECT_EQ(tab->onEvent(pageEvent("/", internal), at(kMinute)).sessionId, t1);
  // A new external referrer without a campaign is not a campaign.
  nlohmann::json plainReferral = {{"page", {{"referrer", "https://pay.example/done"}}}};
  EXPECT_EQ(tab->onEvent(pageEvent("/thanks", plainReferral), at(kMinute)).sessionId, t1);
}

TEST_F(EngagementTest, CampaignSplitCanBeSwitchedOff) {
  config.splitOnCampaignChange = false;
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/", withCampaign("spring")), t0);
  EXPECT_EQ(tab->onEvent(pageEvent("/", withCampaign("summer")), at(kMinute)).sessionId, t0);
}

TEST_F(EngagementTest, SessionOpenedByActivityIsAttributedByItsFirstEventWithoutSplitting) {
  auto tab = openTab();
  int64_t t0 = now();
  std::vector<Emitted> out = tab->onActivity(Activity::Visible, t0);
  ASSERT_EQ(names(out), Names{"Session Started"});
  EngagementUpdate up = tab->onEvent(pageEvent("/landing", withCampaign("spring")), at(100));
  EXPECT_EQ(up.sessionId, t0);
  EXPECT_TRUE(up.emitted.empty());
  nlohmann::json m = tab->metrics(now());
  EXPECT_EQ(m["session"]["landingPage"], "/landing");
  EXPECT_EQ(m["session"]["campaign"]["name"], "spring");
}

TEST_F(EngagementTest, ReloadResumesTheSession) {
  int64_t t0 = now();
  {
    auto first = openTab();
    first->onEvent(pageEvent("/a"), t0);
  }
  auto reloaded = openTab();
  EngagementUpdate up = reloaded->onEvent(pageEvent("/b"), at(10 * kMinute));
  EXPECT_EQ(up.sessionId, t0);
  EXPECT_TRUE(up.emitted.empty());
  EXPECT_EQ(reloaded->metrics(now())["session"]["pageViews"], 2);
}

TEST_F(EngagementTest, TwoTabsShareOneSessionAndItsActivity) {
  auto a = openTab();
  auto b = openTab();
  int64_t t0 = now();
  a->onEvent(pageEvent("/a"), t0);
  EngagementUpdate inB = b->onEvent(pageEvent("/b"), at(kMinute));
  EXPECT_EQ(inB.sessionId, t0);
  EXPECT_TRUE(inB.emitted.empty());
  a->onActivity(Activity::Input, at(24 * kMinute));              // t0 + 25 min, in tab A only
  EXPECT_EQ(b->onEvent(pageEvent("/b2"), at(25 * kMinute)).sessionId, t0);  // 50 min: A kept it alive
  int64_t last = now();
  EXPECT_TRUE(a->tick(last + 30 * kMinute - 1).empty());
  std::vector<Emitted> endedInA = a->tick(last + 30 * kMinute);
  EXPECT_EQ(names(endedInA), Names{"Session Ended"});
  EXPECT_EQ(endedInA[0].properties["pageViews"], 3);
  EXPECT_TRUE(b->tick(last + 30 * kMinute).empty());  // ended once, by whichever tab saw it first
  EXPECT_EQ(b->metrics(last + 30 * kMinute)["lifetime"]["sessions"], 1);
}

TEST_F(EngagementTest, TickAndWakeupFollowTheExpiry) {
  auto tab = openTab();
  EXPECT_EQ(tab->nextWakeupMs(now()), -1);
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  EXPECT_EQ(tab->nextWakeupMs(t0), 30 * kMinute);
  EXPECT_EQ(tab->nextWakeupMs(t0 + 10 * kMinute), 20 * kMinute);
  EXPECT_TRUE(tab->tick(t0 + 30 * kMinute - 1).empty());
  EXPECT_EQ(names(tab->tick(t0 + 30 * kMinute)), Names{"Session Ended"});
  EXPECT_EQ(tab->nextWakeupMs(t0 + 30 * kMinute), -1);
  EXPECT_EQ(tab->currentSessionId(t0 + 30 * kMinute), 0);
}

TEST_F(EngagementTest, WakeupNeverLaterThanTheMaximumLength) {
  config.sessionMaxLengthMs = 40 * kMinute;
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  tab->onEvent(pageEvent("/"), t0 + 25 * kMinute);
  EXPECT_EQ(tab->nextWakeupMs(t0 + 25 * kMinute), 15 * kMinute);
}

TEST_F(EngagementTest, OwnEventsFedBackAreNotActivity) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  for (const char* own : {"Session Started", "Session Ended", "Page Left", "Cart Abandoned", "Checkout Abandoned"}) {
    EngagementUpdate up = tab->onEvent(trackEvent(own), t0 + 20 * kMinute);
    EXPECT_TRUE(up.emitted.empty()) << own;
    EXPECT_EQ(up.sessionId, t0) << own;
  }
  EXPECT_EQ(tab->currentSessionId(t0 + 30 * kMinute), 0);  // still timed out from the page view
}

TEST_F(EngagementTest, ExplicitEndAndClear) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  std::vector<Emitted> out = tab->endSession(t0 + kMinute);
  ASSERT_EQ(names(out), Names{"Session Ended"});
  EXPECT_EQ(out[0].properties["reason"], "explicit");
  EXPECT_EQ(tab->currentSessionId(t0 + kMinute), 0);
  tab->clear();
  EXPECT_TRUE(store.data.empty());
  EXPECT_EQ(tab->metrics(t0)["lifetime"]["sessions"], 0);
}

TEST_F(EngagementTest, CorruptStoredStateIsIgnored) {
  store.data["e.session"] = "{not json";
  store.data["e.cart"] = "[1,2]";
  store.data["e.lifetime"] = "\"text\"";
  auto tab = openTab();
  int64_t t0 = now();
  EngagementUpdate up = tab->onEvent(trackEvent("Product Added", {{"product_id", "p"}}), t0);
  EXPECT_EQ(up.sessionId, t0);
  EXPECT_EQ(names(up.emitted), Names{"Session Started"});
  EXPECT_EQ(tab->metrics(t0)["cart"]["itemCount"], 1);
}

TEST_F(EngagementTest, StoreRefusingWritesKeepsTheTabConsistent) {
  store.full = true;
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/"), t0);
  EngagementUpdate up = tab->onEvent(pageEvent("/b"), at(kMinute));
  EXPECT_EQ(up.sessionId, t0);
  EXPECT_EQ(names(up.emitted), Names{"Page Left"});  // no new session
  EXPECT_GT(store.failedWrites, 0);
  nlohmann::json m = tab->metrics(now());
  EXPECT_EQ(m["storageOk"], false);
  EXPECT_EQ(m["session"]["pageViews"], 2);
  store.full = false;
  tab->onEvent(pageEvent("/c"), at(kMinute));
  EXPECT_EQ(tab->metrics(now())["storageOk"], true);
  EXPECT_TRUE(store.data.count("e.session"));
}

TEST_F(EngagementTest, ParseActivityNames) {
  EXPECT_EQ(parseActivity("visible"), Activity::Visible);
  EXPECT_EQ(parseActivity("pagehide"), Activity::PageHide);
  EXPECT_EQ(parseActivity("scroll"), Activity::Scroll);
  EXPECT_FALSE(parseActivity("Visible").has_value());
  EXPECT_FALSE(parseActivity("").has_value());
}

}  // namespace
}  // namespace engage::testing

namespace engage::testing {
namespace {

// Untrusted shapes must neither abort (the wasm build has no exceptions) nor corrupt the state.
TEST_F(EngagementTest, HostileEventsAreToleratedWithoutAborting) {
  auto tab = openTab();
  int64_t t = now();
  std::vector<nlohmann::json> hostile = {
      nullptr, 42, "text", nlohmann::json::array({1, 2}),
      {{"type", 7}, {"event", {1}}},
      {{"type", "page"}, {"context", "not an object"}},
      {{"type", "page"}, {"context", {{"page", 5}, {"campaign", "x"}}}},
      {{"type", "page"}, {"context", {{"page", {{"path", 1}, {"url", nullptr}, {"search", {1}}}}}}},
      {{"type", "track"}, {"event", "Product Added"}, {"properties", "nope"}},
      {{"type", "track"}, {"event", "Product Added"}, {"properties", {{"products", {1, "x", nullptr}}}}},
      {{"type", "track"}, {"event", "Product Added"}, {"properties", {{"product_id", {{"a", 1}}}, {"quantity", "2"}}}},
      {{"type", "track"}, {"event", "Order Completed"}, {"properties", {{"order_id", 1.5}, {"total", "9"}}}},
      {{"type", "track"}, {"event", "Page Left"}, {"properties", {{"engagedMs", "x"}}}},
  };
  for (const nlohmann::json& event : hostile) tab->onEvent(event, t += kSecond);
  tab->onActivity(Activity::Scroll, t, std::numeric_limits<double>::quiet_NaN());
  nlohmann::json m = tab->metrics(t);
  EXPECT_EQ(m["cart"]["itemCount"], 0);
  EXPECT_EQ(m["session"]["orders"], 1);  // an order without a usable value still counts, worth 0
  EXPECT_EQ(m["session"]["revenue"], 0.0);
  EXPECT_EQ(m["page"]["maxScrollPct"], 0.0);
  std::vector<Emitted> out = tab->endSession(t);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].event, "Session Ended");
}

}  // namespace
}  // namespace engage::testing
