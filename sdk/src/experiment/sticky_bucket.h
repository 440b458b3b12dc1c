// Sticky-bucket documents (GrowthBook's StickyAssignmentsDocument) persisted in the
// KeyValueStore: {"attributeName", "attributeValue", "assignments": {"<expKey>__<bucketVersion>":
// "<variationKey>"}}, one per (attribute, value), under prefix + "attr||value". Documents are read
// lazily on first use and cached (misses included), so evaluation touches the store at most once
// per document.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/json_access.h"
#include "engage/platform.h"

namespace engage::detail {

class StickyBucketStore {
 public:
  StickyBucketStore(KeyValueStore* store, std::string prefix)
      : store_(store), prefix_(std::move(prefix)) {}

  static std::string attributeKey(const std::string& name, const std::string& value) {
    return name + "||" + value;
  }

  // The document for "attr||value", or nullptr when there is none.
  const Json* find(const std::string& attributeKey);

  // Stores the document in the cache and the KeyValueStore (a failed write keeps it in memory).
  void save(const std::string& attributeKey, Json doc);

  void clearCache() { cache_.clear(); }

 private:
  KeyValueStore* store_;
  std::string prefix_;
  std::map<std::string, std::optional<Json>> cache_;
};

}  // namespace engage::detail
