// What the request handlers produce, independent of the HTTP library, so they are tested without
// sockets: the server (server.cpp) copies an ApiResponse onto the wire.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace engage::collector {

struct ApiResponse {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (e.g. Location)
};

// Query-string parameters, first value of each name.
using QueryParams = std::map<std::string, std::string>;

// {"ok":false,"error":{"code":...,"message":...}} with the given status. Codes so far:
// invalid_json, invalid_batch, invalid_event, payload_too_large, unsupported_media_type,
// invalid_query, not_found, storage_error, internal_error.
ApiResponse errorResponse(int status, const std::string& code, const std::string& message);

}  // namespace engage::collector
