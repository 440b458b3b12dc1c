// Static files under URL prefixes (the shop at /, the dashboard at /dashboard/, the SDK at /dist/),
// with the MIME types browsers insist on (application/wasm for streaming compilation,
// text/javascript for modules) and no way out of a mounted directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"

namespace engage::collector {

struct StaticMount {
  std::string urlPrefix;      // starts and ends with '/', e.g. "/dashboard/"
  std::filesystem::path dir;  // served directory
};

class StaticFiles {
 public:
  explicit StaticFiles(std::vector<StaticMount> mounts);

  // The repo layout: /dist/ -> js/dist, /dashboard/ -> web-demo/dashboard, / -> web-demo/shop.
  static StaticFiles forRepo(const std::filesystem::path& root);

  // The file a decoded URL path names, or nullopt when it is missing, not a regular file, or would
  // leave its mount: any "..", "." -prefixed (hidden) segment, backslash or NUL is refused, and the
  // resolved path (symlinks followed) must still lie inside the mount. A directory means its
  // index.html. The longest matching prefix wins.
  std::optional<std::filesystem::path> resolve(std::string_view urlPath) const;

  // 200 with the file and its MIME type; 301 to "<prefix>" for a mount named without its slash
  // (so "/dashboard" reaches "/dashboard/"); 404 not_found otherwise.
  ApiResponse serve(std::string_view urlPath) const;

 private:
  std::vector<StaticMount> mounts_;  // longest prefix first
};

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string mimeTypeFor(const std::filesystem::path& file);

}  // namespace engage::collector
