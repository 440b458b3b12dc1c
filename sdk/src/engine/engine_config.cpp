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
  Destination primary = d.destinations.empty() ? Destination{} : d.destinations.front();
  read(json, "endpoint", primary.url, r.error);
  read(json, "writeKey", primary.writeKey, r.error);
  if (const Json* gzip = member(json, "gzip"); gzip && gzip->is_boolean()) primary.gzip = *gzip;
  d.destinations = {primary};
  if (const Json* list = member(json, "destinations"); list && !list->is_null()) {
    if (!list->is_array() || list->empty() || list->size() > 8) {
      r.error = "destinations must be an array of 1 to 8 objects";
    } else {
      d.destinations.clear();
      for (const Json& item : *list) {
        Destination dest;
        dest.writeKey = primary.writeKey;
        read(item, "url", dest.url, r.error);
        read(item, "writeKey", dest.writeKey, r.error);
        std::string format = "engage";
        read(item, "format", format, r.error);
        if (r.error.empty() && !parseWireFormat(format, dest.format))
          r.error = "destination format must be engage, segment or posthog";
        if (const Json* gzip = member(item, "gzip"); gzip && gzip->is_boolean()) dest.gzip = *gzip;
        d.destinations.push_back(dest);
      }
    }
  }
  read(json, "maxBatchEvents", d.maxBatchEvents, r.error);
  read(json, "maxBatchBytes", d.maxBatchBytes, r.error);
  read(json, "flushIntervalMs", d.flushIntervalMs, r.error);
  read(json, "maxQueueEvents", d.maxQueueEvents, r.error);
  read(json, "maxQueueBytes", d.maxQueueBytes, r.error);
  read(json, "maxEventAgeMs", d.maxEventAgeMs, r.error);
  read(json, "unloadBudgetBytes", d.unloadBudgetBytes, r.error);
  read(json, "heartbeatMs", d.heartbeatMs, r.error);
  read(json, "tabStaleMs", d.tabStaleMs, r.error);
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
  Json destinations = Json::array();
  for (const auto& dest : d.destinations)
    destinations.push_back({{"url", dest.url}, {"format", wireFormatName(dest.format)},
                            {"gzip", dest.gzip}});
  return {{"storagePrefix", c.storagePrefix},
          {"destinations", destinations},
          {"maxBatchEvents", d.maxBatchEvents},
          {"maxBatchBytes", d.maxBatchBytes},
          {"flushIntervalMs", d.flushIntervalMs},
          {"maxQueueEvents", d.maxQueueEvents},
          {"maxQueueBytes", d.maxQueueBytes},
          {"maxEventAgeMs", d.maxEventAgeMs},
          {"unloadBudgetBytes", d.unloadBudgetBytes},
          {"heartbeatMs", d.heartbeatMs},
          {"tabStaleMs", d.tabStaleMs},
          {"retryBaseMs", d.retryBaseMs},
          {"retryMaxMs", d.retryMaxMs},
          {"limits",
           {{"maxNameLength", l.maxNameLength},
            {"maxDepth", l.maxDepth},
            {"maxEventBytes", l.maxEventBytes},
            {"maxIdLength", l.maxIdLength}}}};
}

}  // namespace engage::detail
