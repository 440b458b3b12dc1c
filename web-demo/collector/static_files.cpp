#include "static_files.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace engage::collector {
namespace fs = std::filesystem;
namespace {

// True when every component of `base` starts `path` (component-wise, so /a/shop2 is not in /a/shop).
bool isInside(const fs::path& path, const fs::path& base) {
  auto [baseEnd, pathIt] = std::mismatch(base.begin(), base.end(), path.begin(), path.end());
  (void)pathIt;
  return baseEnd == base.end();
}

// The path below a mount as safe relative components, or nullopt for a refused segment.
std::optional<fs::path> safeRelative(std::string_view rest) {
  if (rest.find('\\') != std::string_view::npos || rest.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  fs::path relative;
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t end = rest.find('/', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view segment = rest.substr(start, end - start);
    if (!segment.empty()) {
      if (segment.front() == '.') return std::nullopt;  // "..", ".", and hidden files
      relative /= std::string(segment);
    }
    start = end + 1;
  }
  return relative;
}

std::optional<std::string> readWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::string mimeTypeFor(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".map", "application/json"},           {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".jpg", "image/jpeg"},                 {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                  {".webp", "image/webp"},
      {".ico", "image/x-icon"},               {".txt", "text/plain; charset=utf-8"},
      {".ts", "text/plain; charset=utf-8"},   {".woff2", "font/woff2"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(std::vector<StaticMount> mounts) : mounts_(std::move(mounts)) {
  std::stable_sort(mounts_.begin(), mounts_.end(), [](const StaticMount& a, const StaticMount& b) {
    return a.urlPrefix.size() > b.urlPrefix.size();
  });
}

StaticFiles StaticFiles::forRepo(const fs::path& root) {
  return StaticFiles({{"/dist/", root / "js" / "dist"},
                      {"/dashboard/", root / "web-demo" / "dashboard"},
                      {"/", root / "web-demo" / "shop"}});
}

std::optional<fs::path> StaticFiles::resolve(std::string_view urlPath) const {
  for (const StaticMount& mount : mounts_) {
    if (urlPath.substr(0, mount.urlPrefix.size()) != mount.urlPrefix) continue;
    std::optional<fs::path> relative = safeRelative(urlPath.substr(mount.urlPrefix.size()));
    if (!relative) return std::nullopt;
    std::error_code ec;
    fs::path base = fs::canonical(mount.dir, ec);
    if (ec) return std::nullopt;
    fs::path file = fs::weakly_canonical(base / *relative, ec);
    if (ec || !isInside(file, base)) return std::nullopt;
    if (fs::is_directory(file, ec)) file /= "index.html";
    file = fs::canonical(file, ec);  // follows a symlinked index.html too
    if (ec || !isInside(file, base) || !fs::is_regular_file(file, ec)) return std::nullopt;
    return file;
  }
  return std::nullopt;
}

ApiResponse StaticFiles::serve(std::string_view urlPath) const {
  for (const StaticMount& mount : mounts_) {
    if (mount.urlPrefix.size() > 1 && urlPath == std::string_view(mount.urlPrefix).substr(0, mount.urlPrefix.size() - 1)) {
      ApiResponse redirect;
      redirect.status = 301;
      redirect.contentType = "text/plain; charset=utf-8";
      redirect.headers.emplace_back("Location", mount.urlPrefix);
      return redirect;
    }
  }
  std::optional<fs::path> file = resolve(urlPath);
  std::optional<std::string> content = file ? readWhole(*file) : std::nullopt;
  if (!content) return errorResponse(404, "not_found", "no such file: " + std::string(urlPath));
  ApiResponse response;
  response.contentType = mimeTypeFor(*file);
  response.body = std::move(*content);
  // A development server: always revalidate so an edited page or a rebuilt SDK shows at once.
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace engage::collector
