// The ClickHouse engine against a real clickhouse-server (Debian's 18.16), started by this binary on
// 127.0.0.1 for the duration of the run: the same EventStore contract the SQLite engine passes, plus
// what is particular to ClickHouse (rows a racing writer duplicated, a server that goes away).
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "../event_store_contract.h"
#include "../test_support.h"
#include "analysis_api.h"
#include "iso_time.h"
#include "sqlite_event_store.h"
#include "base/json_access.h"
#include "clickhouse_event_store.h"
#include "clickhouse_server.h"
#include "collector_api.h"
#include "store_factory.h"

namespace engage::collector {
namespace {

using testing::storedEvent;

testing::ClickHouseServer* server = nullptr;

class ClickHouseEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    server = &server_;
    std::string error;
    auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(server_.start(ENGAGE_CLICKHOUSE_SERVER_BIN, &error)) << error;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::printf("clickhouse-server ready on %s after %lld ms\n", server_.url().c_str(), static_cast<long long>(ms.count()));
  }
  void TearDown() override { server_.stop(); }

 private:
  testing::ClickHouseServer server_;
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new ClickHouseEnvironment);

// A database of its own per test, dropped afterwards.
ClickHouseOptions freshOptions() {
  static std::atomic<int> counter{0};
  ClickHouseOptions options;
  options.url = server->url();
  options.database = "engage_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  return options;
}

struct ClickHouseBackend {
  ClickHouseOptions options = freshOptions();
  ~ClickHouseBackend() { ClickHouseHttp(options).query("DROP DATABASE IF EXISTS `" + options.database + "`"); }
  std::unique_ptr<EventStore> open() {
    std::string error;
    auto store = ClickHouseEventStore::open(options, &error);
    EXPECT_NE(store, nullptr) << error;
    return store;
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(ClickHouse, EventStoreContract, ClickHouseBackend);

class ClickHouseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = ClickHouseEventStore::open(backend.options, &error);
    ASSERT_NE(store, nullptr) << error;
  }
  std::string sql(const std::string& query) {
    ClickHouseReply reply = ClickHouseHttp(backend.options).query(query);
    EXPECT_TRUE(reply.ok) << reply.body;
    return reply.body;
  }
  std::string table() const { return "`" + backend.options.database + "`.events"; }

  ClickHouseBackend backend;
  std::string error;
  std::unique_ptr<ClickHouseEventStore> store;
};

TEST_F(ClickHouseStoreTest, CreatesAReplacingMergeTreeKeyedByMessageId) {
  std::string engine = sql("SELECT engine_full FROM system.tables WHERE database = '" + backend.options.database +
                           "' AND name = 'events' FORMAT TabSeparated");
  EXPECT_NE(engine.find("ReplacingMergeTree(seq)"), std::string::npos) << engine;
  EXPECT_NE(engine.find("ORDER BY message_id"), std::string::npos) << engine;
}

// What a second collector racing on the same new message_id leaves behind: two rows. Every read
// shows one; a merge keeps one.
TEST_F(ClickHouseStoreTest, ReadsShowARowARacingWriterDuplicatedOnce) {
  ASSERT_TRUE(store->insertBatch({storedEvent("m1", "track", "X", "anon-a"), storedEvent("m2", "page")}).ok);
  auto racing = ClickHouseEventStore::open(backend.options, &error);  // a second collector, own mutex
  ASSERT_NE(racing, nullptr) << error;
  ClickHouseHttp(backend.options)
      .insert("INSERT INTO " + table() + " (message_id, type, event, anonymous_id, timestamp, received_at, seq, json)"
                                         " FORMAT JSONEachRow",
              R"({"message_id":"m1","type":"track","event":"X","anonymous_id":"anon-a","timestamp":1000,)"
              R"("received_at":6000,"seq":99999999999,"json":"{}"})"
              "\n");
  EXPECT_EQ(sql("SELECT count() FROM " + table() + " FORMAT TabSeparated"), "3\n");  // unmerged: both rows there
  EXPECT_EQ(store->countsByType().value(), (Counts{{"page", 1}, {"track", 1}}));
  EXPECT_EQ(store->countsByEvent().value(), (Counts{{"X", 1}}));
  EXPECT_EQ(store->latest(10, "").value().size(), 2u);
  int visitors = 0, events = 0;
  ASSERT_TRUE(store->forEachVisitor({}, [&](const std::string&, const std::vector<StoredEvent>& e) {
    ++visitors;
    events += static_cast<int>(e.size());
    return true;
  }));
  EXPECT_EQ(events, 2);
  EXPECT_EQ(racing->insertBatch({storedEvent("m1")}).duplicates, 1u);  // still known as stored
  sql("OPTIMIZE TABLE " + table() + " FINAL");
  EXPECT_EQ(sql("SELECT count() FROM " + table() + " FORMAT TabSeparated"), "2\n");  // merged to one row each
}

TEST_F(ClickHouseStoreTest, AStoreWhoseTableVanishedFailsEveryCallWithoutThrowing) {
  ASSERT_TRUE(store->insertBatch({storedEvent("m1")}).ok);
  sql("DROP TABLE " + table());
  InsertResult result = store->insertBatch({storedEvent("m2")});
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.stored, 0u);
  EXPECT_NE(result.error.find("ClickHouse"), std::string::npos) << result.error;
  EXPECT_FALSE(store->latest(10, "").has_value());
  EXPECT_FALSE(store->countsByType().has_value());
  EXPECT_FALSE(store->countsByEvent().has_value());
  EXPECT_FALSE(store->forEachVisitor({}, [](const std::string&, const std::vector<StoredEvent>&) { return true; }));
}

