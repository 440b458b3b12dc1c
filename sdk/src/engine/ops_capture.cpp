// Configure, the event calls (track, page, identify, group, alias), the page context and identity.
#include "base/ids.h"
#include "engine/engine_state.h"

namespace engage {

Json Engine::State::configure(Json& cmd) {
  const Json* raw = detail::member(cmd, "config");
  const Json rawConfig = raw && raw->is_object() ? *raw : Json::object();
  auto parsed = detail::parseEngineConfig(rawConfig, config);
  if (!parsed.error.empty()) return detail::error("invalid_config", parsed.error);
  config = parsed.config;
  if (auto e = privacy.configure(rawConfig, config.storagePrefix, platform.clock->wallMs()); !e.empty())
    return detail::error("invalid_config", e);
  if (auto e = configureEngagement(rawConfig); !e.empty()) return detail::error("invalid_config", e);
  identity.setPrefix(config.storagePrefix);
  identity.moveTo(*privacy.store());
  identity.load();
  // The page names its tab (it holds a Web Lock under that name); otherwise the core makes one up.
  std::string requestedTab = detail::stringOr(cmd, "tabId", "");
  if (requestedTab.size() > 64) requestedTab.clear();
  if (tabId.empty())
    tabId = requestedTab.empty() ? detail::newUuid(*platform.random).substr(0, 8) : requestedTab;
  delivery.start(config.delivery, config.storagePrefix, tabId, privacy.store());
  renderContext();
  configured = true;
  Json result = detail::ok();
  result["anonymousId"] = identity.anonymousId();
  result["config"] = detail::configToJson(config);
  result["consent"] = privacy.stateJson();
  result["tabId"] = tabId;
  return result;
}

Json Engine::State::capture(const std::string& type, Json& cmd, int64_t emittedSessionId) {
  detail::EventFields fields;
  fields.type = type;
  fields.wallMs = detail::integerOr(cmd, "ts", platform.clock->wallMs());
  // The page makes the messageId at call time (so a replayed call stays one event); else the core.
  const std::string given = detail::stringOr(cmd, "messageId", "");
  fields.messageId = detail::isUuid(given) ? given : detail::newUuid(*platform.random);
  privacy.redactCommand(cmd);
  const Disposition disposition = privacy.route(type, cmd);  // once per event: it is not free
  // Engagement counts what is sent (a held or dropped event never happened for the metrics).
  if (emittedSessionId >= 0) fields.sessionId = emittedSessionId;
  else if (disposition == Disposition::Send) fields.sessionId = noteEvent(type, cmd, fields.wallMs);
  detail::Identity who{identity.anonymousId(), identity.userId()};
  auto built = detail::buildEvent(fields, cmd, who, pageContext, config.limits);
  if (built.error) return detail::error(built.error->code, built.error->message);
  if (auto tooLarge = detail::validateSize(built.text.size(), config.limits))
    return detail::error(tooLarge->code, tooLarge->message);

  if (type == "identify" || type == "alias") {
    const Json* userId = detail::member(cmd, "userId");
    if (userId && userId->is_string()) identity.setUserId(userId->get<std::string>());
    if (userId && userId->is_number()) identity.setUserId(detail::dumpJson(*userId));
  }
  Json result = route(disposition, type, cmd, std::move(built.text), fields.wallMs);
  result["messageId"] = fields.messageId;
  if (fields.sessionId > 0) result["sessionId"] = fields.sessionId;
  return emittedSessionId >= 0 ? result : withEmitted(std::move(result));
}

Json Engine::State::route(Disposition disposition, const std::string& type, const Json& cmd,
                          std::string text, int64_t wallMs) {
  Json result = detail::ok();
  switch (disposition) {
    case Disposition::Send:
      delivery.enqueue(text, wallMs);
      break;
    case Disposition::Hold:
      result["held"] = true;  // waits, in memory, for the visitor's decision
      if (!privacy.hold(std::move(text), type, cmd)) result["dropped"] = "consent_buffer_full";
      break;
    case Disposition::Drop:
      result["dropped"] = "consent";
      break;
  }
  return result;
}

Json Engine::State::context(Json& cmd) {
  if (auto e = pageContext.set(detail::member(cmd, "context"), config.limits))
    return detail::error(e->code, e->message);
  renderContext();
  return detail::ok();
}

Json Engine::State::reset(Json&) {
  identity.reset();
  if (engagement) engagement->clear();
  Json result = detail::ok();
  result["anonymousId"] = identity.anonymousId();
  return result;
}

Json Engine::State::state(Json&) {
  Json result = detail::ok();
  result["anonymousId"] = identity.anonymousId();
  result["userId"] = identity.userId().empty() ? Json() : Json(identity.userId());
  Json stats = delivery.statsJson();
  result["queued"] = stats["queued"];
  result["inFlight"] = stats["inFlight"];
  result["tabId"] = tabId;
  result["consent"] = privacy.stateJson();
  return result;
}

}  // namespace engage
