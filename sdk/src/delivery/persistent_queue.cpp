#include "delivery/persistent_queue.h"

#include <algorithm>

#include "base/json_access.h"

namespace engage::detail {

namespace {
constexpr uint64_t kMaxScan = 100000;  // a corrupt meta record never makes load() loop for long
}

PersistentQueue::PersistentQueue(KeyValueStore* store, std::string ns)
    : store_(store), ns_(std::move(ns)) {}

void PersistentQueue::load(int64_t nowMonoMs) {
  items_.clear();
  bytes_ = 0;
  head_ = tail_ = 0;
  auto meta = store_->get(ns_ + "meta");
  if (!meta) return;
  auto parsed = parseJson(*meta);
  if (!parsed) return;
  head_ = static_cast<uint64_t>(std::max<int64_t>(0, integerOr(*parsed, "head", 0)));
  tail_ = static_cast<uint64_t>(std::max<int64_t>(0, integerOr(*parsed, "tail", 0)));
  if (tail_ < head_ || tail_ - head_ > kMaxScan) head_ = tail_ > kMaxScan ? tail_ - kMaxScan : 0;
  for (uint64_t seq = head_; seq < tail_; ++seq) {
    auto value = store_->get(key(seq));
    if (!value) continue;
    size_t bar = value->find('|');
    if (bar == std::string::npos || bar > 20) continue;  // not written by us: skip it
    QueuedEvent e;
    e.seq = seq;
    e.wallMs = std::strtoll(value->c_str(), nullptr, 10);
    e.readyMs = nowMonoMs;
    e.json = value->substr(bar + 1);
    bytes_ += e.json.size();
    items_.push_back(std::move(e));
  }
}

bool PersistentQueue::push(std::string json, int64_t wallMs, int64_t nowMonoMs) {
  QueuedEvent e{tail_++, wallMs, nowMonoMs, std::move(json)};
  metaDirty_ = true;
  bool stored = store_->set(key(e.seq), std::to_string(wallMs) + "|" + e.json);
  if (!stored) ++storageFailures_;
  bytes_ += e.json.size();
  items_.push_back(std::move(e));
  return stored;
}

void PersistentQueue::adopt(std::deque<QueuedEvent>&& events, int64_t nowMonoMs) {
  for (auto& e : events) {
    e.seq = tail_++;
    e.readyMs = nowMonoMs;
    if (!store_->set(key(e.seq), std::to_string(e.wallMs) + "|" + e.json)) ++storageFailures_;
    bytes_ += e.json.size();
    items_.push_back(std::move(e));
  }
  metaDirty_ = true;
}

void PersistentQueue::erase(const QueuedEvent& event) {
  store_->remove(key(event.seq));
  auto it = std::find_if(items_.begin(), items_.end(),
                         [&](const QueuedEvent& e) { return e.seq == event.seq; });
  if (it != items_.end()) {
    bytes_ -= it->json.size();
    items_.erase(it);
  }
  metaDirty_ = true;
}

void PersistentQueue::clearStorage() {
  for (uint64_t seq = head_; seq < tail_; ++seq) store_->remove(key(seq));
  store_->remove(ns_ + "meta");
  items_.clear();
  bytes_ = 0;
  head_ = tail_;
  metaDirty_ = false;
}

void PersistentQueue::recomputeHead() {
  head_ = items_.empty() ? tail_ : items_.front().seq;
  for (const auto& e : items_) head_ = std::min(head_, e.seq);
}

void PersistentQueue::flushMeta() {
  if (!metaDirty_) return;
  metaDirty_ = false;
  recomputeHead();
  if (items_.empty()) {
    store_->remove(ns_ + "meta");
    head_ = tail_ = 0;  // an empty queue starts over at 0: keys stay short
    return;
  }
  if (!store_->set(ns_ + "meta", "{\"head\":" + std::to_string(head_) + ",\"tail\":" +
                                     std::to_string(tail_) + "}"))
    ++storageFailures_;
}

}  // namespace engage::detail
