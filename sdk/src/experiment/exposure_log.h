// Which (visitor, experiment, variation) exposures were already logged on this device, persisted
// in the KeyValueStore as one JSON array of keys (oldest first, bounded) so that a reload does
// not log the same exposure again. Read lazily on first use.
#pragma once

#include <deque>
#include <string>
#include <unordered_set>

#include "engage/platform.h"

namespace engage::detail {

class ExposureLog {
 public:
  ExposureLog(KeyValueStore* store, std::string storeKey, size_t maxEntries)
      : store_(store), storeKey_(std::move(storeKey)), maxEntries_(maxEntries) {}

  // The key of one exposure: hash attribute, its value, the experiment and the variation index
  // (GrowthBook's dedupe key, with separators so that parts cannot run into each other).
  static std::string exposureKey(const std::string& hashAttribute, const std::string& hashValue,
                                 const std::string& experimentKey, int variationId);

  // Records the exposure. True when it had not been recorded before (the caller logs it).
  bool record(const std::string& key);
  bool contains(const std::string& key);

 private:
  void load();
  void persist();

  KeyValueStore* store_;
  std::string storeKey_;
  size_t maxEntries_;
  bool loaded_ = false;
  std::deque<std::string> order_;
  std::unordered_set<std::string> keys_;
};

}  // namespace engage::detail
