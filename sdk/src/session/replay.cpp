// The same core across visitors: replay one visitor's log through an Engagement on a private memory
// store (the collector and engage-replay aggregate the results with aggregateVisitors()).
#include <algorithm>
#include <map>

#include "base/json_access.h"
#include "engage/engagement.h"

namespace engage {
namespace {

class MemoryKeyValueStore : public KeyValueStore {
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

 private:
  std::map<std::string, std::string> data_;
};

}  // namespace

VisitorReplay replayVisitor(const std::vector<TimedEvent>& events, const EngagementConfig& config,
                            std::optional<int64_t> asOfMs) {
  std::vector<const TimedEvent*> ordered;
  ordered.reserve(events.size());
  for (const TimedEvent& e : events) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const TimedEvent* a, const TimedEvent* b) { return a->wallMs < b->wallMs; });
  EngagementConfig replayConfig = config;
  replayConfig.engagedTimeFromPageLeft = true;
  MemoryKeyValueStore store;
  Engagement engagement(replayConfig, store, "");
  int64_t last = 0;
  for (const TimedEvent* e : ordered) {
    engagement.onEvent(e->event, e->wallMs);
    last = std::max(last, e->wallMs);
  }
  int64_t now = asOfMs.value_or(last);
  if (asOfMs) {
    engagement.tick(now);
  } else {
    engagement.endSession(now);
  }
  return VisitorReplay{engagement.totals(now), engagement.metrics(now)};
}

}  // namespace engage
