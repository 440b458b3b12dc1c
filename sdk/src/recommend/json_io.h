// JSON conversion at the engine boundary, over already-parsed JSON (for the engine's ops).
#pragma once

#include "base/json_access.h"
#include "engage/recommend.h"

namespace engage::recommend::detail {

using engage::detail::Json;

RequestParse requestFromJsonValue(const Json& j, const RequestLimits& limits);
Json recommendationsToJsonValue(const std::vector<Recommendation>& results);

}  // namespace engage::recommend::detail
