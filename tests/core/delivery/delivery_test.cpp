#include "delivery/delivery.h"

#include <set>

#include <gtest/gtest.h>

#include "support/fakes.h"

namespace engage::detail {
namespace {

// Two tabs of one origin: two Delivery objects over one store (localStorage is shared by tabs).
struct Tab {
  Tab(testing::FakePlatform& shared, const std::string& id, DeliveryConfig config = {})
      : delivery(shared.platform()) {
    config.flushIntervalMs = 100;
    delivery.start(config, "engage.", id, &shared.store);
  }
  void track(int n, testing::FakePlatform& p) {
    delivery.enqueue("{\"n\":" + std::to_string(n) + "}", p.clock.wallMs());
    delivery.persist();
  }
  Delivery delivery;
};

std::vector<int> sentNumbers(const testing::RecordingTransport& t) {
  std::vector<int> out;
  for (const auto& b : t.sent) {
    Json body = *parseJson(b.body);
    for (const auto& e : body["batch"]) out.push_back(e["n"].get<int>());
  }
  return out;
}

TEST(Delivery, AReleasedTabsQueueIsAdoptedByTheNextLoadInOrder) {
  testing::FakePlatform p;
  {
    Tab first(p, "tabA");
    for (int i = 0; i < 3; ++i) first.track(i, p);
    first.delivery.pageHide();  // beacons them and releases the queue
  }
  const size_t beaconed = p.transport.sent.size();
  Tab next(p, "tabB");
  next.track(3, p);
  next.delivery.pump(true);
  ASSERT_GT(p.transport.sent.size(), beaconed);
  Json body = *parseJson(p.transport.sent.back().body);
  std::vector<int> resent;
  for (const auto& e : body["batch"]) resent.push_back(e["n"].get<int>());
  EXPECT_EQ(resent, (std::vector<int>{0, 1, 2, 3})) << "adopted events go first, in order";
  EXPECT_EQ(p.store.data.count("engage.q.0.tabA.meta"), 0u) << "the dead tab's keys are gone";
}

TEST(Delivery, ALiveTabIsNotAdoptedAndNoEventIsSentByTwoTabs) {
  testing::FakePlatform p;
  Tab a(p, "tabA"), b(p, "tabB");
  for (int i = 0; i < 10; ++i) {
    a.track(i, p);
    b.track(100 + i, p);
  }
  EXPECT_EQ(a.delivery.adoptDead(std::set<std::string>{"tabA", "tabB"}), 0);
  EXPECT_EQ(b.delivery.adoptDead(std::nullopt), 0) << "tabA's heartbeat is fresh";
  a.delivery.pump(true);
  b.delivery.pump(true);
  std::vector<int> numbers = sentNumbers(p.transport);
  std::multiset<int> seen(numbers.begin(), numbers.end());
  for (int n : seen) EXPECT_EQ(seen.count(n), 1u) << n;
  EXPECT_EQ(seen.size(), 20u);
}

TEST(Delivery, ATabThatDiedWithoutPagehideIsAdoptedWhenWebLocksSayItIsGone) {
  testing::FakePlatform p;
  auto crashed = std::make_unique<Tab>(p, "tabA");
  for (int i = 0; i < 4; ++i) crashed->track(i, p);
  crashed.reset();  // killed: no pagehide, no release
  Tab survivor(p, "tabB");
  EXPECT_EQ(survivor.delivery.adoptDead(std::set<std::string>{"tabB"}), 1);
  survivor.delivery.pump(true);
  EXPECT_EQ(sentNumbers(p.transport), (std::vector<int>{0, 1, 2, 3}));
}

TEST(Delivery, WithoutWebLocksASilentTabIsAdoptedAfterTheStaleTimeAndStepsBack) {
  testing::FakePlatform p;
  DeliveryConfig config;
  Tab a(p, "tabA", config);
  a.track(1, p);
  p.clock.advance(config.tabStaleMs + 1);  // tab A is frozen in the background
  Tab b(p, "tabB", config);                // adopts A's queue on start
  b.delivery.pump(true);
  EXPECT_EQ(sentNumbers(p.transport), (std::vector<int>{1}));
  // A wakes up: it sees it was adopted, reloads its (now empty) queue and sends nothing twice.
  a.delivery.tick();
  a.delivery.pump(true);
  EXPECT_EQ(sentNumbers(p.transport), (std::vector<int>{1}));
}

TEST(Delivery, MultipleDestinationsEachGetEveryEventInTheirFormat) {
  testing::FakePlatform p;
  DeliveryConfig config;
  Destination engage, posthog;
  engage.url = "http://127.0.0.1/v1/batch";
  posthog.url = "http://127.0.0.1/batch/";
  posthog.format = WireFormat::PostHog;
  posthog.writeKey = "phc_key";
  config.destinations = {engage, posthog};
  Tab tab(p, "t", config);
  tab.delivery.enqueue(R"({"type":"track","event":"A","anonymousId":"x","messageId":"m1","timestamp":"t"})",
                       p.clock.wallMs());
  tab.delivery.pump(true);
  ASSERT_EQ(p.transport.sent.size(), 2u);
  EXPECT_EQ(p.transport.sent[0].url, "http://127.0.0.1/v1/batch");
  Json ph = *parseJson(p.transport.sent[1].body);
  EXPECT_EQ(ph["api_key"], "phc_key");
  EXPECT_EQ(ph["batch"][0]["event"], "A");
  EXPECT_EQ(ph["batch"][0]["uuid"], "m1");
  Json stats = tab.delivery.statsJson();
  EXPECT_EQ(stats["destinations"].size(), 2u);
  EXPECT_EQ(stats["accepted"], 2);
}

}  // namespace
}  // namespace engage::detail
