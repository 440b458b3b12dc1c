#include "sqlite_event_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "event_store_contract.h"
#include "test_support.h"

namespace engage::collector {
namespace {

using testing::storedEvent;
using testing::TempDir;

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

TEST_F(SqliteEventStoreTest, LockedDatabaseFailsTheBatchWithoutStoringAny) {
  auto store = open(/*busyTimeoutMs=*/50);
  sqlite3* other = nullptr;
  sqlite3_open((dir / "engage.db").c_str(), &other);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr), SQLITE_OK);
  InsertResult result = store->insertBatch({storedEvent("m1")});
  sqlite3_exec(other, "ROLLBACK;", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(total(*store), 0);
  EXPECT_TRUE(store->insertBatch({storedEvent("m1")}).ok);
}

TEST_F(SqliteEventStoreTest, UsesWalJournalMode) {
  auto store = open();
  store->insertBatch({storedEvent("m1")});
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

TEST_F(SqliteEventStoreTest, AbsentFieldsAreNullInTheTable) {
  auto store = open();
  store->insertBatch({storedEvent("p1", "page")});
  EXPECT_EQ(queryText(dir / "engage.db", "SELECT typeof(event) || typeof(user_id) || typeof(session_id) FROM events;"),
            "nullnullnull");
}

// The engine-independent contract (event_store_contract.h), on a fresh database file per test.
struct SqliteBackend {
  TempDir dir;
  std::unique_ptr<EventStore> open() {
    SqliteOptions options;
    options.path = (dir / "engage.db").string();
    std::string error;
    auto store = SqliteEventStore::open(options, &error);
    EXPECT_NE(store, nullptr) << error;
    return store;
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, EventStoreContract, SqliteBackend);

}  // namespace
}  // namespace engage::collector
