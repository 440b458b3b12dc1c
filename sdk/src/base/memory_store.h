// A KeyValueStore in memory: where the core keeps what it may not write to the device (opt-in mode
// before consent, cookieless mode), and the fallback when no store is given.
#pragma once

#include <map>
#include <string>

#include "engage/platform.h"

namespace engage::detail {

class MemoryKeyValueStore final : public KeyValueStore {
 public:
  std::optional<std::string> get(const std::string& key) override {
    auto it = data_.find(key);
    return it == data_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  bool set(const std::string& key, const std::string& value) override {
    data_[key] = value;
    return true;
  }
  void remove(const std::string& key) override { data_.erase(key); }
  size_t size() const { return data_.size(); }

 private:
  std::map<std::string, std::string> data_;
};

}  // namespace engage::detail
