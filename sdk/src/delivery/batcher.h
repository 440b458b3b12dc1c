// One destination's delivery: accepted events wait in a PersistentQueue, form batches by count,
// bytes and interval, and go to the Transport one batch at a time (so a visitor's events arrive in
// order). Events leave storage only when the backend acknowledged them or they were dropped, so a
// reload, a crash or a closed tab loses nothing. A failed batch is retried with exponential backoff
// and jitter (Retry-After wins when longer); 413 halves the batch; other 4xx drop it, counted.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "delivery/delivery_config.h"
#include "delivery/persistent_queue.h"
#include "engage/platform.h"

namespace engage::detail {

struct DeliveryStats {
  uint64_t accepted = 0;
  uint64_t sent = 0;        // events in batches the backend acknowledged
  uint64_t retried = 0;     // batch attempts that failed and were scheduled again
  uint64_t batches = 0;     // batches handed to the transport
  uint64_t bytesSent = 0;   // bodies handed to the transport
  uint64_t beaconed = 0;    // events handed over at page hide (acknowledged on a later load)
  std::map<std::string, uint64_t> dropped;  // events dropped, by reason
};

class Batcher {
 public:
  Batcher(const DeliveryConfig& config, Destination destination, Platform platform,
          std::string queueNamespace, std::string batchIdPrefix);

  void configure(const DeliveryConfig& config) { config_ = config; }
  void load(int64_t nowMono) { queue_.load(nowMono); }
  void enqueue(std::string eventJson, int64_t wallMs, int64_t nowMono);
  void adopt(std::deque<QueuedEvent>&& events, int64_t nowMono) { queue_.adopt(std::move(events), nowMono); }
  // Sends the next batch if one is due (or anything waiting, when `force`). Returns batches sent.
  int pump(int64_t nowMono, bool force);
  // Page hide: hands what waits to the transport as beacons, within `budget` bytes (reduced by what
  // was used). The events stay stored until a later load sees them acknowledged or resends them.
  void unload(size_t& budget);
  bool onResult(const std::string& batchId, int status, int64_t retryAfterMs, int64_t nowMono);
  int64_t nextWakeupMs(int64_t nowMono) const;
  void setOnline(bool online) { online_ = online; }
  // Back from the back/forward cache: what was handed over at page hide is unconfirmed, so it is
  // sent again (the backend de-duplicates by messageId).
  void resume() { inFlight_ = 0; inFlightId_.clear(); }
  void persist() { queue_.commit(); }

  PersistentQueue& queue() { return queue_; }
  size_t queued() const { return queue_.items().size() - inFlight_; }
  bool inFlight() const { return inFlight_ > 0; }
  const DeliveryStats& stats() const { return stats_; }
  uint64_t storageFailures() const { return queue_.storageFailures(); }

 private:
  bool due(int64_t nowMono) const;
  // Builds a batch from the waiting events: at most maxEvents and maxBytes.
  OutgoingBatch takeBatch(size_t maxEvents, size_t maxBytes, size_t& taken);
  void dropFront(size_t count, const std::string& reason);
  void enforceBounds();
  void dropExpired();
  int64_t backoffMs(int64_t retryAfterMs);

  DeliveryConfig config_;
  Destination destination_;
  Platform platform_;
  PersistentQueue queue_;
  std::string batchIdPrefix_;
  size_t inFlight_ = 0;          // the first inFlight_ queued events are in the batch on the wire
  std::string inFlightId_;
  size_t splitLimit_ = 0;        // after a 413, batches hold at most this many until one succeeds
  int attempt_ = 0;
  int64_t retryAtMs_ = 0;
  bool online_ = true;
  uint64_t nextBatchNumber_ = 1;
  DeliveryStats stats_;
};

}  // namespace engage::detail
