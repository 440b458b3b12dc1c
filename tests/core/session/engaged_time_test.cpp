// Engaged time (visible AND focused AND recent input), scroll depth, Page Left and the GA4
// engaged-session rule.
#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

using Names = std::vector<std::string>;

// Opens a page in `tab` at t and makes it visible and focused.
void viewFocused(Engagement& tab, const std::string& path, int64_t t) {
  tab.onEvent(pageEvent(path), t);
  tab.onActivity(Activity::Visible, t);
  tab.onActivity(Activity::Focus, t);
}

int64_t sessionEngagedMs(Engagement& tab, int64_t t) { return tab.metrics(t)["session"]["engagedMs"].get<int64_t>(); }

TEST_F(EngagementTest, VisibleFocusedPageWithInputIsEngaged) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/", t0);
  tab->onActivity(Activity::Input, t0 + 10 * kSecond);
  tab->tick(t0 + 20 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 20 * kSecond), 20 * kSecond);
}

TEST_F(EngagementTest, HiddenTabAddsNoEngagedTime) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/", t0);
  tab->onActivity(Activity::Hidden, t0 + 15 * kSecond);
  tab->onActivity(Activity::Input, t0 + 20 * kSecond);
  tab->onActivity(Activity::Scroll, t0 + 25 * kSecond, 50);
  tab->tick(t0 + 60 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 60 * kSecond), 15 * kSecond);
}

TEST_F(EngagementTest, BlurredTabAddsNoEngagedTime) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/", t0);
  tab->onActivity(Activity::Blur, t0 + 5 * kSecond);
  tab->onActivity(Activity::Input, t0 + 6 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 20 * kSecond), 5 * kSecond);
}

TEST_F(EngagementTest, EngagedTimeStopsAfterTheIdleCutoffAndResumesOnInput) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/", t0);
  tab->tick(t0 + 60 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 60 * kSecond), 30 * kSecond);
  tab->onActivity(Activity::Input, t0 + 100 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 110 * kSecond), 40 * kSecond);  // metrics() sees unflushed time
  tab->tick(t0 + 200 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + 200 * kSecond), 60 * kSecond);
}

TEST_F(EngagementTest, IdleCutoffIsConfigurable) {
  config.idleCutoffMs = 5 * kSecond;
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/", t0);
  EXPECT_EQ(sessionEngagedMs(*tab, t0 + kMinute), 5 * kSecond);
}

TEST_F(EngagementTest, TwoTabsOnlyTheVisibleFocusedOneCounts) {
  auto a = openTab();
  auto b = openTab();
  int64_t t0 = now();
  viewFocused(*a, "/a", t0);
  b->onEvent(pageEvent("/b"), t0 + kSecond);  // opened in the background: never visible
  b->onActivity(Activity::Scroll, t0 + 2 * kSecond, 80);
  a->onActivity(Activity::Input, t0 + 10 * kSecond);
  a->tick(t0 + 20 * kSecond);
  b->tick(t0 + 20 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*b, t0 + 20 * kSecond), 20 * kSecond);
  // Switching: A hidden, B visible and focused; the session adds both tabs' time.
  a->onActivity(Activity::Hidden, t0 + 20 * kSecond);
  b->onActivity(Activity::Visible, t0 + 20 * kSecond);
  b->onActivity(Activity::Focus, t0 + 20 * kSecond);
  b->tick(t0 + 27 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*a, t0 + 27 * kSecond), 27 * kSecond);
}

TEST_F(EngagementTest, EngagedTimeAddsUpAcrossAReload) {
  int64_t t0 = now();
  {
    auto first = openTab();
    viewFocused(*first, "/a", t0);
    first->onActivity(Activity::PageHide, t0 + 5 * kSecond);
  }
  auto second = openTab();
  viewFocused(*second, "/b", t0 + 6 * kSecond);
  second->onActivity(Activity::PageHide, t0 + 13 * kSecond);
  EXPECT_EQ(sessionEngagedMs(*second, t0 + 14 * kSecond), 12 * kSecond);
}

TEST_F(EngagementTest, PageLeftCarriesEngagedTimeAndMaximumScroll) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/a", t0);
  tab->onActivity(Activity::Scroll, t0 + 2 * kSecond, 40);
  tab->onActivity(Activity::Scroll, t0 + 4 * kSecond, 75);
  tab->onActivity(Activity::Scroll, t0 + 6 * kSecond, 30);
  std::vector<Emitted> out = tab->onActivity(Activity::PageHide, t0 + 12 * kSecond);
  ASSERT_EQ(names(out), Names{"Page Left"});
  EXPECT_EQ(out[0].sessionId, t0);
  EXPECT_EQ(out[0].atMs, t0 + 12 * kSecond);
  EXPECT_EQ(out[0].properties["path"], "/a");
  EXPECT_EQ(out[0].properties["engagedMs"], 12 * kSecond);
  EXPECT_EQ(out[0].properties["maxScrollPct"], 75.0);
  EXPECT_EQ(out[0].properties["durationMs"], 12 * kSecond);
  EXPECT_TRUE(tab->onActivity(Activity::PageHide, t0 + 13 * kSecond).empty());  // left once
}

