#include "delivery/batcher.h"

#include <algorithm>

#include "base/ids.h"

namespace engage::detail {

Batcher::Batcher(const DeliveryConfig& config, Destination destination, Platform platform,
                 std::string queueNamespace, std::string batchIdPrefix)
    : config_(config),
      destination_(std::move(destination)),
      platform_(platform),
      queue_(platform.store, std::move(queueNamespace)),
      batchIdPrefix_(std::move(batchIdPrefix)) {}

void Batcher::enqueue(std::string eventJson, int64_t wallMs, int64_t nowMono) {
  ++stats_.accepted;
  queue_.push(std::move(eventJson), wallMs, nowMono);
  enforceBounds();
}

void Batcher::enforceBounds() {
  auto& items = queue_.items();
  while (items.size() > inFlight_ &&
         (items.size() > config_.maxQueueEvents || queue_.bytes() > config_.maxQueueBytes)) {
    // Drop the oldest event that is not on the wire: the newest tell the most about now.
    queue_.erase(items[inFlight_]);
    stats_.dropped["queue_full"] += 1;
  }
}

void Batcher::dropExpired() {
  const int64_t now = platform_.clock->wallMs();
  auto& items = queue_.items();
  while (items.size() > inFlight_ && now - items[inFlight_].wallMs > config_.maxEventAgeMs) {
    queue_.erase(items[inFlight_]);
    stats_.dropped["expired"] += 1;
  }
}

bool Batcher::due(int64_t nowMono) const {
  if (!online_ || inFlight_ > 0 || queued() == 0 || nowMono < retryAtMs_) return false;
  if (queued() >= config_.maxBatchEvents || queue_.bytes() >= config_.maxBatchBytes) return true;
  return nowMono - queue_.items().front().readyMs >= config_.flushIntervalMs;
}

OutgoingBatch Batcher::takeBatch(size_t maxEvents, size_t maxBytes, size_t& taken) {
  const auto& items = queue_.items();
  std::vector<const std::string*> events;
  size_t bytes = 0;
  for (size_t i = inFlight_; i < items.size() && events.size() < maxEvents; ++i) {
    if (!events.empty() && bytes + items[i].json.size() > maxBytes) break;
    bytes += items[i].json.size();
    events.push_back(&items[i].json);
  }
  taken = events.size();
  OutgoingBatch batch;
  batch.id = batchIdPrefix_ + std::to_string(nextBatchNumber_++);
  batch.url = destination_.url;
  batch.body = formatBatch(destination_.format, events, destination_.writeKey,
                           isoTimestamp(platform_.clock->wallMs()));
  batch.eventCount = static_cast<int>(taken);
  batch.gzip = destination_.gzip;
  return batch;
}

int Batcher::pump(int64_t nowMono, bool force) {
  dropExpired();
  const bool go = force ? online_ && inFlight_ == 0 && queued() > 0 && nowMono >= retryAtMs_
                        : due(nowMono);
  if (!go) return 0;
  const size_t maxEvents = splitLimit_ ? std::min(splitLimit_, config_.maxBatchEvents)
                                       : config_.maxBatchEvents;
  size_t taken = 0;
  OutgoingBatch batch = takeBatch(maxEvents, config_.maxBatchBytes, taken);
  inFlight_ = taken;
  inFlightId_ = batch.id;
  ++stats_.batches;
  stats_.bytesSent += batch.body.size();
  platform_.transport->send(batch);
  return 1;
}

void Batcher::unload(size_t& budget) {
  while (queued() > 0 && budget > 0) {
    size_t taken = 0;
    OutgoingBatch batch = takeBatch(config_.maxBatchEvents, budget, taken);
    if (batch.body.size() > budget) break;  // even one event does not fit: it waits for next load
    batch.beacon = true;
    batch.gzip = false;  // compression is asynchronous; a page that is going away cannot wait
    budget -= batch.body.size();
    inFlight_ += taken;  // not resent by this page; a later load resends what stays stored
    stats_.beaconed += taken;
    stats_.bytesSent += batch.body.size();
    ++stats_.batches;
    platform_.transport->send(batch);
  }
}

bool Batcher::onResult(const std::string& batchId, int status, int64_t retryAfterMs,
                       int64_t nowMono) {
  if (inFlight_ == 0 || batchId != inFlightId_) return false;  // not ours, or stale
  const size_t count = inFlight_;
  inFlight_ = 0;
  inFlightId_.clear();
  if (status >= 200 && status < 300) {
    stats_.sent += count;
    dropFront(count, "");
    attempt_ = 0;
    retryAtMs_ = 0;
    splitLimit_ = 0;
  } else if (status == 413 && count > 1) {
    splitLimit_ = std::max<size_t>(1, count / 2);
  } else if (status == 413) {
    dropFront(1, "too_large");
  } else if (status == 0 || status == 408 || status == 429 || status >= 500) {
    ++stats_.retried;
    retryAtMs_ = nowMono + backoffMs(retryAfterMs);
    ++attempt_;
  } else {
    dropFront(count, "rejected_" + std::to_string(status));
  }
  pump(nowMono, false);
  return true;
}

void Batcher::dropFront(size_t count, const std::string& reason) {
  auto& items = queue_.items();
  for (size_t i = 0; i < count && !items.empty(); ++i) queue_.erase(items.front());
  if (!reason.empty()) stats_.dropped[reason] += count;
}

int64_t Batcher::backoffMs(int64_t retryAfterMs) {
  const int64_t exp = config_.retryBaseMs << std::min(attempt_, 16);
  const int64_t capped = std::min(exp, config_.retryMaxMs);
  // Jitter in [capped/2, capped] spreads many clients' retries.
  const int64_t jittered =
      capped / 2 + static_cast<int64_t>(platform_.random->nextU32() % (capped / 2 + 1));
  return std::max(jittered, retryAfterMs);
}

int64_t Batcher::nextWakeupMs(int64_t nowMono) const {
  if (!online_ || queued() == 0 || inFlight_ > 0) return -1;
  if (nowMono < retryAtMs_) return retryAtMs_ - nowMono;
  if (due(nowMono)) return 0;
  return std::max<int64_t>(0, queue_.items().front().readyMs + config_.flushIntervalMs - nowMono);
}

}  // namespace engage::detail
