// Turns a validated command into an event in the Engage wire format (docs/ARCHITECTURE.md).
#pragma once

#include <cstdint>
#include <string>

#include "base/json_access.h"
#include "event/validation.h"

namespace engage::detail {

struct Identity {
  std::string anonymousId;
  std::string userId;  // empty until identify
};

struct BuiltEvent {
  Json event;                             // valid when error is empty
  std::optional<ValidationError> error;
};

// `type` is one of track, page, identify, group, alias. `messageId` and `wallMs` are supplied by the
// caller (the engine owns ids and clocks). Stamps library, identity and the command's context.
BuiltEvent buildEvent(const std::string& type, const Json& command, const Identity& identity,
                      const std::string& messageId, int64_t wallMs, const EventLimits& limits);

extern const char* const kLibraryName;
extern const char* const kLibraryVersion;

}  // namespace engage::detail
