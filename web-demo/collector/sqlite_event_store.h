// The embedded default EventStore: one SQLite file in WAL mode, so readers (the dashboard, a test
// opening the file) never block the writer. One connection, serialised by a mutex: the collector's
// request threads share it.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "collector_config.h"
#include "event_store.h"

struct sqlite3;

namespace engage::collector {

class SqliteEventStore : public EventStore {
 public:
  // Opens (creating if needed) the database at options.path, switches it to WAL and creates the
  // schema. Returns nullptr and sets *error when that fails.
  static std::unique_ptr<SqliteEventStore> open(const SqliteOptions& options, std::string* error);
  ~SqliteEventStore() override;
  SqliteEventStore(const SqliteEventStore&) = delete;
  SqliteEventStore& operator=(const SqliteEventStore&) = delete;

  InsertResult insertBatch(const std::vector<StoredEvent>& events) override;
  std::optional<std::vector<StoredEvent>> latest(int limit, const std::string& type) override;
  std::optional<Counts> countsByType() override;
  std::optional<Counts> countsByEvent() override;
  bool forEachVisitor(const TimeRange& range, const VisitorCallback& callback) override;

 private:
  explicit SqliteEventStore(sqlite3* db) : db_(db) {}
  std::optional<Counts> countGroupedBy(const char* sql);

  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace engage::collector
