#include "delivery/tab_registry.h"

namespace engage::detail {

TabRegistry::TabRegistry(KeyValueStore* store, std::string key, std::string tabId)
    : store_(store), key_(std::move(key)), tabId_(std::move(tabId)) {}

Json TabRegistry::read() {
  auto text = store_->get(key_);
  if (!text) return Json::object();
  auto parsed = parseJson(*text);
  return parsed && parsed->is_object() ? *parsed : Json::object();
}

void TabRegistry::write(const Json& tabs) { store_->set(key_, dumpJson(tabs)); }

void TabRegistry::heartbeat(int64_t wallMs) {
  Json tabs = read();
  tabs[tabId_] = {{"seen", wallMs}, {"released", false}};
  write(tabs);
}

void TabRegistry::release(int64_t wallMs) {
  Json tabs = read();
  tabs[tabId_] = {{"seen", wallMs}, {"released", true}};
  write(tabs);
}

bool TabRegistry::wasAdopted() { return member(read(), tabId_) == nullptr; }

std::vector<std::string> TabRegistry::claimDead(int64_t wallMs, int64_t staleMs,
                                                const std::optional<std::set<std::string>>& live) {
  Json tabs = read();
  std::vector<std::string> dead;
  for (auto it = tabs.begin(); it != tabs.end(); ++it) {
    if (it.key() == tabId_) continue;
    const bool released = boolOr(it.value(), "released", false);
    const int64_t seen = integerOr(it.value(), "seen", 0);
    const bool alive = live ? live->count(it.key()) > 0 : wallMs - seen < staleMs;
    if (released || !alive) dead.push_back(it.key());
  }
  if (dead.empty()) return dead;
  for (const auto& id : dead) tabs.erase(id);
  write(tabs);
  return dead;
}

}  // namespace engage::detail
