// The delivery queue: accepted events wait here, form batches by count, bytes and interval, and go to
// the Transport one batch at a time (so a visitor's events arrive in order). A failed batch returns to
// the front of the queue and is retried with exponential backoff and jitter (Retry-After wins when it
// is longer); 413 splits a batch; other 4xx drop it, counted by reason.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "delivery/delivery_config.h"
#include "engage/platform.h"

namespace engage::detail {

struct DeliveryStats {
  uint64_t accepted = 0;
  uint64_t sent = 0;       // events in batches the backend acknowledged
  uint64_t retried = 0;    // batch attempts that failed and were scheduled again
  uint64_t batches = 0;    // batches handed to the transport
  uint64_t bytesSent = 0;  // bodies handed to the transport
  std::map<std::string, uint64_t> dropped;  // events dropped, by reason
};

class Batcher {
 public:
  Batcher(DeliveryConfig config, Platform platform);

  void configure(const DeliveryConfig& config) { config_ = config; }
  void enqueue(std::string eventJson, int64_t nowMs);
  // Sends what is due (or everything queued when `force`); returns the number of batches sent.
  int pump(int64_t nowMs, bool force);
  void onResult(const std::string& batchId, int status, int64_t retryAfterMs, int64_t nowMs);
  // Milliseconds until pump() has work, or -1 when nothing waits.
  int64_t nextWakeupMs(int64_t nowMs) const;

  size_t queued() const { return queue_.size(); }
  bool inFlight() const { return inFlight_.has_value(); }
  const DeliveryStats& stats() const { return stats_; }

 private:
  struct Item {
    std::string json;
    int64_t enqueuedMs;
  };
  struct Flight {
    std::string id;
    std::deque<Item> items;
  };

  bool due(int64_t nowMs) const;
  void sendNext(int64_t nowMs);
  void requeueFront(std::deque<Item>& items);
  void drop(const std::string& reason, uint64_t count);
  int64_t backoffMs(int64_t retryAfterMs);

  DeliveryConfig config_;
  Platform platform_;
  std::deque<Item> queue_;
  size_t queuedBytes_ = 0;
  std::optional<Flight> inFlight_;
  size_t splitLimit_ = 0;  // after a 413, batches hold at most this many events until one succeeds
  int attempt_ = 0;
  int64_t retryAtMs_ = 0;
  uint64_t nextBatchNumber_ = 1;
  DeliveryStats stats_;
};

}  // namespace engage::detail
