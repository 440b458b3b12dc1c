#include "collector_api.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "base/json_access.h"
#include "batch_parser.h"
#include "write_key.h"

namespace engage::collector {
namespace {

// Answers keep their keys in the documented order ({"ok":...,"error":...}); event JSON is stored
// by the parser and spliced in unchanged.
using Json = nlohmann::ordered_json;

ApiResponse jsonResponse(int status, const Json& body) {
  ApiResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

// A positive decimal integer, clamped to `cap`; nullopt for anything else.
std::optional<int> parseLimit(const std::string& text, int cap) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size()));
  if (digits.empty()) return std::nullopt;  // zero
  if (digits.size() > 9) return cap;
  int value = std::stoi(digits);
  return value < cap ? value : cap;
}

Json errorJson(const std::string& code, const std::string& message) {
  return Json{{"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

ApiResponse errorResponse(int status, const std::string& code, const std::string& message) {
  return jsonResponse(status, errorJson(code, message));
}

std::string mediaType(std::string_view contentType) {
  std::string type(contentType.substr(0, contentType.find(';')));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  std::size_t start = 0;
  while (start < type.size() && std::isspace(static_cast<unsigned char>(type[start]))) ++start;
  type.erase(0, start);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

CollectorApi::CollectorApi(EventStore& store, Clock& clock, BatchLimits batch, QueryLimits query,
                           AuthOptions auth)
    : store_(store), clock_(clock), batchLimits_(batch), queryLimits_(query), auth_(std::move(auth)) {}

ApiResponse CollectorApi::payloadTooLarge() const {
  return errorResponse(413, "payload_too_large",
                       "the body exceeds " + std::to_string(batchLimits_.maxBodyBytes) + " bytes");
}

ApiResponse CollectorApi::postBatch(const BatchRequest& request) {
  std::string_view body = request.body;
  std::string type = mediaType(request.contentType);
  if (type != "application/json" && type != "text/plain") {
    return errorResponse(415, "unsupported_media_type",
                         "send the batch as application/json or text/plain, not '" + type + "'");
  }
  // The HTTP layer limits the bytes on the wire; this also covers a decompressed body.
  if (body.size() > batchLimits_.maxBodyBytes) return payloadTooLarge();
  ParsedBatch batch = parseBatch(body, batchLimits_, clock_.wallMs(), request.format);
  if (batch.error) {
    Json error = errorJson(batch.error->code, batch.error->message);
    if (batch.error->index >= 0) {
      error["error"]["index"] = batch.error->index;
      error["error"]["field"] = batch.error->field;
    }
    return jsonResponse(400, error);
  }
  if (!writeKeyAccepted(auth_, batch.writeKey, basicAuthUser(request.authorization))) {
    return errorResponse(401, "invalid_write_key", "the batch carries no accepted write key");
  }
  InsertResult result = store_.insertBatch(batch.events);
  if (!result.ok) return errorResponse(503, "storage_error", "the events were not stored: " + result.error);
  return jsonResponse(200, Json{{"ok", true},
                                {"received", batch.events.size()},
                                {"stored", result.stored},
                                {"duplicates", result.duplicates}});
}

ApiResponse CollectorApi::getEvents(const QueryParams& query) {
  int limit = queryLimits_.defaultEvents;
  if (auto it = query.find("limit"); it != query.end()) {
    std::optional<int> parsed = parseLimit(it->second, queryLimits_.maxEvents);
    if (!parsed) return errorResponse(400, "invalid_query", "limit must be a positive integer");
    limit = *parsed;
  }
  auto type = query.find("type");
  auto events = store_.latest(limit, type == query.end() ? std::string() : type->second);
  if (!events) return errorResponse(503, "storage_error", "the events could not be read");
  // The stored JSON is spliced in as is: it was produced by the same serialiser on the way in.
  std::string body = "{\"events\":[";
  for (std::size_t i = 0; i < events->size(); ++i) {
    if (i) body += ',';
    body += (*events)[i].json;
  }
  body += "]}";
  ApiResponse response;
  response.body = std::move(body);
  return response;
}

ApiResponse CollectorApi::getStats() {
  auto byType = store_.countsByType();
  auto byEvent = store_.countsByEvent();
  if (!byType || !byEvent) return errorResponse(503, "storage_error", "the counts could not be read");
  int64_t total = 0;
  for (const auto& [type, count] : *byType) total += count;
  return jsonResponse(200, Json{{"total", total}, {"byType", *byType}, {"byEvent", *byEvent}});
}

}  // namespace engage::collector
