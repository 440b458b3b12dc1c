// The whole Engage core behind one object. Commands go in as JSON, results come out as JSON
// (docs/ARCHITECTURE.md lists the ops). The engine is synchronous: it never blocks, never reads a
// clock or storage except through the injected Platform, and never throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engage/platform.h"

namespace engage {

class Engine {
 public:
  explicit Engine(Platform platform);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // A JSON array of commands (or one command object) in; a JSON array of results out, one per
  // command, in order. Invalid JSON gives one error result.
  std::string run(std::string_view commandsJson);

  // Runs what is due now. Returns milliseconds until the engine next wants tick(), or -1.
  int64_t tick();

  // The outcome of OutgoingBatch `batchId`: HTTP status (0 for a network error) and the server's
  // Retry-After in ms (-1 when absent).
  void onSendResult(const std::string& batchId, int status, int64_t retryAfterMs);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace engage
