// Engagement ops (issue 3): sessions, engaged time, cart and lifetime metrics. One Engagement per
// engine, on the privacy gate's store; every event the engine sends goes through onEvent() and carries
// the returned sessionId; what Engagement emits (Session Started/Ended, Page Left, Cart/Checkout
// Abandoned) is captured as a track event through the same path and reported back to JS.
#include "engine/engine_state.h"

namespace engage {

namespace {

// Reads config.engagement over the defaults; a field of the wrong type or out of range is an error.
std::string parseEngagementConfig(const Json& raw, EngagementConfig& out) {
  const Json* e = detail::member(raw, "engagement");
  if (!e) return "";
  if (!e->is_object()) return "engagement must be an object";
  struct Field { const char* name; int64_t* target; };
  Field ints[] = {{"sessionTimeoutMs", &out.sessionTimeoutMs},
                  {"sessionMaxLengthMs", &out.sessionMaxLengthMs},
                  {"idleCutoffMs", &out.idleCutoffMs},
                  {"engagedSessionMinMs", &out.engagedSessionMinMs},
                  {"engagedSessionMinPages", &out.engagedSessionMinPages}};
  for (const Field& f : ints) {
    const Json* v = detail::member(*e, f.name);
    if (!v) continue;
    if (!v->is_number_integer() || v->get<int64_t>() < 1)
      return std::string("engagement.") + f.name + " must be a positive integer";
    *f.target = v->get<int64_t>();
  }
  if (const Json* v = detail::member(*e, "splitOnCampaignChange")) {
    if (!v->is_boolean()) return "engagement.splitOnCampaignChange must be a boolean";
    out.splitOnCampaignChange = v->get<bool>();
  }
  if (const Json* v = detail::member(*e, "conversionEvents")) {
    if (!v->is_array()) return "engagement.conversionEvents must be an array of strings";
    std::vector<std::string> names;
    for (const Json& n : *v) {
      if (!n.is_string()) return "engagement.conversionEvents must be an array of strings";
      names.push_back(n.get<std::string>());
    }
    out.conversionEvents = std::move(names);
  }
  return "";
}

Json emittedJson(const Emitted& e) {
  return Json{{"event", e.event}, {"properties", e.properties}, {"sessionId", e.sessionId}, {"atMs", e.atMs}};
}

}  // namespace

std::string Engine::State::configureEngagement(const Json& rawConfig) {
  // Off unless asked for (config.engagement true or an object): the JS client asks by default.
  const Json* on = detail::member(rawConfig, "engagement");
  if (!on || on->is_null() || (on->is_boolean() && !on->get<bool>())) {
    engagement.reset();
    engagementStore = nullptr;
    return "";
  }
  EngagementConfig parsed = engagementConfig;
  if (!on->is_boolean())
    if (auto e = parseEngagementConfig(rawConfig, parsed); !e.empty()) return e;
  engagementConfig = std::move(parsed);
  engagementStore = privacy.store();
  engagement = std::make_unique<Engagement>(engagementConfig, *engagementStore, config.storagePrefix + "eng.");
  return "";
}

void Engine::State::moveEngagement() {
  // Engagement reads and writes its store on every call, so following the store is a new object over
  // it (consent that moves ids off the device moves the session too; nothing is copied back).
  if (!engagement || privacy.store() == engagementStore) return;
  engagementStore = privacy.store();
  engagement = std::make_unique<Engagement>(engagementConfig, *engagementStore, config.storagePrefix + "eng.");
}

int64_t Engine::State::noteEvent(const std::string& type, const Json& cmd, int64_t wallMs) {
  if (!engagement) return 0;
  // The fields Engagement reads (type, event, properties, context.page/campaign), without building
  // the wire text twice.
  Json view = {{"type", type}, {"context", pageContext.json()}};
  if (const Json* v = detail::member(cmd, "event")) view["event"] = *v;
  if (const Json* v = detail::member(cmd, "properties")) view["properties"] = *v;
  EngagementUpdate update = engagement->onEvent(view, wallMs);
  emitEngagement(update.emitted);
  return update.sessionId;
}

void Engine::State::emitEngagement(const std::vector<Emitted>& emitted) {
  for (const Emitted& e : emitted) {
    Json cmd = {{"op", "track"}, {"event", e.event}, {"properties", e.properties}, {"ts", e.atMs}};
    capture("track", cmd, e.sessionId);
    Json j = emittedJson(e);
    emittedNow.push_back(j);
    recentEmitted.push_back(std::move(j));
    while (recentEmitted.size() > kRecentEmittedMax) recentEmitted.erase(recentEmitted.begin());
  }
}

Json Engine::State::withEmitted(Json result) {
  if (!emittedNow.empty()) result["emitted"] = std::move(emittedNow);
  emittedNow = Json::array();
  return result;
}

Json Engine::State::activity(Json& cmd) {
  if (!engagement) return detail::error("engagement_off", "configure with engagement to use activity");
  auto kind = parseActivity(detail::stringOr(cmd, "kind", ""));
  if (!kind) return detail::error("invalid_activity", "kind must be visible, hidden, focus, blur, input, scroll or pagehide");
  int64_t ts = detail::integerOr(cmd, "ts", platform.clock->wallMs());
  emitEngagement(engagement->onActivity(*kind, ts, detail::numberOr(cmd, "value", 0)));
  return withEmitted(detail::ok());
}

Json Engine::State::metrics(Json&) {
  if (!engagement) return detail::error("engagement_off", "configure with engagement to use metrics");
  // Embedded as text: the binding splices the object into the result without a parse and re-dump.
  std::string text = engagement->metricsJson(platform.clock->wallMs());
  Json result = detail::ok();
  result["metrics"] = detail::parseJson(text).value_or(Json::object());
  return result;
}

Json Engine::State::events(Json&) {
  Json result = detail::ok();
  result["events"] = std::move(recentEmitted);
  recentEmitted = Json::array();
  return result;
}

int64_t Engine::State::tickEngagement() {
  if (!engagement) return -1;
  int64_t now = platform.clock->wallMs();
  emitEngagement(engagement->tick(now));
  emittedNow = Json::array();  // a tick has no caller: JS reads these through the events op
  return engagement->nextWakeupMs(now);
}

}  // namespace engage
