// The `from` / `to` query parameters of the analysis routes, to a TimeRange over event time.
#pragma once

#include <optional>
#include <string>

#include "api_types.h"
#include "event_store.h"

namespace engage::collector {

// Each of `from` (inclusive) and `to` (exclusive) may be absent (open end) or one of:
//   an ISO 8601 date-time with a zone   2026-01-01T12:00:00Z
//   a calendar date                      2026-01-01 — from: its start (00:00 UTC); to: the end of that
//                                        day, so from=2026-01-01&to=2026-01-01 is that whole day
//   epoch milliseconds                   1767225600000
// Returns std::nullopt and sets *error for anything else, or when from is not before to.
std::optional<TimeRange> parseRangeQuery(const QueryParams& query, std::string* error);

}  // namespace engage::collector