TEST(ClickHouseStoreOpen, FailsWithAReason) {
  ClickHouseOptions closed;
  closed.url = "http://127.0.0.1:1";  // nothing listens on port 1
  closed.connectTimeoutMs = 500;
  std::string error;
  EXPECT_EQ(ClickHouseEventStore::open(closed, &error), nullptr);
  EXPECT_NE(error.find("did not answer"), std::string::npos) << error;

  ClickHouseOptions badName = freshOptions();
  badName.database = "engage; DROP DATABASE system";
  EXPECT_EQ(ClickHouseEventStore::open(badName, &error), nullptr);
  EXPECT_NE(error.find("letters, digits"), std::string::npos) << error;
}

TEST(ClickHouseStoreOpen, TheCollectorConfigSelectsIt) {
  CollectorConfig config;
  config.engine = StoreEngine::ClickHouse;
  config.clickhouse = freshOptions();
  std::string error;
  std::unique_ptr<EventStore> store = openStore(config, &error);
  ASSERT_NE(store, nullptr) << error;
  EXPECT_NE(dynamic_cast<ClickHouseEventStore*>(store.get()), nullptr);
  EXPECT_EQ(describeStore(config), "ClickHouse " + config.clickhouse.url + " " + config.clickhouse.database + ".events");
  ClickHouseHttp(config.clickhouse).query("DROP DATABASE `" + config.clickhouse.database + "`");
}

// The collector on ClickHouse takes the SDK's PostHog body once (tests/spec/wire_formats.json).
TEST_F(ClickHouseStoreTest, CollectorIsIdempotentOnClickHouse) {
  std::ifstream in(std::string(ENGAGE_REPO_ROOT) + "/tests/spec/wire_formats.json");
  std::stringstream text;
  text << in.rdbuf();
  std::optional<detail::Json> spec = detail::parseJson(text.str());
  ASSERT_TRUE(spec.has_value());
  std::string body = (*spec)["expected"]["posthog"].dump();
  struct Clock : engage::Clock {
    int64_t wallMs() override { return 1'767'225'600'000; }
    int64_t monotonicMs() override { return 0; }
  } clock;
  CollectorApi api(*store, clock);
  auto answer = [&](BatchFormat format, const std::string& b) {
    return detail::parseJson(api.postBatch(BatchRequest{format, "application/json", "", b}).body).value_or(detail::Json());
  };
  EXPECT_EQ(answer(BatchFormat::PostHog, body), detail::Json::parse(R"({"ok":true,"received":3,"stored":3,"duplicates":0})"));
  EXPECT_EQ(answer(BatchFormat::PostHog, body), detail::Json::parse(R"({"ok":true,"received":3,"stored":0,"duplicates":3})"));
  EXPECT_EQ(answer(BatchFormat::Engage, (*spec)["expected"]["engage"].dump())["duplicates"], 3);
  EXPECT_EQ(sql("SELECT count() FROM " + table() + " FORMAT TabSeparated"), "3\n");
}

// The analysis routes read through forEachVisitor only: the same events give the same answers on
// both engines.
TEST_F(ClickHouseStoreTest, AnalysisRoutesAnswerAsOnSqlite) {
  testing::TempDir dir;
  SqliteOptions sqliteOptions;
  sqliteOptions.path = (dir / "engage.db").string();
  auto sqlite = SqliteEventStore::open(sqliteOptions, &error);
  ASSERT_NE(sqlite, nullptr) << error;
  std::vector<StoredEvent> events;
  const int64_t start = 1767607200000;  // 2026-01-05T10:00:00Z
  for (int v = 0; v < 60; ++v) {
    std::string visitor = "v" + std::to_string(v), arm = std::to_string(v % 2);
    auto add = [&](int64_t at, const std::string& type, const std::string& name, detail::Json properties) {
      detail::Json e = {{"type", type}, {"messageId", visitor + "-" + std::to_string(events.size())},
                        {"anonymousId", visitor}, {"timestamp", formatIsoTimestamp(at)}, {"properties", properties}};
      if (type == "track") e["event"] = name;
      StoredEvent stored = storedEvent(e["messageId"], type, name, visitor, at);
      stored.json = e.dump();
      events.push_back(stored);
    };
    int64_t at = start + v * 3600000;
    add(at, "page", "", detail::Json::object());
    add(at + 1000, "track", "Experiment Viewed", {{"experimentId", "exp"}, {"variationId", arm}});
    add(at + 2000, "track", "Product Added", {{"product_id", "p"}, {"price", 10.0}});
    if (v % 3 == 0) add(at + 3000, "track", "Order Completed", {{"total", 10.0 + v}});
  }
  ASSERT_TRUE(store->insertBatch(events).ok);
  ASSERT_TRUE(sqlite->insertBatch(events).ok);
  testing::FixedClock clock;
  clock.wall = start + 10 * 86400000LL;
  AnalysisApi onClickHouse(*store, clock), onSqlite(*sqlite, clock);
  for (const QueryParams& q : std::vector<QueryParams>{{}, {{"interval", "hour"}, {"from", "2026-01-06"}}}) {
    ApiResponse a = onClickHouse.getMetrics(q), b = onSqlite.getMetrics(q);
    EXPECT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.body, b.body);
  }
  EXPECT_EQ(onClickHouse.getExperiments({}).body, onSqlite.getExperiments({}).body);
  ApiResponse revenue = onClickHouse.getExperiment("exp", {{"metric", "revenue"}});
  EXPECT_EQ(revenue.status, 200) << revenue.body;
  EXPECT_EQ(revenue.body, onSqlite.getExperiment("exp", {{"metric", "revenue"}}).body);
}

}  // namespace
}  // namespace engage::collector
