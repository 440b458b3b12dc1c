#include "experiment/regex_cache.h"

namespace engage::detail {

const Regex* RegexCache::get(std::string_view pattern, bool ignoreCase) {
  std::string key(pattern);
  key += ignoreCase ? "/i" : "/";
  auto it = compiled_.find(key);
  if (it == compiled_.end()) {
    if (compiled_.size() >= capacity_) compiled_.clear();
    it = compiled_.emplace(std::move(key), Regex::compile(pattern, ignoreCase, limits_)).first;
  }
  return it->second ? &*it->second : nullptr;
}

}  // namespace engage::detail
