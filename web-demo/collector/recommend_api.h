// Recommendation models built from the collector's own events, with the same core code as
// engage-model (engage/recommend.h: parseEngageEvent, groupSessions, filterSessions,
// toTrainingSessions, buildModel).
//   POST /v1/recommendations/model  rebuilds the model from every stored event; answers its figures
//   GET  /v1/recommendations/model  the latest model file (application/octet-stream); built on the
//                                   first request when none exists yet
// A demo database with too few sessions is seeded with a generated history over the demo shop's
// catalog (RecommendApiConfig::seedCatalog), so the shop's slots are never blank; the answer says so.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api_types.h"
#include "event_store.h"

namespace engage::collector {

struct RecommendApiConfig {
  size_t minSessionsBeforeSeed = 20;  // fewer real training sessions than this => add the seed
  int seedSessions = 300;             // generated sessions in the seed
  size_t minItemSupport = 1;          // a demo catalog is small: keep every item seen
  // The demo shop's catalog (web-demo/shop/assets/catalog.js): id, category.
  std::vector<std::pair<std::string, std::string>> seedCatalog = {
      {"aurora-lamp", "Home"},       {"pilea-plant", "Home"},        {"stoneware-mug", "Kitchen"},
      {"pour-over-kettle", "Kitchen"}, {"trail-daypack", "Outdoor"}, {"merino-beanie", "Apparel"}};
};

class RecommendApi {
 public:
  RecommendApi(EventStore& store, RecommendApiConfig config = {}) : store_(store), config_(std::move(config)) {}
  ApiResponse rebuild();
  ApiResponse model();

 private:
  ApiResponse rebuildLocked();
  EventStore& store_;
  RecommendApiConfig config_;
  std::mutex mutex_;
  std::string model_;  // the latest model file, "" before the first build
};

}  // namespace engage::collector
