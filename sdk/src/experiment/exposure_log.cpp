#include "experiment/exposure_log.h"

#include "base/json_access.h"

namespace engage::detail {

std::string ExposureLog::exposureKey(const std::string& hashAttribute, const std::string& hashValue,
                                     const std::string& experimentKey, int variationId) {
  return hashAttribute + "|" + hashValue + "|" + experimentKey + "|" + std::to_string(variationId);
}

bool ExposureLog::contains(const std::string& key) {
  load();
  return keys_.count(key) > 0;
}

bool ExposureLog::record(const std::string& key) {
  load();
  if (!keys_.insert(key).second) return false;
  order_.push_back(key);
  while (order_.size() > maxEntries_) {
    keys_.erase(order_.front());
    order_.pop_front();
  }
  persist();
  return true;
}

void ExposureLog::load() {
  if (loaded_) return;
  loaded_ = true;
  if (!store_) return;
  std::optional<std::string> text = store_->get(storeKey_);
  if (!text) return;
  std::optional<Json> list = parseJson(*text);
  if (!list || !list->is_array()) return;  // corrupt: start afresh
  for (const Json& item : *list) {
    if (item.is_string() && keys_.insert(item.get<std::string>()).second) {
      order_.push_back(item.get<std::string>());
    }
  }
  while (order_.size() > maxEntries_) {
    keys_.erase(order_.front());
    order_.pop_front();
  }
}

void ExposureLog::persist() {
  if (!store_) return;
  Json list = Json::array();
  for (const std::string& key : order_) list.push_back(key);
  store_->set(storeKey_, dumpJson(list));  // on quota failure the in-memory log still dedupes
}

}  // namespace engage::detail
