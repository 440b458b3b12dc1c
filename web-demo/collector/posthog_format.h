// PostHog's batch body, {"api_key":"...","batch":[{"event","properties":{"distinct_id",...},
// "timestamp","uuid"}]}, read back into the Engage event the collector stores, so an event is one row
// and one messageId whichever format carried it (the SDK's PostHog destination sends exactly this).
//
// Mapping of one PostHog event to the Engage wire format:
//   event      "$pageview" -> type page, "$identify" -> type identify, anything else -> type track with
//              that event name (so "$groupidentify" and "$create_alias" stay track events by name)
//   uuid       -> messageId (required: it is the de-duplication key)
//   timestamp  -> timestamp
//   distinct_id (properties, else top level) and $anon_distinct_id:
//              with $anon_distinct_id: anonymousId = $anon_distinct_id, userId = distinct_id when it
//              differs, else null; without it: distinct_id is the userId of a $identify and the
//              anonymousId of every other event
//   $set       -> traits (identify)
//   $session_id (a number, as the SDK sends it) -> sessionId
//   $lib, $lib_version -> context.library; $current_url, $pathname, $referrer and title ->
//              context.page {url, path, referrer, title} (title only when one of the others is there)
//   every other property stays in properties.
// Nothing is validated here: the result goes through the same event rules as an Engage event.
#pragma once

#include <string>

#include "base/json_access.h"

namespace engage::collector {

// The Engage event for one PostHog batch element; a non-object is returned unchanged (the event
// rules then reject it).
detail::Json postHogToEngage(const detail::Json& postHogEvent);

// The PostHog name of an Engage event member, for error messages about a PostHog body:
// messageId -> uuid, type -> event, anonymousId/userId -> properties.distinct_id, sessionId ->
// properties.$session_id, traits -> properties.$set; other names are returned unchanged.
std::string postHogFieldName(const std::string& engageField);

}  // namespace engage::collector
