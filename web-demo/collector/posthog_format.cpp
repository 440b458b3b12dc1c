#include "posthog_format.h"

namespace engage::collector {
namespace {

using detail::Json;

// A member's string value, or "" when absent or not a string.
std::string text(const Json& object, const char* key) {
  const Json* m = detail::member(object, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

// Moves object[key] (when present) into out[target]; returns whether it was there.
bool take(Json& object, const char* key, Json& out, const char* target) {
  auto it = object.find(key);
  if (it == object.end()) return false;
  out[target] = std::move(*it);
  object.erase(it);
  return true;
}

std::string engageType(const std::string& postHogEvent) {
  if (postHogEvent == "$pageview") return "page";
  if (postHogEvent == "$identify") return "identify";
  return "track";
}

void mapIdentity(const Json& source, Json& props, const std::string& type, Json& out) {
  std::string distinctId = text(props, "distinct_id");
  if (distinctId.empty()) distinctId = text(source, "distinct_id");
  std::string anonymousId = text(props, "$anon_distinct_id");
  props.erase("distinct_id");
  props.erase("$anon_distinct_id");
  Json none;
  if (!anonymousId.empty()) {
    out["anonymousId"] = anonymousId;
    out["userId"] = distinctId.empty() || distinctId == anonymousId ? none : Json(distinctId);
  } else if (type == "identify") {
    out["userId"] = distinctId.empty() ? none : Json(distinctId);
  } else {
    out["anonymousId"] = distinctId.empty() ? none : Json(distinctId);
    out["userId"] = none;
  }
}

void mapContext(Json& props, Json& out) {
  Json context = Json::object();
  Json library = Json::object();
  take(props, "$lib", library, "name");
  take(props, "$lib_version", library, "version");
  if (!library.empty()) context["library"] = std::move(library);
  Json page = Json::object();
  bool hasPage = take(props, "$current_url", page, "url");
  hasPage = take(props, "$pathname", page, "path") || hasPage;
  hasPage = take(props, "$referrer", page, "referrer") || hasPage;
  if (hasPage) {
    take(props, "title", page, "title");
    context["page"] = std::move(page);
  }
  if (!context.empty()) out["context"] = std::move(context);
}

}  // namespace

Json postHogToEngage(const Json& postHogEvent) {
  if (!postHogEvent.is_object()) return postHogEvent;
  const Json* name = detail::member(postHogEvent, "event");
  std::string type = engageType(name && name->is_string() ? name->get<std::string>() : "");
  Json out = Json::object();
  out["type"] = type;
  if (type == "track" && name) out["event"] = *name;
  if (const Json* uuid = detail::member(postHogEvent, "uuid")) out["messageId"] = *uuid;
  if (const Json* ts = detail::member(postHogEvent, "timestamp")) out["timestamp"] = *ts;

  const Json* given = detail::member(postHogEvent, "properties");
  Json props = given && given->is_object() ? *given : Json::object();
  mapIdentity(postHogEvent, props, type, out);
  if (const Json* session = detail::member(props, "$session_id"); session && session->is_number()) {
    take(props, "$session_id", out, "sessionId");
  }
  if (type == "identify") take(props, "$set", out, "traits");
  mapContext(props, out);
  // A `properties` that is not an object is kept as is, so the event rules name it.
  out["properties"] = given && !given->is_object() ? *given : props;
  return out;
}

std::string postHogFieldName(const std::string& engageField) {
  if (engageField == "messageId") return "uuid";
  if (engageField == "type") return "event";
  if (engageField == "anonymousId" || engageField == "userId") return "properties.distinct_id";
  if (engageField == "sessionId") return "properties.$session_id";
  if (engageField == "traits") return "properties.$set";
  return engageField;
}

}  // namespace engage::collector
