#include "clickhouse_event_store.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <set>

#include "base/json_access.h"

namespace engage::collector {
namespace {

using detail::Json;

constexpr const char* kColumns =
    "message_id, type, event, anonymous_id, user_id, session_id, timestamp, received_at, seq, json";

bool isIdentifier(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string schema(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (message_id String, type String, event Nullable(String), anonymous_id Nullable(String),"
         " user_id Nullable(String), session_id Nullable(Int64), timestamp Int64, received_at Int64,"
         " seq UInt64, json String) ENGINE = ReplacingMergeTree(seq) ORDER BY message_id";
}

Json nullable(const std::string& value) { return value.empty() ? Json() : Json(value); }

std::string text(const Json& row, const char* key) { return detail::stringOr(row, key, ""); }

// One JSONEachRow line of a SELECT of kColumns; nullopt when it is not such a row.
std::optional<StoredEvent> readRow(std::string_view line) {
  std::optional<Json> row = detail::parseJson(line);
  if (!row || !row->is_object() || !detail::member(*row, "message_id")) return std::nullopt;
  StoredEvent e;
  e.messageId = text(*row, "message_id");
  e.type = text(*row, "type");
  e.event = text(*row, "event");
  e.anonymousId = text(*row, "anonymous_id");
  e.userId = text(*row, "user_id");
  if (const Json* session = detail::member(*row, "session_id"); session && session->is_number()) {
    e.sessionId = detail::integerOr(*row, "session_id", 0);
  }
  e.timestampMs = detail::integerOr(*row, "timestamp", 0);
  e.receivedAtMs = detail::integerOr(*row, "received_at", 0);
  e.json = text(*row, "json");
  return e;
}

std::string rowFor(const StoredEvent& e, uint64_t seq) {
  Json row = {{"message_id", e.messageId},     {"type", e.type},
              {"event", nullable(e.event)},     {"anonymous_id", nullable(e.anonymousId)},
              {"user_id", nullable(e.userId)},  {"session_id", e.sessionId ? Json(*e.sessionId) : Json()},
              {"timestamp", e.timestampMs},     {"received_at", e.receivedAtMs},
              {"seq", seq},                     {"json", e.json}};
  return detail::dumpJson(row);
}

// The SQLite store refuses these through NOT NULL constraints; here they are checked up front so a
// batch holding one is refused whole, as the EventStore contract says.
std::string unstorable(const std::vector<StoredEvent>& events) {
  for (const StoredEvent& e : events) {
    if (e.messageId.empty()) return "an event has no messageId";
    if (e.type.empty()) return "event " + e.messageId + " has no type";
    if (e.json.empty()) return "event " + e.messageId + " has no JSON";
  }
  return "";
}

}  // namespace

std::unique_ptr<ClickHouseEventStore> ClickHouseEventStore::open(const ClickHouseOptions& options, std::string* error) {
  if (!isIdentifier(options.database) || !isIdentifier(options.table)) {
    if (error) *error = "the ClickHouse database and table names may hold only letters, digits and '_'";
    return nullptr;
  }
  ClickHouseHttp http(options);
  std::string table = "`" + options.database + "`.`" + options.table + "`";
  ClickHouseReply reply = http.query("CREATE DATABASE IF NOT EXISTS `" + options.database + "`");
  if (reply.ok) reply = http.query(schema(table));
  if (reply.ok) reply = http.query("SELECT max(seq) FROM " + table + " FORMAT TabSeparated");
  if (!reply.ok) {
    if (error) *error = reply.body;
    return nullptr;
  }
  std::unique_ptr<ClickHouseEventStore> store(new ClickHouseEventStore(std::move(http), table));
  store->lastSeq_ = std::strtoull(reply.body.c_str(), nullptr, 10);
  return store;
}

std::optional<std::vector<std::string>> ClickHouseEventStore::storedIds(const std::vector<StoredEvent>& events) {
  std::string list;
  for (const StoredEvent& e : events) list += (list.empty() ? "" : ",") + clickHouseQuote(e.messageId);
  ClickHouseReply reply = http_.query("SELECT DISTINCT message_id FROM " + table_ + " WHERE message_id IN (" + list +
                                      ") FORMAT JSONEachRow");
  if (!reply.ok) return std::nullopt;
  std::vector<std::string> ids;
  std::size_t start = 0, end;
  while ((end = reply.body.find('\n', start)) != std::string::npos) {
    std::optional<Json> row = detail::parseJson(std::string_view(reply.body).substr(start, end - start));
    if (!row) return std::nullopt;
    ids.push_back(text(*row, "message_id"));
    start = end + 1;
  }
  return ids;
}

InsertResult ClickHouseEventStore::insertBatch(const std::vector<StoredEvent>& events) {
  InsertResult result;
  if (std::string why = unstorable(events); !why.empty()) {
    result.error = why;
    return result;
  }
  std::lock_guard<std::mutex> lock(insertMutex_);
  std::optional<std::vector<std::string>> known = events.empty() ? std::vector<std::string>{} : storedIds(events);
  if (!known) {
    result.error = "ClickHouse could not be asked which events are stored";
    return result;
  }
  std::set<std::string> seen(known->begin(), known->end());
  std::string rows;
  uint64_t seq = lastSeq_;
  for (const StoredEvent& e : events) {
    if (!seen.insert(e.messageId).second) {
      ++result.duplicates;
      continue;
    }
    seq = std::max(seq + 1, static_cast<uint64_t>(std::max<int64_t>(e.receivedAtMs, 0)) * 1024);
    rows += rowFor(e, seq) + "\n";
    ++result.stored;
  }
  if (!rows.empty()) {
    ClickHouseReply reply = http_.insert("INSERT INTO " + table_ + " (" + kColumns + ") FORMAT JSONEachRow", rows);
    if (!reply.ok) {
      result = InsertResult{};
      result.error = reply.body;
      return result;
    }
  }
  lastSeq_ = seq;
  result.ok = true;
  return result;
}

std::optional<std::vector<StoredEvent>> ClickHouseEventStore::latest(int limit, const std::string& type) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + table_ + " FINAL" +
                    (type.empty() ? "" : " WHERE type = " + clickHouseQuote(type)) + " ORDER BY seq DESC LIMIT " +
                    std::to_string(std::max(limit, 0)) + " FORMAT JSONEachRow";
  std::vector<StoredEvent> events;
  bool rowsOk = true;
  bool ok = http_.streamLines(sql, [&](std::string_view line) {
    std::optional<StoredEvent> e = readRow(line);
    if (e) events.push_back(std::move(*e));
    rowsOk = rowsOk && e.has_value();
    return rowsOk;
  }, nullptr);
  if (!ok || !rowsOk) return std::nullopt;
  return events;
}

std::optional<Counts> ClickHouseEventStore::countGroupedBy(const std::string& column, const std::string& where) {
  ClickHouseReply reply = http_.query("SELECT " + column + " AS k, count() AS n FROM " + table_ + " FINAL " + where +
                                      " GROUP BY k FORMAT JSONEachRow");
  if (!reply.ok) return std::nullopt;
  Counts counts;
  std::size_t start = 0, end;
  while ((end = reply.body.find('\n', start)) != std::string::npos) {
    std::optional<Json> row = detail::parseJson(std::string_view(reply.body).substr(start, end - start));
    if (!row || !detail::member(*row, "k")) return std::nullopt;
    counts[text(*row, "k")] = detail::integerOr(*row, "n", 0);
    start = end + 1;
  }
  return counts;
}

std::optional<Counts> ClickHouseEventStore::countsByType() { return countGroupedBy("type", ""); }

std::optional<Counts> ClickHouseEventStore::countsByEvent() {
  return countGroupedBy("assumeNotNull(event)", "WHERE event IS NOT NULL");
}

bool ClickHouseEventStore::forEachVisitor(const TimeRange& range, const VisitorCallback& callback) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + table_ + " FINAL" +
                    " WHERE ifNull(anonymous_id, user_id) IS NOT NULL";
  if (range.fromMs) sql += " AND timestamp >= toInt64(" + std::to_string(*range.fromMs) + ")";
  if (range.untilMs) sql += " AND timestamp < toInt64(" + std::to_string(*range.untilMs) + ")";
  sql += " ORDER BY ifNull(anonymous_id, user_id), timestamp, seq FORMAT JSONEachRow";
  std::vector<StoredEvent> visitor;
  bool rowsOk = true;
  bool ok = http_.streamLines(sql, [&](std::string_view line) {
    std::optional<StoredEvent> e = readRow(line);
    if (!e) return rowsOk = false;
    if (!visitor.empty() && visitor.front().visitorId() != e->visitorId()) {
      if (!callback(visitor.front().visitorId(), visitor)) {
        visitor.clear();
        return false;  // the caller is done
      }
      visitor.clear();
    }
    visitor.push_back(std::move(*e));
    return true;
  }, nullptr);
  if (!ok || !rowsOk) return false;
  if (!visitor.empty()) callback(visitor.front().visitorId(), visitor);
  return true;
}

}  // namespace engage::collector
