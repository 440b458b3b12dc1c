// Turns a validated command into an event in the Engage wire format (docs/ARCHITECTURE.md),
// composed as text: the page context is serialised once per page (PageContext), not per event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "event/validation.h"

namespace engage::detail {

struct Identity {
  std::string anonymousId;
  std::string userId;  // empty until identify
};

// The context stamped on events: what the page reported (op "context"), prepared once per change
// (redacted, consent stamped) and serialised with the library added.
class PageContext {
 public:
  PageContext();
  // Replaces the raw page context; returns an error when it is not an object or nests too deep.
  // Call render() afterwards.
  std::optional<ValidationError> set(const Json* context, const EventLimits& limits);
  const Json& raw() const { return raw_; }
  // Sets what goes on events from `prepared` (the raw context after redaction and consent).
  void render(Json prepared);
  const Json& json() const { return json_; }
  const std::string& text() const { return text_; }

 private:
  Json raw_ = Json::object();
  Json json_;
  std::string text_;
};

struct EventFields {
  std::string type;        // track, page, identify, group, alias
  std::string messageId;
  int64_t wallMs = 0;
  int64_t sessionId = 0;   // 0 = none
};

struct BuiltEvent {
  std::string text;                        // the serialised event, valid when error is empty
  std::optional<ValidationError> error;
};

// Validates the command's fields for `fields.type` and composes the event. A command that carries
// its own "context" object uses it (merged over the page context) instead of the page context.
BuiltEvent buildEvent(const EventFields& fields, const Json& command, const Identity& identity,
                      const PageContext& page, const EventLimits& limits);

extern const char* const kLibraryName;
extern const char* const kLibraryVersion;

}  // namespace engage::detail
