// Delivery ops: flush, page lifecycle, online/offline, tab adoption, counters.
#include <set>

#include "engine/engine_state.h"

namespace engage {

Json Engine::State::flush(Json&) {
  delivery.pump(/*force=*/true);
  return detail::ok();
}

Json Engine::State::pageHide(Json&) {
  delivery.pageHide();
  return detail::ok();
}

Json Engine::State::pageShow(Json&) {
  delivery.pageShow();
  return detail::ok();
}

Json Engine::State::online(Json& cmd) {
  delivery.setOnline(detail::boolOr(cmd, "online", true));
  return detail::ok();
}

Json Engine::State::adopt(Json& cmd) {
  std::optional<std::set<std::string>> live;
  if (const Json* list = detail::member(cmd, "live"); list && list->is_array()) {
    live.emplace();
    for (const Json& id : *list)
      if (id.is_string()) live->insert(id.get<std::string>());
  }
  Json result = detail::ok();
  result["adopted"] = delivery.adoptDead(live);
  return result;
}

Json Engine::State::deliveryStats(Json&) {
  Json result = delivery.statsJson();
  result["ok"] = true;
  return result;
}

}  // namespace engage
