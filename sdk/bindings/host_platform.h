// Adapters from the JS host object (docs/ARCHITECTURE.md, "The engine and its one boundary") to the
// core's Platform interfaces. The JS side implements clocks, storage, fetch/beacon and logging.
#pragma once

#include <emscripten/val.h>

#include "engage/platform.h"

namespace engage::bindings {

class HostPlatform final : public Clock,
                           public KeyValueStore,
                           public Transport,
                           public Random,
                           public Logger {
 public:
  explicit HostPlatform(emscripten::val host) : host_(std::move(host)) {}

  int64_t wallMs() override;
  int64_t monotonicMs() override;
  std::optional<std::string> get(const std::string& key) override;
  bool set(const std::string& key, const std::string& value) override;
  void remove(const std::string& key) override;
  void send(const OutgoingBatch& batch) override;
  uint32_t nextU32() override;
  void log(LogLevel level, const std::string& message) override;

  Platform platform() { return Platform{this, this, this, this, this}; }

 private:
  emscripten::val host_;
};

}  // namespace engage::bindings
