// Helpers shared by the collector tests: a temporary directory, a settable clock and event JSON.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engage/platform.h"

namespace engage::collector::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "engage-collector-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void writeFile(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

class FixedClock : public Clock {
 public:
  int64_t wall = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
  int64_t wallMs() override { return wall; }
  int64_t monotonicMs() override { return wall; }
};

// A valid track event as the SDK sends it.
inline std::string trackEvent(const std::string& messageId, const std::string& name = "Product Viewed",
                              const std::string& anonymousId = "anon-1",
                              const std::string& timestamp = "2026-01-01T00:00:00.000Z") {
  return R"({"type":"track","event":")" + name + R"(","messageId":")" + messageId +
         R"(","anonymousId":")" + anonymousId + R"(","timestamp":")" + timestamp +
         R"(","properties":{"product_id":"sku-1","price":19.9}})";
}

inline std::string batchOf(const std::string& eventsCommaSeparated) {
  return R"({"batch":[)" + eventsCommaSeparated + R"(],"sentAt":"2026-01-01T00:00:01.000Z"})";
}

}  // namespace engage::collector::testing
