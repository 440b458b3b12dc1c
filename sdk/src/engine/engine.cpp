#include "engage/engine.h"

#include <set>
#include <unordered_map>

#include "base/ids.h"
#include "base/json_access.h"
#include "delivery/delivery.h"
#include "engine/engine_config.h"
#include "event/event_builder.h"
#include "identity/identity_store.h"

namespace engage {

using detail::Json;

namespace {

Json ok() { return Json{{"ok", true}}; }

Json error(const std::string& code, const std::string& message) {
  return Json{{"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

struct Engine::State {
  explicit State(Platform p)
      : platform(p),
        identity(*p.store, *p.random, *p.logger, config.storagePrefix),
        delivery(p) {}

  using Handler = Json (State::*)(const Json&);

  Json dispatch(const Json& command);
  Json configure(const Json& cmd);
  Json capture(const std::string& type, const Json& cmd);
  Json track(const Json& cmd) { return capture("track", cmd); }
  Json page(const Json& cmd) { return capture("page", cmd); }
  Json identify(const Json& cmd) { return capture("identify", cmd); }
  Json group(const Json& cmd) { return capture("group", cmd); }
  Json alias(const Json& cmd) { return capture("alias", cmd); }
  Json context(const Json& cmd);
  Json reset(const Json&);
  Json flush(const Json&);
  Json state(const Json&);
  Json pageHide(const Json&) { delivery.pageHide(); return ok(); }
  Json pageShow(const Json&) { delivery.pageShow(); return ok(); }
  Json online(const Json& cmd);
  Json adopt(const Json& cmd);
  Json deliveryStats(const Json&);

  Platform platform;
  detail::EngineConfig config;
  detail::IdentityStore identity;
  detail::Delivery delivery;
  detail::PageContext pageContext;
  std::string tabId;
  bool configured = false;
};

Json Engine::State::dispatch(const Json& command) {
  static const std::unordered_map<std::string, Handler> handlers = {
      {"configure", &State::configure}, {"track", &State::track},
      {"page", &State::page},           {"identify", &State::identify},
      {"group", &State::group},         {"alias", &State::alias},
      {"reset", &State::reset},         {"flush", &State::flush},
      {"state", &State::state},         {"pagehide", &State::pageHide},
      {"pageshow", &State::pageShow},   {"online", &State::online},
      {"adopt", &State::adopt},         {"deliveryStats", &State::deliveryStats},
      {"context", &State::context},
  };
  if (!command.is_object()) return error("invalid_command", "a command must be an object");
  const Json* op = detail::member(command, "op");
  if (!op || !op->is_string()) return error("invalid_command", "a command needs a string op");
  auto it = handlers.find(op->get<std::string>());
  if (it == handlers.end()) return error("unknown_op", "unknown op " + op->get<std::string>());
  if (!configured && it->first != "configure")
    return error("not_configured", "call configure before " + it->first);
  return (this->*(it->second))(command);
}

Json Engine::State::configure(const Json& cmd) {
  const Json* raw = detail::member(cmd, "config");
  auto parsed = detail::parseEngineConfig(raw ? *raw : Json::object(), config);
  if (!parsed.error.empty()) return error("invalid_config", parsed.error);
  config = parsed.config;
  identity.setPrefix(config.storagePrefix);
  identity.load();
  // The page names its tab (it holds a Web Lock under that name); otherwise the core makes one up.
  std::string requestedTab = detail::stringOr(cmd, "tabId", "");
  if (requestedTab.size() > 64) requestedTab.clear();
  if (tabId.empty()) tabId = requestedTab.empty() ? detail::newUuid(*platform.random).substr(0, 8)
                                                  : requestedTab;
  delivery.start(config.delivery, config.storagePrefix, tabId, platform.store);
  configured = true;
  Json result = ok();
  result["anonymousId"] = identity.anonymousId();
  result["config"] = detail::configToJson(config);
  result["tabId"] = tabId;
  return result;
}

Json Engine::State::capture(const std::string& type, const Json& cmd) {
  detail::EventFields fields;
  fields.type = type;
  fields.wallMs = detail::integerOr(cmd, "ts", platform.clock->wallMs());
  // The page makes the messageId at call time (so a replayed call stays one event); else the core.
  const std::string given = detail::stringOr(cmd, "messageId", "");
  fields.messageId = detail::isUuid(given) ? given : detail::newUuid(*platform.random);
  detail::Identity who{identity.anonymousId(), identity.userId()};
  auto built = detail::buildEvent(fields, cmd, who, pageContext, config.limits);
  if (built.error) return error(built.error->code, built.error->message);
  if (auto tooLarge = detail::validateSize(built.text.size(), config.limits))
    return error(tooLarge->code, tooLarge->message);

  if (type == "identify" || type == "alias") {
    const Json* userId = detail::member(cmd, "userId");
    if (userId && userId->is_string()) identity.setUserId(userId->get<std::string>());
    if (userId && userId->is_number()) identity.setUserId(detail::dumpJson(*userId));
  }
  delivery.enqueue(built.text, fields.wallMs);
  Json result = ok();
  result["messageId"] = fields.messageId;
  return result;
}

Json Engine::State::context(const Json& cmd) {
  if (auto e = pageContext.set(detail::member(cmd, "context"), config.limits))
    return error(e->code, e->message);
  return ok();
}

Json Engine::State::reset(const Json&) {
  identity.reset();
  Json result = ok();
  result["anonymousId"] = identity.anonymousId();
  return result;
}

Json Engine::State::flush(const Json&) {
  Json result = ok();
  delivery.pump(/*force=*/true);
  return result;
}

Json Engine::State::state(const Json&) {
  Json result = ok();
  result["anonymousId"] = identity.anonymousId();
  result["userId"] = identity.userId().empty() ? Json() : Json(identity.userId());
  Json stats = delivery.statsJson();
  result["queued"] = stats["queued"];
  result["inFlight"] = stats["inFlight"];
  result["tabId"] = tabId;
  return result;
}

Json Engine::State::online(const Json& cmd) {
  delivery.setOnline(detail::boolOr(cmd, "online", true));
  return ok();
}

Json Engine::State::adopt(const Json& cmd) {
  std::optional<std::set<std::string>> live;
  if (const Json* list = detail::member(cmd, "live"); list && list->is_array()) {
    live.emplace();
    for (const Json& id : *list)
      if (id.is_string()) live->insert(id.get<std::string>());
  }
  Json result = ok();
  result["adopted"] = delivery.adoptDead(live);
  return result;
}

Json Engine::State::deliveryStats(const Json&) {
  Json result = delivery.statsJson();
  result["ok"] = true;
  return result;
}

Engine::Engine(Platform platform) : state_(std::make_unique<State>(platform)) {}
Engine::~Engine() = default;

std::string Engine::run(std::string_view commandsJson) {
  auto parsed = detail::parseJson(commandsJson);
  if (!parsed) return detail::dumpJson(Json::array({error("invalid_json", "commands are not JSON")}));
  Json results = Json::array();
  if (parsed->is_array()) {
    for (const Json& command : *parsed) results.push_back(state_->dispatch(command));
  } else {
    results.push_back(state_->dispatch(*parsed));
  }
  // Accepted events may have filled a batch: send it now rather than on the next tick.
  if (state_->configured) {
    state_->delivery.pump(false);
    state_->delivery.persist();
  }
  return detail::dumpJson(results);
}

int64_t Engine::tick() {
  if (!state_->configured) return -1;
  state_->delivery.tick();
  state_->delivery.persist();
  return state_->delivery.nextWakeupMs();
}

void Engine::onSendResult(const std::string& batchId, int status, int64_t retryAfterMs) {
  if (state_->configured) state_->delivery.onResult(batchId, status, retryAfterMs);
}

}  // namespace engage
