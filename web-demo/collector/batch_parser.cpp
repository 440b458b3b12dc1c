#include "batch_parser.h"

#include <array>

#include "base/json_access.h"
#include "iso_time.h"
#include "posthog_format.h"

namespace engage::collector {
namespace {

using detail::Json;

constexpr std::array<const char*, 6> kTypes = {"track", "page", "identify", "group", "alias", "screen"};

// Characters as a person counts them: UTF-8 code points (the JSON parser already checked UTF-8).
std::size_t codePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool isKnownType(const std::string& type) {
  for (const char* t : kTypes) {
    if (type == t) return true;
  }
  return false;
}

BatchError eventError(std::size_t index, const std::string& field, const std::string& rule) {
  std::string where = "batch[" + std::to_string(index) + "]" + (field.empty() ? "" : "." + field);
  return BatchError{"invalid_event", where + " " + rule, static_cast<int>(index), field};
}

// The same error about a mapped PostHog event, in PostHog's field names.
BatchError postHogError(const BatchError& error) {
  std::string field = postHogFieldName(error.field);
  std::string rule = error.message.substr(error.message.find(' ') + 1);
  if (error.field == "anonymousId") rule = "must be a non-empty string";  // one PostHog field for both ids
  return eventError(static_cast<std::size_t>(error.index), field, rule);
}

// A member that may be absent or null, else must be of the wanted kind.
bool optionalIs(const Json& event, const char* key, bool (Json::*is)() const noexcept) {
  const Json* m = detail::member(event, key);
  return !m || m->is_null() || (m->*is)();
}

std::string nonEmptyString(const Json& event, const char* key) {
  const Json* m = detail::member(event, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

// Validates event `index` and fills `out`; returns the first rule it breaks.
std::optional<BatchError> readEvent(const Json& event, std::size_t index, const BatchLimits& limits,
                                    StoredEvent& out) {
  if (!event.is_object()) return eventError(index, "", "must be an object");
  out.type = nonEmptyString(event, "type");
  if (!isKnownType(out.type)) {
    return eventError(index, "type", "must be one of track, page, identify, group, alias, screen");
  }
  out.messageId = nonEmptyString(event, "messageId");
  if (out.messageId.empty() || codePoints(out.messageId) > limits.maxMessageIdLength) {
    return eventError(index, "messageId", "must be a non-empty string of at most " +
                                              std::to_string(limits.maxMessageIdLength) + " characters");
  }
  std::optional<int64_t> ts = parseIsoTimestamp(nonEmptyString(event, "timestamp"));
  if (!ts) return eventError(index, "timestamp", "must be an ISO 8601 date-time string with a zone");
  out.timestampMs = *ts;
  if (out.type == "track") out.event = nonEmptyString(event, "event");  // the name only track has
  if (out.type == "track" && out.event.empty()) {
    return eventError(index, "event", "must be a non-empty string for a track event");
  }
  for (const char* key : {"anonymousId", "userId"}) {
    if (!optionalIs(event, key, &Json::is_string)) return eventError(index, key, "must be a string or null");
  }
  out.anonymousId = nonEmptyString(event, "anonymousId");
  out.userId = nonEmptyString(event, "userId");
  if (out.anonymousId.empty() && out.userId.empty()) {
    return eventError(index, "anonymousId", "or userId must be a non-empty string");
  }
  if (!optionalIs(event, "sessionId", &Json::is_number)) {
    return eventError(index, "sessionId", "must be a number (epoch ms) or null");
  }
  const Json* session = detail::member(event, "sessionId");
  if (session && session->is_number()) out.sessionId = detail::integerOr(event, "sessionId", 0);
  for (const char* key : {"properties", "traits", "context"}) {
    if (!optionalIs(event, key, &Json::is_object)) return eventError(index, key, "must be an object or null");
  }
  out.json = detail::dumpJson(event);
  return std::nullopt;
}

ParsedBatch failed(BatchError error) {
  ParsedBatch result;
  result.error = std::move(error);
  return result;
}

}  // namespace

ParsedBatch parseBatch(std::string_view body, const BatchLimits& limits, int64_t receivedAtMs,
                       BatchFormat format) {
  std::optional<Json> parsed = detail::parseJson(body);
  if (!parsed) return failed({"invalid_json", "the body is not valid JSON", -1, ""});
  const Json* batch = detail::member(*parsed, "batch");
  if (!batch || !batch->is_array() || batch->empty() || batch->size() > limits.maxEvents) {
    return failed({"invalid_batch",
                   "the body must be an object whose `batch` is an array of 1 to " +
                       std::to_string(limits.maxEvents) + " events",
                   -1, ""});
  }
  const bool postHog = format == BatchFormat::PostHog;
  ParsedBatch result;
  result.writeKey = detail::stringOr(*parsed, postHog ? "api_key" : "writeKey", "");
  result.events.reserve(batch->size());
  for (std::size_t i = 0; i < batch->size(); ++i) {
    StoredEvent event;
    event.receivedAtMs = receivedAtMs;
    std::optional<BatchError> error =
        postHog ? readEvent(postHogToEngage((*batch)[i]), i, limits, event) : readEvent((*batch)[i], i, limits, event);
    if (error) return failed(postHog ? postHogError(*error) : *error);
    result.events.push_back(std::move(event));
  }
  return result;
}

}  // namespace engage::collector
