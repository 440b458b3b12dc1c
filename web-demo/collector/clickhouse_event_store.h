// EventStore on ClickHouse, for sites that outgrow one machine. Spoken to over ClickHouse's HTTP
// interface (clickhouse_http.h); tested against Debian's clickhouse-server 18.16.
//
// Idempotency: ClickHouse has no unique keys, so it takes three parts.
//   1. The table is a ReplacingMergeTree ordered by message_id: background merges keep one row per
//      message_id (the one with the highest `seq`).
//   2. Merges happen "eventually", so every read deduplicates itself with FINAL.
//   3. insertBatch asks which of the batch's message_ids are already stored and inserts only the new
//      ones, under a mutex: `stored` and `duplicates` are exact, and the first copy wins, for one
//      collector process. Several collectors writing one table may race on the same new message_id;
//      both then count it as stored, both rows are written, and reads still show it once (the copy
//      with the higher seq).
// A batch is one INSERT of one block into an unpartitioned table, which ClickHouse applies
// all-or-nothing.
//
// Schema (the SQLite columns plus `seq`, arrival order; absent strings are NULL):
//   message_id String, type String, event Nullable(String), anonymous_id Nullable(String),
//   user_id Nullable(String), session_id Nullable(Int64), timestamp Int64 (event time, epoch ms),
//   received_at Int64 (collector clock, epoch ms), seq UInt64, json String
//   ENGINE = ReplacingMergeTree(seq) ORDER BY message_id
// seq is max(previous seq + 1, received_at * 1024): increasing within a process and close to arrival
// order across processes.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "clickhouse_http.h"
#include "collector_config.h"
#include "event_store.h"

namespace engage::collector {

class ClickHouseEventStore : public EventStore {
 public:
  // Connects, creates the database and table if missing and reads the last seq. Returns nullptr and
  // sets *error when the server cannot be reached or refuses.
  static std::unique_ptr<ClickHouseEventStore> open(const ClickHouseOptions& options, std::string* error);

  InsertResult insertBatch(const std::vector<StoredEvent>& events) override;
  std::optional<std::vector<StoredEvent>> latest(int limit, const std::string& type) override;
  std::optional<Counts> countsByType() override;
  std::optional<Counts> countsByEvent() override;
  bool forEachVisitor(const TimeRange& range, const VisitorCallback& callback) override;

 private:
  ClickHouseEventStore(ClickHouseHttp http, std::string table) : http_(std::move(http)), table_(std::move(table)) {}
  std::optional<std::vector<std::string>> storedIds(const std::vector<StoredEvent>& events);
  std::optional<Counts> countGroupedBy(const std::string& column, const std::string& where);

  ClickHouseHttp http_;
  std::string table_;  // `database`.`table`
  std::mutex insertMutex_;
  uint64_t lastSeq_ = 0;  // guarded by insertMutex_
};

}  // namespace engage::collector
