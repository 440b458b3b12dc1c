#include "session/state_store.h"

namespace engage::detail {

std::optional<Json> StateStore::read(const std::string& name) {
  auto pending = unsaved_.find(name);
  if (pending != unsaved_.end()) return pending->second;
  std::optional<std::string> text = store_.get(prefix_ + name);
  if (!text) return std::nullopt;
  return parseJson(*text);
}

bool StateStore::write(const std::string& name, const Json& doc) {
  if (store_.set(prefix_ + name, dumpJson(doc))) {
    unsaved_.erase(name);
    return true;
  }
  unsaved_[name] = doc;
  return false;
}

void StateStore::remove(const std::string& name) {
  store_.remove(prefix_ + name);
  unsaved_.erase(name);
}

}  // namespace engage::detail
