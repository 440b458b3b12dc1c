#include "host_platform.h"

namespace engage::bindings {

using emscripten::val;

int64_t HostPlatform::wallMs() { return static_cast<int64_t>(host_.call<double>("wallMs")); }

int64_t HostPlatform::monotonicMs() {
  return static_cast<int64_t>(host_.call<double>("monotonicMs"));
}

std::optional<std::string> HostPlatform::get(const std::string& key) {
  val v = host_.call<val>("get", key);
  if (!v.isString()) return std::nullopt;
  return v.as<std::string>();
}

bool HostPlatform::set(const std::string& key, const std::string& value) {
  return host_.call<bool>("set", key, value);
}

void HostPlatform::remove(const std::string& key) { host_.call<void>("remove", key); }

void HostPlatform::send(const OutgoingBatch& batch) {
  host_.call<void>("send", batch.id, batch.url, batch.contentType, batch.body, batch.eventCount,
                   batch.beacon, batch.gzip);
}

uint32_t HostPlatform::nextU32() { return host_.call<uint32_t>("random"); }

void HostPlatform::log(LogLevel level, const std::string& message) {
  host_.call<void>("log", static_cast<int>(level), message);
}

}  // namespace engage::bindings
