#include "sqlite_event_store.h"

#include <sqlite3.h>

#include <cstdint>

namespace engage::collector {
namespace {

// Schema version 1. `timestamp` and `received_at` are epoch milliseconds; `json` is the event as
// received. Rowid order is arrival order ("newest first" = highest rowid).
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events (
  message_id   TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  event        TEXT,
  anonymous_id TEXT,
  user_id      TEXT,
  session_id   INTEGER,
  timestamp    INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  json         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_visitor ON events (COALESCE(anonymous_id, user_id), timestamp);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type);
PRAGMA user_version = 1;
)sql";

constexpr const char* kColumns =
    "message_id, type, event, anonymous_id, user_id, session_id, timestamp, received_at, json";

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  sqlite3_stmt* get() const { return stmt_; }

  // Binds an empty string as NULL: absent fields are NULL in the table.
  void bindText(int index, const std::string& value) {
    if (value.empty()) {
      sqlite3_bind_null(stmt_, index);
    } else {
      sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
  }
  std::string text(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_, column);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

bool exec(sqlite3* db, const char* sql, std::string* error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  if (error) *error = message ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return false;
}

StoredEvent readRow(const Statement& s) {
  StoredEvent e;
  e.messageId = s.text(0);
  e.type = s.text(1);
  e.event = s.text(2);
  e.anonymousId = s.text(3);
  e.userId = s.text(4);
  if (sqlite3_column_type(s.get(), 5) != SQLITE_NULL) e.sessionId = sqlite3_column_int64(s.get(), 5);
  e.timestampMs = sqlite3_column_int64(s.get(), 6);
  e.receivedAtMs = sqlite3_column_int64(s.get(), 7);
  e.json = s.text(8);
  return e;
}

// Inserts every event, skipping a messageId already stored; the caller owns the transaction.
// ON CONFLICT(message_id) DO NOTHING rather than INSERT OR IGNORE: OR IGNORE would also silently
// skip a row breaking a NOT NULL constraint and count it as a duplicate.
bool insertAll(sqlite3* db, const std::vector<StoredEvent>& events, InsertResult& result) {
  Statement insert(db,
                   "INSERT INTO events (message_id, type, event, anonymous_id, user_id, session_id, "
                   "timestamp, received_at, json) VALUES (?,?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(message_id) DO NOTHING");
  if (!insert.ok()) return false;
  for (const StoredEvent& e : events) {
    sqlite3_reset(insert.get());
    insert.bindText(1, e.messageId);
    insert.bindText(2, e.type);
    insert.bindText(3, e.event);
    insert.bindText(4, e.anonymousId);
    insert.bindText(5, e.userId);
    if (e.sessionId) {
      sqlite3_bind_int64(insert.get(), 6, *e.sessionId);
    } else {
      sqlite3_bind_null(insert.get(), 6);
    }
    sqlite3_bind_int64(insert.get(), 7, e.timestampMs);
    sqlite3_bind_int64(insert.get(), 8, e.receivedAtMs);
    sqlite3_bind_text(insert.get(), 9, e.json.data(), static_cast<int>(e.json.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) return false;
    if (sqlite3_changes(db) == 1) {
      ++result.stored;
    } else {
      ++result.duplicates;
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<SqliteEventStore> SqliteEventStore::open(const SqliteOptions& options, std::string* error) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    if (error) *error = db ? sqlite3_errmsg(db) : "cannot open " + options.path;
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, options.busyTimeoutMs);
  std::unique_ptr<SqliteEventStore> store(new SqliteEventStore(db));
  const char* sync = options.fullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  if (!exec(db, "PRAGMA journal_mode=WAL;", error) || !exec(db, sync, error) || !exec(db, kSchema, error)) {
    return nullptr;
  }
  // journal_mode=WAL silently stays on the old mode where WAL is impossible (e.g. :memory:).
  Statement mode(db, "PRAGMA journal_mode;");
  if (!mode.ok() || sqlite3_step(mode.get()) != SQLITE_ROW || mode.text(0) != "wal") {
    if (error) *error = "WAL journal mode is not available for " + options.path;
    return nullptr;
  }
  return store;
}

SqliteEventStore::~SqliteEventStore() { sqlite3_close(db_); }

InsertResult SqliteEventStore::insertBatch(const std::vector<StoredEvent>& events) {
  std::lock_guard<std::mutex> lock(mutex_);
  InsertResult result;
  if (!exec(db_, "BEGIN IMMEDIATE;", &result.error)) return result;
  if (!insertAll(db_, events, result)) {
    result = InsertResult{};
    result.error = sqlite3_errmsg(db_);
    exec(db_, "ROLLBACK;", nullptr);
    return result;
  }
  if (!exec(db_, "COMMIT;", &result.error)) {
    exec(db_, "ROLLBACK;", nullptr);
    std::string why = result.error;
    result = InsertResult{};
    result.error = why;
    return result;
  }
  result.ok = true;
  return result;
}

std::optional<std::vector<StoredEvent>> SqliteEventStore::latest(int limit, const std::string& type) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string sql = std::string("SELECT ") + kColumns + " FROM events" +
                    (type.empty() ? "" : " WHERE type = ?2") + " ORDER BY rowid DESC LIMIT ?1";
  Statement query(db_, sql.c_str());
  if (!query.ok()) return std::nullopt;
  sqlite3_bind_int(query.get(), 1, limit);
  if (!type.empty()) query.bindText(2, type);
  std::vector<StoredEvent> events;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) events.push_back(readRow(query));
  if (rc != SQLITE_DONE) return std::nullopt;
  return events;
}

std::optional<Counts> SqliteEventStore::countGroupedBy(const char* sql) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement query(db_, sql);
  if (!query.ok()) return std::nullopt;
  Counts counts;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    counts[query.text(0)] = sqlite3_column_int64(query.get(), 1);
  }
  if (rc != SQLITE_DONE) return std::nullopt;
  return counts;
}

std::optional<Counts> SqliteEventStore::countsByType() {
  return countGroupedBy("SELECT type, COUNT(*) FROM events GROUP BY type");
}

std::optional<Counts> SqliteEventStore::countsByEvent() {
  return countGroupedBy("SELECT event, COUNT(*) FROM events WHERE event IS NOT NULL GROUP BY event");
}

bool SqliteEventStore::forEachVisitor(const TimeRange& range, const VisitorCallback& callback) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM events WHERE COALESCE(anonymous_id, user_id) IS NOT NULL"
                    " AND timestamp >= ?1 AND timestamp < ?2"
                    " ORDER BY COALESCE(anonymous_id, user_id), timestamp, rowid";
  Statement query(db_, sql.c_str());
  if (!query.ok()) return false;
  sqlite3_bind_int64(query.get(), 1, range.fromMs.value_or(INT64_MIN));
  sqlite3_bind_int64(query.get(), 2, range.untilMs.value_or(INT64_MAX));
  std::vector<StoredEvent> visitor;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    StoredEvent e = readRow(query);
    if (!visitor.empty() && visitor.front().visitorId() != e.visitorId()) {
      if (!callback(visitor.front().visitorId(), visitor)) return true;
      visitor.clear();
    }
    visitor.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return false;
  if (!visitor.empty()) callback(visitor.front().visitorId(), visitor);
  return true;
}

}  // namespace engage::collector
