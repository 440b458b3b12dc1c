#include "experiment/sticky_bucket.h"

namespace engage::detail {

const Json* StickyBucketStore::find(const std::string& attributeKey) {
  auto it = cache_.find(attributeKey);
  if (it == cache_.end()) {
    std::optional<Json> doc;
    if (store_) {
      std::optional<std::string> text = store_->get(prefix_ + attributeKey);
      if (text) doc = parseJson(*text);
      // Documents that are not objects with an assignments object are ignored as corrupt.
      const Json* assignments = doc ? member(*doc, "assignments") : nullptr;
      if (!assignments || !assignments->is_object()) {
        doc.reset();
      }
    }
    it = cache_.emplace(attributeKey, std::move(doc)).first;
  }
  return it->second ? &*it->second : nullptr;
}

void StickyBucketStore::save(const std::string& attributeKey, Json doc) {
  if (store_) store_->set(prefix_ + attributeKey, dumpJson(doc));
  cache_[attributeKey] = std::move(doc);
}

}  // namespace engage::detail
