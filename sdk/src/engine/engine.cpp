#include "engage/engine.h"

#include <unordered_map>

#include "engine/engine_state.h"

namespace engage {

Json Engine::State::dispatch(Json& command) {
  static const std::unordered_map<std::string, Handler> handlers = {
      {"configure", &State::configure},   {"track", &State::track},
      {"page", &State::page},             {"identify", &State::identify},
      {"group", &State::group},           {"alias", &State::alias},
      {"context", &State::context},       {"reset", &State::reset},
      {"state", &State::state},           {"flush", &State::flush},
      {"pagehide", &State::pageHide},     {"pageshow", &State::pageShow},
      {"online", &State::online},         {"adopt", &State::adopt},
      {"deliveryStats", &State::deliveryStats},
      {"consent", &State::consent},       {"consentMode", &State::consent},
      {"tcf", &State::consent},           {"gpc", &State::consent},
      {"consentForget", &State::consent}, {"consentState", &State::consentState},
      {"features", &State::features},     {"attributes", &State::attributes},
      {"feature", &State::feature},       {"experiment", &State::experiment},
      {"recommendationsModel", &State::recommendationsModel},
      {"recommend", &State::recommend},
      {"recommendationsState", &State::recommendationsState},
      {"activity", &State::activity},     {"metrics", &State::metrics},
      {"events", &State::events},
  };
  if (!command.is_object()) return detail::error("invalid_command", "a command must be an object");
  const Json* op = detail::member(command, "op");
  if (!op || !op->is_string()) return detail::error("invalid_command", "a command needs a string op");
  auto it = handlers.find(op->get<std::string>());
  if (it == handlers.end()) return detail::error("unknown_op", "unknown op " + op->get<std::string>());
  if (!configured && it->first != "configure")
    return detail::error("not_configured", "call configure before " + it->first);
  Json result = (this->*(it->second))(command);
  // Recommendations follow consent (and the store it allows) and learn from commerce events.
  if (it->first == "configure" || it->first.rfind("consent", 0) == 0 || it->first == "tcf" ||
      it->first == "gpc")
    syncRecommendations();
  if (it->first == "track" && detail::boolOr(result, "ok", false) && !result.contains("dropped"))
    recommendations.observe(command, platform.clock->wallMs());
  return result;
}

Engine::Engine(Platform platform) : state_(std::make_unique<State>(platform)) {}
Engine::~Engine() = default;

std::string Engine::run(std::string_view commandsJson) {
  auto parsed = detail::parseJson(commandsJson);
  if (!parsed)
    return detail::dumpJson(Json::array({detail::error("invalid_json", "commands are not JSON")}));
  Json results = Json::array();
  if (parsed->is_array()) {
    for (Json& command : *parsed) results.push_back(state_->dispatch(command));
  } else {
    results.push_back(state_->dispatch(*parsed));
  }
  // Accepted events may have filled a batch: send it now rather than on the next tick. What the
  // call changed is written to storage once, here.
  if (state_->configured) {
    state_->delivery.pump(false);
    state_->delivery.persist();
  }
  return detail::dumpJson(results);
}

int64_t Engine::tick() {
  if (!state_->configured) return -1;
  int64_t engagementWake = state_->tickEngagement();
  state_->delivery.tick();
  state_->delivery.persist();
  int64_t wake = state_->delivery.nextWakeupMs();
  if (engagementWake >= 0 && (wake < 0 || engagementWake < wake)) wake = engagementWake;
  return wake;
}

void Engine::onSendResult(const std::string& batchId, int status, int64_t retryAfterMs) {
  if (state_->configured) state_->delivery.onResult(batchId, status, retryAfterMs);
}

}  // namespace engage
