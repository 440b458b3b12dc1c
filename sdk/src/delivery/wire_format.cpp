#include "delivery/wire_format.h"

#include "base/json_access.h"

namespace engage::detail {

bool parseWireFormat(const std::string& name, WireFormat& out) {
  if (name == "engage") out = WireFormat::Engage;
  else if (name == "segment") out = WireFormat::Segment;
  else if (name == "posthog") out = WireFormat::PostHog;
  else return false;
  return true;
}

const char* wireFormatName(WireFormat format) {
  switch (format) {
    case WireFormat::Segment: return "segment";
    case WireFormat::PostHog: return "posthog";
    default: return "engage";
  }
}

namespace {

const char* postHogEventName(const Json& e) {
  const std::string type = stringOr(e, "type", "track");
  if (type == "page") return "$pageview";
  if (type == "identify") return "$identify";
  if (type == "group") return "$groupidentify";
  if (type == "alias") return "$create_alias";
  return nullptr;  // track: the event's own name
}

}  // namespace

std::string toPostHogEvent(const std::string& engageEventJson) {
  auto parsed = parseJson(engageEventJson);
  if (!parsed || !parsed->is_object()) return "null";
  const Json& e = *parsed;
  Json props = Json::object();
  if (const Json* p = member(e, "properties"); p && p->is_object()) props = *p;
  const Json* userId = member(e, "userId");
  const std::string anonymousId = stringOr(e, "anonymousId", "");
  props["distinct_id"] = userId && userId->is_string() ? userId->get<std::string>() : anonymousId;
  props["$anon_distinct_id"] = anonymousId;
  props["$lib"] = "engage";
  const Json* context = member(e, "context");
  if (const Json* page = context ? member(*context, "page") : nullptr) {
    if (page->is_object()) {
      props["$current_url"] = stringOr(*page, "url", "");
      props["$pathname"] = stringOr(*page, "path", "");
      props["$referrer"] = stringOr(*page, "referrer", "");
      props["title"] = stringOr(*page, "title", "");
    }
  }
  if (const Json* sid = member(e, "sessionId"); sid && !sid->is_null()) props["$session_id"] = *sid;
  const char* special = postHogEventName(e);
  if (special && std::string(special) == "$identify") {
    if (const Json* traits = member(e, "traits"); traits && traits->is_object()) props["$set"] = *traits;
  }
  if (special && std::string(special) == "$create_alias") props["alias"] = stringOr(e, "previousId", "");
  Json out = {{"event", special ? Json(special) : Json(stringOr(e, "event", ""))},
              {"properties", std::move(props)},
              {"timestamp", stringOr(e, "timestamp", "")},
              {"uuid", stringOr(e, "messageId", "")}};
  return dumpJson(out);
}

std::string formatBatch(WireFormat format, const std::vector<const std::string*>& events,
                        const std::string& writeKey, const std::string& sentAt) {
  std::string body;
  size_t reserve = 64 + writeKey.size();
  for (const auto* e : events) reserve += e->size() + 1;
  body.reserve(reserve);
  if (format == WireFormat::PostHog) {
    body = "{\"api_key\":" + dumpJson(Json(writeKey)) + ",\"batch\":[";
    for (size_t i = 0; i < events.size(); ++i) {
      if (i) body += ',';
      body += toPostHogEvent(*events[i]);
    }
    body += "]}";
    return body;
  }
  body = "{\"batch\":[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) body += ',';
    body += *events[i];
  }
  body += "],\"sentAt\":\"" + sentAt + "\"";
  if (!writeKey.empty()) body += ",\"writeKey\":" + dumpJson(Json(writeKey));
  body += '}';
  return body;
}

}  // namespace engage::detail
