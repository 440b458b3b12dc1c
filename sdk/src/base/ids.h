// Identifiers and timestamps the core stamps on events.
#pragma once

#include <cstdint>
#include <string>

#include "engage/platform.h"

namespace engage::detail {

// RFC 4122 version-4 UUID from the injected Random.
std::string newUuid(Random& random);

// True for 36 characters of hex digits with dashes at 8, 13, 18 and 23.
bool isUuid(const std::string& s);

// ISO 8601 UTC with milliseconds, e.g. "2026-11-23T15:12:43.123Z".
std::string isoTimestamp(int64_t epochMs);

}  // namespace engage::detail
