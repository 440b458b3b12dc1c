// Validation of a POST /v1/batch body (Engage's format, which is also Segment's /v1/batch shape).
// The whole body is checked before anything is stored: one bad event rejects the batch, and the
// error names the event's index and field so a developer can find it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collector_config.h"
#include "event_store.h"

namespace engage::collector {

struct BatchError {
  std::string code;     // invalid_json | invalid_batch | invalid_event
  std::string message;  // e.g. "batch[2].messageId must be a non-empty string of at most 128 characters"
  int index = -1;       // the offending event, for invalid_event
  std::string field;    // the offending member of that event, for invalid_event ("" = the event itself)
};

struct ParsedBatch {
  std::vector<StoredEvent> events;  // in body order; empty when error is set
  std::optional<BatchError> error;
};

// Rules, per event: an object; `type` one of track/page/identify/group/alias/screen; `messageId` a
// non-empty string of at most limits.maxMessageIdLength characters; `timestamp` an ISO 8601 string
// with a zone; track needs a non-empty string `event`; a non-empty `anonymousId` or `userId`
// (each, when present, a string or null); `sessionId` a number or null; `properties`, `traits` and
// `context` objects or null. The body: a JSON object whose `batch` is an array of
// 1..limits.maxEvents events. receivedAtMs is stamped on every event.
ParsedBatch parseBatch(std::string_view body, const BatchLimits& limits, int64_t receivedAtMs);

}  // namespace engage::collector
