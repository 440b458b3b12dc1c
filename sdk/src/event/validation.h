// Checks a command's fields against EventLimits. Returns an error (code + message) or nothing.
#pragma once

#include <optional>
#include <string>

#include "base/json_access.h"
#include "event/limits.h"

namespace engage::detail {

struct ValidationError {
  std::string code;  // invalid_event_name, invalid_properties, too_deep, too_large, invalid_id
  std::string message;
};

std::optional<ValidationError> validateName(const Json* name, const char* field, bool required,
                                            const EventLimits& limits);
std::optional<ValidationError> validateProperties(const Json* props, const char* field,
                                                  const EventLimits& limits);
std::optional<ValidationError> validateId(const Json* id, const char* field, bool required,
                                          const EventLimits& limits);
std::optional<ValidationError> validateSize(size_t eventBytes, const EventLimits& limits);

// Depth of nested containers: a scalar is 0, {} or [] is 1, {"a":{}} is 2.
size_t jsonDepth(const Json& j, size_t stopAt);

}  // namespace engage::detail
