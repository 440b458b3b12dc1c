// Consent ops: the visitor's choice, Google Consent Mode v2, IAB TCF v2.2, Global Privacy Control.
#include "engine/engine_state.h"

namespace engage {

Json Engine::State::consent(Json& cmd) {
  const std::string op = detail::stringOr(cmd, "op", "");
  std::vector<std::string> released;
  ConsentResult applied = privacy.apply(op, cmd, platform.clock->wallMs(), released);
  for (std::string& text : released) delivery.enqueue(text, platform.clock->wallMs());
  consentChanged();
  if (applied.status == ConsentStatus::Invalid) return detail::error("invalid_consent", applied.message);
  Json result = detail::ok();
  result["applied"] = applied.status == ConsentStatus::Applied;
  if (!applied.message.empty()) result["message"] = applied.message;
  result["released"] = released.size();
  result["consent"] = privacy.stateJson();
  return result;
}

Json Engine::State::consentState(Json&) {
  Json result = detail::ok();
  result["consent"] = privacy.stateJson();
  return result;
}

void Engine::State::consentChanged() {
  KeyValueStore* store = privacy.store();
  identity.moveTo(*store);
  delivery.moveTo(store);
  moveEngagement();
  renderContext();
}

}  // namespace engage
