#include "delivery/persistent_queue.h"

#include <algorithm>

#include "base/json_access.h"

namespace engage::detail {

namespace {
constexpr size_t kMaxSegments = 100000;  // a corrupt meta record never makes load() run long
}

PersistentQueue::PersistentQueue(KeyValueStore* store, std::string ns)
    : store_(store), ns_(std::move(ns)) {}

void PersistentQueue::load(int64_t nowMonoMs) {
  items_.clear();
  segments_.clear();
  bytes_ = 0;
  unsaved_ = 0;
  nextSegment_ = 1;
  auto meta = store_->get(ns_ + "meta");
  auto parsed = meta ? parseJson(*meta) : std::nullopt;
  if (!parsed) return;
  nextSegment_ = static_cast<uint64_t>(std::max<int64_t>(1, integerOr(*parsed, "next", 1)));
  const Json* segs = member(*parsed, "segs");
  if (!segs || !segs->is_array()) return;
  for (const Json& seg : *segs) {
    if (segments_.size() >= kMaxSegments) break;
    if (!seg.is_array() || seg.size() != 3 || !seg[0].is_number_unsigned() ||
        !seg[1].is_number_unsigned() || !seg[2].is_array())
      continue;  // not written by us: skip it
    const uint64_t id = seg[0].get<uint64_t>();
    auto text = store_->get(segmentKey(id));
    if (!text) continue;
    Segment s;
    s.count = static_cast<uint32_t>(std::min<uint64_t>(seg[1].get<uint64_t>(), 1u << 20));
    for (const Json& r : seg[2])
      if (r.is_number_unsigned()) s.removed.insert(r.get<uint32_t>());
    size_t start = 0;
    for (uint32_t index = 0; index < s.count && start < text->size(); ++index) {
      size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      size_t bar = text->find('|', start);
      if (!s.removed.count(index) && bar != std::string::npos && bar < end && bar - start <= 20) {
        QueuedEvent e{id, index, std::strtoll(text->c_str() + start, nullptr, 10), nowMonoMs,
                      text->substr(bar + 1, end - bar - 1)};
        bytes_ += e.json.size();
        items_.push_back(std::move(e));
      }
      start = end + 1;
    }
    segments_[id] = std::move(s);
    nextSegment_ = std::max(nextSegment_, id + 1);
  }
}

void PersistentQueue::push(std::string json, int64_t wallMs, int64_t nowMonoMs) {
  bytes_ += json.size();
  items_.push_back(QueuedEvent{0, 0, wallMs, nowMonoMs, std::move(json)});
  ++unsaved_;
}

void PersistentQueue::adopt(std::deque<QueuedEvent>&& events, int64_t nowMonoMs) {
  for (auto& e : events) push(std::move(e.json), e.wallMs, nowMonoMs);
}

void PersistentQueue::erase(const QueuedEvent& event) {
  const uint64_t segment = event.segment;
  const uint32_t index = event.index;
  auto it = std::find_if(items_.begin(), items_.end(), [&](const QueuedEvent& e) {
    return &e == &event || (segment != 0 && e.segment == segment && e.index == index);
  });
  if (it == items_.end()) return;
  const size_t position = static_cast<size_t>(it - items_.begin());
  if (position >= items_.size() - unsaved_) --unsaved_;  // never written: nothing to remove
  bytes_ -= it->json.size();
  items_.erase(it);
  auto seg = segments_.find(segment);
  if (segment == 0 || seg == segments_.end()) return;
  seg->second.removed.insert(index);
  if (seg->second.removed.size() >= seg->second.count) {
    store_->remove(segmentKey(segment));
    segments_.erase(seg);
  }
  metaDirty_ = true;
}

void PersistentQueue::clearStorage() {
  for (const auto& [id, seg] : segments_) store_->remove(segmentKey(id));
  store_->remove(ns_ + "meta");
  items_.clear();
  segments_.clear();
  bytes_ = 0;
  unsaved_ = 0;
  metaDirty_ = false;
}

void PersistentQueue::commit() {
  if (unsaved_ > 0) {
    const uint64_t id = nextSegment_++;
    std::string text;
    const size_t first = items_.size() - unsaved_;
    for (size_t i = first; i < items_.size(); ++i) {
      if (i > first) text += '\n';
      text += std::to_string(items_[i].wallMs);
      text += '|';
      text += items_[i].json;
    }
    if (store_->set(segmentKey(id), text)) {
      for (size_t i = first; i < items_.size(); ++i) {
        items_[i].segment = id;
        items_[i].index = static_cast<uint32_t>(i - first);
      }
      segments_[id].count = static_cast<uint32_t>(unsaved_);
    } else {
      storageFailures_ += unsaved_;
    }
    unsaved_ = 0;
    metaDirty_ = true;
  }
  if (metaDirty_) writeMeta();
}

void PersistentQueue::writeMeta() {
  metaDirty_ = false;
  if (segments_.empty()) {
    store_->remove(ns_ + "meta");
    return;
  }
  std::string text = "{\"next\":" + std::to_string(nextSegment_) + ",\"segs\":[";
  bool firstSeg = true;
  for (const auto& [id, seg] : segments_) {
    if (!firstSeg) text += ',';
    firstSeg = false;
    text += '[' + std::to_string(id) + ',' + std::to_string(seg.count) + ",[";
    bool firstRemoved = true;
    for (uint32_t r : seg.removed) {
      if (!firstRemoved) text += ',';
      firstRemoved = false;
      text += std::to_string(r);
    }
    text += "]]";
  }
  text += "]}";
  if (!store_->set(ns_ + "meta", text)) ++storageFailures_;
}

}  // namespace engage::detail
