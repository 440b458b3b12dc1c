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

std::string idText(const Json& id) { return id.is_string() ? id.get<std::string>() : dumpJson(id); }

// `"key":<object or {}>`
void appendObject(std::string& out, const char* key, const Json* value) {
  out += ",\"";
  out += key;
  out += "\":";
  out += value && value->is_object() ? dumpJson(*value) : "{}";
}

Json libraryJson() { return {{"name", kLibraryName}, {"version", kLibraryVersion}}; }

}  // namespace

PageContext::PageContext() { render(Json::object()); }

std::optional<ValidationError> PageContext::set(const Json* context, const EventLimits& limits) {
  if (context && !context->is_null()) {
    if (auto e = validateProperties(context, "context", limits)) return e;
  }
  raw_ = context && context->is_object() ? *context : Json::object();
  render(raw_);
  return std::nullopt;
}

void PageContext::render(Json prepared) {
  json_ = prepared.is_object() ? std::move(prepared) : Json::object();
  json_["library"] = libraryJson();
  text_ = dumpJson(json_);
}

BuiltEvent buildEvent(const EventFields& f, const Json& cmd, const Identity& identity,
                      const PageContext& page, const EventLimits& limits) {
  if (auto error = validateFields(f.type, cmd, limits)) return {"", error};
  const Json* ownContext = member(cmd, "context");
  if (ownContext && !ownContext->is_null()) {
    if (auto error = validateProperties(ownContext, "context", limits)) return {"", error};
  }

  std::string userId = identity.userId;
  if ((f.type == "identify" || f.type == "alias") && member(cmd, "userId") && !cmd["userId"].is_null())
    userId = idText(cmd["userId"]);

  std::string out;
  out.reserve(256 + page.text().size());
  out += "{\"type\":\"" + f.type + "\"";
  if (f.type == "track") out += ",\"event\":" + jsonString(cmd["event"].get<std::string>());
  if (f.type == "page" && member(cmd, "name") && cmd["name"].is_string())
    out += ",\"name\":" + jsonString(cmd["name"].get<std::string>());
  if (f.type == "track" || f.type == "page") appendObject(out, "properties", member(cmd, "properties"));
  if (f.type == "identify" || f.type == "group") appendObject(out, "traits", member(cmd, "traits"));
  if (f.type == "group") out += ",\"groupId\":" + jsonString(idText(cmd["groupId"]));
  if (f.type == "alias") {
    const Json* prev = member(cmd, "previousId");
    std::string previous = prev && !prev->is_null() ? idText(*prev)
                           : identity.userId.empty() ? identity.anonymousId : identity.userId;
    out += ",\"previousId\":" + jsonString(previous);
  }
  out += ",\"anonymousId\":" + jsonString(identity.anonymousId);
  out += ",\"userId\":" + (userId.empty() ? std::string("null") : jsonString(userId));
  out += ",\"messageId\":\"" + f.messageId + "\"";
  if (f.sessionId > 0) out += ",\"sessionId\":" + std::to_string(f.sessionId);
  out += ",\"timestamp\":\"" + isoTimestamp(f.wallMs) + "\"";
  out += ",\"context\":";
  if (ownContext && ownContext->is_object()) {
    Json merged = page.json();
    for (auto it = ownContext->begin(); it != ownContext->end(); ++it) merged[it.key()] = it.value();
    merged["library"] = libraryJson();
    out += dumpJson(merged);
  } else {
    out += page.text();
  }
  out += '}';
  return {std::move(out), std::nullopt};
}

}  // namespace engage::detail
