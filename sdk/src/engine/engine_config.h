// The engine's configuration, read from configure({...}) with documented defaults for every field.
#pragma once

#include <string>

#include "base/json_access.h"
#include "delivery/delivery_config.h"
#include "event/limits.h"

namespace engage::detail {

struct EngineConfig {
  std::string storagePrefix = "engage.";  // every key the core writes starts with this
  DeliveryConfig delivery;
  EventLimits limits;
};

// Applies the fields present in `json` over `base`. Unknown fields are ignored; a field of the wrong
// type is an error naming it.
struct ConfigResult {
  EngineConfig config;
  std::string error;  // empty when valid
};
ConfigResult parseEngineConfig(const Json& json, const EngineConfig& base);

Json configToJson(const EngineConfig& config);

}  // namespace engage::detail
