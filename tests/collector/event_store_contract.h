// The EventStore contract, as typed tests every engine passes. An engine's test file defines a
// backend type and instantiates the suite:
//   struct MyBackend { std::unique_ptr<EventStore> open(); };  // default-constructible; each
//                                                              // instance owns fresh, empty storage,
//                                                              // and open() twice reaches the same
//   INSTANTIATE_TYPED_TEST_SUITE_P(MyEngine, EventStoreContract, MyBackend);
// Include this header in one source file per test binary.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "event_store.h"

namespace engage::collector {
namespace testing {

inline StoredEvent storedEvent(const std::string& id, const std::string& type = "track",
                               const std::string& name = "Product Viewed", const std::string& anonymousId = "anon-1",
                               int64_t ts = 1000) {
  StoredEvent e;
  e.messageId = id;
  e.type = type;
  e.event = type == "track" ? name : "";
  e.anonymousId = anonymousId;
  e.timestampMs = ts;
  e.receivedAtMs = 5000;
  e.json = R"({"messageId":")" + id + R"("})";
  return e;
}

}  // namespace testing

// The suite lives in engage::collector so that INSTANTIATE_TYPED_TEST_SUITE_P finds it from the
// engine test files' (anonymous) namespaces inside engage::collector.
using testing::storedEvent;

template <class Backend>
class EventStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = backend.open();
    ASSERT_NE(store, nullptr);
  }
  int64_t total() {
    int64_t n = 0;
    Counts byType = store->countsByType().value();  // kept alive: never range over a temporary
    for (const auto& [type, count] : byType) n += count;
    return n;
  }
  std::vector<StoredEvent> latest(int limit, const std::string& type = "") {
    std::optional<std::vector<StoredEvent>> events = store->latest(limit, type);
    EXPECT_TRUE(events.has_value());
    return events.value_or(std::vector<StoredEvent>{});
  }
  using Visits = std::vector<std::pair<std::string, std::vector<std::string>>>;
  Visits visits(const TimeRange& range) {
    Visits seen;
    EXPECT_TRUE(store->forEachVisitor(range, [&](const std::string& visitor, const std::vector<StoredEvent>& events) {
      std::vector<std::string> ids;
      for (const auto& e : events) ids.push_back(e.messageId);
      seen.emplace_back(visitor, ids);
      return true;
    }));
    return seen;
  }

  Backend backend;
  std::unique_ptr<EventStore> store;
};

TYPED_TEST_SUITE_P(EventStoreContract);

TYPED_TEST_P(EventStoreContract, EmptyStoreAnswersEmpty) {
  EXPECT_TRUE(this->latest(10).empty());
  EXPECT_TRUE(this->store->countsByType().value().empty());
  EXPECT_TRUE(this->store->countsByEvent().value().empty());
  EXPECT_TRUE(this->visits({}).empty());
}

TYPED_TEST_P(EventStoreContract, ResentBatchChangesNothing) {
  InsertResult first = this->store->insertBatch({storedEvent("m1"), storedEvent("m2")});
  ASSERT_TRUE(first.ok) << first.error;
  EXPECT_EQ(first.stored, 2u);
  EXPECT_EQ(first.duplicates, 0u);
  InsertResult again = this->store->insertBatch({storedEvent("m1"), storedEvent("m2")});
  ASSERT_TRUE(again.ok) << again.error;
  EXPECT_EQ(again.stored, 0u);
  EXPECT_EQ(again.duplicates, 2u);
  EXPECT_EQ(this->total(), 2);
  EXPECT_EQ(this->latest(10).size(), 2u);
}

TYPED_TEST_P(EventStoreContract, DuplicateInsideOneBatchIsStoredOnce) {
  InsertResult result = this->store->insertBatch({storedEvent("m1"), storedEvent("m1"), storedEvent("m2")});
  EXPECT_EQ(result.stored, 2u);
  EXPECT_EQ(result.duplicates, 1u);
  EXPECT_EQ(this->total(), 2);
}

TYPED_TEST_P(EventStoreContract, FirstCopyWins) {
  StoredEvent original = storedEvent("m1");
  StoredEvent resent = storedEvent("m1");
  resent.json = R"({"changed":true})";
  resent.receivedAtMs = 9000;
  this->store->insertBatch({original});
  this->store->insertBatch({resent});
  std::vector<StoredEvent> events = this->latest(10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].json, original.json);
  EXPECT_EQ(events[0].receivedAtMs, original.receivedAtMs);
}

