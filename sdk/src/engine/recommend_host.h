// The engine's on-device recommendations: one loaded model (engage/recommend.h) plus what this
// device knows about the visitor — products viewed, added and bought (Product Viewed / Product
// Added / Order Completed `product_id`s) — kept bounded in the privacy gate's store. The current
// session is the tail of that history (events within `sessionGapMs` of each other, ending recently);
// the rest is long-term history. Without the personalisation consent category nothing is recorded,
// the stored record is removed, and recommend() is popularity-only. Internal to the engine concept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_access.h"
#include "engage/platform.h"
#include "engage/recommend.h"

namespace engage::detail {

struct RecommendHostConfig {
  size_t maxHistory = 200;               // last N product events kept (with timestamps)
  size_t maxCart = 100;                  // cart items kept for the exclusion rules
  size_t maxPurchased = 200;             // purchased items kept for the exclusion rules
  int64_t sessionGapMs = 30 * 60 * 1000; // same gap as the model's training sessions
  size_t maxModelBytes = 16u << 20;      // decoded model size limit (16 MB)
  double viewWeight = 1, cartWeight = 3, orderWeight = 5;  // history weights by event kind
};

// Standard base64 (with or without padding, whitespace not allowed) -> bytes; false when invalid.
bool decodeBase64(std::string_view text, std::string& out);

class RecommendHost {
 public:
  // Loads a model file; returns "" or an error "code: message".
  std::string load(std::string_view bytes);
  bool loaded() const { return recommender_.has_value(); }
  size_t itemCount() const { return loaded() ? recommender_->model().itemCount() : 0; }

  // Where the record lives and whether it may exist at all; removes it when not allowed.
  void sync(KeyValueStore* store, const std::string& storagePrefix, bool personalised);
  // Records a track command's commerce event (no-op unless personalised).
  void observe(const Json& command, int64_t nowMs);
  // Fills the request's visitor data (session, history, cart, purchased) and scores it.
  std::vector<recommend::Recommendation> recommend(recommend::Request request, int64_t nowMs);
  Json stateJson() const;

 private:
  struct Entry {
    std::string item;
    int64_t tsMs = 0;
    double weight = 1;
  };
  void loadRecord();
  void saveRecord();
  void clear();

  RecommendHostConfig config_;
  std::optional<recommend::Recommender> recommender_;
  KeyValueStore* store_ = nullptr;
  std::string key_;
  bool personalised_ = false;
  std::vector<Entry> history_;
  std::vector<std::string> cart_;
  std::vector<std::string> purchased_;
};

}  // namespace engage::detail
