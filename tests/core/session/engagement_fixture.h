// Shared by the session tests: event builders and a fixture holding the clock, the shared store (one
// localStorage for all "tabs") and the config every Engagement in a test is built with.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engage/engagement.h"
#include "support/fakes.h"

namespace engage::testing {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

inline nlohmann::json pageEvent(const std::string& path, nlohmann::json extraContext = nlohmann::json::object()) {
  nlohmann::json context = extraContext;
  context["page"]["path"] = path;
  context["page"]["url"] = "https://shop.example" + path;
  return {{"type", "page"}, {"properties", nlohmann::json::object()}, {"context", context}};
}

inline nlohmann::json trackEvent(const std::string& name, nlohmann::json properties = nlohmann::json::object()) {
  return {{"type", "track"}, {"event", name}, {"properties", properties}};
}

inline std::vector<std::string> names(const std::vector<Emitted>& emitted) {
  std::vector<std::string> out;
  for (const Emitted& e : emitted) out.push_back(e.event);
  return out;
}

inline const Emitted* findEmitted(const std::vector<Emitted>& emitted, const std::string& name) {
  for (const Emitted& e : emitted) {
    if (e.event == name) return &e;
  }
  return nullptr;
}

class EngagementTest : public ::testing::Test {
 protected:
  ManualClock clock;
  MemoryStore store;  // one store shared by every Engagement of a test, as localStorage is by tabs
  EngagementConfig config;

  std::unique_ptr<Engagement> openTab() { return std::make_unique<Engagement>(config, store, "e."); }
  int64_t now() const { return clock.wall; }
  // Moves the clock and returns the new time.
  int64_t at(int64_t advanceMs) {
    clock.advance(advanceMs);
    return clock.wall;
  }
};

}  // namespace engage::testing
