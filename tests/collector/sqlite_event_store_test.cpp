#include "sqlite_event_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_support.h"

namespace engage::collector {
namespace {

using testing::TempDir;

StoredEvent event(const std::string& id, const std::string& type = "track", const std::string& name = "Product Viewed",
                  const std::string& anonymousId = "anon-1", int64_t ts = 1000) {
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

// Runs one query on a separate connection, as another process reading the file would.
std::string queryText(const std::filesystem::path& db, const char* sql) {
  sqlite3* other = nullptr;
  sqlite3_open(db.c_str(), &other);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(other, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(stmt, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(other);
  return out;
}

class SqliteEventStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteEventStore> open(int busyTimeoutMs = 5000) {
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    options.busyTimeoutMs = busyTimeoutMs;
    std::string error;
    auto store = SqliteEventStore::open(options, &error);
    EXPECT_NE(store, nullptr) << error;
    return store;
  }
  int64_t total(EventStore& store) {
    int64_t n = 0;
    Counts byType = store.countsByType().value();  // kept alive: the loop must not range over a temporary
    for (const auto& [type, count] : byType) n += count;
    return n;
  }
  TempDir dir;
};

TEST_F(SqliteEventStoreTest, ResentBatchChangesNothing) {
  auto store = open();
  InsertResult first = store->insertBatch({event("m1"), event("m2")});
  ASSERT_TRUE(first.ok);
  EXPECT_EQ(first.stored, 2u);
  EXPECT_EQ(first.duplicates, 0u);
  InsertResult again = store->insertBatch({event("m1"), event("m2")});
  ASSERT_TRUE(again.ok);
  EXPECT_EQ(again.stored, 0u);
  EXPECT_EQ(again.duplicates, 2u);
  EXPECT_EQ(total(*store), 2);
}

TEST_F(SqliteEventStoreTest, DuplicateInsideOneBatchIsStoredOnce) {
  auto store = open();
  InsertResult result = store->insertBatch({event("m1"), event("m1"), event("m2")});
  EXPECT_EQ(result.stored, 2u);
  EXPECT_EQ(result.duplicates, 1u);
  EXPECT_EQ(total(*store), 2);
}

TEST_F(SqliteEventStoreTest, FirstCopyWins) {
  auto store = open();
  StoredEvent original = event("m1");
  StoredEvent resent = event("m1");
  resent.json = R"({"changed":true})";
  store->insertBatch({original});
  store->insertBatch({resent});
  EXPECT_EQ(store->latest(10, "")->at(0).json, original.json);
}

TEST_F(SqliteEventStoreTest, FailingEventMidBatchRollsBackTheWholeBatch) {
  auto store = open();
  StoredEvent broken = event("m3");
  broken.type = "";  // stored as NULL: violates NOT NULL on `type`
  InsertResult result = store->insertBatch({event("m1"), event("m2"), broken});
  EXPECT_FALSE(result.ok);
  EXPECT_FALSE(result.error.empty());
  EXPECT_EQ(result.stored, 0u);
  EXPECT_EQ(total(*store), 0);
  // The store is still usable afterwards.
  EXPECT_TRUE(store->insertBatch({event("m1")}).ok);
  EXPECT_EQ(total(*store), 1);
}

TEST_F(SqliteEventStoreTest, LockedDatabaseFailsTheBatchWithoutStoringAny) {
  auto store = open(/*busyTimeoutMs=*/50);
  sqlite3* other = nullptr;
  sqlite3_open((dir / "engage.db").c_str(), &other);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr), SQLITE_OK);
  InsertResult result = store->insertBatch({event("m1")});
  sqlite3_exec(other, "ROLLBACK;", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(total(*store), 0);
  EXPECT_TRUE(store->insertBatch({event("m1")}).ok);
}

TEST_F(SqliteEventStoreTest, UsesWalJournalMode) {
  auto store = open();
  store->insertBatch({event("m1")});
  EXPECT_EQ(queryText(dir / "engage.db", "PRAGMA journal_mode;"), "wal");
  EXPECT_TRUE(std::filesystem::exists(dir / "engage.db-wal"));
  // A reader on another connection sees the committed event while the store stays open.
  EXPECT_EQ(queryText(dir / "engage.db", "SELECT message_id FROM events;"), "m1");
}

TEST_F(SqliteEventStoreTest, RefusesADatabaseThatCannotUseWal) {
  SqliteOptions options;
  options.path = ":memory:";
  std::string error;
  EXPECT_EQ(SqliteEventStore::open(options, &error), nullptr);
  EXPECT_NE(error.find("WAL"), std::string::npos);
}

TEST_F(SqliteEventStoreTest, OpenFailsWithAReasonForAnUnwritablePath) {
  SqliteOptions options;
  options.path = (dir / "missing-dir" / "engage.db").string();
  std::string error;
  EXPECT_EQ(SqliteEventStore::open(options, &error), nullptr);
  EXPECT_FALSE(error.empty());
}

TEST_F(SqliteEventStoreTest, EventsSurviveReopenAndStayDeduplicated) {
  open()->insertBatch({event("m1")});
  auto reopened = open();
  EXPECT_EQ(reopened->insertBatch({event("m1"), event("m2")}).duplicates, 1u);
  EXPECT_EQ(total(*reopened), 2);
}

TEST_F(SqliteEventStoreTest, StoresEveryColumn) {
  auto store = open();
  StoredEvent e = event("m1");
  e.userId = "u-1";
  e.sessionId = 1767225600000;
  store->insertBatch({e});
  StoredEvent back = store->latest(1, "")->at(0);
  EXPECT_EQ(back.messageId, "m1");
  EXPECT_EQ(back.type, "track");
  EXPECT_EQ(back.event, "Product Viewed");
  EXPECT_EQ(back.anonymousId, "anon-1");
  EXPECT_EQ(back.userId, "u-1");
  EXPECT_EQ(back.sessionId, std::optional<int64_t>(1767225600000));
  EXPECT_EQ(back.timestampMs, 1000);
  EXPECT_EQ(back.receivedAtMs, 5000);
  EXPECT_EQ(back.json, e.json);
  // Absent fields are NULL in the table, not empty strings.
  store->insertBatch({event("p1", "page")});
  EXPECT_EQ(queryText(dir / "engage.db", "SELECT typeof(event) || typeof(user_id) FROM events WHERE type='page';"),
            "nullnull");
}

TEST_F(SqliteEventStoreTest, LatestIsNewestFirstWithLimitAndTypeFilter) {
  auto store = open();
  store->insertBatch({event("m1"), event("p1", "page"), event("m2")});
  store->insertBatch({event("m3"), event("p2", "page")});
  auto all = *store->latest(10, "");
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].messageId, "p2");
  EXPECT_EQ(all[4].messageId, "m1");
  auto two = *store->latest(2, "");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].messageId, "m3");
  auto pages = *store->latest(10, "page");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(pages[0].messageId, "p2");
  EXPECT_EQ(pages[1].messageId, "p1");
  EXPECT_TRUE(store->latest(10, "alias")->empty());
}

