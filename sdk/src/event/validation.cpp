#include "event/validation.h"

namespace engage::detail {

size_t jsonDepth(const Json& j, size_t stopAt) {
  if (!j.is_structured()) return 0;
  size_t deepest = 0;
  if (stopAt == 0) return 1;
  for (const auto& child : j) {
    size_t d = jsonDepth(child, stopAt - 1);
    if (d > deepest) deepest = d;
    if (deepest >= stopAt) break;
  }
  return deepest + 1;
}

std::optional<ValidationError> validateName(const Json* name, const char* field, bool required,
                                            const EventLimits& limits) {
  if (!name || name->is_null()) {
    if (!required) return std::nullopt;
    return ValidationError{"invalid_event_name", std::string(field) + " is required"};
  }
  if (!name->is_string())
    return ValidationError{"invalid_event_name", std::string(field) + " must be a string"};
  const auto& s = name->get_ref<const std::string&>();
  if (required && s.empty())
    return ValidationError{"invalid_event_name", std::string(field) + " must not be empty"};
  if (s.size() > limits.maxNameLength)
    return ValidationError{"invalid_event_name", std::string(field) + " is longer than " +
                                                     std::to_string(limits.maxNameLength) + " bytes"};
  return std::nullopt;
}

std::optional<ValidationError> validateProperties(const Json* props, const char* field,
                                                  const EventLimits& limits) {
  if (!props || props->is_null()) return std::nullopt;
  if (!props->is_object())
    return ValidationError{"invalid_properties", std::string(field) + " must be an object"};
  if (jsonDepth(*props, limits.maxDepth + 1) > limits.maxDepth)
    return ValidationError{"too_deep", std::string(field) + " nest deeper than " +
                                           std::to_string(limits.maxDepth) + " levels"};
  return std::nullopt;
}

std::optional<ValidationError> validateId(const Json* id, const char* field, bool required,
                                          const EventLimits& limits) {
  if (!id || id->is_null()) {
    if (!required) return std::nullopt;
    return ValidationError{"invalid_id", std::string(field) + " is required"};
  }
  if (!id->is_string() && !id->is_number())
    return ValidationError{"invalid_id", std::string(field) + " must be a string or a number"};
  if (id->is_string() && (id->get_ref<const std::string&>().empty() ||
                          id->get_ref<const std::string&>().size() > limits.maxIdLength))
    return ValidationError{"invalid_id", std::string(field) + " must be 1 to " +
                                             std::to_string(limits.maxIdLength) + " bytes"};
  return std::nullopt;
}

std::optional<ValidationError> validateSize(size_t eventBytes, const EventLimits& limits) {
  if (eventBytes <= limits.maxEventBytes) return std::nullopt;
  return ValidationError{"too_large", "event is " + std::to_string(eventBytes) +
                                          " bytes; the limit is " +
                                          std::to_string(limits.maxEventBytes)};
}

}  // namespace engage::detail
