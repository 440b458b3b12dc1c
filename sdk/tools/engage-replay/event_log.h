// Reading event logs into visitors' timed events for replayVisitor().
//
// Engage format: one JSON value per line, each an Engage wire-format event, a batch body
// {"batch":[...]} or a collector answer {"events":[...]}. The visitor is anonymousId (else userId,
// else "unknown"); the time is the event's "timestamp" (ISO 8601) or numeric "ts".
//
// OTTO format (otto-de/recsys-dataset JSONL, {"session":N,"events":[{"aid","ts","type"}]}): each OTTO
// session is one visitor "otto-N", mapped as follows (OTTO has no prices, so revenue stays 0):
//   clicks  -> a page view {"type":"page","name":"Product"} of /product/<aid> followed by
//              "Product Viewed" {"product_id":"<aid>"} at the same ts (a click opens the product page);
//   carts   -> "Product Added" {"product_id":"<aid>","quantity":1};
//   orders  -> one "Order Completed" {"products":[{"product_id","quantity":1},...]} per distinct ts:
//              OTTO writes one row per ordered aid, all with the order's ts. It takes the place of the
//              first of those rows.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "engage/engagement.h"

namespace engage::replay {

enum class LogFormat { Auto, Engage, Otto };

struct EventLog {
  std::map<std::string, std::vector<TimedEvent>> visitors;  // by visitor id, in log order
  int64_t lines = 0;
  int64_t events = 0;   // events taken in (after the OTTO mapping)
  int64_t skipped = 0;  // lines or events that were not understood
};

// Adds the lines of `in` to `log`. Auto picks OTTO for a line with "session" and "events".
void readLog(std::istream& in, LogFormat format, EventLog& log);

// The Engage events of one OTTO session line (exposed for tests and documentation).
std::vector<TimedEvent> ottoSessionEvents(const nlohmann::json& line, int64_t& skipped);

}  // namespace engage::replay
