#include "session/state_store.h"

namespace engage::detail {

std::optional<std::string> StateStore::readText(const std::string& name) {
  auto pending = unsaved_.find(name);
  if (pending != unsaved_.end()) return pending->second;
  return store_.get(prefix_ + name);
}

bool StateStore::writeText(const std::string& name, const std::string& text) {
  if (store_.set(prefix_ + name, text)) {
    unsaved_.erase(name);
    return true;
  }
  unsaved_[name] = text;
  return false;
}

void StateStore::remove(const std::string& name) {
  store_.remove(prefix_ + name);
  unsaved_.erase(name);
}

}  // namespace engage::detail
