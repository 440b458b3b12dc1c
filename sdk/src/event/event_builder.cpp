#include "event/event_builder.h"

#include "base/ids.h"

namespace engage::detail {

const char* const kLibraryName = "engage";
const char* const kLibraryVersion = "0.1.0";

namespace {

std::optional<ValidationError> validateFields(const std::string& type, const Json& cmd,
                                              const EventLimits& limits) {
  if (type == "track") {
    if (auto e = validateName(member(cmd, "event"), "event name", true, limits)) return e;
    return validateProperties(member(cmd, "properties"), "properties", limits);
  }
  if (type == "page") {
    if (auto e = validateName(member(cmd, "name"), "page name", false, limits)) return e;
    return validateProperties(member(cmd, "properties"), "properties", limits);
  }
  if (type == "identify") {
    if (auto e = validateId(member(cmd, "userId"), "userId", false, limits)) return e;
    return validateProperties(member(cmd, "traits"), "traits", limits);
  }
  if (type == "group") {
    if (auto e = validateId(member(cmd, "groupId"), "groupId", true, limits)) return e;
    return validateProperties(member(cmd, "traits"), "traits", limits);
  }
  if (type == "alias") {
    if (auto e = validateId(member(cmd, "userId"), "userId", true, limits)) return e;
    return validateId(member(cmd, "previousId"), "previousId", false, limits);
  }
  return ValidationError{"unknown_op", "unknown event type " + type};
}

std::string idText(const Json& id) {
  return id.is_string() ? id.get<std::string>() : dumpJson(id);
}

void copyIfPresent(const Json& from, Json& to, const char* key) {
  if (const Json* v = member(from, key); v && !v->is_null()) to[key] = *v;
}

}  // namespace

BuiltEvent buildEvent(const std::string& type, const Json& cmd, const Identity& identity,
                      const std::string& messageId, int64_t wallMs, const EventLimits& limits) {
  if (auto error = validateFields(type, cmd, limits)) return {Json(), error};
  if (auto error = validateProperties(member(cmd, "context"), "context", limits))
    return {Json(), error};

  Json event = Json::object();
  event["type"] = type;
  if (type == "track") event["event"] = cmd["event"];
  if (type == "page") copyIfPresent(cmd, event, "name");
  if (type == "track" || type == "page")
    event["properties"] = member(cmd, "properties") && cmd["properties"].is_object()
                              ? cmd["properties"] : Json::object();
  if (type == "identify" || type == "group")
    event["traits"] = member(cmd, "traits") && cmd["traits"].is_object() ? cmd["traits"]
                                                                         : Json::object();
  if (type == "group") event["groupId"] = idText(cmd["groupId"]);
  if (type == "alias") {
    event["previousId"] = member(cmd, "previousId") && !cmd["previousId"].is_null()
                              ? idText(cmd["previousId"])
                              : (identity.userId.empty() ? identity.anonymousId : identity.userId);
  }

  std::string userId = identity.userId;
  if ((type == "identify" || type == "alias") && member(cmd, "userId") && !cmd["userId"].is_null())
    userId = idText(cmd["userId"]);
  event["anonymousId"] = identity.anonymousId;
  event["userId"] = userId.empty() ? Json() : Json(userId);
  event["messageId"] = messageId;
  event["timestamp"] = isoTimestamp(wallMs);

  Json context = Json::object();
  if (const Json* c = member(cmd, "context"); c && c->is_object()) context = *c;
  context["library"] = {{"name", kLibraryName}, {"version", kLibraryVersion}};
  event["context"] = std::move(context);
  return {std::move(event), std::nullopt};
}

}  // namespace engage::detail
