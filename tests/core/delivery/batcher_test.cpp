#include "delivery/batcher.h"

#include <gtest/gtest.h>

#include "base/json_access.h"
#include "delivery/persistent_queue.h"
#include "support/fakes.h"

namespace engage::detail {
namespace {

class BatcherTest : public ::testing::Test {
 protected:
  BatcherTest() : batcher(config(), destination(), fake.platform(), "engage.q.0.t1.", "d0-") {}
  static DeliveryConfig config() {
    DeliveryConfig c;
    c.maxBatchEvents = 3;
    c.maxBatchBytes = 1000;
    c.flushIntervalMs = 500;
    return c;
  }
  static Destination destination() {
    Destination d;
    d.writeKey = "wk";
    return d;
  }
  void add(int n) {
    for (int i = 0; i < n; ++i)
      batcher.enqueue("{\"n\":" + std::to_string(next++) + "}", fake.clock.wallMs(), now());
  }
  int64_t now() { return fake.clock.monotonicMs(); }
  std::vector<int> numbers(const OutgoingBatch& b) {
    std::vector<int> out;
    Json body = *parseJson(b.body);
    for (const auto& e : body["batch"]) out.push_back(e["n"].get<int>());
    return out;
  }

  testing::FakePlatform fake;
  Batcher batcher;
  int next = 0;
};

TEST_F(BatcherTest, SendsWhenCountReached) {
  add(2);
  EXPECT_EQ(batcher.pump(now(), false), 0);
  add(1);
  EXPECT_EQ(batcher.pump(now(), false), 1);
  ASSERT_EQ(fake.transport.sent.size(), 1u);
  EXPECT_EQ(numbers(fake.transport.sent[0]), (std::vector<int>{0, 1, 2}));
  Json body = *parseJson(fake.transport.sent[0].body);
  EXPECT_EQ(body["writeKey"], "wk");
  EXPECT_EQ(body["sentAt"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(fake.transport.sent[0].url, "/v1/batch");
}

TEST_F(BatcherTest, SendsWhenIntervalElapsesAndReportsWakeup) {
  add(1);
  EXPECT_EQ(batcher.nextWakeupMs(now()), 500);
  fake.clock.advance(499);
  EXPECT_EQ(batcher.pump(now(), false), 0);
  fake.clock.advance(1);
  EXPECT_EQ(batcher.pump(now(), false), 1);
  EXPECT_EQ(batcher.nextWakeupMs(now()), -1);
}

TEST_F(BatcherTest, SendsWhenBytesReached) {
  batcher.enqueue("\"" + std::string(600, 'a') + "\"", fake.clock.wallMs(), now());
  batcher.enqueue("\"" + std::string(500, 'b') + "\"", fake.clock.wallMs(), now());
  EXPECT_EQ(batcher.pump(now(), false), 1);
  EXPECT_EQ(fake.transport.sent[0].eventCount, 1) << "the second event would overflow the bytes";
  EXPECT_EQ(batcher.queued(), 1u);
}

TEST_F(BatcherTest, OneBatchInFlightKeepsOrder) {
  add(6);
  batcher.pump(now(), false);
  EXPECT_EQ(batcher.pump(now(), true), 0) << "second batch waits for the first";
  batcher.onResult(fake.transport.sent[0].id, 200, -1, now());
  ASSERT_EQ(fake.transport.sent.size(), 2u);
  EXPECT_EQ(numbers(fake.transport.sent[1]), (std::vector<int>{3, 4, 5}));
  batcher.onResult(fake.transport.sent[1].id, 204, -1, now());
  EXPECT_EQ(batcher.stats().sent, 6u);
}

TEST_F(BatcherTest, RetriesServerErrorsWithBackoffInOrder) {
  add(3);
  batcher.pump(now(), false);
  batcher.onResult(fake.transport.sent[0].id, 503, -1, now());
  EXPECT_EQ(batcher.queued(), 3u);
  int64_t wait = batcher.nextWakeupMs(now());
  EXPECT_GE(wait, 500);
  EXPECT_LE(wait, 1000);
  fake.clock.advance(wait);
  EXPECT_EQ(batcher.pump(now(), false), 1);
  EXPECT_EQ(numbers(fake.transport.sent[1]), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(batcher.stats().retried, 1u);
}

TEST_F(BatcherTest, RetryAfterWinsWhenLonger) {
  add(3);
  batcher.pump(now(), false);
  batcher.onResult(fake.transport.sent[0].id, 429, 30000, now());
  EXPECT_EQ(batcher.nextWakeupMs(now()), 30000);
}

TEST_F(BatcherTest, Status413SplitsTheBatch) {
  add(3);
  batcher.pump(now(), false);
  batcher.onResult(fake.transport.sent[0].id, 413, -1, now());
  ASSERT_EQ(fake.transport.sent.size(), 2u);
  EXPECT_EQ(numbers(fake.transport.sent[1]), (std::vector<int>{0}));
  batcher.onResult(fake.transport.sent[1].id, 200, -1, now());
  batcher.pump(now(), true);
  EXPECT_EQ(numbers(fake.transport.sent[2]), (std::vector<int>{1, 2})) << "split ends after a success";
}

TEST_F(BatcherTest, OtherClientErrorsDropAndCount) {
  add(3);
  batcher.pump(now(), false);
  batcher.onResult(fake.transport.sent[0].id, 400, -1, now());
  EXPECT_EQ(batcher.queued(), 0u);
  EXPECT_EQ(batcher.stats().dropped.at("rejected_400"), 3u);
}

TEST_F(BatcherTest, StaleResultIsIgnored) {
  add(3);
  batcher.pump(now(), false);
  EXPECT_FALSE(batcher.onResult("d0-999", 200, -1, now()));
  EXPECT_TRUE(batcher.inFlight());
}

TEST_F(BatcherTest, QueueBoundDropsOldestCounted) {
  DeliveryConfig c = config();
  c.maxQueueEvents = 2;
  batcher.configure(c);
  add(3);
  EXPECT_EQ(batcher.queued(), 2u);
  EXPECT_EQ(batcher.stats().dropped.at("queue_full"), 1u);
}

}  // namespace
}  // namespace engage::detail

namespace engage::detail {
namespace {

TEST_F(BatcherTest, WritesThroughAndANewBatcherResumesWhatWasNotAcknowledged) {
  add(3);
  batcher.pump(now(), false);
  batcher.persist();
  ASSERT_EQ(fake.store.data.count("engage.q.0.t1.s1"), 1u) << "three events, one storage write";
  EXPECT_EQ(fake.store.data["engage.q.0.t1.meta"], "{\"next\":2,\"segs\":[[1,3,[]]]}");
  // The page reloads while the batch is in flight: the new page sends the same events again.
  Batcher reloaded(config(), destination(), fake.platform(), "engage.q.0.t1.", "d0-");
  reloaded.load(now());
  reloaded.pump(now(), true);
  EXPECT_EQ(numbers(fake.transport.sent[1]), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(fake.transport.sent[0].body.substr(0, 40), fake.transport.sent[1].body.substr(0, 40));
  reloaded.onResult(fake.transport.sent[1].id, 200, -1, now());
  reloaded.persist();
  EXPECT_EQ(fake.store.data.size(), 0u) << "acknowledged events leave storage";
}

TEST_F(BatcherTest, OfflineHoldsAndOnlineResumesInOneOrderedDelivery) {
  batcher.setOnline(false);
  add(5);
  fake.clock.advance(10000);
  EXPECT_EQ(batcher.pump(now(), false), 0);
  EXPECT_EQ(batcher.nextWakeupMs(now()), -1);
  batcher.setOnline(true);
  EXPECT_EQ(batcher.pump(now(), false), 1);
  batcher.onResult(fake.transport.sent[0].id, 200, -1, now());
  ASSERT_EQ(fake.transport.sent.size(), 2u);
  EXPECT_EQ(numbers(fake.transport.sent[1]), (std::vector<int>{3, 4}));
}

TEST_F(BatcherTest, UnloadBeaconsWithinTheBudgetAndKeepsTheRestStored) {
  add(5);
  size_t budget = 100;  // room for one batch of three small events, not the second
  batcher.unload(budget);
  ASSERT_GE(fake.transport.sent.size(), 1u);
  EXPECT_TRUE(fake.transport.sent[0].beacon);
  EXPECT_LE(100 - budget, 100u);
  batcher.persist();
  Batcher nextLoad(config(), destination(), fake.platform(), "engage.q.0.t1.", "d0-");
  nextLoad.load(now());
  EXPECT_EQ(nextLoad.queued(), 5u) << "beaconed events stay until a backend acknowledges them";
}

TEST_F(BatcherTest, ExpiredEventsAreDroppedAndCounted) {
  add(1);
  fake.clock.advance(config().maxEventAgeMs + 1);
  add(1);
  batcher.pump(now(), true);
  EXPECT_EQ(batcher.stats().dropped.at("expired"), 1u);
  EXPECT_EQ(numbers(fake.transport.sent[0]), (std::vector<int>{1}));
}

TEST_F(BatcherTest, FullStorageKeepsEventsInMemoryAndCountsTheFailure) {
  fake.store.full = true;
  add(3);
  batcher.persist();
  EXPECT_EQ(batcher.storageFailures(), 3u) << "each refused event is counted";
  EXPECT_EQ(batcher.pump(now(), false), 1);
  EXPECT_EQ(numbers(fake.transport.sent[0]), (std::vector<int>{0, 1, 2}));
}

}  // namespace
}  // namespace engage::detail

namespace engage::detail {
namespace {

TEST_F(BatcherTest, PartlyAcknowledgedSegmentsReloadOnlyWhatIsLeft) {
  DeliveryConfig c = config();
  c.maxBatchEvents = 2;
  batcher.configure(c);
  add(5);  // one segment of five
  batcher.persist();
  batcher.pump(now(), true);
  batcher.onResult(fake.transport.sent[0].id, 200, -1, now());  // 0,1 acknowledged; 2,3 in flight
  batcher.persist();
  add(1);  // a second segment
  batcher.persist();
  Batcher reloaded(c, destination(), fake.platform(), "engage.q.0.t1.", "d0-");
  reloaded.load(now());
  EXPECT_EQ(reloaded.queued(), 4u);
  reloaded.pump(now(), true);
  EXPECT_EQ(numbers(fake.transport.sent.back()), (std::vector<int>{2, 3}));
  reloaded.onResult(fake.transport.sent.back().id, 200, -1, now());
  reloaded.onResult(fake.transport.sent.back().id, 200, -1, now());
  reloaded.pump(now(), true);
  reloaded.onResult(fake.transport.sent.back().id, 200, -1, now());
  reloaded.persist();
  EXPECT_EQ(fake.store.data.size(), 0u) << "every segment and the meta record are gone";
}

TEST(PersistentQueue, IgnoresGarbageInStorage) {
  testing::MemoryStore store;
  store.data["n.meta"] = R"({"next":"x","segs":[5,[1],["a",2,[]],[7,2,[0]]]})";
  store.data["n.s7"] = "123|{\"a\":1}\nnot-a-record";
  PersistentQueue q(&store, "n.");
  q.load(0);
  EXPECT_EQ(q.items().size(), 0u) << "index 0 removed, index 1 malformed";
  store.data["n.meta"] = "{{{";
  q.load(0);
  EXPECT_EQ(q.items().size(), 0u);
}

}  // namespace
}  // namespace engage::detail
