#include "delivery/batcher.h"

#include <algorithm>

#include "base/ids.h"
#include "base/json_access.h"

namespace engage::detail {

Batcher::Batcher(DeliveryConfig config, Platform platform)
    : config_(std::move(config)), platform_(platform) {}

void Batcher::enqueue(std::string eventJson, int64_t nowMs) {
  ++stats_.accepted;
  queuedBytes_ += eventJson.size();
  queue_.push_back(Item{std::move(eventJson), nowMs});
  while (queue_.size() > config_.maxQueueEvents) {
    queuedBytes_ -= queue_.front().json.size();
    queue_.pop_front();
    drop("queue_full", 1);
  }
}

bool Batcher::due(int64_t nowMs) const {
  if (queue_.empty() || inFlight_ || nowMs < retryAtMs_) return false;
  return queue_.size() >= config_.maxBatchEvents || queuedBytes_ >= config_.maxBatchBytes ||
         nowMs - queue_.front().enqueuedMs >= config_.flushIntervalMs;
}

int Batcher::pump(int64_t nowMs, bool force) {
  int sent = 0;
  // One batch in flight at a time keeps order; a forced flush still waits for it.
  if (!inFlight_ && !queue_.empty() && (force ? nowMs >= retryAtMs_ : due(nowMs))) {
    sendNext(nowMs);
    ++sent;
  }
  return sent;
}

void Batcher::sendNext(int64_t nowMs) {
  Flight flight;
  flight.id = "b" + std::to_string(nextBatchNumber_++);
  std::string body = "{\"batch\":[";
  size_t bytes = 0;
  const size_t maxEvents = splitLimit_ ? std::min(splitLimit_, config_.maxBatchEvents)
                                     : config_.maxBatchEvents;
  while (!queue_.empty() && flight.items.size() < maxEvents) {
    const Item& next = queue_.front();
    if (!flight.items.empty() && bytes + next.json.size() > config_.maxBatchBytes) break;
    if (!flight.items.empty()) body += ',';
    body += next.json;
    bytes += next.json.size();
    queuedBytes_ -= next.json.size();
    flight.items.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  body += "],\"sentAt\":\"" + isoTimestamp(platform_.clock->wallMs()) + "\"";
  if (!config_.writeKey.empty()) body += ",\"writeKey\":" + Json(config_.writeKey).dump();
  body += '}';

  OutgoingBatch batch{flight.id, config_.endpoint, "application/json", std::move(body),
                      static_cast<int>(flight.items.size())};
  ++stats_.batches;
  stats_.bytesSent += batch.body.size();
  inFlight_ = std::move(flight);
  platform_.transport->send(batch);
}

void Batcher::onResult(const std::string& batchId, int status, int64_t retryAfterMs,
                       int64_t nowMs) {
  if (!inFlight_ || inFlight_->id != batchId) return;  // stale or unknown: nothing to do
  Flight flight = std::move(*inFlight_);
  inFlight_.reset();
  const uint64_t count = flight.items.size();

  if (status >= 200 && status < 300) {
    stats_.sent += count;
    attempt_ = 0;
    retryAtMs_ = 0;
    splitLimit_ = 0;
  } else if (status == 413 && count > 1) {
    requeueFront(flight.items);  // the next batch is half the size
    splitLimit_ = std::max<size_t>(1, count / 2);
  } else if (status == 413) {
    drop("too_large", 1);
  } else if (status == 0 || status == 408 || status == 429 || status >= 500) {
    ++stats_.retried;
    requeueFront(flight.items);
    retryAtMs_ = nowMs + backoffMs(retryAfterMs);
    ++attempt_;
  } else {
    drop("rejected_" + std::to_string(status), count);
  }
  pump(nowMs, false);
}

void Batcher::requeueFront(std::deque<Item>& items) {
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    queuedBytes_ += it->json.size();
    queue_.push_front(std::move(*it));
  }
}

void Batcher::drop(const std::string& reason, uint64_t count) { stats_.dropped[reason] += count; }

int64_t Batcher::backoffMs(int64_t retryAfterMs) {
  int64_t exp = config_.retryBaseMs << std::min(attempt_, 16);
  int64_t capped = std::min(exp, config_.retryMaxMs);
  // Full jitter in [capped/2, capped] spreads many clients' retries.
  int64_t jittered = capped / 2 + static_cast<int64_t>(platform_.random->nextU32() % (capped / 2 + 1));
  return std::max(jittered, retryAfterMs);
}

int64_t Batcher::nextWakeupMs(int64_t nowMs) const {
  if (queue_.empty() || inFlight_) return -1;
  if (nowMs < retryAtMs_) return retryAtMs_ - nowMs;
  if (due(nowMs)) return 0;
  return std::max<int64_t>(0, queue_.front().enqueuedMs + config_.flushIntervalMs - nowMs);
}

}  // namespace engage::detail
