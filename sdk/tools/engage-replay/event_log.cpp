#include "event_log.h"

#include "base/json_access.h"

namespace engage::replay {
namespace {

using detail::Json;

std::string aidText(const Json& e) {
  const Json* aid = detail::member(e, "aid");
  if (!aid || !aid->is_number_integer()) return "";
  return std::to_string(aid->get<int64_t>());
}

void addEngageEvent(const Json& event, EventLog& log) {
  std::optional<int64_t> ms = eventWallMs(event);
  if (!event.is_object() || !ms) {
    ++log.skipped;
    return;
  }
  std::string visitor = detail::stringOr(event, "anonymousId", "");
  if (visitor.empty()) visitor = detail::stringOr(event, "userId", "unknown");
  log.visitors[visitor].push_back(TimedEvent{event, *ms});
  ++log.events;
}

void addEngageLine(const Json& line, EventLog& log) {
  for (const char* listKey : {"batch", "events"}) {
    const Json* list = detail::member(line, listKey);
    if (list && list->is_array()) {
      for (const Json& event : *list) addEngageEvent(event, log);
      return;
    }
  }
  addEngageEvent(line, log);
}

Json ottoPage(const std::string& aid) {
  return {{"type", "page"}, {"name", "Product"}, {"properties", {{"product_id", aid}}},
          {"context", {{"page", {{"path", "/product/" + aid}}}}}};
}

Json ottoTrack(const std::string& name, Json properties) {
  return {{"type", "track"}, {"event", name}, {"properties", std::move(properties)}};
}

}  // namespace

std::vector<TimedEvent> ottoSessionEvents(const Json& line, int64_t& skipped) {
  std::vector<TimedEvent> out;
  std::map<int64_t, size_t> orderAt;  // ts -> index of its Order Completed in `out`
  const Json* events = detail::member(line, "events");
  if (!events || !events->is_array()) return out;
  for (const Json& e : *events) {
    std::string aid = aidText(e);
    std::string type = detail::stringOr(e, "type", "");
    const Json* tsValue = detail::member(e, "ts");
    if (aid.empty() || !tsValue || !tsValue->is_number_integer()) {
      ++skipped;
      continue;
    }
    int64_t ts = tsValue->get<int64_t>();
    Json product = {{"product_id", aid}, {"quantity", 1}};
    if (type == "clicks") {
      out.push_back({ottoPage(aid), ts});
      out.push_back({ottoTrack("Product Viewed", {{"product_id", aid}}), ts});
    } else if (type == "carts") {
      out.push_back({ottoTrack("Product Added", product), ts});
    } else if (type == "orders") {
      auto it = orderAt.find(ts);
      if (it == orderAt.end()) {
        orderAt[ts] = out.size();
        out.push_back({ottoTrack("Order Completed", {{"products", Json::array({product})}}), ts});
      } else {
        out[it->second].event["properties"]["products"].push_back(product);
      }
    } else {
      ++skipped;
    }
  }
  return out;
}

void readLog(std::istream& in, LogFormat format, EventLog& log) {
  std::string text;
  while (std::getline(in, text)) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++log.lines;
    std::optional<Json> line = detail::parseJson(text);
    if (!line || !line->is_object()) {
      ++log.skipped;
      continue;
    }
    bool otto = format == LogFormat::Otto ||
                (format == LogFormat::Auto && line->contains("session") && line->contains("events"));
    if (!otto) {
      addEngageLine(*line, log);
      continue;
    }
    const Json* session = detail::member(*line, "session");
    if (!session || !session->is_number_integer()) {
      ++log.skipped;
      continue;
    }
    std::vector<TimedEvent> events = ottoSessionEvents(*line, log.skipped);
    log.events += static_cast<int64_t>(events.size());
    auto& visitor = log.visitors["otto-" + std::to_string(session->get<int64_t>())];
    visitor.insert(visitor.end(), events.begin(), events.end());
  }
}

}  // namespace engage::replay
