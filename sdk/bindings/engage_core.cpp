// The one class that crosses into JS. Methods take and return JSON strings or plain numbers; the JS
// layer owns the handle (users never delete() anything).
#include <emscripten/bind.h>

#include "engage/engine.h"
#include "host_platform.h"

namespace engage::bindings {

class EngageCore {
 public:
  explicit EngageCore(emscripten::val host) : platform_(std::move(host)), engine_(platform_.platform()) {}

  std::string run(const std::string& commandsJson) { return engine_.run(commandsJson); }
  double tick() { return static_cast<double>(engine_.tick()); }
  void sendResult(const std::string& batchId, int status, double retryAfterMs) {
    engine_.onSendResult(batchId, status, static_cast<int64_t>(retryAfterMs));
  }
  // Traps inside the instance, as a real abort would: the tests use it to show that the JS layer
  // recovers without losing events. It does nothing a page could not already do to itself.
  void debugAbort() { __builtin_trap(); }

 private:
  HostPlatform platform_;
  Engine engine_;
};

EMSCRIPTEN_BINDINGS(engage) {
  emscripten::class_<EngageCore>("EngageCore")
      .constructor<emscripten::val>()
      .function("run", &EngageCore::run)
      .function("tick", &EngageCore::tick)
      .function("sendResult", &EngageCore::sendResult)
      .function("debugAbort", &EngageCore::debugAbort);
}

}  // namespace engage::bindings
