#include "engine/engine_config.h"

namespace engage::detail {

namespace {

// Reads json[key] into `out` when present; records a type error otherwise.
template <typename T>
void read(const Json& json, const char* key, T& out, std::string& error) {
  const Json* v = member(json, key);
  if (!v || v->is_null() || !error.empty()) return;
  if constexpr (std::is_same_v<T, std::string>) {
    if (v->is_string()) { out = v->get<std::string>(); return; }
    error = std::string(key) + " must be a string";
  } else {
    if (v->is_number() && v->get<double>() >= 0 && v->get<double>() <= 1e12) {
      out = static_cast<T>(v->get<double>());
      return;
    }
    error = std::string(key) + " must be a non-negative number";
  }
}

}  // namespace

ConfigResult parseEngineConfig(const Json& json, const EngineConfig& base) {
  ConfigResult r{base, ""};
  if (!json.is_object()) return {base, "config must be an object"};
  read(json, "storagePrefix", r.config.storagePrefix, r.error);
  DeliveryConfig& d = r.config.delivery;
  read(json, "endpoint", d.endpoint, r.error);
  read(json, "writeKey", d.writeKey, r.error);
  read(json, "maxBatchEvents", d.maxBatchEvents, r.error);
  read(json, "maxBatchBytes", d.maxBatchBytes, r.error);
  read(json, "flushIntervalMs", d.flushIntervalMs, r.error);
  read(json, "maxQueueEvents", d.maxQueueEvents, r.error);
  read(json, "retryBaseMs", d.retryBaseMs, r.error);
  read(json, "retryMaxMs", d.retryMaxMs, r.error);
  if (const Json* limits = member(json, "limits"); limits && limits->is_object()) {
    EventLimits& l = r.config.limits;
    read(*limits, "maxNameLength", l.maxNameLength, r.error);
    read(*limits, "maxDepth", l.maxDepth, r.error);
    read(*limits, "maxEventBytes", l.maxEventBytes, r.error);
    read(*limits, "maxIdLength", l.maxIdLength, r.error);
  }
  if (d.maxBatchEvents == 0) d.maxBatchEvents = 1;
  if (d.retryBaseMs < 1) d.retryBaseMs = 1;
  return r;
}

Json configToJson(const EngineConfig& c) {
  const DeliveryConfig& d = c.delivery;
  const EventLimits& l = c.limits;
  return {{"storagePrefix", c.storagePrefix},
          {"endpoint", d.endpoint},
          {"maxBatchEvents", d.maxBatchEvents},
          {"maxBatchBytes", d.maxBatchBytes},
          {"flushIntervalMs", d.flushIntervalMs},
          {"maxQueueEvents", d.maxQueueEvents},
          {"retryBaseMs", d.retryBaseMs},
          {"retryMaxMs", d.retryMaxMs},
          {"limits",
           {{"maxNameLength", l.maxNameLength},
            {"maxDepth", l.maxDepth},
            {"maxEventBytes", l.maxEventBytes},
            {"maxIdLength", l.maxIdLength}}}};
}

}  // namespace engage::detail
