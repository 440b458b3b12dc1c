// The cross-visitor path: replaying logged events and aggregating devices, and reading event times.
#include "session/engagement_fixture.h"

namespace engage::testing {
namespace {

TimedEvent timed(nlohmann::json event, int64_t ms) { return TimedEvent{std::move(event), ms}; }

TEST(EventTime, ReadsIsoTimestampsAndNumericTs) {
  EXPECT_EQ(eventWallMs({{"timestamp", "2026-01-01T00:00:00.000Z"}}), 1'767'225'600'000);
  EXPECT_EQ(eventWallMs({{"timestamp", "2026-01-01T00:00:01Z"}}), 1'767'225'601'000);
  EXPECT_EQ(eventWallMs({{"timestamp", "2026-01-01T01:00:00.5+01:00"}}), 1'767'225'600'500);
  EXPECT_EQ(eventWallMs({{"timestamp", "2025-12-31T23:00:00.123456-0100"}}), 1'767'225'600'123);
  EXPECT_EQ(eventWallMs({{"timestamp", "1970-01-01T00:00:00Z"}}), 0);
  EXPECT_EQ(eventWallMs({{"timestamp", "2024-02-29T12:00:00Z"}}), 1'709'208'000'000);
  EXPECT_EQ(eventWallMs({{"ts", 1659304800025}}), 1'659'304'800'025);
  EXPECT_FALSE(eventWallMs({{"timestamp", "2026-13-01T00:00:00Z"}}).has_value());
  EXPECT_FALSE(eventWallMs({{"timestamp", "yesterday"}}).has_value());
  EXPECT_FALSE(eventWallMs({{"timestamp", "2026-01-01T00:00:00Zjunk"}}).has_value());
  EXPECT_FALSE(eventWallMs(nlohmann::json::array()).has_value());
}

TEST(Replay, SortsAVisitorsEventsAndEndsTheLastSession) {
  const int64_t t0 = 1'767'225'600'000;
  std::vector<TimedEvent> log = {
      timed(trackEvent("Product Added", {{"product_id", "a"}, {"price", 4}}), t0 + kMinute),
      timed(pageEvent("/"), t0),
      timed(pageEvent("/later"), t0 + 2 * kHour),
  };
  VisitorReplay r = replayVisitor(log, EngagementConfig{});
  EXPECT_EQ(r.totals.visitors, 1);
  EXPECT_EQ(r.totals.sessions, 2);
  EXPECT_EQ(r.totals.endedSessions, 2);
  EXPECT_EQ(r.totals.durationMs, kMinute);
  EXPECT_EQ(r.totals.cartsAbandoned, 1);
  EXPECT_EQ(r.metrics["lifetime"]["sessions"], 2);
}

TEST(Replay, AsOfKeepsAnOpenSessionOpen) {
  const int64_t t0 = 1'767'225'600'000;
  std::vector<TimedEvent> log = {timed(trackEvent("Product Added", {{"product_id", "a"}}), t0)};
  VisitorReplay open = replayVisitor(log, EngagementConfig{}, t0 + 10 * kMinute);
  EXPECT_EQ(open.totals.endedSessions, 0);
  EXPECT_EQ(open.totals.cartsAbandoned, 0);
  EXPECT_FALSE(open.metrics["session"].is_null());
  VisitorReplay later = replayVisitor(log, EngagementConfig{}, t0 + 30 * kMinute);
  EXPECT_EQ(later.totals.cartsAbandoned, 1);
}

TEST(Replay, EngagedTimeComesFromRecordedPageLeftAndOwnEventsAreNotReplayed) {
  const int64_t t0 = 1'767'225'600'000;
  nlohmann::json left = trackEvent("Page Left", {{"engagedMs", 12000}, {"maxScrollPct", 50}});
  std::vector<TimedEvent> log = {
      timed(trackEvent("Session Started"), t0 - kHour),  // recorded by the device: ignored
      timed(pageEvent("/"), t0),
      timed(left, t0 + 20 * kSecond),
      timed(trackEvent("Cart Abandoned"), t0 + 40 * kMinute),
  };
  VisitorReplay r = replayVisitor(log, EngagementConfig{});
  EXPECT_EQ(r.totals.sessions, 1);
  EXPECT_EQ(r.totals.engagedMs, 12000);
  EXPECT_EQ(r.totals.engagedSessions, 1);  // > 10 s engaged
  EXPECT_EQ(r.totals.durationMs, 0);       // Page Left is not activity
}

TEST(Replay, AggregatesVisitorsWithTheSameFigures) {
  const int64_t t0 = 1'767'225'600'000;
  EngagementConfig config;
  std::vector<EngagementTotals> devices;
  // Buyer: one session, view, add, checkout, order of 30.
  devices.push_back(replayVisitor({timed(pageEvent("/p"), t0),
                                   timed(trackEvent("Product Viewed", {{"product_id", "a"}}), t0),
                                   timed(trackEvent("Product Added", {{"product_id", "a"}, {"price", 30}}), t0 + 1),
                                   timed(trackEvent("Checkout Started"), t0 + 2),
                                   timed(trackEvent("Order Completed"), t0 + 3)},
                                  config).totals);
  // Abandoner: view, add, leave.
  devices.push_back(replayVisitor({timed(pageEvent("/p"), t0),
                                   timed(trackEvent("Product Viewed", {{"product_id", "b"}}), t0),
                                   timed(trackEvent("Product Added", {{"product_id", "b"}, {"price", 8}}), t0 + 1)},
                                  config).totals);
  // Bouncer: one page.
  devices.push_back(replayVisitor({timed(pageEvent("/"), t0)}, config).totals);
  nlohmann::json all = aggregateVisitors(devices);
  EXPECT_EQ(all["visitors"], 3);
  EXPECT_EQ(all["sessions"], 3);
  EXPECT_EQ(all["orders"], 1);
  EXPECT_EQ(all["purchasers"], 1);
  EXPECT_DOUBLE_EQ(all["conversionRate"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(all["cartAbandonmentRate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(all["bounceRate"].get<double>(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(all["averageOrderValue"].get<double>(), 30.0);
  std::vector<int64_t> funnel;
  for (const auto& step : all["funnel"]) funnel.push_back(step["sessions"].get<int64_t>());
  EXPECT_EQ(funnel, (std::vector<int64_t>{2, 2, 1, 1}));
  EXPECT_DOUBLE_EQ(all["funnel"][2]["dropOff"].get<double>(), 0.5);
  EXPECT_EQ(all["totals"]["visitors"], 3);
}

}  // namespace
}  // namespace engage::testing
