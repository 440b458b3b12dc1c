// Where the collector keeps events. SQLite (sqlite_event_store.h) is the embedded default; other
// engines (e.g. ClickHouse, issue 4) implement the same interface and plug in by configuration.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace engage::collector {

// One validated event as stored. Empty strings mean "absent" (stored as NULL).
struct StoredEvent {
  std::string messageId;    // unique key: a second event with the same id is a duplicate
  std::string type;         // track | page | identify | group | alias | screen
  std::string event;        // track's event name
  std::string anonymousId;
  std::string userId;
  std::optional<int64_t> sessionId;  // session start, epoch ms, when the SDK sent one
  int64_t timestampMs = 0;   // the event's own timestamp (epoch ms, parsed from ISO 8601)
  int64_t receivedAtMs = 0;  // the collector's clock when the batch arrived
  std::string json;          // the event object exactly as received, compact

  // The key events are grouped by for per-visitor metrics: anonymousId, else userId.
  const std::string& visitorId() const { return anonymousId.empty() ? userId : anonymousId; }
};

struct InsertResult {
  bool ok = false;             // false: storage failed and nothing of the batch was kept
  std::size_t stored = 0;      // events new to the store
  std::size_t duplicates = 0;  // events whose messageId was already there (or twice in the batch)
  std::string error;           // why, when !ok
};

using Counts = std::map<std::string, int64_t>;

// Inclusive-exclusive range over the events' own timestamps; unset ends are open.
struct TimeRange {
  std::optional<int64_t> fromMs;
  std::optional<int64_t> untilMs;
};

// Called once per visitor with that visitor's events in timestamp order (ties by arrival).
// Return false to stop early.
using VisitorCallback =
    std::function<bool(const std::string& visitorId, const std::vector<StoredEvent>& events)>;

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Stores the batch all-or-nothing; an event whose messageId is already stored is skipped and
  // counted as a duplicate, so resending a batch changes nothing. Safe to call from many threads.
  virtual InsertResult insertBatch(const std::vector<StoredEvent>& events) = 0;

  // Up to `limit` most recently received events, newest first; `type` empty = every type.
  // std::nullopt when the store could not be read.
  virtual std::optional<std::vector<StoredEvent>> latest(int limit, const std::string& type) = 0;

  // Events per type, and per track event name; std::nullopt when the store could not be read.
  virtual std::optional<Counts> countsByType() = 0;
  virtual std::optional<Counts> countsByEvent() = 0;

  // Visits the events inside `range`, grouped by visitor (see VisitorCallback). Returns false when
  // the store could not be read. Used by the cross-visitor metrics and experiment analysis.
  virtual bool forEachVisitor(const TimeRange& range, const VisitorCallback& callback) = 0;
};

}  // namespace engage::collector