TYPED_TEST_P(EventStoreContract, BatchWithAnUnstorableEventStoresNothing) {
  StoredEvent broken = storedEvent("m3");
  broken.type = "";  // every stored event has a type
  InsertResult result = this->store->insertBatch({storedEvent("m1"), storedEvent("m2"), broken});
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.error.empty());
  EXPECT_EQ(result.stored, 0u);
  EXPECT_EQ(this->total(), 0);
  EXPECT_TRUE(this->store->insertBatch({storedEvent("m1")}).ok);  // still usable
  EXPECT_EQ(this->total(), 1);
}

TYPED_TEST_P(EventStoreContract, StoresEveryColumn) {
  StoredEvent e = storedEvent("m1");
  e.userId = "u-1";
  e.sessionId = 1767225600000;
  e.timestampMs = -5;  // before 1970 is still a time
  this->store->insertBatch({e, storedEvent("p1", "page")});
  std::vector<StoredEvent> events = this->latest(2);
  ASSERT_EQ(events.size(), 2u);
  const StoredEvent& back = events[1];
  EXPECT_EQ(back.messageId, "m1");
  EXPECT_EQ(back.type, "track");
  EXPECT_EQ(back.event, "Product Viewed");
  EXPECT_EQ(back.anonymousId, "anon-1");
  EXPECT_EQ(back.userId, "u-1");
  EXPECT_EQ(back.sessionId, std::optional<int64_t>(1767225600000));
  EXPECT_EQ(back.timestampMs, -5);
  EXPECT_EQ(back.receivedAtMs, 5000);
  EXPECT_EQ(back.json, e.json);
  EXPECT_EQ(events[0].event, "");  // absent stays absent
  EXPECT_EQ(events[0].userId, "");
  EXPECT_FALSE(events[0].sessionId.has_value());
}

TYPED_TEST_P(EventStoreContract, AwkwardTextRoundTripsExactly) {
  StoredEvent e = storedEvent("it's a \\ \"quoted\" id\twith ü and 🛒");
  e.event = "Prodükt 'Added'";
  e.anonymousId = "anon'\\";
  e.json = "{\"name\":\"line\\nbreak \\\"q\\\" ü 🛒 \\u0000\"}";
  ASSERT_TRUE(this->store->insertBatch({e}).ok);
  EXPECT_EQ(this->store->insertBatch({e}).duplicates, 1u);
  std::vector<StoredEvent> events = this->latest(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].messageId, e.messageId);
  EXPECT_EQ(events[0].event, e.event);
  EXPECT_EQ(events[0].anonymousId, e.anonymousId);
  EXPECT_EQ(events[0].json, e.json);
  EXPECT_EQ(this->store->countsByEvent().value(), (Counts{{e.event, 1}}));
  EXPECT_TRUE(this->latest(10, "track' OR '1'='1").empty());  // a filter value, never SQL
}

TYPED_TEST_P(EventStoreContract, LatestIsNewestFirstWithLimitAndTypeFilter) {
  this->store->insertBatch({storedEvent("m1"), storedEvent("p1", "page"), storedEvent("m2")});
  this->store->insertBatch({storedEvent("m3"), storedEvent("p2", "page")});
  std::vector<StoredEvent> all = this->latest(10);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].messageId, "p2");
  EXPECT_EQ(all[4].messageId, "m1");
  std::vector<StoredEvent> two = this->latest(2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].messageId, "m3");
  std::vector<StoredEvent> pages = this->latest(10, "page");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].messageId, "p2");
  EXPECT_EQ(pages[1].messageId, "p1");
  EXPECT_TRUE(this->latest(10, "alias").empty());
}

TYPED_TEST_P(EventStoreContract, CountsByTypeAndByTrackEventName) {
  this->store->insertBatch({storedEvent("a", "track", "Product Viewed"), storedEvent("b", "track", "Product Viewed"),
                            storedEvent("c", "track", "Order Completed"), storedEvent("d", "page"),
                            storedEvent("e", "identify")});
  EXPECT_EQ(this->store->countsByType().value(), (Counts{{"identify", 1}, {"page", 1}, {"track", 3}}));
  EXPECT_EQ(this->store->countsByEvent().value(), (Counts{{"Order Completed", 1}, {"Product Viewed", 2}}));
}

