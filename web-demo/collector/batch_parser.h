// Validation of a batch body before anything is stored: Engage's format (which is also Segment's
// /v1/batch shape) or PostHog's /batch/ body (mapped to Engage events by posthog_format.h). One bad
// event rejects the batch, and the error names the event's index and field, in the sender's own
// vocabulary, so a developer can find it.
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

// Engage: {"batch":[event...],"sentAt","writeKey"} (Segment's /v1/batch takes the same body).
// PostHog: {"api_key","batch":[{"event","properties","timestamp","uuid"}...]}.
enum class BatchFormat { Engage, PostHog };

struct ParsedBatch {
  std::vector<StoredEvent> events;  // in body order; empty when error is set
  std::optional<BatchError> error;
  std::string writeKey;  // the body's own key: `writeKey` (Engage/Segment) or `api_key` (PostHog)
};

// Rules, per event: an object; `type` one of track/page/identify/group/alias/screen; `messageId` a
// non-empty string of at most limits.maxMessageIdLength characters; `timestamp` an ISO 8601 string
// with a zone; track needs a non-empty string `event`; a non-empty `anonymousId` or `userId`
// (each, when present, a string or null); `sessionId` a number or null; `properties`, `traits` and
// `context` objects or null. The body: a JSON object whose `batch` is an array of
// 1..limits.maxEvents events. receivedAtMs is stamped on every event. A PostHog event is first mapped
// to its Engage event (posthog_format.h), which is what is validated and stored; its errors name the
// PostHog fields (uuid, event, properties.distinct_id, ...).
ParsedBatch parseBatch(std::string_view body, const BatchLimits& limits, int64_t receivedAtMs,
                       BatchFormat format = BatchFormat::Engage);

}  // namespace engage::collector