TEST_F(EngagementTest, ScrollDepthIsClampedToPercent) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/a", t0);
  tab->onActivity(Activity::Scroll, t0 + kSecond, 250);
  tab->onActivity(Activity::Scroll, t0 + kSecond, -5);
  EXPECT_EQ(tab->metrics(t0 + kSecond)["page"]["maxScrollPct"], 100.0);
}

TEST_F(EngagementTest, NextPageViewLeavesThePreviousPage) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/a", t0);
  tab->onActivity(Activity::Scroll, t0 + kSecond, 60);
  EngagementUpdate up = tab->onEvent(pageEvent("/b"), t0 + 8 * kSecond);
  ASSERT_EQ(names(up.emitted), Names{"Page Left"});
  EXPECT_EQ(up.emitted[0].properties["path"], "/a");
  EXPECT_EQ(up.emitted[0].properties["engagedMs"], 8 * kSecond);
  EXPECT_EQ(up.emitted[0].properties["maxScrollPct"], 60.0);
  nlohmann::json page = tab->metrics(t0 + 10 * kSecond)["page"];
  EXPECT_EQ(page["path"], "/b");
  EXPECT_EQ(page["engagedMs"], 2 * kSecond);
  EXPECT_EQ(page["maxScrollPct"], 0.0);
}

TEST_F(EngagementTest, PageRestoredFromBackForwardCacheIsLeftAgain) {
  auto tab = openTab();
  int64_t t0 = now();
  viewFocused(*tab, "/a", t0);
  tab->onActivity(Activity::PageHide, t0 + 3 * kSecond);
  tab->onActivity(Activity::Visible, t0 + 10 * kSecond);
  std::vector<Emitted> out = tab->onActivity(Activity::PageHide, t0 + 14 * kSecond);
  ASSERT_EQ(names(out), Names{"Page Left"});
  EXPECT_EQ(out[0].properties["engagedMs"], 4 * kSecond);
}

// One page view; engaged for exactly `engagedMs`, then the session is ended.
nlohmann::json endedAfterEngaged(Engagement& tab, int64_t t0, int64_t engagedMs) {
  viewFocused(tab, "/", t0);
  tab.onActivity(Activity::Input, t0 + engagedMs - kSecond);
  tab.onActivity(Activity::Blur, t0 + engagedMs);
  return tab.endSession(t0 + engagedMs)[0].properties;
}

TEST_F(EngagementTest, TenSecondsEngagedIsABounceJustOverIsEngaged) {
  auto tab = openTab();
  nlohmann::json exactly = endedAfterEngaged(*tab, now(), 10 * kSecond);
  EXPECT_EQ(exactly["engagedMs"], 10 * kSecond);
  EXPECT_EQ(exactly["bounce"], true);
  nlohmann::json over = endedAfterEngaged(*tab, now() + kHour, 10 * kSecond + 1);
  EXPECT_EQ(over["engaged"], true);
  EXPECT_EQ(over["bounce"], false);
}

TEST_F(EngagementTest, TwoPageViewsOrAConversionMakeASessionEngaged) {
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(pageEvent("/a"), t0);
  tab->onEvent(pageEvent("/b"), t0 + kSecond);
  EXPECT_EQ(tab->endSession(t0 + kSecond)[0].properties["engaged"], true);
  tab->onEvent(trackEvent("Order Completed", {{"total", 5}}), t0 + kHour);
  EXPECT_EQ(tab->endSession(t0 + kHour)[0].properties["engaged"], true);
  tab->onEvent(pageEvent("/a"), t0 + 2 * kHour);
  EXPECT_EQ(tab->endSession(t0 + 2 * kHour)[0].properties["bounce"], true);
  nlohmann::json lifetime = tab->metrics(t0 + 2 * kHour)["lifetime"];
  EXPECT_EQ(lifetime["sessions"], 3);
  EXPECT_DOUBLE_EQ(lifetime["bounceRate"].get<double>(), 1.0 / 3);
}

TEST_F(EngagementTest, CustomConversionEventCountsAsConversion) {
  config.conversionEvents = {"Order Completed", "Signed Up"};
  auto tab = openTab();
  int64_t t0 = now();
  tab->onEvent(trackEvent("Signed Up"), t0);
  nlohmann::json ended = tab->endSession(t0)[0].properties;
  EXPECT_EQ(ended["converted"], true);
  EXPECT_EQ(ended["orders"], 0);
}

}  // namespace
}  // namespace engage::testing
