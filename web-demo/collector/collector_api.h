// The collector's JSON routes as plain functions of (request parts) -> ApiResponse, so every rule is
// tested without sockets. Routes and shapes are pinned in docs/ARCHITECTURE.md.
#pragma once

#include <string_view>

#include "api_types.h"
#include "batch_parser.h"
#include "collector_config.h"
#include "engage/platform.h"
#include "event_store.h"

namespace engage::collector {

// One batch request as the HTTP layer received it.
struct BatchRequest {
  BatchFormat format = BatchFormat::Engage;  // POST /v1/batch: Engage/Segment; POST /batch/: PostHog
  std::string_view contentType;              // the Content-Type header
  std::string_view authorization;            // the Authorization header, "" when absent
  std::string_view body;                     // after any Content-Encoding was undone
};

class CollectorApi {
 public:
  // store and clock outlive the api; the clock stamps received_at.
  CollectorApi(EventStore& store, Clock& clock, BatchLimits batch = {}, QueryLimits query = {},
               AuthOptions auth = {});

  // POST /v1/batch (Engage, Segment) and POST /batch/ (PostHog). contentType: application/json or
  // text/plain, which sendBeacon sends (parameters such as charset are ignored). Every format is
  // idempotent by messageId (PostHog: uuid). 200 {"ok":true,"received":n,"stored":k,"duplicates":d};
  // 400 invalid_json / invalid_batch / invalid_event, 401 invalid_write_key (write keys configured
  // and neither the body's key nor the Basic auth user is one), 413 payload_too_large,
  // 415 unsupported_media_type — and nothing stored; 503 storage_error when the store failed
  // (nothing stored; the sender should retry).
  ApiResponse postBatch(const BatchRequest& request);
  // An Engage batch without credentials (the common case; tests).
  ApiResponse postBatch(std::string_view contentType, std::string_view body) {
    return postBatch(BatchRequest{BatchFormat::Engage, contentType, "", body});
  }

  // GET /v1/events?limit=N&type=T -> {"events":[...]} newest first, each the stored event JSON.
  // limit defaults to QueryLimits::defaultEvents and is clamped to maxEvents; a limit that is not a
  // positive integer is 400 invalid_query.
  ApiResponse getEvents(const QueryParams& query);

  // GET /v1/stats -> {"total":n,"byType":{...},"byEvent":{...}}.
  ApiResponse getStats();

  // The 413 answer, also used by the server when the HTTP layer refuses a body before it is read.
  ApiResponse payloadTooLarge() const;

 private:
  EventStore& store_;
  Clock& clock_;
  BatchLimits batchLimits_;
  QueryLimits queryLimits_;
  AuthOptions auth_;
};

// The media type of a Content-Type header value, lower-cased, without parameters.
std::string mediaType(std::string_view contentType);

}  // namespace engage::collector
