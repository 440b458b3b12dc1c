// Write keys: which batches the collector accepts. Engage and Segment clients put the key in the body
// (`writeKey`); Segment's server libraries send it as the user name of HTTP Basic auth
// ("Authorization: Basic base64(writeKey + ':')"); PostHog sends `api_key` in the body.
#pragma once

#include <string>
#include <string_view>

#include "collector_config.h"

namespace engage::collector {

// The user name of an "Authorization: Basic ..." header value ("" when the header is absent, of
// another scheme, or not valid base64). The password part, if any, is ignored.
std::string basicAuthUser(std::string_view authorization);

// True when auth.writeKeys is empty (every batch is accepted), or when the body's key or the Basic
// auth user is one of the configured keys.
bool writeKeyAccepted(const AuthOptions& auth, const std::string& bodyKey, const std::string& basicUser);

}  // namespace engage::collector