TYPED_TEST_P(EventStoreContract, ForEachVisitorGroupsByVisitorInTimeOrderWithinRange) {
  StoredEvent userOnly = storedEvent("u1", "identify", "", "", 1500);
  userOnly.userId = "user-9";
  this->store->insertBatch({storedEvent("a3", "track", "X", "anon-a", 3000), storedEvent("b1", "track", "X", "anon-b", 1000),
                            storedEvent("a1", "track", "X", "anon-a", 1000), storedEvent("a2", "track", "X", "anon-a", 2000),
                            storedEvent("a0", "track", "X", "anon-a", 10), userOnly});
  using Visits = typename TestFixture::Visits;
  EXPECT_EQ(this->visits(TimeRange{1000, 3000}),  // from inclusive, until exclusive
            (Visits{{"anon-a", {"a1", "a2"}}, {"anon-b", {"b1"}}, {"user-9", {"u1"}}}));
  EXPECT_EQ(this->visits(TimeRange{std::nullopt, 1000}), (Visits{{"anon-a", {"a0"}}}));
  int calls = 0;
  EXPECT_TRUE(this->store->forEachVisitor({}, [&](const std::string&, const std::vector<StoredEvent>&) {
    return ++calls < 2;
  }));
  EXPECT_EQ(calls, 2);  // stopped when asked
}

TYPED_TEST_P(EventStoreContract, ManyVisitorsStreamWhole) {
  constexpr int kVisitors = 400, kEach = 5;
  std::vector<StoredEvent> events;
  for (int v = 0; v < kVisitors; ++v) {
    for (int i = kEach - 1; i >= 0; --i) {  // inserted newest first: the store orders them
      char visitor[16];
      std::snprintf(visitor, sizeof visitor, "v%04d", v);
      events.push_back(storedEvent(std::string(visitor) + "-" + std::to_string(i), "track", "X", visitor, 1000 + i));
    }
  }
  ASSERT_TRUE(this->store->insertBatch(std::vector<StoredEvent>(events.begin(), events.begin() + 1000)).ok);
  ASSERT_TRUE(this->store->insertBatch(std::vector<StoredEvent>(events.begin() + 1000, events.end())).ok);
  auto seen = this->visits({});
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kVisitors));
  for (int v = 0; v < kVisitors; ++v) {
    ASSERT_EQ(seen[v].second.size(), static_cast<std::size_t>(kEach)) << seen[v].first;
    EXPECT_EQ(seen[v].second.front(), seen[v].first + "-0");
    EXPECT_EQ(seen[v].second.back(), seen[v].first + "-4");
  }
}

TYPED_TEST_P(EventStoreContract, EventsSurviveReopenAndStayDeduplicated) {
  this->store->insertBatch({storedEvent("m1")});
  this->store.reset();
  std::unique_ptr<EventStore> reopened = this->backend.open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->insertBatch({storedEvent("m1"), storedEvent("m2")}).duplicates, 1u);
  this->store = std::move(reopened);
  EXPECT_EQ(this->total(), 2);
  EXPECT_EQ(this->latest(1)[0].messageId, "m2");  // arrival order continues across the reopen
}

TYPED_TEST_P(EventStoreContract, ConcurrentWritersCountEveryEventOnce) {
  constexpr int kThreads = 4, kBatches = 8;
  std::vector<InsertResult> results(kThreads * kBatches);
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([this, t, &results] {
      for (int b = 0; b < kBatches; ++b) {
        // Each batch: its own event plus one that every thread sends.
        results[t * kBatches + b] = this->store->insertBatch(
            {storedEvent("t" + std::to_string(t) + "-" + std::to_string(b)), storedEvent("shared-" + std::to_string(b))});
      }
    });
  }
  for (auto& w : writers) w.join();
  std::size_t stored = 0, duplicates = 0;
  for (const InsertResult& r : results) {
    EXPECT_TRUE(r.ok) << r.error;
    stored += r.stored;
    duplicates += r.duplicates;
  }
  EXPECT_EQ(stored, static_cast<std::size_t>(kThreads * kBatches + kBatches));
  EXPECT_EQ(duplicates, static_cast<std::size_t>((kThreads - 1) * kBatches));
  EXPECT_EQ(this->total(), kThreads * kBatches + kBatches);
}

REGISTER_TYPED_TEST_SUITE_P(EventStoreContract, EmptyStoreAnswersEmpty, ResentBatchChangesNothing,
                            DuplicateInsideOneBatchIsStoredOnce, FirstCopyWins, BatchWithAnUnstorableEventStoresNothing,
                            StoresEveryColumn, AwkwardTextRoundTripsExactly, LatestIsNewestFirstWithLimitAndTypeFilter,
                            CountsByTypeAndByTrackEventName, ForEachVisitorGroupsByVisitorInTimeOrderWithinRange,
                            ManyVisitorsStreamWhole, EventsSurviveReopenAndStayDeduplicated,
                            ConcurrentWritersCountEveryEventOnce);

}  // namespace engage::collector
