// The collector's JSON routes as plain functions of (request parts) -> ApiResponse, so every rule is
// tested without sockets. Routes and shapes are pinned in docs/ARCHITECTURE.md.
#pragma once

#include <string_view>

#include "api_types.h"
#include "collector_config.h"
#include "engage/platform.h"
#include "event_store.h"

namespace engage::collector {

class CollectorApi {
 public:
  // store and clock outlive the api; the clock stamps received_at.
  CollectorApi(EventStore& store, Clock& clock, BatchLimits batch = {}, QueryLimits query = {});

  // POST /v1/batch. contentType: the request's Content-Type (application/json or text/plain, which
  // sendBeacon sends; parameters such as charset are ignored). body: after any Content-Encoding was
  // undone. 200 {"ok":true,"received":n,"stored":k,"duplicates":d}; 400 invalid_json /
  // invalid_batch / invalid_event, 413 payload_too_large, 415 unsupported_media_type — and nothing
  // stored; 503 storage_error when the store failed (nothing stored; the sender should retry).
  ApiResponse postBatch(std::string_view contentType, std::string_view body);

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
};

// The media type of a Content-Type header value, lower-cased, without parameters.
std::string mediaType(std::string_view contentType);

}  // namespace engage::collector