TEST_F(SqliteEventStoreTest, CountsByTypeAndByTrackEventName) {
  auto store = open();
  store->insertBatch({event("a", "track", "Product Viewed"), event("b", "track", "Product Viewed"),
                      event("c", "track", "Order Completed"), event("d", "page"), event("e", "identify")});
  Counts byType = *store->countsByType();
  EXPECT_EQ(byType, (Counts{{"identify", 1}, {"page", 1}, {"track", 3}}));
  Counts byEvent = *store->countsByEvent();
  EXPECT_EQ(byEvent, (Counts{{"Order Completed", 1}, {"Product Viewed", 2}}));
}

TEST_F(SqliteEventStoreTest, ForEachVisitorGroupsByVisitorInTimeOrderWithinRange) {
  auto store = open();
  StoredEvent userOnly = event("u1", "identify", "", "", 1500);
  userOnly.userId = "user-9";
  store->insertBatch({event("a3", "track", "X", "anon-a", 3000), event("b1", "track", "X", "anon-b", 1000),
                      event("a1", "track", "X", "anon-a", 1000), event("a2", "track", "X", "anon-a", 2000),
                      event("a0", "track", "X", "anon-a", 10), userOnly});
  std::vector<std::pair<std::string, std::vector<std::string>>> seen;
  TimeRange range{1000, 3000};  // from inclusive, until exclusive
  ASSERT_TRUE(store->forEachVisitor(range, [&](const std::string& visitor, const std::vector<StoredEvent>& events) {
    std::vector<std::string> ids;
    for (const auto& e : events) ids.push_back(e.messageId);
    seen.emplace_back(visitor, ids);
    return true;
  }));
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], (std::pair<std::string, std::vector<std::string>>{"anon-a", {"a1", "a2"}}));
  EXPECT_EQ(seen[1], (std::pair<std::string, std::vector<std::string>>{"anon-b", {"b1"}}));
  EXPECT_EQ(seen[2], (std::pair<std::string, std::vector<std::string>>{"user-9", {"u1"}}));

  int visits = 0;
  store->forEachVisitor({}, [&](const std::string&, const std::vector<StoredEvent>&) { return ++visits < 2; });
  EXPECT_EQ(visits, 2);
}

}  // namespace
}  // namespace engage::collector
